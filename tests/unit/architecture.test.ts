// Issue 11: the architecture's import rules as tests (the way Starlight tests its own): the domain (src/lib)
// knows nothing of pages, actions, components or the demo seed; components never open the database; and
// nothing under src/ or db/ imports itself round a cycle. Each failure lists every violation, file by file.
import { describe, expect, it } from 'vitest';
import { cycles, cyclePath, domainGraph, importGraph, rel, specifiers, walk, ROOT } from '../helpers/import-graph.ts';
import { join } from 'node:path';

const graph = importGraph(['src', 'db']);

/** "from → to" for every import from a file matching `from` into a file matching `to`. */
function imports(from: RegExp, to: RegExp): string[] {
  return [...graph].flatMap(([file, targets]) => (from.test(file) ? targets.filter((t) => to.test(t)).map((t) => `${file} → ${t}`) : [])).sort();
}

describe('import rules', () => {
  it('reads the project: src/lib, pages, components and the seed are in the graph', () => {
    expect(graph.get('src/lib/db.ts')).toContain('src/lib/config.ts');
    expect(graph.get('db/seed/index.ts')).toContain('db/seed/users.ts');
    expect([...graph.keys()].some((f) => f.startsWith('src/pages/') && f.endsWith('.astro'))).toBe(true);
    expect([...graph.keys()].some((f) => f.startsWith('src/components/') && f.endsWith('.astro'))).toBe(true);
  });

  it('src/lib never imports pages, actions, components, layouts or db/seed', () => {
    expect(imports(/^src\/lib\//, /^(src\/(pages|actions|components|layouts)\/|db\/seed\/)/)).toEqual([]);
  });

  it('components never import the database module (pages pass them plain data)', () => {
    expect(imports(/^src\/components\//, /^src\/lib\/db\.ts$/)).toEqual([]);
  });

  it('has no import cycles under src/ and db/', () => {
    expect(cycles(graph).map((c) => `${c.length} files: ${cyclePath(graph, c)}`)).toEqual([]);
  });

  it('has no cycles between the domains of src/lib (a domain depends on another, never back)', () => {
    const domains = domainGraph(graph);
    const offending = (a: string, b: string) => imports(new RegExp(`^src/lib/${a}/`), new RegExp(`^src/lib/${b}/`));
    expect(
      cycles(domains).map((c) => {
        const path = cyclePath(domains, c);
        const steps = path.split(' → ');
        return [path, ...steps.slice(1).flatMap((to, i) => offending(steps[i]!, to).map((line) => `  ${line}`))].join('\n');
      }),
    ).toEqual([]);
  });
});

describe('import paths', () => {
  // Components and layouts stay relative: Astro names server islands and hydrated components by the import
  // text, and it does not resolve package.json aliases there ("Could not find server component name").
  it('src/ and db/ reach the domain, the schema and the guard through package.json aliases (#lib/, #db/, #guards), never by climbing ../', () => {
    const climbing = ['src', 'db']
      .flatMap((d) => walk(join(ROOT, d)))
      .flatMap((file) =>
        specifiers(file)
          .filter((s) => s.startsWith('../') && /(^|\/)(lib|db|guards\.ts)(\/|$)/.test(s) && !rel(file).startsWith('db/'))
          .map((s) => `${rel(file)}: ${s}`),
      );
    expect(climbing).toEqual([]);
  });

  it('every alias in package.json "imports" is known to the import graph', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { imports: Record<string, string> };
    expect(Object.keys(pkg.imports).sort()).toEqual(['#db/*', '#guards', '#lib/*']);
    expect(graph.get('src/pages/mina-sidor/index.astro')).toContain('src/layouts/Member.astro');
  });
});

describe('the cycle finder', () => {
  it('finds a cycle and shows its path, and passes an acyclic graph', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(cyclePath(g, ['a', 'b', 'c'])).toBe('a → b → c → a');
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });
});
