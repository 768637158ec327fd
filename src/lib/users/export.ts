// "Download my data": everything the database holds about a member, as JSON.
//
// Besides the profile, rows of every table that refers to users(id) as the member's own data are
// included automatically (see isOwnData), so data added by later features (registrations, group
// memberships, texts) is exported without this module knowing those tables. Secrets are left out.
import { eq } from 'drizzle-orm';
import { users } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { getOrganisation } from '#lib/organisations/index.ts';

/** Tables whose rows are secrets or bookkeeping rather than the member's data. */
const SKIPPED_TABLES = new Set(['email_verification_requests', 'password_reset_tokens', 'trusted_devices', '__drizzle_migrations']);
/** Columns never exported, whatever the table. */
const SECRET_COLUMN = /password|token|hash|secret/i;

/**
 * Which references make a row the member's own data: rows deleted with the account ('cascade':
 * registrations, memberships) and texts they wrote (author columns). Other 'set null' references —
 * who nominated, invited or marked attendance — point at rows about other people and are left out.
 */
function isOwnData(fk: { from: string; on_delete: string }): boolean {
  return fk.on_delete.toUpperCase() === 'CASCADE' || /^author/i.test(fk.from);
}

function snakeToCamel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function readable(value: unknown, column: string): unknown {
  if (typeof value === 'number' && /(At|_at|Date|date)$/.test(column) && value > 10_000_000_000) return new Date(value).toISOString();
  return value;
}

export interface UserExport {
  exportedAt: string;
  profile: Record<string, unknown>;
  sessions: Array<{ expiresAt: string }>;
  /** Rows from other tables that refer to the member, keyed by table name (camelCase). */
  related: Record<string, Array<Record<string, unknown>>>;
}

export function exportUserData(db: Db, userId: number, now = new Date()): UserExport | null {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  const organisation = user.organisationId ? getOrganisation(db, user.organisationId) : undefined;
  const profile = {
    name: user.name,
    email: user.email,
    organisation: organisation?.name ?? null,
    roleTitle: user.roleTitle,
    phone: user.phone,
    role: user.role,
    isContactPerson: user.isContactPerson,
    status: user.status,
    emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };

  const sqlite = db.$client;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as Array<{ name: string }>;
  const related: UserExport['related'] = {};
  let sessions: UserExport['sessions'] = [];
  for (const { name: table } of tables) {
    if (SKIPPED_TABLES.has(table) || table === 'users') continue;
    const fks = (sqlite.prepare(`pragma foreign_key_list("${table.replace(/"/g, '""')}")`).all() as Array<{ table: string; from: string; to: string | null; on_delete: string }>)
      .filter((fk) => fk.table === 'users' && (fk.to === null || fk.to === 'id'))
      .filter(isOwnData);
    if (fks.length === 0) continue;
    const where = fks.map((fk) => `"${fk.from.replace(/"/g, '""')}" = ?`).join(' or ');
    const rows = sqlite.prepare(`select * from "${table.replace(/"/g, '""')}" where ${where}`).all(...fks.map(() => userId)) as Array<Record<string, unknown>>;
    if (table === 'sessions') {
      sessions = rows.map((r) => ({ expiresAt: new Date(Number(r.expiresAt ?? r.expires_at)).toISOString() }));
      continue;
    }
    if (rows.length === 0) continue;
    related[snakeToCamel(table)] = rows.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([col]) => !SECRET_COLUMN.test(col)).map(([col, v]) => [col, readable(v, col)])),
    );
  }
  return { exportedAt: now.toISOString(), profile, sessions, related };
}
