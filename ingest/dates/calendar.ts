/**
 * Calendar arithmetic on plain YYYY-MM-DD days (UTC, no time of day, no time zones: a news
 * date is a calendar day) and the `DateValue` builders every time rule returns.
 */
import type { DateValue } from '../types.ts';

export interface Ymd {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

const DAY_MS = 86_400_000;

export function parseYmd(iso: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const fmtYmd = (d: Ymd) => `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;

const toMs = (d: Ymd) => Date.UTC(d.y, d.m - 1, d.d);
function fromMs(ms: number): Ymd {
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export const addDays = (d: Ymd, n: number): Ymd => fromMs(toMs(d) + n * DAY_MS);
/** 0 = Sunday … 6 = Saturday */
export const weekdayOf = (d: Ymd): number => new Date(toMs(d)).getUTCDay();
export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const compareYmd = (a: Ymd, b: Ymd) => toMs(a) - toMs(b);

/** Shift a (year, month) pair by n months. */
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const idx = y * 12 + (m - 1) + n;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1 };
}

export function dayValue(d: Ymd): DateValue {
  const s = fmtYmd(d);
  return { value: s, granularity: 'day', from: s, to: s };
}

export function monthValue(y: number, m: number): DateValue {
  return {
    value: `${pad(y, 4)}-${pad(m)}`,
    granularity: 'month',
    from: fmtYmd({ y, m, d: 1 }),
    to: fmtYmd({ y, m, d: daysInMonth(y, m) }),
  };
}

export function yearValue(y: number): DateValue {
  return { value: pad(y, 4), granularity: 'year', from: `${pad(y, 4)}-01-01`, to: `${pad(y, 4)}-12-31` };
}

/**
 * A day range stated at the finest granularity that contains all of it: a week inside one month
 * is that month, a summer is its year. A range across a year boundary is given the year that
 * holds most of its days (a winter "Dec–Feb" is mostly the later year).
 */
export function rangeValue(from: Ymd, to: Ymd): DateValue {
  const base = (() => {
    if (compareYmd(from, to) === 0) return dayValue(from);
    if (from.y === to.y && from.m === to.m) return monthValue(from.y, from.m);
    if (from.y === to.y) return yearValue(from.y);
    const mid = fromMs((toMs(from) + toMs(to)) / 2);
    return yearValue(mid.y);
  })();
  // keep the exact range covered (a week is not the whole month)
  return { ...base, from: fmtYmd(from), to: fmtYmd(to) };
}

/**
 * The most recent day with this weekday on or before `ref` (strict: before `ref`). News prose
 * uses a bare weekday for a day of the past week, never a future one.
 */
export function previousWeekday(ref: Ymd, weekday: number, strict: boolean): Ymd {
  let back = (weekdayOf(ref) - weekday + 7) % 7;
  if (back === 0 && strict) back = 7;
  return addDays(ref, -back);
}

/** The most recent (year of) month `m` on or before ref's month (strict: before it). */
export function previousMonth(ref: Ymd, m: number, strict: boolean): { y: number; m: number } {
  const y = m < ref.m || (m === ref.m && !strict) ? ref.y : ref.y - 1;
  return { y, m };
}

/** Monday-based calendar week containing `d`. */
export function weekOf(d: Ymd): { from: Ymd; to: Ymd } {
  const sinceMonday = (weekdayOf(d) + 6) % 7;
  const from = addDays(d, -sinceMonday);
  return { from, to: addDays(from, 6) };
}

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** Northern-hemisphere meteorological seasons; the winter of year Y runs Dec (Y-1) – Feb (Y). */
export function seasonRange(season: Season, y: number): { from: Ymd; to: Ymd } {
  switch (season) {
    case 'spring':
      return { from: { y, m: 3, d: 1 }, to: { y, m: 5, d: 31 } };
    case 'summer':
      return { from: { y, m: 6, d: 1 }, to: { y, m: 8, d: 31 } };
    case 'autumn':
      return { from: { y, m: 9, d: 1 }, to: { y, m: 11, d: 30 } };
    case 'winter':
      return { from: { y: y - 1, m: 12, d: 1 }, to: { y, m: 2, d: daysInMonth(y, 2) } };
  }
}

/** The latest season of that name that has ended before `ref` ("last summer"). */
export function lastSeason(ref: Ymd, season: Season): { from: Ymd; to: Ymd } {
  for (let y = ref.y; ; y--) {
    const r = seasonRange(season, y);
    if (compareYmd(r.to, ref) < 0) return r;
  }
}

/** The season of that name that has started on or before `ref` most recently ("this summer", "in the summer"). */
export function currentOrLastSeason(ref: Ymd, season: Season): { from: Ymd; to: Ymd } {
  for (let y = ref.y + 1; ; y--) {
    const r = seasonRange(season, y);
    if (compareYmd(r.from, ref) <= 0) return r;
  }
}
