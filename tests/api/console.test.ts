/** POST /api/cypher over HTTP: results, refusals (store unchanged), timeouts, and no blocking of other routes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRecords } from './fixture.ts';
import { getJson, postJson, serveRecords, type TestServer } from './harness.ts';
import { OpenApiValidator } from './openapi-validator.ts';

let srv: TestServer;
let api: OpenApiValidator;

beforeAll(async () => {
  srv = await serveRecords(fixtureRecords(), { CLAIMGRAPH_CONSOLE_TIMEOUT_MS: 4000, CLAIMGRAPH_CONSOLE_MAX_ROWS: 3, CLAIMGRAPH_RATE_CONSOLE: 1000 });
  api = new OpenApiValidator((await getJson(srv.url, '/api/openapi.json')).body);
});
afterAll(async () => {
  await srv?.stop();
});

async function run(query: string, params: Record<string, unknown> = {}) {
  const r = await postJson(srv.url, '/api/cypher', { query, params });
  api.check('/api/cypher', 'post', r.status, r.headers.get('content-type'), r.body);
  return r;
}

const counts = async () => (await getJson(srv.url, '/api/health')).body.counts;

describe('POST /api/cypher', () => {
  it('runs a read query with parameters', async () => {
    const r = await run('MATCH (a:Actor) WHERE a.type = $t RETURN a.name AS name ORDER BY name', { t: 'person' });
    expect(r.status).toBe(200);
    expect(r.body.columns).toEqual(['name']);
    expect(r.body.rows).toEqual([['Barack Obama'], ['Mohammed Shia al-Sudani'], ['Nouri al-Maliki']]);
    expect(r.body.truncated).toBe(false);
  });

  it('caps rows at the configured maximum and says so', async () => {
    const r = await run('MATCH (s:Statement) RETURN s.id AS id');
    expect(r.status).toBe(200);
    expect(r.body.rows).toHaveLength(3);
    expect(r.body.truncated).toBe(true);
  });

  it.each([
    ['CREATE (:Actor {id: "x", name: "x", type: "person", aliases: [], description: null, affiliation: null})', 'CREATE'],
    ['MATCH (a:Actor) DETACH DELETE a', 'DELETE'],
    ['MATCH (a:Actor) SET a.name = "pwned"', 'SET'],
    ['MATCH (a:Actor) RETURN a; MATCH (b:Actor) DELETE b', ''],
    ['COPY Actor FROM "/etc/passwd"', 'COPY'],
    ['MERGE (a:Actor {id: "pwned"})', 'MERGE'],
    ['MATCH (a:Actor) REMOVE a.name', 'REMOVE'],
    ['DROP TABLE Actor', 'DROP'],
  ])('refuses %s with a 400 problem and leaves the store unchanged', async (query, clause) => {
    const before = await counts();
    const r = await run(query);
    expect(r.status).toBe(400);
    expect(r.body.title).toBe('Query refused');
    if (clause) expect(r.body.detail.toUpperCase()).toContain(clause);
    expect(await counts()).toEqual(before);
    expect((await getJson(srv.url, '/api/actors?q=pwned')).body.actors).toEqual([]);
  });

  it('answers 400 for a syntactically wrong read query', async () => {
    const r = await run('MATCH (a:Actor RETURN a');
    expect(r.status).toBe(400);
  });

  it('stops a slow query with 408, without blocking /api/health meanwhile', async () => {
    const order: string[] = [];
    // 10¹⁰ multiplications: far beyond the 4 s limit on any machine (9·10⁸ finished inside it on a quiet one)
    const slow = run('UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN sum(x * y) AS s').then((r) => {
      order.push('console');
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const h = await getJson(srv.url, '/api/health');
    order.push('health');
    expect(h.status).toBe(200);
    const r = await slow;
    expect(order).toEqual(['health', 'console']);
    expect(r.status).toBe(408);
    expect(r.body.title).toBe('Query timed out');
    // the console still works afterwards
    const after = await run('MATCH (a:Actor) RETURN count(a) AS n');
    expect(after.body, JSON.stringify(after.body)).toMatchObject({ rows: [[5]] });
  });
});
