// Issue 16.7: the activity form has as many date rows as needed; "Lägg till dag" (a plain submit button) adds one.
import { describe, expect, it } from 'vitest';
import { addedRow, emptyFormValues, formValuesFromActivity, parseDateRows } from '#lib/activities/form.ts';
import { getDates } from '#lib/activities/activities.ts';
import { freshDb, publishedActivity } from './activities-fixtures.ts';
import { morning } from '../helpers/local-time.ts';

function form(entries: Array<[string, string]>): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe('date rows', () => {
  it('starts with one row, not a fixed four', () => {
    expect(emptyFormValues().rows).toHaveLength(1);
  });

  it('adds one row per "Lägg till dag" and keeps what was typed', () => {
    const fd = form([['title', 'Kurs'], ['date', '2027-01-11'], ['start', '09:00'], ['end', '16:00'], ['date', '2027-01-12'], ['start', '09:00'], ['end', '16:00'], ['laggTill', 'dag']]);
    const added = addedRow(fd)!;
    expect(added.values.title).toBe('Kurs');
    expect(added.values.rows).toEqual([
      { date: '2027-01-11', start: '09:00', end: '16:00' },
      { date: '2027-01-12', start: '09:00', end: '16:00' },
      { date: '', start: '', end: '' },
    ]);
    expect(added.focusId).toBe('f-date-3');
    expect(addedRow(form([['title', 'Kurs']]))).toBeNull();
  });

  it('parses a course of ten days', () => {
    const days = Array.from({ length: 10 }, (_, i) => `2027-02-${String(i + 1).padStart(2, '0')}`);
    const parsed = parseDateRows(days, days.map(() => '09:00'), days.map(() => '12:00'));
    expect(parsed.error).toBeNull();
    expect(parsed.dates).toHaveLength(10);
  });

  it('shows an existing activity with exactly its dates', () => {
    const db = freshDb();
    const a = publishedActivity(db, { kind: 'course', dates: [morning(40), morning(41), morning(42), morning(43), morning(44)] });
    expect(formValuesFromActivity(a, getDates(db, a.id)).rows).toHaveLength(5);
  });
});
