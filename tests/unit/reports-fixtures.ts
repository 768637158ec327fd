// A small, fully known world for the report tests: 3 held activities in 2026, plus activities that must
// not count (cancelled, draft, before the period, not yet held). Expected figures are worked out by hand
// in reports-figures.test.ts.
import { activities, activityDates, attendance, organisations, registrations, users, type ActivityKind, type RegistrationStatus } from '#db/schema/index.ts';
import type { Db } from '#lib/db.ts';
import { parseLocalDateTime } from '#lib/time.ts';


export const NOW = new Date('2026-12-01T12:00:00Z');
export const GUIDE_7TJUGO = { slug: '7tjugo', title: '7TJUGO – egenmakt och medvetna val' };
export const GUIDE_SE = { slug: 'supported-employment', title: 'Supported Employment och IPS' };

const at = (local: string) => parseLocalDateTime(local)!;

export function buildReportWorld(db: Db) {
  const org = (name: string, municipality: string | null) => db.insert(organisations).values({ name, slug: name.toLowerCase().replace(/\W+/g, '-'), type: 'municipality', municipality }).returning().get().id;
  const A = org('Skövde kommun', 'Skövde');
  const B = org('Lidköpings kommun', 'Lidköping');
  const C = org('Arbetsförmedlingen', null);
  const D = org('Borås Stad', 'Borås');
  let n = 0;
  const person = (organisationId: number | null) =>
    db.insert(users).values({ email: `p${++n}@exempel.se`, name: `Person ${n}`, passwordHash: 'x', organisationId, status: 'active' }).returning().get().id;
  const [a1, a2, a3, a4, a5, a6] = [person(A), person(A), person(A), person(A), person(A), person(A)] as number[];
  const [b1, b2, b3] = [person(B), person(B), person(B)] as number[];
  const [c1, c2] = [person(C), person(C)] as number[];
  const d1 = person(D);
  const u0 = person(null);
  const contact = person(A);

  let slug = 0;
  const activity = (kind: ActivityKind, dates: Array<[string, string]>, options: { status?: 'published' | 'draft' | 'cancelled'; guides?: Array<{ slug: string; title: string }>; quota?: number } = {}) => {
    const spans = dates.map(([s, e]) => ({ startsAt: at(s), endsAt: at(e) }));
    const a = db
      .insert(activities)
      .values({
        slug: `aktivitet-${++slug}`,
        title: `Aktivitet ${slug}`,
        description: 'Beskrivning.',
        kind,
        status: options.status ?? 'published',
        guides: options.guides ?? [],
        organisationQuota: options.quota ?? null,
        startsAt: spans[0]!.startsAt,
        endsAt: spans.at(-1)!.endsAt,
      })
      .returning()
      .get();
    const dateIds = spans.map((s) => db.insert(activityDates).values({ activityId: a.id, ...s }).returning().get().id);
    const reg = (userId: number, status: RegistrationStatus, attendedDates: number[] = [], nominated = false) => {
      const r = db.insert(registrations).values({ activityId: a.id, userId, status, nominatedBy: nominated ? contact : null }).returning().get();
      for (const i of attendedDates) db.insert(attendance).values({ registrationId: r.id, activityDateId: dateIds[i]! }).run();
    };
    return { reg };
  };

  // Network meeting, 3 hours: 9 seats, 7 present, 2 no-shows.
  const n1 = activity('network_meeting', [['2026-03-10T09:00', '2026-03-10T12:00']], { guides: [GUIDE_7TJUGO] });
  for (const u of [a1, a2, a3, a4, a5, b1, c1]) n1.reg(u!, 'confirmed', [0]);
  n1.reg(a6!, 'confirmed');
  n1.reg(b2!, 'confirmed');

  // Course over two 7-hour days (starts in March), quota 3 per organisation.
  const k1 = activity('course', [['2026-03-20T09:00', '2026-03-20T16:00'], ['2026-04-02T09:00', '2026-04-02T16:00']], { guides: [GUIDE_SE, GUIDE_7TJUGO], quota: 3 });
  k1.reg(a1!, 'confirmed', [0, 1], true);
  k1.reg(a2!, 'confirmed', [0], true);
  k1.reg(a3!, 'confirmed');
  k1.reg(b3!, 'confirmed', [0, 1]);
  k1.reg(c2!, 'waitlisted', [], true);
  k1.reg(d1, 'cancelled');

  // Study visit, 2 hours, no method guide.
  const s1 = activity('study_visit', [['2026-05-05T13:00', '2026-05-05T15:00']]);
  s1.reg(a1!, 'confirmed', [0]);
  s1.reg(u0, 'confirmed', [0]);
  s1.reg(d1, 'confirmed', [0]);
  s1.reg(b1!, 'requested');

  // None of these count.
  activity('network_meeting', [['2026-06-01T09:00', '2026-06-01T12:00']], { status: 'cancelled' }).reg(a4!, 'confirmed', [0]);
  activity('network_meeting', [['2026-06-02T09:00', '2026-06-02T12:00']], { status: 'draft' }).reg(a4!, 'confirmed', [0]);
  activity('course', [['2025-12-15T09:00', '2025-12-15T12:00']], { guides: [GUIDE_7TJUGO] }).reg(a4!, 'confirmed', [0]);
  activity('learning_conference', [['2026-12-15T09:00', '2026-12-15T16:00']]).reg(a4!, 'confirmed');
  return { organisations: { A, B, C, D } };
}
