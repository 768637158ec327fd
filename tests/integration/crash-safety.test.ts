// Crash safety (issue 6): the server runs under write load — registrations of many distinct users and
// cluster-idea section saves, all through the real HTTP actions — and is killed with SIGKILL in the
// middle. After a restart on the same database file, SQLite's integrity check must pass and every
// write that got a success response must be there (WAL + synchronous=NORMAL keep committed
// transactions across a process crash; only an OS crash could lose the last ones).
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse as parseActionResult } from 'devalue';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterMemberships, organisations } from '#db/schema/index.ts';
import { openDb } from '#lib/db.ts';
import { createActivity, publishActivity, type ActivityInput } from '#lib/activities/activities.ts';
import { createSession, generateSessionToken, SESSION_COOKIE } from '#lib/auth/session.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { SECTIONS } from '#lib/ideas/template.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createTestUser } from '../helpers/users.ts';
import { stockholmAt } from '../helpers/clock.ts';

const USERS = 240;
const CONCURRENCY = 24;

// The database lives in the test's own folder: startServer's stop() removes only the server's folder.
const dir = mkdtempSync(join(tmpdir(), 'skbn-crash-'));
const dbPath = join(dir, 'portal.db');
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function activityInput(title: string, capacity: number | null): ActivityInput {
  return {
    title,
    description: 'Aktivitet för krocktestet.',
    kind: 'network_meeting',
    organiserOrganisationId: null,
    hostOrganisationId: null,
    place: 'Stadshuset, Skövde',
    digitalLink: null,
    municipality: 'Skövde',
    capacity,
    organisationQuota: null,
    registrationOpensAt: null,
    registrationClosesAt: null,
    guides: [],
    questions: [],
    dates: [{ startsAt: stockholmAt(30, '10:00'), endsAt: stockholmAt(30, '12:00') }],
  };
}

// One fresh connection per request (agent: false). With fetch's pooled keep-alive connections, a loaded machine
// sometimes let the server close an idle connection just as the client reused it, and a POST on it failed with
// ECONNRESET before the kill (a test artefact, not a lost write).
function post(url: string, token: string, fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { origin: new URL(url).origin, cookie: `${SESSION_COOKIE}=${token}`, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged write and an intact database after SIGKILL under write load', { timeout: 300_000 }, async () => {
    server = await startServer({ dbPath, env: { ACTIVITY_JOBS: 'off' } });

    // ---- fixtures, straight into the database file ----
    const db = openDb(dbPath);
    const org = db.insert(organisations).values({ name: 'Krocktestkommunen', slug: `krocktest-${Date.now()}`, type: 'municipality', municipality: 'Skövde' }).returning().get();
    const organiser = createTestUser(db, { role: 'coordinator', organisationId: org.id });
    const acts = [
      publishActivity(db, createActivity(db, activityInput('Krocktest: 50 platser', 50), organiser.id).id),
      publishActivity(db, createActivity(db, activityInput('Krocktest: obegränsat', null), organiser.id).id),
      publishActivity(db, createActivity(db, activityInput('Krocktest: 10 platser', 10), organiser.id).id),
    ];
    const people = Array.from({ length: USERS }, () => {
      const user = createTestUser(db, { role: 'member' });
      const token = generateSessionToken();
      createSession(db, token, user.id);
      return { id: user.id, token };
    });
    const writers = people.slice(0, SECTIONS.length);
    const group = createGroup(db, { name: `Krocktestgruppen ${Date.now()}`, problemArea: 'Krocktest', description: 'Grupp för krocktestets samskrivning.', joinMode: 'closed', leadEmails: [organiser.email], createdById: organiser.id });
    for (const w of writers) db.insert(clusterMemberships).values({ groupId: group.id, userId: w.id, role: 'member', status: 'active' }).run();
    const idea = createIdea(db, { groupId: group.id, title: 'Krocktestets idé', targetCall: '', createdById: organiser.id });
    db.$client.close(); // from here on only the server writes to the file

    // ---- write load ----
    type Ack = { kind: 'registration'; activityId: number; userId: number; status: string } | { kind: 'save'; revisionId: number; text: string };
    const acks: Ack[] = [];
    let killed = false;
    let errors = 0;
    const jobs: Array<() => Promise<void>> = [];
    for (const person of people) {
      for (const act of acts) {
        jobs.push(async () => {
          const res = await post(`${server!.url}/_actions/activities.register`, person.token, { slug: act.slug });
          const text = await res.text();
          if (res.status !== 200) throw new Error(`register ${res.status}: ${text.slice(0, 200)}`);
          const data = parseActionResult(text) as { status: string };
          acks.push({ kind: 'registration', activityId: act.id, userId: person.id, status: data.status });
        });
      }
    }
    // Each writer saves its own section over and over, always from its last acknowledged revision.
    const saveLoops = writers.map((w, i) => async () => {
      let base = 0;
      for (let n = 1; !killed; n++) {
        const text = `Skrivare ${i + 1}, version ${n}: ${'text '.repeat(20)}`;
        const res = await post(`${server!.url}/_actions/clusters.saveSection`, w.token, { ideaId: String(idea.id), sectionKey: SECTIONS[i]!.key, baseRevisionId: String(base), text, intent: 'spara' });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`save ${res.status}: ${body.slice(0, 200)}`);
        const result = parseActionResult(body) as { outcome: string; revisionId?: number };
        if (result.outcome !== 'applied') throw new Error(`save outcome ${result.outcome}`);
        acks.push({ kind: 'save', revisionId: result.revisionId!, text });
        base = result.revisionId!;
      }
    });

    const guard = (job: () => Promise<void>) => async () => {
      try {
        await job();
      } catch (error) {
        // After the kill, requests in flight fail (connection reset/refused): not acknowledged, so fine.
        if (!killed) {
          errors++;
          throw error;
        }
      }
    };
    const queue = jobs.map(guard);
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (queue.length && !killed) await queue.shift()!();
    });
    const savers = saveLoops.map((loop) => guard(loop)());

    // Kill once a good part of the load is acknowledged, while the rest is still in flight.
    const target = Math.floor(jobs.length * 0.4);
    const deadline = Date.now() + 150_000; // on a busy machine the load is acknowledged slowly
    while (acks.filter((a) => a.kind === 'registration').length < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((r) => server!.process.once('exit', r));
    killed = true;
    server.process.kill('SIGKILL');
    await exited;
    await Promise.allSettled([...workers, ...savers]);
    expect(errors, 'requests failed before the kill').toBe(0);

    const registrationsAcked = acks.filter((a) => a.kind === 'registration');
    const savesAcked = acks.filter((a) => a.kind === 'save');
    expect(registrationsAcked.length).toBeGreaterThanOrEqual(target);
    expect(registrationsAcked.length, 'the kill came after all registrations: nothing was in flight').toBeLessThan(jobs.length);
    expect(savesAcked.length).toBeGreaterThan(0);
    await server.stop(); // removes the server's own folder; the database is in ours

    // ---- restart on the same file ----
    server = await startServer({ dbPath, env: { ACTIVITY_JOBS: 'off' } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The restarted server takes writes again.
    const late = people[people.length - 1]!;
    const after = await post(`${server.url}/_actions/activities.register`, late.token, { slug: acts[1]!.slug });
    expect([200, 409]).toContain(after.status); // 409 if this person's registration was acknowledged before the kill
    await server.stop();
    server = undefined;

    const check = new Database(dbPath, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(check.pragma('foreign_key_check')).toEqual([]);
      const reg = check.prepare('select status from activity_registrations where activityId = ? and userId = ?');
      const missing = registrationsAcked.filter((a) => (reg.get(a.activityId, a.userId) as { status: string } | undefined)?.status !== a.status);
      expect(missing, `acknowledged registrations missing or changed after the crash (of ${registrationsAcked.length})`).toEqual([]);
      const rev = check.prepare('select text from idea_section_revisions where id = ?');
      const lost = savesAcked.filter((a) => (rev.get(a.revisionId) as { text: string } | undefined)?.text !== a.text);
      expect(lost, `acknowledged saves missing after the crash (of ${savesAcked.length})`).toEqual([]);
      // The rule that lives in registration.ts held through the crash: no activity is overbooked.
      for (const act of acts.filter((a) => a.capacity != null)) {
        const { n } = check.prepare("select count(*) as n from activity_registrations where activityId = ? and status = 'confirmed'").get(act.id) as { n: number };
        expect(n).toBeLessThanOrEqual(act.capacity!);
      }
    } finally {
      check.close();
    }
  });
});
