// The registration buttons on Mina sidor post to the activity page and come back: follow the forms as rendered.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { outbox, registrations } from '#db/schema/index.ts';
import { type Db } from '#lib/db.ts';
import { createActivity, publishActivity } from '#lib/activities/activities.ts';
import { useServer, type RunningServer } from '../helpers/server.ts';
import { Client } from '../helpers/http.ts';
import { createTestUser, loginAs } from '../helpers/users.ts';
import { input } from '../unit/activities-fixtures.ts';

let server: RunningServer;
let db: Db;
useServer((ctx) => ({ server, db } = ctx));

const decode = (s: string) => s.replace(/&amp;/g, '&');

describe('Mina sidor: my registrations', () => {
  it('lists a registration with a working cancel button that returns to Mina sidor', async () => {
    const coordinator = createTestUser(db, { role: 'coordinator' });
    const activity = publishActivity(db, createActivity(db, input({ title: 'Träff att avboka', capacity: 5 }), coordinator.id).id);
    const member = createTestUser(db);
    const client = new Client(server.url);
    loginAs(client, db, member.id);
    expect((await client.post(`/aktiviteter/${activity.slug}?_action=activities.register`, { slug: activity.slug })).status).toBe(303);

    const page = await (await client.get('/mina-sidor')).text();
    expect(page).toContain('Träff att avboka');
    // "Avboka" leads to a confirmation step (no JavaScript needed); only its form cancels.
    const link = decode(/<a[^>]*href="([^"]*\/avboka[^"]*)"/.exec(page)?.[1] ?? '');
    expect(link).toBe(`/aktiviteter/${activity.slug}/avboka?tillbaka=mina-sidor`);
    const confirmPage = await (await client.get(link)).text();
    expect(confirmPage).toContain('Vill du avboka din plats på Träff att avboka?');
    const forms = [...confirmPage.matchAll(/<form[^>]*action="([^"]*)"[\s\S]*?<\/form>/g)].map((m) => ({ action: decode(m[1]!), html: m[0] }));
    const cancel = forms.find((f) => f.action.includes('_action=activities.cancelRegistration'));
    expect(cancel, 'cancel form on the confirmation page').toBeDefined();
    expect(cancel!.action).not.toContain('[object');
    const fields = Object.fromEntries([...cancel!.html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
    expect(fields.confirm).toBe('true');

    // Posting without the confirmation cancels nothing.
    const unconfirmed = await client.post(`/aktiviteter/${activity.slug}?_action=activities.cancelRegistration`, { slug: activity.slug });
    expect(unconfirmed.status).toBe(400);
    expect(db.select().from(registrations).where(and(eq(registrations.activityId, activity.id), eq(registrations.userId, member.id))).get()?.status).toBe('confirmed');

    const res = await client.post(cancel!.action, fields);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/mina-sidor/);
    const row = db.select().from(registrations).where(and(eq(registrations.activityId, activity.id), eq(registrations.userId, member.id))).get();
    expect(row?.status).toBe('cancelled');
    const mail = db.select().from(outbox).where(and(eq(outbox.to, member.email), eq(outbox.subject, 'Avbokning: Träff att avboka'))).get();
    expect(mail?.text).toContain('Din plats på Träff att avboka är avbokad.');
    expect(Buffer.from(mail!.attachments[0]!.content, 'base64').toString()).toContain('METHOD:CANCEL');
  });
});
