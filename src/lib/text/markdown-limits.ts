// Bounds on user-written Markdown. marked parses nested blockquotes and lists recursively (thousands
// of ">" overflow the stack: "Maximum call stack size exceeded") and matches emphasis delimiters in
// time that grows with the square of their number ('_c'.repeat(24000) took 17 s on one event loop).
// Text within these limits renders in well under a second; text beyond them is refused when saved or
// previewed, and text already stored beyond them is shown in a safe plain form (markdown.ts).

export const MARKDOWN_MAX_LENGTH = 50_000;
/** Blockquote and list levels on one line (">", "-", "1.") plus indentation (two columns a level). */
export const MARKDOWN_MAX_DEPTH = 20;
/** Emphasis delimiters (*, _, ~) outside code, not counting list markers at line start. */
export const MARKDOWN_MAX_DELIMITERS = 1_000;

const CONTAINER_MARKER = /^ {0,3}(?:>|(?:[-+*]|\d{1,9}[.)])(?=\s|$))\s?/;

/** The deepest container nesting of any line. */
export function markdownDepth(source: string): number {
  let deepest = 0;
  for (const rawLine of source.split('\n')) {
    const expanded = rawLine.replace(/\t/g, '    ');
    const indent = expanded.length - expanded.trimStart().length;
    let line = expanded.trimStart();
    let depth = Math.floor(indent / 2);
    for (let guard = 0; guard < 100_000; guard++) {
      const match = CONTAINER_MARKER.exec(line);
      if (!match || match[0].length === 0) break;
      depth++;
      line = line.slice(match[0].length).replace(/^\s+/, '');
      if (depth > MARKDOWN_MAX_DEPTH) return depth;
    }
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/** Emphasis delimiter characters outside fenced/inline code, excluding list markers at line start. */
export function emphasisDelimiters(source: string): number {
  let count = 0;
  let fenced = false;
  for (const line of source.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const body = line.replace(/^\s*(?:[-+*]\s+)+/, '').replace(/`[^`]*`/g, '');
    for (const ch of body) if (ch === '*' || ch === '_' || ch === '~') count++;
  }
  return count;
}

export type MarkdownProblem = 'length' | 'depth' | 'delimiters';

/** Which limit the text breaks, if any. */
export function markdownProblemKind(source: string): MarkdownProblem | null {
  if (source.length > MARKDOWN_MAX_LENGTH) return 'length';
  if (markdownDepth(source) > MARKDOWN_MAX_DEPTH) return 'depth';
  if (emphasisDelimiters(source) > MARKDOWN_MAX_DELIMITERS) return 'delimiters';
  return null;
}

const MESSAGES: Record<MarkdownProblem, string> = {
  length: `Texten är för lång. Den får ha högst ${MARKDOWN_MAX_LENGTH.toLocaleString('sv-SE')} tecken.`,
  depth: `Texten har för många nivåer av citat eller listor i varandra (högst ${MARKDOWN_MAX_DEPTH}). Ta bort några av tecknen > eller - i början av raderna.`,
  delimiters: `Texten har för många tecken för kursiv, fetstil eller genomstrykning (*, _ och ~): högst ${MARKDOWN_MAX_DELIMITERS.toLocaleString('sv-SE')}. Ta bort några av dem.`,
};

/** A Swedish message saying which limit the text breaks, or null when it may be saved. */
export function markdownProblem(source: string): string | null {
  const kind = markdownProblemKind(source);
  return kind ? MESSAGES[kind] : null;
}
