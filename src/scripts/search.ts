// Client side of /sok. Pagefind's code and index are fetched only once a search starts.
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  filters: Record<string, string[]>;
}
interface Pagefind {
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  debouncedSearch(term: string, options: { filters: Record<string, string[]> }, ms?: number): Promise<{ results: Array<{ data(): Promise<PagefindResultData> }> } | null>;
}

const FILTER_LABELS: Record<string, string> = { typ: 'Innehållstyp', metod: 'Metod' };
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

async function renderFilters(pf: Pagefind, container: HTMLElement, selected: Record<string, string[]>, onChange: () => void) {
  const available = await pf.filters();
  container.replaceChildren();
  for (const [name, values] of Object.entries(available)) {
    const fieldset = el('fieldset', { className: 'filter-group' }, el('legend', {}, FILTER_LABELS[name] ?? name));
    for (const value of Object.keys(values).sort((a, b) => a.localeCompare(b, 'sv'))) {
      const id = `filter-${name}-${value}`.replace(/[^a-zA-Z0-9-]/g, '-');
      const box = el('input', { type: 'checkbox', id, name: `filter-${name}`, value, checked: selected[name]?.includes(value) ?? false });
      box.addEventListener('change', onChange);
      fieldset.append(el('div', { className: 'check' }, box, el('label', { htmlFor: id }, value)));
    }
    container.append(fieldset);
  }
  container.hidden = false;
}

function selectedFilters(container: HTMLElement): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const box of container.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) {
    const name = box.name.replace(/^filter-/, '');
    (out[name] ??= []).push(box.value);
  }
  return out;
}

export function runSearch(): void {
  const form = document.getElementById('search-form') as HTMLFormElement;
  const input = document.getElementById('search-q') as HTMLInputElement;
  const filters = document.getElementById('search-filters') as HTMLElement;
  const status = document.getElementById('search-status') as HTMLElement;
  const list = document.getElementById('search-results') as HTMLOListElement;
  let filtersShown = false;

  async function search() {
    const term = input.value.trim();
    const url = new URL(location.href);
    if (term) url.searchParams.set('q', term);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!term) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    status.textContent = 'Söker …';
    const pf = await load();
    if (!filtersShown) {
      filtersShown = true;
      await renderFilters(pf, filters, {}, search);
    }
    const result = await pf.debouncedSearch(term, { filters: selectedFilters(filters) }, 150);
    if (!result) return; // superseded by a newer search
    const items = await Promise.all(result.results.slice(0, 20).map((r) => r.data()));
    list.replaceChildren(
      ...items.map((item) => {
        const excerpt = el('p');
        excerpt.innerHTML = item.excerpt; // Pagefind's excerpt of our own pages, with <mark> around hits
        const type = item.filters.typ?.[0] ?? '';
        return el('li', { className: 'card' }, el('h2', {}, el('a', { href: item.url }, item.meta.title ?? item.url)), el('p', { className: 'meta' }, type), excerpt);
      }),
    );
    const n = result.results.length;
    status.textContent = n === 0 ? `Inga träffar för ”${term}”.` : `${n} ${n === 1 ? 'träff' : 'träffar'} för ”${term}”.`;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void search();
  });
  input.addEventListener('input', () => void search());
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    void search();
  }
}
