// What a person's name may look like. Names are shown to other members (groups, participant lists,
// mails), so invisible or direction-changing characters could make one person look like another or
// turn the text around it ("U+202E"), and a name must have something readable in it.

/** Characters that change text direction (bidi overrides, embeddings, isolates, marks). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Invisible characters that are not spaces: zero-width space/joiners, word joiner, BOM. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const CONTROL = /\p{Cc}/u;

/** A Swedish message when the name cannot be used, or null. Call with the trimmed name. */
export function personNameProblem(name: string): string | null {
  if (CONTROL.test(name)) return 'Namnet får inte innehålla radbrytningar eller andra styrtecken.';
  if (BIDI_CONTROLS.test(name)) return 'Namnet innehåller osynliga tecken som vänder textens riktning. Skriv namnet utan dem.';
  if (/[<>{}\[\]\\|=;]/.test(name)) return 'Namnet får bara innehålla bokstäver, mellanslag, bindestreck, apostrof och punkt.';
  const letters = name.replace(ZERO_WIDTH, '').match(/\p{L}/gu) ?? [];
  if (letters.length < 2) return 'Skriv ditt namn med bokstäver.';
  return null;
}

/** The name as stored: trimmed, NFC, inner runs of white space as one space. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}
