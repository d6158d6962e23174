import { describe, expect, it } from 'vitest';
import { ident, ladybugDdl, neo4jDdl } from '../../cypher/ddl.ts';
import { LADYBUG_SWEEP_QUERIES, LADYBUG_WRITE_QUERIES, columnarStatement } from '../../cypher/ladybug/store.ts';
import { NEO4J_SWEEP_QUERIES, NEO4J_WRITE_QUERIES } from '../../cypher/neo4j/store.ts';
import { NODE_LABELS, NODE_TABLES, REL_TABLES, REL_TYPES, endpointIdProps } from '../../cypher/schema.ts';

describe('DDL derived from schema.ts', () => {
  it('LadybugDB DDL (snapshot)', () => {
    expect(ladybugDdl().join(';\n')).toMatchSnapshot();
  });

  it('Neo4j constraints and indexes (snapshot)', () => {
    expect(neo4jDdl().join(';\n')).toMatchSnapshot();
  });

  it('every schema table and property appears in the LadybugDB DDL, with its type', () => {
    const ddl = ladybugDdl();
    for (const label of NODE_LABELS) {
      const stmt = ddl.find((s) => s.startsWith(`CREATE NODE TABLE IF NOT EXISTS ${ident(label)}(`));
      expect(stmt, label).toBeDefined();
      for (const [prop, def] of Object.entries(NODE_TABLES[label].props)) expect(stmt).toContain(`${ident(prop)} ${def.cypher}`);
      expect(stmt).toContain('PRIMARY KEY(`id`)');
    }
    for (const type of REL_TYPES) {
      const def = REL_TABLES[type];
      const stmt = ddl.find((s) => s.startsWith(`CREATE REL TABLE IF NOT EXISTS ${ident(type)}(`));
      expect(stmt, type).toContain(`FROM ${ident(def.from)} TO ${ident(def.to)}`);
      for (const [prop, p] of Object.entries(def.props)) expect(stmt).toContain(`${ident(prop)} ${p.cypher}`);
    }
  });

  it('every schema property is written by both stores (no hand-kept property lists)', () => {
    for (const label of NODE_LABELS) {
      const key = label.toLowerCase() as 'article' | 'actor' | 'issue' | 'statement';
      for (const prop of Object.keys(NODE_TABLES[label].props)) {
        // LadybugDB: columnar parameters, one per property (Article.complete is the constant false).
        if (!(label === 'Article' && prop === 'complete')) expect(LADYBUG_WRITE_QUERIES[key].fields, `${label}.${prop}`).toContain(prop);
        expect(NEO4J_WRITE_QUERIES[key], `${label}.${prop}`).toContain(`.${ident(prop)}`);
      }
    }
    for (const type of REL_TYPES) {
      // endpoint-id properties (ENDPOINT_ID_PROPS) are filled from the matched end, never taken from a row
      const fromEnd = new Map(endpointIdProps(type));
      const rowProps = Object.keys(REL_TABLES[type].props).filter((p) => !fromEnd.has(p));
      expect(LADYBUG_WRITE_QUERIES.rels[type].fields).toEqual(['from', 'to', ...rowProps]);
      for (const prop of rowProps) {
        expect(NEO4J_WRITE_QUERIES.rels[type], `${type}.${prop}`).toContain(`x.${ident(prop)} = r.${ident(prop)}`);
      }
      for (const [prop, end] of fromEnd) {
        const endVar = end === 'from' ? 'a' : 'b';
        // LadybugDB's COPY returns the end's id column once more, as the derived property's value
        expect(LADYBUG_WRITE_QUERIES.rels[type].text, `${type}.${prop}`).toMatch(new RegExp(`, c${end === 'from' ? 0 : 1}\\[i\\]\\)$`));
        expect(NEO4J_WRITE_QUERIES.rels[type], `${type}.${prop}`).toContain(`x.${ident(prop)} = ${endVar}.\`id\``);
      }
      // Every relationship carries articleId, which the crash sweep relies on.
      expect(Object.keys(REL_TABLES[type].props)).toContain('articleId');
      expect(LADYBUG_SWEEP_QUERIES.rels[type]).toContain('$ids');
      expect(NEO4J_SWEEP_QUERIES.rels[type]).toContain('$ids');
    }
  });

  it('Neo4j: a unique constraint per label and the server-side filter indexes', () => {
    const ddl = neo4jDdl();
    for (const label of NODE_LABELS) {
      expect(ddl).toContain(`CREATE CONSTRAINT ${ident(`${label}_id_unique`)} IF NOT EXISTS FOR (n:${ident(label)}) REQUIRE n.\`id\` IS UNIQUE`);
    }
    for (const prop of ['dateFrom', 'speakerId', 'articleId']) {
      expect(ddl.some((s) => s.includes('(n:`Statement`)') && s.includes(`ON (n.${ident(prop)})`))).toBe(true);
    }
  });

  it('quotes identifiers, doubling backticks', () => {
    expect(ident('end')).toBe('`end`');
    expect(ident('a`b')).toBe('`a``b`');
  });

  it('LadybugDB write statements (snapshot), and the typed constants used for columns with no value', () => {
    const { article, actor, issue, statement, rels, markComplete } = LADYBUG_WRITE_QUERIES;
    const { small } = LADYBUG_WRITE_QUERIES;
    const texts = [article, actor, issue, statement, ...REL_TYPES.map((t) => rels[t])].map((q) => q.text);
    const smallTexts = REL_TYPES.map((t) => small.rels[t]);
    expect([...texts, markComplete, ...smallTexts].join(';\n')).toMatchSnapshot();
    const r = columnarStatement(rels.RELATES, [{ from: 'a', to: 'b', title: null, evidence: 'e', start: 1, end: 2, kind: 'attacks' }]);
    expect(r.text).toContain('CAST(NULL AS STRING)');
    expect(Object.keys(r.params)).not.toContain(`c${rels.RELATES.fields.indexOf('title')}`);
    const m = columnarStatement(rels.MENTIONS, [{ from: 'a', to: 'b', forms: [], count: 1, articleId: 'x' }]);
    expect(m.text).toContain('CAST([] AS STRING[])');
    expect(m.params.c0).toEqual(['a']);
  });

  it('write queries carry values only as parameters', () => {
    // Every query text in both stores' query tables, however nested.
    const texts = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : v && typeof v === 'object' ? ('text' in v ? [(v as { text: string }).text] : Object.values(v).flatMap(texts)) : [];
    const all = [...texts(LADYBUG_WRITE_QUERIES), ...texts(NEO4J_WRITE_QUERIES)];
    expect(all.length).toBeGreaterThan(20);
    for (const q of all) {
      expect(q).toMatch(/\$(rows|ids|c0)\b/);
      // No quoted literal anywhere: every value comes from $rows / $ids.
      expect(q).not.toMatch(/'[^']*'|"[^"]*"/);
    }
  });
});
