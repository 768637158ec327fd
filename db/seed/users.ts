import { eq } from 'drizzle-orm';
import { hashSync } from '@node-rs/argon2';
import { organisations, users, type Role } from '../schema/index.ts';
import type { Db } from '#lib/db.ts';

/** A demo log-in, printed by the start script after loading demo data. */
export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

// One demo user per role, plus a contact person and an account waiting for approval. The passwords are
// fixed so the log-ins printed at start keep working; demo data is never loaded in production.
export const DEMO_USERS: Array<{
  label: string;
  name: string;
  email: string;
  password: string;
  organisation: string | null;
  roleTitle: string;
  role: Role;
  isContactPerson?: boolean;
  status?: 'active' | 'pending';
}> = [
  { label: 'medlem', name: 'Elin Johansson', email: 'elin.johansson@lidkoping.se', password: 'Ljungby-Tranor-48', organisation: 'Lidköpings kommun', roleTitle: 'Arbetsmarknadskonsulent, Ung Arena', role: 'member' },
  { label: 'kontaktperson', name: 'Ahmed Yusuf', email: 'ahmed.yusuf@skovde.se', password: 'Billingen-Kanot-73', organisation: 'Skövde kommun', roleTitle: 'Enhetschef, kommunala aktivitetsansvaret', role: 'member', isContactPerson: true },
  { label: 'samordnare', name: 'Karin Lindqvist', email: 'karin.lindqvist@skaraborg.se', password: 'Hornborga-Vipa-2619', organisation: 'Skaraborgs Kommunalförbund', roleTitle: 'Processledare', role: 'coordinator' },
  { label: 'admin', name: 'Johan Berg', email: 'johan.berg@skaraborg.se', password: 'Kinnekulle-Lind-5530', organisation: 'Skaraborgs Kommunalförbund', roleTitle: 'Webbredaktör', role: 'admin' },
  { label: 'väntar på godkännande', name: 'Sara Nilsson', email: 'sara.nilsson@framtidsverkstan.se', password: 'Vanern-Segel-8841', organisation: null, roleTitle: 'Coach', role: 'member', status: 'pending' },
];

/** Inserts the demo users; returns the log-ins to print (only accounts that can log in). */
export function seedUsers(db: Db): DemoLogin[] {
  const logins: DemoLogin[] = [];
  for (const demo of DEMO_USERS) {
    const organisationId = demo.organisation
      ? db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, demo.organisation)).get()?.id ?? null
      : null;
    db.insert(users)
      .values({
        email: demo.email,
        name: demo.name,
        passwordHash: hashSync(demo.password, { memoryCost: 19456, timeCost: 2, parallelism: 1 }),
        organisationId,
        roleTitle: demo.roleTitle,
        role: demo.role,
        isContactPerson: demo.isContactPerson ?? false,
        status: demo.status ?? 'active',
        emailVerifiedAt: new Date(),
      })
      .run();
    if ((demo.status ?? 'active') === 'active') logins.push({ role: demo.label, email: demo.email, password: demo.password });
  }
  return logins;
}
