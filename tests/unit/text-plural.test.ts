import { describe, expect, it } from 'vitest';
import { countLabel, plural } from '#lib/text/plural.ts';
import { retryAfterText } from '#lib/auth/rate-limit.ts';
import { kindAndTitle } from '#lib/activities/kinds.ts';

describe('one pluralisation helper (issue 16, point 19)', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(countLabel(1, 'olöst kommentar', 'olösta kommentarer')).toBe('1 olöst kommentar');
    expect(countLabel(2, 'olöst kommentar', 'olösta kommentarer')).toBe('2 olösta kommentarer');
    expect(countLabel(0, 'träff', 'träffar')).toBe('0 träffar');
    expect(plural(1, 'medlem', 'medlemmar')).toBe('medlem');
    expect(countLabel(1200, 'medlem', 'medlemmar')).toBe('1\u00a0200 medlemmar');
  });

  it('is what the rate-limit message uses', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(retryAfterText(new Date(now.getTime() + 60_000), now)).toBe('om 1 minut');
    expect(retryAfterText(new Date(now.getTime() + 1_000), now)).toBe('om 1 sekund');
    expect(retryAfterText(new Date(now.getTime() + 120_000), now)).toBe('om 2 minuter');
  });
});

describe('activity kind in mails (issue 16, point 19)', () => {
  it('never repeats the kind when the title already starts with it', () => {
    expect(kindAndTitle('network_meeting', 'Nätverksträff: Samverkan en väg in')).toBe('Nätverksträff: Samverkan en väg in');
    expect(kindAndTitle('course', 'Supported Employment – grundkurs')).toBe('Kurs: Supported Employment – grundkurs');
  });
});

describe('activity mails name the kind once (issue 16, point 19)', () => {
  it('does not write "Nätverksträff: Nätverksträff:" in a reminder', async () => {
    const { freshDb, publishedActivity, user } = await import('./activities-fixtures.ts');
    const { activityDates, outbox } = await import('#db/schema/index.ts');
    const { eq } = await import('drizzle-orm');
    const { sendReminder } = await import('#lib/activities/mails.ts');
    const db = freshDb();
    const activity = publishedActivity(db, { title: 'Nätverksträff: Samverkan en väg in', kind: 'network_meeting' });
    const dates = db.select().from(activityDates).where(eq(activityDates.activityId, activity.id)).all();
    const person = user(db, { name: 'Elin Johansson' });
    expect(sendReminder(db, activity, dates, person, { base: 'https://natet.example.se' })).toBe(true);
    const mail = db.select().from(outbox).get()!;
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/Nätverksträff: Nätverksträff/);
    expect(mail.text).toContain('Nätverksträff: Samverkan en väg in');
  });
});

describe('no hand-written plural choices left in the pages (issue 16, point 19)', () => {
  it('uses the plural helper instead of "n === 1 ? …" with a word', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(astro|ts)$/.test(name)) files.push(path);
      }
    };
    walk('src');
    const offenders = files.filter((f) => /===\s*1\s*\?\s*['`]/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
