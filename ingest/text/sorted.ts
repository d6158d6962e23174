/**
 * Look-ups in lists kept sorted by offset (mentions, sentences, times): the stages ask "what comes
 * at or after this offset" many times per article, and a scan per question made long articles
 * quadratic.
 */

/** Index of the first item whose key is ≥ `at` (the list sorted ascending by key); `list.length` if none. */
export function lowerBound<T>(list: readonly T[], at: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]!) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const byStart = (m: { start: number }) => m.start;

/** Index of the first span starting at or after `at`. */
export const firstStartingAt = <T extends { start: number }>(spans: readonly T[], at: number): number => lowerBound(spans, at, byStart);

/** The spans lying wholly inside [start, end), from a list sorted by start. */
export function spansWithin<T extends { start: number; end: number }>(spans: readonly T[], start: number, end: number): T[] {
  const out: T[] = [];
  for (let i = firstStartingAt(spans, start); i < spans.length && spans[i]!.start < end; i++) if (spans[i]!.end <= end) out.push(spans[i]!);
  return out;
}
