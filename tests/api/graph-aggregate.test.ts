/** Merging parallel edges of a capped graph view. */
import { describe, expect, it } from 'vitest';
import { aggregateParallelEdges } from '../../server/usecases/graph.ts';

const rel = (source: string, target: string, kind: string, dateFrom: string, dateTo: string, articleId: string) => ({
  source,
  target,
  attributes: { edgeType: 'RELATES', kind, date: dateFrom, dateFrom, dateTo, articleId, evidence: `ev ${articleId}`, title: null },
});

describe('aggregateParallelEdges', () => {
  it('merges same source/target/kind, keeps the date range and the newest occurrence', () => {
    const out = aggregateParallelEdges([
      rel('us', 'iraq', 'negotiates_with', '2011-10-22', '2011-10-22', 'a1'),
      rel('us', 'iraq', 'negotiates_with', '2024-01-25', '2024-01-25', 'a3'),
      rel('us', 'iraq', 'negotiates_with', '2017-12-01', '2017-12-31', 'a2'),
      rel('us', 'iraq', 'pressures', '2012-02-02', '2012-02-02', 'a4'),
      rel('iraq', 'us', 'negotiates_with', '2012-02-02', '2012-02-02', 'a5'),
    ]);
    expect(out).toHaveLength(3);
    const n = out.find((e) => e.source === 'us' && e.attributes.kind === 'negotiates_with')!;
    expect(n.attributes).toMatchObject({ count: 3, aggregated: true, dateFrom: '2011-10-22', dateTo: '2024-01-25', articleId: 'a3', evidence: 'ev a3' });
    expect(out.find((e) => e.attributes.kind === 'pressures')!.attributes.count).toBe(1);
  });

  it('keeps edges of different stance apart', () => {
    const pos = (stance: string) => ({ source: 'a', target: 'issue:x', attributes: { edgeType: 'HOLDS_POSITION', stance, dateFrom: '2020-01-01', dateTo: '2020-01-01' } });
    expect(aggregateParallelEdges([pos('support'), pos('oppose'), pos('support')]).map((e) => e.attributes.count)).toEqual([2, 1]);
  });
});
