/**
 * At every start (startServer calls this once the store is open): first the graph is brought in
 * line with the article archive, the system of record (archive/index-sync.ts: archived articles a
 * crash kept out of the graph are indexed, graph-only articles of an older install are archived);
 * then, when the graph still holds no article and a corpus is configured, the corpus is ingested,
 * through the archive like any other accepted article.
 */
import fs from 'node:fs';
import type { Logger } from 'pino';
import type { GraphStore } from '../cypher/store.ts';
import { ArticleArchive, archiveBeforeWrite } from '../archive/article-archive.ts';
import { syncIndex, type Say } from '../archive/index-sync.ts';
import { findIssuesFile, ingestArticles, loadArticleFiles, loadIssueSet, type IssueSet } from '../ingest/index.ts';
import type { Config } from './config.ts';

export interface SeedSummary {
  articles: number;
  ingested: number;
  skipped: number;
  failed: number;
  statements: number;
  ms: number;
}

export const sayTo =
  (logger: Logger): Say =>
  (level, message) =>
    logger[level](message);

export async function seedIfEmpty(store: GraphStore, config: Pick<Config, 'corpus' | 'dataDir'>, logger: Logger): Promise<SeedSummary | null> {
  const archive = ArticleArchive.at(config.dataDir);
  const sync = await syncIndex(archive, store, { say: sayTo(logger) });
  if (sync.indexed || sync.backfilled) {
    logger.info({ indexed: sync.indexed, backfilled: sync.backfilled, archived: sync.archived, ms: sync.ms }, 'graph in line with the archive');
  }
  if (!config.corpus) return null;
  const counts = await store.counts();
  if (counts.nodes.Article > 0) return null;
  if (!fs.existsSync(config.corpus)) {
    logger.warn({ corpus: config.corpus }, 'corpus directory not found: starting with an empty graph');
    return null;
  }
  const t0 = performance.now();
  const { articles, failures: errors, warnings } = await loadArticleFiles([config.corpus]);
  for (const e of errors) logger.warn({ file: e.file }, e.message);
  for (const w of warnings) logger.warn({ file: w.file }, w.message);
  // a corpus that declares its own issues (issues.json beside its manifest) is read against them,
  // and the set is archived with the articles so a rebuild reads them the same way
  const issues = corpusIssues(config.corpus, logger);
  const report = await ingestArticles(store, articles, { issues, beforeWrite: archiveBeforeWrite(archive, issues) });
  const by = (s: string) => report.results.filter((r) => r.status === s).length;
  for (const r of report.results) if (r.status === 'failed') logger.warn({ file: r.file }, `ingest failed: ${r.error}`);
  const summary: SeedSummary = {
    articles: articles.length,
    ingested: by('ingested'),
    skipped: by('skipped'),
    failed: by('failed') + errors.length,
    statements: report.statements,
    ms: Math.round(performance.now() - t0),
  };
  logger.info(
    summary,
    `ingested ${summary.ingested} of ${summary.articles + errors.length} corpus articles (${summary.statements} statements, ${summary.failed} failed) in ${summary.ms} ms`,
  );
  return summary;
}

/** The issue set an `issues.json` beside the corpus declares, or undefined (the built-in set). */
function corpusIssues(corpus: string, logger: Logger): IssueSet | undefined {
  const file = findIssuesFile([corpus]);
  if (!file) return undefined;
  const { set, problems } = loadIssueSet(file);
  for (const p of problems) logger.warn({ file }, p);
  logger.info({ file, issues: set.issues.length }, 'corpus issues declared beside the manifest');
  return set;
}
