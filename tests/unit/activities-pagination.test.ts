// Issue 15: the public activity list is paginated (?sida=2); the page arithmetic and the page numbers shown.
import { describe, expect, it } from 'vitest';
import { pageLinks, selectPage, PAGE_SIZE } from '#lib/activities/pagination.ts';

describe('selectPage', () => {
  it('shows the first page when no page is asked for', () => {
    expect(selectPage(200, null)).toEqual({ page: 1, pageCount: 10, offset: 0, end: 20, notice: null });
    expect(selectPage(200, '')).toMatchObject({ page: 1, notice: null });
    expect(PAGE_SIZE).toBe(20);
  });

  it('slices the requested page, the last one short', () => {
    expect(selectPage(45, '2')).toEqual({ page: 2, pageCount: 3, offset: 20, end: 40, notice: null });
    expect(selectPage(45, '3')).toEqual({ page: 3, pageCount: 3, offset: 40, end: 45, notice: null });
  });

  it('shows the first page with a Swedish notice for a page number that is not valid', () => {
    for (const bad of ['0', '-1', 'abc', '2.5', '1e3', '99999999999']) {
      const s = selectPage(200, bad);
      expect(s.page, bad).toBe(1);
      expect(s.notice, bad).toBe('Sidnumret i adressen är inte giltigt. Du ser första sidan.');
    }
  });

  it('shows the last page with a notice when the page is past the end', () => {
    expect(selectPage(45, '9')).toMatchObject({ page: 3, offset: 40, end: 45, notice: 'Sidan 9 finns inte, det finns 3 sidor. Du ser den sista.' });
    expect(selectPage(5, '2')).toMatchObject({ page: 1, notice: 'Sidan 2 finns inte, eftersom alla aktiviteter får plats på en sida. Du ser den sidan.' });
  });

  it('gives an empty list one empty page', () => {
    expect(selectPage(0, null)).toEqual({ page: 1, pageCount: 1, offset: 0, end: 0, notice: null });
  });
});

describe('pageLinks', () => {
  const render = (page: number, count: number) => pageLinks(page, count).map((l) => ('gap' in l ? '…' : String(l.page))).join(' ');

  it('lists every page when there are few', () => {
    expect(render(1, 1)).toBe('1');
    expect(render(3, 7)).toBe('1 2 3 4 5 6 7');
  });

  it('keeps the first, the last and two either side of the current page, with gaps between', () => {
    expect(render(1, 10)).toBe('1 2 3 … 10');
    expect(render(6, 12)).toBe('1 … 4 5 6 7 8 … 12');
    expect(render(10, 10)).toBe('1 … 8 9 10');
  });

  it('shows a single left-out page instead of a gap', () => {
    expect(render(4, 10)).toBe('1 2 3 4 5 6 … 10');
    expect(render(6, 10)).toBe('1 … 4 5 6 7 8 9 10');
  });
});
