/** Pure parts of the explorer's views: statements timeline, CSV, GraphML/GEXF export, legend, console history. */
import { describe, expect, it } from 'vitest';
import { MultiGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseGexf, write as writeGexf } from 'graphology-gexf';
import type { ViewStatement } from '../../server/contract.ts';
import { axisOf, groupStatements, NO_OFFICE, place, statementsCsv, yearTicks } from '../../client/src/state/statement-timeline.ts';
import { writeGraphml } from '../../client/src/export/graphml.ts';
import { legendEntries } from '../../client/src/state/legend.ts';
import { pushHistory, rowsAsObjects } from '../../client/src/state/console-result.ts';
import { evidenceSpan } from '../../client/src/state/article-spans.ts';
import type { ExplorerEdgeAttrs, ExplorerNodeAttrs } from '../../client/src/state/graph-filters.ts';

const st = (id: string, speaker: string, date: string, speaksFor: ViewStatement['speaksFor'], text = `${id} said`): ViewStatement => ({
  id,
  text,
  kind: 'direct',
  cue: 'said',
  date,
  granularity: 'day',
  dateBasis: 'publication',
  dateEvidence: null,
  dateFrom: date,
  dateTo: date,
  start: 0,
  end: 5,
  speaker: { id: speaker, name: speaker.toUpperCase(), type: speaksFor?.via === 'self' ? 'person' : 'organization' },
  article: { id: 'a', title: 'T', source: 'S', url: null, published: date },
  issues: [{ id: 'troops', stance: 'oppose' }],
  provenance: 'machine',
  corrections: [],
  speaksFor,
});
const pm = 'Prime Minister of Iraq';
const rows = [
  st('s3', 'office', '2024-01-10', { id: 'sudani', name: 'Sudani', via: 'name', office: pm }),
  st('s1', 'maliki', '2011-10-22', { id: 'maliki', name: 'Maliki', via: 'self', office: pm }),
  st('s2', 'cnn', '2017-12-19', null),
  st('s4', 'sudani', '2024-01-25', { id: 'sudani', name: 'Sudani', via: 'self', office: pm }),
];

describe('statements timeline', () => {
  it('by person: the office holder gets the office’s statement; groups and rows in date order', () => {
    const g = groupStatements(rows, 'actor');
    expect(g.map((x) => [x.label, x.rows.map((r) => r.id)])).toEqual([
      ['Maliki', ['s1']],
      ['CNN', ['s2']],
      ['Sudani', ['s3', 's4']],
    ]);
    expect(g[2]!.detail).toEqual([pm]);
  });
  it('by office: successive holders in one group, the rest last', () => {
    const g = groupStatements(rows, 'office');
    expect(g.map((x) => [x.label, x.rows.map((r) => r.id), x.detail])).toEqual([
      [pm, ['s1', 's3', 's4'], ['Maliki', 'Sudani']],
      [NO_OFFICE, ['s2'], ['CNN']],
    ]);
  });
  it('places rows on a shared axis with thinned year ticks', () => {
    const axis = axisOf(rows)!;
    expect(axis).toEqual({ from: '2011-10-22', to: '2024-01-25' });
    expect(place({ dateFrom: '2011-10-22', dateTo: '2011-10-22' }, axis)).toEqual([0, 0]);
    expect(place({ dateFrom: '2024-01-25', dateTo: '2024-01-25' }, axis)).toEqual([1, 1]);
    const ticks = yearTicks(axis, 6);
    expect(ticks[0]).toBe('2012-01-01');
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(axisOf([])).toBeNull();
  });
  it('CSV: one header, quoted fields, no spreadsheet formulas', () => {
    const csv = statementsCsv([st('x', 'maliki', '2011-10-22', null, '=HYPERLINK("evil"), "quoted"\nline')]);
    const [header, ...body] = csv.trimEnd().split('\r\n');
    expect(header!.split(',')[0]).toBe('date');
    expect(body.join('\r\n')).toContain(`"'=HYPERLINK(""evil""), ""quoted""\nline"`);
    expect(body.join('\r\n')).toContain('troops:oppose');
  });
});

function sample() {
  const g = new MultiGraph();
  g.addNode('maliki', { label: 'Nouri al-Maliki', kind: 'actor', x: 1, y: 2, size: 10, color: '#0969da', actorType: 'person' });
  g.addNode('us & co', { label: 'United <States>', kind: 'actor', x: -1, y: 0.5, size: 4, color: '#0a7b83', actorType: 'country' });
  g.addEdgeWithKey('e0', 'maliki', 'us & co', { kind: 'negotiates_with', date: '2011-10-22', evidence: 'He said: "talks" & more\u0001', count: 2 });
  g.addEdgeWithKey('e1', 'maliki', 'us & co', { kind: 'speaks_about', date: '2011-10-23' });
  return g;
}

describe('graph files', () => {
  it('GraphML parses back to the same nodes, parallel edges and attributes', () => {
    const back = parseGraphml(MultiGraph, writeGraphml(sample()));
    expect(back.order).toBe(2);
    expect(back.size).toBe(2);
    expect(back.getNodeAttribute('us & co', 'label')).toBe('United <States>');
    expect(back.getNodeAttribute('maliki', 'size')).toBe(10);
    expect(back.getEdgeAttribute('e0', 'evidence')).toBe('He said: "talks" & more');
    expect(back.getEdgeAttribute('e0', 'count')).toBe(2);
    expect(back.edges('maliki', 'us & co').sort()).toEqual(['e0', 'e1']);
  });
  it('GEXF (graphology-gexf) keeps positions, colours and parallel edges for Gephi', () => {
    const back = parseGexf(MultiGraph, writeGexf(sample(), { version: '1.3' }), { allowUndeclaredAttributes: true });
    expect(back.order).toBe(2);
    expect(back.size).toBe(2);
    expect(back.getNodeAttributes('maliki')).toMatchObject({ x: 1, y: 2, size: 10, label: 'Nouri al-Maliki' });
  });
});

describe('legend', () => {
  it('has an entry for every kind of mark shown, and none for hidden ones', () => {
    const g = new MultiGraph<ExplorerNodeAttrs, ExplorerEdgeAttrs>();
    g.addNode('a', { kind: 'actor', label: 'A', actorType: 'person' });
    g.addNode('b', { kind: 'actor', label: 'B', actorType: 'country' });
    g.addNode('c', { kind: 'actor', label: 'C', actorType: 'group' });
    g.addEdgeWithKey('e1', 'a', 'b', { kind: 'attacks' });
    g.addEdgeWithKey('e2', 'a', 'c', { kind: 'speaks_about' });
    const labels = legendEntries(g, new Set(['c']), new Set(['e2']), 'degree').map((e) => `${e.mark}:${e.label}`);
    expect(labels).toContain('node:Person');
    expect(labels).toContain('node:Country');
    expect(labels).not.toContain('node:Group');
    expect(labels).toContain('edge:attacks');
    expect(labels.some((l) => l.startsWith('edge:speaks about'))).toBe(false);
    expect(labels).toContain('note:Actor size: number of relations (degree)');
  });
});

describe('console and provenance helpers', () => {
  it('history: newest first, deduplicated, bounded', () => {
    let h: string[] = [];
    for (const q of ['A', 'B', 'A', '  ', 'C']) h = pushHistory(h, q, 2);
    expect(h).toEqual(['C', 'A']);
  });
  it('rows as objects keyed by column', () => {
    expect(rowsAsObjects(['a', 'b'], [[1, 'x'], [null]])).toEqual([{ a: 1, b: 'x' }, { a: null, b: null }]);
  });
  it('finds a relation’s evidence by its offsets, or by its (clipped) text', () => {
    const text = 'First sentence. Maliki met Obama on Friday in Washington. Last.';
    expect(evidenceSpan(text, 'Maliki met Obama', 16, 56)).toEqual({ start: 16, end: 56 });
    // offsets that do not hold the evidence are not trusted
    expect(evidenceSpan(text, 'Maliki met Obama', 0, 5)).toEqual({ start: 16, end: 32 });
    expect(evidenceSpan(text, 'Maliki met Obama on Fri…')).toEqual({ start: 16, end: 39 });
    expect(evidenceSpan(text, 'not there')).toBeNull();
  });
});
