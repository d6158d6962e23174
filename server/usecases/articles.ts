/** One article with the spans of its statements, and the upload of new articles. */
import { z } from 'zod';
import { ArticleArchive, archiveBeforeWrite } from '../../archive/article-archive.ts';
import { CorrectionsLog } from '../../archive/corrections-log.ts';
import * as Q from '../../cypher/queries.ts';
import { checkArticleInput, ingestArticles, type ArticleInput } from '../../ingest/index.ts';
import { ArticleUpload, type ArticleResponse, type IngestResponse } from '../contract.ts';
import { AppError } from '../errors.ts';
import type { Deps } from './deps.ts';

/** Most statement spans an article page carries (an article's text bounds them well below this). */
export const ARTICLE_SPANS_LIMIT = 5000;

export async function getArticle(deps: Deps, id: string): Promise<ArticleResponse> {
  const [rows, spans] = await Promise.all([deps.store.read(Q.articleById(id)), deps.store.read(Q.articleSpans(id, ARTICLE_SPANS_LIMIT))]);
  const a = rows[0];
  if (!a) throw new AppError(404, 'Article not found', `no article with id '${id}'`);
  return {
    article: { id: a.id, title: a.title, source: a.source, url: a.url ?? null, published: a.published, file: a.file, text: a.text },
    spans: spans.map((s) => ({ statementId: s.statementId, start: s.start, end: s.end, kind: s.kind, speakerId: s.speakerId, speakerName: s.speakerName, provenance: s.provenance === 'reviewed' ? 'reviewed' : 'machine' })),
  };
}

type Result = z.infer<typeof IngestResponse>['results'][number];

/**
 * The envelope is checked as a whole (1–100 articles); each article is then checked alone, so
 * one bad article becomes a `failed` result instead of refusing the whole upload.
 */
export const UploadEnvelope = z.object({ articles: z.array(z.unknown()).min(1).max(100) });

function nameOf(a: unknown, index: number): string {
  const f = (a as { file?: unknown } | null)?.file;
  return typeof f === 'string' && f.trim() ? f.slice(0, 500) : `upload-${index + 1}.txt`;
}

/**
 * Checks each uploaded article, then ingests the valid ones. A bad article becomes a `failed`
 * result naming the problem; it never stops the others. Each accepted article is in the archive
 * (fsync'd) before its graph write, so before any `ingested`/`skipped` answer; one that was archived
 * but whose graph write failed is said to be kept, since the next start indexes it.
 */
export async function uploadArticles(deps: Deps, body: z.output<typeof UploadEnvelope>): Promise<z.infer<typeof IngestResponse>> {
  const results: (Result | null)[] = [];
  const valid: { index: number; input: ArticleInput }[] = [];
  body.articles.forEach((raw, index) => {
    const parsed = ArticleUpload.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `'${i.path.map(String).join('.') || 'article'}': ${i.message}`).join('; ');
      results.push({ file: nameOf(raw, index), status: 'failed', articleId: null, statements: 0, error: `invalid article: ${detail}` });
      return;
    }
    const a = parsed.data;
    const input: ArticleInput = {
      file: nameOf(a, index),
      text: a.text,
      title: a.title,
      source: a.source,
      url: a.url ?? null,
      published: a.published,
    };
    try {
      valid.push({ index, input: checkArticleInput(input) });
      results.push(null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      results.push({ file: input.file, status: 'failed', articleId: null, statements: 0, error: message });
    }
  });
  if (valid.length > 0) {
    const archive = ArticleArchive.at(deps.config.dataDir);
    let report: Awaited<ReturnType<typeof ingestArticles>>;
    try {
      report = await ingestArticles(
        deps.store,
        valid.map((v) => v.input),
        // reviewers' corrections apply to uploads too (a correction may name an article archived before its graph write)
        { beforeWrite: archiveBeforeWrite(archive), corrections: CorrectionsLog.at(deps.config.dataDir).readAll().corrections },
      );
    } finally {
      // Even a failed ingest may have written some articles: cached reads are stale either way.
      deps.cache.invalidate();
    }
    valid.forEach((v, i) => {
      const r = report.results[i];
      const kept = r?.status === 'failed' && r.articleId !== null && archive.has(r.articleId);
      results[v.index] = r
        ? { file: r.file, status: r.status, articleId: r.articleId, statements: r.statements, error: kept ? `${r.error} (the article is archived: the next start indexes it)` : r.error }
        : { file: v.input.file, status: 'failed', articleId: null, statements: 0, error: 'no result from ingest' };
    });
  }
  return { results: results.map((r) => r as Result) };
}
