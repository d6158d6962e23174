/**
 * The named read queries the API runs, as `{ text, params }`, each typed with the shape of its
 * result row (`CypherQuery<Row>`), so `store.read(query)` returns typed rows.
 *
 * Written in the Cypher subset both LadybugDB (Kùzu) and Neo4j accept: every node and
 * relationship is labelled, scalar properties are returned under aliases (never whole nodes),
 * dates are ISO strings compared as strings, no APOC. Values travel ONLY as parameters; optional
 * filters switch fixed text fragments on or off (Kùzu cannot type a `$x IS NULL OR …` parameter).
 * `end` is a reserved word in Kùzu, hence the backticks (which Neo4j accepts too).
 *
 * Bounded by construction: every query that lists things carries `LIMIT $limit`, and the ones a
 * client pages through take a keyset cursor (`after*` parameters: the sort key of the last row
 * of the previous page), so no page costs more than its own size plus the engine's top-k.
 * Queries about one actor, statement or article start from its primary key (`{id: $id}`, or
 * `UNWIND $ids … {id: x}`): the primary-key index finds it, and the work is that node's degree.
 */
import type { NodeRecord, RelRecord } from './schema.ts';
import type { CypherQuery } from './store.ts';

/** A read query whose rows are `Row` (type only: the stores return what the RETURN clause names). */
export type Query<Row> = CypherQuery<Row>;

type Actor = NodeRecord<'Actor'>;
type Article = NodeRecord<'Article'>;
type Statement = NodeRecord<'Statement'>;
type Issue = NodeRecord<'Issue'>;
type Relates = RelRecord<'RELATES'>;
type Position = RelRecord<'HOLDS_POSITION'>;
type About = RelRecord<'ABOUT'>;

/** Expands a partial date to the first/last day it covers: '2011' → 2011-01-01 / 2011-12-31. */
export function dayRange(date: string): { first: string; last: string } {
  const [y, m, d] = date.split('-');
  if (d) return { first: date, last: date };
  if (m) {
    const lastDay = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return { first: `${y}-${m}-01`, last: `${y}-${m}-${String(lastDay).padStart(2, '0')}` };
  }
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}

/** Collects WHERE conditions and their parameters. */
class Where {
  readonly conds: string[] = [];
  readonly params: Record<string, unknown> = {};
  add(cond: string, params: Record<string, unknown> = {}): this {
    this.conds.push(cond);
    Object.assign(this.params, params);
    return this;
  }
  text(keyword = 'WHERE'): string {
    return this.conds.length ? `${keyword} ${this.conds.join(' AND ')}` : '';
  }
}

/** Declares a query and the type of its rows. */
function defineQuery<Row>(lines: (string | false | undefined)[], params: Record<string, unknown>): Query<Row> {
  return { text: lines.filter((l): l is string => typeof l === 'string' && l.length > 0).join('\n'), params };
}

/** A [from, to] window: a dated thing overlaps it when its dateFrom..dateTo range meets it. */
export interface DateWindow {
  from?: string | undefined;
  to?: string | undefined;
}

/** Adds the overlap conditions for variable `v` (which has dateFrom/dateTo) under parameter names `prefix*`. */
function overlap(w: Where, v: string, win: DateWindow, prefix = ''): void {
  if (win.from) w.add(`${v}.dateTo >= $${prefix}from`, { [`${prefix}from`]: dayRange(win.from).first });
  if (win.to) w.add(`${v}.dateFrom <= $${prefix}to`, { [`${prefix}to`]: dayRange(win.to).last });
}

/**
 * Keyset condition "the row comes after `after`" for an ORDER BY over `keys` (expression, direction),
 * as nested OR/AND (both engines plan it; neither compares tuples).
 */
function keyset(w: Where, keys: readonly (readonly [expr: string, dir: 'ASC' | 'DESC'])[], after: readonly unknown[], prefix = 'after'): void {
  const params: Record<string, unknown> = {};
  const build = (i: number): string => {
    const [expr, dir] = keys[i]!;
    const p = `$${prefix}${i}`;
    params[`${prefix}${i}`] = after[i];
    const beyond = `${expr} ${dir === 'ASC' ? '>' : '<'} ${p}`;
    return i === keys.length - 1 ? beyond : `(${beyond} OR (${expr} = ${p} AND ${build(i + 1)}))`;
  };
  w.add(build(0), params);
}

// ---- rows ---------------------------------------------------------------------------------------

export type ActorRow = Pick<Actor, 'id' | 'name' | 'type' | 'aliases' | 'description' | 'affiliation'> & { statements: number };
export type ActorSearchRow = ActorRow & { rank: number };

export type RelationRow = {
  direction: 'out' | 'in';
  kind: Relates['kind'];
  otherId: Actor['id'];
  otherName: Actor['name'];
  otherType: Actor['type'];
} & Pick<Relates, 'title' | 'date' | 'dateFrom' | 'dateTo' | 'articleId' | 'evidence'>;

export type PositionRow = { issue: Issue['id']; issueLabel: Issue['label'] } & Pick<
  Position,
  'stance' | 'date' | 'dateFrom' | 'dateTo' | 'articleId' | 'statementIds' | 'evidence'
>;

export type StatementRow = Pick<
  Statement,
  'id' | 'text' | 'kind' | 'cue' | 'date' | 'granularity' | 'dateBasis' | 'dateEvidence' | 'dateFrom' | 'dateTo' | 'start' | 'end' | 'provenance' | 'corrections'
> & {
  speakerId: Actor['id'];
  speakerName: Actor['name'];
  speakerType: Actor['type'];
  articleId: Article['id'];
  articleTitle: Article['title'];
  articleSource: Article['source'];
  articleUrl: Article['url'];
  articlePublished: Article['published'];
};

export type StatementIssueRow = { statementId: Statement['id']; id: Issue['id']; stance: About['stance'] };
export type CountRow = { total: number };
export type IssueRow = Pick<Issue, 'id' | 'label' | 'description'> & { statements: number };
export type TimelineRow = Pick<Statement, 'id' | 'dateFrom' | 'dateTo' | 'speakerId' | 'kind'>;
export type ArticleRow = Pick<Article, 'id' | 'title' | 'source' | 'url' | 'published' | 'file' | 'text'>;
export type SpanRow = { statementId: Statement['id'] } & Pick<Statement, 'start' | 'end' | 'kind' | 'provenance'> & { speakerId: Actor['id']; speakerName: Actor['name'] };

/** Both ends of a graph view's edge. */
type EdgeEndsRow = {
  source: Actor['id'];
  sourceName: Actor['name'];
  sourceType: Actor['type'];
  target: Actor['id'];
  targetName: Actor['name'];
  targetType: Actor['type'];
};
/** One RELATES edge of a graph view, with both ends. */
export type GraphRelationRow = EdgeEndsRow & Pick<Relates, 'kind' | 'date' | 'dateFrom' | 'dateTo' | 'articleId' | 'evidence' | 'title' | 'start' | 'end'>;
/** Parallel RELATES edges merged in the query: one row per (source, target, kind). */
export type GraphRelationGroupRow = EdgeEndsRow & {
  kind: Relates['kind'];
  count: number;
  /** the latest `date`, the first dateFrom and the last dateTo of the group */
  date: Relates['date'];
  dateFrom: Relates['dateFrom'];
  dateTo: Relates['dateTo'];
  /** the group's (least) article, evidence and title: the relation's own when count is 1 */
  articleId: Relates['articleId'];
  evidence: Relates['evidence'];
  title: Relates['title'];
};
export type GraphActorRow = Pick<Actor, 'id' | 'name' | 'type'> & { statements: number };
export type RankedActorRow = GraphActorRow & { degree: number };
export type GraphStatementRow = { speakerId: Actor['id'] } & Pick<Statement, 'id' | 'text' | 'kind' | 'date' | 'dateFrom' | 'dateTo' | 'articleId'>;
export type GraphAboutRow = { source: Statement['id']; target: Issue['id']; issueLabel: Issue['label']; stance: About['stance'] };
export type GraphPositionRow = {
  source: Actor['id'];
  sourceName: Actor['name'];
  sourceType: Actor['type'];
  target: Issue['id'];
  issueLabel: Issue['label'];
} & Pick<Position, 'stance' | 'date' | 'dateFrom' | 'dateTo' | 'articleId'>;

export type FacetRow = {
  id: Statement['id'];
  speakerId: Actor['id'];
  speakerName: Actor['name'];
  speakerType: Actor['type'];
} & Pick<Statement, 'date' | 'dateFrom' | 'dateTo' | 'articleId'>;
export type TenureRow = {
  holderId: Actor['id'];
  holderName: Actor['name'];
  title: Relates['title'];
  orgId: Actor['id'];
  orgName: Actor['name'];
} & Pick<Relates, 'dateFrom' | 'dateTo' | 'articleId'>;
export type SpeaksForRow = {
  proxyId: Actor['id'];
  personId: Actor['id'];
  personName: Actor['name'];
  title: Relates['title'];
  rule: Relates['rule'];
} & Pick<Relates, 'dateFrom' | 'dateTo' | 'articleId'>;
export type PersonRow = Pick<Actor, 'id' | 'name' | 'aliases'>;
export type VersionRow = { articles: number; lastId: Article['id'] | null };

const ACTOR_COLUMNS = `a.id AS id, a.name AS name, a.type AS type, a.aliases AS aliases, a.description AS description, a.affiliation AS affiliation`;

// ---- actors -------------------------------------------------------------------------------------

/** The sort key of an actor search row, the cursor of the next page. */
export type ActorSearchCursor = readonly [rank: number, statements: number, name: string, id: string];

export interface ActorSearch {
  q?: string | undefined;
  type?: string | undefined;
  limit: number;
  after?: ActorSearchCursor | undefined;
}

/**
 * Actors whose name or any alias contains `q` (case-insensitive), ranked exact > prefix > substring,
 * then by statements. Forms are unwound rather than tested with any(): Kùzu 0.19 evaluates list
 * quantifiers over a bound parameter wrongly.
 */
export function searchActors(s: ActorSearch): Query<ActorSearchRow> {
  const params: Record<string, unknown> = { limit: s.limit };
  const needle = s.q?.trim().toLowerCase();
  const w = new Where();
  if (s.type) w.add('a.type = $type', { type: s.type });
  Object.assign(params, w.params);
  if (needle) params.q = needle;
  const page = new Where();
  if (s.after) {
    keyset(page, [['rank', 'ASC'], ['statements', 'DESC'], ['a.name', 'ASC'], ['a.id', 'ASC']], s.after);
    Object.assign(params, page.params);
  }
  return defineQuery<ActorSearchRow>(
    [
      'MATCH (a:Actor)',
      w.text(),
      needle ? 'UNWIND a.aliases + [a.name] AS form' : '',
      needle ? 'WITH a, toLower(form) AS f WHERE f CONTAINS $q' : '',
      needle ? 'WITH a, min(CASE WHEN f = $q THEN 0 WHEN f STARTS WITH $q THEN 1 ELSE 2 END) AS rank' : 'WITH a, 0 AS rank',
      'OPTIONAL MATCH (a)-[:SAID]->(st:Statement)',
      'WITH a, rank, count(st) AS statements',
      page.text(),
      `RETURN ${ACTOR_COLUMNS}, statements, rank`,
      'ORDER BY rank, statements DESC, name, id',
      'LIMIT $limit',
    ],
    params,
  );
}

export function actorById(id: string): Query<ActorRow> {
  return defineQuery<ActorRow>(
    [
      'MATCH (a:Actor {id: $id})',
      `RETURN ${ACTOR_COLUMNS}, COUNT { MATCH (a)-[:SAID]->(:Statement) } AS statements`,
    ],
    { id },
  );
}

const RELATION_COLUMNS = `r.kind AS kind, o.id AS otherId, o.name AS otherName, o.type AS otherType, r.title AS title, r.date AS date, r.dateFrom AS dateFrom, r.dateTo AS dateTo, r.articleId AS articleId, r.evidence AS evidence`;

/** Relation kinds an actor page lists apart from the others (its offices and memberships). */
export const STANDING_KINDS = ['holds_office', 'member_of'] as const;

/** Sort key of a relation row (dateFrom DESC, kind, otherId, articleId). */
export type RelationCursor = readonly [dateFrom: string, kind: string, otherId: string, articleId: string];

export interface RelationSelect {
  direction: 'out' | 'in';
  /** 'standing': only STANDING_KINDS (outgoing); 'other': everything else */
  kinds: 'standing' | 'other' | 'all';
  limit: number;
  after?: RelationCursor | undefined;
}

/** Dated relations of one actor in one direction, newest first, at most `limit`. */
export function actorRelations(id: string, sel: RelationSelect): Query<RelationRow> {
  const w = new Where();
  if (sel.kinds === 'standing') w.add('r.kind IN $kinds', { kinds: [...STANDING_KINDS] });
  if (sel.kinds === 'other') w.add('NOT r.kind IN $kinds', { kinds: [...STANDING_KINDS] });
  if (sel.after) keyset(w, [['r.dateFrom', 'DESC'], ['r.kind', 'ASC'], ['o.id', 'ASC'], ['r.articleId', 'ASC']], sel.after);
  const pattern = sel.direction === 'out' ? '(a:Actor {id: $id})-[r:RELATES]->(o:Actor)' : '(a:Actor {id: $id})<-[r:RELATES]-(o:Actor)';
  return defineQuery<RelationRow>(
    [
      `MATCH ${pattern}`,
      w.text(),
      `RETURN '${sel.direction}' AS direction, ${RELATION_COLUMNS}`,
      'ORDER BY dateFrom DESC, kind, otherId, articleId',
      'LIMIT $limit',
    ],
    { id, ...w.params, limit: sel.limit },
  );
}

/** Sort key of a position row (dateFrom DESC, issue, articleId). */
export type PositionCursor = readonly [dateFrom: string, issue: string, articleId: string];

/** Positions of one actor, newest first, at most `limit`. */
export function actorPositions(id: string, limit: number, after?: PositionCursor): Query<PositionRow> {
  const w = new Where();
  if (after) keyset(w, [['p.dateFrom', 'DESC'], ['i.id', 'ASC'], ['p.articleId', 'ASC']], after);
  return defineQuery<PositionRow>(
    [
      'MATCH (a:Actor {id: $id})-[p:HOLDS_POSITION]->(i:Issue)',
      w.text(),
      'RETURN i.id AS issue, i.label AS issueLabel, p.stance AS stance, p.date AS date, p.dateFrom AS dateFrom, p.dateTo AS dateTo, p.articleId AS articleId, p.statementIds AS statementIds, p.evidence AS evidence',
      'ORDER BY dateFrom DESC, issue, articleId',
      'LIMIT $limit',
    ],
    { id, ...w.params, limit },
  );
}

// ---- statements ---------------------------------------------------------------------------------

export interface StatementFilter extends DateWindow {
  speaker?: string | undefined;
  issue?: string | undefined;
  article?: string | undefined;
  kind?: string | undefined;
  /** the explorer's filters: speaker types; issues and stances met by ONE ABOUT edge (as in the graph views) */
  types?: string[] | undefined;
  issues?: string[] | undefined;
  stances?: string[] | undefined;
}

/** Sort key of a statement list row (dateFrom DESC, dateTo DESC, id). */
export type StatementCursor = readonly [dateFrom: string, dateTo: string, id: string];

function statementMatch(f: StatementFilter, after?: StatementCursor): { lines: string[]; params: Record<string, unknown> } {
  const w = new Where();
  const params: Record<string, unknown> = {};
  if (f.kind) w.add('s.kind = $kind', { kind: f.kind });
  overlap(w, 's', f);
  // A speaker or an article anchors the pattern on its primary key: the cost is its degree.
  const sp = f.speaker ? '(sp:Actor {id: $speaker})' : '(sp:Actor)';
  if (f.speaker) params.speaker = f.speaker;
  if (f.article) params.article = f.article;
  const ar = f.article ? '(ar:Article {id: $article})' : '(ar:Article)';
  const lines = [`MATCH ${sp}-[:SAID]->(s:Statement)-[:REPORTED_IN]->${ar}`];
  // One ABOUT per (statement, issue), so this filter never duplicates a statement.
  if (f.issue) {
    lines.push('MATCH (s)-[:ABOUT]->(fi:Issue {id: $issue})');
    params.issue = f.issue;
  }
  if (f.types?.length) w.add('sp.type IN $types', { types: f.types });
  const facets = Boolean(f.issues?.length || f.stances?.length);
  if (facets) {
    lines.push('MATCH (s)-[fab:ABOUT]->(fis:Issue)');
    if (f.issues?.length) w.add('fis.id IN $issues', { issues: f.issues });
    if (f.stances?.length) w.add('fab.stance IN $stances', { stances: f.stances });
  }
  if (after) keyset(w, [['s.dateFrom', 'DESC'], ['s.dateTo', 'DESC'], ['s.id', 'ASC']], after);
  lines.push(w.text());
  // several ABOUT edges may meet the filter: one row per statement
  if (facets) lines.push('WITH DISTINCT sp, s, ar');
  return { lines, params: { ...params, ...w.params } };
}

/**
 * Statements matching the filter, newest first, with speaker and article (issues: statementIssues),
 * at most `limit`, after the cursor `after` (or, for old clients, `offset` rows in). (Cutting the
 * page on the sort key first and joining the articles after measured no cheaper on LadybugDB.)
 */
export function listStatements(f: StatementFilter & { limit: number; offset?: number | undefined; after?: StatementCursor | undefined }): Query<StatementRow> {
  const m = statementMatch(f, f.after);
  const skip = !f.after && f.offset ? f.offset : 0;
  return defineQuery<StatementRow>(
    [
      ...m.lines,
      'RETURN s.id AS id, s.text AS text, s.kind AS kind, s.cue AS cue, s.date AS date, s.granularity AS granularity, s.dateBasis AS dateBasis, s.dateEvidence AS dateEvidence, s.dateFrom AS dateFrom, s.dateTo AS dateTo, s.start AS start, s.`end` AS `end`,',
      // issue 12: reviewed/machine and the corrections applied
      '  s.provenance AS provenance, s.corrections AS corrections,',
      '  sp.id AS speakerId, sp.name AS speakerName, sp.type AS speakerType,',
      '  ar.id AS articleId, ar.title AS articleTitle, ar.source AS articleSource, ar.url AS articleUrl, ar.published AS articlePublished',
      'ORDER BY dateFrom DESC, dateTo DESC, id',
      skip ? 'SKIP $offset LIMIT $limit' : 'LIMIT $limit',
    ],
    { ...m.params, limit: f.limit, ...(skip ? { offset: skip } : {}) },
  );
}

/**
 * Issues and stances of the given statements (a page's worth). A separate query (rather than
 * OPTIONAL MATCH + collect in listStatements) because it measured twice as fast on LadybugDB, and
 * Kùzu turns an all-null collect() into null. The statements are looked up first and their ABOUT
 * edges OPTIONALly matched: as one pattern LadybugDB planned it from the Issue side, scanning every
 * ABOUT edge and Statement (200 ms CPU for 200 ids at 31k articles, against ~50 ms this way).
 */
export function statementIssues(ids: string[]): Query<StatementIssueRow> {
  return defineQuery<StatementIssueRow>(
    [
      'UNWIND $ids AS sid',
      'MATCH (s:Statement {id: sid})',
      'OPTIONAL MATCH (s)-[ab:ABOUT]->(i:Issue)',
      'WITH s, ab, i WHERE i IS NOT NULL',
      'RETURN s.id AS statementId, i.id AS id, ab.stance AS stance',
    ],
    { ids },
  );
}

// ---- one speaker's statements, from the SAID relationships --------------------------------------

/** A filter listSpeakerStatementIds serves: a speaker, at most a date window (the actor page, `?speaker=`). */
export type SpeakerFilter = DateWindow & { speaker: string };

/** Whether a statement filter is only a speaker and a date window (the SAID-only path serves it). */
export function speakerOnly(f: StatementFilter): f is StatementFilter & SpeakerFilter {
  return Boolean(f.speaker) && !f.kind && !f.issue && !f.article && !f.types?.length && !f.issues?.length && !f.stances?.length;
}

function speakerWhere(f: SpeakerFilter, after?: StatementCursor): Where {
  const w = new Where();
  overlap(w, 'r', f);
  if (after) keyset(w, [['r.dateFrom', 'DESC'], ['r.dateTo', 'DESC'], ['r.statementId', 'ASC']], after);
  return w;
}

/**
 * One page of a speaker's statement ids in listStatements' order (dateFrom DESC, dateTo DESC, id),
 * read from the SAID relationships alone: their dates and `statementId` (ENDPOINT_ID_PROPS). The
 * cost is the speaker's degree in SAID plus the top-k; the page's statements are then read by
 * primary key (statementsById).
 */
export function listSpeakerStatementIds(f: SpeakerFilter & { limit: number; offset?: number | undefined; after?: StatementCursor | undefined }): Query<{ id: Statement['id']; node: unknown }> {
  const w = speakerWhere(f, f.after);
  const skip = !f.after && f.offset ? f.offset : 0;
  return defineQuery<{ id: Statement['id']; node: unknown }>(
    [
      'MATCH (sp:Actor {id: $speaker})-[r:SAID]->(s:Statement)',
      w.text(),
      // id(s) comes with the relationship (no Statement column is read): see storageOrder
      'RETURN r.statementId AS id, id(s) AS node',
      'ORDER BY r.dateFrom DESC, r.dateTo DESC, id',
      skip ? 'SKIP $offset LIMIT $limit' : 'LIMIT $limit',
    ],
    { speaker: f.speaker, ...w.params, limit: f.limit, ...(skip ? { offset: skip } : {}) },
  );
}

/**
 * A sort key for a node's engine id (`id(n)`: LadybugDB `{table, offset}`, Neo4j an integer): its
 * place in storage. LadybugDB reads a node's columns by primary key much faster in storage order
 * (measured: 201 statements of one hub by 15 columns, 92–208 ms CPU in page order, 20–31 ms sorted),
 * as consecutive lookups then share the column chunks they decompress.
 */
export function storageOrder(node: unknown): number {
  if (typeof node === 'number') return node;
  if (typeof node === 'bigint') return Number(node);
  if (node && typeof node === 'object' && 'offset' in node) return Number((node as { offset: unknown }).offset);
  return 0;
}

/** How many statements of one speaker fall in the window (SAID relationships only). */
export function countSpeakerStatements(f: SpeakerFilter): Query<CountRow> {
  const w = speakerWhere(f);
  return defineQuery<CountRow>(['MATCH (sp:Actor {id: $speaker})-[r:SAID]->(:Statement)', w.text(), 'RETURN count(r) AS total'], { speaker: f.speaker, ...w.params });
}

/** A statement's own columns (no speaker or article joined): what statementsById returns. */
export type StatementOwnRow = Pick<
  Statement,
  'id' | 'text' | 'kind' | 'cue' | 'date' | 'granularity' | 'dateBasis' | 'dateEvidence' | 'dateFrom' | 'dateTo' | 'start' | 'end' | 'provenance' | 'corrections' | 'articleId'
>;

/** The given statements by primary key (a page's worth), in no particular order. */
export function statementsById(ids: string[]): Query<StatementOwnRow> {
  return defineQuery<StatementOwnRow>(
    [
      'UNWIND $ids AS x',
      'MATCH (s:Statement {id: x})',
      'RETURN s.id AS id, s.text AS text, s.kind AS kind, s.cue AS cue, s.date AS date, s.granularity AS granularity, s.dateBasis AS dateBasis, s.dateEvidence AS dateEvidence, s.dateFrom AS dateFrom, s.dateTo AS dateTo, s.start AS start, s.`end` AS `end`,',
      '  s.provenance AS provenance, s.corrections AS corrections, s.articleId AS articleId',
    ],
    { ids },
  );
}

export type ArticleHeadRow = Pick<Article, 'id' | 'title' | 'source' | 'url' | 'published'>;

/** Title, source, address and date of the given articles, by primary key. */
export function articleHeadsById(ids: string[]): Query<ArticleHeadRow> {
  return defineQuery<ArticleHeadRow>(
    ['UNWIND $ids AS x', 'MATCH (ar:Article {id: x})', 'RETURN ar.id AS id, ar.title AS title, ar.source AS source, ar.url AS url, ar.published AS published'],
    { ids },
  );
}

export function countStatements(f: StatementFilter): Query<CountRow> {
  const m = statementMatch(f);
  return defineQuery<CountRow>([...m.lines, 'RETURN count(s) AS total'], m.params);
}

// ---- issues, timeline, articles --------------------------------------------------------------

/** Sort key of an issue row (statements DESC, id). */
export type IssueCursor = readonly [statements: number, id: string];

export function listIssues(limit: number, after?: IssueCursor): Query<IssueRow> {
  const w = new Where();
  if (after) keyset(w, [['statements', 'DESC'], ['i.id', 'ASC']], after);
  return defineQuery<IssueRow>(
    [
      'MATCH (i:Issue)',
      'OPTIONAL MATCH (s:Statement)-[:ABOUT]->(i)',
      'WITH i, count(s) AS statements',
      w.text(),
      'RETURN i.id AS id, i.label AS label, i.description AS description, statements',
      'ORDER BY statements DESC, id',
      'LIMIT $limit',
    ],
    { ...w.params, limit },
  );
}

/** Sort key of the oldest-first statement lists (timeline, facets): dateFrom, id. */
export type ChronoCursor = readonly [dateFrom: string, id: string];

export function timeline(limit: number, after?: ChronoCursor): Query<TimelineRow> {
  const w = new Where();
  if (after) keyset(w, [['s.dateFrom', 'ASC'], ['s.id', 'ASC']], after);
  return defineQuery<TimelineRow>(
    [
      'MATCH (s:Statement)',
      w.text(),
      'RETURN s.id AS id, s.dateFrom AS dateFrom, s.dateTo AS dateTo, s.speakerId AS speakerId, s.kind AS kind',
      'ORDER BY dateFrom, id',
      'LIMIT $limit',
    ],
    { ...w.params, limit },
  );
}

export function articleById(id: string): Query<ArticleRow> {
  return defineQuery<ArticleRow>(
    [
      'MATCH (ar:Article {id: $id})',
      'RETURN ar.id AS id, ar.title AS title, ar.source AS source, ar.url AS url, ar.published AS published, ar.file AS file, ar.text AS text',
    ],
    { id },
  );
}

/** The statement spans of one article, in text order, at most `limit` (an article's text bounds them). */
export function articleSpans(id: string, limit: number): Query<SpanRow> {
  return defineQuery<SpanRow>(
    [
      'MATCH (sp:Actor)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(ar:Article {id: $id})',
      'RETURN s.id AS statementId, s.start AS start, s.`end` AS `end`, s.kind AS kind, s.provenance AS provenance, sp.id AS speakerId, sp.name AS speakerName',
      'ORDER BY start, `end`, statementId',
      'LIMIT $limit',
    ],
    { id, limit },
  );
}

// ---- graph views --------------------------------------------------------------------------------

export interface GraphFilter extends DateWindow {
  types?: string[] | undefined;
  issues?: string[] | undefined;
  stances?: string[] | undefined;
  actor?: string | undefined;
}

/** The statement part of the graph filter (date window, speaker types, issues/stances) for speaker `a`. */
function graphStatementWhere(f: GraphFilter, speaker = '(a:Actor)'): { lines: string[]; w: Where } {
  const w = new Where();
  if (f.types?.length) w.add('a.type IN $types', { types: f.types });
  overlap(w, 's', f);
  const lines = [`MATCH ${speaker}-[:SAID]->(s:Statement)`];
  if (f.issues?.length || f.stances?.length) {
    lines.push('MATCH (s)-[fab:ABOUT]->(fi:Issue)');
    if (f.issues?.length) w.add('fi.id IN $issues', { issues: f.issues });
    if (f.stances?.length) w.add('fab.stance IN $stances', { stances: f.stances });
  }
  return { lines, w };
}

/** The relation part of the graph filter (window on r, types of both ends). */
function graphRelationWhere(f: GraphFilter): Where {
  const w = new Where();
  if (f.types?.length) w.add('a.type IN $types AND b.type IN $types', { types: f.types });
  overlap(w, 'r', f);
  return w;
}

const GRAPH_RELATION_COLUMNS = [
  'RETURN a.id AS source, a.name AS sourceName, a.type AS sourceType, b.id AS target, b.name AS targetName, b.type AS targetType,',
  '  r.kind AS kind, r.date AS date, r.dateFrom AS dateFrom, r.dateTo AS dateTo, r.articleId AS articleId, r.evidence AS evidence, r.title AS title, r.start AS start, r.`end` AS `end`',
];

/**
 * The actors view's ranking: actors with their statements and relations passing the filter
 * (`degree`), best first (statements + degree, then id), at most `limit`. Without `all`, only
 * actors with at least one of either; with `speakersOnly` (issue/stance filters, which speak of
 * statements), only actors with a matching statement.
 */
export function graphRankedActors(f: GraphFilter, opts: { limit: number; all: boolean; speakersOnly: boolean }): Query<RankedActorRow> {
  const issueFilter = Boolean(f.issues?.length || f.stances?.length);
  const st = new Where();
  // Without issue/stance filters the statements are counted on SAID alone (its dates are the
  // statement's): reading a Statement column scans most of the Statement table on LadybugDB.
  overlap(st, issueFilter ? 's' : 'sd', f);
  const rel = new Where();
  overlap(rel, 'r', f, 'r');
  const types = new Where();
  if (f.types?.length) types.add('a.type IN $types', { types: f.types });
  if (f.issues?.length) st.add('fi.id IN $issues', { issues: f.issues });
  if (f.stances?.length) st.add('fab.stance IN $stances', { stances: f.stances });
  if (f.types?.length) rel.add('b.type IN $types');
  const keep = opts.speakersOnly ? 'statements > 0' : opts.all ? '' : 'statements > 0 OR degree > 0';
  return defineQuery<RankedActorRow>(
    [
      'MATCH (a:Actor)',
      types.text(),
      issueFilter ? 'OPTIONAL MATCH (a)-[:SAID]->(s:Statement)-[fab:ABOUT]->(fi:Issue)' : 'OPTIONAL MATCH (a)-[sd:SAID]->(:Statement)',
      st.text(),
      issueFilter ? 'WITH a, count(DISTINCT s) AS statements' : 'WITH a, count(sd) AS statements',
      'OPTIONAL MATCH (a)-[r:RELATES]-(b:Actor)',
      rel.text(),
      'WITH a, statements, count(r) AS degree',
      keep ? `WHERE ${keep}` : '',
      'RETURN a.id AS id, a.name AS name, a.type AS type, statements, degree',
      'ORDER BY statements + degree DESC, id',
      'LIMIT $limit',
    ],
    { ...types.params, ...st.params, ...rel.params, limit: opts.limit },
  );
}

/** How many actors the ranking would list without its limit (the view's total). */
export function graphRankedActorCount(f: GraphFilter, opts: { all: boolean; speakersOnly: boolean }): Query<CountRow> {
  const ranked = graphRankedActors(f, { ...opts, limit: 1 });
  const lines = ranked.text.split('\n');
  const upTo = lines.findIndex((l) => l.startsWith('RETURN '));
  const { limit: _limit, ...params } = ranked.params;
  return defineQuery<CountRow>([...lines.slice(0, upTo), 'RETURN count(a) AS total'], params);
}

/**
 * RELATES edges in the window among the given actors (types of both ends filtered), newest first,
 * at most `limit`. The ids come from graphRankedActors, so the rows are bounded twice.
 */
export function graphRelationsAmong(f: GraphFilter, ids: string[], limit: number): Query<GraphRelationRow> {
  const w = graphRelationWhere(f);
  w.add('b.id IN $ids');
  return defineQuery<GraphRelationRow>(
    [
      'UNWIND $ids AS x',
      'MATCH (a:Actor {id: x})-[r:RELATES]->(b:Actor)',
      w.text(),
      ...GRAPH_RELATION_COLUMNS,
      'ORDER BY dateTo DESC, source, target, kind, articleId',
      'LIMIT $limit',
    ],
    { ids, ...w.params, limit },
  );
}

const GROUP_COLUMNS = [
  'WITH a, b, r.kind AS kind, count(r) AS n, max(r.date) AS date, min(r.dateFrom) AS dateFrom, max(r.dateTo) AS dateTo, min(r.articleId) AS articleId, min(r.evidence) AS evidence, min(r.title) AS title',
  'RETURN a.id AS source, a.name AS sourceName, a.type AS sourceType, b.id AS target, b.name AS targetName, b.type AS targetType, kind, n AS count, date, dateFrom, dateTo, articleId, evidence, title',
  'ORDER BY count DESC, dateTo DESC, source, target, kind',
  'LIMIT $limit',
];

/**
 * graphRelationsAmong with parallel edges merged in the query (count, first dateFrom, last dateTo):
 * a view above its cap reads one row per (source, target, kind), the largest groups first.
 */
export function graphRelationGroupsAmong(f: GraphFilter, ids: string[], limit: number): Query<GraphRelationGroupRow> {
  const w = graphRelationWhere(f);
  w.add('b.id IN $ids');
  return defineQuery<GraphRelationGroupRow>(['UNWIND $ids AS x', 'MATCH (a:Actor {id: x})-[r:RELATES]->(b:Actor)', w.text(), ...GROUP_COLUMNS], { ids, ...w.params, limit });
}

/** graphActorRelations with parallel edges merged in the query, for an actor with more relations than a view lists. */
export function graphActorRelationGroups(f: GraphFilter & { actor: string }, direction: 'out' | 'in', limit: number): Query<GraphRelationGroupRow> {
  const w = graphRelationWhere(f);
  if (direction === 'in') w.add('a.id <> $actor');
  const pattern = direction === 'out' ? '(a:Actor {id: $actor})-[r:RELATES]->(b:Actor)' : '(a:Actor)-[r:RELATES]->(b:Actor {id: $actor})';
  return defineQuery<GraphRelationGroupRow>([`MATCH ${pattern}`, w.text(), ...GROUP_COLUMNS], { actor: f.actor, ...w.params, limit });
}

/** How many RELATES edges of one actor pass the filter, both ways (self-loops once). */
export function graphActorRelationCount(f: GraphFilter & { actor: string }, direction: 'out' | 'in'): Query<CountRow> {
  const w = graphRelationWhere(f);
  if (direction === 'in') w.add('a.id <> $actor');
  const pattern = direction === 'out' ? '(a:Actor {id: $actor})-[r:RELATES]->(b:Actor)' : '(a:Actor)-[r:RELATES]->(b:Actor {id: $actor})';
  return defineQuery<CountRow>([`MATCH ${pattern}`, w.text(), 'RETURN count(r) AS total'], { actor: f.actor, ...w.params });
}

/** How many RELATES edges pass the filter (the view's total edges). */
export function graphRelationCount(f: GraphFilter): Query<CountRow> {
  const w = graphRelationWhere(f);
  return defineQuery<CountRow>(['MATCH (a:Actor)-[r:RELATES]->(b:Actor)', w.text(), 'RETURN count(r) AS total'], w.params);
}

/**
 * RELATES edges of one actor in one direction (the centre of a one-actor view), starting from its
 * primary key, newest first, at most `limit`. Self-loops come with 'out' only.
 */
export function graphActorRelations(f: GraphFilter & { actor: string }, direction: 'out' | 'in', limit: number): Query<GraphRelationRow> {
  const w = graphRelationWhere(f);
  if (direction === 'in') w.add('a.id <> $actor');
  const pattern = direction === 'out' ? '(a:Actor {id: $actor})-[r:RELATES]->(b:Actor)' : '(a:Actor)-[r:RELATES]->(b:Actor {id: $actor})';
  return defineQuery<GraphRelationRow>(
    [`MATCH ${pattern}`, w.text(), ...GRAPH_RELATION_COLUMNS, 'ORDER BY dateTo DESC, source, target, kind, articleId', 'LIMIT $limit'],
    { actor: f.actor, ...w.params, limit },
  );
}

/** For the given actors (a page's worth): how many statements each made that pass the filter (none: no row). */
export function graphStatementCountsOf(f: GraphFilter, ids: string[]): Query<GraphActorRow> {
  if (!f.issues?.length && !f.stances?.length) {
    // on SAID alone, as in graphRankedActors
    const w = new Where();
    if (f.types?.length) w.add('a.type IN $types', { types: f.types });
    overlap(w, 'sd', f);
    return defineQuery<GraphActorRow>(
      ['UNWIND $ids AS x', 'MATCH (a:Actor {id: x})-[sd:SAID]->(:Statement)', w.text(), 'WITH a, count(sd) AS statements', 'RETURN a.id AS id, a.name AS name, a.type AS type, statements'],
      { ids, ...w.params },
    );
  }
  const m = graphStatementWhere(f, '(a:Actor {id: x})');
  return defineQuery<GraphActorRow>(
    ['UNWIND $ids AS x', ...m.lines, m.w.text(), 'WITH a, count(DISTINCT s) AS statements', 'RETURN a.id AS id, a.name AS name, a.type AS type, statements'],
    { ids, ...m.w.params },
  );
}

/** Names and types of the given actors. */
export function graphActorsById(ids: string[]): Query<Pick<Actor, 'id' | 'name' | 'type'>> {
  return defineQuery<Pick<Actor, 'id' | 'name' | 'type'>>(['UNWIND $ids AS x', 'MATCH (a:Actor {id: x})', 'RETURN a.id AS id, a.name AS name, a.type AS type'], { ids });
}

/**
 * Statements (claims view) that pass the filter, with speaker, newest first, at most `limit`
 * (from the centre actor's primary key when there is one); their ABOUT edges come from graphAbout.
 */
export function graphStatements(f: GraphFilter, limit: number): Query<GraphStatementRow> {
  const m = graphStatementWhere(f, f.actor ? '(a:Actor {id: $actor})' : '(a:Actor)');
  return defineQuery<GraphStatementRow>(
    [
      ...m.lines,
      m.w.text(),
      'WITH DISTINCT a, s',
      'RETURN a.id AS speakerId, s.id AS id, s.text AS text, s.kind AS kind, s.date AS date, s.dateFrom AS dateFrom, s.dateTo AS dateTo, s.articleId AS articleId',
      'ORDER BY dateFrom DESC, id',
      'LIMIT $limit',
    ],
    { ...(f.actor ? { actor: f.actor } : {}), ...m.w.params, limit },
  );
}

/** How many statements pass the claims view's filter. */
export function graphStatementCount(f: GraphFilter): Query<CountRow> {
  const m = graphStatementWhere(f, f.actor ? '(a:Actor {id: $actor})' : '(a:Actor)');
  return defineQuery<CountRow>([...m.lines, m.w.text(), 'RETURN count(DISTINCT s) AS total'], { ...(f.actor ? { actor: f.actor } : {}), ...m.w.params });
}

/** ABOUT edges of the given statements (restricted to the filtered issues/stances). */
export function graphAbout(f: Pick<GraphFilter, 'issues' | 'stances'>, statementIds: string[]): Query<GraphAboutRow> {
  const w = new Where();
  if (f.issues?.length) w.add('i.id IN $issues', { issues: f.issues });
  if (f.stances?.length) w.add('ab.stance IN $stances', { stances: f.stances });
  return defineQuery<GraphAboutRow>(
    ['UNWIND $ids AS sid', 'MATCH (s:Statement {id: sid})-[ab:ABOUT]->(i:Issue)', w.text(), 'RETURN s.id AS source, i.id AS target, i.label AS issueLabel, ab.stance AS stance'],
    { ids: statementIds, ...w.params },
  );
}

/** HOLDS_POSITION edges in the window (for actors of the given types / the centre actor / issues), newest first, at most `limit`. */
export function graphPositions(f: GraphFilter & { positionStances?: string[] | undefined }, limit: number): Query<GraphPositionRow> {
  const w = new Where();
  if (f.types?.length) w.add('a.type IN $types', { types: f.types });
  if (f.issues?.length) w.add('i.id IN $issues', { issues: f.issues });
  if (f.positionStances?.length) w.add('p.stance IN $positionStances', { positionStances: f.positionStances });
  overlap(w, 'p', f);
  return defineQuery<GraphPositionRow>(
    [
      f.actor ? 'MATCH (a:Actor {id: $actor})-[p:HOLDS_POSITION]->(i:Issue)' : 'MATCH (a:Actor)-[p:HOLDS_POSITION]->(i:Issue)',
      w.text(),
      'RETURN a.id AS source, a.name AS sourceName, a.type AS sourceType, i.id AS target, i.label AS issueLabel, p.stance AS stance, p.date AS date, p.dateFrom AS dateFrom, p.dateTo AS dateTo, p.articleId AS articleId',
      'ORDER BY dateFrom DESC, source, target, articleId',
      'LIMIT $limit',
    ],
    { ...(f.actor ? { actor: f.actor } : {}), ...w.params, limit },
  );
}

// ---- explorer views (facets, roll-up to office holders, stance changes) -----------------------

/** Statements' filterable facets, oldest first, a page of `limit` after `after` (issues: statementIssues). */
export function statementFacets(limit: number, after?: ChronoCursor): Query<FacetRow> {
  const w = new Where();
  if (after) keyset(w, [['s.dateFrom', 'ASC'], ['s.id', 'ASC']], after);
  return defineQuery<FacetRow>(
    [
      'MATCH (a:Actor)-[:SAID]->(s:Statement)',
      w.text(),
      'RETURN s.id AS id, a.id AS speakerId, a.name AS speakerName, a.type AS speakerType, s.date AS date, s.dateFrom AS dateFrom, s.dateTo AS dateTo, s.articleId AS articleId',
      'ORDER BY dateFrom, id',
      'LIMIT $limit',
    ],
    { ...w.params, limit },
  );
}

/** Sort key of the roll-up's lists: dateFrom, then two ids and the article. */
export type RollUpCursor = readonly [dateFrom: string, a: string, b: string, articleId: string];

/** Who holds which office, as stated in which article at which date (holds_office relations), a page at a time. */
export function officeTenures(limit: number, after?: RollUpCursor): Query<TenureRow> {
  const w = new Where();
  if (after) keyset(w, [['r.dateFrom', 'ASC'], ['a.id', 'ASC'], ['o.id', 'ASC'], ['r.articleId', 'ASC']], after);
  return defineQuery<TenureRow>(
    [
      "MATCH (a:Actor)-[r:RELATES {kind: 'holds_office'}]->(o:Actor)",
      w.text(),
      'RETURN a.id AS holderId, a.name AS holderName, r.title AS title, o.id AS orgId, o.name AS orgName, r.dateFrom AS dateFrom, r.dateTo AS dateTo, r.articleId AS articleId',
      'ORDER BY dateFrom, holderId, orgId, articleId',
      'LIMIT $limit',
    ],
    { ...w.params, limit },
  );
}

/** The speaks_for relations ingest stored: proxy speaker → the person it speaks for, dated, per article, a page at a time. */
export function speaksForLinks(limit: number, after?: RollUpCursor): Query<SpeaksForRow> {
  const w = new Where();
  if (after) keyset(w, [['r.dateFrom', 'ASC'], ['x.id', 'ASC'], ['p.id', 'ASC'], ['r.articleId', 'ASC']], after);
  return defineQuery<SpeaksForRow>(
    [
      "MATCH (x:Actor)-[r:RELATES {kind: 'speaks_for'}]->(p:Actor)",
      w.text(),
      'RETURN x.id AS proxyId, p.id AS personId, p.name AS personName, r.title AS title, r.rule AS rule, r.dateFrom AS dateFrom, r.dateTo AS dateTo, r.articleId AS articleId',
      'ORDER BY dateFrom, proxyId, personId, articleId',
      'LIMIT $limit',
    ],
    { ...w.params, limit },
  );
}

/** People (names and aliases), the candidates a proxy speaker ("the office of X") may stand for, by id, a page at a time. */
export function personForms(limit: number, afterId?: string): Query<PersonRow> {
  const w = new Where();
  w.add("a.type = 'person'");
  if (afterId !== undefined) keyset(w, [['a.id', 'ASC']], [afterId]);
  return defineQuery<PersonRow>(['MATCH (a:Actor)', w.text(), 'RETURN a.id AS id, a.name AS name, a.aliases AS aliases', 'ORDER BY id', 'LIMIT $limit'], { ...w.params, limit });
}

/** A cheap fingerprint of the store's content: changes whenever an article is added. */
export function storeVersion(): Query<VersionRow> {
  return defineQuery<VersionRow>(['MATCH (ar:Article)', 'RETURN count(ar) AS articles, max(ar.id) AS lastId'], {});
}
