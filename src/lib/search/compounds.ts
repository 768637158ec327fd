// Swedish compound splitting for the search index. Pagefind matches whole words (after stemming), so
// "kassan" never finds "Försäkringskassan". At build time every long word of a page is split into
// dictionary words, and the parts are indexed as hidden, low-weight text on the same page.

/** Answers whether a lower-case string is a Swedish word (a Hunspell check in the build). */
export type IsWord = (word: string) => boolean;

const MIN_PART = 4;
const MIN_HEAD = 3;
const MIN_COMPOUND = 2 * MIN_PART;

/**
 * The dictionary form of a compound's first part, or null. Swedish joins parts with a linking -s-
 * (försäkring-s-kassan) and often drops a final -e or -a (arbet-s-, givar-), so those are tried too.
 */
function headForm(head: string, isWord: IsWord): string | null {
  if (head.length < MIN_HEAD) return null;
  const bare = head.endsWith('s') ? head.slice(0, -1) : null;
  const candidates = [head, bare, `${head}e`, `${head}a`, bare && `${bare}e`, bare && `${bare}a`];
  for (const c of candidates) if (c && c.length >= MIN_HEAD && isWord(c)) return c;
  return null;
}

/**
 * Splits one word into its parts: the longest dictionary word that ends it, with a valid first part,
 * and the same again on the rest. Returns [] when the word is not a compound.
 */
export function splitCompound(word: string, isWord: IsWord): string[] {
  const lower = word.toLowerCase();
  if (lower.length < MIN_COMPOUND) return [];
  for (let i = MIN_HEAD; i <= lower.length - MIN_PART; i++) {
    const tail = lower.slice(i);
    if (!isWord(tail)) continue;
    const head = headForm(lower.slice(0, i), isWord);
    if (!head) continue;
    return [head, tail, ...splitCompound(tail, isWord)];
  }
  return [];
}

/** The compound parts of every word in `text`, without duplicates and without words already in it. */
export function compoundParts(text: string, isWord: IsWord): string[] {
  const words = new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
  const parts = new Set<string>();
  for (const word of words) {
    for (const part of splitCompound(word, isWord)) {
      if (part.length >= MIN_PART && !words.has(part)) parts.add(part);
    }
  }
  return [...parts].sort((a, b) => a.localeCompare(b, 'sv'));
}
