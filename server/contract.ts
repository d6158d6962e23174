/**
 * The HTTP API's request and response shapes, as zod schemas. The server validates requests with
 * them and generates its OpenAPI description from them; the client imports the inferred types
 * (type-only), so both sides agree by construction.
 */
import { z } from 'zod';
import {
  ACTOR_TYPES,
  DATE_BASES,
  GRANULARITIES,
  POSITION_STANCES,
  RELATION_KINDS,
  STANCES,
  STATEMENT_KINDS,
} from '../cypher/schema.ts';
import { ArticleFields, isRealDate } from '../ingest/article-input.ts';
import { PROVENANCES } from '../ingest/review/corrections.ts';

/** A date filter at any granularity; 2021-02-30 or 2021-13 is refused, not read as an empty window. */
const day = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { abort: true, error: 'expected YYYY, YYYY-MM or YYYY-MM-DD' })
  .refine(isRealDate, { error: (iss) => `${JSON.stringify(String(iss.input).slice(0, 20))} is not a real calendar date` });

/** First and last day a partial date covers, as strings that compare in date order. */
const firstDay = (d: string) => (d + '-01-01').slice(0, 10);
const lastDay = (d: string) => (d.length === 10 ? d : d.length === 7 ? `${d}-31` : `${d}-12-31`);

/** A window whose `from` starts after its `to` ends is a mistake (swapped bounds), not a query for nothing. */
function fromNotAfterTo(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.from && q.to && firstDay(q.from) > lastDay(q.to))
    ctx.addIssue({ code: 'custom', path: ['from'], message: `${q.from} is after 'to' (${q.to}); swap them or widen the window` });
}
const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item));

// ---- shared pieces ----------------------------------------------------------------------------

export const ActorSummary = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(ACTOR_TYPES),
  aliases: z.array(z.string()),
  description: z.string().nullable(),
  affiliation: z.string().nullable(),
  statements: z.number().int(),
});
export type ActorSummary = z.infer<typeof ActorSummary>;

export const ArticleRef = z.object({
  id: z.string(),
  title: z.string(),
  source: z.string(),
  url: z.string().nullable(),
  published: z.string(),
});
export type ArticleRef = z.infer<typeof ArticleRef>;

export const StatementView = z.object({
  id: z.string(),
  text: z.string(),
  kind: z.enum(STATEMENT_KINDS),
  cue: z.string(),
  date: z.string(),
  granularity: z.enum(GRANULARITIES),
  dateBasis: z.enum(DATE_BASES),
  dateEvidence: z.string().nullable(),
  dateFrom: z.string(),
  dateTo: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  speaker: z.object({ id: z.string(), name: z.string(), type: z.enum(ACTOR_TYPES) }),
  article: ArticleRef,
  issues: z.array(z.object({ id: z.string(), stance: z.enum(STANCES) })),
  /** 'reviewed' once a reviewer's correction changed or added it (issue 12); older rows read as machine */
  provenance: z.enum(PROVENANCES),
  /** ids of the corrections applied to it (GET /api/review/corrections), in log order */
  corrections: z.array(z.string()),
});
export type StatementView = z.infer<typeof StatementView>;

export const PositionView = z.object({
  issue: z.string(),
  issueLabel: z.string(),
  stance: z.enum(POSITION_STANCES),
  date: z.string(),
  dateFrom: z.string(),
  dateTo: z.string(),
  articleId: z.string(),
  statementIds: z.array(z.string()),
  evidence: z.string().nullable(),
});
export type PositionView = z.infer<typeof PositionView>;

export const RelationView = z.object({
  kind: z.enum(RELATION_KINDS),
  direction: z.enum(['out', 'in']),
  other: z.object({ id: z.string(), name: z.string(), type: z.enum(ACTOR_TYPES) }),
  title: z.string().nullable(),
  date: z.string(),
  dateFrom: z.string(),
  dateTo: z.string(),
  articleId: z.string(),
  evidence: z.string(),
});
export type RelationView = z.infer<typeof RelationView>;

/** graphology's serialisation format (graph.export()), as sent by /api/graph. */
export const SerializedGraph = z.object({
  options: z.object({ type: z.string(), multi: z.boolean(), allowSelfLoops: z.boolean() }),
  attributes: z.record(z.string(), z.unknown()),
  nodes: z.array(z.object({ key: z.string(), attributes: z.record(z.string(), z.unknown()).optional() })),
  edges: z.array(
    z.object({
      key: z.string().optional(),
      source: z.string(),
      target: z.string(),
      undirected: z.boolean().optional(),
      attributes: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});
export type SerializedGraph = z.infer<typeof SerializedGraph>;

// ---- requests -----------------------------------------------------------------------------------

/** A list's keyset cursor: the `nextCursor` of the previous page, as is. */
const after = z.string().min(1).max(2000).meta({ description: "the previous page's nextCursor (opaque); absent for the first page" });
/** Of a paged list: the cursor of the next page, null on the last one. */
const nextCursor = z.string().nullable().meta({ description: 'pass as `after` for the next page; null when this is the last' });

export const ActorsQuery = z.object({
  q: z.string().max(200).optional(),
  type: z.enum(ACTOR_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  after: after.optional(),
});

export const StatementsQuery = z.object({
  speaker: z.string().max(200).optional(),
  issue: z.string().max(200).optional(),
  article: z.string().max(200).optional(),
  kind: z.enum(STATEMENT_KINDS).optional(),
  from: day.optional(),
  to: day.optional(),
  /** the explorer's filters (speaker types; issues and stances met by one ABOUT edge) */
  types: csv(z.enum(ACTOR_TYPES)).optional(),
  issues: csv(z.string().max(100)).optional(),
  stances: csv(z.enum(STANCES)).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** rows to skip (older clients); `after` is the bounded way to page */
  offset: z.coerce.number().int().min(0).default(0),
  after: after.optional(),
}).superRefine(fromNotAfterTo);

/** The whole-store statement lists (timeline strip, facets) come in pages. */
export const TimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
  after: after.optional(),
});
export const FacetsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100_000).default(50_000),
  after: after.optional(),
});
export const IssuesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  after: after.optional(),
});

export const GraphQuery = z.object({
  /** actors: actors and their relations; claims: actors, statements and issues. */
  view: z.enum(['actors', 'claims']).default('actors'),
  from: day.optional(),
  to: day.optional(),
  types: csv(z.enum(ACTOR_TYPES)).optional(),
  issues: csv(z.string().max(100)).optional(),
  stances: csv(z.enum(STANCES)).optional(),
  /** Centre the subgraph on one actor (its neighbourhood). */
  actor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100000).optional(),
}).superRefine(fromNotAfterTo);

export const CypherRequest = z.object({
  query: z.string().min(1).max(20000),
  params: z.record(z.string(), z.unknown()).default({}),
});

/**
 * One uploaded article: the loader's article fields and rules (ingest/article-input.ts: http(s)
 * URL, real publication date, no unknown fields), with a title and source required and the file
 * name optional (the server names unnamed uploads).
 */
export const ArticleUpload = ArticleFields.extend({
  title: ArticleFields.shape.title.min(1, { error: 'empty title' }),
  source: ArticleFields.shape.source.min(1, { error: 'empty source' }),
  url: ArticleFields.shape.url.optional(),
  file: z.string().max(500).optional(),
});
export const ArticlesUpload = z.object({ articles: z.array(ArticleUpload).min(1).max(100) });

// ---- responses ----------------------------------------------------------------------------------

export const HealthResponse = z.object({
  status: z.literal('ok'),
  store: z.enum(['ladybug', 'neo4j']),
  counts: z.object({ nodes: z.record(z.string(), z.number()), rels: z.record(z.string(), z.number()) }),
});

export const ActorsResponse = z.object({ actors: z.array(ActorSummary), nextCursor });
export type ActorsResponse = z.infer<typeof ActorsResponse>;

export const ActorDetailResponse = z.object({
  actor: ActorSummary,
  offices: z.array(RelationView),
  affiliations: z.array(RelationView),
  relations: z.array(RelationView),
  positions: z.array(PositionView),
  /** newest first */
  statements: z.array(StatementView),
  /** more statements: GET /api/statements?speaker=<id>&after=<this>; null when all are here */
  statementsNextCursor: z.string().nullable(),
});
export type ActorDetailResponse = z.infer<typeof ActorDetailResponse>;

export const StatementsResponse = z.object({ statements: z.array(StatementView), total: z.number().int(), nextCursor });
export type StatementsResponse = z.infer<typeof StatementsResponse>;

export const GraphResponse = z.object({
  graph: SerializedGraph,
  /** true when the server cut or aggregated the subgraph to stay under its cap */
  truncated: z.boolean(),
  totalNodes: z.number().int(),
  totalEdges: z.number().int(),
  cap: z.number().int(),
});
export type GraphResponse = z.infer<typeof GraphResponse>;

export const ArticleResponse = z.object({
  article: ArticleRef.extend({ file: z.string(), text: z.string() }),
  spans: z.array(
    z.object({
      statementId: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      kind: z.enum(STATEMENT_KINDS),
      speakerId: z.string(),
      speakerName: z.string(),
      /** issue 12: the article view marks reviewed spans */
      provenance: z.enum(PROVENANCES),
    }),
  ),
});
export type ArticleResponse = z.infer<typeof ArticleResponse>;

export const IssuesResponse = z.object({
  issues: z.array(z.object({ id: z.string(), label: z.string(), description: z.string(), statements: z.number().int() })),
  nextCursor,
});
export type IssuesResponse = z.infer<typeof IssuesResponse>;

/** Every statement's date and speaker, for the timeline strip (light: no text). */
export const TimelineResponse = z.object({
  statements: z.array(
    z.object({ id: z.string(), dateFrom: z.string(), dateTo: z.string(), speakerId: z.string(), kind: z.enum(STATEMENT_KINDS) }),
  ),
  nextCursor,
});
export type TimelineResponse = z.infer<typeof TimelineResponse>;

export const IngestResponse = z.object({
  results: z.array(
    z.object({
      file: z.string(),
      status: z.enum(['ingested', 'skipped', 'failed']),
      articleId: z.string().nullable(),
      statements: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
});

/** RFC 9457 problem details: every error response. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  requestId: z.string(),
});
export type Problem = z.infer<typeof Problem>;

// ---- explorer views ------------------------------------------------------------------------------

/** The person a statement rolls up to (its speaker, or the office holder a proxy speaker stands for). */
export const SpeaksFor = z.object({
  id: z.string(),
  name: z.string(),
  /** how the roll-up was found: the speaker is the person, names them, or names their office */
  via: z.enum(['self', 'name', 'office']),
  /** the office the person held then, as named in the articles ("Prime Minister of Iraq"); null when none */
  office: z.string().nullable(),
});
export type SpeaksFor = z.infer<typeof SpeaksFor>;

/** Every statement's filterable facets, light (no text): the explorer filters graph, list and timeline with these. */
export const FacetsResponse = z.object({
  statements: z.array(
    z.object({
      id: z.string(),
      speakerId: z.string(),
      speakerType: z.enum(ACTOR_TYPES),
      personId: z.string().nullable(),
      dateFrom: z.string(),
      dateTo: z.string(),
      articleId: z.string(),
      issues: z.array(z.object({ id: z.string(), stance: z.enum(STANCES) })),
    }),
  ),
  nextCursor,
});
export type FacetsResponse = z.infer<typeof FacetsResponse>;

export const ViewStatement = StatementView.extend({ speaksFor: SpeaksFor.nullable() });
export type ViewStatement = z.infer<typeof ViewStatement>;

/** /api/views/statements: the filtered statements, oldest first, each with the person it rolls up to. */
export const ViewStatementsResponse = z.object({ statements: z.array(ViewStatement), total: z.number().int(), nextCursor });
export type ViewStatementsResponse = z.infer<typeof ViewStatementsResponse>;

export const StanceChangesQuery = z.object({
  /** actor: per person (proxies rolled up) or speaker; office: per office held then ("Prime Minister of Iraq") */
  by: z.enum(['actor', 'office']).default('actor'),
  issues: csv(z.string().max(100)).optional(),
  types: csv(z.enum(ACTOR_TYPES)).optional(),
  from: day.optional(),
  to: day.optional(),
}).superRefine(fromNotAfterTo);

/** One change of one actor's stance on one issue: the last statement before and the first after. */
export const StanceChange = z.object({
  /** the person (or speaker), or with by=office the office (id `office:<label>`) */
  actor: z.object({ id: z.string(), name: z.string() }),
  issue: z.object({ id: z.string(), label: z.string() }),
  from: z.enum(STANCES),
  to: z.enum(STANCES),
  /** support <-> oppose (a reversal), not a move to or from neutral */
  flip: z.boolean(),
  before: ViewStatement,
  after: ViewStatement,
});
export type StanceChange = z.infer<typeof StanceChange>;
export const StanceChangesResponse = z.object({ changes: z.array(StanceChange) });
export type StanceChangesResponse = z.infer<typeof StanceChangesResponse>;

/** A fingerprint of the store's content; it changes when articles are added. */
export const VersionResponse = z.object({ version: z.string(), articles: z.number().int() });
export type VersionResponse = z.infer<typeof VersionResponse>;
