// "Mina anmälningar" on Mina sidor as plain data: coming registrations (with the place in line) and the
// activities the member took part in, with whether a certificate can be fetched.
import type { Db } from '#lib/db.ts';
import { listMyRegistrations, type MyRegistration } from './registration.ts';
import { certificateStatus } from './attendance.ts';
import { ACTIVE_STATUSES } from './seats.ts';

export interface MyRegistrationsView {
  upcoming: Array<MyRegistration & { active: boolean }>;
  past: Array<MyRegistration & { certificate: boolean }>;
}

export function myRegistrationsView(db: Db, userId: number, now = new Date()): MyRegistrationsView {
  const all = listMyRegistrations(db, userId);
  return {
    upcoming: all
      .filter((r) => r.activity.endsAt >= now)
      .map((r) => ({ ...r, active: (ACTIVE_STATUSES as readonly string[]).includes(r.registration.status) })),
    past: all
      .filter((r) => r.activity.endsAt < now && r.registration.status === 'confirmed')
      .map((r) => ({ ...r, certificate: certificateStatus(db, r.activity.id, userId, now).eligible })),
  };
}
