/**
 * LadybugDB (embedded Kùzu fork) implementation of `GraphStore`.
 *
 * Design constraints measured on @ladybugdb/core 0.19.1 (see the task notes in the report):
 *  - one writer at a time, and a connection whose BEGIN failed must not be reused → every write
 *    goes through one in-process queue, as auto-committed statements (no explicit transactions);
 *  - COPY inside an explicit transaction that rolls back empties the whole rel table → never;
 *  - measured at 2k–20k articles (bench/scale-write-paths.ts): new nodes by a columnar `CREATE`
 *    (Statement: 49 ms per 1.2k rows, against 110 ms for rows of structs); relationships by
 *    `UNWIND $rows MATCH … CREATE` (SAID: 96 ms per 1.8k rows, against 312 ms by `COPY FROM
 *    (subquery)` and 147 ms by `COPY FROM` a CSV file); actors by primary-key lookup, then CREATE
 *    of the new ones and SET of the few that gain an alias (a MERGE cost 330 ms per 250 actors);
 *  - COPY only for very large batches (`copyMinRows`), where its fixed cost is amortised;
 *  - atomicity per article comes from `Article.complete`: written false first, flipped true last;
 *    incomplete articles (a crash, a failed write) are swept at open and after a failed write;
 *  - `replaceArticles` (issue 12) is therefore not atomic: it marks the articles incomplete in one
 *    statement first, so a crash part way leaves them swept at open and re-indexed from the archive
 *    with the corrections log applied (archive/index-sync.ts); readers may briefly miss them.
 */
import fs from 'node:fs';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import type { Connection, Database, LbugValue, QueryResult } from '@ladybugdb/core';
import { ident, ladybugColumnMigrations, ladybugDdl, nodePropNames, propType, relPropNames } from '../ddl.ts';
import { endpointIdProps, NODE_LABELS, REL_TABLES, REL_TYPES, type ActorNode as ActorNodeRow, type GraphRecords, type NodeLabel, type RelType } from '../schema.ts';
import {
  StoreError,
  type ConsoleLimits,
  type ConsoleResult,
  type Counts,
  type CypherQuery,
  type GraphStore,
  type WriteSummary,
} from '../store.ts';
import { checkedWrite, chunks, planActors, planWrite, mergeActors, restrictToArticles, uniqueById, type StoredActor } from './batch.ts';
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
  /** When committed writes are folded into the database file (default `DEFAULT_CHECKPOINT_POLICY`). */
  checkpoint?: CheckpointPolicy | 'every-write';
  /** Rows of one relationship type from which a write uses COPY (default `DEFAULT_COPY_MIN_ROWS`). */
  copyMinRows?: number;
  /** Read connections on the one database (default `DEFAULT_READERS`): concurrent reads run in parallel. */
  readers?: number;
}

/**
 * Reads spread over this many connections. A LadybugDB connection runs one query at a time (the
 * binding queues the rest behind it), while queries on separate connections of one Database run
 * in parallel on the engine's threads (measured, 10 concurrent clients of one relation query on
 * the 31k-article store: 1 connection 10.5 q/s, 2: 21.4, 3: 27.8, 4: 22.9, 6: 15.2). Above 3 the binding's calls (run on libuv's pool
 * of 4 threads) queue behind queries. Writes keep their own connection, serialised by the queue.
 */
export const DEFAULT_READERS = 3;

/**
 * Checkpoints run on a budget, not after every write: measured, a CHECKPOINT costs 0.5 s on a fresh
 * store and ~5 s at 21k articles, which made ingest quadratic when every 100-article batch paid one.
 * Committed writes are durable in the write-ahead log meanwhile (replayed at open), and the article
 * archive holds every acknowledged article in any case.
 */
export interface CheckpointPolicy {
  /** The engine checkpoints by itself once the WAL holds this many bytes (bounds memory and replay time). */
  walBytes: number;
  /** A checkpoint follows this long after the last write when no other write came (a server's trickle of writes). */
  idleMs: number;
}

/**
 * idleMs is long on purpose: on this shared machine a 100-article batch can take 5–10 s to extract,
 * and a shorter pause fired a checkpoint between every two batches of an ingest (measured: 16
 * checkpoints for 2,000 articles at 5 s). The console does not wait for it: it flushes on demand.
 */
export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { walBytes: 256 * 2 ** 20, idleMs: 60_000 };

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

/** `… UNWIND range(…) AS i CREATE (n:Label {p: c0[i], …})`; `fixed` gives a column a constant. */
function createColumnarQuery(label: NodeLabel, fixed: Record<string, string> = {}): ColumnarQuery {
  const fields = nodePropNames(label).filter((p) => !(p in fixed));
  return columnar(label, fields, (c) => `$SOURCE CREATE (n:${ident(label)} {${nodePropNames(label).map((p) => `${ident(p)}: ${fixed[p] ?? c(p)}`).join(', ')}})`);
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

/** A relationship's properties the store fills from an endpoint's id (schema ENDPOINT_ID_PROPS), prop → end. */
const endpointProps = (type: RelType) => new Map(endpointIdProps(type));

function copyRelQuery(type: RelType): ColumnarQuery {
  const derived = endpointProps(type);
  const columns = ['from', 'to', ...relPropNames(type)];
  const fields = columns.filter((f) => !derived.has(f));
  return columnar(type, fields, (c) => `COPY ${ident(type)} FROM ($SOURCE RETURN ${columns.map((f) => c(derived.get(f) ?? f)).join(', ')})`);
}

/** A typed constant for a column with no typed value in a batch (see `ColumnarQuery`). */
function typedEmpty(type: string): string {
  return type.endsWith('[]') ? `CAST([] AS ${type})` : `CAST(NULL AS ${type})`;
}

/**
 * Primary-key lookups of both endpoints, then CREATE; returns how many were created (a missing
 * endpoint makes fewer). Rows of structs, not columns: `MATCH … {id: c0[i]}` is not planned as an
 * index lookup (measured: 958 ms against 59 ms for 1.2k SAID rows). `untyped` fields get constants.
 */
function createRelQuery(type: RelType, untyped: ReadonlySet<string> = new Set()): string {
  const def = REL_TABLES[type];
  const derived = endpointProps(type);
  const props = relPropNames(type).map((p) => {
    const t = propType(type, p);
    const end = derived.get(p);
    if (end) return `${ident(p)}: ${end === 'from' ? 'a' : 'b'}.${ident('id')}`;
    return `${ident(p)}: ${untyped.has(p) ? typedEmpty(t) : `CAST(r.${ident(p)} AS ${t})`}`;
  });
  return (
    `UNWIND $rows AS r MATCH (a:${ident(def.from)} {${ident('id')}: r.${ident('from')}}) MATCH (b:${ident(def.to)} {${ident('id')}: r.${ident('to')}}) ` +
    `CREATE (a)-[x:${ident(type)} {${props.join(', ')}}]->(b) RETURN count(x) AS n`
  );
}

/**
 * Rows of structs the binding can type: every declared field present (absent → null, so a column
 * older records lack does not fail the binder), and fields with no typed value in the whole batch
 * left out and written as typed constants (the binding would type them ANY; see `ColumnarQuery`).
 */
export function relRowsStatement(type: RelType, rows: readonly object[]): { text: string; params: { rows: Record<string, unknown>[] } } {
  const derived = endpointProps(type);
  const fields = ['from', 'to', ...relPropNames(type).filter((f) => !derived.has(f))];
  const untyped = new Set(
    relPropNames(type).filter((f) => !derived.has(f)).filter((f) => rows.every((r) => {
      const v = (r as Record<string, unknown>)[f];
      return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
    })),
  );
  const out = rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const f of fields) if (!untyped.has(f)) o[f] = (r as Record<string, unknown>)[f] ?? null;
    return o;
  });
  return { text: createRelQuery(type, untyped), params: { rows: out } };
}

/** The SET of stored actors that gained aliases or details; only fields some row gives a value (the others keep theirs). */
export function actorUpdateStatement(rows: readonly StoredActor[]): { text: string; params: { rows: Record<string, unknown>[] } } {
  const fields = (['aliases', 'description', 'affiliation'] as const).filter((f) =>
    rows.some((r) => (f === 'aliases' ? r.aliases.length > 0 : r[f] !== null)),
  );
  const sets = fields.map((f) => `n.${ident(f)} = CAST(r.${ident(f)} AS ${propType('Actor', f)})`);
  return {
    text: `UNWIND $rows AS r MATCH (n:${ident('Actor')} {${ident('id')}: r.${ident('id')}}) SET ${sets.join(', ')}`,
    params: { rows: rows.map((r) => Object.fromEntries([['id', r.id], ...fields.map((f) => [f, r[f]])])) },
  };
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
   * not complete, and any incomplete copy was swept), so they are CREATEd, not MERGEd.
   * The Article goes in with complete=false; `markComplete` flips it last.
   */
  article: createColumnarQuery('Article', { complete: 'false' }),
  statement: createColumnarQuery('Statement'),
  /**
   * Actors are shared across articles: looked up by id (`actorLookup`), the new ones CREATEd, the
   * stored ones that gain aliases or details updated (`actorUpdateStatement`; first name/type kept).
   */
  actor: createColumnarQuery('Actor'),
  actorLookup:
    `UNWIND $ids AS id MATCH (n:${ident('Actor')} {${ident('id')}: id}) ` +
    `RETURN n.${ident('id')} AS id, n.${ident('aliases')} AS aliases, n.${ident('description')} AS description, n.${ident('affiliation')} AS affiliation`,
  issue: mergeNodeQuery('Issue'),
  /** COPY, for batches of at least `copyMinRows` rows of one relationship type. */
  rels: Object.fromEntries(REL_TYPES.map((t) => [t, copyRelQuery(t)])) as Record<RelType, ColumnarQuery>,
  markComplete: `UNWIND $ids AS id MATCH (a:${ident('Article')} {${ident('id')}: id}) SET a.${ident('complete')} = true`,
  /** Relationships below `copyMinRows` (every incremental batch): PK lookups and CREATE (`relRowsStatement`). */
  small: {
    rels: Object.fromEntries(REL_TYPES.map((t) => [t, createRelQuery(t)])) as Record<RelType, string>,
  },
} as const;

/**
 * Rows of one relationship type from which a write uses COPY (its fixed cost, ~0.3 s plus a
 * checkpoint per statement, is then amortised). Measured: below 20k rows UNWIND CREATE is faster.
 */
export const DEFAULT_COPY_MIN_ROWS = 50_000;

/** Rows per UNWIND statement of structs (the binding's conversion of structs is superlinear in the list length). */
const ROWS_CHUNK = 2_000;

export const LADYBUG_SWEEP_QUERIES = {
  incomplete: `MATCH (a:${ident('Article')}) WHERE a.${ident('complete')} = false OR a.${ident('complete')} IS NULL RETURN a.${ident('id')} AS id`,
  rels: Object.fromEntries(
    REL_TYPES.map((t) => [t, `MATCH ()-[r:${ident(t)}]->() WHERE r.${ident('articleId')} IN $ids DELETE r`]),
  ) as Record<RelType, string>,
  statements: `MATCH (s:${ident('Statement')}) WHERE s.${ident('articleId')} IN $ids DETACH DELETE s`,
  articles: `MATCH (a:${ident('Article')}) WHERE a.${ident('id')} IN $ids DETACH DELETE a`,
  orphanActors: `MATCH (n:${ident('Actor')}) WHERE NOT EXISTS { MATCH (n)-[]-() } DELETE n`,
} as const;

/** Run at open after the column migrations. */
export const LADYBUG_MIGRATION_QUERIES = {
  endpointIds: REL_TYPES.flatMap((t) =>
    endpointIdProps(t).map(([prop, end]) => {
      const def = REL_TABLES[t];
      return (
        `MATCH (a:${ident(def.from)})-[r:${ident(t)}]->(b:${ident(def.to)}) WHERE r.${ident(prop)} IS NULL ` +
        `SET r.${ident(prop)} = ${end === 'from' ? 'a' : 'b'}.${ident('id')}`
      );
    }),
  ),
} as const;

/** What `replaceArticles` runs besides the sweep's deletions (issue 12). */
export const LADYBUG_REPLACE_QUERIES = {
  /** actors with a relationship of the given articles (each rel type with an Actor end, both ends) */
  touchedActors: [
    ...REL_TYPES.filter((t) => REL_TABLES[t].from === 'Actor').map(
      (t) => `MATCH (n:${ident('Actor')})-[r:${ident(t)}]->() WHERE r.${ident('articleId')} IN $ids RETURN DISTINCT n.${ident('id')} AS id`,
    ),
    ...REL_TYPES.filter((t) => REL_TABLES[t].to === 'Actor').map(
      (t) => `MATCH ()-[r:${ident(t)}]->(n:${ident('Actor')}) WHERE r.${ident('articleId')} IN $ids RETURN DISTINCT n.${ident('id')} AS id`,
    ),
  ],
  /** first: a crash from here on leaves them incomplete, swept at open and re-indexed from the archive */
  markIncomplete: `UNWIND $ids AS id MATCH (a:${ident('Article')} {${ident('id')}: id}) SET a.${ident('complete')} = false`,
  pruneActors: `UNWIND $ids AS id MATCH (n:${ident('Actor')} {${ident('id')}: id}) WHERE NOT EXISTS { MATCH (n)-[]-() } DELETE n`,
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
  /** The read pool, and how many queries each connection is running (a read goes to the least busy). */
  private readers: Connection[] = [];
  private readerLoad: number[] = [];
  private readonly readerCount: number;
  private queue: Promise<unknown> = Promise.resolve();
  private consoleRunner: ConsoleRunnerLike | null;
  /** Bumped after every committed change; the console reopens its read-only view when it moves. */
  private gen = 0;
  /** Committed changes not yet checkpointed (the WAL is not empty: read-only opens would fail). */
  private dirty = false;
  /** An earlier write failed and its clean-up too: sweep before the next write. */
  private needsSweep = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly policy: CheckpointPolicy | 'every-write';
  private readonly checkpointListeners = new Set<(generation: number) => void>();
  /** Checkpoints run and their total time (the scale bench reports them). */
  readonly checkpointStats = { count: 0, ms: 0 };

  constructor(cfg: LadybugConfig) {
    this.dataDir = path.resolve(cfg.dataDir);
    this.dbPath = ladybugDbPath(this.dataDir);
    this.bufferPoolBytes = cfg.bufferPoolBytes ?? DEFAULT_BUFFER;
    this.consoleRunner = cfg.console ?? null;
    this.onWriteStep = cfg.onWriteStep ?? null;
    this.policy = cfg.checkpoint ?? DEFAULT_CHECKPOINT_POLICY;
    this.copyMinRows = cfg.copyMinRows ?? DEFAULT_COPY_MIN_ROWS;
    this.readerCount = Math.max(1, Math.floor(cfg.readers ?? DEFAULT_READERS));
  }

  private readonly copyMinRows: number;

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
    const walBytes = this.policy === 'every-write' ? -1 : this.policy.walBytes;
    const db = new lbug.Database(this.dbPath, this.bufferPoolBytes, true, false, 0, true, walBytes);
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
    await this.writer.init();
    for (let i = 0; i < this.readerCount; i++) {
      const c = new lbug.Connection(db);
      await c.init();
      this.readers.push(c);
      this.readerLoad.push(0);
    }
    for (const stmt of ladybugDdl()) await this.exec(this.writer, stmt);
    await this.migrateColumns(this.writer);
    await this.fillEndpointIds(this.writer);
    await this.sweep();
    await this.checkpoint();
    this.gen++;
  }

  /**
   * Folds the write-ahead log into the database file. The console's read-only processes open the
   * file afresh when the generation moves; measured: opening it with a non-empty WAL fails with
   * "Corrupted wal file", so the console asks for a checkpoint first (`flush`), and listeners
   * (`onCheckpoint`) learn when the file holds every committed change.
   */
  private async checkpoint(): Promise<void> {
    if (!this.writer) return;
    const t0 = performance.now();
    await this.exec(this.writer, 'CHECKPOINT');
    this.checkpointStats.count++;
    this.checkpointStats.ms += performance.now() - t0;
    this.dirty = false;
    for (const fn of this.checkpointListeners) fn(this.gen);
  }

  /** Called after every checkpoint with the generation the database file now holds; returns an unsubscribe. */
  onCheckpoint(fn: (generation: number) => void): () => void {
    this.checkpointListeners.add(fn);
    return () => this.checkpointListeners.delete(fn);
  }

  /** Whether committed changes wait in the WAL (a read-only open would fail until `flush`). */
  get pendingCheckpoint(): boolean {
    return this.dirty;
  }

  /**
   * Checkpoints now if anything is pending, behind queued writes: the end of a batch run (the
   * CLI's ingest, a rebuild) and the console's readers call it; `close` does.
   */
  flush(): Promise<void> {
    if (!this.db) return Promise.resolve();
    return this.enqueue(async () => {
      if (this.dirty && this.db) await this.checkpoint();
    });
  }

  /** After a committed write: checkpoint now (policy `every-write`) or when the writes pause. */
  private async afterCommit(): Promise<void> {
    this.dirty = true;
    if (this.policy === 'every-write') {
      await this.checkpoint();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.flush().catch(() => undefined);
    }, this.policy.idleMs);
    this.idleTimer.unref();
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    // A clean close leaves no WAL behind: the next open (or a read-only reader) needs no replay.
    if (this.db && this.dirty) await this.checkpoint().catch(() => undefined);
    if (this.consoleRunner) await this.consoleRunner.close();
    // A later open() starts a fresh runner.
    this.consoleRunner = null;
    const db = this.db;
    this.db = null;
    if (!db) return;
    for (const c of this.readers) await c.close().catch(() => undefined);
    await this.writer?.close().catch(() => undefined);
    this.readers = [];
    this.readerLoad = [];
    this.writer = null;
    await db.close();
  }

  private conn(which: 'writer' | 'reader'): Connection {
    const c = which === 'writer' ? this.writer : this.readers[0];
    if (!c) throw new StoreError('UNAVAILABLE', 'the LadybugDB store is not open');
    return c;
  }

  /** Runs `fn` on the least busy read connection. */
  private async withReader<T>(fn: (c: Connection) => Promise<T>): Promise<T> {
    if (this.readers.length === 0) throw new StoreError('UNAVAILABLE', 'the LadybugDB store is not open');
    let best = 0;
    for (let i = 1; i < this.readerLoad.length; i++) if (this.readerLoad[i]! < this.readerLoad[best]!) best = i;
    const loads = this.readerLoad;
    loads[best] = (loads[best] ?? 0) + 1;
    try {
      return await fn(this.readers[best]!);
    } finally {
      // a close() meanwhile replaced the arrays: nothing to release
      if (loads === this.readerLoad) loads[best] = (loads[best] ?? 1) - 1;
    }
  }

  /** Adds the columns a store of an older version lacks (see ladybugColumnMigrations). */
  private async migrateColumns(conn: Connection): Promise<void> {
    const existing = new Map<string, Set<string>>();
    for (const table of [...NODE_LABELS, ...REL_TYPES]) {
      const rows = await this.exec(conn, `CALL table_info(${JSON.stringify(table)}) RETURN name`);
      existing.set(table, new Set(rows.map((r) => String(r.name))));
    }
    for (const stmt of ladybugColumnMigrations(existing)) await this.exec(conn, stmt);
  }

  /**
   * Fills the endpoint-id properties (schema ENDPOINT_ID_PROPS) of relationships an older version
   * wrote without them. A filter over the relationship column when there is nothing to do.
   */
  private async fillEndpointIds(conn: Connection): Promise<void> {
    for (const stmt of LADYBUG_MIGRATION_QUERIES.endpointIds) await this.exec(conn, stmt);
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
      // one push per row: a spread of a large result (225k rows) overflows the call stack
      for (const row of await r.getAll()) rows.push(row);
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
      // A leftover incomplete copy of one of these articles (an earlier write whose clean-up failed)
      // goes first. Not on every write: the sweep scans every Article, which made writes O(store).
      if (this.needsSweep) {
        await this.sweep();
        this.needsSweep = false;
      }
      const q = LADYBUG_WRITE_QUERIES;
      const put = async (query: ColumnarQuery, rows: readonly object[]) => {
        for (const part of chunks(rows, CHUNK)) {
          const st = columnarStatement(query, part);
          await this.exec(w, st.text, st.params);
        }
      };
      const putRels = async (type: RelType, rows: readonly object[]) => {
        if (rows.length >= this.copyMinRows) return put(q.rels[type], rows);
        for (const part of chunks(rows, ROWS_CHUNK)) {
          const st = relRowsStatement(type, part);
          const out = await this.exec(w, st.text, st.params);
          // A relationship whose endpoint is missing is not created by MATCH … CREATE (COPY would fail): fail alike.
          const made = Number(out[0]?.n ?? 0);
          if (made !== part.length) {
            throw new StoreError('INVALID_RECORDS', `${type}: ${part.length - made} of ${part.length} relationships name an endpoint that does not exist`);
          }
        }
      };
      const step = (name: string) => this.onWriteStep?.(name);
      await put(q.article, uniqueById(batch.nodes.Article));
      step('Article');
      await this.putActors(w, mergeActors(batch.nodes.Actor));
      step('Actor');
      await put(q.issue, uniqueById(batch.nodes.Issue));
      step('Issue');
      await put(q.statement, uniqueById(batch.nodes.Statement));
      step('Statement');
      for (const t of REL_TYPES) {
        await putRels(t, batch.rels[t]);
        step(t);
      }
      for (const ids of chunks(todo, CHUNK)) await this.exec(w, q.markComplete, { ids });
    } catch (err) {
      // Leave nothing half-written behind: the articles of this call are still incomplete.
      await this.sweep().catch(() => {
        this.needsSweep = true;
      });
      this.gen++;
      await this.afterCommit().catch(() => undefined);
      if (err instanceof StoreError) throw err;
      throw new StoreError('QUERY_FAILED', `write failed: ${(err as Error).message}`, { cause: err });
    }
    this.gen++;
    await this.afterCommit();
    return summary;
  }

  replaceArticles(records: GraphRecords): Promise<WriteSummary> {
    return checkedWrite(records, () => this.enqueue(() => this.replaceNow(records)));
  }

  private async replaceNow(records: GraphRecords): Promise<WriteSummary> {
    const w = this.conn('writer');
    const ids = [...new Set(records.nodes.Article.map((a) => a.id))];
    if (ids.length === 0) return { articlesWritten: [], articlesSkipped: [] };
    const R = LADYBUG_REPLACE_QUERIES;
    const touched = new Set<string>();
    try {
      for (const q of R.touchedActors) for (const r of await this.exec(w, q, { ids })) touched.add(String(r.id));
      await this.exec(w, R.markIncomplete, { ids });
      this.onWriteStep?.('replace:incomplete');
      for (const t of REL_TYPES) await this.exec(w, LADYBUG_SWEEP_QUERIES.rels[t], { ids });
      await this.exec(w, LADYBUG_SWEEP_QUERIES.statements, { ids });
      await this.exec(w, LADYBUG_SWEEP_QUERIES.articles, { ids });
      // actors only these articles held go now, so the new records write them afresh (a renamed or retyped actor)
      if (touched.size) await this.exec(w, R.pruneActors, { ids: [...touched] });
      this.onWriteStep?.('replace:deleted');
    } catch (err) {
      // the articles are incomplete (or gone): the sweep at the next write or open removes what is left
      this.needsSweep = true;
      this.gen++;
      await this.afterCommit().catch(() => undefined);
      throw new StoreError('QUERY_FAILED', `replace failed: ${(err as Error).message}`, { cause: err });
    }
    const summary = await this.writeNow(records);
    for (const a of records.nodes.Actor) touched.delete(a.id);
    if (touched.size) {
      await this.exec(w, R.pruneActors, { ids: [...touched] });
      this.gen++;
      await this.afterCommit();
    }
    return summary;
  }

  /** Actors by primary-key lookup: the new ones created, the stored ones updated only when they gain something. */
  private async putActors(w: Connection, actors: readonly ActorNodeRow[]): Promise<void> {
    const q = LADYBUG_WRITE_QUERIES;
    const stored = new Map<string, StoredActor>();
    for (const ids of chunks(actors.map((a) => a.id), CHUNK)) {
      for (const r of await this.exec(w, q.actorLookup, { ids })) {
        const id = String(r.id);
        stored.set(id, {
          id,
          aliases: Array.isArray(r.aliases) ? r.aliases.map(String) : [],
          description: r.description === null || r.description === undefined ? null : String(r.description),
          affiliation: r.affiliation === null || r.affiliation === undefined ? null : String(r.affiliation),
        });
      }
    }
    const plan = planActors(actors, stored);
    for (const part of chunks(plan.create, CHUNK)) {
      const st = columnarStatement(q.actor, part);
      await this.exec(w, st.text, st.params);
    }
    for (const part of chunks(plan.update, ROWS_CHUNK)) {
      const st = actorUpdateStatement(part);
      await this.exec(w, st.text, st.params);
    }
  }

  async read<T = Record<string, unknown>>(query: CypherQuery<T> | CypherQuery): Promise<T[]> {
    try {
      const rows = await this.withReader((c) => this.exec(c, query.text, query.params));
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
    // The console's read-only processes cannot open the file while the WAL holds commits.
    await this.flush();
    return this.consoleRunner.run(query, params, limits, this.gen);
  }
}
