// Deleting one's own account. The row in users goes; the database does the rest through foreign
// keys: sessions, codes and registrations are deleted ('cascade'), while text written in shared
// documents stays with its author set to null ('set null'), which pages show as "borttagen användare".
import { eq } from 'drizzle-orm';
import { users, type User } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { sendAccountDeletedMail } from '#lib/auth/mails.ts';
import { transaction } from '#lib/tx.ts';

export const DELETED_USER_LABEL = 'borttagen användare';

export function deleteAccount(db: Db, user: Pick<User, 'id' | 'email' | 'name'>): void {
  transaction(db, () => {
    db.delete(users).where(eq(users.id, user.id)).run();
  });
  sendAccountDeletedMail(db, user.email, user.name);
}
