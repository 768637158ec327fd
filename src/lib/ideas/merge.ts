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

/**
 * The Swedish refusal when a writer resolving a conflict by hand saves a text that still holds the merge
 * view's markers, or null when it may be saved. Checked before anything is written.
 */
export function unresolvedConflictProblem(text: string, resolving: boolean): string | null {
  if (!resolving || !hasConflictMarkers(text)) return null;
  return 'Texten innehåller fortfarande krockmarkeringar (<<<<<<<, ======= eller >>>>>>>). Ta bort dem innan du sparar.';
}

/** A stretch of the merged text: the same in both versions, or a conflict between the writer's and the saved text. */
export type MergeRegion = { kind: 'same'; text: string } | { kind: 'conflict'; mine: string; latest: string };

/** The merge as regions, for the conflict view: people pick a version per conflicting paragraph instead of reading markers. */
export function mergeRegions(base: string, latest: string, mine: string): MergeRegion[] {
  const regions = diff3Merge(lines(mine), lines(base), lines(latest), { excludeFalseConflicts: true });
  const out: MergeRegion[] = [];
  for (const region of regions) {
    if (region.ok) {
      const last = out.at(-1);
      if (last?.kind === 'same') last.text += '\n' + region.ok.join('\n');
      else out.push({ kind: 'same', text: region.ok.join('\n') });
    } else if (region.conflict) out.push({ kind: 'conflict', mine: region.conflict.a.join('\n'), latest: region.conflict.b.join('\n') });
  }
  return out;
}

export const CONFLICT_CHOICES = ['min', 'sparad', 'bada'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

/** Joins the regions into one text, taking for each conflict the chosen version (the writer's own by default). */
export function combineRegions(regions: readonly MergeRegion[], choices: readonly (ConflictChoice | undefined)[] = []): string {
  let conflict = 0;
  const parts: string[] = [];
  for (const r of regions) {
    if (r.kind === 'same') {
      parts.push(r.text);
      continue;
    }
    const choice = choices[conflict++] ?? 'min';
    if (choice === 'min') parts.push(r.mine);
    else if (choice === 'sparad') parts.push(r.latest);
    else parts.push(r.mine, '', r.latest);
  }
  return parts.join('\n');
}
