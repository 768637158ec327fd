// Word-level differences for people: the history shows which words changed inside a changed line,
// and the conflict view highlights where the writer's text and the saved text differ.
// Both use the `diff` library's word mode (diffWords) on top of its line mode.
import { diffLines, diffWords } from 'diff';

export interface Segment {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** One displayed line of a history diff: unchanged, wholly added or removed, or changed with word segments. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed' | 'changed';
  segments: Segment[];
}

/** Word segments between two texts. */
export function wordSegments(before: string, after: string): Segment[] {
  return diffWords(before, after).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

/** The segments one side sees: the unchanged words plus its own (marked) words. */
export function side(segments: readonly Segment[], which: 'before' | 'after'): Segment[] {
  const hidden = which === 'before' ? 'added' : 'removed';
  return segments.filter((s) => s.kind !== hidden);
}

/** Splits segments into lines (a segment may span several lines). */
function splitLines(segments: readonly Segment[]): Segment[][] {
  const out: Segment[][] = [[]];
  for (const s of segments) {
    const pieces = s.text.split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) out.push([]);
      if (piece) out.at(-1)!.push({ kind: s.kind, text: piece });
    });
  }
  return out;
}

const dropTrailingNewline = (text: string) => text.replace(/\n$/, '');

/**
 * Line diff of two revisions in which a block of removed lines directly followed by added lines is
 * shown as changed lines with the changed words marked, instead of removing and re-adding whole lines.
 */
export function historyDiff(before: string, after: string): DiffLine[] {
  const changes = diffLines(before, after);
  const out: DiffLine[] = [];
  const whole = (kind: 'same' | 'added' | 'removed', text: string) => {
    for (const line of dropTrailingNewline(text).split('\n')) out.push({ kind, segments: line ? [{ kind: kind === 'same' ? 'same' : kind, text: line }] : [] });
  };
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const next = changes[i + 1];
    if (c.removed && next?.added) {
      for (const segments of splitLines(wordSegments(dropTrailingNewline(c.value), dropTrailingNewline(next.value)))) {
        const kinds = new Set(segments.map((s) => s.kind));
        const kind = kinds.size === 1 && !kinds.has('same') ? ([...kinds][0] as 'added' | 'removed') : kinds.has('added') || kinds.has('removed') ? 'changed' : 'same';
        out.push({ kind, segments });
      }
      i++;
    } else whole(c.added ? 'added' : c.removed ? 'removed' : 'same', c.value);
  }
  return out;
}
