// Cluster groups and project ideas as they stand today: by problem area, by status, and the organisations
// taking part in each idea. Counts of groups, ideas and organisations: no people, so nothing to suppress.
import { asc, eq } from 'drizzle-orm';
import { clusterGroups, ideaOrganisations, ideas, organisations, IDEA_STATUSES } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { STATUS_LABELS } from '#lib/ideas/template.ts';

export interface AreaRow {
  area: string;
  groups: number;
  ideas: number;
}

export interface IdeaStatusRow {
  key: string;
  label: string;
  ideas: number;
}

export interface IdeaOrganisationsRow {
  idea: string;
  group: string;
  status: string;
  organisations: number;
  names: string;
}

export interface ClusterFigures {
  byArea: AreaRow[];
  byStatus: IdeaStatusRow[];
  ideaOrganisations: IdeaOrganisationsRow[];
}

export function loadClusterFigures(db: Db): ClusterFigures {
  const groups = db.select({ id: clusterGroups.id, name: clusterGroups.name, area: clusterGroups.problemArea }).from(clusterGroups).all();
  const ideaRows = db.select({ id: ideas.id, groupId: ideas.groupId, title: ideas.title, status: ideas.status }).from(ideas).orderBy(asc(ideas.title)).all();
  const links = db
    .select({ ideaId: ideaOrganisations.ideaId, name: organisations.name })
    .from(ideaOrganisations)
    .innerJoin(organisations, eq(organisations.id, ideaOrganisations.organisationId))
    .orderBy(asc(organisations.name))
    .all();

  const areas = new Map<string, AreaRow>();
  const groupById = new Map(groups.map((g) => [g.id, g]));
  for (const g of groups) {
    const row = areas.get(g.area) ?? { area: g.area, groups: 0, ideas: 0 };
    row.groups++;
    areas.set(g.area, row);
  }
  for (const i of ideaRows) areas.get(groupById.get(i.groupId)!.area)!.ideas++;

  const byStatus = IDEA_STATUSES.map((s) => ({ key: s, label: STATUS_LABELS[s], ideas: ideaRows.filter((i) => i.status === s).length }));
  const namesByIdea = new Map<number, string[]>();
  for (const l of links) namesByIdea.set(l.ideaId, [...(namesByIdea.get(l.ideaId) ?? []), l.name]);
  const ideaOrgs = ideaRows.map((i) => {
    const names = (namesByIdea.get(i.id) ?? []).sort((a, b) => a.localeCompare(b, 'sv'));
    return { idea: i.title, group: groupById.get(i.groupId)!.name, status: STATUS_LABELS[i.status], organisations: names.length, names: names.join(', ') };
  });
  return {
    byArea: [...areas.values()].sort((a, b) => a.area.localeCompare(b.area, 'sv')),
    byStatus,
    ideaOrganisations: ideaOrgs,
  };
}
