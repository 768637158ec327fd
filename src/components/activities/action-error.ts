// Action results on the activity pages: the Swedish text of an error and the submitted form, both safe
// for any request (an oversized or non-form body must give a message, never a 500).
import { isInputError } from 'astro:actions';
import { swedishActionMessage } from '../../lib/http/action-errors.ts';

/**
 * The message to show for an action error in one notice: Astro's own errors (body too large, wrong
 * format) in Swedish; for input errors the first message of a field the form does not show itself.
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

export { submittedForm } from '../../lib/http/submitted-form.ts';
