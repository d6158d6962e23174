import { fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LadybugConsoleRunner } from '../../cypher/console/ladybug-runner.ts';
import type { RunReply } from '../../cypher/console/ladybug-worker.ts';
import { LadybugStore } from '../../cypher/ladybug/store.ts';
import { StoreError, type ConsoleLimits, type ConsoleNode, type ConsoleRel, type Counts } from '../../cypher/store.ts';
import { articleRecords, manyArticles, mergeRecords } from './fixtures.ts';
import { ingestArticles, loadArticleFiles } from '../../ingest/index.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

let dir: string;
let store: LadybugStore;
let runner: LadybugConsoleRunner;
let baseline: Counts;
const LIMITS: ConsoleLimits = { timeoutMs: 5000, maxRows: 100, maxBytes: 200_000 };
/** Limits for the bombs: short, so that the suite stays quick. */
const BOMB: ConsoleLimits = { ...LIMITS, timeoutMs: 1500 };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-console-'));
  store = new LadybugStore({ dataDir: dir, bufferPoolBytes: 256 * 1024 * 1024 });
  await store.open();
  runner = new LadybugConsoleRunner({ dbPath: store.dbPath, poolSize: 1 });
  runner.warm();
  // Inject the runner so the tests can watch its children.
  (store as unknown as { consoleRunner: LadybugConsoleRunner }).consoleRunner = runner;
  await store.write(mergeRecords(articleRecords(1), articleRecords(2), manyArticles(10, 100)));
  baseline = await store.counts();
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function outcome(q: string, limits = LIMITS): Promise<{ code: string; ms: number; message: string }> {
  const t0 = performance.now();
  try {
    const r = await store.runConsole(q, {}, limits);
    return { code: r.truncated ? 'TRUNCATED' : 'OK', ms: performance.now() - t0, message: `${r.rows.length} rows` };
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return { code: (err as StoreError).code, ms: performance.now() - t0, message: (err as Error).message };
  }
}

describe('console on LadybugDB', () => {
  it('runs a read query in a child process and tags nodes and relationships', async () => {
    const r = await store.runConsole(
      "MATCH (a:Actor {id: $id})-[s:SAID]->(st:Statement) RETURN a, s, st.start AS start ORDER BY st.start LIMIT 2",
      { id: 'nouri-al-maliki' },
      LIMITS,
    );
    expect(r.columns).toEqual(['a', 's', 'start']);
    expect(r.rows).toHaveLength(2);
    const [a, s, start] = r.rows[0]! as [ConsoleNode, ConsoleRel, number];
    expect(a).toMatchObject({ $kind: 'node', label: 'Actor', properties: { id: 'nouri-al-maliki', type: 'person' } });
    expect(s).toMatchObject({ $kind: 'rel', type: 'SAID', from: a.id, properties: { articleId: expect.any(String) } });
    expect(start).toBe(0);
    expect(runner.pids.length).toBe(1);
    expect(runner.pids[0]).not.toBe(process.pid);
  });

  it('caps rows and bytes, and says the result was truncated', async () => {
    const rows = await store.runConsole('UNWIND range(1, 5000) AS x RETURN x', {}, { ...LIMITS, maxRows: 7 });
    expect(rows.rows).toHaveLength(7);
    expect(rows.truncated).toBe(true);
    const bytes = await store.runConsole('MATCH (s:Statement) RETURN s.text', {}, { ...LIMITS, maxRows: 10_000, maxBytes: 2_000 });
    expect(JSON.stringify(bytes.rows).length).toBeLessThanOrEqual(2_000);
    expect(bytes.truncated).toBe(true);
    const whole = await store.runConsole('MATCH (a:Article) RETURN count(a) AS n', {}, LIMITS);
    expect(whole).toMatchObject({ columns: ['n'], rows: [[baseline.nodes.Article]], truncated: false });
  });

  it('sees data written after the child opened the database', async () => {
    const before = await store.runConsole('MATCH (a:Article) RETURN count(a)', {}, LIMITS);
    await store.write(articleRecords(999));
    const after = await store.runConsole('MATCH (a:Article) RETURN count(a)', {}, LIMITS);
    expect(after.rows[0]![0]).toBe((before.rows[0]![0] as number) + 1);
    baseline = await store.counts();
  });

  const ATTACKS: [string, string, string[]][] = [
    // [name, query, acceptable outcomes]
    ['CREATE', "CREATE (:Issue {id: 'evil', label: 'x', description: 'x'})", ['QUERY_REFUSED']],
    ['MERGE', "MERGE (:Issue {id: 'evil'})", ['QUERY_REFUSED']],
    ['SET', "MATCH (a:Actor) SET a.name = 'pwned'", ['QUERY_REFUSED']],
    ['DELETE', 'MATCH (a:Statement) DELETE a', ['QUERY_REFUSED']],
    ['DETACH DELETE', 'MATCH (a:Actor) DETACH DELETE a', ['QUERY_REFUSED']],
    ['REMOVE', 'MATCH (a:Actor) REMOVE a.name', ['QUERY_REFUSED']],
    ['DROP', 'DROP TABLE SAID', ['QUERY_REFUSED']],
    ['ALTER', 'ALTER TABLE Actor DROP name', ['QUERY_REFUSED']],
    ['COPY TO', "COPY (MATCH (a:Actor) RETURN a.id) TO '/tmp/claimgraph-console-leak.csv'", ['QUERY_REFUSED']],
    ['COPY FROM', "COPY Issue FROM '/etc/passwd'", ['QUERY_REFUSED']],
    ['LOAD FROM', "LOAD FROM '/etc/passwd' RETURN *", ['QUERY_REFUSED']],
    ['LOAD CSV FROM', "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", ['QUERY_REFUSED']],
    ['EXPORT DATABASE', "EXPORT DATABASE '/tmp/claimgraph-console-export'", ['QUERY_REFUSED']],
    ['IMPORT DATABASE', "IMPORT DATABASE '/tmp/claimgraph-console-export'", ['QUERY_REFUSED']],
    ['ATTACH', "ATTACH '/tmp/other.lbug' AS other (dbtype lbug)", ['QUERY_REFUSED']],
    ['INSTALL httpfs', 'INSTALL httpfs', ['QUERY_REFUSED']],
    ['LOAD EXTENSION', 'LOAD EXTENSION httpfs', ['QUERY_REFUSED']],
    ['CALL dbms', 'CALL dbms.components() YIELD name RETURN name', ['QUERY_REFUSED']],
    ['CALL apoc', "CALL apoc.load.json('http://127.0.0.1:1/x') YIELD value RETURN value", ['QUERY_REFUSED']],
    ['mixed case', "cReAtE (:Issue {id: 'evil2'})", ['QUERY_REFUSED']],
    ['comment between keywords', "MATCH (a:Actor) DETACH/* hi */DELETE a", ['QUERY_REFUSED']],
    ['two statements', "MATCH (a) RETURN count(a); CREATE (:Issue {id: 'evil3'})", ['QUERY_REFUSED']],
    ['CALL subquery', "MATCH (a:Actor) CALL { CREATE (:Issue {id: 'evil4'}) } RETURN a", ['QUERY_REFUSED']],
    ['write inside EXISTS', "MATCH (a:Actor) WHERE EXISTS { MATCH (b) SET b.name = 'x' } RETURN a", ['QUERY_REFUSED']],
    ['CPU bomb', 'UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN sum(x * y)', ['QUERY_TIMEOUT']],
    ['big list (range of 10^8 materialised)', 'UNWIND range(1, 100000000) AS x RETURN sum(x)', ['QUERY_TIMEOUT', 'QUERY_FAILED']],
    ['row bomb (cartesian product)', 'MATCH (a), (b), (c), (d) RETURN a, b, c, d', ['TRUNCATED', 'QUERY_TIMEOUT', 'QUERY_FAILED', 'RESULT_TOO_LARGE']],
    ['memory bomb (big strings)', "UNWIND range(1, 10000000) AS x RETURN x, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' + CAST(x AS STRING) AS s ORDER BY s DESC", ['TRUNCATED', 'QUERY_TIMEOUT', 'QUERY_FAILED']],
  ];

  it.each(ATTACKS)('%s: refused or stopped in bounded time; the store is unchanged and still answers', async (_name, q, ok) => {
    const r = await outcome(q, BOMB);
    expect(ok, `${r.code}: ${r.message}`).toContain(r.code);
    // Bounded: the limit, plus a child's start-up when the previous one was killed.
    expect(r.ms).toBeLessThan(BOMB.timeoutMs + 10_000);
    expect(await store.counts()).toEqual(baseline);
    const alive = await store.runConsole('MATCH (a:Actor) RETURN count(a) AS n', {}, LIMITS);
    expect(alive.rows[0]![0]).toBe(baseline.nodes.Actor);
    expect(fs.existsSync('/tmp/claimgraph-console-leak.csv')).toBe(false);
  });

  it('keywords inside strings and comments are not refused', async () => {
    const r = await store.runConsole(
      "MATCH (a:Actor) WHERE a.name <> 'CREATE (x) ; DROP TABLE Actor' // DELETE\nRETURN count(a) AS n /* SET */",
      {},
      LIMITS,
    );
    expect(r.rows[0]![0]).toBe(baseline.nodes.Actor);
  });

  it('a runaway query is killed and its child replaced; the store keeps answering meanwhile', async () => {
    const before = runner.pids;
    const runaway = store.runConsole('UNWIND range(1, 30000) AS x UNWIND range(1, 30000) AS y RETURN sum(x * y)', {}, { ...LIMITS, timeoutMs: 1500 });
    // The server's own reads do not wait for the console.
    const t0 = performance.now();
    expect((await store.counts()).nodes.Actor).toBe(baseline.nodes.Actor);
    expect(performance.now() - t0).toBeLessThan(1500);
    await expect(runaway).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    const again = await store.runConsole('RETURN 1 AS one', {}, LIMITS);
    expect(again.rows).toEqual([[1]]);
    expect(runner.pids).toHaveLength(1);
    expect(runner.pids[0]).not.toBe(before[0]);
  });

  it('defence in depth: the child itself refuses a write that got past the guard (read-only database)', async () => {
    const worker = fork(fileURLToPath(new URL('../../cypher/console/ladybug-worker.ts', import.meta.url)), [], {
      execArgv: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    try {
      const replies: RunReply[] = [];
      const got = (n: number) =>
        new Promise<void>((resolve) => {
          const check = () => (replies.length >= n ? resolve() : setTimeout(check, 20));
          check();
        });
      worker.on('message', (m: RunReply | { type: 'ready' }) => {
        if (m.type !== 'ready') replies.push(m);
      });
      const base = { type: 'run' as const, dbPath: store.dbPath, generation: 1, bufferPoolBytes: 64 * 1024 * 1024, params: {}, maxRows: 10, maxBytes: 10_000 };
      worker.send({ ...base, id: 1, query: "CREATE (:Issue {id: 'evil', label: 'x', description: 'x'})" });
      worker.send({ ...base, id: 2, query: "MATCH (a:Actor) SET a.name = 'pwned' RETURN a.name" });
      await got(2);
      expect(replies.map((r) => r.type)).toEqual(['error', 'error']);
      expect(await store.counts()).toEqual(baseline);
    } finally {
      worker.kill('SIGKILL');
    }
  });

  it('a query that fails to plan is QUERY_FAILED, not a crash', async () => {
    await expect(store.runConsole('MATCH (a:NoSuchTable) RETURN a', {}, LIMITS)).rejects.toMatchObject({ code: 'QUERY_FAILED' });
    expect((await store.runConsole('RETURN 2 AS two', {}, LIMITS)).rows).toEqual([[2]]);
  });
});

describe('console after small writes (regression)', () => {
  it('opens a freshly written database: writes are checkpointed before the read-only view reopens', async () => {
    // Before the fix, a small write left records in the WAL and the read-only child failed with
    // "Corrupted wal file" on its first query.
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-console-fresh-'));
    const s = new LadybugStore({ dataDir: fresh, bufferPoolBytes: 128 * 1024 * 1024 });
    await s.open();
    try {
      // the sample corpus, as the first start ingests it
      const { articles } = await loadArticleFiles([path.join(REPO, 'corpus')]);
      await ingestArticles(s, articles);
      const r = await s.runConsole('MATCH (a:Article) RETURN a.id AS id', {}, LIMITS);
      expect(r.rows.length).toBe(articles.length);
      await s.write(articleRecords(8));
      const r2 = await s.runConsole('MATCH (a:Article) RETURN count(a) AS n', {}, LIMITS);
      expect(r2.rows[0]![0]).toBe(articles.length + 1);
    } finally {
      await s.close();
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });
});
