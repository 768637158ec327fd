// Issue 11: one config module reads and validates every environment variable (zod), and it is the only
// reader of process.env under src/; README's configuration table lists every variable it reads.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#lib/config.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

describe('configuration', () => {
  it('has defaults for a development machine', () => {
    expect(loadConfig({})).toMatchObject({
      production: false,
      siteUrl: 'http://localhost:4321',
      databasePath: 'data/portal.db',
      migrationsDir: 'db/migrations',
      demoData: true,
      mail: { smtpUrl: null, from: 'Skaraborgsnätet <noreply@skaraborgsnatet.se>' },
      jobs: { activities: true, ideas: true, mail: true },
      collab: { idleMs: 30_000, compactEvery: 500, maxMessageBytes: 262_144, rateBurst: 400, ratePerSecond: 100 },
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      SITE_URL: 'https://natet.example.se/',
      DATABASE_PATH: '/srv/portal.db',
      MIGRATIONS_DIR: '/srv/migrations',
      DEMO_DATA: 'on',
      SMTP_URL: 'smtps://u:p@smtp.example.se:465',
      MAIL_FROM: 'Nätet <info@example.se>',
      ACTIVITY_JOBS: 'off',
      IDEA_JOBS: 'off',
      MAIL_JOBS: 'off',
      COLLAB_IDLE_MS: '1000',
      TRUSTED_PROXY: '127.0.0.1, ::1',
    });
    expect(c).toMatchObject({
      production: true,
      siteUrl: 'https://natet.example.se',
      databasePath: '/srv/portal.db',
      migrationsDir: '/srv/migrations',
      // Never demo data in production.
      demoData: false,
      mail: { smtpUrl: 'smtps://u:p@smtp.example.se:465', from: 'Nätet <info@example.se>' },
      jobs: { activities: false, ideas: false, mail: false },
      trustedProxies: ['127.0.0.1', '::1'],
    });
    expect(c.collab.idleMs).toBe(1000);
  });

  it('refuses bad values with every problem in Swedish', () => {
    const error = (() => {
      try {
        loadConfig({ NODE_ENV: 'production', PORT: 'många', DEMO_DATA: 'kanske', COLLAB_RATE_BURST: '-3' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toContain('PORT måste vara ett tal.');
    expect(error!.message).toContain('DEMO_DATA ska vara on eller off, inte "kanske".');
    expect(error!.message).toContain('COLLAB_RATE_BURST måste vara större än noll.');
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('SITE_URL måste vara satt när NODE_ENV=production');
  });

  it('is the only reader of process.env under src/, and README documents every variable it reads', () => {
    const readers = files('src').filter((f) => /\.(ts|astro|mjs|js)$/.test(f) && readFileSync(f, 'utf8').includes('process.env'));
    expect(readers).toEqual([join('src', 'lib', 'config.ts')]);
    const source = readFileSync('src/lib/config.ts', 'utf8');
    // The schema's keys and the build-time reads (env.NAME).
    const names = new Set([...source.matchAll(/^ {4}([A-Z][A-Z0-9_]*):|env\.([A-Z][A-Z0-9_]*)/gm)].map((m) => (m[1] ?? m[2])!));
    for (const name of ['SITE_URL', 'DATABASE_PATH', 'SMTP_URL', 'MAIL_JOBS', 'COLLAB_IDLE_MS', 'CONTENT_DIR']) expect(names).toContain(name);
    const readme = readFileSync('README.md', 'utf8');
    expect([...names].filter((n) => !readme.includes(`\`${n}\``))).toEqual([]);
  });
});
