// The idea page's per-revision caches: a revision's text is read and rendered once per connection, and
// databases in the same process never share entries.
import { describe, expect, it, vi } from 'vitest';
import { openDb } from '#lib/db.ts';
import { readinessFor, renderedRevision } from '#lib/ideas/revision-cache.ts';

describe('renderedRevision', () => {
  it('reads and renders a revision once, per connection', () => {
    const a = openDb(':memory:');
    const b = openDb(':memory:');
    const text = vi.fn(() => 'Ett *första* utkast');
    expect(renderedRevision(a, 7, text)).toEqual({ empty: false, html: '<p>Ett <em>första</em> utkast</p>\n' });
    expect(renderedRevision(a, 7, text).html).toBe('<p>Ett <em>första</em> utkast</p>\n');
    expect(text).toHaveBeenCalledTimes(1);
    // Revision 7 of another database is another text.
    expect(renderedRevision(b, 7, () => 'Annan <script>text</script>')).toEqual({ empty: false, html: '<p>Annan </p>\n' });
    expect(renderedRevision(b, 8, () => '  \n ')).toEqual({ empty: true, html: '' });
    expect(renderedRevision(b, 0, () => 'aldrig läst')).toEqual({ empty: true, html: '' });
  });
});

describe('readinessFor', () => {
  const principles = (checks: ReturnType<typeof readinessFor>) => checks.find((c) => c.criterion.id === 'horisontella-principer')!;

  it('checks each revision set once and follows a new revision or organisation count', () => {
    const db = openDb(':memory:');
    const texts = vi.fn(() => ({ 'horisontella-principer': 'Jämställdhet.' }));
    const at = (revisionId: number) => [{ key: 'horisontella-principer', revisionId }];
    expect(principles(readinessFor(db, at(1), 0, texts)).missingMentions).toEqual(['tillgänglighet', 'icke-diskriminering']);
    readinessFor(db, at(1), 0, texts);
    expect(texts).toHaveBeenCalledTimes(1);
    const next = readinessFor(db, at(2), 0, () => ({ 'horisontella-principer': 'Jämställdhet och tillgänglighet.' }));
    expect(principles(next).missingMentions).toEqual(['icke-diskriminering']);
    const forankring = (n: number) => readinessFor(db, at(2), n, () => ({})).find((c) => c.criterion.id === 'forankring')!.organisationsMissing;
    expect([forankring(0), forankring(1), forankring(2)]).toEqual([2, 1, 0]);
  });
});
