/**
 * The named read queries the API runs, as `{ text, params }`.
 *
 * Written in the Cypher subset both LadybugDB (Kùzu) and Neo4j accept: every node and
 * relationship is labelled, scalar properties are returned under aliases (never whole nodes),
 * dates are ISO strings compared as strings, no APOC. Values travel ONLY as parameters; optional
 * filters switch fixed text fragments on or off (Kùzu cannot type a `$x IS NULL OR …` parameter).
 * `end` is a reserved word in Kùzu, hence the backticks (which Neo4j accepts too).
 */
import type { CypherQuery } from './store.ts';

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

function q(lines: (string | false | undefined)[], params: Record<string, unknown>): CypherQuery {
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

const ACTOR_COLUMNS = `a.id AS id, a.name AS name, a.type AS type, a.aliases AS aliases, a.description AS description, a.affiliation AS affiliation`;

// ---- actors -------------------------------------------------------------------------------------

export interface ActorSearch {
  q?: string | undefined;
  type?: string | undefined;
  limit: number;
}

/**
 * Actors whose name or any alias contains `q` (case-insensitive), ranked exact > prefix > substring,
 * then by statements. Forms are unwound rather than tested with any(): Kùzu 0.19 evaluates list
 * quantifiers over a bound parameter wrongly.
 */
export function searchActors(s: ActorSearch): CypherQuery {
  const params: Record<string, unknown> = { limit: s.limit };
  const needle = s.q?.trim().toLowerCase();
  const w = new Where();
  if (s.type) w.add('a.type = $type', { type: s.type });
  Object.assign(params, w.params);
  if (needle) params.q = needle;
  return q(
    [
      'MATCH (a:Actor)',
      w.text(),
      needle ? 'UNWIND a.aliases + [a.name] AS form' : '',
      needle ? 'WITH a, toLower(form) AS f WHERE f CONTAINS $q' : '',
      needle ? 'WITH a, min(CASE WHEN f = $q THEN 0 WHEN f STARTS WITH $q THEN 1 ELSE 2 END) AS rank' : 'WITH a, 0 AS rank',
      'OPTIONAL MATCH (a)-[:SAID]->(st:Statement)',
      'WITH a, rank, count(st) AS statements',
      `RETURN ${ACTOR_COLUMNS}, statements, rank`,
      'ORDER BY rank, statements DESC, name, id',
      'LIMIT $limit',
    ],
    params,
  );
}

export function actorById(id: string): CypherQuery {
  return q(
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

export interface RelationSelect {
  direction: 'out' | 'in';
  /** 'standing': only STANDING_KINDS (outgoing); 'other': everything else */
  kinds: 'standing' | 'other' | 'all';
  limit: number;
}

/** Dated relations of one actor in one direction, newest first, at most `limit`. */
export function actorRelations(id: string, sel: RelationSelect): CypherQuery {
  const w = new Where();
  if (sel.kinds === 'standing') w.add('r.kind IN $kinds', { kinds: [...STANDING_KINDS] });
  if (sel.kinds === 'other') w.add('NOT r.kind IN $kinds', { kinds: [...STANDING_KINDS] });
  const pattern = sel.direction === 'out' ? '(a:Actor {id: $id})-[r:RELATES]->(o:Actor)' : '(a:Actor {id: $id})<-[r:RELATES]-(o:Actor)';
  return q(
    [
      `MATCH ${pattern}`,
      w.text(),
      `RETURN '${sel.direction}' AS direction, ${RELATION_COLUMNS}`,
      'ORDER BY dateFrom DESC, kind, otherId',
      'LIMIT $limit',
    ],
    { id, ...w.params, limit: sel.limit },
  );
}

/** Positions of one actor, newest first, at most `limit`. */
export function actorPositions(id: string, limit: number): CypherQuery {
  return q(
    [
      'MATCH (a:Actor {id: $id})-[p:HOLDS_POSITION]->(i:Issue)',
      'RETURN i.id AS issue, i.label AS issueLabel, p.stance AS stance, p.date AS date, p.dateFrom AS dateFrom, p.dateTo AS dateTo, p.articleId AS articleId, p.statementIds AS statementIds, p.evidence AS evidence',
      'ORDER BY dateFrom DESC, issue, articleId',
      'LIMIT $limit',
    ],
    { id, limit },
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

function statementMatch(f: StatementFilter): { lines: string[]; params: Record<string, unknown> } {
  const w = new Where();
  if (f.speaker) w.add('sp.id = $speaker', { speaker: f.speaker });
  if (f.article) w.add('ar.id = $article', { article: f.article });
  if (f.kind) w.add('s.kind = $kind', { kind: f.kind });
  overlap(w, 's', f);
  const lines = ['MATCH (sp:Actor)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(ar:Article)'];
  // One ABOUT per (statement, issue), so this filter never duplicates a statement.
  if (f.issue) {
    lines.push('MATCH (s)-[:ABOUT]->(fi:Issue {id: $issue})');
    w.params.issue = f.issue;
  }
  if (f.types?.length) w.add('sp.type IN $types', { types: f.types });
  const facets = Boolean(f.issues?.length || f.stances?.length);
  if (facets) {
    lines.push('MATCH (s)-[fab:ABOUT]->(fis:Issue)');
    if (f.issues?.length) w.add('fis.id IN $issues', { issues: f.issues });
    if (f.stances?.length) w.add('fab.stance IN $stances', { stances: f.stances });
  }
  lines.push(w.text());
  // several ABOUT edges may meet the filter: one row per statement
  if (facets) lines.push('WITH DISTINCT sp, s, ar');
  return { lines, params: w.params };
}

/** Statements matching the filter, newest first, with speaker and article (issues: statementIssues). */
export function listStatements(f: StatementFilter & { limit: number; offset: number }): CypherQuery {
  const m = statementMatch(f);
  return q(
    [
      ...m.lines,
      'RETURN s.id AS id, s.text AS text, s.kind AS kind, s.cue AS cue, s.date AS date, s.granularity AS granularity, s.dateBasis AS dateBasis, s.dateEvidence AS dateEvidence, s.dateFrom AS dateFrom, s.dateTo AS dateTo, s.start AS start, s.`end` AS `end`,',
      '  sp.id AS speakerId, sp.name AS speakerName, sp.type AS speakerType,',
      '  ar.id AS articleId, ar.title AS articleTitle, ar.source AS articleSource, ar.url AS articleUrl, ar.published AS articlePublished',
      'ORDER BY dateFrom DESC, dateTo DESC, id',
      'SKIP $offset LIMIT $limit',
    ],
    { ...m.params, limit: f.limit, offset: f.offset },
  );
}

/**
 * Issues and stances of the given statements. A separate query (rather than OPTIONAL MATCH +
 * collect in listStatements) because it measured twice as fast on LadybugDB, and Kùzu turns an
 * all-null collect() into null.
 */
export function statementIssues(ids: string[]): CypherQuery {
  return q(
    [
      'UNWIND $ids AS sid',
      'MATCH (s:Statement {id: sid})-[ab:ABOUT]->(i:Issue)',
      'RETURN s.id AS statementId, i.id AS id, ab.stance AS stance',
    ],
    { ids },
  );
}

export function countStatements(f: StatementFilter): CypherQuery {
  const m = statementMatch(f);
  return q([...m.lines, 'RETURN count(s) AS total'], m.params);
}

// ---- issues, timeline, articles --------------------------------------------------------------

export function listIssues(): CypherQuery {
  return q(
    [
      'MATCH (i:Issue)',
      'OPTIONAL MATCH (s:Statement)-[:ABOUT]->(i)',
      'WITH i, count(s) AS statements',
      'RETURN i.id AS id, i.label AS label, i.description AS description, statements',
      'ORDER BY statements DESC, id',
    ],
    {},
  );
}

export function timeline(): CypherQuery {
  return q(
    [
      'MATCH (s:Statement)',
      'RETURN s.id AS id, s.dateFrom AS dateFrom, s.dateTo AS dateTo, s.speakerId AS speakerId, s.kind AS kind',
      'ORDER BY dateFrom, id',
    ],
    {},
  );
}

export function articleById(id: string): CypherQuery {
  return q(
    [
      'MATCH (ar:Article {id: $id})',
      'RETURN ar.id AS id, ar.title AS title, ar.source AS source, ar.url AS url, ar.published AS published, ar.file AS file, ar.text AS text',
    ],
    { id },
  );
}

export function articleSpans(id: string): CypherQuery {
  return q(
    [
      'MATCH (sp:Actor)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(ar:Article {id: $id})',
      'RETURN s.id AS statementId, s.start AS start, s.`end` AS `end`, s.kind AS kind, sp.id AS speakerId, sp.name AS speakerName',
      'ORDER BY start, `end`',
    ],
    { id },
  );
}

// ---- graph views --------------------------------------------------------------------------------

export interface GraphFilter extends DateWindow {
  types?: string[] | undefined;
  issues?: string[] | undefined;
  stances?: string[] | undefined;
  actor?: string | undefined;
}

/** Statement filter shared by graph queries: date window, speaker types, centre actor, issues/stances. */
function graphStatementWhere(f: GraphFilter): { lines: string[]; params: Record<string, unknown> } {
  const w = new Where();
  if (f.types?.length) w.add('a.type IN $types', { types: f.types });
  if (f.actor) w.add('a.id = $actor', { actor: f.actor });
  overlap(w, 's', f);
  const lines = ['MATCH (a:Actor)-[:SAID]->(s:Statement)'];
  if (f.issues?.length || f.stances?.length) {
    lines.push('MATCH (s)-[fab:ABOUT]->(fi:Issue)');
    if (f.issues?.length) w.add('fi.id IN $issues', { issues: f.issues });
    if (f.stances?.length) w.add('fab.stance IN $stances', { stances: f.stances });
  }
  lines.push(w.text());
  return { lines, params: w.params };
}

/** Per actor: how many statements it made that pass the filter. */
export function graphActorStatementCounts(f: GraphFilter): CypherQuery {
  const m = graphStatementWhere(f);
  return q(
    [...m.lines, 'WITH a, count(DISTINCT s) AS statements', 'RETURN a.id AS id, a.name AS name, a.type AS type, statements'],
    m.params,
  );
}

/** RELATES edges in the window between actors of the given types (touching `actor` if given). */
export function graphRelations(f: GraphFilter): CypherQuery {
  const w = new Where();
  if (f.types?.length) w.add('a.type IN $types AND b.type IN $types', { types: f.types });
  if (f.actor) w.add('(a.id = $actor OR b.id = $actor)', { actor: f.actor });
  overlap(w, 'r', f);
  return q(
    [
      'MATCH (a:Actor)-[r:RELATES]->(b:Actor)',
      w.text(),
      'RETURN a.id AS source, a.name AS sourceName, a.type AS sourceType, b.id AS target, b.name AS targetName, b.type AS targetType,',
      '  r.kind AS kind, r.date AS date, r.dateFrom AS dateFrom, r.dateTo AS dateTo, r.articleId AS articleId, r.evidence AS evidence, r.title AS title, r.start AS start, r.`end` AS `end`',
    ],
    w.params,
  );
}

/** Actors of the given types with no date/issue restriction (the actors view without filters shows every actor). */
export function graphAllActors(f: Pick<GraphFilter, 'types'>): CypherQuery {
  const w = new Where();
  if (f.types?.length) w.add('a.type IN $types', { types: f.types });
  return q(['MATCH (a:Actor)', w.text(), 'RETURN a.id AS id, a.name AS name, a.type AS type'], w.params);
}

/** Statements (claims view) that pass the filter, with speaker; their ABOUT edges come from graphAbout. */
export function graphStatements(f: GraphFilter): CypherQuery {
  const m = graphStatementWhere(f);
  return q(
    [
      ...m.lines,
      'WITH DISTINCT a, s',
      'RETURN a.id AS speakerId, s.id AS id, s.text AS text, s.kind AS kind, s.date AS date, s.dateFrom AS dateFrom, s.dateTo AS dateTo, s.articleId AS articleId',
    ],
    m.params,
  );
}

/** ABOUT edges of statements passing the filter (restricted to the filtered issues/stances). */
export function graphAbout(f: GraphFilter): CypherQuery {
  const w = new Where();
  if (f.types?.length) w.add('a.type IN $types', { types: f.types });
  if (f.actor) w.add('a.id = $actor', { actor: f.actor });
  if (f.issues?.length) w.add('i.id IN $issues', { issues: f.issues });
  if (f.stances?.length) w.add('ab.stance IN $stances', { stances: f.stances });
  overlap(w, 's', f);
  return q(
    [
      'MATCH (a:Actor)-[:SAID]->(s:Statement)-[ab:ABOUT]->(i:Issue)',
      w.text(),
      'RETURN s.id AS source, i.id AS target, i.label AS issueLabel, ab.stance AS stance',
    ],
    w.params,
  );
}

/** HOLDS_POSITION edges in the window (for actors of the given types / the centre actor / issues). */
export function graphPositions(f: GraphFilter & { positionStances?: string[] | undefined }): CypherQuery {
  const w = new Where();
  if (f.types?.length) w.add('a.type IN $types', { types: f.types });
  if (f.actor) w.add('a.id = $actor', { actor: f.actor });
  if (f.issues?.length) w.add('i.id IN $issues', { issues: f.issues });
  if (f.positionStances?.length) w.add('p.stance IN $positionStances', { positionStances: f.positionStances });
  overlap(w, 'p', f);
  return q(
    [
      'MATCH (a:Actor)-[p:HOLDS_POSITION]->(i:Issue)',
      w.text(),
      'RETURN a.id AS source, a.name AS sourceName, a.type AS sourceType, i.id AS target, i.label AS issueLabel, p.stance AS stance, p.date AS date, p.dateFrom AS dateFrom, p.dateTo AS dateTo, p.articleId AS articleId',
    ],
    w.params,
  );
}

// ---- explorer views (facets, roll-up to office holders, stance changes) -----------------------

/** Every statement's filterable facets: speaker, its type, dates, article (issues: allAbout). */
export function statementFacets(): CypherQuery {
  return q(
    [
      'MATCH (a:Actor)-[:SAID]->(s:Statement)',
      'RETURN s.id AS id, a.id AS speakerId, a.name AS speakerName, a.type AS speakerType, s.date AS date, s.dateFrom AS dateFrom, s.dateTo AS dateTo, s.articleId AS articleId',
      'ORDER BY dateFrom, id',
    ],
    {},
  );
}

/** Every ABOUT edge (statement, issue, stance): the facets' issues. */
export function allAbout(): CypherQuery {
  return q(['MATCH (s:Statement)-[ab:ABOUT]->(i:Issue)', 'RETURN s.id AS statementId, i.id AS id, ab.stance AS stance'], {});
}

/** Who holds which office, as stated in which article at which date (holds_office relations). */
export function officeTenures(): CypherQuery {
  return q(
    [
      "MATCH (a:Actor)-[r:RELATES {kind: 'holds_office'}]->(o:Actor)",
      'RETURN a.id AS holderId, a.name AS holderName, r.title AS title, o.id AS orgId, o.name AS orgName, r.dateFrom AS dateFrom, r.dateTo AS dateTo, r.articleId AS articleId',
      'ORDER BY dateFrom, holderId',
    ],
    {},
  );
}

/** The speaks_for relations ingest stored: proxy speaker → the person it speaks for, dated, per article. */
export function speaksForLinks(): CypherQuery {
  return q(
    [
      "MATCH (x:Actor)-[r:RELATES {kind: 'speaks_for'}]->(p:Actor)",
      'RETURN x.id AS proxyId, p.id AS personId, p.name AS personName, r.title AS title, r.rule AS rule, r.dateFrom AS dateFrom, r.dateTo AS dateTo, r.articleId AS articleId',
      'ORDER BY dateFrom, proxyId, personId',
    ],
    {},
  );
}

/** People (names and aliases), the candidates a proxy speaker ("the office of X") may stand for. */
export function personForms(): CypherQuery {
  return q(["MATCH (a:Actor) WHERE a.type = 'person'", 'RETURN a.id AS id, a.name AS name, a.aliases AS aliases'], {});
}

/** A cheap fingerprint of the store's content: changes whenever an article is added. */
export function storeVersion(): CypherQuery {
  return q(['MATCH (ar:Article)', 'RETURN count(ar) AS articles, max(ar.id) AS lastId'], {});
}
