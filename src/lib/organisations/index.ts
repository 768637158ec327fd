// The directory of member organisations and the e-mail-domain rule for sign-ups.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { ORGANISATION_TYPES, organisations, type OrganisationType } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { preparedQuery } from '#lib/cache/statements.ts';
import { slugify } from '#lib/text/slugify.ts';
import { transaction } from '#lib/tx.ts';

export const SKARABORG_MUNICIPALITIES = [
  'Essunga', 'Falköping', 'Grästorp', 'Gullspång', 'Götene', 'Hjo', 'Karlsborg', 'Lidköping',
  'Mariestad', 'Skara', 'Skövde', 'Tibro', 'Tidaholm', 'Töreboda', 'Vara',
] as const;

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  municipality: 'Kommun',
  agency: 'Myndighet',
  region: 'Region',
  coordination_association: 'Samordningsförbund',
  folk_high_school: 'Folkhögskola',
  study_association: 'Studieförbund',
  association: 'Förening',
  company: 'Företag',
  other: 'Övrig',
};
export { ORGANISATION_TYPES };
export type Organisation = typeof organisations.$inferSelect;

export function listOrganisations(db: Db): Organisation[] {
  return db.select().from(organisations).orderBy(asc(organisations.name)).all().sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

export function getOrganisation(db: Db, id: number): Organisation | undefined {
  return preparedQuery(db, 'organisations.get', (d) => d.select().from(organisations).where(eq(organisations.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * The organisation owning exactly the address's domain. Subdomains do not count ("x@utb.skovde.se"
 * is not skovde.se): anyone who controls a subdomain's mail could otherwise join as the organisation.
 * An organisation that uses a subdomain lists it among its domains.
 */
export function organisationForEmail(db: Db, email: string): Organisation | undefined {
  const domain = emailDomain(email);
  return listOrganisations(db).find((org) => org.emailDomains.includes(domain));
}

/**
 * Mail services anyone can get an address at: as a member domain, every one of their users would
 * be activated as the organisation. Refused when an organisation is saved.
 */
export const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.se', 'outlook.com', 'outlook.se', 'live.com', 'live.se', 'msn.com',
  'yahoo.com', 'yahoo.se', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'gmx.com', 'gmx.net', 'gmx.de',
  'mail.com', 'proton.me', 'protonmail.com', 'pm.me', 'tutanota.com', 'tuta.io', 'zoho.com', 'yandex.com', 'telia.com',
  'spray.se', 'bredband.net', 'bredband2.com', 'passagen.se', 'home.se', 'comhem.se', 'tele2.se', 'bahnhof.se', 'fastmail.com',
]);

export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(domain.toLowerCase());
}

const DOMAIN_RE = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Splits "a.se, b.se\nc.se" into valid lower-case domains; returns the invalid parts separately. */
export function parseDomains(input: string): { domains: string[]; invalid: string[] } {
  const parts = input
    .split(/[\s,;]+/)
    .map((p) => p.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  const domains = [...new Set(parts.filter((p) => DOMAIN_RE.test(p)))];
  return { domains, invalid: parts.filter((p) => !DOMAIN_RE.test(p)) };
}

export interface OrganisationInput {
  name: string;
  type: OrganisationType;
  municipality: string | null;
  emailDomains: string[];
}

export type SaveOrganisationResult = { ok: true; organisation: Organisation } | { ok: false; field: 'name' | 'emailDomains' | 'id'; message: string };

/** Creates (id undefined) or updates an organisation; names and domains must be unique. */
export function saveOrganisation(db: Db, input: OrganisationInput, id?: number): SaveOrganisationResult {
  return transaction(db, (): SaveOrganisationResult => {
    if (id !== undefined && !getOrganisation(db, id)) return { ok: false, field: 'id', message: 'Organisationen finns inte.' };
    const slug = slugify(input.name);
    const others = db
      .select()
      .from(organisations)
      .where(id === undefined ? undefined : ne(organisations.id, id))
      .all();
    if (others.some((o) => o.name.toLowerCase() === input.name.toLowerCase() || o.slug === slug)) {
      return { ok: false, field: 'name', message: 'Det finns redan en organisation med det namnet.' };
    }
    const publicDomains = input.emailDomains.filter(isPublicMailDomain);
    if (publicDomains.length) {
      return {
        ok: false,
        field: 'emailDomains',
        message: `${publicDomains.join(', ')} är en allmän e-posttjänst där vem som helst kan skaffa en adress. Den kan inte vara en medlemsdomän: alla med en sådan adress skulle bli medlemmar i organisationen.`,
      };
    }
    for (const domain of input.emailDomains) {
      const owner = others.find((o) => o.emailDomains.includes(domain));
      if (owner) return { ok: false, field: 'emailDomains', message: `Domänen ${domain} hör redan till ${owner.name}.` };
    }
    const values = { name: input.name, slug, type: input.type, municipality: input.municipality, emailDomains: input.emailDomains };
    const organisation =
      id === undefined
        ? db.insert(organisations).values(values).returning().get()
        : db.update(organisations).set(values).where(and(eq(organisations.id, id))).returning().get();
    return { ok: true, organisation };
  });
}
