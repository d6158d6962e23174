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
  ['actorById', Q.actorById('nouri-al-maliki')],
  ['actorRelations (standing out)', Q.actorRelations('nouri-al-maliki', { direction: 'out', kinds: 'standing', limit: 200 })],
  ['actorRelations (other out)', Q.actorRelations('nouri-al-maliki', { direction: 'out', kinds: 'other', limit: 200 })],
  ['actorRelations (all in)', Q.actorRelations('nouri-al-maliki', { direction: 'in', kinds: 'all', limit: 200 })],
  ['actorPositions', Q.actorPositions('nouri-al-maliki', 200)],
  ['statementIssues', Q.statementIssues(['s1', 's2'])],
  ['listStatements (all filters)', Q.listStatements({ speaker: 'a', issue: 'i', article: 'ar', kind: 'direct', from: '2011', to: '2012-02', limit: 5, offset: 10 })],
  ['listStatements (none)', Q.listStatements({ limit: 100, offset: 0 })],
  ['countStatements', Q.countStatements({ speaker: 'a', from: '2011-10-22' })],
  ['listIssues', Q.listIssues()],
  ['timeline', Q.timeline()],
  ['articleById', Q.articleById('abc')],
  ['articleSpans', Q.articleSpans('abc')],
  ['graphActorStatementCounts', Q.graphActorStatementCounts({ from: '2011', types: ['person'], issues: ['us-troop-presence'], stances: ['oppose'] })],
  ['graphRelations', Q.graphRelations({ to: '2012', types: ['person', 'country'], actor: 'a' })],
  ['graphAllActors', Q.graphAllActors({ types: ['group'] })],
  ['graphStatements', Q.graphStatements({ from: '2011-10', actor: 'a' })],
  ['graphAbout', Q.graphAbout({ issues: ['i'], stances: ['support'] })],
  ['graphPositions', Q.graphPositions({ from: '2020', positionStances: ['support'] })],
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
      Q.articleById(HOSTILE),
      Q.articleSpans(HOSTILE),
      Q.graphRelations({ actor: HOSTILE, types: [HOSTILE] }),
      Q.graphStatements({ actor: HOSTILE, issues: [HOSTILE], stances: [HOSTILE] }),
      Q.graphPositions({ actor: HOSTILE, issues: [HOSTILE], positionStances: [HOSTILE] }),
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
