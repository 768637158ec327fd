// Registration burst: N distinct logged-in members register for one activity with few seats, all at once.
import { eq } from 'drizzle-orm';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { registrations } from '#db/schema/index.ts';
import { activityInput, createUsers, loginAll } from './fixtures.mjs';
import { percentile } from './stats.mjs';

const REQUEST_TIMEOUT_MS = 60_000;

export async function benchRegistrationBurst(server, db, { members = 1000, seats = 50 } = {}) {
  const [organiser] = createUsers(db, 1, { role: 'coordinator' });
  const activity = publishActivity(
    db,
    createActivity(db, activityInput(0, { title: 'Populär lärandekonferens', kind: 'network_meeting', capacity: seats }), organiser.id).id,
  );
  const people = createUsers(db, members);
  const cookies = loginAll(
    db,
    people.map((p) => p.id),
  );
  const url = `${server.url}/aktiviteter/${activity.slug}?_action=activities.register`;
  const body = new URLSearchParams({ slug: activity.slug }).toString();

  const started = performance.now();
  const outcomes = await Promise.all(
    cookies.map(async (cookie) => {
      const t0 = performance.now();
      try {
        const res = await fetch(url, {
          method: 'POST',
          body,
          headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
          redirect: 'manual',
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - t0 };
      } catch (error) {
        return { status: 0, error: error.cause?.code ?? error.name, ms: performance.now() - t0 };
      }
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;

  const rows = db.select({ status: registrations.status }).from(registrations).where(eq(registrations.activityId, activity.id)).all();
  const confirmed = rows.filter((r) => r.status === 'confirmed').length;
  const waitlisted = rows.filter((r) => r.status === 'waitlisted').length;
  const errors = outcomes.filter((o) => o.status !== 303);
  const ms = outcomes.map((o) => o.ms);
  const expected = { confirmed: seats, waitlisted: members - seats, errors: 0 };
  return {
    members,
    seats,
    confirmed,
    waitlisted,
    otherRows: rows.length - confirmed - waitlisted,
    errors: errors.length,
    errorKinds: Object.fromEntries(
      Object.entries(Object.groupBy(errors, (e) => e.error ?? `HTTP ${e.status}`)).map(([k, v]) => [k, v.length]),
    ),
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    wallSeconds: Number(wallSeconds.toFixed(2)),
    expected,
    pass: confirmed === expected.confirmed && waitlisted === expected.waitlisted && errors.length === 0 && rows.length === members,
  };
}
