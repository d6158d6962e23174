/**
 * LadybugDB (embedded Kùzu fork) implementation of `GraphStore`.
 *
 * Design constraints measured on @ladybugdb/core 0.19.1 (see the task notes in the report):
 *  - one writer at a time, and a connection whose BEGIN failed must not be reused → every write
 *    goes through one in-process queue, as auto-committed statements (no explicit transactions);
 *  - COPY inside an explicit transaction that rolls back empties the whole rel table → never;
 *  - nodes: `UNWIND $rows … MERGE` (~14k/s); relationships: `COPY T FROM (UNWIND $rows … RETURN …)`
 *    (a COPY from a parameterised subquery: as fast as COPY from CSV, with no quoting to get wrong);
 *  - atomicity per article comes from `Article.complete`: written false first, flipped true last;
 *    incomplete articles (a crash, a failed write) are swept at open and after a failed write.
 */
import fs from 'node:fs';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import type { Connection, Database, LbugValue, QueryResult } from '@ladybugdb/core';
import { ident, ladybugDdl, nodePropNames, propType, relPropNames } from '../ddl.ts';
import { NODE_LABELS, REL_TABLES, REL_TYPES, type GraphRecords, type NodeLabel, type RelType } from '../schema.ts';
import {
  StoreError,
  type ConsoleLimits,
  type ConsoleResult,
  type Counts,
  type CypherQuery,
  type GraphStore,
  type WriteSummary,
} from '../store.ts';
import { checkedWrite, chunks, planWrite, mergeActors, restrictToArticles, uniqueById } from './batch.ts';
import { recoverInterruptedCheckpoint, type CheckpointRecovery } from './recovery.ts';
import { toPlain } from './values.ts';

export interface LadybugConfig {
  /** Directory holding the database file (created if missing). */
  dataDir: string;
  /** Buffer pool of the read-write database (default 512 MiB). */
  bufferPoolBytes?: number;
  /** Console runner; created lazily by `runConsole` when absent (see console/ladybug-runner.ts). */
  console?: ConsoleRunnerLike;
  /** Called after each step of a write (tests use it to crash a writer at a known point). */
  onWriteStep?: (step: string) => void;
}

/** What the store needs from the console runner (kept as an interface to avoid a cycle). */
export interface ConsoleRunnerLike {
  run(query: string, params: Record<string, unknown>, limits: ConsoleLimits, generation: number): Promise<ConsoleResult>;
  close(): Promise<void>;
}

/** Name of the database file inside the data directory. */
export const DB_FILE = 'graph.lbug';

export function ladybugDbPath(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}

/**
 * Rows per statement. Parameters travel COLUMNAR (one list per property, `$c0…$cN`): the binding
 * converts a list of JS objects into LadybugDB structs in superlinear time (20k 15-field rows: ~9 s),
 * while plain lists convert in milliseconds. Measured: 20k statements via columnar COPY ≈ 1 s.
 */
const CHUNK = 10_000;

const DEFAULT_BUFFER = 512 * 1024 * 1024;

/**
 * A write statement whose parameters are the record fields, one list each (`$c0…$cN`). A column
 * with no typed value at all (only nulls, or only empty lists) gets no parameter: the binding would
 * type it ANY, which LadybugDB 0.19.1 cannot cast (it aborts with UNREACHABLE_CODE), so the
 * statement uses a typed constant for that column instead.
 */
export interface ColumnarQuery {
  readonly table: NodeLabel | RelType;
  readonly fields: readonly string[];
  /** Statement text for a batch whose `untyped` fields carry no value. */
  build(untyped: ReadonlySet<string>): string;
  /** Statement text when every column has a value (snapshots, tests). */
  readonly text: string;
}

function columnar(table: NodeLabel | RelType, fields: readonly string[], body: (c: (prop: string) => string) => string): ColumnarQuery {
  const build = (untyped: ReadonlySet<string>) => {
    const bound = fields.map((f, j) => ({ f, j })).filter(({ f }) => !untyped.has(f));
    const c = (prop: string): string => {
      if (prop === 'from' || prop === 'to') return `c${fields.indexOf(prop)}[i]`;
      const type = propType(table, prop);
      if (untyped.has(prop)) return type.endsWith('[]') ? `CAST([] AS ${type})` : `CAST(NULL AS ${type})`;
      return `CAST(c${fields.indexOf(prop)}[i] AS ${type})`;
    };
    // COPY refuses `$param[i]` directly (binder quirk), so the lists are bound to variables first.
    const source = `WITH ${bound.map(({ j }) => `$c${j} AS c${j}`).join(', ')} UNWIND range(1, size(c0)) AS i`;
    return body(c).replace('$SOURCE', source);
  };
  return { table, fields, build, text: build(new Set()) };
}

/** `COPY Label FROM (… RETURN c0[i], …)` in declared column order; `fixed` gives a column a constant. */
function copyNodeQuery(label: NodeLabel, fixed: Record<string, string> = {}): ColumnarQuery {
  const fields = nodePropNames(label).filter((p) => !(p in fixed));
  return columnar(label, fields, (c) => `COPY ${ident(label)} FROM ($SOURCE RETURN ${nodePropNames(label).map((p) => fixed[p] ?? c(p)).join(', ')})`);
}

function mergeNodeQuery(label: NodeLabel, onMatch?: (c: (prop: string) => string) => string): ColumnarQuery {
  const fields = nodePropNames(label);
  return columnar(label, fields, (c) => {
    const sets = fields
      .filter((p) => p !== 'id')
      .map((p) => `n.${ident(p)} = ${c(p)}`)
      .join(', ');
    const head = `$SOURCE MERGE (n:${ident(label)} {${ident('id')}: ${c('id')}})`;
    return onMatch ? `${head} ON CREATE SET ${sets} ON MATCH SET ${onMatch(c)}` : `${head} SET ${sets}`;
  });
}

function copyRelQuery(type: RelType): ColumnarQuery {
  const fields = ['from', 'to', ...relPropNames(type)];
  return columnar(type, fields, (c) => `COPY ${ident(type)} FROM ($SOURCE RETURN ${fields.map(c).join(', ')})`);
}

/** `UNWIND $rows AS r CREATE (n:Label {…})`, each property cast to its schema type. */
function createNodeQuery(label: NodeLabel, fixed: Record<string, string> = {}): string {
  const props = nodePropNames(label).map((p) => `${ident(p)}: ${fixed[p] ?? `CAST(r.${ident(p)} AS ${propType(label, p)})`}`);
  return `UNWIND $rows AS r CREATE (n:${ident(label)} {${props.join(', ')}})`;
}

/** Primary-key lookups of both endpoints, then CREATE; returns how many were created (a missing endpoint makes fewer). */
function createRelQuery(type: RelType): string {
  const def = REL_TABLES[type];
  const props = relPropNames(type).map((p) => `${ident(p)}: CAST(r.${ident(p)} AS ${propType(type, p)})`);
  return (
    `UNWIND $rows AS r MATCH (a:${ident(def.from)} {${ident('id')}: r.${ident('from')}}) MATCH (b:${ident(def.to)} {${ident('id')}: r.${ident('to')}}) ` +
    `CREATE (a)-[x:${ident(type)} {${props.join(', ')}}]->(b) RETURN count(x) AS n`
  );
}

/** The statement text and its columnar parameters `{c0: [...], …}` for `rows`. */
export function columnarStatement(q: ColumnarQuery, rows: readonly object[]): { text: string; params: Record<string, unknown[]> } {
  const params: Record<string, unknown[]> = {};
  const untyped = new Set<string>();
  q.fields.forEach((f, j) => {
    const values = rows.map((r) => (r as Record<string, unknown>)[f] ?? null);
    const typed = values.some((v) => v !== null && !(Array.isArray(v) && v.length === 0));
    if (typed || f === 'id' || f === 'from' || f === 'to') params[`c${j}`] = values;
    else untyped.add(f);
  });
  return { text: q.build(untyped), params };
}

/** Query texts, derived from the schema once. Values only ever travel as parameters. */
export const LADYBUG_WRITE_QUERIES = {
  /**
   * Articles and statements are new by construction (their ids are content-derived, the article is
   * not complete, and any incomplete copy was swept just before), so they are bulk-COPYed, not MERGEd.
   * The Article goes in with complete=false; `markComplete` flips it last.
   */
  article: copyNodeQuery('Article', { complete: 'false' }),
  statement: copyNodeQuery('Statement'),
  /** Actors are shared across articles: keep the first name/type, unite aliases, fill missing details. */
  actor: mergeNodeQuery('Actor', (c) =>
    [
      `n.${ident('aliases')} = list_distinct(list_concat(coalesce(n.${ident('aliases')}, CAST([] AS STRING[])), ${c('aliases')}))`,
      `n.${ident('description')} = coalesce(n.${ident('description')}, ${c('description')})`,
      `n.${ident('affiliation')} = coalesce(n.${ident('affiliation')}, ${c('affiliation')})`,
    ].join(', '),
  ),
  issue: mergeNodeQuery('Issue'),
  rels: Object.fromEntries(REL_TYPES.map((t) => [t, copyRelQuery(t)])) as Record<RelType, ColumnarQuery>,
  markComplete: `UNWIND $ids AS id MATCH (a:${ident('Article')} {${ident('id')}: id}) SET a.${ident('complete')} = true`,
  /**
   * Small batches (one article at a time) skip COPY: each COPY costs a fixed ~50–500 ms whatever
   * its size (measured: one 25-relationship article = 560 ms by COPY, 31 ms by UNWIND CREATE).
   */
  small: {
    Article: createNodeQuery('Article', { complete: 'false' }),
    Statement: createNodeQuery('Statement'),
    rels: Object.fromEntries(REL_TYPES.map((t) => [t, createRelQuery(t)])) as Record<RelType, string>,
  },
} as const;

/** Below this many rows a table's rows are CREATEd rather than COPYed (see `small`). */
export const SMALL_BATCH = 2000;

export const LADYBUG_SWEEP_QUERIES = {
  incomplete: `MATCH (a:${ident('Article')}) WHERE a.${ident('complete')} = false OR a.${ident('complete')} IS NULL RETURN a.${ident('id')} AS id`,
  rels: Object.fromEntries(
    REL_TYPES.map((t) => [t, `MATCH ()-[r:${ident(t)}]->() WHERE r.${ident('articleId')} IN $ids DELETE r`]),
  ) as Record<RelType, string>,
  statements: `MATCH (s:${ident('Statement')}) WHERE s.${ident('articleId')} IN $ids DETACH DELETE s`,
  articles: `MATCH (a:${ident('Article')}) WHERE a.${ident('id')} IN $ids DETACH DELETE a`,
  orphanActors: `MATCH (n:${ident('Actor')}) WHERE NOT EXISTS { MATCH (n)-[]-() } DELETE n`,
} as const;

function isLockError(err: unknown): boolean {
  return /could not set lock/i.test(String((err as Error)?.message ?? err));
}

export class LadybugStore implements GraphStore {
  readonly kind = 'ladybug' as const;
  readonly dataDir: string;
  readonly dbPath: string;
  private readonly bufferPoolBytes: number;
  private db: Database | null = null;
  private writer: Connection | null = null;
  private reader: Connection | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private consoleRunner: ConsoleRunnerLike | null;
  /** Bumped after every committed change; the console reopens its read-only view when it moves. */
  private gen = 0;

  constructor(cfg: LadybugConfig) {
    this.dataDir = path.resolve(cfg.dataDir);
    this.dbPath = ladybugDbPath(this.dataDir);
    this.bufferPoolBytes = cfg.bufferPoolBytes ?? DEFAULT_BUFFER;
    this.consoleRunner = cfg.console ?? null;
    this.onWriteStep = cfg.onWriteStep ?? null;
  }

  private readonly onWriteStep: ((step: string) => void) | null;

  get generation(): number {
    return this.gen;
  }

  /** What the last open() found and did about a checkpoint interrupted by a crash (see recovery.ts). */
  lastRecovery: CheckpointRecovery | null = null;

  async open(): Promise<void> {
    if (this.db) return;
    fs.mkdirSync(this.dataDir, { recursive: true });
    // Before the engine touches the files: 0.19.1 would delete the shadow file of a checkpoint
    // killed after its commit point, and then never open again (see recovery.ts).
    const locked = () =>
      `${this.dataDir} is in use by another claimgraph process (is the server running?). Stop it, or point --data-dir elsewhere.`;
    this.lastRecovery = recoverInterruptedCheckpoint(this.dbPath);
    // Not even tried: the engine would delete the other process's checkpoint shadow file before failing on the lock.
    if (this.lastRecovery.action === 'locked') throw new StoreError('LOCKED', locked());
    const db = new lbug.Database(this.dbPath, this.bufferPoolBytes, true, false);
    try {
      await db.init();
    } catch (err) {
      await db.close().catch(() => undefined);
      if (isLockError(err)) {
        throw new StoreError('LOCKED', locked(), { cause: err });
      }
      throw new StoreError('UNAVAILABLE', `cannot open LadybugDB at ${this.dbPath}: ${(err as Error).message}`, { cause: err });
    }
    this.db = db;
    this.writer = new lbug.Connection(db);
    this.reader = new lbug.Connection(db);
    await this.writer.init();
    await this.reader.init();
    for (const stmt of ladybugDdl()) await this.exec(this.writer, stmt);
    await this.sweep();
    await this.checkpoint();
    this.gen++;
  }

  /**
   * Folds the write-ahead log into the database file. The console's read-only processes open the
   * file afresh after each write; measured: opening it with a non-empty WAL fails with
   * "Corrupted wal file", so every committed change is checkpointed before they move on.
   */
  private async checkpoint(): Promise<void> {
    if (this.writer) await this.exec(this.writer, 'CHECKPOINT');
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.consoleRunner) await this.consoleRunner.close();
    // A later open() starts a fresh runner.
    this.consoleRunner = null;
    const db = this.db;
    this.db = null;
    if (!db) return;
    await this.reader?.close().catch(() => undefined);
    await this.writer?.close().catch(() => undefined);
    this.reader = this.writer = null;
    await db.close();
  }

  private conn(which: 'writer' | 'reader'): Connection {
    const c = which === 'writer' ? this.writer : this.reader;
    if (!c) throw new StoreError('UNAVAILABLE', 'the LadybugDB store is not open');
    return c;
  }

  /** Runs one statement (prepared when it has parameters) and returns its rows, raw. */
  private async exec(conn: Connection, text: string, params?: Record<string, unknown>): Promise<Record<string, LbugValue>[]> {
    let result: QueryResult | QueryResult[];
    if (params && Object.keys(params).length > 0) {
      const ps = await conn.prepare(text);
      if (!ps.isSuccess()) throw new StoreError('QUERY_FAILED', ps.getErrorMessage());
      result = await conn.execute(ps, params as Record<string, LbugValue>);
    } else {
      result = await conn.query(text);
    }
    const results = Array.isArray(result) ? result : [result];
    const rows: Record<string, LbugValue>[] = [];
    for (const r of results) {
      rows.push(...(await r.getAll()));
      r.close();
    }
    return rows;
  }

  /** Serialises `fn` behind every earlier write. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Removes every incomplete article with its statements, relationships and orphaned actors. */
  private async sweep(): Promise<string[]> {
    const w = this.conn('writer');
    const ids = (await this.exec(w, LADYBUG_SWEEP_QUERIES.incomplete)).map((r) => String(r.id));
    if (ids.length === 0) return ids;
    for (const t of REL_TYPES) await this.exec(w, LADYBUG_SWEEP_QUERIES.rels[t], { ids });
    await this.exec(w, LADYBUG_SWEEP_QUERIES.statements, { ids });
    await this.exec(w, LADYBUG_SWEEP_QUERIES.articles, { ids });
    await this.exec(w, LADYBUG_SWEEP_QUERIES.orphanActors);
    return ids;
  }

  write(records: GraphRecords): Promise<WriteSummary> {
    return checkedWrite(records, () => this.enqueue(() => this.writeNow(records)));
  }

  private async writeNow(records: GraphRecords): Promise<WriteSummary> {
    const w = this.conn('writer');
    const articleIds = [...new Set(records.nodes.Article.map((a) => a.id))];
    const done = articleIds.length
      ? new Set(
          (
            await this.exec(
              w,
              // Primary-key lookups, not a scan of every article.
              `UNWIND $ids AS id MATCH (a:${ident('Article')} {${ident('id')}: id}) WHERE a.${ident('complete')} = true RETURN a.${ident('id')} AS id`,
              { ids: articleIds },
            )
          ).map((r) => String(r.id)),
        )
      : new Set<string>();
    const { todo, summary } = planWrite(articleIds, done);
    if (todo.length === 0) return summary;

    const batch = restrictToArticles(records, new Set(todo));
    try {
      // A leftover incomplete copy of one of these articles (an earlier failed write) goes first.
      await this.sweep();
      const q = LADYBUG_WRITE_QUERIES;
      const put = async (query: ColumnarQuery, rows: readonly object[]) => {
        for (const part of chunks(rows, CHUNK)) {
          const st = columnarStatement(query, part);
          await this.exec(w, st.text, st.params);
        }
        this.onWriteStep?.(query.table);
      };
      const putNew = async (query: ColumnarQuery, small: string, rows: readonly object[]) => {
        if (rows.length >= SMALL_BATCH) return put(query, rows);
        if (rows.length > 0) {
          const out = await this.exec(w, small, { rows });
          // A relationship whose endpoint is missing is not created by MATCH … CREATE (COPY would fail): fail alike.
          const made = out[0] && 'n' in out[0] ? Number(out[0].n) : rows.length;
          if (made !== rows.length) {
            throw new StoreError('INVALID_RECORDS', `${query.table}: ${rows.length - made} of ${rows.length} relationships name an endpoint that does not exist`);
          }
        }
        this.onWriteStep?.(query.table);
      };
      await putNew(q.article, q.small.Article, uniqueById(batch.nodes.Article));
      await put(q.actor, mergeActors(batch.nodes.Actor));
      await put(q.issue, uniqueById(batch.nodes.Issue));
      await putNew(q.statement, q.small.Statement, uniqueById(batch.nodes.Statement));
      for (const t of REL_TYPES) await putNew(q.rels[t], q.small.rels[t], batch.rels[t]);
      for (const ids of chunks(todo, CHUNK)) await this.exec(w, q.markComplete, { ids });
    } catch (err) {
      // Leave nothing half-written behind: the articles of this call are still incomplete.
      await this.sweep().catch(() => undefined);
      await this.checkpoint().catch(() => undefined);
      this.gen++;
      if (err instanceof StoreError) throw err;
      throw new StoreError('QUERY_FAILED', `write failed: ${(err as Error).message}`, { cause: err });
    }
    await this.checkpoint();
    this.gen++;
    return summary;
  }

  async read<T = Record<string, unknown>>(query: CypherQuery): Promise<T[]> {
    try {
      const rows = await this.exec(this.conn('reader'), query.text, query.params);
      return rows.map((r) => toPlain(r) as T);
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError('QUERY_FAILED', (err as Error).message, { cause: err });
    }
  }

  async counts(): Promise<Counts> {
    const r = this.conn('reader');
    const nodes = {} as Counts['nodes'];
    const rels = {} as Counts['rels'];
    for (const l of NODE_LABELS) {
      const rows = await this.exec(r, `MATCH (n:${ident(l)}) RETURN count(n) AS c`);
      nodes[l] = Number(rows[0]?.c ?? 0);
    }
    for (const t of REL_TYPES) {
      const def = REL_TABLES[t];
      const rows = await this.exec(r, `MATCH (:${ident(def.from)})-[x:${ident(t)}]->(:${ident(def.to)}) RETURN count(x) AS c`);
      rels[t] = Number(rows[0]?.c ?? 0);
    }
    return { nodes, rels };
  }

  async hasArticle(id: string): Promise<boolean> {
    const rows = await this.exec(
      this.conn('reader'),
      `MATCH (a:${ident('Article')} {${ident('id')}: $id}) WHERE a.${ident('complete')} = true RETURN count(a) AS c`,
      { id },
    );
    return Number(rows[0]?.c ?? 0) > 0;
  }

  async runConsole(query: string, params: Record<string, unknown>, limits: ConsoleLimits): Promise<ConsoleResult> {
    if (!this.db) throw new StoreError('UNAVAILABLE', 'the LadybugDB store is not open');
    if (!this.consoleRunner) {
      const { LadybugConsoleRunner } = await import('../console/ladybug-runner.ts');
      this.consoleRunner = new LadybugConsoleRunner({ dbPath: this.dbPath });
    }
    return this.consoleRunner.run(query, params, limits, this.gen);
  }
}
