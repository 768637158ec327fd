import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRange, parseLocalDateTime, toLocalInputValue } from '#lib/time.ts';

describe('Europe/Stockholm time handling', () => {
  it('parses wall-clock time in winter (UTC+1) and summer (UTC+2)', () => {
    expect(parseLocalDateTime('2026-01-15T09:00')?.toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(parseLocalDateTime('2026-06-15T09:00')?.toISOString()).toBe('2026-06-15T07:00:00.000Z');
  });

  it('handles the daylight-saving switches', () => {
    // 29 March 2026: clocks go 02:00 → 03:00; 25 October 2026: 03:00 → 02:00.
    expect(parseLocalDateTime('2026-03-29T10:00')?.toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(parseLocalDateTime('2026-10-25T10:00')?.toISOString()).toBe('2026-10-25T09:00:00.000Z');
    expect(formatDateTime(new Date('2026-03-29T00:30:00Z'))).toBe('29 mars 2026 kl. 01:30');
    expect(formatDateTime(new Date('2026-03-29T01:30:00Z'))).toBe('29 mars 2026 kl. 03:30');
  });

  it('round-trips datetime-local input values', () => {
    const d = new Date('2026-11-23T13:45:00Z');
    expect(toLocalInputValue(d)).toBe('2026-11-23T14:45');
    expect(parseLocalDateTime(toLocalInputValue(d))?.getTime()).toBe(d.getTime());
  });

  it('rejects invalid input', () => {
    expect(parseLocalDateTime('2026-02-30T10:00')).toBeNull();
    expect(parseLocalDateTime('igår')).toBeNull();
    expect(parseLocalDateTime('2026-13-01T10:00')).toBeNull();
  });

  it('formats a same-day range with weekday and times', () => {
    expect(formatRange(new Date('2026-12-03T08:00:00Z'), new Date('2026-12-03T15:00:00Z'))).toBe('torsdag 3 december 2026, 09:00–16:00');
  });
});
