// Accounts in Chromium: sign up, read the code in the admin outbox, verify, edit the profile,
// download my data — with axe on every auth, member and admin page — and the key flows with
// JavaScript turned off.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { type Db } from '#lib/db.ts';
import { organisationChangeRequests, organisations, users } from '#db/schema/index.ts';
import { latestMailTo } from '#lib/mail/outbox.ts';
import { createPasswordResetToken } from '#lib/auth/password-reset.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { launchBrowser, newContextAs, expectAccessible } from '../helpers/browser.ts';
import { createTestUser } from '../helpers/users.ts';

let server: RunningServer;
let browser: Browser;
let db: Db;
let orgId: number;

useServer((ctx) => ({ server, db } = ctx));
beforeAll(async () => {
  orgId = db.insert(organisations).values({ name: 'Götene kommun', slug: 'gotene-kommun', type: 'municipality', municipality: 'Götene', emailDomains: ['gotene.se'] }).returning().get().id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const contextAs = (userId: number | null, options: Parameters<Browser['newContext']>[0] = {}) => newContextAs(browser, server, db, userId, options);

describe('accounts in the browser (JavaScript on)', () => {
  it('sign up → code from /admin/utkorg → verify → edit profile → download my data', async () => {
    const admin = createTestUser(db, { role: 'admin' });
    const visitor = await contextAs(null);
    const page = await visitor.newPage();
    await page.goto('/skapa-konto');
    await expectAccessible(page, 'skapa konto');
    await page.getByLabel('Namn').fill('Tove Lind');
    await page.getByLabel('E-postadress på jobbet').fill('tove.lind@gotene.se');
    await page.getByLabel('Lösenord', { exact: true }).fill('hallon-och-blåbär-i-juli');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await page.waitForURL(/\/verifiera\?/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Kolla din e-post');
    await expectAccessible(page, 'verifiera');

    const adminContext = await contextAs(admin.id);
    const adminPage = await adminContext.newPage();
    await adminPage.goto('/admin/utkorg');
    await expectAccessible(adminPage, 'utkorg');
    await adminPage.getByRole('link', { name: /Bekräfta din e-postadress/ }).first().click();
    const mailText = (await adminPage.locator('pre.mail-text').textContent()) ?? '';
    const code = /\n([A-Z2-7]{8})\n/.exec(mailText)?.[1];
    expect(code, mailText).toBeTruthy();

    await page.getByLabel('Kod från mejlet').fill(code!);
    await page.getByRole('button', { name: 'Bekräfta' }).click();
    await page.waitForURL(/\/mina-sidor\?klart=verifierad/);
    expect(await page.getByRole('status').first().textContent()).toContain('Din e-postadress är bekräftad');
    await expectAccessible(page, 'mina sidor');
    expect(await page.getByRole('heading', { name: 'Mina anmälningar' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Mina klustergrupper' }).count()).toBe(1);

    await page.getByRole('link', { name: 'Min profil' }).click();
    await expectAccessible(page, 'profil');
    await page.getByLabel('Befattning (valfritt)').fill('Arbetsmarknadssekreterare');
    await page.getByLabel('Telefon (valfritt)').fill('0511-386 000');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/klart=sparad/);
    expect(await page.getByLabel('Befattning (valfritt)').inputValue()).toBe('Arbetsmarknadssekreterare');
    expect(db.select().from(users).where(eq(users.email, 'tove.lind@gotene.se')).get()).toMatchObject({ roleTitle: 'Arbetsmarknadssekreterare', phone: '0511-386 000', status: 'active' });

    await page.getByRole('link', { name: 'Mina uppgifter' }).click();
    await expectAccessible(page, 'mina uppgifter');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Ladda ner mina uppgifter/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^skaraborgsnatet-mina-uppgifter-\d{4}-\d\d-\d\d\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.profile).toMatchObject({ name: 'Tove Lind', organisation: 'Götene kommun', roleTitle: 'Arbetsmarknadssekreterare' });

    await page.getByRole('link', { name: 'Lösenord och inloggning' }).click();
    await expectAccessible(page, 'säkerhet');
    await visitor.close();
    await adminContext.close();
  });
});

// One test per page (or state), so each stays well inside its timeout on a busy machine.
describe('every other auth, member and admin page passes axe, including error states and 403', () => {
  const anonymousPages = ['/logga-in', '/logga-in?next=%2Fmina-sidor', '/glomt-losenord', '/glomt-losenord?skickad=1', '/nytt-losenord?token=ogiltig', '/verifiera?klart=vantar', '/organisationer'];
  for (const path of anonymousPages) {
    it(path, async () => {
      const anon = await contextAs(null);
      const page = await anon.newPage();
      await page.goto(path);
      await expectAccessible(page, path);
      await anon.close();
    });
  }

  const cases: Array<{ name: string; as: () => number | null; run: (page: Page) => Promise<void> }> = [
    {
      name: 'skapa konto with errors: summary and linked fields',
      as: () => null,
      run: async (page) => {
        await page.goto('/skapa-konto');
        await page.getByRole('button', { name: 'Skapa konto' }).click();
        await page.waitForLoadState();
        expect(await page.getByRole('alert').textContent()).toContain('Fyll i ditt namn.');
        await expectAccessible(page, 'skapa konto med fel');
      },
    },
    {
      name: 'logga in with a wrong password',
      as: () => null,
      run: async (page) => {
        await page.goto('/logga-in');
        await page.getByLabel('E-postadress').fill('ingen@exempel.se');
        await page.getByLabel('Lösenord').fill('fel-losenord-99');
        await page.getByRole('button', { name: 'Logga in' }).click();
        await page.waitForLoadState();
        expect(await page.getByRole('alert').textContent()).toContain('Fel e-postadress eller lösenord.');
        await expectAccessible(page, 'logga in med fel');
      },
    },
    {
      name: 'nytt lösenord with a valid link',
      as: () => null,
      run: async (page) => {
        const { token } = createPasswordResetToken(db, createTestUser(db).id);
        await page.goto(`/nytt-losenord?token=${token}`);
        await expectAccessible(page, 'nytt lösenord');
      },
    },
    {
      name: 'admin member list for a coordinator, with a pending account',
      as: () => createTestUser(db, { role: 'coordinator' }).id,
      run: async (page) => {
        createTestUser(db, { status: 'pending', name: 'Väntande Vera' });
        await page.goto('/admin?status=pending');
        await expectAccessible(page, 'admin medlemmar');
        expect(await page.getByRole('button', { name: /Godkänn Väntande Vera/ }).count()).toBe(1);
      },
    },
    {
      name: '403 for a coordinator on /admin/organisationer',
      as: () => createTestUser(db, { role: 'coordinator' }).id,
      run: async (page) => {
        const forbidden = await page.goto('/admin/organisationer');
        expect(forbidden!.status()).toBe(403);
        await expectAccessible(page, '403');
      },
    },
    {
      name: 'admin member page',
      as: () => createTestUser(db, { role: 'admin' }).id,
      run: async (page) => {
        const member = createTestUser(db, { organisationId: orgId });
        await page.goto(`/admin/medlemmar/${member.id}`);
        await expectAccessible(page, 'admin medlem');
      },
    },
    {
      name: 'admin organisations: list, a domain error, then a new organisation',
      as: () => createTestUser(db, { role: 'admin' }).id,
      run: async (page) => {
        await page.goto('/admin/organisationer');
        await expectAccessible(page, 'admin organisationer');
        await page.getByLabel('Namn').fill('Götene Fritidsgård');
        await page.getByLabel('Typ').selectOption('association');
        await page.getByLabel('Kommun').selectOption('Götene');
        await page.getByLabel('E-postdomäner').fill('gotene.se');
        await page.getByRole('button', { name: 'Lägg till' }).click();
        await page.waitForLoadState();
        expect(await page.getByRole('alert').textContent()).toContain('Domänen gotene.se hör redan till Götene kommun.');
        await expectAccessible(page, 'admin organisationer med fel');
        await page.getByLabel('E-postdomäner').fill('fritid-gotene.se');
        await page.getByRole('button', { name: 'Lägg till' }).click();
        await page.waitForURL(/klart=skapad/);
        expect(db.select().from(organisations).where(eq(organisations.name, 'Götene Fritidsgård')).get()).toMatchObject({ emailDomains: ['fritid-gotene.se'], municipality: 'Götene' });
      },
    },
    {
      name: 'mina sidor as admin',
      as: () => createTestUser(db, { role: 'admin' }).id,
      run: async (page) => {
        await page.goto('/mina-sidor');
        await expectAccessible(page, 'mina sidor som admin');
      },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const context = await contextAs(c.as());
      await c.run(await context.newPage());
      await context.close();
    });
  }
});

describe('accounts with JavaScript off', () => {
  it('sign up, verify, log out, log in, reset the password and delete the account with plain forms', async () => {
    const context = await contextAs(null, { javaScriptEnabled: false });
    const page = await context.newPage();
    const email = 'utan.js@gotene.se';
    await page.goto('/skapa-konto');
    await page.getByLabel('Namn').fill('Ida Utan Skript');
    await page.getByLabel('E-postadress på jobbet').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill('vit-båt-i-götene-hamn');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await page.waitForURL(/\/verifiera\?/);
    const code = /\n([A-Z2-7]{8})\n/.exec(latestMailTo(db, email)!.text)![1]!;
    await page.getByLabel('Kod från mejlet').fill(code);
    await page.getByRole('button', { name: 'Bekräfta' }).click();
    await page.waitForURL(/\/mina-sidor/);
    expect(await page.locator('h1').textContent()).toBe('Mina sidor');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/logga-in\?klart=utloggad/);
    await page.goto('/mina-sidor/profil');
    await page.waitForURL(/\/logga-in\?next=/);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill('vit-båt-i-götene-hamn');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(/\/mina-sidor\/profil$/);
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/logga-in/);

    await page.goto('/glomt-losenord');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByRole('button', { name: 'Skicka länk' }).click();
    await page.waitForURL(/skickad=1/);
    const link = /(\/nytt-losenord\?token=[a-z2-7]+)/.exec(latestMailTo(db, email)!.text)![1]!;
    await page.goto(link);
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('grå-sten-vid-kinnekulle');
    await page.getByLabel('Upprepa det nya lösenordet').fill('grå-sten-vid-kinnekulle');
    await page.getByRole('button', { name: 'Spara nytt lösenord' }).click();
    await page.waitForURL(/klart=losenord/);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill('grå-sten-vid-kinnekulle');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(/\/mina-sidor$/);

    await page.goto('/mina-sidor/mina-uppgifter');
    await page.getByLabel('Ditt lösenord').fill('grå-sten-vid-kinnekulle');
    await page.getByLabel(/Jag förstår/).check();
    await page.getByRole('button', { name: 'Ta bort mitt konto' }).click();
    await page.waitForURL(/klart=borttaget/);
    expect(db.select().from(users).where(eq(users.email, email)).get()).toBeUndefined();
    await context.close();
  });

  it('a coordinator approves a pending account without JavaScript', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    const pending = createTestUser(db, { status: 'pending', name: 'Nils Väntar' });
    const context = await contextAs(coordinator.id, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/admin?status=pending');
    await page.getByRole('button', { name: /Godkänn Nils Väntar/ }).click();
    await page.waitForURL(/godkand=/);
    expect(await page.getByRole('status').first().textContent()).toContain('Nils Väntar är godkänd');
    expect(db.select().from(users).where(eq(users.id, pending.id)).get()!.status).toBe('active');
    await context.close();
  });
});

describe('organisation change and the error page (issue 10)', () => {
  // Two tests (request, decision), so each stays inside its timeout on a busy machine.
  it('a member requests another organisation without JavaScript; the profile passes axe', async () => {
    db.insert(organisations).values({ name: 'Mariestads kommun', slug: 'mariestads-kommun', type: 'municipality', municipality: 'Mariestad', emailDomains: ['mariestad.se'] }).run();
    const member = createTestUser(db, { organisationId: orgId, name: 'Begär Organisation' });
    const context = await contextAs(member.id, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/mina-sidor/profil');
    await page.getByLabel('Organisation du vill höra till').selectOption({ label: 'Mariestads kommun' });
    await page.getByLabel('Motivering (valfritt)').fill('Ny tjänst i Mariestad.');
    await page.getByRole('button', { name: 'Begär byte av organisation' }).click();
    await page.waitForURL(/klart=begard/);
    expect(await page.getByRole('status').first().textContent()).toContain('Din begäran är skickad');
    expect(db.select().from(users).where(eq(users.id, member.id)).get()!.organisationId).toBe(orgId);
    await context.close();
    // axe runs inside the page, so the scan needs a context with JavaScript.
    const scanned = await contextAs(member.id);
    const view = await scanned.newPage();
    await view.goto('/mina-sidor/profil');
    await expectAccessible(view, 'profil med begäran');
    await scanned.close();
  });

  it('a coordinator approves a change without JavaScript; /admin with requests passes axe', async () => {
    const member = createTestUser(db, { organisationId: orgId, name: 'Byter Organisation' });
    db.insert(organisationChangeRequests).values({ userId: member.id, organisationId: null, message: 'Slutar i kommunen.', status: 'pending' }).run();
    const coordinator = createTestUser(db, { role: 'coordinator' });
    // axe runs inside the page, so the scan needs a context with JavaScript; the decision is made without.
    const scanned = await contextAs(coordinator.id);
    const view = await scanned.newPage();
    await view.goto('/admin');
    await expectAccessible(view, 'admin med organisationsbyten');
    await scanned.close();
    const context = await contextAs(coordinator.id, { javaScriptEnabled: false });
    const coord = await context.newPage();
    await coord.goto('/admin');
    await coord.getByRole('button', { name: 'Godkänn bytet för Byter Organisation' }).click();
    await coord.waitForURL(/bytet=godkant/);
    expect(await coord.getByRole('status').first().textContent()).toContain('Bytet för Byter Organisation är godkänt');
    expect(db.select().from(users).where(eq(users.id, member.id)).get()!.organisationId).toBeNull();
    await context.close();
  });

  it('an unexpected error shows a Swedish error page with the request id that passes axe', async () => {
    const member = createTestUser(db);
    const context = await contextAs(member.id);
    const page = await context.newPage();
    db.$client.exec('ALTER TABLE cluster_groups RENAME TO cluster_groups_borta');
    try {
      const res = await page.goto('/klustergrupper');
      expect(res!.status()).toBe(500);
      expect(await page.locator('h1').textContent()).toBe('Något gick fel');
      expect(await page.locator('code').textContent()).toBe(res!.headers()['x-request-id']);
      await expectAccessible(page, '500');
    } finally {
      db.$client.exec('ALTER TABLE cluster_groups_borta RENAME TO cluster_groups');
    }
    await context.close();
  });
});
