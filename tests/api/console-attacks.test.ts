/**
 * POST /api/cypher attacked over HTTP: the known bypasses and their variants, file functions,
 * engine crashes, memory bombs, deep params and a flooding client. After each attack the store's
 * counts are unchanged, no response carries the canary planted next to the data, and no message
 * names a server path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRecords } from './fixture.ts';
import { getJson, postJson, ROOT, serveRecords, type TestServer } from './harness.ts';

let srv: TestServer;
const SECRET = `API-CANARY-${process.pid}`;
const secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-api-secret-'));
const canary = path.join(secretDir, 'passwd');

beforeAll(async () => {
  fs.chmodSync(secretDir, 0o755);
  fs.writeFileSync(canary, `root:x:0:0:${SECRET}:/root:/bin/sh\n`, { mode: 0o644 });
  srv = await serveRecords(fixtureRecords(), {
    CLAIMGRAPH_CONSOLE_TIMEOUT_MS: 4000,
    CLAIMGRAPH_RATE_CONSOLE: 100_000,
    CLAIMGRAPH_CONSOLE_QUEUE_MS: 400,
  });
});
afterAll(async () => {
  await srv?.stop();
  fs.rmSync(secretDir, { recursive: true, force: true });
});

const counts = async () => (await getJson(srv.url, '/api/health')).body.counts;

const DEEP = Symbol('10,000 levels');

// [name, query, params, expected status, detail pattern]
const ATTACKS: [string, string, Record<string, unknown>, number, RegExp][] = [
  ['LIMIT 1LOAD (number glued to a clause)', `UNWIND [1] AS x WITH x LIMIT 1LOAD FROM "${canary}" (header=false, delim=":", file_format="csv") RETURN *`, {}, 400, /put a space between "1" and "LOAD"/],
  ['LIMIT $1LOAD (parameter glued to a clause)', `UNWIND [1] AS x WITH x LIMIT $1LOAD FROM "${canary}" (header=false, delim=":", file_format="csv") RETURN *`, { 1: 1 }, 400, /put a space between "\$1" and "LOAD"/],
  ['WHERE x = 1LOAD', `UNWIND [1] AS x WITH x WHERE x = 1LOAD FROM '${canary}' RETURN *`, {}, 400, /put a space/],
  ['1CALL `read_csv_serial`', `MATCH (a) WITH a LIMIT 1CALL \`read_csv_serial\`('${canary}') RETURN *`, {}, 400, /put a space/],
  ['CALL `read_csv_serial` (quoted table function)', `MATCH (a) WITH a LIMIT 1 CALL \`read_csv_serial\`('${canary}') RETURN *`, {}, 400, /CALL of a procedure is not allowed/],
  ['table function as an expression', `RETURN \`READ_CSV_PARALLEL\`('${canary}')`, {}, 400, /function `READ_CSV_PARALLEL`\(\) is not allowed/],
  ['current_setting', "RETURN current_setting('home_directory')", {}, 400, /function current_setting\(\) is not allowed/],
  ['LOAD after a no-break space', `UNWIND [1] AS x WITH x LIMIT 1\u00a0LOAD FROM "${canary}" RETURN *`, {}, 400, /LOAD FROM is not allowed/],
  ['LOAD after an ideographic space', `UNWIND [1] AS x WITH x LIMIT 1\u3000LOAD FROM "${canary}" RETURN *`, {}, 400, /LOAD FROM is not allowed/],
  ['LOAD after U+2028', `UNWIND [1] AS x WITH x LIMIT 1\u2028LOAD FROM "${canary}" RETURN *`, {}, 400, /LOAD FROM is not allowed/],
  ['LOAD after U+0085 (not a space for the engine)', `UNWIND [1] AS x WITH x LIMIT 1\u0085LOAD FROM "${canary}" RETURN *`, {}, 400, /U\+0085/],
  ['LOAD after a comment', `UNWIND [1] AS x WITH x LIMIT 1/**/LOAD FROM "${canary}" RETURN *`, {}, 400, /LOAD FROM is not allowed/],
  ['LOAD after a CR-terminated line comment', `UNWIND [1] AS x WITH x LIMIT 1 //\rLOAD FROM "${canary}" RETURN *`, {}, 400, /must end with a line break/],
  ['LOAD WITH HEADERS', `LOAD WITH HEADERS (a STRING) FROM "${canary}" RETURN *`, {}, 400, /LOAD is not allowed/],
  ['COPY TO', `COPY (MATCH (a:Actor) RETURN a.id) TO '${path.join(secretDir, 'leak.csv')}'`, {}, 400, /COPY is not allowed/],
  ['params nested 10,000 levels', 'RETURN $p AS p', { p: DEEP }, 400, /nested deeper than 32 levels/],
  ['engine crash (LadybugDB 0.19.1 segfault)', 'MATCH (a:Actor)-[r]->(b) RETURN a.id, count(DISTINCT b), collect(r)', {}, 400, /^the database engine crashed on this query \(signal SIGSEGV\)/],
  ['memory bomb', 'UNWIND range(1, 30000000) AS x RETURN collect(x) AS c', {}, 400, /memory/],
  ['a comment the engine closes late hides the clause (harmless, runs)', `RETURN 1 AS one /* a **/ LOAD FROM "${canary}" RETURN * /* */`, {}, 200, /^$/],
];

describe('POST /api/cypher under attack', () => {
  it.each(ATTACKS)('%s', async (_name, query, params, status, detail) => {
    const before = await counts();
    // Built by hand: JSON.stringify itself overflows its stack on 10,000 levels.
    const body = params.p === DEEP ? `{"query":${JSON.stringify(query)},"params":{"p":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}` : { query, params };
    const r = await postJson(srv.url, '/api/cypher', body);
    const text = JSON.stringify(r.body);
    expect(r.status, text).toBe(status);
    if (status !== 200) {
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body.detail, text).toMatch(detail);
    }
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(srv.dataDir);
    expect(text).not.toContain(ROOT);
    expect(fs.existsSync(path.join(secretDir, 'leak.csv'))).toBe(false);
    expect(await counts()).toEqual(before);
    // the console still answers
    const ok = await postJson(srv.url, '/api/cypher', { query: 'MATCH (a:Actor) RETURN count(a) AS n' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});

describe('POST /api/cypher under a flood from one client', () => {
  it('the flooding client gets 429 with Retry-After beyond one running and two queued; another client is served meanwhile', async () => {
    const slow = 'UNWIND range(1, 6000) AS x UNWIND range(1, 6000) AS y RETURN sum(x * y) AS s';
    const a = { authorization: 'Bearer flooding-client-token-aaaa' };
    const flood = Array.from({ length: 5 }, () => postJson(srv.url, '/api/cypher', { query: slow }, a));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    const b = await postJson(srv.url, '/api/cypher', { query: 'MATCH (a:Actor) RETURN count(a) AS n' }, { authorization: 'Bearer another-client-token-bbbb' });
    const bMs = performance.now() - t0;
    expect(b.status).toBe(200);
    const results = await Promise.all(flood);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length, String(statuses)).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((s) => s === 200).length, String(statuses)).toBeGreaterThanOrEqual(1);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ status: 429, title: 'Too many requests' });
    console.log(`second client answered in ${Math.round(bMs)} ms while the first flooded: ${statuses.join(', ')}`);
  });
});
