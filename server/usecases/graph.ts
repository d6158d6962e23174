/**
 * /api/graph: the actors view (actors + dated RELATES edges) or the claims view (actors,
 * statements, issues; SAID, ABOUT and HOLDS_POSITION edges), as a graphology multigraph export.
 * Above the cap, only the top nodes by degree + statement count are kept (`truncated: true`).
 */
import { MultiDirectedGraph } from 'graphology';
import type { z } from 'zod';
import * as Q from '../../cypher/queries.ts';
import type { GraphQuery, GraphResponse } from '../contract.ts';
import type { Deps } from './deps.ts';
import { toInt } from './views.ts';

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

async function actorsView(deps: Deps, q: Query): Promise<Draft> {
  const f = filterOf(q);
  const unfiltered = !q.from && !q.to && !q.issues?.length && !q.stances?.length && !q.actor;
  const [counts, rels, all] = await Promise.all([
    // Counts for every actor (not only the centre one): neighbours are sized too.
    deps.store.read(Q.graphActorStatementCounts({ ...f, actor: undefined })),
    deps.store.read(Q.graphRelations(f)),
    unfiltered ? deps.store.read(Q.graphAllActors(f)) : Promise.resolve([]),
  ]);
  const known = new Map<string, { name: string; type: string; statements: number }>();
  for (const r of all) known.set(r.id as string, { name: r.name as string, type: r.type as string, statements: 0 });
  for (const r of counts) known.set(r.id as string, { name: r.name as string, type: r.type as string, statements: toInt(r.statements) });

  const nodes = new Map<string, Attrs>();
  const addActor = (id: string, name: string, type: string) => {
    if (nodes.has(id)) return;
    const k = known.get(id);
    nodes.set(id, { label: k?.name ?? name, nodeType: 'actor', actorType: k?.type ?? type, statements: k?.statements ?? 0 });
  };
  if (q.actor) {
    const k = known.get(q.actor);
    if (k) addActor(q.actor, k.name, k.type);
  } else {
    for (const [id, k] of known) if (unfiltered || k.statements > 0) addActor(id, k.name, k.type);
  }
  const edges: Draft['edges'] = [];
  // issue/stance filters speak about statements: a relation stays only between actors who made a matching one
  const bySpeech = Boolean(q.issues?.length || q.stances?.length);
  const spoke = (id: unknown) => (known.get(id as string)?.statements ?? 0) > 0;
  for (const r of rels) {
    if (bySpeech && !(spoke(r.source) && spoke(r.target))) continue;
    addActor(r.source as string, r.sourceName as string, r.sourceType as string);
    addActor(r.target as string, r.targetName as string, r.targetType as string);
    edges.push({
      source: r.source as string,
      target: r.target as string,
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
        start: r.start === null || r.start === undefined ? null : toInt(r.start),
        end: r.end === null || r.end === undefined ? null : toInt(r.end),
      },
    });
  }
  return { nodes, edges };
}

/** Statement stances map onto position stances one to one; 'mixed' positions only show unfiltered. */
async function claimsView(deps: Deps, q: Query): Promise<Draft> {
  const f = filterOf(q);
  const [stmts, about, positions, actors] = await Promise.all([
    deps.store.read(Q.graphStatements(f)),
    deps.store.read(Q.graphAbout(f)),
    deps.store.read(Q.graphPositions({ ...f, positionStances: q.stances })),
    deps.store.read(Q.graphAllActors(f)),
  ]);
  const actorInfo = new Map(actors.map((r) => [r.id as string, { name: r.name as string, type: r.type as string }]));
  const nodes = new Map<string, Attrs>();
  const edges: Draft['edges'] = [];
  const spoken = new Map<string, number>();
  for (const s of stmts) spoken.set(s.speakerId as string, (spoken.get(s.speakerId as string) ?? 0) + 1);
  const addActor = (id: string) => {
    if (nodes.has(id)) return;
    const a = actorInfo.get(id);
    nodes.set(id, { label: a?.name ?? id, nodeType: 'actor', actorType: a?.type ?? 'anonymous', statements: spoken.get(id) ?? 0 });
  };
  const addIssue = (id: string, label: string) => {
    if (!nodes.has(`issue:${id}`)) nodes.set(`issue:${id}`, { label, nodeType: 'issue', issueId: id, statements: 0 });
  };
  for (const s of stmts) {
    addActor(s.speakerId as string);
    const text = s.text as string;
    nodes.set(`statement:${s.id as string}`, {
      label: clip(text, 80),
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
      source: s.speakerId as string,
      target: `statement:${s.id as string}`,
      attributes: { edgeType: 'SAID', date: s.date, dateFrom: s.dateFrom, dateTo: s.dateTo, articleId: s.articleId },
    });
  }
  for (const a of about) {
    const source = `statement:${a.source as string}`;
    if (!nodes.has(source)) continue;
    addIssue(a.target as string, a.issueLabel as string);
    edges.push({ source, target: `issue:${a.target as string}`, attributes: { edgeType: 'ABOUT', stance: a.stance } });
  }
  for (const p of positions) {
    addActor(p.source as string);
    addIssue(p.target as string, p.issueLabel as string);
    edges.push({
      source: p.source as string,
      target: `issue:${p.target as string}`,
      attributes: { edgeType: 'HOLDS_POSITION', stance: p.stance, date: p.date, dateFrom: p.dateFrom, dateTo: p.dateTo, articleId: p.articleId },
    });
  }
  return { nodes, edges };
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
    if (!g) {
      groups.set(key, { source: e.source, target: e.target, attributes: { ...a, count: 1, aggregated: true } });
      continue;
    }
    const ga = g.attributes;
    ga.count = (ga.count as number) + 1;
    if (typeof a.dateFrom === 'string' && (typeof ga.dateFrom !== 'string' || a.dateFrom < ga.dateFrom)) ga.dateFrom = a.dateFrom;
    if (typeof a.dateTo === 'string' && (typeof ga.dateTo !== 'string' || a.dateTo > ga.dateTo)) {
      // the newest occurrence speaks for the group
      Object.assign(ga, { dateTo: a.dateTo, date: a.date, articleId: a.articleId, evidence: a.evidence, title: a.title });
    }
  }
  return [...groups.values()];
}

/** Keeps the `limit` best-connected nodes (degree + statements) and the edges between them, aggregated. */
function capDraft(d: Draft, limit: number): { draft: Draft; truncated: boolean } {
  if (d.nodes.size <= limit) return { draft: d, truncated: false };
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

export async function buildGraph(deps: Deps, q: Query): Promise<GraphResponse> {
  {
    const draft = q.view === 'claims' ? await claimsView(deps, q) : await actorsView(deps, q);
    const cap = deps.config.graphCap;
    const limit = Math.min(cap, q.limit ?? cap);
    const { draft: kept, truncated } = capDraft(draft, limit);
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
      totalNodes: draft.nodes.size,
      totalEdges: draft.edges.length,
      cap: limit,
    };
  }
}
