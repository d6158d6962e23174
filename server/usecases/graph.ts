/**
 * /api/graph: the actors view (actors + dated RELATES edges) or the claims view (actors,
 * statements, issues; SAID, ABOUT and HOLDS_POSITION edges), as a graphology multigraph export.
 * Bounded by construction: every query carries a LIMIT derived from the cap (buildGraph documents
 * the rule applied when the filter passes more than that: `truncated: true`).
 */
import { MultiDirectedGraph } from 'graphology';
import type { z } from 'zod';
import * as Q from '../../cypher/queries.ts';
import type { GraphQuery, GraphResponse } from '../contract.ts';
import type { Deps } from './deps.ts';

type Query = z.output<typeof GraphQuery>;
type Attrs = Record<string, unknown>;

interface Draft {
  nodes: Map<string, Attrs>;
  edges: { source: string; target: string; attributes: Attrs }[];
}

/**
 * Evidence sentences dominate the size of a large view (15 MB for 5,000 actors of the 10k-article
 * store); the graph shows a clipped form, the actor page and the article carry the full text.
 */
const EVIDENCE_CHARS = 200;
const clip = (s: unknown, n: number) => (typeof s === 'string' && s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Node size grows with the square root of its statement count, so a few very vocal actors don't swamp the view. */
const sizeFor = (statements: number, degree: number) => Math.round((3 + 2 * Math.sqrt(statements + degree / 2)) * 10) / 10;

function filterOf(q: Query): Q.GraphFilter {
  return { from: q.from, to: q.to, types: q.types, issues: q.issues, stances: q.stances, actor: q.actor };
}

/**
 * Most relation rows one view reads, per node of its cap: the newest are kept. At the default cap
 * (5,000 nodes) that is 20,000 rows, which the merge of parallel edges above the cap cuts further.
 */
export const EDGE_ROWS_PER_NODE = 4;

/**
 * A one-actor view lists each of the centre's relations while it has at most this many (in the
 * filter); above, parallel relations (same other actor, direction and kind) are merged in the query.
 */
export const ONE_ACTOR_EDGES = 2000;

interface Sized {
  draft: Draft;
  /** more nodes or edges passed the filter than the view carries */
  truncated: boolean;
  totalNodes: number;
  totalEdges: number;
}

function relationEdge(r: Q.GraphRelationRow): Draft['edges'][number] {
  return {
    source: r.source,
    target: r.target,
    attributes: {
      edgeType: 'RELATES',
      kind: r.kind,
      date: r.date,
      dateFrom: r.dateFrom,
      dateTo: r.dateTo,
      articleId: r.articleId,
      evidence: clip(r.evidence, EVIDENCE_CHARS),
      title: r.title ?? null,
      // the evidence's span in its article, so a click on the edge can show it in place
      start: r.start ?? null,
      end: r.end ?? null,
    },
  };
}

/**
 * A merged group of parallel relations: count, first dateFrom, last dateTo, the latest date; the
 * article, evidence and title only when the group is one relation (the actor page lists them all).
 */
function groupEdge(g: Q.GraphRelationGroupRow): Draft['edges'][number] {
  const one = g.count === 1;
  return {
    source: g.source,
    target: g.target,
    attributes: {
      edgeType: 'RELATES',
      kind: g.kind,
      count: g.count,
      aggregated: true,
      date: g.date,
      dateFrom: g.dateFrom,
      dateTo: g.dateTo,
      articleId: one ? g.articleId : null,
      evidence: one ? clip(g.evidence, EVIDENCE_CHARS) : null,
      title: one ? (g.title ?? null) : null,
      start: null,
      end: null,
    },
  };
}

/**
 * The actors view. Without a centre actor: the `limit` best actors by statements + relations passing
 * the filter (graphRankedActors: every actor when unfiltered, speakers only under issue/stance
 * filters), and the newest relations among them. With a centre actor: its own relations (from its
 * primary key, newest first) and its neighbours, whose statements are counted for their size.
 */
async function actorsView(deps: Deps, q: Query, limit: number): Promise<Sized> {
  const f = filterOf(q);
  const edgeRows = limit * EDGE_ROWS_PER_NODE;
  const bySpeech = Boolean(q.issues?.length || q.stances?.length);
  const nodes = new Map<string, Attrs>();
  const edges: Draft['edges'] = [];
  const known = new Map<string, { name: string; type: string; statements: number }>();
  const addActor = (id: string, name: string, type: string) => {
    if (nodes.has(id)) return;
    const k = known.get(id);
    nodes.set(id, { label: k?.name ?? name, nodeType: 'actor', actorType: k?.type ?? type, statements: k?.statements ?? 0 });
  };
  // issue/stance filters speak about statements: a relation stays only between actors who made a matching one
  const spoke = (id: string) => (known.get(id)?.statements ?? 0) > 0;

  if (q.actor) {
    const centred = { ...f, actor: q.actor };
    const [outN, inN] = await Promise.all([
      deps.store.read(Q.graphActorRelationCount(centred, 'out')),
      deps.store.read(Q.graphActorRelationCount(centred, 'in')),
    ]);
    const total = (outN[0]?.total ?? 0) + (inN[0]?.total ?? 0);
    const grouped = total > ONE_ACTOR_EDGES;
    const [out, inbound] = grouped
      ? await Promise.all([
          deps.store.read(Q.graphActorRelationGroups(centred, 'out', edgeRows)),
          deps.store.read(Q.graphActorRelationGroups(centred, 'in', edgeRows)),
        ])
      : await Promise.all([
          deps.store.read(Q.graphActorRelations(centred, 'out', ONE_ACTOR_EDGES)),
          deps.store.read(Q.graphActorRelations(centred, 'in', ONE_ACTOR_EDGES)),
        ]);
    const ids = new Set<string>([q.actor]);
    for (const r of out) ids.add(r.target);
    for (const r of inbound) ids.add(r.source);
    for (const r of await deps.store.read(Q.graphStatementCountsOf({ ...f, actor: undefined }, [...ids]))) {
      known.set(r.id, { name: r.name, type: r.type, statements: r.statements });
    }
    const k = known.get(q.actor);
    if (k) addActor(q.actor, k.name, k.type);
    for (const list of [out, inbound]) {
      for (const r of list) {
        if (bySpeech && !(spoke(r.source) && spoke(r.target))) continue;
        addActor(r.source, r.sourceName, r.sourceType);
        addActor(r.target, r.targetName, r.targetType);
        edges.push('count' in r ? groupEdge(r) : relationEdge(r));
      }
    }
    const cut = grouped && (out.length >= edgeRows || inbound.length >= edgeRows);
    return { draft: { nodes, edges }, truncated: grouped, totalNodes: cut ? -1 : nodes.size, totalEdges: total };
  }

  const unfiltered = !q.from && !q.to && !q.issues?.length && !q.stances?.length;
  const rankOpts = { all: unfiltered, speakersOnly: bySpeech };
  // one row more than the cap says whether the cap was hit
  const ranked = await deps.store.read(Q.graphRankedActors(f, { ...rankOpts, limit: limit + 1 }));
  const overCap = ranked.length > limit;
  const kept = overCap ? ranked.slice(0, limit) : ranked;
  for (const r of kept) known.set(r.id, { name: r.name, type: r.type, statements: r.statements });
  for (const r of kept) addActor(r.id, r.name, r.type);
  const ids = kept.map((r) => r.id);
  // above the cap the view is merged anyway (capDraft): merge in the query, one row per group
  const [rels, totals, relTotal] = await Promise.all([
    ids.length ? deps.store.read(overCap ? Q.graphRelationGroupsAmong(f, ids, edgeRows) : Q.graphRelationsAmong(f, ids, edgeRows)) : Promise.resolve([]),
    overCap ? deps.store.read(Q.graphRankedActorCount(f, rankOpts)) : Promise.resolve([{ total: kept.length }]),
    deps.store.read(Q.graphRelationCount(f)),
  ]);
  for (const r of rels) {
    if (bySpeech && !(spoke(r.source) && spoke(r.target))) continue;
    edges.push('count' in r ? groupEdge(r) : relationEdge(r));
  }
  const totalEdges = relTotal[0]?.total ?? edges.length;
  return { draft: { nodes, edges }, truncated: overCap || rels.length >= edgeRows, totalNodes: totals[0]?.total ?? nodes.size, totalEdges };
}

/**
 * The claims view: the newest `limit` statements passing the filter (from the centre actor's
 * primary key when there is one), their speakers, their ABOUT edges and issues, and the newest
 * positions. Statement stances map onto position stances one to one; 'mixed' positions only show
 * unfiltered.
 */
async function claimsView(deps: Deps, q: Query, limit: number): Promise<Sized> {
  const f = filterOf(q);
  const [stmts, positions, stTotal] = await Promise.all([
    deps.store.read(Q.graphStatements(f, limit)),
    deps.store.read(Q.graphPositions({ ...f, positionStances: q.stances }, limit * EDGE_ROWS_PER_NODE)),
    deps.store.read(Q.graphStatementCount(f)),
  ]);
  const speakers = new Set<string>();
  for (const s of stmts) speakers.add(s.speakerId);
  for (const p of positions) speakers.add(p.source);
  const [about, actors] = await Promise.all([
    stmts.length ? deps.store.read(Q.graphAbout(f, stmts.map((s) => s.id))) : Promise.resolve([]),
    speakers.size ? deps.store.read(Q.graphActorsById([...speakers])) : Promise.resolve([]),
  ]);
  const actorInfo = new Map(actors.map((r) => [r.id, { name: r.name, type: r.type }]));
  const nodes = new Map<string, Attrs>();
  const edges: Draft['edges'] = [];
  const spoken = new Map<string, number>();
  for (const s of stmts) spoken.set(s.speakerId, (spoken.get(s.speakerId) ?? 0) + 1);
  const addActor = (id: string) => {
    if (nodes.has(id)) return;
    const a = actorInfo.get(id);
    nodes.set(id, { label: a?.name ?? id, nodeType: 'actor', actorType: a?.type ?? 'anonymous', statements: spoken.get(id) ?? 0 });
  };
  const addIssue = (id: string, label: string) => {
    if (!nodes.has(`issue:${id}`)) nodes.set(`issue:${id}`, { label, nodeType: 'issue', issueId: id, statements: 0 });
  };
  for (const s of stmts) {
    addActor(s.speakerId);
    nodes.set(`statement:${s.id}`, {
      label: clip(s.text, 80),
      nodeType: 'statement',
      statementId: s.id,
      kind: s.kind,
      date: s.date,
      dateFrom: s.dateFrom,
      dateTo: s.dateTo,
      articleId: s.articleId,
      statements: 0,
    });
    edges.push({
      source: s.speakerId,
      target: `statement:${s.id}`,
      attributes: { edgeType: 'SAID', date: s.date, dateFrom: s.dateFrom, dateTo: s.dateTo, articleId: s.articleId },
    });
  }
  for (const a of about) {
    const source = `statement:${a.source}`;
    if (!nodes.has(source)) continue;
    addIssue(a.target, a.issueLabel);
    edges.push({ source, target: `issue:${a.target}`, attributes: { edgeType: 'ABOUT', stance: a.stance } });
  }
  for (const p of positions) {
    addActor(p.source);
    addIssue(p.target, p.issueLabel);
    edges.push({
      source: p.source,
      target: `issue:${p.target}`,
      attributes: { edgeType: 'HOLDS_POSITION', stance: p.stance, date: p.date, dateFrom: p.dateFrom, dateTo: p.dateTo, articleId: p.articleId },
    });
  }
  const statements = stTotal[0]?.total ?? stmts.length;
  const cut = statements > stmts.length || positions.length >= limit * EDGE_ROWS_PER_NODE;
  // the totals count the statements that passed the filter, not the speakers and issues they would add
  return { draft: { nodes, edges }, truncated: cut, totalNodes: cut ? nodes.size - stmts.length + statements : nodes.size, totalEdges: edges.length };
}

/**
 * Merges parallel edges of one kind (same source, target, type, kind and stance) into one edge
 * carrying `count`, the overall dateFrom..dateTo, and the newest occurrence's date, article and
 * evidence. Used only above the cap: on the 10k-article store it cut the actors view from 34,572
 * edges (15 MB) to under 2,000.
 */
export function aggregateParallelEdges(edges: Draft['edges']): Draft['edges'] {
  const groups = new Map<string, Draft['edges'][number]>();
  for (const e of edges) {
    const a = e.attributes;
    const key = JSON.stringify([e.source, e.target, a.edgeType, a.kind ?? null, a.stance ?? null]);
    const g = groups.get(key);
    // an edge merged in the query already stands for `count` relations
    const n = typeof a.count === 'number' ? a.count : 1;
    if (!g) {
      groups.set(key, { source: e.source, target: e.target, attributes: { ...a, count: n, aggregated: true } });
      continue;
    }
    const ga = g.attributes;
    ga.count = (typeof ga.count === 'number' ? ga.count : 1) + n;
    if (typeof a.dateFrom === 'string' && (typeof ga.dateFrom !== 'string' || a.dateFrom < ga.dateFrom)) ga.dateFrom = a.dateFrom;
    if (typeof a.dateTo === 'string' && (typeof ga.dateTo !== 'string' || a.dateTo > ga.dateTo)) {
      // the newest occurrence speaks for the group
      Object.assign(ga, { dateTo: a.dateTo, date: a.date, articleId: a.articleId, evidence: a.evidence, title: a.title });
    }
  }
  return [...groups.values()];
}

/** Keeps the `limit` best-connected nodes (degree + statements) and the edges between them, aggregated. */
function capDraft(d: Draft, limit: number, truncated: boolean): { draft: Draft; truncated: boolean } {
  if (d.nodes.size <= limit && !truncated) return { draft: d, truncated: false };
  if (d.nodes.size <= limit) return { draft: { nodes: d.nodes, edges: aggregateParallelEdges(d.edges) }, truncated: true };
  const degree = new Map<string, number>();
  for (const e of d.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const score = (id: string, a: Attrs) => (degree.get(id) ?? 0) + Number(a.statements ?? 0);
  const kept = [...d.nodes.entries()]
    .sort(([ia, a], [ib, b]) => score(ib, b) - score(ia, a) || ia.localeCompare(ib))
    .slice(0, limit);
  const nodes = new Map(kept);
  const between = d.edges.filter((e) => nodes.has(e.source) && nodes.has(e.target));
  return { draft: { nodes, edges: aggregateParallelEdges(between) }, truncated: true };
}

/**
 * The view, at most `limit` nodes (the request's, bounded by the configured cap). Every query
 * carries its own LIMIT (see actorsView, claimsView); when the filter passes more than the view
 * can carry, the rule is: actors ranked by statements + relations, statements and relations newest
 * first, then the best-connected `limit` nodes, with parallel edges merged (`count`, overall
 * dateFrom..dateTo, the newest one's date, article and evidence) and `truncated: true`.
 */
export async function buildGraph(deps: Deps, q: Query): Promise<GraphResponse> {
  const cap = deps.config.graphCap;
  const limit = Math.min(cap, q.limit ?? cap);
  if (isDefaultView(q)) return defaultView(deps, limit, () => computeGraph(deps, q, limit));
  return computeGraph(deps, q, limit);
}

/** The explorer's opening view: the actors view with no filter and no centre actor. */
function isDefaultView(q: Query): boolean {
  return q.view !== 'claims' && !q.actor && !q.from && !q.to && !q.types?.length && !q.issues?.length && !q.stances?.length;
}

/**
 * The default view, kept per store version (`cache.version`, which every write moves) and limit,
 * whether or not the read cache is on: it ranks every actor and groups every relation among the
 * top `limit` (measured at 31k articles: 2.6 s CPU), so it is computed once per version and shared
 * by the requests that come meanwhile. A write drops it; the next request computes it afresh.
 */
const defaultViews = new WeakMap<Deps['cache'], { version: number; limit: number; value: Promise<GraphResponse> }>();

function defaultView(deps: Deps, limit: number, compute: () => Promise<GraphResponse>): Promise<GraphResponse> {
  const version = deps.cache.version;
  const kept = defaultViews.get(deps.cache);
  if (kept && kept.version === version && kept.limit === limit) return kept.value;
  const value = compute();
  defaultViews.set(deps.cache, { version, limit, value });
  // a failure is not kept: the next request tries again
  value.catch(() => {
    if (defaultViews.get(deps.cache)?.value === value) defaultViews.delete(deps.cache);
  });
  return value;
}

async function computeGraph(deps: Deps, q: Query, limit: number): Promise<GraphResponse> {
  const sized = q.view === 'claims' ? await claimsView(deps, q, limit) : await actorsView(deps, q, limit);
  const { draft: kept, truncated } = capDraft(sized.draft, limit, sized.truncated);
  const graph = new MultiDirectedGraph({ allowSelfLoops: true });
  const degree = new Map<string, number>();
  for (const e of kept.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  for (const [id, a] of kept.nodes) {
    graph.addNode(id, { ...a, size: sizeFor(Number(a.statements ?? 0), degree.get(id) ?? 0) });
  }
  kept.edges.forEach((e, i) => graph.addEdgeWithKey(`e${i}`, e.source, e.target, e.attributes));
  return {
    graph: graph.export() as GraphResponse['graph'],
    truncated,
    totalNodes: Math.max(sized.totalNodes, sized.draft.nodes.size),
    totalEdges: sized.totalEdges < 0 ? sized.draft.edges.length : Math.max(sized.totalEdges, kept.edges.length),
    cap: limit,
  };
}
