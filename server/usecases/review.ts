/**
 * Review use cases (issue 12): record a correction, undo one, list them with what became of each,
 * and the "needs review" queue. Writes go through archive/review-service.ts (log append, fsync'd,
 * then the affected articles re-extracted with every correction and replaced in the store); this
 * layer checks what the log cannot (the named article and actors exist), finds the statement the
 * correction produced, clears the read cache and keeps /api/version moving.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { CorrectionsLog } from '../../archive/corrections-log.ts';
import { correctionStatuses, recordCorrection, type ReviewContext } from '../../archive/review-service.ts';
import { statementIssues } from '../../cypher/queries.ts';
import type { CypherQuery } from '../../cypher/store.ts';
import { settleUndos } from '../../ingest/review/apply.ts';
import { CorrectionStatus, type Correction, type CorrectionAction, type CorrectionRequest } from '../../ingest/review/corrections.ts';
import type { StatementView } from '../contract.ts';
import {
  QUEUE_REASONS,
  type CorrectionsQuery,
  type CorrectionsResponse,
  type QueueQuery,
  type QueueReason,
  type QueueResponse,
  type RecordCorrectionResponse,
  type UndoRequest,
} from '../contract-review.ts';
import { AppError } from '../errors.ts';
import { decodeCursor, encodeCursor, paged } from './cursor.ts';
import type { Deps } from './deps.ts';
import { issuesByStatement, statementView, statementsWithIssues, toInt } from './views.ts';

// ---- what a correction names ------------------------------------------------------------------

interface Targets {
  articles: string[];
  statements: string[];
  actors: string[];
}

/** The articles, statements and actors an action names (an undo names those of what it undoes). */
function targetsOf(action: CorrectionAction, byId: ReadonlyMap<string, Correction>, depth = 0): Targets {
  const t: Targets = { articles: [], statements: [], actors: [] };
  const actorRef = (ref: { id: string } | { name: string }) => ('id' in ref ? [ref.id] : []);
  switch (action.op) {
    case 'statement.speaker':
      return { articles: [action.target.articleId], statements: [action.target.id], actors: actorRef(action.speaker) };
    case 'statement.date':
    case 'statement.kind':
    case 'statement.span':
    case 'statement.stance':
    case 'statement.delete':
      return { articles: [action.target.articleId], statements: [action.target.id], actors: [] };
    case 'statement.add':
      return { articles: [action.articleId], statements: [], actors: actorRef(action.speaker) };
    case 'actor.merge':
      return { ...t, actors: [action.from, action.into] };
    case 'actor.split':
      return {
        articles: [...new Set([...action.articles, ...action.statements.map((s) => s.articleId)])],
        statements: action.statements.map((s) => s.id),
        actors: [action.actor, ...actorRef(action.into)],
      };
    case 'actor.update':
      return { ...t, actors: [action.actor] };
    case 'article.reviewed':
      return { ...t, articles: [action.articleId] };
    case 'undo': {
      const undone = byId.get(action.correction);
      return undone && depth < 8 ? targetsOf(undone.action, byId, depth + 1) : t;
    }
  }
}

// ---- writes -----------------------------------------------------------------------------------

const exists = (label: 'Article' | 'Actor', ids: string[]): CypherQuery<{ id: string }> => ({
  text: `UNWIND $ids AS wanted MATCH (x:${label} {id: wanted}) RETURN x.id AS id`,
  params: { ids },
});

/** 404 for an article or actor the action names that the store does not hold (the log would keep it as an orphan forever). */
async function checkTargets(deps: Deps, action: CorrectionAction, log: readonly Correction[]): Promise<void> {
  const byId = new Map(log.map((c) => [c.id, c]));
  if (action.op === 'undo') {
    const undone = byId.get(action.correction);
    if (!undone) throw new AppError(404, 'Correction not found', `no correction with id '${action.correction}' in the log`);
    // undoing an undo puts its correction back; undoing one already withdrawn would do nothing
    if (settleUndos(log).undoneBy.has(undone.id)) throw new AppError(409, 'Already undone', `correction '${undone.id}' has already been undone`);
    return;
  }
  const t = targetsOf(action, byId);
  const articles = [...new Set(t.articles)];
  const actors = [...new Set(t.actors)];
  const [foundArticles, foundActors] = await Promise.all([
    articles.length ? deps.store.read(exists('Article', articles)) : [],
    actors.length ? deps.store.read(exists('Actor', actors)) : [],
  ]);
  const missing = (want: string[], found: { id: string }[]) => want.filter((id) => !found.some((f) => f.id === id));
  const a = missing(articles, foundArticles);
  if (a.length) throw new AppError(404, 'Article not found', `no article with id '${a[0]}'`);
  const b = missing(actors, foundActors);
  if (b.length) throw new AppError(404, 'Actor not found', `no actor with id '${b[0]}'`);
}

/** Columns GET /api/statements returns for a statement (views.ts statementView reads them). */
const STATEMENT_COLUMNS = [
  's.id AS id, s.text AS text, s.kind AS kind, s.cue AS cue, s.date AS date, s.granularity AS granularity, s.dateBasis AS dateBasis, s.dateEvidence AS dateEvidence, s.dateFrom AS dateFrom, s.dateTo AS dateTo, s.start AS start, s.`end` AS `end`,',
  '  s.provenance AS provenance, s.corrections AS corrections,',
  '  sp.id AS speakerId, sp.name AS speakerName, sp.type AS speakerType,',
  '  ar.id AS articleId, ar.title AS articleTitle, ar.source AS articleSource, ar.url AS articleUrl, ar.published AS articlePublished',
].join('\n');

/** The statements of one article that a correction has touched (its id in `s.corrections`). */
function statementsCorrectedBy(articleId: string, correctionId: string): CypherQuery {
  return {
    text: [
      'MATCH (sp:Actor)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(ar:Article {id: $article})',
      'WHERE s.corrections IS NOT NULL AND $correction IN s.corrections',
      `RETURN ${STATEMENT_COLUMNS}`,
      'ORDER BY start, id',
      'LIMIT 1',
    ].join('\n'),
    params: { article: articleId, correction: correctionId },
  };
}

/** A statement op's article (the one whose statement the response shows); null for actor/article ops. */
function statementArticle(action: CorrectionAction): string | null {
  if (action.op === 'statement.add') return action.articleId;
  if (action.op.startsWith('statement.') && 'target' in action) return action.target.articleId;
  return null;
}

export interface Reviewer {
  /** the token's role ('review' or 'write'): the reviewer's name when the request gives none */
  role: string;
}

/** Records one correction (append + fsync + re-apply), then answers with what it did. */
export async function recordReview(deps: Deps, req: CorrectionRequest, who: Reviewer): Promise<RecordCorrectionResponse> {
  const log = CorrectionsLog.at(deps.config.dataDir).readAll().corrections;
  await checkTargets(deps, req.action, log);
  let result: Awaited<ReturnType<typeof recordCorrection>>;
  try {
    result = await recordCorrection({ ...reviewContext(deps), by: who.role }, req);
  } finally {
    // the log line is durable before re-application: even a failed re-apply changed what reads may show
    deps.cache.invalidate();
  }
  const out: RecordCorrectionResponse = { correction: result.correction, outcomes: result.outcomes, affectedArticles: result.affectedArticles };
  const article = statementArticle(req.action);
  if (article !== null) {
    const found = await statementsWithIssues(deps.store, statementsCorrectedBy(article, result.correction.id));
    out.statement = req.action.op === 'statement.delete' ? null : (found[0] ?? null);
  }
  return out;
}

/** Withdraws a correction by appending an `undo` (the log stays append-only). */
export function undoReview(deps: Deps, id: string, body: z.output<typeof UndoRequest>, who: Reviewer): Promise<RecordCorrectionResponse> {
  return recordReview(deps, { ...body, action: { op: 'undo', correction: id } }, who);
}

function reviewContext(deps: Deps): ReviewContext {
  return { store: deps.store, dataDir: deps.config.dataDir, logger: deps.logger };
}

// ---- reads ------------------------------------------------------------------------------------

const LogCursor = z.tuple([z.number().int().min(0)]);

/** Corrections in log order with their status, filtered by what they name, paged by log position. */
export async function listReviews(deps: Deps, q: z.output<typeof CorrectionsQuery>): Promise<CorrectionsResponse> {
  const { corrections } = CorrectionsLog.at(deps.config.dataDir).readAll();
  const statuses = await cachedStatuses(deps);
  const byId = new Map(corrections.map((c) => [c.id, c]));
  const start = decodeCursor(q.cursor, LogCursor, 'cursor')?.[0] ?? 0;
  const items: CorrectionsResponse['items'] = [];
  let next: number | null = null;
  for (let i = start; i < corrections.length; i++) {
    const c = corrections[i]!;
    const t = targetsOf(c.action, byId);
    if (q.article && !t.articles.includes(q.article)) continue;
    if (q.statement && !t.statements.includes(q.statement)) continue;
    if (q.actor && !t.actors.includes(q.actor)) continue;
    if (items.length === q.limit) {
      next = i;
      break;
    }
    const s = statusOf(statuses, c.id);
    items.push({ correction: c, status: s.status, reason: s.reason ?? null });
  }
  return { items, nextCursor: next === null ? null : encodeCursor([next]) };
}

type Statuses = Awaited<ReturnType<typeof correctionStatuses>>;

const StatusList = z.array(z.object({ id: z.string(), status: CorrectionStatus, reason: z.string().optional() }));

/**
 * The statuses re-extract every corrected article: computed once per store generation (every
 * write clears the cache), whatever the page or filter asked, so varying the query costs no more.
 */
async function cachedStatuses(deps: Deps): Promise<Statuses> {
  const json = await deps.cache.json('review:statuses', async () => [...(await correctionStatuses(reviewContext(deps))).values()]);
  return new Map(StatusList.parse(JSON.parse(json)).map((o) => [o.id, o]));
}

function statusOf(statuses: Statuses, id: string): { status: CorrectionsResponse['items'][number]['status']; reason?: string | undefined } {
  const s = statuses.get(id);
  // a correction no article re-application has reported on yet names nothing in the store
  return s ?? { status: 'orphaned', reason: 'not applied to any stored article' };
}

/** Below this share of the store's statements (or at most RARE_RULE_MIN of them) a rule is rare. */
export const RARE_RULE_SHARE = 0.01;
export const RARE_RULE_MIN = 2;
/** Actors the speaker stage makes for a speaker it could not resolve (ingest/attribution/speakers.ts), scoped per article. */
export const UNRESOLVED_SPEAKER_PREFIX = 'unresolved-speaker@';

/** Weights make the order lexicographic by reason (QUEUE_REASONS order): any higher reason outranks all lower ones together. */
const WEIGHT: Record<QueueReason, number> = { 'unresolved-speaker': 8, 'rare-rule': 4, 'stance-disagreement': 2, 'publication-date': 1 };
const FLAG: Record<QueueReason, string> = { 'unresolved-speaker': 'fUnresolved', 'rare-rule': 'fRare', 'stance-disagreement': 'fDisagree', 'publication-date': 'fUndated' };

const ruleFrequencies = (): CypherQuery<{ rule: string; n: unknown }> => ({
  text: 'MATCH (s:Statement) WHERE s.rule IS NOT NULL RETURN s.rule AS rule, count(*) AS n',
  params: {},
});
const statementTotal = (): CypherQuery<{ n: unknown }> => ({ text: 'MATCH (s:Statement) RETURN count(s) AS n', params: {} });

/**
 * Statements whose stance on an issue is the opposite of another statement of the same speaker on
 * it in the same article (one of them is wrong). A query of its own, its ids a parameter of the
 * queue: the same test as an EXISTS subquery inside the queue, or as a pattern closing the cycle
 * back to the speaker, crashes LadybugDB 0.19 (segfault) on the corrected sample corpus.
 */
const disagreeing = (): CypherQuery<{ id: string }> => ({
  text: [
    // the other statement's speaker by its speakerId column: closing the cycle through SAID crashes it too
    'MATCH (sp:Actor)-[:SAID]->(s:Statement)-[sb:ABOUT]->(i:Issue)<-[ob:ABOUT]-(o:Statement)',
    "WHERE o.speakerId = sp.id AND o.articleId = s.articleId AND o.id <> s.id AND sb.stance <> ob.stance AND sb.stance <> 'neutral' AND ob.stance <> 'neutral'",
    'RETURN DISTINCT s.id AS id',
  ].join('\n'),
  params: {},
});

/** Statements not yet reviewed, with one 0/1 column per reason and their weighted score. */
function queueMatch(rareRules: string[], disagree: string[]): { lines: string[]; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { unresolvedPrefix: UNRESOLVED_SPEAKER_PREFIX };
  // Kùzu cannot type an empty list parameter: with an empty list the flag is a constant
  if (rareRules.length) params.rareRules = rareRules;
  if (disagree.length) params.disagree = disagree;
  return {
    lines: [
      'MATCH (sp:Actor)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(ar:Article)',
      "WHERE s.provenance IS NULL OR s.provenance <> 'reviewed'",
      'WITH sp, s, ar,',
      '  CASE WHEN sp.id STARTS WITH $unresolvedPrefix THEN 1 ELSE 0 END AS fUnresolved,',
      rareRules.length ? '  CASE WHEN s.rule IN $rareRules THEN 1 ELSE 0 END AS fRare,' : '  0 AS fRare,',
      disagree.length ? '  CASE WHEN s.id IN $disagree THEN 1 ELSE 0 END AS fDisagree,' : '  0 AS fDisagree,',
      "  CASE WHEN s.dateBasis = 'publication' THEN 1 ELSE 0 END AS fUndated",
      `WITH sp, s, ar, fUnresolved, fRare, fDisagree, fUndated, ${QUEUE_REASONS.map((r) => `${FLAG[r]} * ${WEIGHT[r]}`).join(' + ')} AS score`,
    ],
    params,
  };
}

const QueueCursor = z.tuple([z.number().int().min(0), z.string().min(1).max(300)]);

interface QueueRow extends Record<string, unknown> {
  id: string;
  score: unknown;
  fUnresolved: unknown;
  fRare: unknown;
  fDisagree: unknown;
  fUndated: unknown;
}

/** Rules that fire rarely in this store (a rule the extractor seldom uses is less tried). */
async function rareRules(deps: Deps): Promise<string[]> {
  const [freq, total] = await Promise.all([deps.store.read(ruleFrequencies()), deps.store.read(statementTotal())]);
  const cut = Math.max(RARE_RULE_MIN, Math.floor(toInt(total[0]?.n) * RARE_RULE_SHARE));
  return freq.filter((r) => toInt(r.n) <= cut).map((r) => r.rule).sort();
}

/** The "needs review" queue: most uncertain first (score, then id), paged by keyset in Cypher, with counts per reason. */
export async function reviewQueue(deps: Deps, q: z.output<typeof QueueQuery>): Promise<QueueResponse> {
  const [rare, disagree] = await Promise.all([rareRules(deps), deps.store.read(disagreeing())]);
  const m = queueMatch(rare, disagree.map((r) => r.id));
  const after = decodeCursor(q.cursor, QueueCursor, 'cursor');
  const where = ['score > 0'];
  const params: Record<string, unknown> = { ...m.params, limit: q.limit + 1 };
  if (q.reason) where.push(`${FLAG[q.reason]} = 1`);
  if (after) {
    where.push('(score < $afterScore OR (score = $afterScore AND s.id > $afterId))');
    params.afterScore = after[0];
    params.afterId = after[1];
  }
  const page: CypherQuery<QueueRow> = {
    text: [...m.lines, `WHERE ${where.join(' AND ')}`, `RETURN ${STATEMENT_COLUMNS}, fUnresolved, fRare, fDisagree, fUndated, score`, 'ORDER BY score DESC, id', 'LIMIT $limit'].join('\n'),
    params,
  };
  const counts: CypherQuery = {
    text: [...m.lines, 'WHERE score > 0', `RETURN ${QUEUE_REASONS.map((r) => `sum(${FLAG[r]}) AS ${FLAG[r]}`).join(', ')}, count(s) AS total`].join('\n'),
    params: m.params,
  };
  const [rows, countRows] = await Promise.all([deps.store.read(page), deps.store.read(counts)]);
  const { items: kept, nextCursor } = paged(rows, q.limit, (r) => [toInt(r.score), r.id]);
  const views = await withIssues(deps, kept);
  const c = countRows[0] ?? {};
  return {
    counts: {
      'unresolved-speaker': toInt(c.fUnresolved),
      'rare-rule': toInt(c.fRare),
      'stance-disagreement': toInt(c.fDisagree),
      'publication-date': toInt(c.fUndated),
      total: toInt(c.total),
    },
    items: kept.map((r, i) => ({
      statement: views[i]!,
      reasons: QUEUE_REASONS.filter((reason) => toInt(r[FLAG[reason]]) === 1),
      score: toInt(r.score),
    })),
    nextCursor,
  };
}

/** Statement views of rows already read (with their issues), in their order. */
async function withIssues(deps: Deps, rows: QueueRow[]): Promise<StatementView[]> {
  if (!rows.length) return [];
  const issues = issuesByStatement(await deps.store.read(statementIssues(rows.map((r) => r.id))));
  return rows.map((r) => statementView({ ...r, issues: issues.get(r.id) ?? [] }));
}

/** Changes with every recorded correction (the log only grows): part of /api/version, so open pages refetch. */
export function reviewVersion(dataDir: string): number {
  try {
    return fs.statSync(CorrectionsLog.at(dataDir).file).size;
  } catch {
    return 0;
  }
}
