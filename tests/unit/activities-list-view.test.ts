// Issue 15: the public list as one page of cards, built by one query, kept per revision of the data.
import { describe, expect, it } from 'vitest';
import { activityListView, filteredActivityCards } from '#lib/activities/list-view.ts';
import { cancelActivity } from '#lib/activities/activities.ts';
import { register } from '#lib/activities/registration.ts';
import { freshDb, publishedActivity, user } from './activities-fixtures.ts';
import { morning } from '../helpers/local-time.ts';

describe('the activity list view', () => {
  it('pages through every upcoming activity in start order, 20 a page', () => {
    const db = freshDb();
    const made = Array.from({ length: 45 }, (_, i) => publishedActivity(db, { title: `Träff ${i + 1}`, dates: [morning(45 - i)] }));
    const first = activityListView(db, {}, null, null);
    expect(first).toMatchObject({ total: 45, page: 1, pageCount: 3, offset: 0, end: 20, notice: null });
    expect(first.cards).toHaveLength(20);
    expect(first.cards[0]!.title).toBe('Träff 45');
    const third = activityListView(db, {}, '3', null);
    expect(third.cards.map((c) => c.title)).toEqual(['Träff 5', 'Träff 4', 'Träff 3', 'Träff 2', 'Träff 1']);
    const everyTitle = [1, 2, 3].flatMap((p) => activityListView(db, {}, String(p), null).cards.map((c) => c.id));
    expect(new Set(everyTitle)).toEqual(new Set(made.map((a) => a.id)));
    expect(activityListView(db, {}, '7', null)).toMatchObject({ page: 3, notice: 'Sidan 7 finns inte, det finns 3 sidor. Du ser den sista.' });
  });

  it('formats each card once: kind, time, place and seats', () => {
    const db = freshDb();
    const a = publishedActivity(db, { title: 'Kurs i MI', kind: 'course', capacity: 3, place: null, digitalLink: 'https://möte.exempel.se/x', dates: [morning(5)] });
    register(db, { activityId: a.id, userId: user(db).id });
    const [card] = activityListView(db, {}, null, null).cards;
    expect(card).toMatchObject({ slug: a.slug, kindLabel: 'Kurs', place: 'Digitalt', seatText: '2 platser kvar', full: false, startIso: a.startsAt.toISOString() });
    expect(card!.when).toMatch(/^[a-zåäö]+dag \d{1,2} [a-zä]+ \d{4}, 10:00–13:00$/);
  });

  it('filters by kind, municipality, guide and free seats, and names the guide', () => {
    const db = freshDb();
    publishedActivity(db, { title: 'Kurs i Hjo', kind: 'course', municipality: 'Hjo', guides: [], dates: [morning(3)] });
    const full = publishedActivity(db, { title: 'Full träff', capacity: 1, guides: [{ slug: 'ips', title: 'IPS – individanpassat stöd' }], dates: [morning(4)] });
    publishedActivity(db, { title: 'Träff i Skövde', dates: [morning(6)] });
    register(db, { activityId: full.id, userId: user(db).id });
    const titles = (filter: Parameters<typeof activityListView>[1]) => activityListView(db, filter, null, null).cards.map((c) => c.title);
    expect(titles({ kind: 'course' })).toEqual(['Kurs i Hjo']);
    expect(titles({ municipality: 'Hjo' })).toEqual(['Kurs i Hjo']);
    expect(titles({ guideSlug: 'ips' })).toEqual(['Full träff']);
    expect(activityListView(db, { guideSlug: 'ips' }, null, null).guideTitle).toBe('IPS – individanpassat stöd');
    expect(titles({ onlyFree: true })).toEqual(['Kurs i Hjo', 'Träff i Skövde']);
    expect(titles({})).toEqual(['Kurs i Hjo', 'Full träff', 'Träff i Skövde']);
  });

  it('adds where the viewer stands on the page, and nothing for an anonymous visitor', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 1, dates: [morning(5)] });
    const me = user(db);
    register(db, { activityId: a.id, userId: user(db).id });
    register(db, { activityId: a.id, userId: me.id });
    expect(activityListView(db, {}, null, me.id).mine.get(a.id)).toBe('Du står på plats 1 i kön');
    expect(activityListView(db, {}, null, null).mine.size).toBe(0);
  });

  it('is kept between views and rebuilt after any write', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 2, dates: [morning(5)] });
    const before = filteredActivityCards(db, {});
    expect(filteredActivityCards(db, {})).toBe(before);
    register(db, { activityId: a.id, userId: user(db).id });
    const after = filteredActivityCards(db, {});
    expect(after).not.toBe(before);
    expect(after.cards[0]!.seatText).toBe('1 plats kvar');
    cancelActivity(db, a.id, null);
    expect(filteredActivityCards(db, {}).cards).toEqual([]);
  });

  it('leaves out activities that have ended, drafts and cancelled ones', () => {
    const db = freshDb();
    publishedActivity(db, { title: 'Förbi', dates: [morning(-2)] });
    publishedActivity(db, { title: 'Kommande', dates: [morning(2)] });
    expect(activityListView(db, {}, null, null).cards.map((c) => c.title)).toEqual(['Kommande']);
  });
});
