/**
 * The review API's request and response shapes (issue 12), as zod schemas. Request bodies reuse
 * the corrections contract (ingest/review/corrections.ts); responses carry statements exactly as
 * GET /api/statements returns them (contract.ts StatementView).
 */
import { z } from 'zod';
import { Correction, CorrectionRequest, CorrectionStatus } from '../ingest/review/corrections.ts';
import { StatementView } from './contract.ts';

export { CorrectionRequest };

/** Why a statement is in the "needs review" queue, most uncertain first (the queue's order). */
export const QUEUE_REASONS = [
  /** no strategy resolved the speaker (a pronoun with no antecedent): the article's "unresolved speaker" */
  'unresolved-speaker',
  /** found by an attribution rule that fires rarely in this store */
  'rare-rule',
  /** its stance on an issue differs from the same speaker's other statements on it in that article */
  'stance-disagreement',
  /** no time expression dates it: it took the publication date */
  'publication-date',
] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];

const cursor = z.string().max(400).regex(/^[A-Za-z0-9_-]+$/, 'expected a cursor from a previous page (nextCursor)');
const limit = z.coerce.number().int().min(1).max(500).default(50);

// ---- requests -----------------------------------------------------------------------------------

export const CorrectionsQuery = z
  .object({
    /** corrections of statements in this article, or of the article itself */
    article: z.string().max(200).optional(),
    /** corrections anchored on this statement id */
    statement: z.string().max(300).optional(),
    /** corrections naming this actor (speaker, merge, split, update) */
    actor: z.string().max(200).optional(),
    limit,
    cursor: cursor.optional(),
  })
  .strict();

export const UndoRequest = z.object({ by: z.string().trim().min(1).max(100).optional(), why: z.string().max(2000).optional() }).strict();

export const CorrectionIdParam = z.object({ id: z.string().regex(/^cor_[0-9a-f]{16}$/, 'expected a correction id (cor_ + 16 hex digits)') });

export const QueueQuery = z
  .object({
    reason: z.enum(QUEUE_REASONS).optional(),
    limit,
    cursor: cursor.optional(),
  })
  .strict();

// ---- responses ----------------------------------------------------------------------------------

export const CorrectionOutcome = z.object({ id: z.string(), status: CorrectionStatus, reason: z.string().optional() });

export const RecordCorrectionResponse = z.object({
  correction: Correction,
  /** what became of every correction of the affected articles when they were re-applied */
  outcomes: z.array(CorrectionOutcome),
  affectedArticles: z.array(z.string()),
  /** the corrected or added statement as GET /api/statements returns it (absent for actor/article ops, null when gone) */
  statement: StatementView.nullable().optional(),
});
export type RecordCorrectionResponse = z.infer<typeof RecordCorrectionResponse>;

export const CorrectionsResponse = z.object({
  /** in log order (oldest first) */
  items: z.array(z.object({ correction: Correction, status: CorrectionStatus, reason: z.string().nullable() })),
  nextCursor: z.string().nullable(),
});
export type CorrectionsResponse = z.infer<typeof CorrectionsResponse>;

export const QueueResponse = z.object({
  /** statements (not yet reviewed) per reason, and how many have at least one */
  counts: z.object({
    'unresolved-speaker': z.number().int(),
    'rare-rule': z.number().int(),
    'stance-disagreement': z.number().int(),
    'publication-date': z.number().int(),
    total: z.number().int(),
  } satisfies Record<QueueReason | 'total', z.ZodType>),
  items: z.array(z.object({ statement: StatementView, reasons: z.array(z.enum(QUEUE_REASONS)), score: z.number().int() })),
  nextCursor: z.string().nullable(),
});
export type QueueResponse = z.infer<typeof QueueResponse>;
