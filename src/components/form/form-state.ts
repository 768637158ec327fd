// Turns an action result into what a form page shows: per-field messages, a summary at the top
// (links to the fields) and the values the user typed (never passwords), so nothing is lost on error.
import { isInputError } from 'astro:actions';
import { swedishActionMessage } from '../../lib/http/action-errors.ts';

export interface FormState {
  /** Field name → first message. */
  fields: Record<string, string>;
  /** For the error summary: message and the id of the field it belongs to (if any). */
  summary: Array<{ message: string; href?: string }>;
  hasErrors: boolean;
}

type Result = { error?: unknown } | undefined;

/** `fieldIds` maps field names to the ids of their controls (in form order, which the summary follows). */
export function formState(result: Result, fieldIds: Record<string, string>): FormState {
  const state: FormState = { fields: {}, summary: [], hasErrors: false };
  const error = result?.error;
  if (!error) return state;
  state.hasErrors = true;
  if (isInputError(error)) {
    for (const [name, id] of Object.entries(fieldIds)) {
      const message = error.fields[name as keyof typeof error.fields]?.[0];
      if (message) {
        state.fields[name] = message;
        state.summary.push({ message, href: `#${id}` });
      }
    }
    for (const [name, messages] of Object.entries(error.fields)) {
      if (!(name in fieldIds) && messages?.[0]) state.summary.push({ message: messages[0] });
    }
    if (state.summary.length === 0) state.summary.push({ message: 'Formuläret innehåller fel. Kontrollera uppgifterna.' });
  } else {
    const { code, message } = error as { code?: string; message?: string };
    // Errors Astro raises itself (body too large, wrong format) carry English text: show Swedish instead.
    state.summary.push({ message: message?.startsWith('Failed') ? 'Något gick fel. Försök igen.' : swedishActionMessage(code, message) });
  }
  return state;
}

const NEVER_ECHO = /password|losenord|token/i;

/** The submitted text fields of a POST (for re-filling the form), passwords excluded. */
export async function postedValues(request: Request): Promise<Record<string, string>> {
  if (request.method !== 'POST') return {};
  try {
    const data = await request.formData();
    const values: Record<string, string> = {};
    for (const [key, value] of data) if (typeof value === 'string' && !NEVER_ECHO.test(key)) values[key] = value;
    return values;
  } catch {
    return {};
  }
}
