/**
 * What the graph shows under the filters and display toggles: hidden nodes and edges, the hubs
 * that are always labelled, and the counts the status line reports. Pure over a graphology graph
 * (read only): the reducers in graph/graph-view.ts look the answers up; no graph attribute is
 * ever changed by filtering (Gephi Lite's rule: UI state stays out of the graph).
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import type { ActorType } from '../../../cypher/schema.ts';
import { actorPasses, type FacetIndex, type Filters, statementPasses } from './facet-filters.ts';
import type { ExplorerEdgeAttrs, ExplorerNodeAttrs } from './graph-filters.ts';
import { rangeDays } from './time-range.ts';

export type SizeMeasure = 'degree' | 'statements';

export interface Display {
  /** show "speaks about" edges (a speaker names the other actor) */
  speaksAbout: boolean;
  /** show nodes left without any visible edge */
  isolated: boolean;
  sizeBy: SizeMeasure;
  /** always shown, even when isolated (the actor the user picked) */
  pinned: string | null;
}

export const DEFAULT_DISPLAY: Display = { speaksAbout: true, isolated: false, sizeBy: 'degree', pinned: null };

export interface VisNodeAttrs extends ExplorerNodeAttrs {
  entityId: string;
  degree: number;
  statements: number;
}

export interface Visibility {
  hiddenNodes: Set<string>;
  hiddenEdges: Set<string>;
  /** the most connected (or most vocal) visible actors: labelled at any zoom */
  hubs: Set<string>;
  counts: {
    actors: { shown: number; total: number };
    statements: { shown: number; total: number };
    nodes: { shown: number; total: number };
    edges: { shown: number; total: number };
    /** nodes hidden only because no visible edge touches them */
    isolatedHidden: number;
  };
}

export const SPEAKS_ABOUT = 'speaks_about';

/** Overlap of a dated element with the range's day bounds (computed once per visibility pass). */
function datedIn(days: { from: string; to: string } | null) {
  return (a: { dateFrom?: string | undefined; dateTo?: string | undefined }): boolean => !days || !a.dateFrom || ((a.dateTo ?? a.dateFrom) >= days.from && a.dateFrom <= days.to);
}

/** How many hubs to label: about one in twenty visible actors, at least 3, at most 12. */
export function hubCount(visibleActors: number): number {
  return Math.min(12, Math.max(3, Math.ceil(visibleActors / 20)));
}

export function computeVisibility(g: Graph<VisNodeAttrs, ExplorerEdgeAttrs>, f: Filters, index: FacetIndex, d: Display): Visibility {
  const hiddenNodes = new Set<string>();
  const hiddenEdges = new Set<string>();
  const dated = datedIn(f.range ? rangeDays(f.range) : null);
  const edgeShown = (e: string, a: ExplorerEdgeAttrs): boolean => {
    if (a.kind === SPEAKS_ABOUT && !d.speaksAbout) return false;
    if (!dated(a)) return false;
    if (a.stance && f.stances.length && !(f.stances as readonly string[]).includes(a.stance)) return false;
    if (a.issue && f.issues.length && !f.issues.includes(a.issue)) return false;
    void e;
    return true;
  };
  // pass 1: nodes by the filters
  let actors = 0;
  let statements = 0;
  g.forEachNode((node, a) => {
    let pass = true;
    if (a.kind === 'actor') {
      actors++;
      pass = actorPasses(a.entityId, a.actorType as ActorType | undefined, f, index, () => g.someEdge(node, (e, ea) => ea.kind !== 'SAID' && edgeShown(e, ea)));
    } else if (a.kind === 'statement') {
      statements++;
      const facet = index.byId.get(a.entityId);
      pass = facet ? statementPasses(facet, f) : dated(a);
    } else if (a.kind === 'issue') {
      pass = !f.issues.length || f.issues.includes(a.issues?.[0] ?? a.label);
    }
    if (!pass) hiddenNodes.add(node);
  });
  // pass 2: edges (never dangling)
  const degree = new Map<string, number>();
  g.forEachEdge((e, a, s, t) => {
    if (hiddenNodes.has(s) || hiddenNodes.has(t) || !edgeShown(e, a)) {
      hiddenEdges.add(e);
      return;
    }
    degree.set(s, (degree.get(s) ?? 0) + 1);
    degree.set(t, (degree.get(t) ?? 0) + 1);
  });
  // pass 3: isolated nodes
  let isolatedHidden = 0;
  if (!d.isolated) {
    g.forEachNode((node) => {
      if (hiddenNodes.has(node) || node === d.pinned || (degree.get(node) ?? 0) > 0) return;
      hiddenNodes.add(node);
      isolatedHidden++;
    });
  }
  // hubs: the top visible actors by the size measure
  const visibleActors: { node: string; score: number }[] = [];
  let actorsShown = 0;
  let statementsShown = 0;
  g.forEachNode((node, a) => {
    if (hiddenNodes.has(node)) return;
    if (a.kind === 'statement') statementsShown++;
    if (a.kind !== 'actor') return;
    actorsShown++;
    visibleActors.push({ node, score: d.sizeBy === 'degree' ? a.degree : a.statements });
  });
  visibleActors.sort((x, y) => y.score - x.score || x.node.localeCompare(y.node));
  const hubs = new Set(visibleActors.slice(0, hubCount(visibleActors.length)).filter((x) => x.score > 0).map((x) => x.node));
  return {
    hiddenNodes,
    hiddenEdges,
    hubs,
    counts: {
      actors: { shown: actorsShown, total: actors },
      statements: { shown: statementsShown, total: statements },
      nodes: { shown: g.order - hiddenNodes.size, total: g.order },
      edges: { shown: g.size - hiddenEdges.size, total: g.size },
      isolatedHidden,
    },
  };
}

/** Node radius for a measure value, on a square-root scale (area grows with the value). */
export function sizeFor(value: number, max: number, min: number, maxSize: number): number {
  if (max <= 0) return min;
  return min + (maxSize - min) * Math.sqrt(Math.max(0, value) / max);
}
