/**
 * Reviewer corrections as data (issue 12): the one declaration of what a reviewer can change.
 *
 * A correction is an append-only record (who, when, what, why) kept in the article archive
 * (`archive/corrections.log`, one JSON line each) beside the articles it corrects. It names its
 * target by content — the statement's content-derived id *and* its anchor (article, span, text) —
 * so that when a better extractor moves a statement's boundaries (and so its id), the correction
 * still finds it by overlap in the same article; a correction whose target is gone is reported,
 * never dropped silently. Actors are named by their graph ids (what the API and Cypher show).
 *
 * Corrections apply in log order, each against the result of those before it, on every write and
 * rebuild (ingest/review/apply.ts). A corrected statement keeps the id of the machine statement it
 * corrects, so later corrections and the UI keep pointing at it; an added statement's id derives
 * from its correction.
 *
 * The server's API validates requests with these schemas; the client imports the types only.
 */
import { z } from 'zod';
import { ACTOR_TYPES, STANCES, STATEMENT_KINDS, issueIdSchema } from '../../cypher/schema.ts';

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
const actorId = z.string().min(1).max(200);
const articleId = z.string().regex(/^art_[0-9a-f]{16}$/, 'expected an article id (art_ + 16 hex digits)');
const offset = z.number().int().min(0);

/** Where a statement is: enough to find it again after re-extraction. */
export const StatementAnchor = z
  .object({
    /** its content-derived id when the correction was made */
    id: z.string().min(1),
    articleId,
    start: offset,
    end: offset,
    /** its text then (the overlap fallback compares against this) */
    text: z.string(),
  })
  .strict()
  .refine((a) => a.end > a.start, { message: 'end must be after start', path: ['end'] });
export type StatementAnchor = z.infer<typeof StatementAnchor>;

/** An actor already in the graph (by graph id), or a new one the reviewer names. */
export const ActorRef = z.union([
  z.object({ id: actorId }).strict(),
  z.object({ name: z.string().trim().min(1).max(200), type: z.enum(ACTOR_TYPES) }).strict(),
]);
export type ActorRef = z.infer<typeof ActorRef>;

const span = { start: offset, end: offset };
const spanOk = (a: { start: number; end: number }) => a.end > a.start;

/** Every change a reviewer can make, discriminated by `op`. */
export const CorrectionAction = z.discriminatedUnion('op', [
  z.object({ op: z.literal('statement.speaker'), target: StatementAnchor, speaker: ActorRef }).strict(),
  z.object({ op: z.literal('statement.date'), target: StatementAnchor, date: isoDate, evidence: z.string().max(200).nullable().optional() }).strict(),
  z.object({ op: z.literal('statement.kind'), target: StatementAnchor, kind: z.enum(STATEMENT_KINDS) }).strict(),
  z
    .object({ op: z.literal('statement.span'), target: StatementAnchor, ...span })
    .strict()
    .refine(spanOk, { message: 'end must be after start', path: ['end'] }),
  /** stance null: the statement is not about that issue */
  z.object({ op: z.literal('statement.stance'), target: StatementAnchor, issue: issueIdSchema, stance: z.enum(STANCES).nullable() }).strict(),
  z
    .object({
      op: z.literal('statement.add'),
      articleId,
      ...span,
      kind: z.enum(STATEMENT_KINDS),
      speaker: ActorRef,
      cue: z.string().max(200).optional(),
      /** absent: dated like a machine statement at that place (time expressions, else publication) */
      date: isoDate.optional(),
    })
    .strict()
    .refine(spanOk, { message: 'end must be after start', path: ['end'] }),
  z.object({ op: z.literal('statement.delete'), target: StatementAnchor }).strict(),
  /** every mention, statement and relation of `from` becomes `into`'s; `from` is gone */
  z.object({ op: z.literal('actor.merge'), from: actorId, into: actorId }).strict().refine((a) => a.from !== a.into, { message: 'cannot merge an actor into itself', path: ['into'] }),
  /** the listed statements (and, for listed articles, all of the actor's part in them) move to a new or other actor */
  z
    .object({
      op: z.literal('actor.split'),
      actor: actorId,
      into: ActorRef,
      statements: z.array(StatementAnchor).max(10_000).default([]),
      articles: z.array(articleId).max(10_000).default([]),
    })
    .strict()
    .refine((a) => a.statements.length + a.articles.length > 0, { message: 'name the statements or articles to split off', path: ['statements'] }),
  /** fix an actor's name or type ("Scottish Fishermen's Federation" is an organization) */
  z
    .object({ op: z.literal('actor.update'), actor: actorId, name: z.string().trim().min(1).max(200).optional(), type: z.enum(ACTOR_TYPES).optional() })
    .strict()
    .refine((a) => a.name !== undefined || a.type !== undefined, { message: 'give a name or a type', path: ['name'] }),
  /** the reviewer has checked the whole article: it may be exported as gold */
  z.object({ op: z.literal('article.reviewed'), articleId, reviewed: z.boolean().default(true) }).strict(),
  /** withdraws an earlier correction (the log stays append-only) */
  z.object({ op: z.literal('undo'), correction: z.string().min(1) }).strict(),
]);
export type CorrectionAction = z.infer<typeof CorrectionAction>;
export type CorrectionOp = CorrectionAction['op'];

/** One line of the corrections log. */
export const Correction = z
  .object({
    format: z.literal('claimgraph-correction/1'),
    /** content-derived: hash of (at, by, action); unique in the log */
    id: z.string().regex(/^cor_[0-9a-f]{16}$/),
    /** ISO 8601 instant it was recorded */
    at: z.string().datetime({ offset: true }),
    /** reviewer name (from the request, else the token's name) */
    by: z.string().min(1).max(100),
    why: z.string().max(2000).nullable(),
    action: CorrectionAction,
    /**
     * (added by H-core) names and types of the graph actors the action names by id, as the store
     * held them when it was recorded: an article that lacks such an actor (a merge into an actor
     * of another article) can still write it, also in a rebuild from the archive alone
     */
    actors: z
      .record(
        actorId,
        z.object({ name: z.string().min(1).max(200), type: z.enum(ACTOR_TYPES), provenance: z.enum(['machine', 'reviewed']).optional() }).strict(),
      )
      .optional(),
  })
  .strict();
export type Correction = z.infer<typeof Correction>;

/** What a client sends to record a correction (the server adds id, at, format). */
export const CorrectionRequest = z
  .object({ by: z.string().trim().min(1).max(100).optional(), why: z.string().max(2000).optional(), action: CorrectionAction })
  .strict();
export type CorrectionRequest = z.infer<typeof CorrectionRequest>;

/** What became of one correction when it was last applied. */
export const CorrectionStatus = z.enum([
  'applied',
  /** its target statement or actor no longer exists (reason says which) */
  'orphaned',
  /** withdrawn by a later undo */
  'undone',
]);
export type CorrectionStatus = z.infer<typeof CorrectionStatus>;

/** (added by H-core) What applying one correction did (ingest/review/apply.ts). */
export interface CorrectionOutcome {
  id: string;
  status: CorrectionStatus;
  /** why it is orphaned (or what it was found by) */
  reason?: string;
}

/** Provenance of a statement, stored on it and visible in Cypher (`s.provenance = 'reviewed'`). */
export const PROVENANCES = ['machine', 'reviewed'] as const;
export type Provenance = (typeof PROVENANCES)[number];
