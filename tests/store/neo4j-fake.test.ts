/**
 * The Neo4j store against a fake driver (no Neo4j server can be installed here): asserts the exact
 * query texts and parameters it sends (snapshots), that values never appear in query texts, and
 * the console's bounds.
 */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { neo4jDdl } from '../../cypher/ddl.ts';
import {
  Neo4jStore,
  NEO4J_MIGRATION_QUERIES,
  NEO4J_SWEEP_QUERIES,
  NEO4J_WRITE_QUERIES,
  type DriverLike,
  type RecordLike,
  type ResultLike,
  type SessionLike,
  type TxLike,
} from '../../cypher/neo4j/store.ts';
import { NODE_LABELS, REL_TYPES } from '../../cypher/schema.ts';
import { StoreError } from '../../cypher/store.ts';
import { NASTY, articleRecords, mergeRecords } from './fixtures.ts';

interface Call {
  mode: 'READ' | 'WRITE';
  text: string;
  params: Record<string, unknown>;
  config?: { timeout?: number };
}

type Responder = (text: string, params: Record<string, unknown>) => Record<string, unknown>[] | Error;

function record(o: Record<string, unknown>): RecordLike {
  return { keys: Object.keys(o), get: (k: string) => o[k] };
}

class FakeDriver implements DriverLike {
  calls: Call[] = [];
  consumed = 0;
  closed = false;
  constructor(
    private readonly respond: Responder = () => [],
    private readonly connectivity: Error | null = null,
  ) {}
  session(cfg: { defaultAccessMode?: string }): SessionLike {
    const mode = cfg.defaultAccessMode === 'READ' ? 'READ' : 'WRITE';
    const tx = (config?: { timeout?: number }): TxLike => ({
      run: (text, params = {}) => {
        this.calls.push({ mode, text, params, ...(config ? { config } : {}) });
        const out = this.respond(text, params);
        const rows = out instanceof Error ? null : out;
        const self = this;
        const result: ResultLike = {
          then(onOk, onErr) {
            return (out instanceof Error ? Promise.reject(out) : Promise.resolve({ records: rows!.map(record) })).then(onOk, onErr);
          },
          async *[Symbol.asyncIterator]() {
            if (out instanceof Error) throw out;
            for (const r of rows!) {
              self.consumed++;
              yield record(r);
            }
          },
        };
        return result;
      },
    });
    return {
      executeRead: (work, config) => work(tx(config)),
      executeWrite: (work, config) => work(tx(config)),
      close: async () => undefined,
    };
  }
  async verifyConnectivity(): Promise<unknown> {
    if (this.connectivity) throw this.connectivity;
    return {};
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Every string value inside params, recursively. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object' && !neo4j.isInt(v)) return Object.values(v).flatMap(strings);
  return [];
}

describe('Neo4jStore (fake driver)', () => {
  it('open(): checks connectivity, creates constraints/indexes one per transaction, sweeps', async () => {
    const d = new FakeDriver();
    await new Neo4jStore(d, 'neo4j').open();
    expect(d.calls.map((c) => c.text)).toEqual([...neo4jDdl(), ...NEO4J_MIGRATION_QUERIES.endpointIds, NEO4J_SWEEP_QUERIES.incomplete]);
    expect(d.calls.every((c) => c.mode === 'WRITE')).toBe(true);
  });

  it('open(): an unreachable server is StoreError UNAVAILABLE', async () => {
    const d = new FakeDriver(undefined, Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7687'), { code: 'ServiceUnavailable' }));
    await expect(new Neo4jStore(d).open()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('write(): exact query texts and parameters (snapshot); values only as parameters; ints as Integers', async () => {
    const d = new FakeDriver();
    const s = new Neo4jStore(d);
    const summary = await s.write(mergeRecords(articleRecords(1), articleRecords(2, { alias: 'Maliki' })));
    expect(summary).toEqual({ articlesWritten: ['art-1', 'art-2'], articlesSkipped: [] });
    const texts = d.calls.map((c) => c.text);
    expect(texts).toEqual([
      NEO4J_WRITE_QUERIES.completeArticles,
      NEO4J_SWEEP_QUERIES.incomplete,
      NEO4J_WRITE_QUERIES.article,
      NEO4J_WRITE_QUERIES.actor,
      NEO4J_WRITE_QUERIES.issue,
      NEO4J_WRITE_QUERIES.statement,
      ...REL_TYPES.map((t) => NEO4J_WRITE_QUERIES.rels[t]),
      NEO4J_WRITE_QUERIES.markComplete,
    ]);
    expect(d.calls.every((c) => c.mode === 'WRITE')).toBe(true);
    for (const c of d.calls) {
      for (const v of strings(c.params)) if (v.length > 3) expect(c.text, `value ${v} interpolated`).not.toContain(v);
    }
    expect(texts.join('\n')).not.toContain(NASTY.slice(0, 8));
    const stmt = d.calls.find((c) => c.text === NEO4J_WRITE_QUERIES.statement)!;
    const row = (stmt.params.rows as Record<string, unknown>[])[1]!;
    expect(neo4j.isInt(row.start)).toBe(true);
    expect(String(row.start)).toBe('10');
    // Actors appearing in both articles are merged before they are sent.
    const actors = d.calls.find((c) => c.text === NEO4J_WRITE_QUERIES.actor)!.params.rows as { id: string; aliases: string[] }[];
    expect(actors.map((a) => a.id)).toEqual(['nouri-al-maliki', 'us-government']);
    expect(actors[0]!.aliases).toEqual(['NOURI-AL-MALIKI', 'Maliki']);
    expect(d.calls.map((c) => ({ text: c.text, params: c.params }))).toMatchSnapshot();
  });

  it('write(): an article already complete is skipped with no further query', async () => {
    const d = new FakeDriver((text, params) =>
      text === NEO4J_WRITE_QUERIES.completeArticles ? (params.ids as string[]).map((id) => ({ id })) : [],
    );
    const s = new Neo4jStore(d);
    expect(await s.write(articleRecords(1))).toEqual({ articlesWritten: [], articlesSkipped: ['art-1'] });
    expect(d.calls).toHaveLength(1);
  });

  it('write(): a failure half way sweeps the incomplete article and reports QUERY_FAILED', async () => {
    let failed = false;
    const d = new FakeDriver((text) => {
      if (text === NEO4J_WRITE_QUERIES.rels.SAID && !failed) {
        failed = true;
        return Object.assign(new Error('boom'), { code: 'Neo.ClientError.Statement.SemanticError' });
      }
      if (text === NEO4J_SWEEP_QUERIES.incomplete) return failed ? [{ id: 'art-1' }] : [];
      return [];
    });
    const s = new Neo4jStore(d);
    await expect(s.write(articleRecords(1))).rejects.toMatchObject({ code: 'QUERY_FAILED' });
    const after = d.calls.slice(d.calls.findIndex((c) => c.text === NEO4J_WRITE_QUERIES.rels.SAID) + 1).map((c) => c.text);
    expect(after).toEqual([
      NEO4J_SWEEP_QUERIES.incomplete,
      ...REL_TYPES.map((t) => NEO4J_SWEEP_QUERIES.rels[t]),
      NEO4J_SWEEP_QUERIES.statements,
      NEO4J_SWEEP_QUERIES.articles,
      NEO4J_SWEEP_QUERIES.orphanActors,
    ]);
    expect(d.calls.find((c) => c.text === NEO4J_SWEEP_QUERIES.articles)!.params).toEqual({ ids: ['art-1'] });
  });

  it('write(): concurrent calls are serialised (no interleaving)', async () => {
    const d = new FakeDriver();
    const s = new Neo4jStore(d);
    await Promise.all([s.write(articleRecords(1)), s.write(articleRecords(2))]);
    const marks = d.calls.map((c, i) => (c.text === NEO4J_WRITE_QUERIES.completeArticles ? i : -1)).filter((i) => i >= 0);
    const complete = d.calls.map((c, i) => (c.text === NEO4J_WRITE_QUERIES.markComplete ? i : -1)).filter((i) => i >= 0);
    expect(marks).toHaveLength(2);
    expect(complete[0]!).toBeLessThan(marks[1]!);
  });

  it('counts() and read() convert neo4j Integers and graph values', async () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Actor'], { id: 'x', n: neo4j.int(5) }, 'e:1');
    const d = new FakeDriver((text) => (text.includes('count(') ? [{ c: neo4j.int(3) }] : [{ a: node, d: new neo4j.types.Date(2024, 1, 2) }]));
    const s = new Neo4jStore(d);
    const c = await s.counts();
    for (const l of NODE_LABELS) expect(c.nodes[l]).toBe(3);
    for (const t of REL_TYPES) expect(c.rels[t]).toBe(3);
    expect(d.calls.every((x) => x.mode === 'READ')).toBe(true);
    const rows = await s.read({ text: 'MATCH (a:Actor) RETURN a', params: { q: 1 } });
    expect(rows).toEqual([{ a: { id: 'x', n: 5, _label: 'Actor', _id: 'e:1' }, d: '2024-01-02' }]);
  });

  it('read(): whole-number parameters travel as Integers, so SKIP/LIMIT work on Neo4j (regression)', async () => {
    const d = new FakeDriver(() => []);
    const s = new Neo4jStore(d);
    await s.read({ text: 'MATCH (a:Actor) RETURN a.id AS id SKIP $offset LIMIT $limit', params: { offset: 0, limit: 50, ratio: 0.5, ids: [1, 2] } });
    const sent = d.calls[d.calls.length - 1]!.params as Record<string, unknown>;
    expect(neo4j.isInt(sent.limit)).toBe(true);
    expect(neo4j.isInt(sent.offset)).toBe(true);
    expect(sent.ratio).toBe(0.5);
    expect((sent.ids as unknown[]).every((x) => neo4j.isInt(x))).toBe(true);
  });

  it('runConsole(): guarded before anything reaches the server', async () => {
    const d = new FakeDriver();
    const s = new Neo4jStore(d);
    for (const q of ['CREATE (n)', "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "CALL apoc.load.json('x')", 'MATCH (n) RETURN n; MATCH (m) DELETE m']) {
      await expect(s.runConsole(q, {}, { timeoutMs: 1000, maxRows: 10, maxBytes: 10_000 })).rejects.toMatchObject({ code: 'QUERY_REFUSED' });
    }
    expect(d.calls).toHaveLength(0);
  });

  it('runConsole(): read transaction with the timeout, rows streamed and capped, values tagged', async () => {
    const a = new neo4j.types.Node(neo4j.int(1), ['Actor'], { id: 'a' }, 'e:1');
    const b = new neo4j.types.Node(neo4j.int(2), ['Actor'], { id: 'b' }, 'e:2');
    const r = new neo4j.types.Relationship(neo4j.int(9), neo4j.int(1), neo4j.int(2), 'RELATES', { start: neo4j.int(4) }, 'r:9', 'e:1', 'e:2');
    const d = new FakeDriver(() => Array.from({ length: 1000 }, (_, i) => ({ a, r, b, i: neo4j.int(i) })));
    const s = new Neo4jStore(d);
    const res = await s.runConsole('MATCH (a)-[r]->(b) RETURN a, r, b, $x AS i', { x: 1 }, { timeoutMs: 1234, maxRows: 5, maxBytes: 1_000_000 });
    expect(d.calls).toEqual([{ mode: 'READ', text: 'MATCH (a)-[r]->(b) RETURN a, r, b, $x AS i', params: { x: neo4j.int(1) }, config: { timeout: 1234 } }]);
    expect(res.columns).toEqual(['a', 'r', 'b', 'i']);
    expect(res.rows).toHaveLength(5);
    expect(res.truncated).toBe(true);
    // Reading stopped after the cap (one record beyond it tells that more existed).
    expect(d.consumed).toBe(6);
    expect(res.rows[4]).toEqual([
      { $kind: 'node', id: 'e:1', label: 'Actor', properties: { id: 'a' } },
      { $kind: 'rel', id: 'r:9', type: 'RELATES', from: 'e:1', to: 'e:2', properties: { start: 4 } },
      { $kind: 'node', id: 'e:2', label: 'Actor', properties: { id: 'b' } },
      4,
    ]);
    const small = await s.runConsole('MATCH (a) RETURN a', {}, { timeoutMs: 1000, maxRows: 1000, maxBytes: 500 });
    expect(JSON.stringify(small.rows).length).toBeLessThanOrEqual(500);
    expect(small.truncated).toBe(true);
  });

  it('runConsole(): a server-side transaction timeout is QUERY_TIMEOUT', async () => {
    const err = Object.assign(new Error('The transaction has been terminated.'), { code: 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration' });
    const s = new Neo4jStore(new FakeDriver(() => err));
    const p = s.runConsole('UNWIND range(1, 100000000) AS x RETURN sum(x)', {}, { timeoutMs: 100, maxRows: 10, maxBytes: 1000 });
    await expect(p).rejects.toBeInstanceOf(StoreError);
    await expect(p).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
  });

  it('runConsole(): a server that never answers is stopped by the client-side deadline', async () => {
    const d = new FakeDriver();
    d.session = () => ({
      executeRead: () => new Promise<never>(() => undefined),
      executeWrite: () => new Promise<never>(() => undefined),
      close: async () => undefined,
    });
    const s = new Neo4jStore(d);
    const t0 = Date.now();
    await expect(s.runConsole('MATCH (n) RETURN n', {}, { timeoutMs: 100, maxRows: 10, maxBytes: 1000 })).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
