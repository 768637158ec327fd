// Horizontal principles as their own template section (issue 16, point 12): in the template, checked
// by the readiness panel, and added to ideas that existed before by migration 0005.
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { SECTIONS, sectionByKey } from '#lib/ideas/template.ts';
import { checkReadiness } from '#lib/ideas/readiness.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('horizontal principles section', () => {
  it('is a section of its own, right after the problem, with help about each principle', () => {
    const def = sectionByKey('horisontella-principer')!;
    expect(def.number).toBe(2);
    expect(SECTIONS[1]!.key).toBe('horisontella-principer');
    for (const word of ['jämställdhet', 'tillgänglighet', 'icke-diskriminering']) expect(def.help).toContain(word);
    expect(SECTIONS.map((s) => s.number)).toEqual(SECTIONS.map((_, i) => i + 1));
  });

  it('is what the readiness panel checks, each principle on its own', () => {
    const long = 'Projektet arbetar aktivt med principerna i varje aktivitet. '.repeat(10);
    const onlyProblem = checkReadiness({ problemformulering: long + ' jämställdhet, tillgänglighet och icke-diskriminering' }, 0);
    expect(onlyProblem.find((c) => c.criterion.id === 'horisontella-principer')!.state).toBe('saknas');
    const partial = checkReadiness({ 'horisontella-principer': long + ' Jämställdhet: …' }, 0).find((c) => c.criterion.id === 'horisontella-principer')!;
    expect(partial.state).toBe('påbörjad');
    expect(partial.missingMentions).toEqual(['tillgänglighet', 'icke-diskriminering']);
    const done = checkReadiness({ 'horisontella-principer': long + ' Jämställdhet, tillgänglighet och icke-diskriminering.' }, 0);
    expect(done.find((c) => c.criterion.id === 'horisontella-principer')!.state).toBe('klar');
  });

  it('migration 0005 gives ideas created before it the new section, once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skbn-migration-'));
    dirs.push(dir);
    const before = join(dir, 'before');
    cpSync('db/migrations', before, { recursive: true });
    const journal = JSON.parse(readFileSync(join(before, 'meta/_journal.json'), 'utf8'));
    // The database as it was before 0005: later migrations are left out too (drizzle applies only those newer than the last one applied).
    journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0005_');
    writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(journal));

    const sqlite = new Database(join(dir, 'portal.db'));
    const db = drizzle({ client: sqlite });
    migrate(db, { migrationsFolder: before });
    sqlite.prepare("INSERT INTO cluster_groups (slug, name, problemArea, description, createdAt) VALUES ('g', 'Grupp', 'P', 'B', 0)").run();
    sqlite.prepare("INSERT INTO ideas (groupId, title, createdAt, updatedAt) VALUES (1, 'Gammal idé', 0, 0)").run();
    const insert = sqlite.prepare('INSERT INTO idea_sections (ideaId, key) VALUES (1, ?)');
    for (const s of SECTIONS) if (s.key !== 'horisontella-principer') insert.run(s.key);

    migrate(db, { migrationsFolder: 'db/migrations' });
    const keys = sqlite.prepare('SELECT key FROM idea_sections WHERE ideaId = 1').all() as Array<{ key: string }>;
    expect(keys.map((k) => k.key).sort()).toEqual(SECTIONS.map((s) => s.key).sort());
    sqlite.close();
  });
});
