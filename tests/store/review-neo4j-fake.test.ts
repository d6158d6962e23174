/**
 * Neo4jStore.replaceArticles against a fake driver (no Neo4j server here): the whole replacement
 * (find touched actors, delete the articles' subgraphs, prune, write, mark complete) runs in ONE
 * write transaction, values travel only as parameters, and a failure part way is one failed
 * transaction (the driver rolls it back) reported as QUERY_FAILED.
 */
import { describe, expect, it } from 'vitest';
import { NEO4J_REPLACE_QUERIES, NEO4J_SWEEP_QUERIES, NEO4J_WRITE_QUERIES, Neo4jStore, type DriverLike, type RecordLike, type SessionLike, type TxLike } from '../../cypher/neo4j/store.ts';
import { REL_TYPES } from '../../cypher/schema.ts';
import { StoreError } from '../../cypher/store.ts';
import { extractArticle, toGraphRecords } from '../../ingest/index.ts';
import { makeCorpus } from './helpers/archive-trials.ts';

interface Tx {
  id: number;
  mode: 'READ' | 'WRITE';
  calls: { text: string; params: Record<string, unknown> }[];
}

class TxFake implements DriverLike {
  txs: Tx[] = [];
  constructor(private readonly respond: (text: string) => Record<string, unknown>[] | Error = () => []) {}
  session(cfg: { defaultAccessMode?: string }): SessionLike {
    const mode = cfg.defaultAccessMode === 'READ' ? 'READ' : 'WRITE';
    const begin = (): TxLike => {
      const tx: Tx = { id: this.txs.length, mode, calls: [] };
      this.txs.push(tx);
      return {
        run: (text, params = {}) => {
          tx.calls.push({ text, params });
          const out = this.respond(text);
          const rows: RecordLike[] = out instanceof Error ? [] : out.map((o) => ({ keys: Object.keys(o), get: (k: string) => o[k] }));
          return { then: (ok, err) => (out instanceof Error ? Promise.reject(out) : Promise.resolve({ records: rows })).then(ok, err) };
        },
      };
    };
    return { executeRead: (work) => work(begin()), executeWrite: (work) => work(begin()), close: async () => undefined };
  }
  async verifyConnectivity(): Promise<unknown> {
    return {};
  }
  async close(): Promise<void> {}
}

const article = makeCorpus(1, 5)[0]!;
const records = toGraphRecords(extractArticle(article));
const articleId = records.nodes.Article[0]!.id;

describe('Neo4jStore.replaceArticles (fake driver)', () => {
  it('deletes, prunes and writes in one transaction, in that order, values only as parameters', async () => {
    const d = new TxFake((text) => (text === NEO4J_REPLACE_QUERIES.touchedActors[0] ? [{ id: 'old-speaker' }] : []));
    const store = new Neo4jStore(d);
    await store.open();
    const opened = d.txs.length;
    const summary = await store.replaceArticles(records);
    expect(summary).toEqual({ articlesWritten: [articleId], articlesSkipped: [] });
    const txs = d.txs.slice(opened);
    expect(txs).toHaveLength(1);
    expect(txs[0]!.mode).toBe('WRITE');
    const texts = txs[0]!.calls.map((c) => c.text);
    const at = (t: string) => texts.indexOf(t);
    NEO4J_REPLACE_QUERIES.touchedActors.forEach((q, i) => expect(at(q)).toBe(i));
    // every touched-actor look-up names its relationship type (an index seek, not a scan of every actor's edges)
    expect(NEO4J_REPLACE_QUERIES.touchedActors.every((q) => /-\[r:`[A-Z_]+`\]->/.test(q))).toBe(true);
    for (const t of REL_TYPES) expect(at(NEO4J_SWEEP_QUERIES.rels[t])).toBeGreaterThan(0);
    expect(at(NEO4J_SWEEP_QUERIES.statements)).toBeGreaterThan(at(NEO4J_SWEEP_QUERIES.rels.SAID));
    expect(at(NEO4J_REPLACE_QUERIES.pruneActors)).toBeGreaterThan(at(NEO4J_SWEEP_QUERIES.articles));
    expect(at(NEO4J_WRITE_QUERIES.article)).toBeGreaterThan(at(NEO4J_REPLACE_QUERIES.pruneActors));
    expect(at(NEO4J_WRITE_QUERIES.statement)).toBeGreaterThan(at(NEO4J_WRITE_QUERIES.actor));
    expect(texts[texts.length - 1]).toBe(NEO4J_WRITE_QUERIES.markComplete);
    expect(txs[0]!.calls.find((c) => c.text === NEO4J_REPLACE_QUERIES.pruneActors)!.params).toEqual({ ids: ['old-speaker'] });
    expect(txs[0]!.calls[0]!.params).toEqual({ ids: [articleId] });
    // no value of the records is in any query text
    for (const t of texts) {
      expect(t).not.toContain(articleId);
      for (const s of records.nodes.Statement) expect(t).not.toContain(s.text);
    }
    // the written statements carry provenance and corrections
    const st = txs[0]!.calls.find((c) => c.text === NEO4J_WRITE_QUERIES.statement)!.params.rows as Record<string, unknown>[];
    expect(st.every((r) => r.provenance === 'machine' && Array.isArray(r.corrections))).toBe(true);
    await store.close();
  });

  it('a failure part way fails the one transaction and reports QUERY_FAILED; later writes still run', async () => {
    let fail = true;
    const d = new TxFake((text) => (fail && text === NEO4J_WRITE_QUERIES.statement ? new Error('boom') : []));
    const store = new Neo4jStore(d);
    await store.open();
    const opened = d.txs.length;
    const err = await store.replaceArticles(records).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('QUERY_FAILED');
    expect(d.txs.slice(opened)).toHaveLength(1);
    fail = false;
    await expect(store.replaceArticles(records)).resolves.toEqual({ articlesWritten: [articleId], articlesSkipped: [] });
    await store.close();
  });

  it('invalid records are refused before any transaction', async () => {
    const d = new TxFake();
    const store = new Neo4jStore(d);
    await store.open();
    const opened = d.txs.length;
    const bad = { ...records, nodes: { ...records.nodes, Statement: [{ ...records.nodes.Statement[0]!, provenance: 'guessed' as 'machine' }] } };
    await expect(store.replaceArticles(bad)).rejects.toMatchObject({ code: 'INVALID_RECORDS' });
    expect(d.txs.length).toBe(opened);
    await store.close();
  });
});
