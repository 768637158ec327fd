import { describe, expect, it } from 'vitest';
import { hasConflictMarkers, MARKER_LATEST, MARKER_MINE, normaliseText, threeWayMerge } from '#lib/ideas/merge.ts';

const base = ['Rad ett', 'Rad två', 'Rad tre', 'Rad fyra', 'Rad fem'].join('\n');

describe('threeWayMerge', () => {
  it('merges changes to different lines', () => {
    const latest = base.replace('Rad ett', 'Rad ett, ändrad av Anna');
    const mine = base.replace('Rad fem', 'Rad fem, ändrad av Bo');
    const r = threeWayMerge(base, latest, mine);
    expect(r.clean).toBe(true);
    if (r.clean) expect(r.text).toBe(['Rad ett, ändrad av Anna', 'Rad två', 'Rad tre', 'Rad fyra', 'Rad fem, ändrad av Bo'].join('\n'));
  });

  it('merges an insertion with an edit elsewhere', () => {
    const latest = base + '\nRad sex';
    const mine = base.replace('Rad två', 'Rad 2');
    const r = threeWayMerge(base, latest, mine);
    expect(r).toEqual({ clean: true, text: ['Rad ett', 'Rad 2', 'Rad tre', 'Rad fyra', 'Rad fem', 'Rad sex'].join('\n') });
  });

  it('reports a conflict when both change the same line, with both versions between markers', () => {
    const latest = base.replace('Rad tre', 'Rad tre enligt Anna');
    const mine = base.replace('Rad tre', 'Rad tre enligt Bo');
    const r = threeWayMerge(base, latest, mine);
    expect(r.clean).toBe(false);
    if (!r.clean) {
      expect(r.conflicts).toBe(1);
      const lines = r.markedText.split('\n');
      expect(lines.indexOf(MARKER_MINE)).toBeLessThan(lines.indexOf('Rad tre enligt Bo'));
      expect(lines.indexOf('Rad tre enligt Bo')).toBeLessThan(lines.indexOf('Rad tre enligt Anna'));
      expect(lines.indexOf('Rad tre enligt Anna')).toBeLessThan(lines.indexOf(MARKER_LATEST));
      expect(lines).toContain('Rad ett');
      expect(hasConflictMarkers(r.markedText)).toBe(true);
    }
  });

  it('treats the same change made by both as no conflict', () => {
    const changed = base.replace('Rad två', 'Samma ändring');
    expect(threeWayMerge(base, changed, changed)).toEqual({ clean: true, text: changed });
  });

  it('normalises CRLF from textareas before merging', () => {
    expect(normaliseText('a\r\nb\rc')).toBe('a\nb\nc');
    const latest = base.replace('Rad ett', 'Första');
    const mine = base.replace('Rad fem', 'Sista').replace(/\n/g, '\r\n');
    const r = threeWayMerge(base, latest, mine);
    expect(r.clean && r.text).toBe(['Första', 'Rad två', 'Rad tre', 'Rad fyra', 'Sista'].join('\n'));
  });
});
