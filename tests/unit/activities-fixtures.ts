// Shared fixtures for the activities unit tests (in-memory database).
import { eq } from 'drizzle-orm';
import { organisations, outbox, users } from '#db/schema/index.ts';
import { openDb, type Db } from '#lib/db.ts';
import { createActivity, publishActivity, type ActivityInput } from '#lib/activities/activities.ts';
import { stockholmAt } from '../helpers/clock.ts';


export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export function freshDb(): Db {
  return openDb(':memory:');
}

let n = 0;
export function org(db: Db, name = `Organisation ${++n}`, municipality: string | null = 'Skövde') {
  return db.insert(organisations).values({ name, slug: `org-${n}-${Math.random().toString(36).slice(2, 8)}`, type: 'municipality', municipality }).returning().get();
}

export function user(db: Db, options: { organisationId?: number | null; role?: 'member' | 'coordinator' | 'admin'; isContactPerson?: boolean; name?: string } = {}) {
  n++;
  return db
    .insert(users)
    .values({
      email: `person${n}@exempel.se`,
      name: options.name ?? `Person ${n}`,
      passwordHash: 'x',
      organisationId: options.organisationId ?? null,
      role: options.role ?? 'member',
      isContactPerson: options.isContactPerson ?? false,
      status: 'active',
    })
    .returning()
    .get();
}

/** An activity ten days ahead, 10:00–13:00 Stockholm time (or from `start`, three hours long). */
export function input(overrides: Partial<ActivityInput> = {}, start = stockholmAt(10, '10:00')): ActivityInput {
  return {
    title: 'Nätverksträff om uppföljning',
    description: 'Vi ses och pratar **uppföljning**.',
    kind: 'network_meeting',
    organiserOrganisationId: null,
    hostOrganisationId: null,
    place: 'Stadshuset, Skövde',
    digitalLink: null,
    municipality: 'Skövde',
    capacity: null,
    organisationQuota: null,
    registrationOpensAt: null,
    registrationClosesAt: null,
    guides: [{ slug: '7tjugo', title: '7TJUGO' }],
    questions: [],
    dates: [{ startsAt: start, endsAt: new Date(start.getTime() + 3 * HOUR) }],
    ...overrides,
  };
}

export function publishedActivity(db: Db, overrides: Partial<ActivityInput> = {}, start?: Date) {
  const creator = user(db, { role: 'coordinator' });
  const a = createActivity(db, input(overrides, start), creator.id);
  return publishActivity(db, a.id);
}

export function mailsTo(db: Db, email: string) {
  return db.select().from(outbox).where(eq(outbox.to, email)).all();
}
