/**
 * The loader: checked articles → extraction → graph records → a store, in batches (the stores'
 * bulk write path is far faster per row than single-article writes). One article's failure is
 * reported and the others go on; re-ingesting an article is a no-op. With extraction workers, the
 * next batches are extracted in other threads while one is archived and written (issue 10); the
 * order of everything a caller sees (results, callbacks, writes) stays the input order.
 */
import type { GraphRecords } from '../cypher/schema.ts';
import { emptyGraphRecords, NODE_LABELS, REL_TYPES } from '../cypher/schema.ts';
import type { GraphStore } from '../cypher/store.ts';
import { extractOne, type Extracted } from './parallel/extract-one.ts';
import { defaultWorkerCount, ExtractPool, workerCountFromEnv, type PoolStats } from './parallel/extract-pool.ts';
import type { IssueSet } from './positions/issue-set.ts';
import type { ArticleInput } from './types.ts';
import type { Correction, CorrectionOutcome } from './review/corrections.ts';

export interface IngestResult {
  file: string;
  status: 'ingested' | 'skipped' | 'failed';
  articleId: string | null;
  statements: number;
  error: string | null;
}

export interface IngestReport {
  results: IngestResult[];
  /** articles newly written */
  articles: number;
  /** distinct actors in the newly written articles */
  actors: number;
  /** statements newly written */
  statements: number;
  ms: number;
  /** how the articles were extracted: worker threads (0: in-process), their CPU, crashes */
  extraction: PoolStats;
}

/** An article that passed its checks and extraction, about to be written to the store. */
export interface AcceptedArticle {
  articleId: string;
  /** the checked (normalised) input: what a later re-extraction starts from */
  input: ArticleInput;
}

export interface IngestOptions {
  onProgress?: (done: number, total: number, file: string) => void;
  /** articles per store write (default 100) */
  batchSize?: number;
  /** the issues positions are read against (default: ingest/data/issues.json) */
  issues?: IssueSet;
  /**
   * Called with each batch's accepted articles (in input order, once per id) before the batch
   * goes to the store, and awaited: a system of record makes them durable here. When it throws,
   * none of the batch is written to the store and each is reported failed with its message.
   */
  beforeWrite?: (articles: AcceptedArticle[]) => Promise<void>;
  /** Called once a batch is stored (its results final): callers acknowledge articles here. */
  onBatch?: (results: IngestResult[]) => void;
  /** reviewer corrections (the whole log, in log order) applied to every article (issue 12) */
  corrections?: readonly Correction[];
  /** what the corrections did in each extracted article (those that concern it) */
  onReview?: (articleId: string, outcomes: CorrectionOutcome[]) => void;
  /**
   * Extraction worker threads, which extract the next batches while this thread writes one
   * (ingest/parallel/extract-pool.ts); 0 extracts in-process. Default: CLAIMGRAPH_INGEST_WORKERS,
   * else (for 500 articles or more) one per core but one, at least one. The outcome does not
   * depend on it.
   */
  workers?: number;
  /** told when an extraction worker dies or the pool falls back to extracting in-process */
  onWorkerProblem?: (message: string) => void;
  /** told the Linux thread ids of the extraction workers when they change (the scale bench reads their CPU) */
  onWorkers?: (threadIds: number[]) => void;
  /** the workers' TypeScript entry (default ingest/parallel/extract-worker.ts; tests give one that crashes) */
  workerEntry?: URL;
}

function merge(into: GraphRecords, from: GraphRecords) {
  for (const l of NODE_LABELS) (into.nodes[l] as unknown[]).push(...from.nodes[l]);
  for (const t of REL_TYPES) (into.rels[t] as unknown[]).push(...from.rels[t]);
}

/** Below this many articles a pool is not worth its start (~2.5 CPU s per worker to load the pipeline). */
const POOL_MIN_ARTICLES = 500;
/** Batches extracted ahead of the one being written: memory holds at most this many plus one. */
const LOOKAHEAD = 2;

/** The worker count of an ingest: the option, else CLAIMGRAPH_INGEST_WORKERS, else by size and cores. */
function workersFor(opts: IngestOptions, articles: number): number {
  const asked = opts.workers ?? workerCountFromEnv();
  if (asked !== undefined) {
    if (!Number.isInteger(asked) || asked < 0) throw new RangeError(`workers must be a whole number of at least 0, got ${asked}`);
    return asked;
  }
  return articles >= POOL_MIN_ARTICLES ? defaultWorkerCount() : 0;
}

export async function ingestArticles(store: GraphStore, inputs: ArticleInput[], opts: IngestOptions = {}): Promise<IngestReport> {
  const t0 = performance.now();
  const results: IngestResult[] = [];
  const batchSize = opts.batchSize ?? 100;
  const actors = new Set<string>();
  let articles = 0;
  let statements = 0;
  let done = 0;
  const extractOptions = { issues: opts.issues, corrections: opts.corrections };
  const workers = workersFor(opts, inputs.length);
  const pool =
    workers > 0 && inputs.length > 0
      ? new ExtractPool({
          workers,
          issues: opts.issues,
          corrections: opts.corrections,
          entry: opts.workerEntry,
          onProblem: opts.onWorkerProblem,
          onWorkers: opts.onWorkers,
        })
      : null;
  const batches: ArticleInput[][] = [];
  for (let i = 0; i < inputs.length; i += batchSize) batches.push(inputs.slice(i, i + batchSize));
  // In-process, a batch is extracted when its turn comes (as before workers); with a pool, the
  // next batches are extracted while this one is written.
  const extracting: Promise<Extracted[]>[] = [];
  const extractAhead = (upTo: number) => {
    if (!pool) return;
    while (extracting.length < Math.min(upTo, batches.length)) extracting.push(pool.extract(batches[extracting.length]!));
  };

  try {
    for (let b = 0; b < batches.length; b++) {
      extractAhead(b + 1 + LOOKAHEAD);
      const outcomes = pool ? await extracting[b]! : batches[b]!.map((raw) => extractOne(raw, extractOptions));
      // the batch's outcomes are in hand: let go of them once the batch is done
      if (pool) extracting[b] = DONE;
      await writeBatch(outcomes);
    }
  } finally {
    await pool?.close();
  }

  async function writeBatch(outcomes: Extracted[]): Promise<void> {
    const batch = emptyGraphRecords();
    const pending: { result: IngestResult; actorIds: string[]; rec: GraphRecords }[] = [];
    const accepted: AcceptedArticle[] = [];
    const first = results.length;
    const seen = new Set<string>();
    for (const o of outcomes) {
      if (o.reviewOutcomes && o.articleId) opts.onReview?.(o.articleId, o.reviewOutcomes);
      if (!o.ok) {
        results.push({ file: o.file, status: 'failed', articleId: null, statements: 0, error: o.error });
      } else if (seen.has(o.articleId)) {
        // articles already stored are skipped by the store's write itself (one query per batch, not per article)
        results.push({ file: o.file, status: 'skipped', articleId: o.articleId, statements: 0, error: null });
      } else {
        seen.add(o.articleId);
        accepted.push({ articleId: o.articleId, input: o.input });
        const rec = o.records;
        merge(batch, rec);
        const result: IngestResult = { file: o.file, status: 'ingested', articleId: o.articleId, statements: rec.nodes.Statement.length, error: null };
        results.push(result);
        pending.push({ result, actorIds: rec.nodes.Actor.map((a) => a.id), rec });
      }
      opts.onProgress?.(++done, inputs.length, o.file);
    }
    if (accepted.length && opts.beforeWrite) {
      try {
        await opts.beforeWrite(accepted);
      } catch (e) {
        // Nothing reaches the store that its system of record does not hold.
        for (const r of results.slice(first)) {
          if (r.status === 'failed') continue;
          r.status = 'failed';
          r.statements = 0;
          r.error = `${r.file}: not stored: ${(e as Error).message}`;
        }
        opts.onBatch?.(results.slice(first));
        return;
      }
    }
    if (!pending.length) {
      opts.onBatch?.(results.slice(first));
      return;
    }
    const account = (p: (typeof pending)[number], written: boolean) => {
      if (written) {
        articles++;
        statements += p.result.statements;
        p.actorIds.forEach((a) => actors.add(a));
      } else {
        p.result.status = 'skipped';
        p.result.statements = 0;
      }
    };
    try {
      const written = new Set((await store.write(batch)).articlesWritten);
      for (const p of pending) account(p, written.has(p.result.articleId!));
    } catch {
      // isolate the article at fault: write the batch's articles one by one
      for (const p of pending) {
        try {
          const written = new Set((await store.write(p.rec)).articlesWritten);
          account(p, written.has(p.result.articleId!));
        } catch (e) {
          p.result.status = 'failed';
          p.result.statements = 0;
          p.result.error = `${p.result.file}: not stored: ${(e as Error).message}`;
        }
      }
    }
    opts.onBatch?.(results.slice(first));
  }

  const extraction = pool ? pool.stats() : { workers: 0, cpuS: null, crashes: 0, retried: 0, fallback: null };
  return { results, articles, actors: actors.size, statements, ms: Math.round(performance.now() - t0), extraction };
}

/** A settled placeholder for a batch already written (its outcomes are let go). */
const DONE: Promise<Extracted[]> = Promise.resolve([]);
