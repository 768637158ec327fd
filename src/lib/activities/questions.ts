// Registration questions: typed (free text, one choice, several choices, yes/no), required or optional.
// The organiser defines them in the activity form; members answer when they register; answers are stored as
// { question, answer } text so the participant list and CSV show them as written.
import { QUESTION_TYPES, type QuestionType, type RegistrationQuestion } from '#db/schema/index.ts';

export { QUESTION_TYPES, type QuestionType, type RegistrationQuestion };

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  text: 'Fritext',
  choice: 'Ett val',
  multi: 'Flera val',
  yesno: 'Ja eller nej',
};

export interface Answer {
  question: string;
  answer: string;
}

/** At most this many questions per activity (the registration form has one field per question). */
export const MAX_QUESTIONS = 10;
export const MAX_OPTIONS = 12;
const YES_NO = ['Ja', 'Nej'];

const isType = (v: string): v is QuestionType => (QUESTION_TYPES as readonly string[]).includes(v);

/** Accepts stored questions in either shape: typed objects, or plain strings from before questions had types. */
export function normalizeQuestions(stored: ReadonlyArray<RegistrationQuestion | string> | null | undefined): RegistrationQuestion[] {
  return (stored ?? []).map((q) => (typeof q === 'string' ? { text: q, type: 'text', required: false, options: [] } : q));
}

/** The choices a member picks from, or [] for free text. */
export function choicesOf(q: RegistrationQuestion): string[] {
  return q.type === 'yesno' ? YES_NO : q.type === 'text' ? [] : q.options;
}

export interface QuestionRows {
  text: string[];
  type: string[];
  required: string[];
  options: string[];
}

/**
 * Parses the form's question rows (parallel arrays). Rows without a question text are skipped; choice questions
 * need at least two different options. Returns the questions, or the first error in Swedish.
 */
export function parseQuestionRows(rows: QuestionRows): { questions: RegistrationQuestion[]; error: string | null } {
  const questions: RegistrationQuestion[] = [];
  const count = Math.max(rows.text.length, rows.type.length, rows.required.length, rows.options.length);
  for (let i = 0; i < count; i++) {
    const text = (rows.text[i] ?? '').trim();
    if (!text) continue;
    const n = questions.length + 1;
    if (text.length > 200) return { questions, error: `Fråga ${n}: skriv frågan med högst 200 tecken.` };
    const type = rows.type[i] ?? 'text';
    if (!isType(type)) return { questions, error: `Fråga ${n}: välj en svarstyp.` };
    const options = type === 'choice' || type === 'multi'
      ? [...new Set((rows.options[i] ?? '').split(/\r?\n/).map((o) => o.trim()).filter(Boolean))]
      : [];
    if ((type === 'choice' || type === 'multi') && options.length < 2) return { questions, error: `Fråga ${n}: skriv minst två svarsalternativ, ett per rad.` };
    if (options.length > MAX_OPTIONS) return { questions, error: `Fråga ${n}: högst ${MAX_OPTIONS} svarsalternativ.` };
    if (options.some((o) => o.length > 100)) return { questions, error: `Fråga ${n}: varje svarsalternativ får vara högst 100 tecken.` };
    questions.push({ text, type, required: rows.required[i] === 'ja', options });
  }
  if (questions.length > MAX_QUESTIONS) return { questions, error: `Högst ${MAX_QUESTIONS} frågor.` };
  return { questions, error: null };
}

/** The form's field name for question i's answer(s). */
export const answerField = (i: number) => `svar${i}`;

/**
 * Checks a member's answers against the questions: required ones answered, choices among the offered options.
 * `raw[i]` holds the submitted values of question i (several for 'multi').
 */
export function collectAnswers(questions: RegistrationQuestion[], raw: string[][]): { answers: Answer[]; errors: Record<string, string> } {
  const answers: Answer[] = [];
  const errors: Record<string, string> = {};
  questions.forEach((q, i) => {
    const values = (raw[i] ?? []).map((v) => v.trim()).filter(Boolean);
    const choices = choicesOf(q);
    if (choices.length && values.some((v) => !choices.includes(v))) {
      errors[answerField(i)] = `Välj bland svarsalternativen för frågan ”${q.text}”.`;
      return;
    }
    if (q.type !== 'multi' && values.length > 1) {
      errors[answerField(i)] = `Välj ett svar på frågan ”${q.text}”.`;
      return;
    }
    if (values.length === 0) {
      if (q.required) errors[answerField(i)] = q.type === 'text' ? `Svara på frågan ”${q.text}”.` : `Välj ett svar på frågan ”${q.text}”.`;
      return;
    }
    if (values.some((v) => v.length > 1000)) {
      errors[answerField(i)] = 'Svaret får vara högst 1000 tecken.';
      return;
    }
    const ordered = choices.length ? choices.filter((c) => values.includes(c)) : values;
    answers.push({ question: q.text, answer: ordered.join(', ') });
  });
  return { answers, errors };
}
