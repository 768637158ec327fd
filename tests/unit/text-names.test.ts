import { describe, expect, it } from 'vitest';
import { normaliseName, personNameProblem } from '#lib/text/names.ts';

describe('person names', () => {
  it('accepts real names in many scripts', () => {
    for (const name of ['Åsa Öberg', "Mary O'Neil", 'Jean-Luc Pärsson', 'Ahmed Yusuf', 'محمد علي', 'Nguyễn Văn An', 'J. Berg']) {
      expect(personNameProblem(normaliseName(name)), name).toBeNull();
    }
  });

  it('refuses zero-width-only names, direction overrides, control characters and markup', () => {
    expect(personNameProblem('\u200B\u200C\u200D\uFEFF')).toBe('Skriv ditt namn med bokstäver.');
    expect(personNameProblem('\u200Bx\u200B')).toBe('Skriv ditt namn med bokstäver.');
    expect(personNameProblem('\u202EAnna Berg')).toMatch(/vänder textens riktning/);
    expect(personNameProblem('Anna\u2067 Berg')).toMatch(/vänder textens riktning/);
    expect(personNameProblem('a\u0000b')).toMatch(/styrtecken/);
    expect(personNameProblem('x\r\nSet-Cookie: a=b')).toMatch(/styrtecken/);
    expect(personNameProblem('"><svg onload=alert(1)>')).not.toBeNull();
    expect(personNameProblem('9007199254740993')).toBe('Skriv ditt namn med bokstäver.');
  });
});
