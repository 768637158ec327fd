// Issue 16.8: typed registration questions, answered on registration, in the CSV; special needs still purged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, registrations } from '#db/schema/index.ts';
import { participantsCsv } from '#lib/activities/export.ts';
import { collectAnswers, normalizeQuestions, parseQuestionRows, type RegistrationQuestion } from '#lib/activities/questions.ts';
import { register } from '#lib/activities/registration.ts';
import { purgeSpecialNeeds } from '#lib/activities/retention.ts';
import { DAY, freshDb, publishedActivity, user } from './activities-fixtures.ts';
import { morning } from '../helpers/local-time.ts';

const questions: RegistrationQuestion[] = [
  { text: 'Vilken verksamhet arbetar du i?', type: 'text', required: true, options: [] },
  { text: 'Vilket pass väljer du?', type: 'choice', required: true, options: ['Förmiddag', 'Eftermiddag'] },
  { text: 'Vilka teman intresserar dig?', type: 'multi', required: false, options: ['KAA', 'Mentorskap', 'Supported Employment'] },
  { text: 'Äter du lunch med oss?', type: 'yesno', required: false, options: [] },
];

describe('defining questions', () => {
  it('parses the form rows, skipping empty ones', () => {
    const parsed = parseQuestionRows({
      text: ['Vilket pass väljer du?', '', 'Äter du lunch?'],
      type: ['choice', 'text', 'yesno'],
      required: ['ja', 'nej', 'nej'],
      options: ['Förmiddag\r\nEftermiddag\n\nFörmiddag', '', 'ignoreras'],
    });
    expect(parsed).toEqual({
      error: null,
      questions: [
        { text: 'Vilket pass väljer du?', type: 'choice', required: true, options: ['Förmiddag', 'Eftermiddag'] },
        { text: 'Äter du lunch?', type: 'yesno', required: false, options: [] },
      ],
    });
  });

  it('refuses a choice question with fewer than two options and an unknown type', () => {
    expect(parseQuestionRows({ text: ['Pass?'], type: ['choice'], required: ['nej'], options: ['Bara ett'] }).error).toBe('Fråga 1: skriv minst två svarsalternativ, ett per rad.');
    expect(parseQuestionRows({ text: ['Pass?'], type: ['<x>'], required: ['nej'], options: [''] }).error).toBe('Fråga 1: välj en svarstyp.');
  });

  it('reads questions stored as plain strings (before types) as optional free text', () => {
    expect(normalizeQuestions(['Har du lett grupper?'] as unknown as RegistrationQuestion[])).toEqual([{ text: 'Har du lett grupper?', type: 'text', required: false, options: [] }]);
  });
});

describe('answering', () => {
  it('collects answers per type and joins several choices in the offered order', () => {
    const result = collectAnswers(questions, [['Ung Arena'], ['Eftermiddag'], ['Supported Employment', 'KAA'], ['Ja']]);
    expect(result.errors).toEqual({});
    expect(result.answers).toEqual([
      { question: 'Vilken verksamhet arbetar du i?', answer: 'Ung Arena' },
      { question: 'Vilket pass väljer du?', answer: 'Eftermiddag' },
      { question: 'Vilka teman intresserar dig?', answer: 'KAA, Supported Employment' },
      { question: 'Äter du lunch med oss?', answer: 'Ja' },
    ]);
  });

  it('requires required questions and only offered choices', () => {
    const result = collectAnswers(questions, [['  '], ['Kväll'], [], []]);
    expect(result.errors).toEqual({
      svar0: 'Svara på frågan ”Vilken verksamhet arbetar du i?”.',
      svar1: 'Välj bland svarsalternativen för frågan ”Vilket pass väljer du?”.',
    });
    expect(collectAnswers(questions, [['X'], ['Förmiddag', 'Eftermiddag']]).errors.svar1).toBe('Välj ett svar på frågan ”Vilket pass väljer du?”.');
  });
});

describe('answers in the CSV, special needs still purged', () => {
  it('has one column per question (also unanswered ones) and purges only special needs', () => {
    const db = freshDb();
    const a = publishedActivity(db, { capacity: 5, questions, dates: [morning(3)] });
    const p = user(db, { name: 'Alva Ek' });
    const { answers } = collectAnswers(questions, [['Ung Arena'], ['Förmiddag'], ['KAA', 'Mentorskap'], []]);
    register(db, { activityId: a.id, userId: p.id, answers, specialNeeds: 'Glutenfri kost' });
    const lines = participantsCsv(db, a.id).slice(1).trim().split('\r\n');
    expect(lines[0]!.split(';').slice(9)).toEqual(questions.map((q) => q.text));
    expect(lines[1]!.split(';').slice(9)).toEqual(['Ung Arena', 'Förmiddag', 'KAA, Mentorskap', '']);

    expect(purgeSpecialNeeds(db, new Date(a.endsAt.getTime() + 31 * DAY))).toBe(1);
    const row = db.select().from(registrations).where(eq(registrations.userId, p.id)).get()!;
    expect(row.specialNeeds).toBeNull();
    expect(row.answers).toHaveLength(3);
  });
});

describe('migration 0003', () => {
  it('turns plain-string questions into optional text questions and leaves typed ones alone', () => {
    const db = freshDb();
    const legacy = publishedActivity(db, { dates: [morning(3)] });
    const typed = publishedActivity(db, { questions: [questions[1]!], dates: [morning(4)] });
    db.$client.prepare('update activities set questions = ? where id = ?').run(JSON.stringify(['Har du lett grupper?', 'Vad vill du lära dig?']), legacy.id);
    db.$client.exec(readFileSync('db/migrations/0003_typed_registration_questions.sql', 'utf8'));
    const stored = (id: number) => db.select().from(activities).where(eq(activities.id, id)).get()!.questions;
    expect(stored(legacy.id)).toEqual([
      { text: 'Har du lett grupper?', type: 'text', required: false, options: [] },
      { text: 'Vad vill du lära dig?', type: 'text', required: false, options: [] },
    ]);
    expect(stored(typed.id)).toEqual([questions[1]]);
  });
});
