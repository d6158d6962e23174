import { describe, expect, it } from 'vitest';
import type { ConsoleValue } from '../../cypher/store.ts';
import { cellText, resultGraph } from '../../client/src/state/console-result.ts';
import { splitBySpans } from '../../client/src/state/article-spans.ts';

const node = (id: string, label: string, name: string): ConsoleValue => ({ $kind: 'node', id, label, properties: { id, name } });
const rel = (id: string, from: string, to: string, properties: Record<string, ConsoleValue> = {}): ConsoleValue => ({ $kind: 'rel', id, type: 'RELATES', from, to, properties });

describe('console results', () => {
  it('collects nodes and relationships anywhere in the rows, once each', () => {
    const rows: ConsoleValue[][] = [
      [node('1', 'Actor', 'Maliki'), rel('r1', '1', '2'), node('2', 'Actor', 'United States')],
      [node('1', 'Actor', 'Maliki'), [rel('r2', '1', '3')], { nested: node('3', 'Issue', 'troops') }],
      ['plain', 3, null],
    ];
    const g = resultGraph(rows);
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['1', '2', '3']);
    expect(g.rels.map((r) => r.id).sort()).toEqual(['r1', 'r2']);
  });
  it('captions a relationship by its kind when it has one', () => {
    const g = resultGraph([[node('1', 'Actor', 'A'), node('2', 'Actor', 'B'), rel('r1', '1', '2', { kind: 'negotiates_with' }), rel('r2', '2', '1')]]);
    expect(g.rels.map((r) => r.caption)).toEqual(['negotiates with', 'RELATES']);
  });
  it('drops relationships whose ends did not come back', () => {
    expect(resultGraph([[node('1', 'Actor', 'A'), rel('r1', '1', '9')]]).rels).toEqual([]);
  });
  it('renders cells as short text', () => {
    expect(cellText(null)).toBe('null');
    expect(cellText(node('1', 'Actor', 'Maliki'))).toBe('(:Actor Maliki)');
    expect(cellText(rel('r', '1', '2'))).toBe('[:RELATES]');
    expect(cellText({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(cellText('x'.repeat(500), 10)).toHaveLength(10);
  });
});

describe('article spans', () => {
  const text = 'Maliki said "no troops" and Obama said yes.';
  const spans = [
    { statementId: 's1', start: 13, end: 22 },
    { statementId: 's2', start: 39, end: 42 },
  ];
  it('marks the selected span and keeps the text whole', () => {
    const pieces = splitBySpans(text, spans, 's1');
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.find((p) => p.mark === 'selected')?.text).toBe('no troops');
    expect(pieces.find((p) => p.mark === 'other')?.text).toBe('yes');
  });
  it('ignores spans outside the text and resolves overlaps', () => {
    const pieces = splitBySpans(text, [...spans, { statementId: 'bad', start: 40, end: 999 }, { statementId: 's3', start: 15, end: 30 }], 's1');
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.mark).map((p) => p.statementId)).toEqual(['s1', 's2']);
  });
});
