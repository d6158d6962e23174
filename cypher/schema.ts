/**
 * The claimgraph data model, declared once, as data (after FollowTheMoney's "model as data").
 *
 * Every node and relationship table is listed here with its properties. From this one
 * declaration derive:
 *  - the TypeScript record types (`NodeRecord<'Actor'>`, `RelRecord<'SAID'>`, …) via zod inference,
 *  - runtime validation of records and API payloads (`nodeSchemas`, `relSchemas`),
 *  - LadybugDB/Kùzu DDL and Neo4j constraints (see `ddl.ts`).
 *
 * Dates are ISO strings at the granularity the text supports ("2024", "2024-01", "2024-01-10"),
 * plus a `dateFrom`/`dateTo` day range so that both stores filter them with plain string
 * comparison (no dialect-specific date functions).
 */
import { z } from 'zod';

/** Cypher property types we use; both Kùzu and Neo4j can hold them. */
export type CypherType = 'STRING' | 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'STRING[]';

interface PropDef<Z extends z.ZodType = z.ZodType> {
  readonly cypher: CypherType;
  readonly zod: Z;
  readonly doc: string;
}

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const p = {
  string: (doc: string) => ({ cypher: 'STRING', zod: z.string(), doc }) as const satisfies PropDef,
  optString: (doc: string) => ({ cypher: 'STRING', zod: z.string().nullable(), doc }) as const satisfies PropDef,
  /** a string column older records may lack (absent and null read the same) */
  laterString: (doc: string) => ({ cypher: 'STRING', zod: z.string().nullable().optional(), doc }) as const satisfies PropDef,
  /** a closed-vocabulary column older records may lack */
  laterOneOf: <const T extends readonly [string, ...string[]]>(values: T, doc: string) =>
    ({ cypher: 'STRING', zod: z.enum(values).nullable().optional(), doc }) as const,
  /** a list column older records may lack (absent reads as null) */
  laterStrings: (doc: string) => ({ cypher: 'STRING[]', zod: z.array(z.string()).nullable().optional(), doc }) as const satisfies PropDef,
  int: (doc: string) => ({ cypher: 'INT64', zod: z.number().int(), doc }) as const satisfies PropDef,
  num: (doc: string) => ({ cypher: 'DOUBLE', zod: z.number(), doc }) as const satisfies PropDef,
  bool: (doc: string) => ({ cypher: 'BOOLEAN', zod: z.boolean(), doc }) as const satisfies PropDef,
  strings: (doc: string) => ({ cypher: 'STRING[]', zod: z.array(z.string()), doc }) as const satisfies PropDef,
  date: (doc: string) => ({ cypher: 'STRING', zod: isoDate, doc }) as const satisfies PropDef,
  optDate: (doc: string) => ({ cypher: 'STRING', zod: isoDate.nullable(), doc }) as const satisfies PropDef,
  day: (doc: string) => ({ cypher: 'STRING', zod: isoDay, doc }) as const satisfies PropDef,
  optDay: (doc: string) => ({ cypher: 'STRING', zod: isoDay.nullable(), doc }) as const satisfies PropDef,
  oneOf: <const T extends readonly [string, ...string[]]>(values: T, doc: string) =>
    ({ cypher: 'STRING', zod: z.enum(values), doc }) as const,
};

// ---- closed vocabularies -------------------------------------------------------------------

export const ACTOR_TYPES = ['person', 'organization', 'country', 'group', 'anonymous'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const STATEMENT_KINDS = ['direct', 'indirect'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export const GRANULARITIES = ['day', 'month', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const DATE_BASES = ['explicit', 'relative', 'publication'] as const;
export type DateBasis = (typeof DATE_BASES)[number];

/** Stance of one statement on one issue. */
export const STANCES = ['support', 'oppose', 'neutral'] as const;
export type Stance = (typeof STANCES)[number];

/** Stance of an actor's position, aggregated over the statements of one article. */
export const POSITION_STANCES = ['support', 'oppose', 'mixed', 'neutral'] as const;
export type PositionStance = (typeof POSITION_STANCES)[number];

/** Who made a statement or actor what it is: the extractor, or a reviewer's correction (issue 12). */
export const RECORD_PROVENANCES = ['machine', 'reviewed'] as const;

/**
 * Issue ids: not a closed list, since a corpus may declare its own issues (an `issues.json` beside
 * its manifest; the default set is ingest/data/issues.json). Lower-case kebab-case, optionally
 * namespaced ("rent-control", "us-troop-presence", "other:human-rights").
 */
export const ISSUE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*(?::[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
export const issueIdSchema = z.string().max(80).regex(ISSUE_ID_PATTERN, 'expected a lower-case kebab-case id, optionally namespaced (e.g. "rent-control", "other:human-rights")');

/** Kinds of dated actor-to-actor relation. */
export const RELATION_KINDS = [
  'negotiates_with',
  'pressures',
  'attacks',
  'supports',
  'opposes',
  'member_of',
  'holds_office',
  'addresses',
  /** the speaker of a statement names the other actor in it */
  'speaks_about',
  /**
   * a proxy speaker (an office, a spokesperson, a press office, "the White House") speaks for a
   * person at the statement's date; `title` is the office when one is known
   */
  'speaks_for',
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

// ---- tables ----------------------------------------------------------------------------------

/** Provenance shared by every relationship that happened in time. */
const dated = {
  date: p.date('when it happened, at the granularity the text supports'),
  dateFrom: p.day('first day of `date`'),
  dateTo: p.day('last day of `date`'),
  articleId: p.string('the article it was extracted from'),
} as const;

export const NODE_TABLES = {
  Article: {
    doc: 'A news article: the source of every statement and relation.',
    props: {
      id: p.string('content-derived id (hash of the text)'),
      file: p.string('file name it was ingested from'),
      title: p.string('headline'),
      source: p.string('outlet'),
      url: p.optString('original address'),
      published: p.day('publication date'),
      text: p.string('full text; statement offsets index into it (UTF-16 code units)'),
      chars: p.int('length of the text'),
      complete: p.bool('false while its subgraph is being written; incomplete articles are swept at open'),
    },
  },
  Actor: {
    doc: 'Someone or something that speaks or acts: person, organisation, country, group or anonymous source.',
    props: {
      id: p.string('canonical kebab-case id, e.g. nouri-al-maliki'),
      name: p.string('canonical name'),
      type: p.oneOf(ACTOR_TYPES, 'kind of actor'),
      aliases: p.strings('every surface form seen, plus dictionary aliases'),
      description: p.optString('role or title, e.g. "Prime Minister of Iraq"'),
      affiliation: p.optString('actor id of the organisation or country it belongs to'),
      provenance: p.laterOneOf(RECORD_PROVENANCES, "'reviewed' when a reviewer's correction created, renamed or retyped it; absent: machine"),
    },
  },
  Statement: {
    doc: 'A direct quote or reported speech, with its exact span in the article.',
    props: {
      id: p.string('content-derived id (article, offsets, text)'),
      text: p.string('exact text: inside the quote marks for direct quotes, the reported clause for indirect'),
      kind: p.oneOf(STATEMENT_KINDS, 'direct quote or reported speech'),
      cue: p.string('attribution verb or phrase, e.g. "said", "according to"'),
      start: p.int('offset of the first character in the article text'),
      end: p.int('offset after the last character'),
      date: p.date('when it was said'),
      granularity: p.oneOf(GRANULARITIES, 'precision of `date`'),
      dateBasis: p.oneOf(DATE_BASES, 'how `date` was established'),
      dateEvidence: p.optString('the time expression that governs it'),
      dateFrom: p.day('first day of `date`'),
      dateTo: p.day('last day of `date`'),
      articleId: p.string('article it appears in'),
      speakerId: p.string('actor id of the speaker'),
      speakerMention: p.string('how the speaker is named at this statement'),
      rule: p.laterString('the attribution rule that found it (ingest/attribution), e.g. "subject-verb:that", "quote:tail"'),
      provenance: p.laterOneOf(RECORD_PROVENANCES, "'machine' (the extractor's) or 'reviewed' (changed or added by a correction); absent in older stores: machine"),
      corrections: p.laterStrings('ids of the corrections applied to it (archive/corrections.log), in log order'),
    },
  },
  Issue: {
    doc: 'A topic positions are taken on (the default set in ingest/data/issues.json, or a corpus\'s own issues.json).',
    props: {
      id: { cypher: 'STRING', zod: issueIdSchema, doc: 'issue id (ISSUE_ID_PATTERN), e.g. us-troop-presence, rent-control' },
      label: p.string('short human label'),
      description: p.string('what support and oppose mean'),
    },
  },
} as const;

export const REL_TABLES = {
  SAID: {
    doc: 'Actor made Statement.',
    from: 'Actor',
    to: 'Statement',
    props: {
      ...dated,
      statementId: p.laterString("the statement's id, filled by the store from the `to` end (ENDPOINT_ID_PROPS)"),
    },
  },
  REPORTED_IN: {
    doc: 'Statement appears in Article.',
    from: 'Statement',
    to: 'Article',
    props: { articleId: dated.articleId },
  },
  MENTIONS: {
    doc: 'Article names Actor.',
    from: 'Article',
    to: 'Actor',
    props: {
      articleId: dated.articleId,
      forms: p.strings('surface forms used in the article'),
      count: p.int('number of mentions'),
    },
  },
  ABOUT: {
    doc: 'Statement is about Issue, with the stance it expresses.',
    from: 'Statement',
    to: 'Issue',
    props: { stance: p.oneOf(STANCES, 'stance the statement takes on the issue'), articleId: dated.articleId },
  },
  HOLDS_POSITION: {
    doc: 'Actor holds a stance on Issue, as of a date, supported by statements of one article.',
    from: 'Actor',
    to: 'Issue',
    props: {
      ...dated,
      stance: p.oneOf(POSITION_STANCES, 'aggregated stance'),
      statementIds: p.strings('statements that support this position'),
      evidence: p.optString('a short verbatim span behind it'),
    },
  },
  RELATES: {
    doc: 'A dated relation between two actors (negotiates with, pressures, attacks, supports, member of, holds office, speaks about, speaks for, …).',
    from: 'Actor',
    to: 'Actor',
    props: {
      ...dated,
      kind: p.oneOf(RELATION_KINDS, 'kind of relation'),
      title: p.optString('for holds_office and speaks_for: the office, e.g. "Prime Minister"'),
      evidence: p.string('verbatim sentence or phrase behind it'),
      start: p.int('offset of the evidence in the article'),
      end: p.int('offset after the evidence'),
      rule: p.laterString('the extraction rule that found it (ingest/data/relation-cues.json), e.g. "verb.attack.passive"'),
    },
  },
} as const;

/**
 * Relationship properties each store fills itself with the id of one end (records need not carry
 * them; a value a record carries is overwritten), and fills in at open for rows an older version
 * wrote. SAID.statementId: a speaker's statement list sorts and pages on the SAID relationships
 * alone (their dates and this id), then reads only the page's statements by primary key; on
 * LadybugDB reading any Statement property of a hub's statements scanned most of the Statement
 * table (measured: 115–200 ms CPU for a speaker of 16k statements at 31k articles, against ~17 ms).
 */
export const ENDPOINT_ID_PROPS = {
  SAID: { statementId: 'to' },
} as const satisfies { [T in keyof typeof REL_TABLES]?: Record<string, 'from' | 'to'> };

/** The endpoint-id properties of `type`, as [prop, end] pairs. */
export function endpointIdProps(type: keyof typeof REL_TABLES): [prop: string, end: 'from' | 'to'][] {
  const def = (ENDPOINT_ID_PROPS as Partial<Record<keyof typeof REL_TABLES, Record<string, 'from' | 'to'>>>)[type];
  return def ? Object.entries(def) : [];
}

export type NodeLabel = keyof typeof NODE_TABLES;
export type RelType = keyof typeof REL_TABLES;
export const NODE_LABELS = Object.keys(NODE_TABLES) as NodeLabel[];
export const REL_TYPES = Object.keys(REL_TABLES) as RelType[];

// ---- derived validation and types -----------------------------------------------------------

type Shape<P extends Record<string, PropDef>> = { [K in keyof P]: P[K]['zod'] };

function objectOf<P extends Record<string, PropDef>>(props: P) {
  const shape = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.zod])) as Shape<P>;
  return z.object(shape).strict();
}

/** zod schemas of node records, derived from NODE_TABLES. */
export const nodeSchemas = {
  Article: objectOf(NODE_TABLES.Article.props),
  Actor: objectOf(NODE_TABLES.Actor.props),
  Statement: objectOf(NODE_TABLES.Statement.props),
  Issue: objectOf(NODE_TABLES.Issue.props),
} satisfies Record<NodeLabel, z.ZodType>;

const endpoints = { from: z.string().min(1), to: z.string().min(1) };

/** zod schemas of relationship records: endpoint ids (`from`, `to`) plus the declared properties. */
export const relSchemas = {
  SAID: objectOf(REL_TABLES.SAID.props).extend(endpoints),
  REPORTED_IN: objectOf(REL_TABLES.REPORTED_IN.props).extend(endpoints),
  MENTIONS: objectOf(REL_TABLES.MENTIONS.props).extend(endpoints),
  ABOUT: objectOf(REL_TABLES.ABOUT.props).extend(endpoints),
  HOLDS_POSITION: objectOf(REL_TABLES.HOLDS_POSITION.props).extend(endpoints),
  RELATES: objectOf(REL_TABLES.RELATES.props).extend(endpoints),
} satisfies Record<RelType, z.ZodType>;

export type NodeRecord<L extends NodeLabel> = z.infer<(typeof nodeSchemas)[L]>;
export type RelRecord<T extends RelType> = z.infer<(typeof relSchemas)[T]>;

export type ArticleNode = NodeRecord<'Article'>;
export type ActorNode = NodeRecord<'Actor'>;
export type StatementNode = NodeRecord<'Statement'>;
export type IssueNode = NodeRecord<'Issue'>;

/** Everything one ingest writes: the output of the pipeline's last stage, the input of a store write. */
export interface GraphRecords {
  nodes: { [L in NodeLabel]: NodeRecord<L>[] };
  rels: { [T in RelType]: RelRecord<T>[] };
}

export function emptyGraphRecords(): GraphRecords {
  return {
    nodes: { Article: [], Actor: [], Statement: [], Issue: [] },
    rels: { SAID: [], REPORTED_IN: [], MENTIONS: [], ABOUT: [], HOLDS_POSITION: [], RELATES: [] },
  };
}

/** Validates a whole batch; throws a ZodError naming the table, row and field at fault. */
export function validateGraphRecords(records: GraphRecords): void {
  for (const label of NODE_LABELS) {
    records.nodes[label].forEach((row, i) => {
      const r = nodeSchemas[label].safeParse(row);
      if (!r.success) throw new Error(`invalid ${label} record #${i} (${(row as { id?: string }).id ?? '?'}): ${r.error.message}`);
    });
  }
  for (const type of REL_TYPES) {
    records.rels[type].forEach((row, i) => {
      const r = relSchemas[type].safeParse(row);
      if (!r.success) throw new Error(`invalid ${type} record #${i} (${row.from}->${row.to}): ${r.error.message}`);
    });
  }
}
