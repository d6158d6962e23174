import { describe, expect, it } from 'vitest';
import { edgeDecision, nodeDecision, nodePassesFilters, type ExplorerNodeAttrs, type InteractionState } from '../../client/src/state/graph-filters.ts';

const none: InteractionState = { range: null, types: [], issues: [], stances: [], hovered: null, hoveredNeighbours: null, selected: null };
const maliki: ExplorerNodeAttrs = { kind: 'actor', label: 'Nouri al-Maliki', actorType: 'person' };
const us: ExplorerNodeAttrs = { kind: 'actor', label: 'United States', actorType: 'country' };
const stmt: ExplorerNodeAttrs = { kind: 'statement', label: '…', dateFrom: '2011-10-22', dateTo: '2011-10-22', stances: ['oppose'], issues: ['us-troop-presence'] };
const issue: ExplorerNodeAttrs = { kind: 'issue', label: 'US troop presence', issues: ['us-troop-presence'] };

describe('node filters', () => {
  it('no filter shows everything', () => {
    for (const n of [maliki, us, stmt, issue]) expect(nodePassesFilters(n, none)).toBe(true);
  });
  it('actor type filter hides other types only', () => {
    const s = { ...none, types: ['country'] as const };
    expect(nodePassesFilters(maliki, { ...s, types: [...s.types] })).toBe(false);
    expect(nodePassesFilters(us, { ...s, types: [...s.types] })).toBe(true);
    expect(nodePassesFilters(stmt, { ...s, types: [...s.types] })).toBe(true);
  });
  it('date range hides statements outside it', () => {
    expect(nodePassesFilters(stmt, { ...none, range: { from: '2011-01', to: '2011-12' } })).toBe(true);
    expect(nodePassesFilters(stmt, { ...none, range: { from: '2012-01', to: '2012-12' } })).toBe(false);
    // actors are not dated: they stay
    expect(nodePassesFilters(maliki, { ...none, range: { from: '2012-01', to: '2012-12' } })).toBe(true);
  });
  it('stance and issue filters apply to statements and issues', () => {
    expect(nodePassesFilters(stmt, { ...none, stances: ['support'] })).toBe(false);
    expect(nodePassesFilters(stmt, { ...none, stances: ['support', 'oppose'] })).toBe(true);
    expect(nodePassesFilters(stmt, { ...none, issues: ['status-of-forces-agreement'] })).toBe(false);
    expect(nodePassesFilters(issue, { ...none, issues: ['status-of-forces-agreement'] })).toBe(false);
    expect(nodePassesFilters(issue, { ...none, issues: ['us-troop-presence'] })).toBe(true);
  });
});

describe('hover and selection', () => {
  const hover: InteractionState = { ...none, hovered: 'maliki', hoveredNeighbours: new Set(['us']) };
  it('hovering fades non-neighbours and labels the neighbourhood', () => {
    expect(nodeDecision('maliki', maliki, hover)).toMatchObject({ faded: false, highlighted: true, forceLabel: true });
    expect(nodeDecision('us', us, hover)).toMatchObject({ faded: false, highlighted: false, forceLabel: true });
    expect(nodeDecision('s1', stmt, hover)).toMatchObject({ faded: true, forceLabel: false });
  });
  it('a hidden node is never drawn faded or labelled', () => {
    const d = nodeDecision('s1', stmt, { ...hover, stances: ['support'] });
    expect(d).toMatchObject({ hidden: true, faded: false, forceLabel: false });
  });
  it('the selected node is highlighted without hover', () => {
    expect(nodeDecision('us', us, { ...none, selected: 'us' })).toMatchObject({ highlighted: true, forceLabel: true, faded: false });
  });
});

describe('edge decisions', () => {
  const visible = () => false;
  it('dated edges outside the range are hidden, undated ones stay', () => {
    const r = { ...none, range: { from: '2012-01', to: '2012-12' } };
    expect(edgeDecision({ kind: 'negotiates_with', dateFrom: '2011-10-01', dateTo: '2011-10-31' }, 'a', 'b', r, visible).hidden).toBe(true);
    expect(edgeDecision({ kind: 'negotiates_with', dateFrom: '2012-03-01', dateTo: '2012-03-01' }, 'a', 'b', r, visible).hidden).toBe(false);
    expect(edgeDecision({ kind: 'ABOUT' }, 'a', 'b', r, visible).hidden).toBe(false);
  });
  it('an edge whose end is hidden is hidden', () => {
    expect(edgeDecision({ kind: 'SAID' }, 'a', 'b', none, (n) => n === 'b').hidden).toBe(true);
  });
  it('stance and issue filters apply to edges carrying them', () => {
    const e = { kind: 'HOLDS_POSITION', stance: 'mixed', issue: 'us-troop-presence' };
    expect(edgeDecision(e, 'a', 'b', { ...none, stances: ['support'] }, visible).hidden).toBe(true);
    expect(edgeDecision(e, 'a', 'b', { ...none, issues: ['us-troop-presence'] }, visible).hidden).toBe(false);
    expect(edgeDecision(e, 'a', 'b', { ...none, issues: ['iran'] }, visible).hidden).toBe(true);
  });
  it('hover emphasises incident edges and fades the rest', () => {
    const s = { ...none, hovered: 'a', hoveredNeighbours: new Set(['b']) };
    expect(edgeDecision({ kind: 'SAID' }, 'a', 'b', s, visible)).toMatchObject({ emphasised: true, faded: false });
    expect(edgeDecision({ kind: 'SAID' }, 'c', 'b', s, visible)).toMatchObject({ emphasised: false, faded: true });
  });
});
