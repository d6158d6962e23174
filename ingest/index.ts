/**
 * Public face of the ingest package: extraction (pure, no store) and the loader that writes
 * extracted articles into any GraphStore.
 */
export type { ArticleInput, Doc } from './types.ts';
export { InputError } from './types.ts';
export { extractArticle, runPipeline, STAGES, type ExtractOptions } from './pipeline.ts';
export { DEFAULT_ISSUE_SET, findIssuesFile, loadIssueSet, parseIssueSet, type IssueSet, type IssueDef } from './positions/issue-set.ts';
export { toGraphRecords } from './stages/records.ts';
export { loadArticleFiles, checkArticleInput } from './stages/load.ts';
export { ingestArticles, type IngestReport, type IngestResult } from './load-into-store.ts';
export { toPredictions } from './predictions.ts';
