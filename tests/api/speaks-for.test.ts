/**
 * speaks_for on the sample corpus, end to end: ingest stores the relation, the README's example
 * queries follow it and return every prime minister who spoke on US troops (the proxy statements
 * included), and the explorer's views read the stored relation. Responses are checked against the
 * OpenAPI description.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, ROOT, serveCorpus, type TestServer } from './harness.ts';
import { OpenApiValidator } from './openapi-validator.ts';

let srv: TestServer;
let api: OpenApiValidator;

beforeAll(async () => {
  srv = await serveCorpus();
  api = new OpenApiValidator((await getJson(srv.url, '/api/openapi.json')).body);
}, 120_000);
afterAll(async () => {
  await srv?.stop();
});

/** The README's Cypher blocks that answer the prime-minister question (read from the README itself). */
function readmePrimeMinisterQueries(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('What did each Iraqi prime minister say about US troops');
  const end = readme.indexOf('Whose stance on an issue changed?', start);
  expect(start).toBeGreaterThan(0);
  return [...readme.slice(start, end).matchAll(/```cypher\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
}

describe('speaks_for on the sample corpus', () => {
  it('is stored as RELATES {kind: speaks_for}, proxy → person, dated and with evidence', async () => {
    const r = await postJson(srv.url, '/api/cypher', {
      query: "MATCH (x:Actor)-[f:RELATES {kind: 'speaks_for'}]->(p:Actor) RETURN x.name AS proxy, p.id AS person, f.title AS title, f.date AS date, f.evidence AS evidence ORDER BY date",
    });
    expect(r.status).toBe(200);
    const rows = r.body.rows as string[][];
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const [proxy, person, , date, evidence] of rows) {
      expect(proxy).toBeTruthy();
      expect(person).toBeTruthy();
      expect(date).toMatch(/^\d{4}/);
      expect(evidence!.length).toBeGreaterThan(0);
    }
  });

  it('both README queries return statements of more than one prime minister, proxies included', async () => {
    const queries = readmePrimeMinisterQueries();
    expect(queries).toHaveLength(2);
    for (const query of queries) {
      expect(query).toContain('speaks_for');
      const r = await postJson(srv.url, '/api/cypher', { query });
      expect(r.status, query).toBe(200);
      api.check('/api/cypher', 'post', r.status, r.headers.get('content-type'), r.body);
      const cols: string[] = r.body.columns;
      const rows: unknown[][] = r.body.rows;
      const person = cols.indexOf('person');
      const speaker = cols.indexOf('speaker');
      const date = cols.indexOf('date');
      const persons = new Set(rows.map((x) => x[person]));
      expect(persons.size, JSON.stringify(rows)).toBeGreaterThan(1);
      // at least one row reached its prime minister through a proxy speaker
      expect(rows.some((x) => x[person] !== x[speaker])).toBe(true);
      // in date order
      const dates = rows.map((x) => String(x[date]));
      expect([...dates].sort()).toEqual(dates);
    }
  });

  it('without following speaks_for the same question loses the proxies’ statements', async () => {
    const r = await postJson(srv.url, '/api/cypher', {
      query:
        "MATCH (p:Actor)-[:SAID]->(s:Statement)-[:ABOUT]->(:Issue {id: 'us-troop-presence'}) WHERE p.description CONTAINS 'Prime Minister of Iraq' RETURN count(s) AS n",
    });
    const withProxies = await postJson(srv.url, '/api/cypher', { query: readmePrimeMinisterQueries()[0]! });
    expect(Number(r.body.rows[0][0])).toBeLessThan(withProxies.body.rows.length);
  });

  it('the views roll proxy statements up to the person from the stored relation', async () => {
    const r = await getJson(srv.url, '/api/views/statements?issues=us-troop-presence&limit=500');
    expect(r.status).toBe(200);
    api.check('/api/views/statements', 'get', r.status, r.headers.get('content-type'), r.body);
    const proxied = (r.body.statements as { speaker: { type: string }; speaksFor: { id: string; via: string; office: string | null } | null }[]).filter(
      (s) => s.speaker.type !== 'person' && s.speaksFor,
    );
    expect(proxied.length).toBeGreaterThan(0);
    for (const s of proxied) expect(['name', 'office']).toContain(s.speaksFor!.via);
    const facets = await getJson(srv.url, '/api/views/facets');
    api.check('/api/views/facets', 'get', facets.status, facets.headers.get('content-type'), facets.body);
    const version = await getJson(srv.url, '/api/version');
    api.check('/api/version', 'get', version.status, version.headers.get('content-type'), version.body);
    expect(version.body.articles).toBe(5);
    const changes = await getJson(srv.url, '/api/views/stance-changes?by=office');
    api.check('/api/views/stance-changes', 'get', changes.status, changes.headers.get('content-type'), changes.body);
  });

  it('the OpenAPI description of the views rejects bodies that break it', () => {
    expect(() => api.check('/api/version', 'get', 200, 'application/json', { version: 3 })).toThrow(/version/);
    expect(() => api.check('/api/views/facets', 'get', 200, 'application/json', { statements: [{ id: 's' }] })).toThrow();
    expect(() => api.check('/api/views/stance-changes', 'get', 200, 'application/json', { changes: [{ flip: 'yes' }] })).toThrow();
  });
});
