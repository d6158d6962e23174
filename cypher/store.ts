/**
 * The one interface every graph store serves: LadybugDB (embedded, default) and Neo4j.
 * Server use cases and the ingest loader talk to this, never to a driver.
 */
import type { GraphRecords, NodeLabel, RelType } from './schema.ts';

/**
 * A Cypher query: text plus parameters. Values only ever travel as parameters. `Row` is the type of
 * one result row (type-level only, never set): `read(query)` returns `Row[]` without casts.
 */
export interface CypherQuery<Row = Record<string, unknown>> {
  readonly text: string;
  readonly params: Record<string, unknown>;
  readonly __row?: Row;
}

export interface Counts {
  nodes: Record<NodeLabel, number>;
  rels: Record<RelType, number>;
}

export interface WriteSummary {
  /** Articles whose subgraph was written by this call. */
  articlesWritten: string[];
  /** Articles already stored (same content id): nothing written for them. */
  articlesSkipped: string[];
}

export interface ConsoleLimits {
  /** Wall-clock limit; the query is stopped (its process killed if need be) after it. */
  timeoutMs: number;
  /** At most this many rows are returned; `truncated` says if more existed. */
  maxRows: number;
  /** At most this many bytes of JSON-serialised result. */
  maxBytes: number;
}

/** A value in a console result, made JSON-safe. Nodes and relationships are tagged so the UI can draw them. */
export type ConsoleValue =
  | null
  | boolean
  | number
  | string
  | ConsoleValue[]
  | { [key: string]: ConsoleValue }
  | ConsoleNode
  | ConsoleRel;

export interface ConsoleNode {
  $kind: 'node';
  id: string;
  label: string;
  properties: Record<string, ConsoleValue>;
}
export interface ConsoleRel {
  $kind: 'rel';
  id: string;
  type: string;
  from: string;
  to: string;
  properties: Record<string, ConsoleValue>;
}

export interface ConsoleResult {
  columns: string[];
  rows: ConsoleValue[][];
  truncated: boolean;
  elapsedMs: number;
}

export interface GraphStore {
  readonly kind: 'ladybug' | 'neo4j';
  /** Opens the store, creates the schema if missing, and removes any half-written article. */
  open(): Promise<void>;
  /** Waits for queued writes, then closes cleanly. */
  close(): Promise<void>;
  /**
   * Writes the subgraphs of one or more articles. Writes are queued (one at a time), idempotent
   * (an article already stored is skipped; node merges are by content-derived id) and never
   * leave a half-written article visible after a crash.
   */
  write(records: GraphRecords): Promise<WriteSummary>;
  /** Trusted, internal read queries (from `queries.ts`): plain rows of JSON-safe values. */
  read<T = Record<string, unknown>>(query: CypherQuery<T> | CypherQuery): Promise<T[]>;
  /** Untrusted console query: checked to be read-only, bounded in time, rows and bytes. */
  runConsole(query: string, params: Record<string, unknown>, limits: ConsoleLimits): Promise<ConsoleResult>;
  counts(): Promise<Counts>;
  hasArticle(id: string): Promise<boolean>;
  /**
   * Replaces the subgraphs of the records' articles (issue 12: a corrected re-extraction): deletes
   * each one's statements and every relationship with its articleId, writes the new records, then
   * deletes the actors those articles touched that are left with no relationship. Queued behind
   * other writes. Neo4j: one transaction. LadybugDB (no explicit transactions, see its store): the
   * articles are marked incomplete first, so a crash part way leaves them swept at the next open
   * and re-indexed from the archive and the corrections log.
   */
  replaceArticles(records: GraphRecords): Promise<WriteSummary>;
}

/** The one error type stores throw for problems a caller can act on. */
export class StoreError extends Error {
  constructor(
    readonly code: 'LOCKED' | 'QUERY_REFUSED' | 'QUERY_TIMEOUT' | 'QUERY_FAILED' | 'RESULT_TOO_LARGE' | 'INVALID_RECORDS' | 'UNAVAILABLE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
