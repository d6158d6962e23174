/**
 * Statements -> the rows of the statements timeline view: grouped by person (a proxy such as
 * "the office of X" rolled up to the office holder) or by office, oldest first, each row placed
 * on a common time axis. Pure; also the CSV of the visible statements.
 */
import type { ViewStatement } from '../../../server/contract.ts';
import type { GroupBy } from './app-state.ts';

export interface TimelineGroup {
  key: string;
  label: string;
  /** offices (by person) or people (by office) in the group, in order of appearance */
  detail: string[];
  rows: ViewStatement[];
}

export const NO_OFFICE = 'No office named in the articles';

const byDate = (a: ViewStatement, b: ViewStatement) => a.dateFrom.localeCompare(b.dateFrom) || a.dateTo.localeCompare(b.dateTo) || a.start - b.start || a.id.localeCompare(b.id);

/** Who a statement counts for: the person it rolls up to, else its speaker. */
export function personOf(s: ViewStatement): { id: string; name: string } {
  return s.speaksFor ? { id: s.speaksFor.id, name: s.speaksFor.name } : { id: s.speaker.id, name: s.speaker.name };
}

export function groupStatements(statements: readonly ViewStatement[], by: GroupBy): TimelineGroup[] {
  const groups = new Map<string, TimelineGroup>();
  for (const s of [...statements].sort(byDate)) {
    const person = personOf(s);
    const office = s.speaksFor?.office ?? null;
    const key = by === 'actor' ? person.id : (office ?? NO_OFFICE);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label: by === 'actor' ? person.name : (office ?? NO_OFFICE), detail: [], rows: [] }));
    const d = by === 'actor' ? office : person.name;
    if (d && !g.detail.includes(d)) g.detail.push(d);
    g.rows.push(s);
  }
  // groups in order of their first statement; the catch-all group last
  return [...groups.values()].sort((a, b) => Number(a.key === NO_OFFICE) - Number(b.key === NO_OFFICE) || byDate(a.rows[0]!, b.rows[0]!));
}

export interface Axis {
  from: string;
  to: string;
}

/** The days the rows span (null without rows). */
export function axisOf(statements: readonly ViewStatement[]): Axis | null {
  let from: string | null = null;
  let to: string | null = null;
  for (const s of statements) {
    if (from === null || s.dateFrom < from) from = s.dateFrom;
    if (to === null || s.dateTo > to) to = s.dateTo;
  }
  return from !== null && to !== null ? { from, to } : null;
}

/** Where a date range sits on the axis, as fractions [start, end] of its width. */
export function place(s: { dateFrom: string; dateTo: string }, axis: Axis): [number, number] {
  const a = Date.parse(axis.from);
  const b = Date.parse(axis.to);
  const span = b - a;
  const f = (d: string) => (span > 0 ? Math.min(1, Math.max(0, (Date.parse(d) - a) / span)) : 0.5);
  return [f(s.dateFrom), f(s.dateTo)];
}

/** Year ticks inside the axis (at most ~12, thinned evenly). */
export function yearTicks(axis: Axis, maxTicks = 12): string[] {
  const first = Number(axis.from.slice(0, 4)) + (axis.from.slice(5) === '01-01' ? 0 : 1);
  const last = Number(axis.to.slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  const step = Math.max(1, Math.ceil(years.length / maxTicks));
  return years.filter((_, i) => i % step === 0).map((y) => `${y}-01-01`);
}

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  // a leading = + - @ would run as a formula in a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = ['date', 'dateFrom', 'dateTo', 'speaker', 'speakerId', 'speaksFor', 'office', 'kind', 'issues', 'text', 'article', 'source', 'published', 'url', 'statementId'] as const;

/** The statements as CSV (RFC 4180, one header line), in the order given. */
export function statementsCsv(statements: readonly ViewStatement[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const s of statements) {
    lines.push(
      [
        s.date,
        s.dateFrom,
        s.dateTo,
        s.speaker.name,
        s.speaker.id,
        s.speaksFor && s.speaksFor.via !== 'self' ? s.speaksFor.name : '',
        s.speaksFor?.office ?? '',
        s.kind,
        s.issues.map((i) => `${i.id}:${i.stance}`).join(' '),
        s.text,
        s.article.title,
        s.article.source,
        s.article.published,
        s.article.url,
        s.id,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
