import { describe, expect, it } from 'vitest';
import { historyDiff, side, wordSegments } from '#lib/ideas/word-diff.ts';
import { combineRegions, mergeRegions } from '#lib/ideas/merge.ts';

describe('history diff by word (issue 16, point 14)', () => {
  it('marks only the changed words of a changed line and keeps unchanged lines whole', () => {
    const before = 'Unga som avbryter gymnasiet hamnar utanför.\n\nOrsakerna är flera.';
    const after = 'Unga som avbryter gymnasiet hamnar ofta utanför.\n\nOrsakerna är flera.';
    const lines = historyDiff(before, after);
    expect(lines).toEqual([
      {
        kind: 'changed',
        segments: [
          { kind: 'same', text: 'Unga som avbryter gymnasiet hamnar ' },
          { kind: 'added', text: 'ofta ' },
          { kind: 'same', text: 'utanför.' },
        ],
      },
      { kind: 'same', segments: [] },
      { kind: 'same', segments: [{ kind: 'same', text: 'Orsakerna är flera.' }] },
    ]);
  });

  it('shows wholly new lines as added and wholly removed lines as removed', () => {
    expect(historyDiff('', 'Ny rad')).toEqual([{ kind: 'added', segments: [{ kind: 'added', text: 'Ny rad' }] }]);
    const removed = historyDiff('Ett\nTvå\n', 'Ett\n');
    expect(removed).toEqual([
      { kind: 'same', segments: [{ kind: 'same', text: 'Ett' }] },
      { kind: 'removed', segments: [{ kind: 'removed', text: 'Två' }] },
    ]);
  });

  it('splits the word segments of both sides for the conflict view', () => {
    const segments = wordSegments('Orsakerna är flera, bland annat brist på stöd.', 'Orsakerna är flera: mående, skolmiljö och familj.');
    expect(side(segments, 'before').map((s) => s.text).join('')).toBe('Orsakerna är flera, bland annat brist på stöd.');
    expect(side(segments, 'after').map((s) => s.text).join('')).toBe('Orsakerna är flera: mående, skolmiljö och familj.');
    expect(side(segments, 'before').filter((s) => s.kind === 'same').map((s) => s.text).join('')).toContain('Orsakerna är');
  });
});

describe('conflict regions (issue 16, point 13)', () => {
  const base = 'Första stycket.\n\nAndra stycket.\n\nTredje stycket.';
  const latest = 'Första stycket, av Bo.\n\nAndra stycket.\n\nTredje stycket, av Bo.';
  const mine = 'Första stycket – Annas version.\n\nAndra stycket, av Anna.\n\nTredje stycket.';

  it('gives one region per conflicting paragraph and keeps the other changes', () => {
    const regions = mergeRegions(base, latest, mine);
    const conflicts = regions.filter((r) => r.kind === 'conflict');
    expect(conflicts).toEqual([{ kind: 'conflict', mine: 'Första stycket – Annas version.', latest: 'Första stycket, av Bo.' }]);
    expect(combineRegions(regions)).toBe('Första stycket – Annas version.\n\nAndra stycket, av Anna.\n\nTredje stycket, av Bo.');
  });

  it('combines per paragraph choice: the saved text, or both', () => {
    const regions = mergeRegions(base, latest, mine);
    expect(combineRegions(regions, ['sparad'])).toBe('Första stycket, av Bo.\n\nAndra stycket, av Anna.\n\nTredje stycket, av Bo.');
    expect(combineRegions(regions, ['bada'])).toBe('Första stycket – Annas version.\n\nFörsta stycket, av Bo.\n\nAndra stycket, av Anna.\n\nTredje stycket, av Bo.');
    expect(combineRegions(regions, ['bada'])).not.toMatch(/<<<<<<<|=======|>>>>>>>/);
  });
});
