// Several names as one Swedish phrase: "Anna", "Anna och Bo", "Anna, Bo och Cecilia".
const format = new Intl.ListFormat('sv-SE', { style: 'long', type: 'conjunction' });

export function nameList(names: readonly string[]): string {
  return format.format(names);
}
