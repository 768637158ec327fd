// Issue 11: background jobs run from the server's start, not from page views, and mail leaves after commit
// through the sender, which records a failed SMTP delivery and schedules a retry that /admin/utkorg shows
// (issue 16.9). The database is prepared before the server starts; afterwards only /healthz is requested
// until the outbox page is read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, registrations } from '#db/schema/index.ts';
import { openDb } from '#lib/db.ts';
import { register, cancelRegistration } from '#lib/activities/registration.ts';
import { freePort, startServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import { HOUR, publishedActivity } from '../unit/activities-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'skbn-jobs-'));
const dbPath = join(dir, 'portal.db');
let server: RunningServer;
let waiting: { activityId: number; userId: number; email: string };
let adminId: number;

beforeAll(async () => {
  const db = openDb(dbPath);
  const activity = publishedActivity(db, { capacity: 1 });
  const first = createTestUser(db);
  const second = createTestUser(db);
  register(db, { activityId: activity.id, userId: first.id });
  register(db, { activityId: activity.id, userId: second.id });
  // The seat was offered to the second person 49 hours ago: the 48-hour offer is overdue.
  cancelRegistration(db, activity.id, first.id, { now: new Date(Date.now() - 49 * HOUR) });
  waiting = { activityId: activity.id, userId: second.id, email: second.email };
  adminId = createTestUser(db, { role: 'admin' }).id;
  db.$client.close();
  // Nothing listens on this port: every SMTP delivery fails with a refused connection.
  server = await startServer({ dbPath, env: { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` } });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('jobs registered at server start', () => {
  it('expires the overdue offer without any page being viewed, and the mail it writes fails, is counted and waits for a retry', async () => {
    const db = openDb(dbPath);
    try {
      await expect
        .poll(() => db.select().from(registrations).where(and(eq(registrations.activityId, waiting.activityId), eq(registrations.userId, waiting.userId))).get()?.status, { timeout: 60_000 })
        .toBe('expired');
      await expect.poll(() => db.select().from(outbox).where(eq(outbox.to, waiting.email)).all().find((m) => m.attempts > 0), { timeout: 60_000 }).toBeTruthy();
      const mail = db.select().from(outbox).where(eq(outbox.to, waiting.email)).all().find((m) => m.attempts > 0)!;
      expect(mail.sentAt).toBeNull();
      expect(mail.attempts).toBe(1);
      expect(mail.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(mail.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());

      const client = new Client(server.url);
      loginAs(client, db, adminId);
      const res = await client.get(`/admin/utkorg?q=${encodeURIComponent(waiting.email)}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Försök 1 av 7 misslyckades; nytt försök');
      expect(html).toMatch(/Fel: [^<]*(ECONNREFUSED|connect)/i);
    } finally {
      db.$client.close();
    }
  });
});
