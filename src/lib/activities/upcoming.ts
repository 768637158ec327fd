// Upcoming published activities as plain objects, for the start page and guide pages.
import { getDb, type Db } from '#lib/db.ts';
import { listPublishedUpcoming } from './activities.ts';
import { KIND_LABELS } from './kinds.ts';
import { availabilityFor } from './availability.ts';
import type { ActivityKind } from '#db/schema/index.ts';

export interface UpcomingActivity {
  slug: string;
  title: string;
  kind: ActivityKind;
  kindLabel: string;
  start: Date;
  end: Date;
  place: string | null;
  municipality: string | null;
  /** "3 platser kvar", "Fullbokad – väntelista" or "Obegränsat antal platser" (the same for every visitor). */
  seats: string;
}

/** Published activities that have not ended, soonest first; `guideSlug` keeps those linked to that method guide. */
export function listUpcomingActivities(db: Db, options: { limit?: number; guideSlug?: string; now?: Date } = {}): UpcomingActivity[] {
  const list = listPublishedUpcoming(db, { limit: options.limit, guideSlug: options.guideSlug }, options.now);
  const seats = availabilityFor(db, list, null);
  return list.map((a) => ({
    slug: a.slug,
    title: a.title,
    kind: a.kind,
    kindLabel: KIND_LABELS[a.kind],
    start: a.startsAt,
    end: a.endsAt,
    place: a.place ?? (a.digitalLink ? 'Digitalt' : null),
    municipality: a.municipality,
    seats: seats.get(a.id)!.seatText,
  }));
}

/** The start page's list: the next four. */
export function upcomingForStartPage(): UpcomingActivity[] {
  return listUpcomingActivities(getDb(), { limit: 4 });
}

/** A guide page's server island: the next three activities linked to the guide. */
export function upcomingForGuide(guideSlug: string): UpcomingActivity[] {
  return listUpcomingActivities(getDb(), { guideSlug, limit: 3 });
}
