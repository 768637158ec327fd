// Issue 15: the public activity list comes in pages of 20 (?sida=2) with a page navigation that works
// without JavaScript and keeps the filters; the session cookie is sent again only when its expiry slides.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { register } from '#lib/activities/registration.ts';
import { SESSION_COOKIE, SESSION_LIFETIME_MS, sessionIdFromToken } from '#lib/auth/session.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import { input } from '../unit/activities-fixtures.ts';
import { morning } from '../helpers/local-time.ts';

let server: RunningServer;
let db: Db;
useServer((ctx) => ({ server, db } = ctx));

const decode = (s: string) => s.replace(/&amp;/g, '&');
const cardTitles = (html: string) => [...html.matchAll(/<li class="card"><h3><a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!);
const pagination = (html: string) => /<nav aria-label="Sidor"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? null;

describe('the paginated activity list', () => {
  it('shows 20 a page, in start order, with a page navigation that keeps the filters', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    // 45 courses in Tibro (days 100..144) and a network meeting elsewhere that the filter leaves out.
    for (let i = 0; i < 45; i++) {
      const title = `Tibrokurs ${String(i + 1).padStart(2, '0')}`;
      publishActivity(db, createActivity(db, input({ title, kind: 'course', municipality: 'Tibro', dates: [morning(100 + i)] }), coordinator.id).id);
    }
    publishActivity(db, createActivity(db, input({ title: 'Träff i Skövde', municipality: 'Skövde', dates: [morning(101)] }), coordinator.id).id);
    const anon = new Client(server.url);

    const first = await (await anon.get('/aktiviteter?typ=kurs&kommun=Tibro')).text();
    expect(cardTitles(first)).toEqual(Array.from({ length: 20 }, (_, i) => `Tibrokurs ${String(i + 1).padStart(2, '0')}`));
    expect(first).toContain('45 aktiviteter. Visar 1–20, sida 1 av 3.');
    expect(first).toContain('<title>Aktiviteter – sida 1 av 3 – Skaraborgsnätet</title>');
    const nav = pagination(first)!;
    expect(nav).not.toBeNull();
    expect(nav).toMatch(/<a href="\/aktiviteter\?typ=kurs&amp;kommun=Tibro" aria-current="page"><span class="visually-hidden">Sida <\/span>1<\/a>/);
    const next = decode(/<a href="([^"]*)" rel="next">/.exec(nav)?.[1] ?? '');
    expect(next).toBe('/aktiviteter?typ=kurs&kommun=Tibro&sida=2');
    expect(nav).not.toContain('rel="prev"');

    const third = await (await anon.get('/aktiviteter?typ=kurs&kommun=Tibro&sida=3')).text();
    expect(cardTitles(third)).toEqual(Array.from({ length: 5 }, (_, i) => `Tibrokurs ${41 + i}`));
    expect(third).toContain('Visar 41–45, sida 3 av 3.');
    expect(decode(/<a href="([^"]*)" rel="prev">/.exec(pagination(third)!)?.[1] ?? '')).toBe('/aktiviteter?typ=kurs&kommun=Tibro&sida=2');
    expect(pagination(third)).toMatch(/aria-current="page"><span class="visually-hidden">Sida <\/span>3<\/a>/);
    expect(pagination(third)).not.toContain('rel="next"');

    // Every activity is on exactly one page.
    const second = await (await anon.get(next)).text();
    const all = [...cardTitles(first), ...cardTitles(second), ...cardTitles(third)];
    expect(new Set(all).size).toBe(45);
    expect(all).not.toContain('Träff i Skövde');

    // The calendar feed for the same filter is not paginated: all 45.
    const feed = await (await anon.get('/aktiviteter/kalender.ics?typ=kurs&kommun=Tibro')).text();
    expect(feed.match(/BEGIN:VEVENT/g)).toHaveLength(45);
  });

  it('explains a page number that is not valid or past the end, and shows the nearest page', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    for (let i = 0; i < 25; i++) publishActivity(db, createActivity(db, input({ title: `Hjoträff ${i + 1}`, municipality: 'Hjo', dates: [morning(200 + i)] }), coordinator.id).id);
    const anon = new Client(server.url);
    const past = await anon.get('/aktiviteter?kommun=Hjo&sida=7');
    expect(past.status).toBe(200);
    const pastHtml = await past.text();
    expect(pastHtml).toContain('Sidan 7 finns inte, det finns 2 sidor. Du ser den sista.');
    expect(cardTitles(pastHtml)).toHaveLength(5);
    const bad = await (await anon.get('/aktiviteter?kommun=Hjo&sida=abc')).text();
    expect(bad).toContain('Sidnumret i adressen är inte giltigt. Du ser första sidan.');
    expect(cardTitles(bad)).toHaveLength(20);
  });

  it('shows no page navigation when everything fits on one page', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    publishActivity(db, createActivity(db, input({ title: 'Ensam i Töreboda', municipality: 'Töreboda', dates: [morning(20)] }), coordinator.id).id);
    const html = await (await new Client(server.url).get('/aktiviteter?kommun=T%C3%B6reboda')).text();
    expect(cardTitles(html)).toEqual(['Ensam i Töreboda']);
    expect(pagination(html)).toBeNull();
    expect(html).toContain('<title>Aktiviteter – Skaraborgsnätet</title>');
  });
});

describe('the shared copy of the list for visitors without a session', () => {
  it('is the same page for every visitor until the data changes, and never what a member sees', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    const activity = createActivity(db, input({ title: 'Träff i Grästorp', municipality: 'Grästorp', capacity: 3, dates: [morning(30)] }), coordinator.id);
    publishActivity(db, activity.id);
    const path = '/aktiviteter?kommun=Gr%C3%A4storp';
    const page = `/aktiviteter/${activity.slug}`;
    await new Client(server.url).get(page);
    const pageAgain = await new Client(server.url).get(page);
    expect(pageAgain.headers.get('x-shared-cache')).toBe('hit');
    expect(await pageAgain.text()).toContain('3 av 3 platser kvar.');
    const first = await new Client(server.url).get(path);
    const firstHtml = await first.text();
    expect(firstHtml).toContain('3 platser kvar');
    const again = await new Client(server.url).get(path);
    expect(await again.text()).toBe(firstHtml);
    expect(again.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
    expect(again.headers.get('content-type')).toContain('text/html');
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(again.headers.get('x-shared-cache')).toBe('hit');

    // A registration (here from another connection than the server's) makes the next visitor's page new.
    const member = createTestUser(db, { name: 'Greta Gästrike' });
    register(db, { activityId: activity.id, userId: member.id });
    const afterResponse = await new Client(server.url).get(path);
    expect(afterResponse.headers.get('x-shared-cache')).toBeNull();
    const after = await afterResponse.text();
    expect(after).toContain('2 platser kvar');
    expect(after).not.toContain('Greta Gästrike');
    expect(await (await new Client(server.url).get(page)).text()).toContain('2 av 3 platser kvar.');

    // The member gets the page rendered for them: their name in the header and their own registration.
    const client = new Client(server.url);
    loginAs(client, db, member.id);
    const ownResponse = await client.get(path);
    expect(ownResponse.headers.get('x-shared-cache')).toBeNull();
    expect(ownResponse.headers.get('cache-control')).toBe('private, no-store');
    const own = await ownResponse.text();
    expect(own).toContain('Greta Gästrike');
    expect(own).toContain('Du är anmäld');
    expect((await (await new Client(server.url).get(path)).text())).not.toContain('Du är anmäld');
    // Any cookie at all (here one the portal never sets) means a page rendered for this request.
    const withCookie = await fetch(`${server.url}${page}`, { headers: { cookie: 'annan=1' } });
    expect(withCookie.headers.get('x-shared-cache')).toBeNull();
  });
});

describe('the session cookie on page views', () => {
  it('is not sent again while the session is young, and follows the expiry when it slides', async () => {
    const member = createTestUser(db);
    const client = new Client(server.url);
    const token = loginAs(client, db, member.id);
    const sessionCookies = (res: Response) => res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`));

    const young = await client.get('/mina-sidor');
    expect(young.status).toBe(200);
    expect(sessionCookies(young)).toEqual([]);

    // Past half its life: the request extends the session and sends the cookie with the new expiry.
    const id = sessionIdFromToken(token);
    db.update(sessions).set({ expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS / 2 - 60_000) }).where(eq(sessions.id, id)).run();
    const old = await client.get('/mina-sidor');
    expect(old.status).toBe(200);
    const [cookie] = sessionCookies(old);
    expect(cookie).toContain(`${SESSION_COOKIE}=${token}`);
    const expires = new Date(/Expires=([^;]+)/i.exec(cookie!)![1]!);
    const stored = db.select().from(sessions).where(eq(sessions.id, id)).get()!.expiresAt;
    expect(Math.abs(expires.getTime() - stored.getTime())).toBeLessThan(1000);
    expect(stored.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - 60_000);
  });
});
