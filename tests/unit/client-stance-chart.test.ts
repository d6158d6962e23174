import { describe, expect, it } from 'vitest';
import type { PositionView } from '../../server/contract.ts';
import { dayFraction, stanceChart } from '../../client/src/state/stance-chart.ts';

const pos = (issue: string, stance: PositionView['stance'], dateFrom: string, articleId = 'a1', dateTo = dateFrom): PositionView => ({
  issue,
  issueLabel: issue === 'us-troop-presence' ? 'US troop presence' : issue,
  stance,
  date: dateFrom,
  dateFrom,
  dateTo,
  articleId,
  statementIds: [],
  evidence: null,
});

describe('stance chart aggregation', () => {
  it('makes one row per issue with marks in date order and counts stance changes', () => {
    const chart = stanceChart([
      pos('us-troop-presence', 'oppose', '2011-10-22'),
      pos('us-troop-presence', 'support', '2008-06-01', 'a0'),
      pos('us-troop-presence', 'oppose', '2012-02-02', 'a2'),
      pos('iran-influence', 'neutral', '2012-02-02', 'a2'),
    ]);
    expect(chart.rows.map((r) => r.issue)).toEqual(['us-troop-presence', 'iran-influence']);
    const troops = chart.rows[0]!;
    expect(troops.label).toBe('US troop presence');
    expect(troops.marks.map((m) => [m.dateFrom, m.stance])).toEqual([
      ['2008-06-01', 'support'],
      ['2011-10-22', 'oppose'],
      ['2012-02-02', 'oppose'],
    ]);
    expect(troops.changes).toBe(1);
    expect(chart.extent).toEqual({ from: '2008-06-01', to: '2012-02-02' });
  });
  it('merges same-day positions; differing stances become mixed', () => {
    const chart = stanceChart([pos('us-troop-presence', 'support', '2011-10-22', 'a1'), pos('us-troop-presence', 'oppose', '2011-10-22', 'a2')]);
    expect(chart.rows[0]!.marks).toHaveLength(1);
    expect(chart.rows[0]!.marks[0]).toMatchObject({ stance: 'mixed', articleIds: ['a1', 'a2'] });
  });
  it('no positions: no rows and no extent', () => {
    expect(stanceChart([])).toEqual({ rows: [], extent: null });
  });
  it('places days proportionally on the extent', () => {
    const e = { from: '2010-01-01', to: '2012-01-01' };
    expect(dayFraction('2010-01-01', e)).toBe(0);
    expect(dayFraction('2012-01-01', e)).toBe(1);
    expect(dayFraction('2011-01-01', e)).toBe(0.5);
    expect(dayFraction('2030-01-01', e)).toBe(1);
  });
});
