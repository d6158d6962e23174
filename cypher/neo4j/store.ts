/**
 * Neo4j implementation of `GraphStore` (neo4j-driver 5/6, Neo4j 5 server).
 *
 * Same write protocol as the LadybugDB store, so both behave alike: articles already complete are
 * skipped; the Article goes first with `complete=false`, its subgraph by UNWIND MERGE/CREATE in
 * chunks of `NEO4J_CHUNK` rows (constraints and indexes are created at open, before any write, so
 * every MERGE and endpoint MATCH is an index seek), then `complete=true`; incomplete articles are
 * swept at open and after a failed write. Every statement runs in
 * `session.executeWrite`/`executeRead`; values travel only as parameters; integers are sent as
 * neo4j Integers (a JS number would be stored as a float).
 */
import neo4j from 'neo4j-driver';
import { ident, neo4jDdl, nodePropNames, propType, relPropNames } from '../ddl.ts';
import { endpointIdProps, NODE_LABELS, REL_TABLES, REL_TYPES, type GraphRecords, type NodeLabel, type RelType } from '../schema.ts';
import {
  StoreError,
  type ConsoleLimits,
  type ConsoleResult,
  type ConsoleValue,
  type Counts,
  type CypherQuery,
  type GraphStore,
  type WriteSummary,
} from '../store.ts';
import { assertReadOnlyQuery } from '../console/guard.ts';
import { checkedWrite, chunks, planWrite, mergeActors, restrictToArticles, uniqueById } from '../ladybug/batch.ts';
import { neo4jToConsole, neo4jToPlain, paramsToNeo4j } from './values.ts';

// ---- the slice of neo4j-driver this store uses (a fake implements it in tests) ----------------

export interface RecordLike {
  keys: readonly PropertyKey[];
  get(key: string): unknown;
}
export interface ResultLike extends PromiseLike<{ records: RecordLike[] }> {
  [Symbol.asyncIterator]?(): AsyncIterator<RecordLike>;
  keys?(): Promise<readonly PropertyKey[]>;
}
export interface TxLike {
  run(text: string, params?: Record<string, unknown>): ResultLike;
}
export interface TxConfigLike {
  timeout?: number;
}
export interface SessionLike {
  executeRead<T>(work: (tx: TxLike) => Promise<T>, config?: TxConfigLike): Promise<T>;
  executeWrite<T>(work: (tx: TxLike) => Promise<T>, config?: TxConfigLike): Promise<T>;
  close(): Promise<void>;
}
export interface DriverLike {
  session(config: { database?: string; defaultAccessMode?: string; fetchSize?: number }): SessionLike;
  verifyConnectivity(config?: { database?: string }): Promise<unknown>;
  close(): Promise<void>;
}

export interface Neo4jConfig {
  url: string;
  user: string;
  password?: string;
  database?: string;
}

// ---- query texts, derived from the schema --------------------------------------------------------

function setClause(label: NodeLabel, v: string, r: string, skip: readonly string[] = []): string {
  return nodePropNames(label)
    .filter((p) => p !== 'id' && !skip.includes(p))
    .map((p) => `${v}.${ident(p)} = ${r}.${ident(p)}`)
    .join(', ');
}

const A = (p: string) => ident(p);

export const NEO4J_WRITE_QUERIES = {
  completeArticles: `MATCH (a:${A('Article')}) WHERE a.${A('id')} IN $ids AND a.${A('complete')} = true RETURN a.${A('id')} AS id`,
  article: `UNWIND $rows AS r MERGE (n:${A('Article')} {${A('id')}: r.${A('id')}}) SET ${setClause('Article', 'n', 'r', ['complete'])}, n.${A('complete')} = false`,
  actor:
    `UNWIND $rows AS r MERGE (n:${A('Actor')} {${A('id')}: r.${A('id')}}) ` +
    `ON CREATE SET ${setClause('Actor', 'n', 'r')} ` +
    `ON MATCH SET n.${A('aliases')} = coalesce(n.${A('aliases')}, []) + [x IN r.${A('aliases')} WHERE NOT x IN coalesce(n.${A('aliases')}, [])], ` +
    `n.${A('description')} = coalesce(n.${A('description')}, r.${A('description')}), ` +
    `n.${A('affiliation')} = coalesce(n.${A('affiliation')}, r.${A('affiliation')})`,
  issue: `UNWIND $rows AS r MERGE (n:${A('Issue')} {${A('id')}: r.${A('id')}}) SET ${setClause('Issue', 'n', 'r')}`,
  statement: `UNWIND $rows AS r MERGE (n:${A('Statement')} {${A('id')}: r.${A('id')}}) SET ${setClause('Statement', 'n', 'r')}`,
  rels: Object.fromEntries(
    REL_TYPES.map((t) => {
      const def = REL_TABLES[t];
      // endpoint-id properties (schema ENDPOINT_ID_PROPS) come from the matched end, not the row
      const derived = new Map(endpointIdProps(t));
      const sets = relPropNames(t).map((p) => `x.${A(p)} = ${derived.has(p) ? `${derived.get(p) === 'from' ? 'a' : 'b'}.${A('id')}` : `r.${A(p)}`}`);
      return [
        t,
        `UNWIND $rows AS r MATCH (a:${A(def.from)} {${A('id')}: r.${A('from')}}) MATCH (b:${A(def.to)} {${A('id')}: r.${A('to')}}) ` +
          `CREATE (a)-[x:${A(t)}]->(b) SET ${sets.join(', ')}`,
      ];
    }),
  ) as Record<RelType, string>,
  markComplete: `UNWIND $ids AS id MATCH (a:${A('Article')} {${A('id')}: id}) SET a.${A('complete')} = true`,
} as const;

/** Run at open: endpoint-id properties of relationships an older version wrote without them. */
export const NEO4J_MIGRATION_QUERIES = {
  endpointIds: REL_TYPES.flatMap((t) =>
    endpointIdProps(t).map(([prop, end]) => {
      const def = REL_TABLES[t];
      return `MATCH (a:${A(def.from)})-[r:${A(t)}]->(b:${A(def.to)}) WHERE r.${A(prop)} IS NULL SET r.${A(prop)} = ${end === 'from' ? 'a' : 'b'}.${A('id')}`;
    }),
  ),
} as const;

export const NEO4J_SWEEP_QUERIES = {
  incomplete: `MATCH (a:${A('Article')}) WHERE a.${A('complete')} = false OR a.${A('complete')} IS NULL RETURN a.${A('id')} AS id`,
  rels: Object.fromEntries(REL_TYPES.map((t) => [t, `MATCH ()-[r:${A(t)}]->() WHERE r.${A('articleId')} IN $ids DELETE r`])) as Record<RelType, string>,
  statements: `MATCH (s:${A('Statement')}) WHERE s.${A('articleId')} IN $ids DETACH DELETE s`,
  articles: `MATCH (a:${A('Article')}) WHERE a.${A('id')} IN $ids DETACH DELETE a`,
  orphanActors: `MATCH (n:${A('Actor')}) WHERE NOT EXISTS { (n)--() } DELETE n`,
} as const;

/** What `replaceArticles` runs besides the write and sweep queries, all in one transaction (issue 12). */
export const NEO4J_REPLACE_QUERIES = {
  /** one per relationship type with an Actor end, so each is a seek on that type's articleId index */
  touchedActors: [
    ...REL_TYPES.filter((t) => REL_TABLES[t].from === 'Actor').map(
      (t) => `MATCH (n:${A('Actor')})-[r:${A(t)}]->() WHERE r.${A('articleId')} IN $ids RETURN DISTINCT n.${A('id')} AS id`,
    ),
    ...REL_TYPES.filter((t) => REL_TABLES[t].to === 'Actor').map(
      (t) => `MATCH ()-[r:${A(t)}]->(n:${A('Actor')}) WHERE r.${A('articleId')} IN $ids RETURN DISTINCT n.${A('id')} AS id`,
    ),
  ],
  pruneActors: `UNWIND $ids AS id MATCH (n:${A('Actor')} {${A('id')}: id}) WHERE NOT EXISTS { (n)--() } DELETE n`,
} as const;

/**
 * Rows per UNWIND, one transaction each: Neo4j holds a transaction's changes in memory, and ~10k
 * rows is the size its own guidance gives for batched imports (a heap of 1–2 GB takes it easily).
 */
export const NEO4J_CHUNK = 10_000;
const CHUNK = NEO4J_CHUNK;

/** INT64 properties must reach Neo4j as Integers. */
function intsAsInteger<T extends object>(table: NodeLabel | RelType, rows: readonly T[]): T[] {
  const props = (table in REL_TABLES ? relPropNames(table as RelType) : nodePropNames(table as NodeLabel)).filter(
    (p) => propType(table, p) === 'INT64',
  );
  if (props.length === 0) return [...rows];
  return rows.map((r) => {
    const o: Record<string, unknown> = { ...(r as Record<string, unknown>) };
    for (const p of props) if (typeof o[p] === 'number') o[p] = neo4j.int(o[p] as number);
    return o as unknown as T;
  });
}

function isTimeout(err: unknown): boolean {
  const code = String((err as { code?: string })?.code ?? '');
  return /TransactionTimedOut|TransactionTimedOutClientConfiguration|Transaction\.Terminated/i.test(code) || /timed out|terminated/i.test(String((err as Error)?.message));
}

function isUnavailable(err: unknown): boolean {
  const code = String((err as { code?: string })?.code ?? '');
  return code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|Could not perform discovery/i.test(String((err as Error)?.message));
}

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private queue: Promise<unknown> = Promise.resolve();
  private opened = false;
  /**
   * Whether a write must sweep incomplete articles first: until open() has swept, and after a
   * failed write whose own clean-up failed. Not on every write: the sweep's `complete = false OR
   * IS NULL` scans every Article, which made each write cost O(store).
   */
  private needsSweep = true;

  constructor(
    private readonly driver: DriverLike,
    private readonly database?: string,
  ) {}

  /** A store on a real server (the connection is checked by `open()`). */
  static connect(cfg: Neo4jConfig): Neo4jStore {
    const driver = neo4j.driver(cfg.url, neo4j.auth.basic(cfg.user, cfg.password ?? ''), { disableLosslessIntegers: false });
    return new Neo4jStore(driver as unknown as DriverLike, cfg.database);
  }

  private session(mode: 'READ' | 'WRITE', fetchSize?: number): SessionLike {
    return this.driver.session({ database: this.database, defaultAccessMode: mode, ...(fetchSize ? { fetchSize } : {}) });
  }

  private async write1(text: string, params: Record<string, unknown> = {}): Promise<RecordLike[]> {
    const s = this.session('WRITE');
    try {
      return await s.executeWrite(async (tx) => (await tx.run(text, params)).records);
    } finally {
      await s.close();
    }
  }

  private async read1(text: string, params: Record<string, unknown> = {}): Promise<RecordLike[]> {
    const s = this.session('READ');
    try {
      return await s.executeRead(async (tx) => (await tx.run(text, params)).records);
    } finally {
      await s.close();
    }
  }

  async open(): Promise<void> {
    if (this.opened) return;
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (err) {
      throw new StoreError('UNAVAILABLE', `cannot reach Neo4j: ${(err as Error).message}`, { cause: err });
    }
    // Schema commands cannot share a transaction with other statements: one each.
    for (const stmt of neo4jDdl()) await this.write1(stmt);
    for (const stmt of NEO4J_MIGRATION_QUERIES.endpointIds) await this.write1(stmt);
    await this.sweep();
    this.needsSweep = false;
    this.opened = true;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.driver.close();
    this.opened = false;
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sweep(): Promise<string[]> {
    const ids = (await this.write1(NEO4J_SWEEP_QUERIES.incomplete)).map((r) => String(r.get('id')));
    if (ids.length === 0) return ids;
    for (const t of REL_TYPES) await this.write1(NEO4J_SWEEP_QUERIES.rels[t], { ids });
    await this.write1(NEO4J_SWEEP_QUERIES.statements, { ids });
    await this.write1(NEO4J_SWEEP_QUERIES.articles, { ids });
    await this.write1(NEO4J_SWEEP_QUERIES.orphanActors);
    return ids;
  }

  write(records: GraphRecords): Promise<WriteSummary> {
    return checkedWrite(records, () => this.enqueue(() => this.writeNow(records)));
  }

  private async writeNow(records: GraphRecords): Promise<WriteSummary> {
    const q = NEO4J_WRITE_QUERIES;
    const articleIds = [...new Set(records.nodes.Article.map((a) => a.id))];
    try {
      const done = new Set(
        articleIds.length ? (await this.write1(q.completeArticles, { ids: articleIds })).map((r) => String(r.get('id'))) : [],
      );
      const { todo, summary } = planWrite(articleIds, done);
      if (todo.length === 0) return summary;
      const batch = restrictToArticles(records, new Set(todo));
      try {
        if (this.needsSweep) {
          await this.sweep();
          this.needsSweep = false;
        }
        for (const rows of chunks(intsAsInteger('Article', uniqueById(batch.nodes.Article)), CHUNK)) await this.write1(q.article, { rows });
        for (const rows of chunks(mergeActors(batch.nodes.Actor), CHUNK)) await this.write1(q.actor, { rows });
        for (const rows of chunks(uniqueById(batch.nodes.Issue), CHUNK)) await this.write1(q.issue, { rows });
        for (const rows of chunks(intsAsInteger('Statement', uniqueById(batch.nodes.Statement)), CHUNK)) await this.write1(q.statement, { rows });
        for (const t of REL_TYPES) {
          for (const rows of chunks(intsAsInteger(t, batch.rels[t] as object[]), CHUNK)) await this.write1(q.rels[t], { rows });
        }
        for (const ids of chunks(todo, CHUNK)) await this.write1(q.markComplete, { ids });
      } catch (err) {
        await this.sweep().catch(() => {
          this.needsSweep = true;
        });
        throw err;
      }
      return summary;
    } catch (err) {
      if (err instanceof StoreError) throw err;
      if (isUnavailable(err)) throw new StoreError('UNAVAILABLE', `Neo4j is unavailable: ${(err as Error).message}`, { cause: err });
      throw new StoreError('QUERY_FAILED', `write failed: ${(err as Error).message}`, { cause: err });
    }
  }

  replaceArticles(records: GraphRecords): Promise<WriteSummary> {
    return checkedWrite(records, () => this.enqueue(() => this.replaceNow(records)));
  }

  /** Delete, write and prune in ONE transaction: readers see the old subgraphs or the new ones, never a mix. */
  private async replaceNow(records: GraphRecords): Promise<WriteSummary> {
    const q = NEO4J_WRITE_QUERIES;
    const ids = [...new Set(records.nodes.Article.map((a) => a.id))];
    if (ids.length === 0) return { articlesWritten: [], articlesSkipped: [] };
    const s = this.session('WRITE');
    try {
      await s.executeWrite(async (tx) => {
        const run = async (text: string, params: Record<string, unknown>) => (await tx.run(text, params)).records;
        const touched = new Set<string>();
        for (const t of NEO4J_REPLACE_QUERIES.touchedActors) for (const r of await run(t, { ids })) touched.add(String(r.get('id')));
        for (const t of REL_TYPES) await run(NEO4J_SWEEP_QUERIES.rels[t], { ids });
        await run(NEO4J_SWEEP_QUERIES.statements, { ids });
        await run(NEO4J_SWEEP_QUERIES.articles, { ids });
        // actors only these articles held go first, so the new records write them afresh (a renamed or retyped actor)
        if (touched.size) await run(NEO4J_REPLACE_QUERIES.pruneActors, { ids: [...touched] });
        for (const rows of chunks(intsAsInteger('Article', uniqueById(records.nodes.Article)), CHUNK)) await run(q.article, { rows });
        for (const rows of chunks(mergeActors(records.nodes.Actor), CHUNK)) await run(q.actor, { rows });
        for (const rows of chunks(uniqueById(records.nodes.Issue), CHUNK)) await run(q.issue, { rows });
        for (const rows of chunks(intsAsInteger('Statement', uniqueById(records.nodes.Statement)), CHUNK)) await run(q.statement, { rows });
        for (const t of REL_TYPES) {
          for (const rows of chunks(intsAsInteger(t, records.rels[t] as object[]), CHUNK)) await run(q.rels[t], { rows });
        }
        await run(q.markComplete, { ids });
      });
    } catch (err) {
      if (err instanceof StoreError) throw err;
      if (isUnavailable(err)) throw new StoreError('UNAVAILABLE', `Neo4j is unavailable: ${(err as Error).message}`, { cause: err });
      throw new StoreError('QUERY_FAILED', `replace failed: ${(err as Error).message}`, { cause: err });
    } finally {
      await s.close();
    }
    return { articlesWritten: ids, articlesSkipped: [] };
  }

  async read<T = Record<string, unknown>>(query: CypherQuery<T> | CypherQuery): Promise<T[]> {
    try {
      const records = await this.read1(query.text, paramsToNeo4j(query.params) as Record<string, unknown>);
      return records.map((rec) => {
        const o: Record<string, unknown> = {};
        for (const k of rec.keys) o[String(k)] = neo4jToPlain(rec.get(String(k)));
        return o as T;
      });
    } catch (err) {
      if (isUnavailable(err)) throw new StoreError('UNAVAILABLE', `Neo4j is unavailable: ${(err as Error).message}`, { cause: err });
      throw new StoreError('QUERY_FAILED', (err as Error).message, { cause: err });
    }
  }

  async counts(): Promise<Counts> {
    const nodes = {} as Counts['nodes'];
    const rels = {} as Counts['rels'];
    for (const l of NODE_LABELS) {
      const r = await this.read1(`MATCH (n:${A(l)}) RETURN count(n) AS c`);
      nodes[l] = Number(neo4jToPlain(r[0]?.get('c') ?? 0));
    }
    for (const t of REL_TYPES) {
      const r = await this.read1(`MATCH ()-[x:${A(t)}]->() RETURN count(x) AS c`);
      rels[t] = Number(neo4jToPlain(r[0]?.get('c') ?? 0));
    }
    return { nodes, rels };
  }

  async hasArticle(id: string): Promise<boolean> {
    const r = await this.read1(`MATCH (a:${A('Article')} {${A('id')}: $id}) WHERE a.${A('complete')} = true RETURN count(a) AS c`, { id });
    return Number(neo4jToPlain(r[0]?.get('c') ?? 0)) > 0;
  }

  /**
   * Guarded, then run in a READ transaction with a server-side timeout; rows are streamed and
   * reading stops at maxRows / maxBytes. A client-side timer backs the server timeout up.
   */
  async runConsole(query: string, params: Record<string, unknown>, limits: ConsoleLimits): Promise<ConsoleResult> {
    assertReadOnlyQuery(query);
    const started = Date.now();
    const session = this.session('READ', Math.min(1000, limits.maxRows + 1));
    let timer: NodeJS.Timeout | undefined;
    const work = session.executeRead(
      async (tx) => {
        const result = tx.run(query, paramsToNeo4j(params) as Record<string, unknown>);
        const rows: ConsoleValue[][] = [];
        let columns: string[] = [];
        let bytes = 2;
        let truncated = false;
        const iterate = result[Symbol.asyncIterator]?.bind(result);
        const records: AsyncIterable<RecordLike> | RecordLike[] = iterate ? { [Symbol.asyncIterator]: iterate } : (await result).records;
        for await (const rec of records) {
          if (columns.length === 0) columns = rec.keys.map(String);
          if (rows.length >= limits.maxRows) {
            truncated = true;
            break;
          }
          const row = columns.map((c) => neo4jToConsole(rec.get(c)));
          const size = JSON.stringify(row).length + 1;
          if (bytes + size > limits.maxBytes) {
            if (rows.length === 0) throw new StoreError('RESULT_TOO_LARGE', `the first row alone is over ${limits.maxBytes} bytes`);
            truncated = true;
            break;
          }
          bytes += size;
          rows.push(row);
        }
        if (columns.length === 0 && result.keys) columns = (await result.keys()).map(String);
        return { columns, rows, truncated };
      },
      { timeout: limits.timeoutMs },
    );
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreError('QUERY_TIMEOUT', `the query ran over the console's time limit of ${limits.timeoutMs} ms and was stopped`)),
        limits.timeoutMs + 1000,
      );
    });
    try {
      const r = await Promise.race([work, deadline]);
      return { ...r, elapsedMs: Date.now() - started };
    } catch (err) {
      if (err instanceof StoreError) throw err;
      if (isTimeout(err)) {
        throw new StoreError('QUERY_TIMEOUT', `the query ran over the console's time limit of ${limits.timeoutMs} ms and was stopped`, { cause: err });
      }
      if (isUnavailable(err)) throw new StoreError('UNAVAILABLE', `Neo4j is unavailable: ${(err as Error).message}`, { cause: err });
      throw new StoreError('QUERY_FAILED', (err as Error).message, { cause: err });
    } finally {
      if (timer) clearTimeout(timer);
      work.catch(() => undefined);
      // Closing the session ends the transaction on the server (also after a client-side timeout).
      void session.close().catch(() => undefined);
    }
  }
}
