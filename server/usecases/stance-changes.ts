/**
 * The stance-change detector: per actor (rolled up to the person a proxy speaks for) and issue,
 * statements in date order; a change is a statement whose stance differs from the previous
 * stance-taking one. Pure, over plain statement facets.
 */
import type { Stance } from '../../cypher/schema.ts';

export interface StanceFacet {
  id: string;
  /** who the statement counts for (the person it rolls up to, else the speaker) */
  actorId: string;
  dateFrom: string;
  dateTo: string;
  issues: readonly { id: string; stance: Stance }[];
}

export interface DetectedChange {
  actorId: string;
  issue: string;
  from: Stance;
  to: Stance;
  flip: boolean;
  beforeId: string;
  afterId: string;
}

/**
 * `neutral: false` (default) skips neutral statements: "no cue found" is not a stance, so
 * support → neutral → oppose is one change (a flip), not two.
 */
export function detectStanceChanges(facets: readonly StanceFacet[], opts: { neutral?: boolean } = {}): DetectedChange[] {
  const series = new Map<string, { id: string; dateFrom: string; dateTo: string; stance: Stance }[]>();
  for (const f of facets) {
    for (const i of f.issues) {
      if (i.stance === 'neutral' && !opts.neutral) continue;
      const key = `${f.actorId}\u0000${i.id}`;
      let list = series.get(key);
      if (!list) series.set(key, (list = []));
      list.push({ id: f.id, dateFrom: f.dateFrom, dateTo: f.dateTo, stance: i.stance });
    }
  }
  const out: DetectedChange[] = [];
  for (const [key, list] of series) {
    const [actorId, issue] = key.split('\u0000') as [string, string];
    list.sort((a, b) => a.dateFrom.localeCompare(b.dateFrom) || a.dateTo.localeCompare(b.dateTo) || a.id.localeCompare(b.id));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      // same day: order within a day is unknown, so disagreement there is "mixed", not a change in time
      if (cur.stance === prev.stance || (cur.dateFrom === prev.dateFrom && cur.dateTo === prev.dateTo)) continue;
      out.push({
        actorId,
        issue,
        from: prev.stance,
        to: cur.stance,
        flip: (prev.stance === 'support' && cur.stance === 'oppose') || (prev.stance === 'oppose' && cur.stance === 'support'),
        beforeId: prev.id,
        afterId: cur.id,
      });
    }
  }
  return out.sort((a, b) => a.actorId.localeCompare(b.actorId) || a.issue.localeCompare(b.issue) || a.afterId.localeCompare(b.afterId));
}
