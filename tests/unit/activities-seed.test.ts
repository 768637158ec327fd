import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS } from '#db/schema/index.ts';
import { loadDemoDataIfEmpty } from '#db/seed/index.ts';
import { getDates, listPublishedUpcoming } from '#lib/activities/activities.ts';
import { listUpcomingActivities } from '#lib/activities/upcoming.ts';
import { formatDate } from '#lib/time.ts';
import { freshDb } from './activities-fixtures.ts';

describe('demo activities and listUpcomingActivities', () => {
  it('the demo data has upcoming published activities of every kind, linked to the method guides', () => {
    const db = freshDb();
    loadDemoDataIfEmpty(db);
    const list = listPublishedUpcoming(db);
    for (const kind of ACTIVITY_KINDS) expect(list.filter((a) => a.kind === kind).length, kind).toBeGreaterThanOrEqual(2);
    const course = list.find((a) => a.title === '7TJUGO handledarutbildning')!;
    const dates = getDates(db, course.id);
    expect(dates).toHaveLength(4);
    expect(new Set(dates.map((d) => formatDate(d.startsAt))).size).toBe(4);
    const linked = new Set(list.flatMap((a) => a.guides.map((g) => g.slug)));
    for (const slug of ['7tjugo', 'supported-employment', 'mentorskap', 'tjanstedesign', 'samverkan-en-vag-in', 'motivationsutbildningar', 'uppfoljning-av-resultat']) expect(linked.has(slug), slug).toBe(true);
  });

  it('listUpcomingActivities returns plain objects, soonest first, filtered by guide and limited', () => {
    const db = freshDb();
    loadDemoDataIfEmpty(db);
    const all = listUpcomingActivities(db);
    expect(all.map((a) => a.start.getTime())).toEqual([...all.map((a) => a.start.getTime())].sort((a, b) => a - b));
    expect(Object.keys(all[0]!).sort()).toEqual(['end', 'kind', 'kindLabel', 'municipality', 'place', 'seats', 'slug', 'start', 'title']);
    const mentoring = listUpcomingActivities(db, { guideSlug: 'mentorskap' });
    expect(mentoring.length).toBeGreaterThan(0);
    expect(mentoring.every((a) => all.some((b) => b.slug === a.slug))).toBe(true);
    expect(listUpcomingActivities(db, { limit: 3 })).toHaveLength(3);
    expect(listUpcomingActivities(db, { now: new Date(Date.now() + 400 * 86_400_000) })).toEqual([]);
  });
});
