/**
 * /api/graph's serialised graphology graph -> the explorer's MultiGraph with display attributes.
 * Attributes are read tolerantly (kind/type/label names vary by view) and rebuilt from scratch, so
 * a server attribute can never collide with sigma's own (`type` is sigma's program name here).
 * Parallel dated edges between the same two actors stay separate edges and get curvature indices.
 */
import { MultiGraph } from 'graphology';
import { indexParallelEdgesIndex } from '@sigma/edge-curve';
import type { ActorType } from '../../../cypher/schema.ts';
import { ACTOR_TYPES } from '../state/vocab.ts';
import type { SerializedGraph } from '../../../server/contract.ts';
import { ACTOR_TYPE_STYLE, NODE_KIND_COLORS, STANCE_COLORS, edgeStyle, settings } from '../settings.ts';
import { sizeFor, type SizeMeasure } from '../state/graph-visibility.ts';
import type { ExplorerEdgeAttrs, ExplorerNodeAttrs, NodeKind } from '../state/graph-filters.ts';

export interface NodeAttrs extends ExplorerNodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  /** sigma node program */
  type: 'circle' | 'square';
  statements: number;
  /** edges touching the node (all kinds) */
  degree: number;
  /** node size under each measure (the reducer picks one: size is a display choice, not data) */
  sizeDegree: number;
  sizeStatements: number;
  /** the record's own id (actor id, statement id, issue id) when the key is prefixed */
  entityId: string;
  /** statements: the article they come from, for provenance */
  articleId?: string | undefined;
}

export interface EdgeAttrs extends ExplorerEdgeAttrs {
  size: number;
  color: string;
  /** sigma edge program: arrow or plain line, straight or curved (parallel edges) */
  type: 'arrow' | 'line' | 'curvedArrow' | 'curve';
  curvature: number;
  label: string | null;
  /** relations: where the evidence is (edge panel, "open in article") */
  date?: string | undefined;
  evidence?: string | undefined;
  articleId?: string | undefined;
  start?: number | undefined;
  end?: number | undefined;
  title?: string | undefined;
  /** aggregated edges (server above its cap): how many relations this one stands for */
  count?: number | undefined;
  parallelIndex?: number | null;
  parallelMinIndex?: number | null;
  parallelMaxIndex?: number | null;
}

export type ExplorerGraph = MultiGraph<NodeAttrs, EdgeAttrs>;

type Raw = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function nodeKind(key: string, a: Raw): NodeKind {
  // `nodeType` is what the server sends; `kind` on a statement is direct/indirect, so it comes last
  for (const v of [a.nodeType, a.nodeKind, a.nodeLabel, a.kind]) {
    const k = (str(v) ?? '').toLowerCase();
    if (k === 'actor' || k === 'statement' || k === 'issue') return k;
  }
  if ((ACTOR_TYPES as readonly string[]).includes(str(a.type) ?? '') || (ACTOR_TYPES as readonly string[]).includes(str(a.actorType) ?? '')) return 'actor';
  const prefix = key.split(':')[0]?.toLowerCase();
  if (prefix === 'actor' || prefix === 'statement' || prefix === 'issue') return prefix;
  return 'other';
}

function actorTypeOf(a: Raw): ActorType | undefined {
  const t = str(a.actorType) ?? str(a.type);
  return t && (ACTOR_TYPES as readonly string[]).includes(t) ? (t as ActorType) : undefined;
}

function strings(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string' && v) return [v];
  return undefined;
}

/** Deterministic start position from the key, so the same graph lays out the same way. */
function seeded(key: string): { x: number; y: number } {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  const a = ((h >>> 0) % 10000) / 10000;
  const b = ((Math.imul(h, 2654435761) >>> 0) % 10000) / 10000;
  return { x: a * 100 - 50, y: b * 100 - 50 };
}

/** The graph node of a record id, whether the server keys nodes by bare id or "kind:id". */
export function nodeKeyOf(g: ExplorerGraph, id: string, kind: NodeKind = 'actor'): string | null {
  if (g.hasNode(id)) return id;
  const prefixed = `${kind}:${id}`;
  if (g.hasNode(prefixed)) return prefixed;
  return g.findNode((_, a) => a.kind === kind && a.entityId === id) ?? null;
}

export function nodeSizeFor(statements: number, maxStatements: number): number {
  const { minNodeSize, maxNodeSize } = settings.graph;
  if (maxStatements <= 0) return minNodeSize;
  // sqrt: area, not radius, grows with the count
  return minNodeSize + (maxNodeSize - minNodeSize) * Math.sqrt(Math.max(0, statements) / maxStatements);
}

/** Curvature of the i-th of parallel edges: symmetric around 0, bounded however many there are. */
export function curvatureFor(index: number, maxIndex: number): number {
  if (maxIndex <= 0) return 0;
  const spread = 0.25 * Math.min(3, 1 + Math.log2(1 + maxIndex));
  return (spread * index) / maxIndex;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function buildGraph(data: SerializedGraph): ExplorerGraph {
  const g: ExplorerGraph = new MultiGraph<NodeAttrs, EdgeAttrs>({ allowSelfLoops: true });
  let maxStatements = 0;
  const statementsOf = (a: Raw): number => num(a.statements) ?? num(a.statementCount) ?? num(a.count) ?? 0;
  for (const n of data.nodes) maxStatements = Math.max(maxStatements, statementsOf(n.attributes ?? {}));

  for (const n of data.nodes) {
    if (g.hasNode(n.key)) continue;
    const a: Raw = n.attributes ?? {};
    const kind = nodeKind(n.key, a);
    const actorType = kind === 'actor' ? actorTypeOf(a) : undefined;
    const statements = statementsOf(a);
    const pos = num(a.x) !== undefined && num(a.y) !== undefined ? { x: num(a.x)!, y: num(a.y)! } : seeded(n.key);
    const rawLabel = str(a.label) ?? str(a.name) ?? str(a.title) ?? str(a.text) ?? n.key;
    const stance = str(a.stance);
    let color: string = NODE_KIND_COLORS.issue;
    let size: number = settings.graph.issueNodeSize;
    let shape: 'circle' | 'square' = 'circle';
    if (kind === 'actor') {
      const style = ACTOR_TYPE_STYLE[actorType ?? 'anonymous'];
      color = style.color;
      shape = style.shape;
      size = nodeSizeFor(statements, maxStatements);
    } else if (kind === 'statement') {
      color = stance && stance in STANCE_COLORS ? STANCE_COLORS[stance as keyof typeof STANCE_COLORS] : NODE_KIND_COLORS.statement;
      size = settings.graph.statementNodeSize;
    } else if (kind === 'issue') {
      shape = 'square';
    }
    g.addNode(n.key, {
      kind,
      label: kind === 'statement' ? truncate(rawLabel, 60) : rawLabel,
      actorType,
      dateFrom: str(a.dateFrom),
      dateTo: str(a.dateTo) ?? str(a.dateFrom),
      stances: strings(a.stances) ?? (stance ? [stance] : undefined),
      issues: kind === 'issue' ? [str(a.issueId) ?? str(a.id) ?? n.key.replace(/^issue:/, '')] : strings(a.issues),
      statements,
      degree: 0,
      sizeDegree: size,
      sizeStatements: size,
      entityId: str(a.statementId) ?? str(a.issueId) ?? str(a.actorId) ?? str(a.id) ?? n.key.replace(/^(actor|statement|issue):/i, ''),
      articleId: str(a.articleId),
      x: pos.x,
      y: pos.y,
      size,
      color,
      type: shape,
    });
  }

  for (const e of data.edges) {
    if (!g.hasNode(e.source) || !g.hasNode(e.target)) continue;
    const a: Raw = e.attributes ?? {};
    // RELATES edges carry the relation kind; SAID/ABOUT/HOLDS_POSITION only their rel type
    const kind = str(a.kind) ?? str(a.edgeType) ?? str(a.relType) ?? str(a.type) ?? 'related';
    const stance = str(a.stance);
    const targetAttrs = g.getNodeAttributes(e.target);
    const issue = str(a.issue) ?? str(a.issueId) ?? (targetAttrs.kind === 'issue' ? targetAttrs.issues?.[0] : undefined);
    const style = edgeStyle(kind);
    const attrs: EdgeAttrs = {
      kind,
      dateFrom: str(a.dateFrom),
      dateTo: str(a.dateTo) ?? str(a.dateFrom),
      stance,
      issue,
      size: style.width * Math.min(3, Math.max(1, Math.sqrt(num(a.weight) ?? num(a.count) ?? 1))),
      color: stance && stance in STANCE_COLORS ? STANCE_COLORS[stance as keyof typeof STANCE_COLORS] : style.color,
      type: style.arrow ? 'arrow' : 'line',
      curvature: 0,
      label: str(a.label) ?? (str(a.date) ? `${style.label} · ${str(a.date)}` : style.label),
      date: str(a.date),
      evidence: str(a.evidence),
      articleId: str(a.articleId),
      start: num(a.start),
      end: num(a.end),
      title: str(a.title),
      count: num(a.count),
    };
    if (e.key && !g.hasEdge(e.key)) g.addEdgeWithKey(e.key, e.source, e.target, attrs);
    else g.addEdge(e.source, e.target, attrs);
    // a statement's stances and issues live on its ABOUT edges: copy them onto the node for filtering and colour
    const src = g.getNodeAttributes(e.source);
    if (src.kind === 'statement' && targetAttrs.kind === 'issue') {
      const stances = new Set(src.stances ?? []);
      const issues = new Set(src.issues ?? []);
      if (stance) stances.add(stance);
      if (issue) issues.add(issue);
      g.mergeNodeAttributes(e.source, { stances: [...stances], issues: [...issues] });
    }
  }
  g.forEachNode((node, a) => {
    if (a.kind !== 'statement' || !a.stances?.length) return;
    const distinct = new Set(a.stances);
    const stance = distinct.size === 1 ? a.stances[0]! : 'mixed';
    if (stance in STANCE_COLORS) g.setNodeAttribute(node, 'color', STANCE_COLORS[stance as keyof typeof STANCE_COLORS]);
  });
  applyParallelCurvature(g);
  applySizes(g);
  return g;
}

/** Degree of every node and actor sizes under both measures (degree: hubs stand out; statements: who talks). */
export function applySizes(g: ExplorerGraph): void {
  let maxDegree = 0;
  let maxStatements = 0;
  g.forEachNode((n, a) => {
    if (a.kind !== 'actor') return;
    maxDegree = Math.max(maxDegree, g.degree(n));
    maxStatements = Math.max(maxStatements, a.statements);
  });
  const { minNodeSize, maxNodeSize } = settings.graph;
  g.updateEachNodeAttributes((n, a) => {
    const degree = g.degree(n);
    if (a.kind !== 'actor') return { ...a, degree };
    return { ...a, degree, sizeDegree: sizeFor(degree, maxDegree, minNodeSize, maxNodeSize), sizeStatements: sizeFor(a.statements, maxStatements, minNodeSize, maxNodeSize) };
  });
}

/** The size attribute a measure selects. */
export function sizeKey(m: SizeMeasure): 'sizeDegree' | 'sizeStatements' {
  return m === 'degree' ? 'sizeDegree' : 'sizeStatements';
}

/** Parallel edges (same two ends) are drawn as curves fanned apart; single edges stay straight. */
export function applyParallelCurvature(g: ExplorerGraph): void {
  indexParallelEdgesIndex(g, { edgeIndexAttribute: 'parallelIndex', edgeMinIndexAttribute: 'parallelMinIndex', edgeMaxIndexAttribute: 'parallelMaxIndex' });
  // one pass without per-edge events (mergeEdgeAttributes per edge is several times slower at 20k edges)
  g.updateEachEdgeAttributes(
    (_, a) => {
      const index = a.parallelIndex;
      const max = typeof a.parallelMaxIndex === 'number' && a.parallelMaxIndex > 0 ? a.parallelMaxIndex : null;
      const arrow = edgeStyle(a.kind).arrow;
      if (typeof index === 'number' && max !== null) return { ...a, type: arrow ? 'curvedArrow' : 'curve', curvature: curvatureFor(index, max) };
      return { ...a, type: arrow ? 'arrow' : 'line', curvature: 0 };
    },
    { attributes: ['type', 'curvature'] },
  );
}
