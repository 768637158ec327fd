// The one pluralisation helper for Swedish counts: "1 olöst kommentar", "2 olösta kommentarer".
// Swedish has two forms: singular for exactly one, plural for every other number (0 included).

export function plural(n: number, singular: string, pluralForm: string): string {
  return n === 1 || n === -1 ? singular : pluralForm;
}

/** The number followed by the right form: countLabel(2, 'olöst kommentar', 'olösta kommentarer') → "2 olösta kommentarer". */
export function countLabel(n: number, singular: string, pluralForm: string): string {
  return `${n.toLocaleString('sv-SE')} ${plural(n, singular, pluralForm)}`;
}
