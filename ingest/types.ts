/**
 * The ingest pipeline's one contract. Each stage is a pure function `(doc) => doc` that reads
 * what earlier stages wrote and adds its own part:
 *
 *   load → segment → actors → statements → dates → positions → relations → graph records
 *
 * so any stage can be run and tested alone on a hand-made document.
 */
import type { IssueSet } from './positions/issue-set.ts';
import type { Correction, CorrectionOutcome, Provenance } from './review/corrections.ts';
import type {
  ActorType,
  DateBasis,
  Granularity,
  PositionStance,
  RelationKind,
  Stance,
  StatementKind,
} from '../cypher/schema.ts';

/** An article as it enters the pipeline (from a file + manifest, or from the API). */
export interface ArticleInput {
  /** File name (or a name given by the API caller); used in messages and the predictions output. */
  file: string;
  text: string;
  title: string;
  source: string;
  url: string | null;
  /** Publication date, YYYY-MM-DD. */
  published: string;
}

/** A half-open character range [start, end) into the article text (UTF-16 code units). */
export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  /** index of the paragraph it belongs to */
  paragraph: number;
}

export interface Paragraph extends Span {
  index: number;
}

/** A partial date: the value at its granularity plus the day range it covers. */
export interface DateValue {
  value: string; // YYYY | YYYY-MM | YYYY-MM-DD
  granularity: Granularity;
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
}

/** A time expression found in the text and resolved against the publication date. */
export interface TimeExpression extends Span {
  text: string;
  date: DateValue;
  basis: Exclude<DateBasis, 'publication'>;
}

export interface ActorMention extends Span {
  text: string;
  actorId: string;
  /** how it was recognised: dictionary entry, office title resolved by date, NER, pattern, pronoun… */
  via: 'dictionary' | 'office' | 'ner' | 'anonymous' | 'nominal' | 'pronoun';
}

export interface Actor {
  id: string;
  name: string;
  type: ActorType;
  aliases: string[];
  description: string | null;
  affiliation: string | null;
  /** true when the actor was defined by an article-local pattern (anonymous sources, documents) */
  local: boolean;
  /** its graph id when a correction named it (an actor of another article): used as is */
  graphId?: string;
  /** 'reviewed' when a correction created, renamed or retyped it */
  provenance?: Provenance;
}

export interface StatementDraft extends Span {
  kind: StatementKind;
  text: string;
  cue: string;
  speakerId: string;
  /** the words that name the speaker at this statement ("he", "a US official", "Maliki") */
  speakerMention: string;
  /** span of the attribution clause (cue + speaker), for date and relation look-ups */
  attribution: Span;
  /** the attribution rule that produced it ("subject-verb:that", "quote:tail", …; see ingest/attribution) */
  rule?: string;
  date?: DateValue;
  dateBasis?: DateBasis;
  dateEvidence?: string | null;
  issues?: { id: string; stance: Stance }[];
  /** its graph id, pinned when a correction touched it (a corrected statement keeps its machine id) */
  id?: string;
  /** 'reviewed' once a correction changed or added it (absent: machine) */
  provenance?: Provenance;
  /** ids of the corrections applied to it, in log order */
  corrections?: string[];
}

export interface PositionDraft {
  actorId: string;
  issue: string;
  stance: PositionStance;
  date: DateValue;
  statementIndexes: number[];
  evidence: string | null;
}

export interface RelationDraft extends Span {
  kind: RelationKind;
  from: string;
  to: string;
  title: string | null;
  date: DateValue;
  evidence: string;
  /** id of the relation rule that produced it (ingest/data/relation-cues.json), for provenance */
  rule?: string;
  /** the statement whose content asserts it, when it was read inside a quote or reported clause */
  statementIndex?: number;
}

/** The document every stage reads and extends. */
export interface Doc {
  input: ArticleInput;
  articleId: string;
  publication: DateValue;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  times: TimeExpression[];
  actors: Map<string, Actor>;
  mentions: ActorMention[];
  statements: StatementDraft[];
  positions: PositionDraft[];
  relations: RelationDraft[];
  /** non-fatal problems found on the way (named in ingest reports) */
  warnings: string[];
  /** the issues positions are read against (absent: the default set, ingest/data/issues.json) */
  issueSet?: IssueSet;
  /** reviewer corrections to apply (the whole log, in log order; the review stage picks this article's) */
  corrections?: readonly Correction[];
  /** what the review stage did with each correction that concerns this article */
  reviewOutcomes?: CorrectionOutcome[];
  /** set by an `article.reviewed` correction */
  reviewed?: boolean;
}

export type Stage = (doc: Doc) => Doc;

/** A problem with one input file: the file is skipped, the others go on. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'InputError';
  }
}
