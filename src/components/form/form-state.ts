// The one form state of the portal: what a form page shows after a failed post — per-field messages, a
// summary at the top (linking to the fields) — built from an action result (formState) or from errors a
// page gathered itself (stateFromErrors). Rendered by the one ErrorSummary component. postedValues
// gives back what the user typed (never passwords), so nothing is lost on error.
import { isInputError } from 'astro:actions';
import { swedishActionMessage } from '#lib/http/action-errors.ts';

export interface FormState {
  /** Field name → first message. */
  fields: Record<string, string>;
  /** For the error summary: message, the id of the field it belongs to (if any) and that field's label. */
  summary: Array<{ message: string; href?: string; label?: string }>;
  hasErrors: boolean;
}

/** A form field's control: its id, or its id and label (the summary then names the field). */
export type FieldRef = string | { id: string; label: string };
/** Field name → control, in form order (which the summary follows); or a rule such as name => `falt-${name}`. */
export type FieldRefs = Record<string, FieldRef> | ((name: string) => FieldRef);

type Result = { error?: unknown } | undefined;

const INVALID_FORM = 'Formuläret innehåller fel. Kontrollera uppgifterna.';

/** The state of a form after its action ran: empty when it succeeded or was not posted. */
export function formState(result: Result, fieldRefs: FieldRefs = {}): FormState {
  const error = result?.error;
  if (!error) return emptyState();
  if (isInputError(error)) {
    const state = stateFromErrors(null, error.fields as Record<string, string[] | undefined>, fieldRefs);
    return state.hasErrors ? state : { ...state, summary: [{ message: INVALID_FORM }], hasErrors: true };
  }
  const { code, message } = error as { code?: string; message?: string };
  // Errors Astro raises itself (body too large, wrong format) carry English text: show Swedish instead.
  return stateFromErrors(message?.startsWith('Failed') ? 'Något gick fel. Försök igen.' : swedishActionMessage(code, message), {}, fieldRefs);
}

/** The state for a general message and/or per-field messages a page already has. */
export function stateFromErrors(message: string | null | undefined, errors: Record<string, string[] | undefined>, fieldRefs: FieldRefs = {}): FormState {
  const state = emptyState();
  const refOf = (name: string): FieldRef | undefined => (typeof fieldRefs === 'function' ? fieldRefs(name) : fieldRefs[name]);
  const names = [...(typeof fieldRefs === 'function' ? [] : Object.keys(fieldRefs)), ...Object.keys(errors)];
  for (const name of new Set(names)) {
    const first = errors[name]?.[0];
    if (!first) continue;
    state.fields[name] = first;
    const ref = refOf(name);
    if (ref === undefined) state.summary.push({ message: first });
    else if (typeof ref === 'string') state.summary.push({ message: first, href: `#${ref}` });
    else state.summary.push({ message: first, href: `#${ref.id}`, label: ref.label });
  }
  if (message) state.summary.unshift({ message });
  state.hasErrors = state.summary.length > 0;
  if (!state.hasErrors && Object.keys(errors).length > 0) {
    state.summary.push({ message: INVALID_FORM });
    state.hasErrors = true;
  }
  return state;
}

/**
 * The message for an action error shown in one notice (no summary): Astro's own errors in Swedish; for
 * input errors the first message of a field the form does not show beside itself.
 */
export function errorMessage(error: unknown, fieldsShown: readonly string[] = []): string | null {
  if (!error) return null;
  if (isInputError(error)) {
    const other = Object.entries(error.fields as Record<string, string[] | undefined>).find(([name, messages]) => !fieldsShown.includes(name) && messages?.length);
    return other ? other[1]![0]! : null;
  }
  const { code, message } = error as { code?: string; message?: string };
  return swedishActionMessage(code, message);
}

function emptyState(): FormState {
  return { fields: {}, summary: [], hasErrors: false };
}

/** The field ids of the cluster group and idea forms: `falt-<name>`. */
export const ideaField = (name: string): string => `falt-${name}`;

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
