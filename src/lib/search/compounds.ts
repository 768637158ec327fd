// Swedish compound splitting for the search index. Pagefind matches whole words (after stemming), so
// "kassan" never finds "Försäkringskassan". At build time every long word of a page is split into
// dictionary words, and the parts are indexed as hidden, low-weight text on the same page.

export interface Lexicon {
  /** A dictionary headword (lower case), e.g. "kassa", "arbete". */
  isStem(word: string): boolean;
  /** Any correct form of a word, e.g. "kassan", "förmedlingen". */
  isWordForm(word: string): boolean;
}

const MIN_PART = 4;
const MIN_HEAD = 4;
const MIN_COMPOUND = 2 * MIN_PART;

/**
 * The dictionary form of a compound's first part, or null. Swedish joins parts with a linking -s-
 * (försäkring-s-kassan) or -e- (tjänst-e-design), drops a final -e (arbet-s-, givar-) and turns a final
 * -a into -e (folkhögskol-e-kurs), so those forms are tried too.
 */
function headForm(head: string, lexicon: Lexicon): string | null {
  if (head.length < MIN_HEAD) return null;
  const bare = head.endsWith('s') || head.endsWith('e') ? head.slice(0, -1) : null;
  const candidates = [head, bare, `${head}e`, `${head}a`, bare && `${bare}e`, bare && `${bare}a`];
  for (const c of candidates) if (c && c.length >= MIN_HEAD && lexicon.isStem(c)) return c;
  return null;
}

/**
 * Splits one word into its parts: the longest word form that ends it, with a dictionary word before
 * it, and the same again on the rest. Returns [] when the word is not a compound.
 */
export function splitCompound(word: string, lexicon: Lexicon): string[] {
  const lower = word.toLowerCase();
  if (lower.length < MIN_COMPOUND) return [];
  for (let i = MIN_HEAD; i <= lower.length - MIN_PART; i++) {
    const tail = lower.slice(i);
    if (!lexicon.isWordForm(tail)) continue;
    const head = headForm(lower.slice(0, i), lexicon);
    if (!head) continue;
    return [head, tail, ...splitCompound(tail, lexicon)];
  }
  return [];
}

/** The compound parts of every word in `text`, without duplicates and without words already in it. */
export function compoundParts(text: string, lexicon: Lexicon): string[] {
  const words = new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
  const parts = new Set<string>();
  for (const word of words) {
    for (const part of splitCompound(word, lexicon)) {
      if (part.length >= MIN_PART && !words.has(part)) parts.add(part);
    }
  }
  return [...parts].sort((a, b) => a.localeCompare(b, 'sv'));
}

/**
 * A lexicon from a Hunspell dictionary: headwords are the .dic entries that may stand alone (not
 * flagged as only-in-compound or needing an affix); a word form must pass the spell checker and be a
 * headword plus an ending of at most three letters (kassa → kassan, mentor → mentorer).
 */
export function hunspellLexicon(dic: string, aff: string, correct: (word: string) => boolean): Lexicon {
  const flag = (name: string) => new RegExp(`^${name}\\s+(\\S+)`, 'm').exec(aff)?.[1];
  const excluded = [flag('ONLYINCOMPOUND'), flag('NEEDAFFIX'), flag('FORBIDDENWORD')].filter(Boolean) as string[];
  const stems = new Set<string>();
  for (const line of dic.split('\n').slice(1)) {
    const [word = '', flags = ''] = line.trim().split('/');
    if (word.length >= MIN_HEAD && !excluded.some((f) => flags.includes(f))) stems.add(word.toLowerCase());
  }
  const cache = new Map<string, boolean>();
  const isWordForm = (w: string): boolean => {
    let known = cache.get(w);
    if (known === undefined) {
      known = false;
      for (let k = w.length; k >= Math.max(MIN_PART, w.length - 3) && !known; k--) known = stems.has(w.slice(0, k));
      known &&= correct(w);
      cache.set(w, known);
    }
    return known;
  };
  return { isStem: (w) => stems.has(w), isWordForm };
}

/** How often each compound part occurs in `text` (words that are already in the text left out). */
export function compoundPartCounts(text: string, lexicon: Lexicon): Map<string, number> {
  const tokens = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const words = new Set(tokens);
  const splits = new Map<string, string[]>();
  const counts = new Map<string, number>();
  for (const token of tokens) {
    let parts = splits.get(token);
    if (!parts) splits.set(token, (parts = splitCompound(token, lexicon).filter((p) => p.length >= MIN_PART && !words.has(p))));
    for (const part of parts) counts.set(part, (counts.get(part) ?? 0) + 1);
  }
  return counts;
}
