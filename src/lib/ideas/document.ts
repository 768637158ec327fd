// Loads everything an export or the print view shows, in one plain object.
import type { Idea } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { listIdeaOrganisations, sectionsWithText, type SectionView } from './ideas.ts';
import { STATUS_LABELS } from './template.ts';

export interface IdeaDocument {
  title: string;
  groupName: string;
  targetCall: string;
  statusLabel: string;
  sections: SectionView[];
  organisations: Array<{ name: string; role: string }>;
}

export function loadIdeaDocument(db: Db, idea: Idea, groupName: string): IdeaDocument {
  return {
    title: idea.title,
    groupName,
    targetCall: idea.targetCall,
    statusLabel: STATUS_LABELS[idea.status],
    sections: sectionsWithText(db, idea.id),
    organisations: listIdeaOrganisations(db, idea.id).map((o) => ({ name: o.name, role: o.role })),
  };
}

/** A file name without characters that trouble Content-Disposition or file systems. */
export function exportFileName(title: string, ext: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'projektide'}.${ext}`;
}
