/**
 * Query text + params snapshots for every named read query (after @neo4j/cypher-builder's tests),
 * plus the properties the house rules require of them: values only as parameters, labelled patterns.
 */
import { describe, expect, it } from 'vitest';
import * as Q from '../../cypher/queries.ts';
import type { CypherQuery } from '../../cypher/store.ts';

const HOSTILE = "x' OR 1=1 //`) DETACH DELETE n";

const cases: [string, CypherQuery][] = [
  ['searchActors (no filter)', Q.searchActors({ limit: 50 })],
  ['searchActors (q + type)', Q.searchActors({ q: '  Maliki ', type: 'person', limit: 10 })],
  ['searchActors (after a cursor)', Q.searchActors({ q: 'mal', limit: 10, after: [1, 3, 'Maliki', 'nouri-al-maliki'] })],
  ['actorById', Q.actorById('nouri-al-maliki')],
  ['actorRelations (standing out)', Q.actorRelations('nouri-al-maliki', { direction: 'out', kinds: 'standing', limit: 200 })],
  ['actorRelations (other out)', Q.actorRelations('nouri-al-maliki', { direction: 'out', kinds: 'other', limit: 200 })],
  ['actorRelations (all in, after a cursor)', Q.actorRelations('nouri-al-maliki', { direction: 'in', kinds: 'all', limit: 200, after: ['2011-10-22', 'attacks', 'x', 'a1'] })],
  ['actorPositions', Q.actorPositions('nouri-al-maliki', 200)],
  ['actorPositions (after a cursor)', Q.actorPositions('nouri-al-maliki', 200, ['2011-10-22', 'i', 'a1'])],
  ['statementIssues', Q.statementIssues(['s1', 's2'])],
  ['listStatements (all filters)', Q.listStatements({ speaker: 'a', issue: 'i', article: 'ar', kind: 'direct', from: '2011', to: '2012-02', limit: 5, offset: 10 })],
  ['listStatements (none)', Q.listStatements({ limit: 100, offset: 0 })],
  ['listStatements (speaker, after a cursor)', Q.listStatements({ speaker: 'a', limit: 100, after: ['2011-10-22', '2011-10-22', 's1'] })],
  ['listStatements (facets)', Q.listStatements({ types: ['person'], issues: ['i'], stances: ['oppose'], limit: 100 })],
  ['countStatements', Q.countStatements({ speaker: 'a', from: '2011-10-22' })],
  ['listSpeakerStatementIds', Q.listSpeakerStatementIds({ speaker: 'a', from: '2011', limit: 201 })],
  ['listSpeakerStatementIds (after a cursor)', Q.listSpeakerStatementIds({ speaker: 'a', limit: 101, after: ['2011-10-22', '2011-10-22', 's1'] })],
  ['listSpeakerStatementIds (offset)', Q.listSpeakerStatementIds({ speaker: 'a', limit: 101, offset: 100 })],
  ['countSpeakerStatements', Q.countSpeakerStatements({ speaker: 'a', to: '2012' })],
  ['statementsById', Q.statementsById(['s1', 's2'])],
  ['articleHeadsById', Q.articleHeadsById(['ar1'])],
  ['listIssues', Q.listIssues(500)],
  ['listIssues (after a cursor)', Q.listIssues(500, [3, 'immunity'])],
  ['timeline', Q.timeline(10000)],
  ['timeline (after a cursor)', Q.timeline(10000, ['2011-10-22', 's1'])],
  ['articleById', Q.articleById('abc')],
  ['articleSpans', Q.articleSpans('abc', 5000)],
  ['graphRankedActors (unfiltered)', Q.graphRankedActors({}, { limit: 5001, all: true, speakersOnly: false })],
  ['graphRankedActors (window, types, issues)', Q.graphRankedActors({ from: '2011', types: ['person'], issues: ['us-troop-presence'], stances: ['oppose'] }, { limit: 11, all: false, speakersOnly: true })],
  ['graphRankedActorCount', Q.graphRankedActorCount({ to: '2012' }, { all: false, speakersOnly: false })],
  ['graphRelationsAmong', Q.graphRelationsAmong({ to: '2012', types: ['person', 'country'] }, ['a', 'b'], 20000)],
  ['graphRelationCount', Q.graphRelationCount({ from: '2011', types: ['person'] })],
  ['graphRelationGroupsAmong', Q.graphRelationGroupsAmong({ from: '2011' }, ['a', 'b'], 20000)],
  ['graphActorRelationGroups (in)', Q.graphActorRelationGroups({ actor: 'a', types: ['person'] }, 'in', 20000)],
  ['graphActorRelationCount (out)', Q.graphActorRelationCount({ actor: 'a', to: '2012' }, 'out')],
  ['graphActorRelations (out)', Q.graphActorRelations({ actor: 'a', from: '2011' }, 'out', 20000)],
  ['graphActorRelations (in)', Q.graphActorRelations({ actor: 'a', types: ['person'] }, 'in', 20000)],
  ['graphStatementCountsOf', Q.graphStatementCountsOf({ from: '2011', types: ['person'], issues: ['us-troop-presence'], stances: ['oppose'] }, ['a', 'b'])],
  ['graphStatementCountsOf (SAID only)', Q.graphStatementCountsOf({ from: '2011', types: ['person'] }, ['a', 'b'])],
  ['graphActorsById', Q.graphActorsById(['a', 'b'])],
  ['graphStatements', Q.graphStatements({ from: '2011-10', actor: 'a' }, 5000)],
  ['graphStatementCount', Q.graphStatementCount({ from: '2011-10', issues: ['i'] })],
  ['graphAbout', Q.graphAbout({ issues: ['i'], stances: ['support'] }, ['s1', 's2'])],
  ['graphPositions', Q.graphPositions({ from: '2020', positionStances: ['support'] }, 20000)],
  ['statementFacets', Q.statementFacets(50000, ['2011-10-22', 's1'])],
  ['officeTenures', Q.officeTenures(10000, ['2011-10-22', 'a', 'b', 'a1'])],
  ['speaksForLinks', Q.speaksForLinks(10000)],
  ['personForms', Q.personForms(10000, 'a')],
  ['storeVersion', Q.storeVersion()],
];

describe('named read queries', () => {
  it.each(cases)('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('never puts a value into the query text', () => {
    const all = [
      Q.searchActors({ q: HOSTILE, type: HOSTILE, limit: 1 }),
      Q.actorById(HOSTILE),
      Q.actorRelations(HOSTILE, { direction: 'in', kinds: 'all', limit: 1 }),
      Q.actorPositions(HOSTILE, 1),
      Q.statementIssues([HOSTILE]),
      Q.listStatements({ speaker: HOSTILE, issue: HOSTILE, article: HOSTILE, kind: HOSTILE, limit: 1, offset: 0 }),
      Q.listStatements({ limit: 1, after: [HOSTILE, HOSTILE, HOSTILE] }),
      Q.searchActors({ limit: 1, after: [0, 0, HOSTILE, HOSTILE] }),
      Q.timeline(1, [HOSTILE, HOSTILE]),
      Q.articleById(HOSTILE),
      Q.articleSpans(HOSTILE, 1),
      Q.graphActorRelations({ actor: HOSTILE, types: [HOSTILE] }, 'in', 1),
      Q.graphRelationsAmong({ types: [HOSTILE] }, [HOSTILE], 1),
      Q.graphStatementCountsOf({ issues: [HOSTILE] }, [HOSTILE]),
      Q.graphStatements({ actor: HOSTILE, issues: [HOSTILE], stances: [HOSTILE] }, 1),
      Q.graphPositions({ actor: HOSTILE, issues: [HOSTILE], positionStances: [HOSTILE] }, 1),
      Q.personForms(1, HOSTILE),
      Q.listSpeakerStatementIds({ speaker: HOSTILE, from: '2011', limit: 1, after: [HOSTILE, HOSTILE, HOSTILE] }),
      Q.countSpeakerStatements({ speaker: HOSTILE }),
      Q.statementsById([HOSTILE]),
      Q.articleHeadsById([HOSTILE]),
    ];
    for (const q of all) {
      expect(q.text).not.toContain('1=1');
      expect(q.text).not.toContain('DELETE');
      expect(JSON.stringify(q.params)).toContain('1=1');
    }
  });

  it('labels every node pattern it matches', () => {
    for (const [, q] of cases) {
      // A bare "(x)" is only allowed for a variable bound earlier in the same query.
      const introduced = new Set<string>();
      for (const m of q.text.matchAll(/\((\w+):\w+/g)) introduced.add(m[1] as string);
      // node patterns only: a parenthesised variable next to a relationship arrow or after MATCH
      for (const m of q.text.matchAll(/(?:MATCH\s+|[->]\s*)\((\w+)\)|\((\w+)\)(?=\s*[-<])/g)) {
        const v = (m[1] ?? m[2]) as string;
        expect(introduced.has(v), `unlabelled (${v}) in\n${q.text}`).toBe(true);
      }
    }
  });

  it('bounds every list in Cypher: a LIMIT parameter, and no SKIP unless an old client asks for an offset', () => {
    // one row per key, or a count, or as many rows as the ids given (a page's worth): no LIMIT needed
    const notLists = /^(actorById|articleById|statementIssues|statementsById|articleHeadsById|countSpeakerStatements|countStatements|graphRankedActorCount|graphRelationCount|graphActorRelationCount|graphStatementCountsOf|graphActorsById|graphStatementCount|graphAbout|storeVersion)\b/;
    for (const [name, q] of cases) {
      if (notLists.test(name)) {
        // the id-bounded ones start from the ids' primary keys
        if (/UNWIND \$ids/.test(q.text)) expect(q.text, name).toMatch(/UNWIND \$ids AS \w+\nMATCH \(\w+:\w+ \{id: \w+\}\)/);
        continue;
      }
      expect(q.text, name).toMatch(/\n(SKIP \$offset )?LIMIT \$limit$/);
      expect(typeof q.params.limit, name).toBe('number');
      if (!name.includes('all filters') && !name.includes('(offset)')) expect(q.text, name).not.toContain('SKIP');
    }
  });

  it('turns a cursor into a keyset condition on the ORDER BY key, as parameters', () => {
    const q = Q.listStatements({ limit: 10, after: ['2011-10-22', '2011-10-23', 's1'] });
    expect(q.text).toContain('(s.dateFrom < $after0 OR (s.dateFrom = $after0 AND (s.dateTo < $after1 OR (s.dateTo = $after1 AND s.id > $after2))))');
    expect(q.params).toMatchObject({ after0: '2011-10-22', after1: '2011-10-23', after2: 's1', limit: 10 });
    const t = Q.timeline(5, ['2011-01-01', 'x']);
    expect(t.text).toContain('(s.dateFrom > $after0 OR (s.dateFrom = $after0 AND s.id > $after1))');
  });

  it('starts one-actor queries from the actor\'s primary key', () => {
    for (const q of [
      Q.actorById('a'),
      Q.actorRelations('a', { direction: 'in', kinds: 'all', limit: 1 }),
      Q.actorPositions('a', 1),
      Q.listStatements({ speaker: 'a', limit: 1 }),
      Q.countStatements({ speaker: 'a' }),
      Q.listSpeakerStatementIds({ speaker: 'a', limit: 1 }),
      Q.countSpeakerStatements({ speaker: 'a' }),
      Q.graphStatements({ actor: 'a' }, 1),
      Q.graphPositions({ actor: 'a' }, 1),
    ]) {
      expect(q.text).toMatch(/^MATCH \((a|sp):Actor \{id: \$(id|speaker|actor)\}\)/);
    }
    expect(Q.graphActorRelations({ actor: 'a' }, 'out', 1).text).toMatch(/^MATCH \(a:Actor \{id: \$actor\}\)-\[r:RELATES\]->/);
    expect(Q.graphActorRelations({ actor: 'a' }, 'in', 1).text).toMatch(/^MATCH \(a:Actor\)-\[r:RELATES\]->\(b:Actor \{id: \$actor\}\)/);
  });

  it('pages a speaker on the SAID relationships alone: keyset and window on r, no Statement column read', () => {
    const q = Q.listSpeakerStatementIds({ speaker: 'a', from: '2011', to: '2011', limit: 10, after: ['2011-10-22', '2011-10-23', 's1'] });
    expect(q.text).toContain('(r.dateFrom < $after0 OR (r.dateFrom = $after0 AND (r.dateTo < $after1 OR (r.dateTo = $after1 AND r.statementId > $after2))))');
    expect(q.text).toContain('r.dateTo >= $from AND r.dateFrom <= $to');
    expect(q.text).toMatch(/ORDER BY r\.dateFrom DESC, r\.dateTo DESC, id\n/);
    expect(q.text).not.toMatch(/\bs\.\w+/);
    expect(q.params).toMatchObject({ speaker: 'a', from: '2011-01-01', to: '2011-12-31', after0: '2011-10-22', after1: '2011-10-23', after2: 's1', limit: 10 });
  });

  it('sends only a speaker and a date window down the SAID-only path', () => {
    expect(Q.speakerOnly({ speaker: 'a' })).toBe(true);
    expect(Q.speakerOnly({ speaker: 'a', from: '2011', to: '2012' })).toBe(true);
    expect(Q.speakerOnly({})).toBe(false);
    for (const extra of [{ kind: 'direct' }, { issue: 'i' }, { article: 'x' }, { types: ['person'] }, { issues: ['i'] }, { stances: ['oppose'] }]) {
      expect(Q.speakerOnly({ speaker: 'a', ...extra }), JSON.stringify(extra)).toBe(false);
    }
    expect(Q.speakerOnly({ speaker: 'a', types: [], issues: [], stances: [] })).toBe(true);
  });

  it('orders engine node ids by their place in storage (LadybugDB offsets, Neo4j integers)', () => {
    const ladybug = [{ table: 2, offset: 900 }, { table: 2, offset: 7 }, { table: 2, offset: 64 }];
    expect([...ladybug].sort((a, b) => Q.storageOrder(a) - Q.storageOrder(b)).map((n) => n.offset)).toEqual([7, 64, 900]);
    expect([12, 3, 7].sort((a, b) => Q.storageOrder(a) - Q.storageOrder(b))).toEqual([3, 7, 12]);
    expect(Q.storageOrder(5n)).toBe(5);
  });

  it('expands partial dates to day ranges', () => {
    expect(Q.dayRange('2012')).toEqual({ first: '2012-01-01', last: '2012-12-31' });
    expect(Q.dayRange('2012-02')).toEqual({ first: '2012-02-01', last: '2012-02-29' });
    expect(Q.dayRange('2011-02')).toEqual({ first: '2011-02-01', last: '2011-02-28' });
    expect(Q.dayRange('2011-10-22')).toEqual({ first: '2011-10-22', last: '2011-10-22' });
  });

  it('lowercases and trims the actor search term', () => {
    expect(Q.searchActors({ q: '  MaLiKi ', limit: 3 }).params).toEqual({ q: 'maliki', limit: 3 });
  });
});
