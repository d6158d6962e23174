/**
 * Keeps the graph an index of the archive, in both directions, at every open:
 *  - an archived article the graph lacks (its write was cut by a crash, the graph was rebuilt
 *    empty, or it failed to index before) is extracted again and written, in acceptance order;
 *  - a complete graph article the archive lacks (an install older than the archive) is copied into
 *    the archive from the graph's own Article node, which holds the checked input whole. That is the
 *    migration of an existing data directory: automatic, as long as its graph still opens.
 * Both sides are id listings, so a graph already in line costs one query and one readdir.
 */
import path from 'node:path';
import type { GraphStore } from '../cypher/store.ts';
import { ingestArticles, type IngestResult } from '../ingest/load-into-store.ts';
import { parseIssueSet } from '../ingest/positions/issue-set.ts';
import { combineOutcomes } from '../ingest/review/apply.ts';
import type { CorrectionOutcome } from '../ingest/review/corrections.ts';
import type { ArticleArchive } from './article-archive.ts';
import { backfillArchive, completeArticleIds } from './backfill.ts';
import { CorrectionsLog } from './corrections-log.ts';
import { catchUpCorrections, setAppliedCount } from './review-service.ts';

/** Where progress and problems are told (the CLI's stderr, the server's logger). */
export type Say = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface SyncReport {
  /** articles copied from the graph into the archive */
  backfilled: number;
  /** archived articles newly written to the graph */
  indexed: number;
  /** archived articles that could not be indexed (kept in the archive; retried at every open) */
  failed: IngestResult[];
  /** damaged archive files or graph articles that could not be archived, by name */
  problems: string[];
  /** articles in the archive after the sync */
  archived: number;
  /** reviewer corrections (archive/corrections.log, issue 12): how many, and those whose target is gone */
  corrections: { total: number; orphaned: CorrectionOutcome[]; caughtUp: number };
  ms: number;
}

export interface SyncOptions {
  say?: Say;
  /** articles per store write while indexing (default: the loader's) */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function syncIndex(archive: ArticleArchive, store: GraphStore, opts: SyncOptions = {}): Promise<SyncReport> {
  const t0 = performance.now();
  const say = opts.say ?? (() => undefined);
  const report: SyncReport = { backfilled: 0, indexed: 0, failed: [], problems: [], archived: 0, corrections: { total: 0, orphaned: [], caughtUp: 0 }, ms: 0 };
  // every indexed article is extracted with the reviewers' corrections applied
  const dataDir = path.dirname(archive.root);
  const log = CorrectionsLog.at(dataDir).readAll();
  report.problems.push(...log.problems);
  const corrections = log.corrections;
  report.corrections.total = corrections.length;
  const reviewed: CorrectionOutcome[][] = [];
  const evaluated = new Set<string>();
  const graphIds = new Set((await store.read<{ id: string }>(completeArticleIds)).map((r) => String(r.id)));
  const backfill = await backfillArchive(archive, store, graphIds);
  report.backfilled = backfill.written;
  report.problems.push(...backfill.problems);
  if (report.backfilled) say('info', `archived ${report.backfilled} article(s) that were only in the graph (an install older than the archive)`);
  const archived = new Set(archive.ids());

  const toIndex = [...archived].filter((id) => !graphIds.has(id));
  if (toIndex.length) {
    const { articles, problems } = archive.readAll(toIndex);
    report.problems.push(...problems);
    say('info', `indexing ${articles.length} archived article(s) the graph does not hold`);
    // In acceptance order, each run of articles against the issue set it was ingested with.
    let done = 0;
    for (let i = 0; i < articles.length; ) {
      let j = i;
      while (j < articles.length && articles[j]!.issues === articles[i]!.issues) j++;
      const run = articles.slice(i, j);
      i = j;
      let issues;
      if (run[0]!.issues) {
        try {
          const { json, file } = archive.readIssueSet(run[0]!.issues);
          issues = parseIssueSet(json, file).set;
        } catch (e) {
          for (const a of run) report.failed.push({ file: a.article.file, status: 'failed', articleId: a.id, statements: 0, error: `${a.article.file}: ${(e as Error).message}` });
          done += run.length;
          continue;
        }
      }
      const base = done;
      const ingest = await ingestArticles(
        store,
        run.map((a) => a.article),
        {
          batchSize: opts.batchSize,
          issues,
          onProgress: opts.onProgress && ((d) => opts.onProgress?.(base + d, articles.length)),
          corrections,
          onReview: (id, outcomes) => {
            evaluated.add(id);
            reviewed.push(outcomes);
          },
        },
      );
      done += run.length;
      report.indexed += ingest.articles;
      report.failed.push(...ingest.results.filter((r) => r.status === 'failed'));
    }
  }
  if (corrections.length) {
    // the whole graph was indexed now (a rebuild): every correction's status is known
    const whole = toIndex.length > 0 && toIndex.length === archived.size;
    if (whole) {
      report.corrections.orphaned = combineOutcomes(corrections, reviewed, evaluated).filter((o) => o.status === 'orphaned');
      setAppliedCount(dataDir, corrections.length);
    } else {
      report.corrections.orphaned = reviewed.flat().filter((o) => o.status === 'orphaned');
      // corrections recorded but not yet applied (their re-application was cut by a crash)
      const caught = await catchUpCorrections({ store, dataDir }, corrections);
      report.corrections.caughtUp = caught.corrections;
      if (caught.corrections) say('info', `applied ${caught.corrections} correction(s) the graph lacked, to ${caught.articles.length} article(s)`);
      report.corrections.orphaned.push(...caught.outcomes.filter((o) => o.status === 'orphaned' && !report.corrections.orphaned.some((x) => x.id === o.id)));
    }
    for (const o of report.corrections.orphaned) say('warn', `correction ${o.id} is orphaned (kept in the log): ${o.reason ?? 'its target is gone'}`);
  }
  for (const p of report.problems) say('warn', p);
  for (const f of report.failed) say('warn', `archived article not indexed (kept in the archive, retried at the next start): ${f.error}`);
  report.archived = archived.size;
  report.ms = Math.round(performance.now() - t0);
  return report;
}
