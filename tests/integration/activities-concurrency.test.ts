// Real parallel HTTP against the running server: capacity is never exceeded and nobody is promoted twice.
import { describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { outbox, registrations } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import { input } from '../unit/activities-fixtures.ts';

let server: RunningServer;
let db: Db;

useServer((ctx) => ({ server, db } = ctx));

describe('registration under concurrency', () => {
  it('200 parallel registrations for 20 seats: exactly 20 confirmed, 180 waitlisted; 20 parallel cancellations promote the waitlist in order, once each', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    const activity = publishActivity(db, createActivity(db, input({ title: 'Populär nätverksträff', capacity: 20 }), coordinator.id).id);
    const members = db.transaction(() => Array.from({ length: 200 }, (_, i) => createTestUser(db, { name: `Deltagare ${i + 1}` })));
    const clients = members.map((m) => {
      const client = new Client(server.url);
      loginAs(client, db, m.id);
      return { member: m, client };
    });
    const path = `/aktiviteter/${activity.slug}?_action=activities.register`;

    const responses = await Promise.all(clients.map(({ client }) => client.post(path, { slug: activity.slug })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([303]));

    const rows = db.select().from(registrations).where(eq(registrations.activityId, activity.id)).all();
    expect(rows).toHaveLength(200);
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    const waitlisted = rows.filter((r) => r.status === 'waitlisted').sort((a, b) => a.waitlistSeq! - b.waitlistSeq!);
    expect(confirmed).toHaveLength(20);
    expect(waitlisted).toHaveLength(180);
    expect(waitlisted.map((r) => r.waitlistSeq)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    // One confirmation mail per seat, one waitlist mail per waiting person.
    expect(db.select().from(outbox).where(like(outbox.subject, 'Bekräftelse:%')).all()).toHaveLength(20);
    expect(db.select().from(outbox).where(like(outbox.subject, 'Väntelista:%')).all()).toHaveLength(180);

    // The 20 with seats cancel at the same moment.
    const byUser = new Map(clients.map((c) => [c.member.id, c.client]));
    const cancels = await Promise.all(
      confirmed.map((r) => byUser.get(r.userId)!.post(`/aktiviteter/${activity.slug}/avboka?_action=activities.cancelRegistration`, { slug: activity.slug, confirm: 'true' })),
    );
    expect(cancels.map((r) => r.status).filter((s) => s >= 500)).toEqual([]);
    expect(new Set(cancels.map((r) => r.status))).toEqual(new Set([303]));

    const after = db.select().from(registrations).where(eq(registrations.activityId, activity.id)).all();
    const offered = after.filter((r) => r.status === 'offered');
    expect(after.filter((r) => r.status === 'cancelled')).toHaveLength(20);
    expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(0);
    // Exactly the first 20 in line got an offer, each exactly once.
    expect(offered.map((r) => r.userId).sort((a, b) => a - b)).toEqual(waitlisted.slice(0, 20).map((r) => r.userId).sort((a, b) => a - b));
    expect(offered.every((r) => r.offerCount === 1)).toBe(true);
    const offerMails = db.select().from(outbox).where(like(outbox.subject, 'Ledig plats:%')).all();
    expect(offerMails).toHaveLength(20);
    const emails = new Map(members.map((m) => [m.id, m.email.toLowerCase()]));
    expect(new Set(offerMails.map((m) => m.to.toLowerCase()))).toEqual(new Set(offered.map((r) => emails.get(r.userId))));
    // The rest keep their order behind them.
    const stillWaiting = after.filter((r) => r.status === 'waitlisted').sort((a, b) => a.waitlistSeq! - b.waitlistSeq!);
    expect(stillWaiting.map((r) => r.userId)).toEqual(waitlisted.slice(20).map((r) => r.userId));
  });
});
