// Client side of /sok. Pagefind's code and index start loading as soon as /sok opens (and only there),
// so a search from the header shows results without a second wait. The query and the chosen filters
// live in the URL (?q=…&metod=…&malgrupp=…&typ=…): a search can be shared, and the back button
// returns to the previous query and filters.
import { countLabel } from '#lib/text/plural.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  filters: Record<string, string[]>;
}
interface PagefindSearch {
  results: Array<{ data(): Promise<PagefindResultData> }>;
}
interface Pagefind {
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(term: string | null, options: { filters: Record<string, string[]> }): Promise<PagefindSearch>;
  debouncedSearch(term: string | null, options: { filters: Record<string, string[]> }, ms?: number): Promise<PagefindSearch | null>;
}

/** Filter names as in the guides' data-pagefind-filter attributes, in the order they are shown. */
export const FILTERS: ReadonlyArray<{ name: string; label: string }> = [
  { name: 'typ', label: 'Innehållstyp' },
  { name: 'metod', label: 'Metod' },
  { name: 'malgrupp', label: 'Målgrupp' },
];
let pagefind: Promise<Pagefind> | undefined;

function load(): Promise<Pagefind> {
  // A runtime URL keeps the bundler from rewriting this import; Pagefind's files exist only after the build.
  const url = new URL('/pagefind/pagefind.js', location.href).href;
  pagefind ??= import(/* @vite-ignore */ url).then(async (pf: Pagefind) => {
    await pf.init();
    return pf;
  });
  return pagefind;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node: HTMLElementTagNameMap[K] = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

export interface SearchState {
  term: string;
  filters: Record<string, string[]>;
}

/** Reads the query and filters from a URL's search parameters. */
export function stateFromUrl(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters: Record<string, string[]> = {};
  for (const { name } of FILTERS) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length) filters[name] = values;
  }
  return { term: (params.get('q') ?? '').trim(), filters };
}

/** The URL search string for a state (empty parts left out), e.g. "?q=mentor&malgrupp=Mentorer". */
export function urlForState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.term) params.set('q', state.term);
  for (const { name } of FILTERS) for (const value of state.filters[name] ?? []) params.append(name, value);
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function renderFilters(pf: Pagefind, container: HTMLElement, onChange: () => void) {
  const available = await pf.filters();
  container.replaceChildren();
  for (const { name, label } of FILTERS) {
    const values = available[name];
    if (!values) continue;
    const fieldset = el('fieldset', { className: 'filter-group' }, el('legend', {}, label));
    for (const value of Object.keys(values).sort((a, b) => a.localeCompare(b, 'sv'))) {
      const id = `filter-${name}-${value}`.replace(/[^a-zA-Z0-9-]/g, '-');
      const box = el('input', { type: 'checkbox', id, name, value });
      box.addEventListener('change', onChange);
      fieldset.append(el('div', { className: 'check' }, box, el('label', { htmlFor: id }, value)));
    }
    container.append(fieldset);
  }
  container.hidden = false;
}

function selectedFilters(container: HTMLElement): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const box of container.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) (out[box.name] ??= []).push(box.value);
  return out;
}

function showFilters(container: HTMLElement, filters: Record<string, string[]>) {
  for (const box of container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.checked = filters[box.name]?.includes(box.value) ?? false;
}

export function runSearch(): void {
  const form = document.getElementById('search-form') as HTMLFormElement;
  const input = document.getElementById('search-q') as HTMLInputElement;
  const filters = document.getElementById('search-filters') as HTMLElement;
  const status = document.getElementById('search-status') as HTMLElement;
  const list = document.getElementById('search-results') as HTMLOListElement;

  const current = (): SearchState => ({ term: input.value.trim(), filters: selectedFilters(filters) });

  let generation = 0;

  /** Shows the results for the current form state; `history` says whether the URL gets a new entry. */
  async function search(history: 'push' | 'replace' | 'none', debounce = true) {
    // A newer search (typing, a filter, the back button) makes the answers of older ones stale.
    const mine = ++generation;
    const state = current();
    const url = `${location.pathname}${urlForState(state)}`;
    if (history === 'push' && url !== location.pathname + location.search) window.history.pushState(null, '', url);
    else if (history === 'replace') window.history.replaceState(null, '', url);
    const anyFilter = Object.keys(state.filters).length > 0;
    if (!state.term && !anyFilter) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    status.textContent = 'Söker …';
    const pf = await load();
    const options = { filters: state.filters };
    const term = state.term || null;
    const result = debounce ? await pf.debouncedSearch(term, options, 150) : await pf.search(term, options);
    if (!result || mine !== generation) return; // superseded by a newer search
    const items = await Promise.all(result.results.slice(0, 20).map((r) => r.data()));
    if (mine !== generation) return;
    list.replaceChildren(
      ...items.map((item) => {
        const excerpt = el('p');
        excerpt.innerHTML = item.excerpt; // Pagefind's excerpt of our own pages, with <mark> around hits
        const meta = [item.filters.typ?.[0], ...(item.filters.metod ?? [])].filter(Boolean).join(' · ');
        return el('li', { className: 'card' }, el('h2', {}, el('a', { href: item.url }, item.meta.title ?? item.url)), el('p', { className: 'meta' }, meta), excerpt);
      }),
    );
    const n = result.results.length;
    const hits = countLabel(n, 'träff', 'träffar');
    status.textContent = n === 0 ? (state.term ? `Inga träffar för ”${state.term}”.` : 'Inga träffar med de valda filtren.') : state.term ? `${hits} för ”${state.term}”.` : `${hits} med de valda filtren.`;
  }

  /** Puts the URL's state into the form (first load and the back/forward buttons). */
  function restore() {
    const state = stateFromUrl(location.search);
    input.value = state.term;
    showFilters(filters, state.filters);
    void search('none', false);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void search('push', false);
  });
  input.addEventListener('input', () => void search('replace'));
  window.addEventListener('popstate', restore);

  // Preload: start fetching Pagefind and its filter index at once, then show the filters and any search in the URL.
  const initial = stateFromUrl(location.search);
  input.value = initial.term;
  if (initial.term || Object.keys(initial.filters).length) status.textContent = 'Söker …';
  void load()
    .then((pf) => renderFilters(pf, filters, () => void search('push', false)))
    .then(restore)
    .catch(() => {
      status.textContent = 'Sökningen kunde inte laddas. Ladda om sidan och försök igen.';
    });
}
