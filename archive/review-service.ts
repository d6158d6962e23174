/**
 * Live review (issue 12): recording a correction and showing it at once, by the same code path a
 * rebuild takes. `recordCorrection` appends to the corrections log (fsync'd: acknowledged =
 * durable), finds the articles the correction affects, re-extracts them from the archive with the
 * whole log applied (ingest/review/apply.ts, the pipeline's `review` stage) and replaces their
 * subgraphs in the store (`GraphStore.replaceArticles`). A crash between the append and the
 * replace loses nothing: the log holds the correction, and a rebuild (or the next correction of
 * those articles) applies it.
 *
 * Re-applications are serialised per data directory, and each reads the whole log when it runs,
 * so the last one to write an article has every correction before it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ACTOR_TYPES, emptyGraphRecords, NODE_LABELS, REL_TYPES, type ActorType, type GraphRecords } from '../cypher/schema.ts';
import type { CypherQuery, GraphStore } from '../cypher/store.ts';
import { extractArticle } from '../ingest/pipeline.ts';
import { parseIssueSet, type IssueSet } from '../ingest/positions/issue-set.ts';
import { actorsChangedBy, actorsNamedBy, articleOf, combineOutcomes } from '../ingest/review/apply.ts';
import type { Correction, CorrectionAction, CorrectionOutcome, CorrectionRequest } from '../ingest/review/corrections.ts';
import { toGraphRecords } from '../ingest/stages/records.ts';
import { ArticleArchive, ArchiveError } from './article-archive.ts';
import { CorrectionsLog } from './corrections-log.ts';

const ACTOR_TYPE = z.enum(ACTOR_TYPES);

/** The logger slice the service uses (the server passes its pino logger). */
export type ReviewLogger = Pick<Logger, 'info' | 'warn'>;

export interface ReviewContext {
  store: GraphStore;
  /** CLAIMGRAPH_DATA_DIR: holds the archive and its corrections log */
  dataDir: string;
  logger?: ReviewLogger;
  /** the reviewer's name when the request gives none (default 'reviewer') */
  by?: string;
}

export interface RecordedCorrection {
  /** the log record, as appended */
  correction: Correction;
  /** what became of it */
  outcome: CorrectionOutcome;
  /** the status of every correction that concerns the affected articles, the new one included, in log order */
  outcomes: CorrectionOutcome[];
  /** the articles re-extracted and replaced in the store */
  affectedArticles: string[];
}

export interface ReapplyResult {
  /** per-correction outcome over the re-extracted articles (those that concern them) */
  outcomes: CorrectionOutcome[];
  /** articles re-extracted and replaced */
  replaced: string[];
  /** articles named but not in the archive (nothing to re-extract) */
  missing: string[];
}

/** Articles holding any of the actors (through any relationship that names its article). */
export function articlesOfActors(ids: readonly string[]): CypherQuery<{ id: string }>[] {
  return [
    { text: 'MATCH (a:Article)-[r:MENTIONS]->(n:Actor) WHERE n.id IN $ids RETURN DISTINCT r.articleId AS id', params: { ids } },
    { text: 'MATCH (n:Actor)-[r:SAID]->(:Statement) WHERE n.id IN $ids RETURN DISTINCT r.articleId AS id', params: { ids } },
    { text: 'MATCH (n:Actor)-[r:HOLDS_POSITION]->(:Issue) WHERE n.id IN $ids RETURN DISTINCT r.articleId AS id', params: { ids } },
    { text: 'MATCH (n:Actor)-[r:RELATES]->(:Actor) WHERE n.id IN $ids RETURN DISTINCT r.articleId AS id', params: { ids } },
    { text: 'MATCH (:Actor)-[r:RELATES]->(n:Actor) WHERE n.id IN $ids RETURN DISTINCT r.articleId AS id', params: { ids } },
  ];
}

const actorSnapshot = (ids: readonly string[]): CypherQuery<{ id: string; name: string; type: string; provenance: string | null }> => ({
  text: 'MATCH (n:Actor) WHERE n.id IN $ids RETURN n.id AS id, n.name AS name, n.type AS type, n.provenance AS provenance',
  params: { ids },
});

async function actorArticles(store: GraphStore, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const out = new Set<string>();
  for (const q of articlesOfActors(ids)) for (const r of await store.read(q)) if (r.id) out.add(String(r.id));
  return [...out];
}

/**
 * The articles a correction changes: a statement's or article's own; for actor corrections, the
 * articles holding the actor (and, for a split, the articles it names); for an undo, those of what
 * it withdraws, plus the merge target's (a merged actor no longer exists under its old id);
 * `applied`: the correction is in the graph already (statuses), so a merge's are its target's too.
 */
export async function affectedArticles(
  store: GraphStore,
  correction: Correction,
  log: readonly Correction[],
  opts: { applied?: boolean } = {},
): Promise<string[]> {
  const byId = new Map(log.map((c) => [c.id, c]));
  const out = new Set<string>();
  const visit = async (action: CorrectionAction, undoing: boolean, depth: number): Promise<void> => {
    const own = articleOf(action);
    if (own) out.add(own);
    if (action.op === 'actor.split') {
      for (const s of action.statements) out.add(s.articleId);
      for (const a of action.articles) out.add(a);
    }
    const actors = undoing && action.op === 'actor.merge' ? [action.from, action.into] : actorsChangedBy(action);
    for (const a of await actorArticles(store, actors)) out.add(a);
    if (action.op === 'undo' && depth < 32) {
      const target = byId.get(action.correction);
      if (target) await visit(target.action, !undoing, depth + 1);
    }
  };
  // applied already (statuses): a merged actor's articles now hold the merge target
  await visit(correction.action, opts.applied === true, 0);
  return [...out].sort();
}

function merge(into: GraphRecords, from: GraphRecords): void {
  for (const l of NODE_LABELS) (into.nodes[l] as unknown[]).push(...from.nodes[l]);
  for (const t of REL_TYPES) (into.rels[t] as unknown[]).push(...from.rels[t]);
}

/** Issue sets of an archive, parsed once each. */
function issueSetReader(archive: ArticleArchive): (id: string | undefined) => IssueSet | undefined {
  const cache = new Map<string, IssueSet>();
  return (id) => {
    if (!id) return undefined;
    let set = cache.get(id);
    if (!set) {
      const { json, file } = archive.readIssueSet(id);
      set = parseIssueSet(json, file).set;
      cache.set(id, set);
    }
    return set;
  };
}

/** Re-extracts archived articles with the corrections applied: their records and each one's outcomes. */
export function extractCorrected(
  archive: ArticleArchive,
  ids: readonly string[],
  corrections: readonly Correction[],
): { records: GraphRecords; outcomes: CorrectionOutcome[][]; extracted: string[]; missing: string[] } {
  const records = emptyGraphRecords();
  const outcomes: CorrectionOutcome[][] = [];
  const extracted: string[] = [];
  const missing: string[] = [];
  const issuesOf = issueSetReader(archive);
  for (const id of ids) {
    if (!archive.has(id)) {
      missing.push(id);
      continue;
    }
    const rec = archive.read(id);
    // the issue set it was ingested with, as a rebuild reads it (archive/index-sync.ts)
    const doc = extractArticle(rec.article, { issues: issuesOf(rec.issues), corrections });
    merge(records, toGraphRecords(doc));
    outcomes.push(doc.reviewOutcomes ?? []);
    extracted.push(id);
  }
  return { records, outcomes, extracted, missing };
}

/**
 * Brings the graph up to the log: the corrections after the marker (recorded, but their
 * re-application was cut by a crash) are re-applied to the articles they affect. Called at open.
 */
export async function catchUpCorrections(ctx: ReviewContext, log: readonly Correction[]): Promise<{ corrections: number; articles: string[]; outcomes: CorrectionOutcome[] }> {
  const from = appliedCount(ctx.dataDir);
  const pending = log.slice(Math.min(from, log.length));
  if (!pending.length) return { corrections: 0, articles: [], outcomes: [] };
  const articles = new Set<string>();
  for (const c of pending) for (const a of await affectedArticles(ctx.store, c, log)) articles.add(a);
  const r = await reapplyCorrections(ctx, [...articles].sort(), pending.map((c) => c.id));
  return { corrections: pending.length, articles: r.replaced, outcomes: r.outcomes };
}

/** One re-application at a time per data directory. */
const lanes = new Map<string, Promise<unknown>>();
function inLane<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const prev = lanes.get(dataDir) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  lanes.set(
    dataDir,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * How many corrections of the log (a prefix: the log is append-only) the graph beside it has had
 * applied: `DATA_DIR/graph.corrections-applied`. Index state, not a record: when it is lost or
 * behind (a crash between a correction's append and its re-application), the next open re-applies
 * the corrections after it (archive/index-sync.ts), which is idempotent.
 */
export const APPLIED_MARKER = 'graph.corrections-applied';

export function appliedCount(dataDir: string): number {
  try {
    const n = (JSON.parse(fs.readFileSync(path.join(dataDir, APPLIED_MARKER), 'utf8')) as { applied?: unknown }).applied;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0;
  } catch {
    return 0;
  }
}

export function setAppliedCount(dataDir: string, applied: number): void {
  const file = path.join(dataDir, APPLIED_MARKER);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(tmp, `${JSON.stringify({ applied, at: new Date().toISOString() })}\n`);
  fs.renameSync(tmp, file);
}

/** Corrections re-applied in this process but not yet counted in the marker (they were recorded out of order). */
const doneAhead = new Map<string, Set<string>>();
function advanceMarker(dataDir: string, log: readonly Correction[], done: readonly string[]): void {
  const key = path.resolve(dataDir);
  const ahead = doneAhead.get(key) ?? new Set<string>();
  for (const id of done) ahead.add(id);
  let n = appliedCount(dataDir);
  const start = n;
  while (n < log.length && ahead.has(log[n]!.id)) ahead.delete(log[n++]!.id);
  doneAhead.set(key, ahead);
  if (n !== start) setAppliedCount(dataDir, n);
}

/**
 * Re-extracts `ids` from the archive with the whole log and replaces them in the store; `applied`:
 * the corrections this re-application brings into the graph (the marker advances past them).
 */
export function reapplyCorrections(ctx: ReviewContext, ids: readonly string[], applied: readonly string[] = []): Promise<ReapplyResult> {
  return inLane(ArticleArchive.at(ctx.dataDir).root, async () => {
    const archive = ArticleArchive.at(ctx.dataDir);
    const log = CorrectionsLog.at(ctx.dataDir).readAll();
    for (const p of log.problems) ctx.logger?.warn({ problem: p }, 'corrections log');
    const { records, outcomes, extracted, missing } = extractCorrected(archive, ids, log.corrections);
    if (extracted.length) await ctx.store.replaceArticles(records);
    if (applied.length) advanceMarker(ctx.dataDir, log.corrections, applied);
    const concerned = new Set(outcomes.flat().map((o) => o.id));
    const combined = combineOutcomes(log.corrections, outcomes, new Set(extracted)).filter((o) => concerned.has(o.id));
    for (const o of combined) if (o.status === 'orphaned') ctx.logger?.warn({ correction: o.id, reason: o.reason }, 'orphaned correction');
    forget(ctx.dataDir);
    return { outcomes: combined, replaced: extracted, missing };
  });
}

/** Records a correction (durably), re-applies the log to the articles it affects, and says what it did. */
export async function recordCorrection(ctx: ReviewContext, req: CorrectionRequest): Promise<RecordedCorrection> {
  const log = CorrectionsLog.at(ctx.dataDir);
  // names and types of the actors it names by id, so an article without them can still write them
  const named = actorsNamedBy(req.action);
  const actors: Record<string, { name: string; type: ActorType; provenance?: 'reviewed' }> = {};
  if (named.length) {
    for (const r of await ctx.store.read(actorSnapshot(named))) {
      const parsed = ACTOR_TYPE.safeParse(r.type);
      if (parsed.success && typeof r.name === 'string' && r.name) {
        actors[String(r.id)] = { name: r.name, type: parsed.data, ...(r.provenance === 'reviewed' ? { provenance: 'reviewed' as const } : {}) };
      }
    }
  }
  const correction = await log.append(req, ctx.by ?? 'reviewer', { actors });
  ctx.logger?.info({ correction: correction.id, op: correction.action.op, by: correction.by }, 'correction recorded');
  const all = log.readAll().corrections;
  const affected = await affectedArticles(ctx.store, correction, all);
  const result = await reapplyCorrections(ctx, affected, [correction.id]);
  const outcome =
    result.outcomes.find((o) => o.id === correction.id) ??
    combineOutcomes(all, [], new Set(result.replaced)).find((o) => o.id === correction.id) ?? { id: correction.id, status: 'orphaned' as const, reason: 'no article concerned' };
  if (!result.outcomes.some((o) => o.id === correction.id)) result.outcomes.push(outcome);
  if (outcome.status === 'orphaned') ctx.logger?.warn({ correction: correction.id, reason: outcome.reason }, 'correction orphaned');
  return { correction, outcome, outcomes: result.outcomes, affectedArticles: result.replaced };
}

/**
 * The last statuses computed, per data directory, with the log they were computed for: a listing
 * that finds the same log (and no re-application since) reuses them instead of re-extracting.
 * Uploads do not invalidate it (a correction naming an article not yet indexed is the only status
 * they change); STATUS_TTL_MS bounds that staleness.
 */
const STATUS_TTL_MS = 30_000;
const known = new Map<string, { key: string; at: number; statuses: Map<string, CorrectionOutcome> }>();
function forget(dataDir: string): void {
  // a re-application changed the graph: the next listing recomputes
  known.delete(ArticleArchive.at(dataDir).root);
}

/**
 * Each correction's current status, in log order: every article any correction concerns is
 * re-extracted with the whole log (nothing is written), and the outcomes combined.
 */
export async function correctionStatuses(ctx: ReviewContext): Promise<Map<string, CorrectionOutcome>> {
  const { corrections } = CorrectionsLog.at(ctx.dataDir).readAll();
  const root = ArticleArchive.at(ctx.dataDir).root;
  const key = `${corrections.length}:${corrections.at(-1)?.id ?? ''}`;
  const cached = known.get(root);
  if (cached && cached.key === key && Date.now() - cached.at < STATUS_TTL_MS) return new Map(cached.statuses);
  const articles = new Set<string>();
  for (const c of corrections) for (const a of await affectedArticles(ctx.store, c, corrections, { applied: true })) articles.add(a);
  let evaluated: ReturnType<typeof extractCorrected>;
  try {
    evaluated = extractCorrected(ArticleArchive.at(ctx.dataDir), [...articles].sort(), corrections);
  } catch (e) {
    if (e instanceof ArchiveError) ctx.logger?.warn({ err: e.message }, 'correction statuses');
    throw e;
  }
  const combined = combineOutcomes(corrections, evaluated.outcomes, new Set(evaluated.extracted));
  const statuses = new Map(combined.map((o) => [o.id, o]));
  known.set(root, { key, at: Date.now(), statuses });
  return new Map(statuses);
}
