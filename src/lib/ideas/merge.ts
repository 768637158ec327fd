// Line-level three-way merge for co-writing (node-diff3). A save based on an old revision is merged
// with everything saved since; overlapping changes are a conflict the writer resolves by hand.
import { diff3Merge } from 'node-diff3';

/** Textareas post CRLF; history and merges work on LF only. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function lines(text: string): string[] {
  return normaliseText(text).split('\n');
}

export type MergeResult =
  | { clean: true; text: string }
  | { clean: false; /** The merged text with conflict markers around each overlapping region. */ markedText: string; conflicts: number };

export const MARKER_MINE = '<<<<<<< Din version';
export const MARKER_SPLIT = '=======';
export const MARKER_LATEST = '>>>>>>> Senast sparade versionen';

/**
 * Merges `mine` and `latest`, both derived from `base`. Changes that touch different lines are
 * combined; changes to the same or directly adjacent lines are reported as a conflict.
 */
export function threeWayMerge(base: string, latest: string, mine: string): MergeResult {
  const regions = diff3Merge(lines(mine), lines(base), lines(latest), { excludeFalseConflicts: true });
  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) out.push(...region.ok);
    else if (region.conflict) {
      conflicts++;
      out.push(MARKER_MINE, ...region.conflict.a, MARKER_SPLIT, ...region.conflict.b, MARKER_LATEST);
    }
  }
  if (conflicts === 0) return { clean: true, text: out.join('\n') };
  return { clean: false, markedText: out.join('\n'), conflicts };
}

/** True when a text still contains conflict markers left from the merge view. */
export function hasConflictMarkers(text: string): boolean {
  const l = lines(text);
  return l.includes(MARKER_MINE) || l.includes(MARKER_LATEST);
}
