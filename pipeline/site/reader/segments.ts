// Overlapping spans (annotations, claims, mentions, event references, quality flags) cut a
// paragraph into pieces, each covered by a fixed set of spans: every boundary of every span starts
// a new piece, so overlaps need no nesting rule and each piece can carry all the ids it belongs to.
// A sweep over sorted boundaries keeps this O(k log k) per paragraph for k spans (never a scan of
// all spans per piece or per sentence).

export interface Ranged<T> {
  start: number;
  end: number;
  item: T;
}

/** A piece of text covered by `items` (in input order), or a point item (start == end) at `at`. */
export type Run<T> = { type: 'text'; start: number; end: number; items: T[] } | { type: 'point'; at: number; item: T };

/**
 * Cuts [from, to) into runs. Ranges must lie inside [from, to]; a range with start == end is a
 * point, emitted after the ranges ending there and before those starting there. Items keep the
 * order of the input in every run, so the output depends only on the input order.
 */
export function splitRuns<T>(from: number, to: number, ranges: Ranged<T>[]): Run<T>[] {
  const starts = new Map<number, number[]>();
  const ends = new Map<number, number[]>();
  const points = new Map<number, number[]>();
  const positions = new Set<number>([from, to]);
  const at = (m: Map<number, number[]>, k: number, i: number) => {
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  ranges.forEach((r, i) => {
    if (r.start < from || r.end > to || r.end < r.start) throw new RangeError(`range ${r.start}..${r.end} outside ${from}..${to}`);
    if (r.start === r.end) at(points, r.start, i);
    else {
      at(starts, r.start, i);
      at(ends, r.end, i);
    }
    positions.add(r.start).add(r.end);
  });
  const sorted = [...positions].sort((a, b) => a - b);
  const runs: Run<T>[] = [];
  let active: number[] = []; // indices into ranges, ascending
  for (let k = 0; k < sorted.length; k++) {
    const pos = sorted[k]!;
    const ending = ends.get(pos);
    if (ending) {
      const gone = new Set(ending);
      active = active.filter((i) => !gone.has(i));
    }
    for (const i of points.get(pos) ?? []) runs.push({ type: 'point', at: pos, item: ranges[i]!.item });
    const starting = starts.get(pos);
    if (starting) active = [...active, ...starting].sort((a, b) => a - b);
    const next = sorted[k + 1];
    if (next !== undefined && next > pos) runs.push({ type: 'text', start: pos, end: next, items: active.map((i) => ranges[i]!.item) });
  }
  return runs;
}

/**
 * Distributes ranges over paragraphs (sorted, not overlapping), clipping a range that crosses a
 * paragraph break into one piece per paragraph. A range that falls wholly between paragraphs (or a
 * point there) becomes a point at the nearest paragraph edge, so that nothing is dropped. Each
 * range costs a binary search plus the paragraphs it covers.
 */
export function byParagraph<T>(paragraphs: { start: number; end: number }[], ranges: Ranged<T>[]): Ranged<T>[][] {
  const out: Ranged<T>[][] = paragraphs.map(() => []);
  if (paragraphs.length === 0) return out;
  const containing = (pos: number) => {
    let lo = 0;
    let hi = paragraphs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (paragraphs[mid]!.start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const r of ranges) {
    const first = containing(r.start);
    let placed = false;
    for (let i = first; i < paragraphs.length && (paragraphs[i]!.start < r.end || i === first); i++) {
      const p = paragraphs[i]!;
      const start = Math.max(r.start, p.start);
      const end = Math.min(r.end, p.end);
      if (start < end || (r.start === r.end && start === end)) {
        out[i]!.push({ start, end, item: r.item });
        placed = true;
      }
    }
    if (!placed) {
      const p = paragraphs[first]!;
      const pos = Math.min(Math.max(r.start, p.start), p.end);
      out[first]!.push({ start: pos, end: pos, item: r.item });
    }
  }
  return out;
}
