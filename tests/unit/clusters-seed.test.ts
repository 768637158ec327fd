import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDb } from '#lib/db.ts';
import { loadDemoDataIfEmpty } from '#db/seed/index.ts';
import { clusterGroups, ideas } from '#db/schema/index.ts';
import { listMembers, representedOrganisations } from '#lib/clusters/groups.ts';
import { sectionsWithText } from '#lib/ideas/ideas.ts';

describe('cluster demo data', () => {
  it('has two groups with members from several organisations and one partly written idea each', () => {
    const db = openDb(':memory:');
    loadDemoDataIfEmpty(db);
    const groups = db.select().from(clusterGroups).all();
    expect(groups.map((g) => g.name).sort()).toEqual(['Avbrutna gymnasiestudier', 'Unga med psykisk ohälsa']);
    for (const g of groups) {
      const members = listMembers(db, g.id);
      expect(members.some((m) => m.role === 'lead')).toBe(true);
      expect(representedOrganisations(members).length).toBeGreaterThanOrEqual(4);
      const groupIdeas = db.select().from(ideas).where(eq(ideas.groupId, g.id)).all();
      expect(groupIdeas).toHaveLength(1);
      const sections = sectionsWithText(db, groupIdeas[0]!.id);
      const written = sections.filter((s) => s.text.trim()).length;
      expect(written).toBeGreaterThanOrEqual(4);
      expect(written).toBeLessThan(12);
    }
  });
});
