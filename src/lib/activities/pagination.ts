// Page arithmetic for the public activity list (?sida=2): which slice to show, what to say when the
// requested page does not exist, and which page numbers the navigation lists. Plain data, no Astro.

export const PAGE_SIZE = 20;

export interface PageSelection {
  /** The page shown, 1-based, always within 1..pageCount. */
  page: number;
  /** At least 1 (an empty list has one, empty, page). */
  pageCount: number;
  /** Index of the page's first item in the whole list. */
  offset: number;
  /** Index after the page's last item. */
  end: number;
  /** A Swedish explanation when the requested page was not valid or does not exist (the nearest page is shown). */
  notice: string | null;
}

/**
 * Picks the page for `sida` (the raw query value; null or empty means the first page). An invalid value
 * shows the first page and a value past the end the last, each with a notice saying so.
 */
export function selectPage(total: number, sida: string | null, pageSize = PAGE_SIZE): PageSelection {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  let page = 1;
  let notice: string | null = null;
  const raw = sida?.trim() ?? '';
  if (raw !== '') {
    const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 1) {
      notice = 'Sidnumret i adressen är inte giltigt. Du ser första sidan.';
    } else if (n > pageCount) {
      page = pageCount;
      notice = `Sidan ${n} finns inte, det finns ${pageCount} sidor. Du ser den sista.`;
      if (pageCount < 2) notice = `Sidan ${n} finns inte, eftersom alla aktiviteter får plats på en sida. Du ser den sidan.`;
    } else {
      page = n;
    }
  }
  const offset = (page - 1) * pageSize;
  return { page, pageCount, offset, end: Math.min(total, offset + pageSize), notice };
}

/** A page number to link, or a gap ("…") between numbers that are not next to each other. */
export type PageLink = { page: number } | { gap: true };

/**
 * The page numbers the navigation shows: the first and the last, and `around` pages either side of the
 * current one; runs that are left out become a gap (a gap of one page is shown as that page instead).
 */
export function pageLinks(page: number, pageCount: number, around = 2): PageLink[] {
  const shown = new Set<number>([1, pageCount]);
  for (let p = page - around; p <= page + around; p++) if (p >= 1 && p <= pageCount) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const links: PageLink[] = [];
  let previous = 0;
  for (const p of sorted) {
    if (p - previous === 2) links.push({ page: p - 1 });
    else if (p - previous > 2) links.push({ gap: true });
    links.push({ page: p });
    previous = p;
  }
  return links;
}
