// The public activity list (/aktiviteter, list view) as plain data: one page of cards, the page arithmetic
// and where the viewer stands on the activities of that page.
//
// The cards are the same for every visitor, so the whole filtered list is built by one prepared query
// (only the columns a card shows, the seats taken counted in the same query), formatted once, and kept
// per filter, revision of the data (any write starts afresh: versionedCache) and minute (an activity
// leaves the list within a minute of ending). A page view then only slices it and, for a logged-in
// viewer, looks up their own registrations on that page.
import { getTableName } from 'drizzle-orm';
import { activities, registrations, type ActivityKind } from '#db/schema/index.ts';
import { statement } from '#lib/cache/statements.ts';
import { versionedCache } from '#lib/cache/versioned.ts';
import type { Db } from '#lib/db.ts';
import { formatDate, formatRange } from '#lib/time.ts';
import { mineText, seatText, viewerStatusFor } from './availability.ts';
import { KIND_LABELS } from './kinds.ts';
import { pageLinks, selectPage, type PageLink, type PageSelection } from './pagination.ts';
import { SEAT_STATUSES } from './seats.ts';

export interface ListFilter {
  kind?: ActivityKind;
  municipality?: string;
  guideSlug?: string;
  /** Only activities with seats left (or no limit). */
  onlyFree?: boolean;
}

/** One activity on the list, ready to render (shared between requests: frozen). */
export interface ActivityCard {
  id: number;
  slug: string;
  title: string;
  kindLabel: string;
  municipality: string | null;
  /** ISO start instant for <time datetime>. */
  startIso: string;
  /** "12 mars 2027" or "torsdag 12 mars 2027, 09:00–12:00". */
  when: string;
  /** The address, "Digitalt" or "". */
  place: string;
  full: boolean;
  /** "3 platser kvar", "Fullbokad – väntelista", "Obegränsat antal platser". */
  seatText: string;
}

interface FilteredList {
  cards: readonly ActivityCard[];
  /** The linked guide's title when filtering by guide and some activity links it. */
  guideTitle: string | null;
}

export interface ActivityListView extends PageSelection {
  cards: readonly ActivityCard[];
  /** All activities matching the filter (every page). */
  total: number;
  links: PageLink[];
  guideTitle: string | null;
  /** The viewer's standing per activity id on this page ("Du är anmäld", …). */
  mine: Map<number, string>;
}

const SEAT_LIST = SEAT_STATUSES.map((s) => `'${s}'`).join(', ');
const LIST_SQL = `SELECT a.id, a.slug, a.title, a.kind, a.municipality, a.place, a.digitalLink, a.startsAt, a.endsAt, a.capacity,
    (SELECT count(*) FROM ${getTableName(registrations)} r WHERE r.activityId = a.id AND r.status IN (${SEAT_LIST})) AS taken,
    CASE WHEN @guide IS NULL THEN NULL ELSE
      (SELECT json_extract(g.value, '$.title') FROM json_each(a.guides) g WHERE json_extract(g.value, '$.slug') = @guide LIMIT 1) END AS guideTitle
  FROM ${getTableName(activities)} a
  WHERE a.status = 'published' AND a.endsAt >= @now
    AND (@kind IS NULL OR a.kind = @kind)
    AND (@municipality IS NULL OR a.municipality = @municipality)
    AND (@guide IS NULL OR EXISTS (SELECT 1 FROM json_each(a.guides) g WHERE json_extract(g.value, '$.slug') = @guide))
  ORDER BY a.startsAt, a.id`;

interface ListRow {
  id: number;
  slug: string;
  title: string;
  kind: ActivityKind;
  municipality: string | null;
  place: string | null;
  digitalLink: string | null;
  startsAt: number;
  endsAt: number;
  capacity: number | null;
  taken: number;
  guideTitle: string | null;
}

const MINUTE = 60_000;
const lists = versionedCache<FilteredList>({ max: 200, maxSize: 10_000, sizeOf: (list) => list.cards.length });

function toCard(row: ListRow): ActivityCard {
  const start = new Date(row.startsAt);
  const end = new Date(row.endsAt);
  const left = row.capacity == null ? null : Math.max(0, row.capacity - row.taken);
  return Object.freeze({
    id: row.id,
    slug: row.slug,
    title: row.title,
    kindLabel: KIND_LABELS[row.kind],
    municipality: row.municipality,
    startIso: start.toISOString(),
    when: row.startsAt === row.endsAt ? formatDate(start) : formatRange(start, end),
    place: row.place ?? (row.digitalLink ? 'Digitalt' : ''),
    full: left === 0,
    seatText: seatText(left),
  });
}

/** Every published, not yet ended activity matching the filter, soonest first, as cards. */
export function filteredActivityCards(db: Db, filter: ListFilter, now = new Date()): FilteredList {
  const minute = Math.floor(now.getTime() / MINUTE);
  const key = `${minute}|${filter.kind ?? ''}|${filter.municipality ?? ''}|${filter.guideSlug ?? ''}|${filter.onlyFree ? 1 : 0}`;
  return lists.get(db, key, () => {
    // The minute's start, so every request in the minute sees the list the key promises.
    const rows = statement<[Record<string, unknown>], ListRow>(db, LIST_SQL).all({
      now: minute * MINUTE,
      kind: filter.kind ?? null,
      municipality: filter.municipality ?? null,
      guide: filter.guideSlug ?? null,
    });
    const kept = filter.onlyFree ? rows.filter((r) => r.capacity == null || r.taken < r.capacity) : rows;
    const guideTitle = rows.find((r) => r.guideTitle != null)?.guideTitle ?? null;
    return Object.freeze({ cards: Object.freeze(kept.map(toCard)), guideTitle });
  });
}

/** One page (`sida`: the raw ?sida= value) of the list for a viewer (null: anonymous). */
export function activityListView(db: Db, filter: ListFilter, sida: string | null, viewerId: number | null, now = new Date()): ActivityListView {
  const { cards: all, guideTitle } = filteredActivityCards(db, filter, now);
  const selection = selectPage(all.length, sida);
  const cards = all.slice(selection.offset, selection.end);
  const mine = new Map<number, string>();
  for (const [id, status] of viewerStatusFor(
    db,
    cards.map((c) => c.id),
    viewerId,
  )) {
    const text = mineText(status);
    if (text) mine.set(id, text);
  }
  return { ...selection, cards, total: all.length, links: pageLinks(selection.page, selection.pageCount), guideTitle, mine };
}
