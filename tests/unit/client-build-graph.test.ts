import { describe, expect, it } from 'vitest';
import type { SerializedGraph } from '../../server/contract.ts';
import { EDGE_KIND_STYLE, settings, STANCE_COLORS } from '../../client/src/settings.ts';

// @sigma/edge-curve (for indexParallelEdgesIndex) loads sigma's WebGL programs, which read these
// constructors' constants at import time; Node has none. Only the pure graph code runs here.
for (const name of ['WebGL2RenderingContext', 'WebGLRenderingContext']) {
  (globalThis as Record<string, unknown>)[name] ??= class {};
}
const { buildGraph, curvatureFor, nodeKeyOf, nodeSizeFor } = await import('../../client/src/graph/build-graph.ts');

// shaped like the server's /api/graph export (server/usecases/graph.ts)
const data: SerializedGraph = {
  options: { type: 'directed', multi: true, allowSelfLoops: true },
  attributes: {},
  nodes: [
    { key: 'nouri-al-maliki', attributes: { label: 'Nouri al-Maliki', nodeType: 'actor', actorType: 'person', statements: 9 } },
    { key: 'united-states', attributes: { label: 'United States', nodeType: 'actor', actorType: 'country', statements: 1 } },
    { key: 'statement:s1', attributes: { label: 'no troops', nodeType: 'statement', statementId: 's1', kind: 'direct', dateFrom: '2011-10-22', dateTo: '2011-10-22', articleId: 'a1' } },
    { key: 'issue:us-troop-presence', attributes: { label: 'US troop presence', nodeType: 'issue', issueId: 'us-troop-presence' } },
  ],
  edges: [
    { key: 'e0', source: 'nouri-al-maliki', target: 'united-states', attributes: { edgeType: 'RELATES', kind: 'negotiates_with', date: '2011-10', dateFrom: '2011-10-01', dateTo: '2011-10-31' } },
    { key: 'e1', source: 'nouri-al-maliki', target: 'united-states', attributes: { edgeType: 'RELATES', kind: 'negotiates_with', date: '2012-01', dateFrom: '2012-01-01', dateTo: '2012-01-31' } },
    { key: 'e2', source: 'nouri-al-maliki', target: 'united-states', attributes: { edgeType: 'RELATES', kind: 'pressures', date: '2012-02', dateFrom: '2012-02-01', dateTo: '2012-02-29' } },
    { key: 'e3', source: 'nouri-al-maliki', target: 'statement:s1', attributes: { edgeType: 'SAID', dateFrom: '2011-10-22', dateTo: '2011-10-22' } },
    { key: 'e4', source: 'statement:s1', target: 'issue:us-troop-presence', attributes: { edgeType: 'ABOUT', stance: 'oppose' } },
    { key: 'e5', source: 'united-states', target: 'issue:us-troop-presence', attributes: { edgeType: 'HOLDS_POSITION', stance: 'support', dateFrom: '2011-10-22', dateTo: '2011-10-22' } },
  ],
};

describe('building the explorer graph', () => {
  const g = buildGraph(data);

  it('keeps parallel dated relations as separate edges, drawn curved and fanned apart', () => {
    const parallel = g.edges('nouri-al-maliki', 'united-states');
    expect(parallel).toHaveLength(3);
    const curv = parallel.map((e) => g.getEdgeAttribute(e, 'curvature'));
    expect(parallel.every((e) => g.getEdgeAttribute(e, 'type') === 'curvedArrow')).toBe(true);
    expect(new Set(curv).size).toBe(3);
    expect(Math.min(...curv)).toBeLessThan(0);
    expect(Math.max(...curv)).toBeGreaterThan(0);
    expect(g.getEdgeAttribute('e3', 'type')).toBe('arrow');
  });

  it('maps node kinds, actor types, shapes and sizes', () => {
    expect(g.getNodeAttributes('nouri-al-maliki')).toMatchObject({ kind: 'actor', actorType: 'person', type: 'circle', entityId: 'nouri-al-maliki' });
    expect(g.getNodeAttributes('united-states')).toMatchObject({ kind: 'actor', actorType: 'country', type: 'square' });
    expect(g.getNodeAttribute('nouri-al-maliki', 'size')).toBeGreaterThan(g.getNodeAttribute('united-states', 'size'));
    expect(g.getNodeAttributes('statement:s1')).toMatchObject({ kind: 'statement', entityId: 's1', articleId: 'a1' });
    expect(g.getNodeAttributes('issue:us-troop-presence')).toMatchObject({ kind: 'issue', issues: ['us-troop-presence'] });
  });

  it('gives statements the stances and issues of their ABOUT edges, coloured by stance', () => {
    expect(g.getNodeAttributes('statement:s1')).toMatchObject({ stances: ['oppose'], issues: ['us-troop-presence'], color: STANCE_COLORS.oppose });
    expect(g.getEdgeAttributes('e5')).toMatchObject({ stance: 'support', issue: 'us-troop-presence', color: STANCE_COLORS.support });
  });

  it('finds nodes by record id whatever the key scheme', () => {
    expect(nodeKeyOf(g, 'nouri-al-maliki')).toBe('nouri-al-maliki');
    expect(nodeKeyOf(g, 's1', 'statement')).toBe('statement:s1');
    expect(nodeKeyOf(g, 'nobody')).toBeNull();
  });

  it('sizes and curvatures stay in bounds', () => {
    expect(nodeSizeFor(0, 10)).toBe(settings.graph.minNodeSize);
    expect(nodeSizeFor(10, 10)).toBe(settings.graph.maxNodeSize);
    expect(curvatureFor(0, 1)).toBe(0);
    expect(Math.abs(curvatureFor(50, 50))).toBeLessThanOrEqual(0.75);
    expect(curvatureFor(-1, 1)).toBe(-curvatureFor(1, 1));
  });

  it('styles each relation kind apart: colour, width, arrowhead; "speaks about" is a thin plain line', () => {
    const kinds = ['negotiates_with', 'pressures', 'attacks', 'supports', 'opposes', 'member_of', 'holds_office', 'addresses', 'speaks_about'];
    expect(new Set(kinds.map((k) => EDGE_KIND_STYLE[k]!.color)).size).toBe(kinds.length);
    const sa = EDGE_KIND_STYLE.speaks_about!;
    expect(sa.arrow).toBe(false);
    for (const k of kinds.filter((x) => x !== 'speaks_about')) expect(EDGE_KIND_STYLE[k]!.width).toBeGreaterThan(sa.width);
    const withSpeech = buildGraph({
      ...data,
      edges: [{ key: 'x', source: 'nouri-al-maliki', target: 'united-states', attributes: { edgeType: 'RELATES', kind: 'speaks_about', evidence: 'said so', start: 3, end: 9, articleId: 'a1' } }],
    });
    expect(withSpeech.getEdgeAttributes('x')).toMatchObject({ type: 'line', color: sa.color, evidence: 'said so', start: 3, end: 9, articleId: 'a1' });
  });

  it('sizes actors by degree and by statements, each on its own scale', () => {
    // the US made 1 statement but has as many relations as Maliki (9 statements)
    const us = g.getNodeAttributes('united-states');
    const maliki = g.getNodeAttributes('nouri-al-maliki');
    expect(us.degree).toBe(g.degree('united-states'));
    expect(us.sizeDegree).toBe(maliki.sizeDegree);
    expect(us.sizeStatements).toBeLessThan(maliki.sizeStatements);
    expect(maliki.sizeStatements).toBe(settings.graph.maxNodeSize);
  });
});
