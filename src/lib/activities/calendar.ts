// iCalendar files (RFC 5545) via the `ics` package: one VEVENT per activity date, times in UTC.
import { createEvents, type EventAttributes } from 'ics';
import type { Activity, ActivityDate } from '#db/schema/index.ts';
import { KIND_LABELS } from './kinds.ts';
import { activityUrl, siteUrl } from './site.ts';

export interface CalendarActivity {
  activity: Pick<Activity, 'id' | 'slug' | 'title' | 'kind' | 'status' | 'place' | 'digitalLink' | 'municipality' | 'updatedAt'>;
  dates: Array<Pick<ActivityDate, 'id' | 'startsAt' | 'endsAt'>>;
}

function host(): string {
  try {
    return new URL(siteUrl()).hostname;
  } catch {
    return 'skaraborgsnatet.se';
  }
}

/**
 * Text for a calendar property: control characters (a bare CR or LF would start a new line such as
 * "BEGIN:VEVENT" in the file; the ics package escapes only LF) and line/paragraph separators become
 * spaces.
 */
export function calendarText(value: string): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * PUBLISH: the normal feed and attachment. CANCEL: sent when an activity is cancelled, so calendar programs
 * remove the events that the earlier PUBLISH put in (same UIDs, a higher SEQUENCE, STATUS:CANCELLED).
 */
export type CalendarMethod = 'PUBLISH' | 'CANCEL';

function toEvents({ activity, dates }: CalendarActivity, base: string, method: CalendarMethod): EventAttributes[] {
  const url = activityUrl(activity.slug, base);
  const location = calendarText([activity.place, activity.digitalLink].filter(Boolean).join(' – ')) || undefined;
  const title = calendarText(activity.title);
  return dates.map((d, i) => ({
    uid: `aktivitet-${activity.id}-${d.id}@${host()}`,
    title: dates.length > 1 ? `${title} (dag ${i + 1} av ${dates.length})` : title,
    description: `${KIND_LABELS[activity.kind]} i Skaraborgsnätet. Mer information och anmälan: ${url}`,
    location,
    url,
    start: d.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: d.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: method === 'CANCEL' || activity.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: method === 'CANCEL' || activity.status === 'cancelled' ? 1 : 0,
    categories: [KIND_LABELS[activity.kind]],
    lastModified: activity.updatedAt.getTime(),
    productId: 'skaraborgsnatet/aktiviteter',
  }));
}

/** Builds an .ics text for one or many activities. Throws if the library rejects the input. */
export function buildCalendar(items: CalendarActivity[], options: { calName?: string; base?: string; method?: CalendarMethod } = {}): string {
  const base = options.base ?? siteUrl();
  const calName = calendarText(options.calName ?? 'Skaraborgsnätet') || 'Skaraborgsnätet';
  const method = options.method ?? 'PUBLISH';
  const events = items.flatMap((item) => toEvents(item, base, method));
  if (events.length === 0) {
    // ics refuses an empty list; an empty but valid calendar is still a correct feed.
    return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:skaraborgsnatet/aktiviteter', `METHOD:${method}`, 'X-WR-CALNAME:' + calName, 'END:VCALENDAR', ''].join('\r\n');
  }
  const { error, value } = createEvents(events, { productId: 'skaraborgsnatet/aktiviteter', method, calName });
  if (error || !value) throw error ?? new Error('Kalenderfilen kunde inte skapas');
  return value;
}
