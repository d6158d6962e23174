/** First-start ingest: when the store holds no article and a corpus is configured, ingest it. */
import fs from 'node:fs';
import type { Logger } from 'pino';
import type { GraphStore } from '../cypher/store.ts';
import { ingestArticles, loadArticleFiles } from '../ingest/index.ts';
import type { Config } from './config.ts';

export interface SeedSummary {
  articles: number;
  ingested: number;
  skipped: number;
  failed: number;
  statements: number;
  ms: number;
}

export async function seedIfEmpty(store: GraphStore, config: Pick<Config, 'corpus'>, logger: Logger): Promise<SeedSummary | null> {
  if (!config.corpus) return null;
  const counts = await store.counts();
  if (counts.nodes.Article > 0) return null;
  if (!fs.existsSync(config.corpus)) {
    logger.warn({ corpus: config.corpus }, 'corpus directory not found: starting with an empty graph');
    return null;
  }
  const t0 = performance.now();
  const { articles, errors } = await loadArticleFiles([config.corpus]);
  for (const e of errors) logger.warn({ file: e.file }, e.message);
  const report = await ingestArticles(store, articles);
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
