// The member's own profile. The organisation is not part of it: it follows the verified e-mail
// domain and changes only through an approved request (src/lib/organisations/change-requests.ts).
import { eq } from 'drizzle-orm';
import { users, type User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';

export interface ProfileInput {
  name: string;
  roleTitle: string | null;
  phone: string | null;
}

export type ProfileResult = { ok: true; user: User };

/** Updates name, role title and phone. */
export function updateProfile(db: Db, user: User, input: ProfileInput): ProfileResult {
  const updated = db
    .update(users)
    .set({ name: input.name, roleTitle: input.roleTitle, phone: input.phone })
    .where(eq(users.id, user.id))
    .returning()
    .get();
  return { ok: true, user: updated };
}
