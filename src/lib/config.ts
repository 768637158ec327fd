// The portal's runtime configuration: the only module under src/ that reads process.env. Every
// variable is read and validated here (zod) when the server starts (scripts/serve.mjs calls
// loadConfig() before loading the bundle), and siteUrl() is the one origin for every absolute link
// (mail, calendar files, redirects). Plain TypeScript with erasable syntax only, so scripts can import it
// directly. README's configuration table lists every variable.
import { isIP } from 'node:net';
import { z } from 'astro/zod';

/** An unset variable and an empty one mean the same: not configured. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const siteUrlSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `SITE_URL är ingen giltig adress: "${value}". Skriv till exempel https://natet.example.se.` });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'SITE_URL måste börja med https:// (eller http://).' });
      return z.NEVER;
    }
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'SITE_URL ska bara vara ursprunget, utan sökväg, till exempel https://natet.example.se.' });
      return z.NEVER;
    }
    return url.origin;
  });

const proxyList = z
  .string()
  .transform((value, ctx) => {
    const addresses = value.split(/[\s,]+/).filter(Boolean).map(normaliseAddress);
    const invalid = addresses.filter((a) => isIP(a) === 0);
    if (invalid.length) {
      ctx.addIssue({ code: 'custom', message: `TRUSTED_PROXY ska vara IP-adresser åtskilda med komma; ogiltigt: ${invalid.join(', ')}.` });
      return z.NEVER;
    }
    return addresses;
  });

/** "on"/"off" switches (also true/false, 1/0, yes/no). */
const onOff = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .transform((value, ctx) => {
      if (['on', 'true', '1', 'yes', 'ja'].includes(value)) return true;
      if (['off', 'false', '0', 'no', 'nej'].includes(value)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} ska vara on eller off, inte "${value}".` });
      return z.NEVER;
    });

const positiveNumber = (name: string, fallback: number) =>
  optional(z.coerce.number({ error: `${name} måste vara ett tal.` }).positive(`${name} måste vara större än noll.`)).default(fallback);

const envSchema = z
  .object({
    NODE_ENV: optional(z.string()),
    HOST: optional(z.string()).default('localhost'),
    PORT: optional(z.coerce.number({ error: 'PORT måste vara ett tal.' }).int('PORT måste vara ett heltal.').min(0).max(65535)).default(4321),
    SITE_URL: optional(siteUrlSchema),
    TRUSTED_PROXY: optional(proxyList).default([]),
    DATABASE_PATH: optional(z.string()).default('data/portal.db'),
    MIGRATIONS_DIR: optional(z.string()).default('db/migrations'),
    DEMO_DATA: optional(onOff('DEMO_DATA')).default(true),
    SMTP_URL: optional(z.string().trim()),
    MAIL_FROM: optional(z.string().trim()).default('Skaraborgsnätet <noreply@skaraborgsnatet.se>'),
    ACTIVITY_JOBS: optional(onOff('ACTIVITY_JOBS')).default(true),
    IDEA_JOBS: optional(onOff('IDEA_JOBS')).default(true),
    MAIL_JOBS: optional(onOff('MAIL_JOBS')).default(true),
    COLLAB_IDLE_MS: positiveNumber('COLLAB_IDLE_MS', 30_000),
    COLLAB_COMPACT_EVERY: positiveNumber('COLLAB_COMPACT_EVERY', 500),
    COLLAB_MAX_MESSAGE_BYTES: positiveNumber('COLLAB_MAX_MESSAGE_BYTES', 256 * 1024),
    COLLAB_RATE_BURST: positiveNumber('COLLAB_RATE_BURST', 400),
    COLLAB_RATE_PER_SECOND: positiveNumber('COLLAB_RATE_PER_SECOND', 100),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SITE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SITE_URL'],
        message:
          'SITE_URL måste vara satt när NODE_ENV=production: den publika adressen (till exempel https://natet.example.se) ' +
          'som länkar i mejl och kalenderfiler pekar på. Utan den skulle länkarna följa förfrågans Host-huvud.',
      });
    }
  });

export interface Config {
  production: boolean;
  host: string;
  port: number;
  /** The public origin, without a trailing slash. */
  siteUrl: string;
  /** Whether SITE_URL was set (otherwise siteUrl is the server's own listen address). */
  siteUrlConfigured: boolean;
  /** Addresses of reverse proxies whose X-Forwarded-* headers are believed. */
  trustedProxies: string[];
  /** The SQLite file. */
  databasePath: string;
  /** Where the SQL migrations are read from at start. */
  migrationsDir: string;
  /** Whether the start script loads demo data into an empty database (never in production). */
  demoData: boolean;
  mail: {
    /** SMTP connection URL; without it mail is only kept in the outbox. */
    smtpUrl: string | null;
    from: string;
  };
  /** Background jobs registered at server start (src/lib/jobs.ts). */
  jobs: { activities: boolean; ideas: boolean; mail: boolean };
  collab: { idleMs: number; compactEvery: number; maxMessageBytes: number; rateBurst: number; ratePerSecond: number };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** "::ffff:127.0.0.1" → "127.0.0.1", so IPv4 proxies match however the socket reports them. */
function normaliseAddress(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** The address the server listens on, as an origin browsers can use. */
function listenOrigin(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host;
  return `http://${isIP(name) === 6 ? `[${name}]` : name}:${port}`;
}

/** Validates an environment; throws ConfigError with every problem in Swedish. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Felaktig konfiguration:\n${parsed.error.issues.map((i) => `  - ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  return {
    production: e.NODE_ENV === 'production',
    host: e.HOST,
    port: e.PORT,
    siteUrl: e.SITE_URL ?? listenOrigin(e.HOST, e.PORT),
    siteUrlConfigured: Boolean(e.SITE_URL),
    trustedProxies: e.TRUSTED_PROXY,
    databasePath: e.DATABASE_PATH,
    migrationsDir: e.MIGRATIONS_DIR,
    demoData: e.NODE_ENV !== 'production' && e.DEMO_DATA,
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    jobs: { activities: e.ACTIVITY_JOBS, ideas: e.IDEA_JOBS, mail: e.MAIL_JOBS },
    collab: {
      idleMs: e.COLLAB_IDLE_MS,
      compactEvery: e.COLLAB_COMPACT_EVERY,
      maxMessageBytes: e.COLLAB_MAX_MESSAGE_BYTES,
      rateBurst: e.COLLAB_RATE_BURST,
      ratePerSecond: e.COLLAB_RATE_PER_SECOND,
    },
  };
}

let current: Config | undefined;

/** The process's configuration, read once. */
export function config(): Config {
  return (current ??= loadConfig());
}

/** Replaces the process's configuration (tests; the start script after validating). */
export function setConfig(next: Config | undefined): void {
  current = next;
}

/**
 * Build-time settings (astro.config.mjs and src/content.config.ts), read without the runtime checks:
 * a production build needs no SITE_URL check of the runtime.
 */
export function buildSettings(env: Record<string, string | undefined> = process.env): { contentDir: string; buildDir: string; siteUrl: string | null } {
  return { contentDir: env.CONTENT_DIR || './content', buildDir: env.BUILD_DIR || 'dist', siteUrl: env.SITE_URL || null };
}

/** The one origin for absolute links: SITE_URL, or outside production the server's listen address. */
export function siteUrl(): string {
  return config().siteUrl;
}

/** SITE_URL when it is set, otherwise undefined. */
export function configuredSiteUrl(): string | undefined {
  const c = config();
  return c.siteUrlConfigured ? c.siteUrl : undefined;
}

/** Whether a direct peer (the socket's remote address) is a configured reverse proxy. */
export function isTrustedProxy(address: string | undefined | null): boolean {
  if (!address) return false;
  return config().trustedProxies.includes(normaliseAddress(address));
}

/** Request headers a client can forge that only a trusted proxy may set. */
export const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-prefix', 'x-real-ip'] as const;

/** What scripts/serve.mjs uses of this module, published by the bundle's middleware when it loads. */
export interface PublishedConfig {
  loadConfig: typeof loadConfig;
  ConfigError: typeof ConfigError;
  isTrustedProxy: typeof isTrustedProxy;
  FORWARDED_HEADERS: typeof FORWARDED_HEADERS;
}

/**
 * Publishes this module (the bundle's own instance) for scripts/serve.mjs, as the live co-writing server and
 * the jobs are published: the server process then loads no TypeScript source at run time, and Node's type
 * stripper (13 MB of RSS after start, measured) never starts.
 */
export function publishConfig(): void {
  const published: PublishedConfig = { loadConfig, ConfigError, isTrustedProxy, FORWARDED_HEADERS };
  (globalThis as Record<symbol, unknown>)[Symbol.for('skaraborgsnatet.config')] = published;
}
