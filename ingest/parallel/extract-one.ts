/**
 * One article's extraction for the loader: check → pipeline → graph records. The same function
 * runs in-process and in the extraction workers (ingest/parallel/extract-worker.ts), so what an
 * article yields does not depend on where it was extracted; its outcome is plain data (it crosses
 * a worker boundary by structured clone).
 */
import type { GraphRecords } from '../../cypher/schema.ts';
import { extractArticle, type ExtractOptions } from '../pipeline.ts';
import type { CorrectionOutcome } from '../review/corrections.ts';
import { checkArticleInput } from '../stages/load.ts';
import { toGraphRecords } from '../stages/records.ts';
import { InputError, type ArticleInput } from '../types.ts';

export type Extracted =
  | {
      ok: true;
      file: string;
      articleId: string;
      /** the checked (normalised) input: what the archive keeps */
      input: ArticleInput;
      records: GraphRecords;
      reviewOutcomes: CorrectionOutcome[] | null;
    }
  | {
      ok: false;
      file: string;
      /** names the file */
      error: string;
      /** what the corrections did, when extraction got that far */
      articleId: string | null;
      reviewOutcomes: CorrectionOutcome[] | null;
    };

export function extractOne(raw: ArticleInput, options: ExtractOptions): Extracted {
  let articleId: string | null = null;
  let reviewOutcomes: CorrectionOutcome[] | null = null;
  try {
    const input = checkArticleInput(raw);
    const doc = extractArticle(input, options);
    articleId = doc.articleId;
    reviewOutcomes = doc.reviewOutcomes?.length ? doc.reviewOutcomes : null;
    return { ok: true, file: input.file, articleId, input, records: toGraphRecords(doc), reviewOutcomes };
  } catch (e) {
    return { ok: false, file: raw.file, error: failureMessage(raw.file, e), articleId, reviewOutcomes };
  }
}

export const failureMessage = (file: string, e: unknown): string =>
  e instanceof InputError ? e.message : `${file}: ${e instanceof Error ? e.message : String(e)}`;
