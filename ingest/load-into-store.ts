/**
 * The loader: checked articles → extraction → graph records → a store, in batches (the stores'
 * bulk write path is far faster per row than single-article writes). One article's failure is
 * reported and the others go on; re-ingesting an article is a no-op.
 */
import type { GraphRecords } from '../cypher/schema.ts';
import { emptyGraphRecords, NODE_LABELS, REL_TYPES } from '../cypher/schema.ts';
import type { GraphStore } from '../cypher/store.ts';
import { extractArticle } from './pipeline.ts';
import type { IssueSet } from './positions/issue-set.ts';
import { checkArticleInput } from './stages/load.ts';
import { toGraphRecords } from './stages/records.ts';
import { InputError, type ArticleInput } from './types.ts';
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
}

function merge(into: GraphRecords, from: GraphRecords) {
  for (const l of NODE_LABELS) (into.nodes[l] as unknown[]).push(...from.nodes[l]);
  for (const t of REL_TYPES) (into.rels[t] as unknown[]).push(...from.rels[t]);
}

export async function ingestArticles(store: GraphStore, inputs: ArticleInput[], opts: IngestOptions = {}): Promise<IngestReport> {
  const t0 = performance.now();
  const results: IngestResult[] = [];
  const batchSize = opts.batchSize ?? 100;
  const actors = new Set<string>();
  let articles = 0;
  let statements = 0;
  let done = 0;

  for (let i = 0; i < inputs.length; i += batchSize) {
    const batch = emptyGraphRecords();
    const pending: { result: IngestResult; actorIds: string[]; rec: GraphRecords }[] = [];
    const accepted: AcceptedArticle[] = [];
    const first = results.length;
    const seen = new Set<string>();
    for (const raw of inputs.slice(i, i + batchSize)) {
      try {
        const input = checkArticleInput(raw);
        const doc = extractArticle(input, { issues: opts.issues, corrections: opts.corrections });
        if (doc.reviewOutcomes?.length) opts.onReview?.(doc.articleId, doc.reviewOutcomes);
        // articles already stored are skipped by the store's write itself (one query per batch, not per article)
        if (seen.has(doc.articleId)) {
          results.push({ file: input.file, status: 'skipped', articleId: doc.articleId, statements: 0, error: null });
        } else {
          seen.add(doc.articleId);
          accepted.push({ articleId: doc.articleId, input });
          const rec = toGraphRecords(doc);
          merge(batch, rec);
          const result: IngestResult = { file: input.file, status: 'ingested', articleId: doc.articleId, statements: rec.nodes.Statement.length, error: null };
          results.push(result);
          pending.push({ result, actorIds: rec.nodes.Actor.map((a) => a.id), rec });
        }
      } catch (e) {
        const msg = e instanceof InputError ? e.message : `${raw.file}: ${(e as Error).message}`;
        results.push({ file: raw.file, status: 'failed', articleId: null, statements: 0, error: msg });
      }
      opts.onProgress?.(++done, inputs.length, raw.file);
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
        continue;
      }
    }
    if (!pending.length) {
      opts.onBatch?.(results.slice(first));
      continue;
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
  return { results, articles, actors: actors.size, statements, ms: Math.round(performance.now() - t0) };
}
