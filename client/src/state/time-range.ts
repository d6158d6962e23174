/**
 * Month arithmetic, the timeline histogram and range filtering. Months are "YYYY-MM" strings and
 * days "YYYY-MM-DD", so ordering is plain string comparison (as in the stores).
 */
import type { MonthRange } from './app-state.ts';

export interface Dated {
  dateFrom: string;
  dateTo: string;
}

/** Month index since year 0: makes month arithmetic integer arithmetic. */
export function monthIndex(month: string): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return y * 12 + (m - 1);
}

export function monthFromIndex(i: number): string {
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function addMonths(month: string, n: number): string {
  return monthFromIndex(monthIndex(month) + n);
}

export function lastDayOfMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/** Day bounds of a month range, for the API's from/to and for filtering. */
export function rangeDays(range: MonthRange): { from: string; to: string } {
  return { from: `${range.from}-01`, to: lastDayOfMonth(range.to) };
}

/**
 * Whether something dated [dateFrom, dateTo] may lie in the range: its span overlaps the range.
 * A statement known only to the year is kept by any range touching that year.
 */
export function inRange(item: Dated, range: MonthRange | null): boolean {
  if (!range) return true;
  const { from, to } = rangeDays(range);
  return item.dateTo >= from && item.dateFrom <= to;
}

export function filterByRange<T extends Dated>(items: readonly T[], range: MonthRange | null): T[] {
  return range ? items.filter((x) => inRange(x, range)) : [...items];
}

/**
 * The timeline's extent, from the data alone (nothing assumes a topic's years): the first to the
 * last month any item covers, widened by `padMonths` each side; `fallback` (a month) when empty.
 */
export function timelineDomain(items: readonly Dated[], padMonths: number, fallback: string): MonthRange {
  let from: string | null = null;
  let to: string | null = null;
  for (const it of items) {
    const a = it.dateFrom.slice(0, 7);
    const b = it.dateTo.slice(0, 7);
    if (from === null || a < from) from = a;
    if (to === null || b > to) to = b;
  }
  if (from === null || to === null) return { from: addMonths(fallback, -11), to: fallback };
  return { from: addMonths(from, -padMonths), to: addMonths(to, padMonths) };
}

export interface MonthBin {
  month: string;
  count: number;
}

/** Statements per month over the domain (by first possible day; every month present, zeros included). */
export function monthHistogram(items: readonly Dated[], domain: MonthRange): MonthBin[] {
  const start = monthIndex(domain.from);
  const n = monthIndex(domain.to) - start + 1;
  const counts = new Array<number>(Math.max(0, n)).fill(0);
  for (const it of items) {
    const i = monthIndex(it.dateFrom.slice(0, 7)) - start;
    if (i >= 0 && i < n) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.map((count, i) => ({ month: monthFromIndex(start + i), count }));
}

export function clampMonth(month: string, domain: MonthRange): string {
  if (month < domain.from) return domain.from;
  if (month > domain.to) return domain.to;
  return month;
}

/** Keyboard operation of one brush handle: arrows move a month, PageUp/PageDown a year, Home/End to the ends. */
export function stepHandle(
  range: MonthRange,
  handle: 'from' | 'to',
  key: string,
  domain: MonthRange,
): MonthRange | null {
  const cur = range[handle];
  let next: string;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      next = addMonths(cur, -1);
      break;
    case 'ArrowRight':
    case 'ArrowUp':
      next = addMonths(cur, 1);
      break;
    case 'PageDown':
      next = addMonths(cur, -12);
      break;
    case 'PageUp':
      next = addMonths(cur, 12);
      break;
    case 'Home':
      next = handle === 'from' ? domain.from : range.from;
      break;
    case 'End':
      next = handle === 'to' ? domain.to : range.to;
      break;
    default:
      return null;
  }
  next = clampMonth(next, domain);
  // handles may meet but not cross
  if (handle === 'from' && next > range.to) next = range.to;
  if (handle === 'to' && next < range.from) next = range.from;
  return { ...range, [handle]: next };
}

/** A range covering the whole domain means "no time filter". */
export function normaliseRange(range: MonthRange, domain: MonthRange): MonthRange | null {
  return range.from <= domain.from && range.to >= domain.to ? null : range;
}

export function formatMonth(month: string): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${names[Number(month.slice(5, 7)) - 1] ?? '?'} ${month.slice(0, 4)}`;
}
