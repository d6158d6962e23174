/**
 * Interaction state (hover, selection) + the filters' Visibility -> what sigma's node/edge
 * reducers do to each element. Pure: the reducers in graph/graph-view.ts only translate these
 * decisions into display data, so the graph's own attributes are never mutated by hover,
 * selection or filtering. What is hidden is decided once per filter change (graph-visibility.ts).
 */
import type { ActorType } from '../../../cypher/schema.ts';

export type NodeKind = 'actor' | 'statement' | 'issue' | 'other';

/** The node attributes the explorer relies on (set by graph/build-graph.ts). */
export interface ExplorerNodeAttrs {
  kind: NodeKind;
  label: string;
  actorType?: ActorType | undefined;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  /** stances a statement takes (one per issue it is about) */
  stances?: string[] | undefined;
  issues?: string[] | undefined;
}

export interface ExplorerEdgeAttrs {
  /** relation kind ("negotiates_with"…) or rel type ("SAID", "ABOUT", "HOLDS_POSITION") */
  kind: string;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  stance?: string | undefined;
  issue?: string | undefined;
}

export interface InteractionState {
  hovered: string | null;
  /** neighbours of the hovered node (computed once per hover, not per node) */
  hoveredNeighbours: ReadonlySet<string> | null;
  selected: string | null;
  /** the hovered edge and the selected edge (their ends are emphasised) */
  hoveredEdge: string | null;
  selectedEdge: string | null;
}

export const NO_INTERACTION: InteractionState = { hovered: null, hoveredNeighbours: null, selected: null, hoveredEdge: null, selectedEdge: null };

export interface NodeDecision {
  hidden: boolean;
  /** drawn pale: not part of what the user points at */
  faded: boolean;
  highlighted: boolean;
  forceLabel: boolean;
}

export interface EdgeDecision {
  hidden: boolean;
  faded: boolean;
  /** touches the hovered or selected node, or is the hovered/selected edge */
  emphasised: boolean;
}

export interface HiddenSets {
  hiddenNodes: ReadonlySet<string>;
  hiddenEdges: ReadonlySet<string>;
  hubs: ReadonlySet<string>;
}

export function nodeDecision(key: string, v: HiddenSets, s: InteractionState, edgeEnds: readonly string[] = []): NodeDecision {
  const hidden = v.hiddenNodes.has(key);
  const isHovered = s.hovered === key;
  const isNeighbour = s.hoveredNeighbours?.has(key) ?? false;
  const isSelected = s.selected === key;
  const onEdge = edgeEnds.includes(key);
  const faded = (s.hovered !== null && !isHovered && !isNeighbour) || (s.hoveredEdge !== null && s.hovered === null && !onEdge);
  return {
    hidden,
    faded: !hidden && faded,
    highlighted: !hidden && (isHovered || isSelected || onEdge),
    forceLabel: !hidden && (isHovered || isSelected || onEdge || v.hubs.has(key) || (isNeighbour && s.hovered !== null)),
  };
}

export function edgeDecision(edge: string, source: string, target: string, v: HiddenSets, s: InteractionState): EdgeDecision {
  const hidden = v.hiddenEdges.has(edge);
  if (hidden) return { hidden, faded: false, emphasised: false };
  if (edge === s.hoveredEdge || edge === s.selectedEdge) return { hidden, faded: false, emphasised: true };
  const focus = s.hovered ?? s.selected;
  const touches = focus !== null && (source === focus || target === focus);
  const faded = (s.hovered !== null && !touches) || (s.hoveredEdge !== null && s.hovered === null);
  return { hidden, faded, emphasised: touches };
}
