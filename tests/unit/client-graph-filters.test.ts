import { describe, expect, it } from 'vitest';
import { MultiGraph } from 'graphology';
import { actorPasses, describeFilters, FacetIndex, NO_FILTERS, showingText, statementPasses, type Facet, type Filters } from '../../client/src/state/facet-filters.ts';
import { computeVisibility, DEFAULT_DISPLAY, hubCount, type VisNodeAttrs } from '../../client/src/state/graph-visibility.ts';
import { edgeDecision, NO_INTERACTION, nodeDecision, type ExplorerEdgeAttrs } from '../../client/src/state/graph-filters.ts';
import { formatMonth } from '../../client/src/state/time-range.ts';

const facet = (id: string, speakerId: string, date: string, issues: Facet['issues'], extra: Partial<Facet> = {}): Facet => ({
  id,
  speakerId,
  speakerType: 'person',
  personId: speakerId,
  dateFrom: date,
  dateTo: date,
  articleId: 'a1',
  issues,
  ...extra,
});

const facets = [
  facet('s1', 'maliki', '2011-10-22', [{ id: 'troops', stance: 'oppose' }, { id: 'immunity', stance: 'support' }]),
  facet('s2', 'obama', '2011-10-21', [{ id: 'troops', stance: 'support' }]),
  // a proxy: "the office of the prime minister", rolled up to sudani
  facet('s3', 'pm-office', '2024-01-10', [{ id: 'troops', stance: 'oppose' }], { speakerType: 'organization', personId: 'sudani' }),
  facet('s4', 'us', '2017-12-19', []),
];
const index = new FacetIndex(facets);
const f = (p: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...p });

describe('one meaning for every filter', () => {
  it('issue and stance must hold on the same ABOUT edge', () => {
    // s1 opposes troops and supports immunity: "support on troops" is not s1
    expect(statementPasses(facets[0]!, f({ issues: ['troops'], stances: ['support'] }))).toBe(false);
    expect(statementPasses(facets[0]!, f({ issues: ['immunity'], stances: ['support'] }))).toBe(true);
    expect(statementPasses(facets[0]!, f({ stances: ['support'] }))).toBe(true);
    expect(statementPasses(facets[3]!, f({ issues: ['troops'] }))).toBe(false);
  });
  it('type and date apply to statements by their speaker and their date span', () => {
    expect(statementPasses(facets[2]!, f({ types: ['person'] }))).toBe(false);
    expect(statementPasses(facets[2]!, f({ range: { from: '2024-01', to: '2024-01' } }))).toBe(true);
    expect(statementPasses(facets[2]!, f({ range: { from: '2023-01', to: '2023-12' } }))).toBe(false);
  });
  it('an actor passes an issue filter only with a matching statement, its own or a proxy’s', () => {
    const troopsOppose = f({ issues: ['troops'], stances: ['oppose'] });
    expect(actorPasses('maliki', 'person', troopsOppose, index)).toBe(true);
    expect(actorPasses('obama', 'person', troopsOppose, index)).toBe(false);
    // the office holder gets the office's statement
    expect(actorPasses('sudani', 'person', troopsOppose, index)).toBe(true);
    expect(actorPasses('us', 'country', troopsOppose, index)).toBe(false);
    expect(actorPasses('us', 'country', NO_FILTERS, index)).toBe(true);
  });
  it('a date range alone keeps actors with a statement or other dated activity in range', () => {
    const r = f({ range: { from: '2017-01', to: '2017-12' } });
    expect(actorPasses('us', 'country', r, index)).toBe(true);
    expect(actorPasses('maliki', 'person', r, index)).toBe(false);
    expect(actorPasses('maliki', 'person', r, index, () => true)).toBe(true);
  });
  it('says what is hidden', () => {
    const label = (id: string) => ({ troops: 'US troop presence' })[id] ?? id;
    const d = describeFilters(f({ issues: ['troops'], stances: ['oppose'], types: ['person'], range: { from: '2011-01', to: '2012-12' } }), label, formatMonth);
    expect(d).toBe('issue = US troop presence, stance = oppose, type = people, Jan 2011 – Dec 2012');
    expect(showingText(42, 100, 'actors', 'issue = troop presence')).toBe('showing 42 of 100 actors: issue = troop presence');
    expect(showingText(100, 100, 'actors', '')).toBe('showing all 100 actors');
  });
});

function actorsGraph() {
  const g = new MultiGraph<VisNodeAttrs, ExplorerEdgeAttrs>();
  const actor = (id: string, actorType: VisNodeAttrs['actorType'], statements: number) => g.addNode(id, { kind: 'actor', label: id, actorType, entityId: id, degree: 0, statements });
  actor('maliki', 'person', 1);
  actor('obama', 'person', 1);
  actor('sudani', 'person', 0);
  actor('pm-office', 'organization', 1);
  actor('us', 'country', 1);
  actor('iraq', 'country', 0);
  actor('loner', 'group', 0);
  g.addEdgeWithKey('n1', 'maliki', 'us', { kind: 'negotiates_with', dateFrom: '2011-10-22', dateTo: '2011-10-22' });
  g.addEdgeWithKey('n2', 'maliki', 'us', { kind: 'negotiates_with', dateFrom: '2012-02-02', dateTo: '2012-02-02' });
  g.addEdgeWithKey('sa1', 'obama', 'iraq', { kind: 'speaks_about', dateFrom: '2011-10-21', dateTo: '2011-10-21' });
  g.addEdgeWithKey('sa2', 'sudani', 'us', { kind: 'speaks_about', dateFrom: '2024-01-10', dateTo: '2024-01-10' });
  g.addEdgeWithKey('sa3', 'maliki', 'iraq', { kind: 'speaks_about', dateFrom: '2011-10-22', dateTo: '2011-10-22' });
  g.addEdgeWithKey('ho', 'sudani', 'iraq', { kind: 'holds_office', dateFrom: '2024-01-25', dateTo: '2024-01-25' });
  g.forEachNode((n) => g.setNodeAttribute(n, 'degree', g.degree(n)));
  return g;
}

describe('graph visibility', () => {
  const g = actorsGraph();
  it('without filters: everything but isolated nodes; the toggle shows them', () => {
    const v = computeVisibility(g, NO_FILTERS, index, DEFAULT_DISPLAY);
    expect([...v.hiddenNodes].sort()).toEqual(['loner', 'pm-office']);
    expect(v.counts.actors).toEqual({ shown: 5, total: 7 });
    expect(v.counts.isolatedHidden).toBe(2);
    expect(computeVisibility(g, NO_FILTERS, index, { ...DEFAULT_DISPLAY, isolated: true }).hiddenNodes.size).toBe(0);
    // the picked actor is shown even alone
    expect(computeVisibility(g, NO_FILTERS, index, { ...DEFAULT_DISPLAY, pinned: 'loner' }).hiddenNodes.has('loner')).toBe(false);
  });
  it('an issue filter hides actors (not only edges) in the actors view', () => {
    const v = computeVisibility(g, f({ issues: ['troops'] }), index, { ...DEFAULT_DISPLAY, isolated: true });
    // the office itself said something about troops: it stays, like the holder it speaks for
    expect([...v.hiddenNodes].sort()).toEqual(['iraq', 'loner', 'us']);
    // edges never dangle
    expect(v.hiddenEdges.has('n1')).toBe(true);
    expect(v.counts.actors).toEqual({ shown: 4, total: 7 });
  });
  it('"speaks about" edges toggle off, and actors they alone connected become isolated', () => {
    const v = computeVisibility(g, NO_FILTERS, index, { ...DEFAULT_DISPLAY, speaksAbout: false });
    for (const e of ['sa1', 'sa2', 'sa3']) expect(v.hiddenEdges.has(e)).toBe(true);
    expect(v.hiddenEdges.has('n1')).toBe(false);
    expect(v.hiddenNodes.has('obama')).toBe(true);
    expect(v.hiddenNodes.has('sudani')).toBe(false); // still holds office
  });
  it('a date range hides edges outside it and actors with nothing in it', () => {
    const v = computeVisibility(g, f({ range: { from: '2012-01', to: '2012-12' } }), index, DEFAULT_DISPLAY);
    expect(v.hiddenEdges.has('n1')).toBe(true);
    expect(v.hiddenEdges.has('n2')).toBe(false);
    expect([...g.nodes()].filter((n) => !v.hiddenNodes.has(n)).sort()).toEqual(['maliki', 'us']);
  });
  it('hubs: the most connected visible actors are always labelled', () => {
    const v = computeVisibility(g, NO_FILTERS, index, DEFAULT_DISPLAY);
    // maliki and iraq have 3 relations each, more than anyone else
    expect([...v.hubs].slice(0, 2).sort()).toEqual(['iraq', 'maliki']);
    expect(v.hubs.size).toBe(hubCount(5));
    expect(hubCount(1000)).toBe(12);
    const d = nodeDecision('maliki', v, NO_INTERACTION);
    expect(d.forceLabel).toBe(true);
  });
});

describe('hover and selection', () => {
  const v = { hiddenNodes: new Set(['h']), hiddenEdges: new Set(['eh']), hubs: new Set<string>() };
  const hover = { ...NO_INTERACTION, hovered: 'a', hoveredNeighbours: new Set(['b']) };
  it('hovering fades non-neighbours and labels the neighbourhood', () => {
    expect(nodeDecision('a', v, hover)).toMatchObject({ faded: false, highlighted: true, forceLabel: true });
    expect(nodeDecision('b', v, hover)).toMatchObject({ faded: false, highlighted: false, forceLabel: true });
    expect(nodeDecision('c', v, hover)).toMatchObject({ faded: true, forceLabel: false });
  });
  it('a hidden node is never drawn faded or labelled', () => {
    expect(nodeDecision('h', v, hover)).toMatchObject({ hidden: true, faded: false, forceLabel: false });
  });
  it('a hovered edge emphasises itself and its ends, fading the rest', () => {
    const s = { ...NO_INTERACTION, hoveredEdge: 'e1' };
    expect(edgeDecision('e1', 'a', 'b', v, s)).toMatchObject({ emphasised: true, faded: false });
    expect(edgeDecision('e2', 'a', 'c', v, s)).toMatchObject({ faded: true });
    expect(nodeDecision('a', v, s, ['a', 'b'])).toMatchObject({ highlighted: true, forceLabel: true });
    expect(nodeDecision('c', v, s, ['a', 'b'])).toMatchObject({ faded: true });
    expect(edgeDecision('eh', 'a', 'b', v, s).hidden).toBe(true);
  });
});
