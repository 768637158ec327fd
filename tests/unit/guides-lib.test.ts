import { describe, expect, it } from 'vitest';
import { neighbours, readingMinutes, sortGuides } from '#lib/content/guides.ts';

const g = (id: string, order: number, title = id) => ({ id, data: { order, title } });

describe('guide helpers', () => {
  it('computes reading time at 200 words a minute, at least one minute', () => {
    expect(readingMinutes('ord '.repeat(1000))).toBe(5);
    expect(readingMinutes('kort')).toBe(1);
    expect(readingMinutes('---\ntitle: x\n---\n' + 'ord '.repeat(400))).toBe(2);
  });

  it('sorts by order, then title in Swedish collation', () => {
    const sorted = sortGuides([g('c', 2), g('ö', 1, 'Öppen'), g('a', 1, 'Arena')]);
    expect(sorted.map((x) => x.id)).toEqual(['a', 'ö', 'c']);
  });

  it('finds previous and next guides in reading order', () => {
    const all = [g('b', 2), g('a', 1), g('c', 3)];
    expect(neighbours(all, 'b').previous?.id).toBe('a');
    expect(neighbours(all, 'b').next?.id).toBe('c');
    expect(neighbours(all, 'a').previous).toBeUndefined();
  });
});
