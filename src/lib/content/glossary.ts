// Which guides use which glossary term: a term is used where one of its forms occurs as a whole word.
// Abbreviations (all capitals) match case-sensitively, other forms in any case.

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole words only: not preceded or followed by a letter or digit (nor preceded by a hyphen). */
function wholeWords(forms: string[], flags: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}-])(?:${forms.map(escape).join('|')})(?![\\p{L}\\p{N}])`, flags);
}

/** Markdown without link targets, HTML tags and quotes' markup: the words a reader sees. */
export function readableText(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, ']').replace(/<[^>]+>/g, ' ');
}

export function usesTerm(text: string, forms: readonly string[]): boolean {
  const abbreviations = forms.filter((f) => f === f.toUpperCase());
  const words = forms.filter((f) => f !== f.toUpperCase());
  return (abbreviations.length > 0 && wholeWords(abbreviations, 'u').test(text)) || (words.length > 0 && wholeWords(words, 'iu').test(text));
}
