// 20 real parallel HTTP saves to the same section, all based on the same revision.
import { describe, expect, it } from 'vitest';
import { type Db } from '#lib/db.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection, saveSection, sectionHistory } from '#lib/ideas/revisions.ts';
import { clusterMemberships } from '#db/schema/index.ts';

let server: RunningServer;
let db: Db;

useServer((ctx) => ({ server, db } = ctx));

describe('parallel saves', () => {
  it('applies exactly one directly, merges or reports the rest, and loses nothing', async () => {
    const writers = Array.from({ length: 20 }, (_, i) => createTestUser(db, { name: `Skribent ${i + 1}` }));
    const group = createGroup(db, {
      name: 'Parallellgruppen',
      problemArea: 'Samtidighet',
      description: 'Grupp för test av parallella sparningar.',
      joinMode: 'closed',
      leadEmails: [writers[0]!.email],
      createdById: writers[0]!.id,
    });
    for (const w of writers.slice(1)) db.insert(clusterMemberships).values({ groupId: group.id, userId: w.id, role: 'member', status: 'active' }).run();
    const idea = createIdea(db, { groupId: group.id, title: 'Parallell idé', targetCall: '', createdById: writers[0]!.id });
    const section = getSection(db, idea.id, 'metod-och-aktiviteter')!;

    // 40 lines; writers touch even lines only, so every two edited lines have an untouched line between them.
    const baseLines = Array.from({ length: 40 }, (_, i) => `Rad ${i}: ursprunglig text.`);
    const base = saveSection(db, { sectionId: section.id, authorId: writers[0]!.id, baseRevisionId: 0, text: baseLines.join('\n') });
    expect(base.outcome).toBe('applied');
    const baseId = (base as { revisionId: number }).revisionId;

    // Writers 0–13 edit distinct lines 0, 2, …, 26. Writers 14–19 edit lines 0, 2, …, 10 again: each of
    // those six lines gets two competing edits, so exactly one of each pair can win.
    const lineOf = (i: number) => (i < 14 ? i * 2 : (i - 14) * 2);
    const edits = writers.map((_, i) => {
      const lines = [...baseLines];
      lines[lineOf(i)] = `Rad ${lineOf(i)}: ändrad av skribent ${i + 1}.`;
      return { line: lineOf(i), newLine: lines[lineOf(i)]!, text: lines.join('\r\n') };
    });

    const path = `/klustergrupper/${group.slug}/ideer/${idea.id}/avsnitt/${section.key}?_action=clusters.saveSection`;
    const clients = writers.map((w) => {
      const c = new Client(server.url);
      loginAs(c, db, w.id);
      return c;
    });
    const responses = await Promise.all(
      clients.map((c, i) => c.post(path, { ideaId: String(idea.id), sectionKey: section.key, baseRevisionId: String(baseId), text: edits[i]!.text, intent: 'spara' })),
    );
    const outcomes = await Promise.all(
      responses.map(async (res) => {
        if (res.status === 303) {
          const location = res.headers.get('location')!;
          return new URL(location, server.url).searchParams.get('klart')!;
        }
        return { status: res.status, html: await res.text() };
      }),
    );

    const applied = outcomes.filter((o) => o === 'sparad').length;
    const merged = outcomes.filter((o) => o === 'sammanslagen').length;
    const conflicts = outcomes.flatMap((o, i) => (typeof o === 'object' && o.status === 409 ? [{ i, html: o.html }] : []));
    const other = outcomes.filter((o) => !(o === 'sparad' || o === 'sammanslagen' || (typeof o === 'object' && o.status === 409)));
    expect(other).toEqual([]);
    expect(applied).toBe(1);
    expect(applied + merged + conflicts.length).toBe(20);
    // Every contested line is won by exactly one writer, so exactly six saves conflict.
    expect(conflicts.length).toBe(6);

    // Nothing lost silently: each conflict response gives the writer their own text back.
    for (const c of conflicts) {
      expect(c.html).toContain('Din ändring krockar med en annan ändring');
      expect(c.html).toContain(edits[c.i]!.newLine);
    }

    const history = sectionHistory(db, section.id);
    expect(history).toHaveLength(1 + applied + merged);
    const finalLines = history[0]!.text.split('\n');
    expect(finalLines).toHaveLength(40);
    const conflicted = new Set(conflicts.map((c) => c.i));
    const winners = edits.filter((_, i) => !conflicted.has(i));
    expect(winners).toHaveLength(14);
    for (const w of winners) expect(finalLines[w.line]).toBe(w.newLine);
    for (const c of conflicts) expect(finalLines).not.toContain(edits[c.i]!.newLine);
    // Exactly the contested and distinct lines (0–26, even) changed; the rest are untouched.
    finalLines.forEach((line, n) => {
      if (n % 2 === 0 && n <= 26) expect(line).toMatch(/ändrad av skribent/);
      else expect(line).toBe(baseLines[n]);
    });
    // The loser of each contested line is a writer whose line another writer won.
    for (const c of conflicts) expect(winners.some((w) => w.line === edits[c.i]!.line)).toBe(true);
  });
});
