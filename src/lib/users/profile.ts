// The member's own profile.
import { eq } from 'drizzle-orm';
import { users, type User } from '../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { getOrganisation } from '../organisations/index.ts';

export interface ProfileInput {
  name: string;
  organisationId: number | null;
  roleTitle: string | null;
  phone: string | null;
}

export type ProfileResult = { ok: true; user: User } | { ok: false; field: 'organisationId'; message: string };

/** Updates name, organisation, role title and phone. Changing organisation ends the contact-person role. */
export function updateProfile(db: Db, user: User, input: ProfileInput): ProfileResult {
  return db.transaction((): ProfileResult => {
    if (input.organisationId !== null && !getOrganisation(db, input.organisationId)) {
      return { ok: false, field: 'organisationId', message: 'Välj en organisation i listan.' };
    }
    const isContactPerson = input.organisationId === user.organisationId ? user.isContactPerson : false;
    const updated = db
      .update(users)
      .set({ name: input.name, organisationId: input.organisationId, roleTitle: input.roleTitle, phone: input.phone, isContactPerson })
      .where(eq(users.id, user.id))
      .returning()
      .get();
    return { ok: true, user: updated };
  });
}
