// Small helpers for pages that show the result of an Astro form action.
import { isInputError } from 'astro:actions';
import { swedishActionMessage } from '../../lib/http/action-errors.ts';

export interface FormState {
  /** Message for the error summary at the top of the form. */
  summary: string | null;
  fields: Record<string, string>;
}

type AnyResult = { error?: unknown; data?: unknown } | undefined;

export function formState(result: AnyResult): FormState {
  const error = result?.error as { code?: string; message?: string; fields?: Record<string, string[] | undefined> } | undefined;
  if (!error) return { summary: null, fields: {} };
  if (isInputError(error)) {
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(error.fields as Record<string, string[] | undefined>)) if (v?.[0]) fields[k] = v[0];
    return { summary: 'Formuläret innehåller fel. Rätta till fälten nedan.', fields };
  }
  return { summary: swedishActionMessage(error.code, error.message), fields: {} };
}

/** Swedish confirmations shown after POST-redirect-GET (?klart=…). */
export const DONE_MESSAGES: Record<string, string> = {
  skapad: 'Klustergruppen är skapad.',
  'gick-med': 'Du är nu medlem i gruppen.',
  'forfragan-skickad': 'Din förfrågan är skickad. Gruppledarna får ett mejl och svarar så snart de kan.',
  'inbjudan-antagen': 'Välkommen! Du är nu medlem i gruppen.',
  'inbjudan-avbojd': 'Du har tackat nej till inbjudan.',
  lamnade: 'Du har lämnat gruppen.',
  'forfragan-aterkallad': 'Din förfrågan är återkallad.',
  sparad: 'Uppgifterna är sparade.',
  godkand: 'Förfrågan är godkänd och personen har fått ett mejl.',
  avbojd: 'Förfrågan är avböjd och personen har fått ett mejl.',
  inbjuden: 'Om adressen hör till en aktiv medlem som inte redan är med i gruppen har hen fått en inbjudan.',
  roll: 'Rollen är ändrad.',
  borttagen: 'Medlemmen är borttagen ur gruppen.',
  'ide-skapad': 'Projektidén är skapad.',
  status: 'Statusen är ändrad.',
  delad: 'Idén är nu delad med alla medlemmar (läsbehörighet).',
  'inte-delad': 'Idén är inte längre delad med alla medlemmar.',
  organisation: 'Listan över deltagande organisationer är uppdaterad.',
  kommentar: 'Kommentaren är publicerad.',
  lost: 'Kommentaren är markerad som löst.',
  oppnad: 'Kommentaren är öppnad igen.',
  aviseringar: 'Ditt val för mejl om kommentarer är sparat.',
};
