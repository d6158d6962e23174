/**
 * The ingest pipeline: explicit, ordered stages over one document contract (ingest/types.ts).
 *
 *   load → segment → actors → statements → dates → positions → relations → speaks-for → review → (records)
 *
 * `load` (files → ArticleInput) and `records` (Doc → GraphRecords) sit at the two ends; every
 * stage in between is a pure `(doc) => doc` function that can be run and tested alone.
 */
import { articleId } from './ids.ts';
import { dayValue } from './dates/value.ts';
import { actors } from './stages/actors.ts';
import { dates } from './stages/dates.ts';
import { positions } from './stages/positions.ts';
import { reviewStage } from './review/apply.ts';
import type { Correction } from './review/corrections.ts';
import { relations } from './stages/relations.ts';
import { segment } from './stages/segment.ts';
import { speaksForStage } from './stages/speaks-for.ts';
import { statements } from './stages/statements.ts';
import type { ArticleInput, Doc, Stage } from './types.ts';
import type { IssueSet } from './positions/issue-set.ts';

export const STAGES: readonly { name: string; run: Stage }[] = [
  { name: 'segment', run: segment },
  { name: 'actors', run: actors },
  { name: 'statements', run: statements },
  { name: 'dates', run: dates },
  { name: 'positions', run: positions },
  { name: 'relations', run: relations },
  { name: 'speaks-for', run: speaksForStage },
  // reviewer corrections (issue 12), last: they correct what every stage before made
  { name: 'review', run: reviewStage },
];

/** What a run of the pipeline may be given besides the article. */
export interface ExtractOptions {
  /** the issues positions are read against (default: ingest/data/issues.json) */
  issues?: IssueSet;
  /** reviewer corrections, the whole log in log order (archive/corrections-log.ts); each article takes its own */
  corrections?: readonly Correction[];
}

/** The empty document the first stage starts from. */
export function newDoc(input: ArticleInput, options: ExtractOptions = {}): Doc {
  return {
    ...(options.issues ? { issueSet: options.issues } : {}),
    ...(options.corrections?.length ? { corrections: options.corrections } : {}),
    input,
    articleId: articleId(input.text),
    publication: dayValue(input.published),
    paragraphs: [],
    sentences: [],
    times: [],
    actors: new Map(),
    mentions: [],
    statements: [],
    positions: [],
    relations: [],
    warnings: [],
  };
}

/** Runs the stages in order, up to and including `until` if given. */
export function runPipeline(input: ArticleInput, until?: string, options: ExtractOptions = {}): Doc {
  let doc = newDoc(input, options);
  for (const stage of STAGES) {
    doc = stage.run(doc);
    if (stage.name === until) break;
  }
  return doc;
}

export const extractArticle = (input: ArticleInput, options: ExtractOptions = {}): Doc => runPipeline(input, undefined, options);
