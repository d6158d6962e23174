import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, type AppState } from '../../client/src/state/app-state.ts';
import { decodeState, encodeState, isHistoryWorthy, sameState } from '../../client/src/state/url-state.ts';

const full: AppState = {
  view: 'claims',
  tab: 'console',
  actor: 'nouri-al-maliki',
  range: { from: '2011-01', to: '2012-06' },
  types: ['person', 'country'],
  issues: ['us-troop-presence'],
  stances: ['oppose'],
  pair: ['iraq', 'united-states'],
  sizeBy: 'statements',
  speaksAbout: false,
  isolated: true,
  group: 'office',
  changesBy: 'office',
  query: "MATCH (a:Actor {id: 'x'}) RETURN a.name, 'a & b = c?'",
};

describe('url state', () => {
  it('round-trips every field, including a query with reserved characters', () => {
    const search = encodeState(full);
    expect(search.startsWith('?')).toBe(true);
    expect(decodeState(search)).toEqual(full);
  });

  it('encodes the default state as an empty string and decodes "" to the default', () => {
    expect(encodeState(DEFAULT_STATE)).toBe('');
    expect(decodeState('')).toEqual(DEFAULT_STATE);
  });

  it('drops unknown or malformed values instead of failing', () => {
    const s = decodeState('?view=bogus&tab=nope&actor=%3Cscript%3E&from=2011-13&to=2012-01&types=person,alien,person&stances=support,maybe');
    expect(s.view).toBe('actors');
    expect(s.tab).toBe('graph');
    expect(s.actor).toBeNull();
    expect(s.range).toBeNull();
    expect(s.types).toEqual(['person']);
    expect(s.stances).toEqual(['support']);
  });

  it('every tab and toggle has its own link', () => {
    for (const tab of ['graph', 'timeline', 'changes', 'console'] as const) expect(decodeState(encodeState({ ...DEFAULT_STATE, tab })).tab).toBe(tab);
    expect(decodeState('?speaks=0&isolated=1&size=statements')).toMatchObject({ speaksAbout: false, isolated: true, sizeBy: 'statements' });
    // a pair needs two distinct valid ids
    expect(decodeState('?pair=iraq~iraq').pair).toBeNull();
    expect(decodeState('?pair=iraq').pair).toBeNull();
    expect(decodeState('?pair=iraq~united-states').pair).toEqual(['iraq', 'united-states']);
  });

  it('orders a reversed range', () => {
    expect(decodeState('?from=2015-05&to=2010-02').range).toEqual({ from: '2010-02', to: '2015-05' });
  });

  it('a range needs both ends', () => {
    expect(decodeState('?from=2015-05').range).toBeNull();
  });

  it('discrete changes make history entries, range changes replace the entry', () => {
    expect(isHistoryWorthy(full, { ...full, actor: 'haider-al-abadi' })).toBe(true);
    expect(isHistoryWorthy(full, { ...full, stances: [] })).toBe(true);
    expect(isHistoryWorthy(full, { ...full, range: { from: '2011-02', to: '2012-06' } })).toBe(false);
    expect(isHistoryWorthy(full, { ...full, query: 'RETURN 1' })).toBe(false);
  });

  it('sameState compares by encoded form', () => {
    expect(sameState(full, decodeState(encodeState(full)))).toBe(true);
    expect(sameState(full, { ...full, issues: [] })).toBe(false);
  });
});
