// Turns "the text should now read X" into the smallest edit of a Y.Text (common prefix and suffix
// kept), so remote cursors and concurrent edits elsewhere in the text survive.
import type * as Y from 'yjs';

export function replaceText(ytext: Y.Text, next: string): void {
  const current = ytext.toString();
  if (current === next) return;
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  const removed = current.length - start - end;
  if (removed > 0) ytext.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted) ytext.insert(start, inserted);
}
