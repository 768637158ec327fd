import dictionary from 'dictionary-sv';
import nspell from 'nspell';
import { describe, expect, it } from 'vitest';
import { compoundPartCounts, compoundParts, hunspellLexicon, splitCompound, type Lexicon } from '#lib/search/compounds.ts';
import { searchVersions } from '#lib/search/index-text.ts';

// A tiny lexicon: headwords, and word forms = headword + up to three letters.
function lexicon(stems: string[]): Lexicon {
  const set = new Set(stems);
  return {
    isStem: (w) => set.has(w),
    isWordForm: (w) => [0, 1, 2, 3].some((n) => w.length - n >= 4 && set.has(w.slice(0, w.length - n))),
  };
}
const small = lexicon(['försäkring', 'kassa', 'arbete', 'förmedling', 'arbetsgivare', 'kontakt', 'tjänst', 'design', 'folkhögskola', 'kurs']);

describe('splitCompound', () => {
  it('splits on a linking -s- and keeps the inflected last part', () => {
    expect(splitCompound('Försäkringskassan', small)).toEqual(['försäkring', 'kassan']);
    expect(splitCompound('Arbetsförmedlingen', small)).toEqual(['arbete', 'förmedlingen']);
  });

  it('restores a dropped -e, a linking -e- and an -a that became -e', () => {
    expect(splitCompound('arbetsgivarkontakt', small)).toEqual(['arbetsgivare', 'kontakt']);
    expect(splitCompound('tjänstedesign', small)).toEqual(['tjänst', 'design']);
    expect(splitCompound('folkhögskolekurs', small)).toEqual(['folkhögskola', 'kurs']);
  });

  it('leaves words that are not compounds alone', () => {
    expect(splitCompound('kontakten', small)).toEqual([]);
    expect(splitCompound('ung', small)).toEqual([]);
  });
});

describe('compoundParts and compoundPartCounts', () => {
  it('lists each part once, leaving out words the text already has', () => {
    expect(compoundParts('Försäkringskassan och kassan, Arbetsförmedlingen', small)).toEqual(['arbete', 'förmedlingen', 'försäkring']);
  });

  it('counts how often a part occurs', () => {
    expect(compoundPartCounts('Arbetsförmedlingen, arbetsförmedlingen och Försäkringskassan', small).get('förmedlingen')).toBe(2);
  });
});

describe('searchVersions', () => {
  const page = '<main data-pagefind-body><p>Kontakta Försäkringskassan.</p><div hidden data-search-terms>FK · social insurance</div></main>';

  it('serves the page without the search-only element and indexes synonyms and parts', () => {
    const { served, indexed } = searchVersions(page, () => small);
    expect(served).toBe('<main data-pagefind-body><p>Kontakta Försäkringskassan.</p></main>');
    expect(indexed).toContain('<div data-pagefind-weight="3">FK · social insurance</div>');
    expect(indexed).toContain('<div data-pagefind-weight="0.3">försäkring kassan</div>');
  });

  it('leaves pages without the element untouched and never loads the dictionary for them', () => {
    const html = '<main><p>Om portalen</p></main>';
    expect(searchVersions(html, () => { throw new Error('not needed'); })).toEqual({ served: html, indexed: html });
  });
});

describe('the Swedish Hunspell dictionary (dictionary-sv)', () => {
  const spell = nspell(dictionary);
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  const swedish = hunspellLexicon(decode(dictionary.dic), decode(dictionary.aff), (w) => spell.correct(w));

  it('splits the compounds readers search by part', () => {
    expect(splitCompound('Försäkringskassan', swedish)).toEqual(['försäkring', 'kassan']);
    expect(splitCompound('Arbetsförmedlingen', swedish).slice(0, 2)).toEqual(['arbete', 'förmedlingen']);
    expect(splitCompound('arbetsgivarkontakt', swedish)).toEqual(['arbetsgivare', 'kontakt']);
    expect(splitCompound('samordningsförbundet', swedish)).toEqual(['samordning', 'förbundet']);
  });

  it('does not accept fragments that are only allowed inside compounds', () => {
    expect(swedish.isWordForm('achen')).toBe(false);
    expect(swedish.isWordForm('assan')).toBe(false);
  });
});
