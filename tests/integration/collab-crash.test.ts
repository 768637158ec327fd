// SIGKILL while two members write live (issue 13): every update the server passed on to the other
// writer (it stores an update before it passes it on) is in the document after a restart, and the
// database passes integrity_check.
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser } from '../helpers/users.ts';
import { liveClient, sessionFor, waitFor, type LiveClient } from '../helpers/collab.ts';
import { openDb } from '#lib/db.ts';
import { clusterMemberships } from '#db/schema/index.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

/** Tokens like "A17;" that `reader` has received from the other writer. */
function seen(reader: LiveClient, prefix: string): Set<string> {
  return new Set(reader.text.toString().match(new RegExp(`${prefix}\\d+;`, 'g')) ?? []);
}

describe('crash safety of live co-writing', () => {
  it('keeps every acknowledged update through a SIGKILL', async () => {
    const first: RunningServer = await startServer();
    cleanup.push(() => rmSync(first.dir, { recursive: true, force: true }));
    const db = openDb(first.dbPath);
    cleanup.push(() => void db.$client.close());
    const anna = createTestUser(db, { name: 'Anna Andersson' });
    const bo = createTestUser(db, { name: 'Bo Berg' });
    const group = createGroup(db, { name: 'Kraschgruppen', problemArea: 'Drift', description: 'Gruppen som skriver medan servern dör.', joinMode: 'request', leadEmails: [anna.email], createdById: anna.id });
    db.insert(clusterMemberships).values({ groupId: group.id, userId: bo.id, role: 'member', status: 'active' }).run();
    const idea = createIdea(db, { groupId: group.id, title: 'Kraschidén', targetCall: '', createdById: anna.id });
    const room = `${idea.id}/metod-och-aktiviteter`;

    const a = liveClient(first.url, room, sessionFor(db, anna.id));
    const b = liveClient(first.url, room, sessionFor(db, bo.id));
    await Promise.all([a.synced, b.synced]);
    let i = 0;
    const writing = setInterval(() => {
      i++;
      a.text.insert(a.text.length, `A${i};`);
      b.text.insert(0, `B${i};`);
    }, 5);
    await waitFor(() => seen(b, 'A').size >= 150 && seen(a, 'B').size >= 150, 30_000, 'both writers acknowledged');
    first.process.kill('SIGKILL');
    // What each writer had received from the other when the server died was stored before it was sent.
    const acknowledged = [...seen(b, 'A'), ...seen(a, 'B')];
    clearInterval(writing);
    a.destroy();
    b.destroy();
    await new Promise((r) => first.process.once('exit', r));
    // Both saw 150 of the other's tokens, so at least 150 rounds ran (the next may not have, on a busy machine).
    expect(i).toBeGreaterThanOrEqual(150);

    const second = await startServer({ dbPath: first.dbPath });
    cleanup.push(() => second.stop());
    const c = liveClient(second.url, room, sessionFor(db, anna.id));
    cleanup.push(() => c.destroy());
    await c.synced;
    const after = c.text.toString();
    const missing = acknowledged.filter((token) => !after.includes(token));
    expect(missing).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    const check = new Database(first.dbPath, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});
