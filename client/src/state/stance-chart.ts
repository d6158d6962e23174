/**
 * Positions of one actor -> rows of the "stance over time" chart: one row per issue, one mark per
 * dated position, positions on the same day merged (differing stances become "mixed"), and the
 * changes of stance counted so the panel can say "changed 2×".
 */
import type { PositionStance } from '../../../cypher/schema.ts';
import type { PositionView } from '../../../server/contract.ts';

export interface StanceMark {
  dateFrom: string;
  dateTo: string;
  stance: PositionStance;
  articleIds: string[];
  evidence: string | null;
}

export interface StanceRow {
  issue: string;
  label: string;
  marks: StanceMark[];
  /** number of times the stance differs from the previous mark's */
  changes: number;
}

export interface StanceChart {
  rows: StanceRow[];
  /** first and last day over all marks; null when there are none */
  extent: { from: string; to: string } | null;
}

function merge(a: PositionStance, b: PositionStance): PositionStance {
  return a === b ? a : 'mixed';
}

export function stanceChart(positions: readonly PositionView[]): StanceChart {
  const byIssue = new Map<string, { label: string; byDay: Map<string, StanceMark> }>();
  for (const p of positions) {
    let row = byIssue.get(p.issue);
    if (!row) byIssue.set(p.issue, (row = { label: p.issueLabel || p.issue, byDay: new Map() }));
    const key = `${p.dateFrom}|${p.dateTo}`;
    const prev = row.byDay.get(key);
    if (prev) {
      prev.stance = merge(prev.stance, p.stance);
      if (!prev.articleIds.includes(p.articleId)) prev.articleIds.push(p.articleId);
      prev.evidence ??= p.evidence;
    } else {
      row.byDay.set(key, { dateFrom: p.dateFrom, dateTo: p.dateTo, stance: p.stance, articleIds: [p.articleId], evidence: p.evidence });
    }
  }
  let from: string | null = null;
  let to: string | null = null;
  const rows: StanceRow[] = [];
  for (const [issue, { label, byDay }] of byIssue) {
    const marks = [...byDay.values()].sort((a, b) => a.dateFrom.localeCompare(b.dateFrom) || a.dateTo.localeCompare(b.dateTo));
    let changes = 0;
    marks.forEach((m, i) => {
      if (i > 0 && marks[i - 1]!.stance !== m.stance) changes++;
      if (from === null || m.dateFrom < from) from = m.dateFrom;
      if (to === null || m.dateTo > to) to = m.dateTo;
    });
    rows.push({ issue, label, marks, changes });
  }
  // most-discussed issue on top
  rows.sort((a, b) => b.marks.length - a.marks.length || a.label.localeCompare(b.label));
  return { rows, extent: from !== null && to !== null ? { from, to } : null };
}

/** Position of a day on [0, 1] within an extent (for drawing). */
export function dayFraction(day: string, extent: { from: string; to: string }): number {
  const t = Date.parse(day);
  const a = Date.parse(extent.from);
  const b = Date.parse(extent.to);
  if (!(b > a)) return 0.5;
  return Math.min(1, Math.max(0, (t - a) / (b - a)));
}
