// The import graph of the project's own modules (src/ and db/), for the architecture test. Imports are read
// with TypeScript's parser (static imports, re-exports and import() calls, type-only ones included: a type
// import is still a dependency a reader must follow); .astro files are parsed from their frontmatter.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE = /\.(ts|tsx|mts|js|mjs|astro)$/;
// package.json "imports" (Node's own subpath imports, which Vite, Vitest and TypeScript also read).
const ALIASES: Array<[prefix: string, target: string]> = [['#lib/', 'src/lib/'], ['#db/', 'db/'], ['#guards', 'src/guards.ts']];

/** Project-relative path with forward slashes. */
export const rel = (file: string) => relative(ROOT, file).split(sep).join('/');

export function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function scriptOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.astro')) return text;
  return /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
}

export function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveSpecifier(from: string, spec: string): string | null {
  let base: string;
  const alias = ALIASES.find(([prefix]) => spec.startsWith(prefix));
  if (alias) base = join(ROOT, alias[1], spec.slice(alias[0].length));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return null; // a package or a virtual module
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** file → the project files it imports (project-relative paths). */
export function importGraph(dirs = ['src', 'db']): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of dirs.flatMap((d) => walk(join(ROOT, d)))) {
    const targets = specifiers(file)
      .map((s) => resolveSpecifier(file, s))
      .filter((t): t is string => t !== null && SOURCE.test(t))
      .map(rel);
    graph.set(rel(file), [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan's algorithm. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const result: string[][] = [];
  const connect = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) result.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) connect(v);
  return result;
}

/** The graph of src/lib's domain folders (auth, activities, clusters, …): a → b when a file of a imports one of b. */
export function domainGraph(graph: Map<string, string[]>): Map<string, string[]> {
  const domain = (file: string) => /^src\/lib\/([^/]+)\//.exec(file)?.[1];
  const result = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = domain(file);
    if (!from) continue;
    if (!result.has(from)) result.set(from, new Set());
    for (const target of targets) {
      const to = domain(target);
      if (to && to !== from) result.get(from)!.add(to);
    }
  }
  return new Map([...result].map(([k, v]) => [k, [...v].sort()]));
}

/** One import path around a cycle, to show in a failure: a → b → … → a. */
export function cyclePath(graph: Map<string, string[]>, component: string[]): string {
  const members = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = previous.get(x)!) path.splice(1, 0, x);
        return [...path, start].join(' → ');
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component.join(', ');
}
