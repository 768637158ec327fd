// Issue 16.9: the outbox search, paging past 100, and links in mail text.
import { describe, expect, it } from 'vitest';
import { openDb } from '#lib/db.ts';
import { searchOutbox, sendMail } from '#lib/mail/outbox.ts';
import { splitLinks } from '#lib/text/links.ts';

function filled(n: number) {
  const db = openDb(':memory:');
  for (let i = 1; i <= n; i++) {
    sendMail(db, { to: i % 10 === 0 ? `chef${i}@skovde.se` : `person${i}@hjo.se`, subject: i % 25 === 0 ? `Inställd: 100% säker_träff ${i}` : `Bekräftelse ${i}`, text: 't', html: '<p>t</p>' });
  }
  return db;
}

describe('outbox search and paging', () => {
  it('pages 100 at a time, newest first, and clamps the page', () => {
    const db = filled(230);
    const p1 = searchOutbox(db);
    expect(p1).toMatchObject({ total: 230, page: 1, pages: 3 });
    expect(p1.mails).toHaveLength(100);
    expect(p1.mails[0]!.subject).toBe('Bekräftelse 230');
    const p3 = searchOutbox(db, { page: 3 });
    expect(p3.mails).toHaveLength(30);
    expect(p3.mails.at(-1)!.subject).toBe('Bekräftelse 1');
    expect(searchOutbox(db, { page: 99 }).page).toBe(3);
    expect(searchOutbox(db, { page: -1 }).page).toBe(1);
  });

  it('searches address or subject, case-insensitively, with % and _ taken literally', () => {
    const db = filled(230);
    expect(searchOutbox(db, { query: 'SKOVDE.se' }).total).toBe(23);
    expect(searchOutbox(db, { query: 'inställd' }).mails.map((m) => m.subject)).toEqual(['Inställd: 100% säker_träff 225', 'Inställd: 100% säker_träff 200', 'Inställd: 100% säker_träff 175', 'Inställd: 100% säker_träff 150', 'Inställd: 100% säker_träff 125', 'Inställd: 100% säker_träff 100', 'Inställd: 100% säker_träff 75', 'Inställd: 100% säker_träff 50', 'Inställd: 100% säker_träff 25']);
    expect(searchOutbox(db, { query: '100%' }).total).toBe(9);
    expect(searchOutbox(db, { query: '%' }).total).toBe(9);
    expect(searchOutbox(db, { query: 'r_t' }).total).toBe(9);
  });
});

describe('links in mail text', () => {
  it('splits out http(s) links, leaving sentence punctuation outside', () => {
    expect(splitLinks('Tacka ja: https://natet.example.se/aktiviteter/a/erbjudande. Tack!')).toEqual([
      { kind: 'text', text: 'Tacka ja: ' },
      { kind: 'link', href: 'https://natet.example.se/aktiviteter/a/erbjudande', text: 'https://natet.example.se/aktiviteter/a/erbjudande' },
      { kind: 'text', text: '. Tack!' },
    ]);
    expect(splitLinks('<script>ingen länk</script> javascript:alert(1)')).toEqual([{ kind: 'text', text: '<script>ingen länk</script> javascript:alert(1)' }]);
  });
});
