// Issue 16.5: the month grid of /aktiviteter in Stockholm time, and the feed links.
import { describe, expect, it } from 'vitest';
import { addMonths, dayLabel, monthBounds, monthGrid, monthLabel, parseYearMonth } from '#lib/activities/month.ts';
import { feedLinks } from '#lib/activities/site.ts';
import { parseLocalDateTime } from '#lib/time.ts';

const at = (s: string) => parseLocalDateTime(s)!;

describe('month grid', () => {
  it('starts weeks on Monday and fills with the neighbouring months (January 2027 starts on a Friday)', () => {
    const weeks = monthGrid({ year: 2027, month: 1 }, [], at('2027-01-15T12:00'));
    expect(weeks).toHaveLength(5);
    expect(weeks[0]!.map((d) => d.iso)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(weeks[0]!.map((d) => d.inMonth)).toEqual([false, false, false, false, true, true, true]);
    expect(weeks.flat().filter((d) => d.isToday).map((d) => d.iso)).toEqual(['2027-01-15']);
    expect(weeks.at(-1)!.at(-1)!.iso).toBe('2027-01-31');
  });

  it('puts an entry on its Stockholm day, also just after midnight (UTC is still the day before)', () => {
    const late = at('2027-03-10T00:30'); // 2027-03-09T23:30Z
    const summer = at('2027-06-01T00:15'); // CEST: 2027-05-31T22:15Z
    const march = monthGrid({ year: 2027, month: 3 }, [{ startsAt: late, item: 'a' }], late);
    expect(march.flat().find((d) => d.iso === '2027-03-10')!.entries.map((e) => e.item)).toEqual(['a']);
    expect(march.flat().find((d) => d.iso === '2027-03-09')!.entries).toEqual([]);
    const june = monthGrid({ year: 2027, month: 6 }, [{ startsAt: summer, item: 'b' }]);
    expect(june.flat().find((d) => d.iso === '2027-06-01')!.entries).toHaveLength(1);
  });

  it('month bounds are local midnights across DST', () => {
    const { start, end } = monthBounds({ year: 2027, month: 3 });
    expect(start.toISOString()).toBe('2027-02-28T23:00:00.000Z');
    expect(end.toISOString()).toBe('2027-03-31T22:00:00.000Z');
  });

  it('parses, steps and names months in Swedish', () => {
    expect(parseYearMonth('2027-01')).toEqual({ year: 2027, month: 1 });
    expect(parseYearMonth('2027-13', at('2026-12-31T23:30'))).toEqual({ year: 2026, month: 12 });
    expect(parseYearMonth('<script>', at('2027-01-01T00:30'))).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2027, month: 1 }, -1)).toEqual({ year: 2026, month: 12 });
    expect(monthLabel({ year: 2027, month: 1 })).toBe('januari 2027');
    expect(dayLabel('2027-01-14')).toBe('torsdag 14 januari');
  });
});

describe('feed links', () => {
  it('gives https and webcal variants with the filters', () => {
    const links = feedLinks(new URLSearchParams({ typ: 'kurs', kommun: 'Skövde' }), 'https://natet.example.se');
    expect(links.https).toBe('https://natet.example.se/aktiviteter/kalender.ics?typ=kurs&kommun=Sk%C3%B6vde');
    expect(links.webcal).toBe('webcal://natet.example.se/aktiviteter/kalender.ics?typ=kurs&kommun=Sk%C3%B6vde');
    expect(feedLinks(new URLSearchParams(), 'http://localhost:4321').webcal).toBe('webcal://localhost:4321/aktiviteter/kalender.ics');
  });
});
