// Small-number suppression: a count of 1–4 people is never shown, only "färre än 5" (as the follow-up
// guide recommends). Zero is shown: that nobody came identifies nobody. Figures derived from such a
// count (hours, shares) are suppressed with it.
export const SUPPRESSION_LIMIT = 5;
export const SUPPRESSED_TEXT = 'färre än 5';

export function isSuppressed(people: number): boolean {
  return people > 0 && people < SUPPRESSION_LIMIT;
}
