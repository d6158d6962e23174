/**
 * Filters and interaction state -> what sigma's node/edge reducers do to each element.
 * Pure: the reducers in graph/graph-view.ts only translate these decisions into display data,
 * so the graph's own attributes are never mutated by hover, selection or filtering.
 */
import type { ActorType, Stance } from '../../../cypher/schema.ts';
import type { MonthRange } from './app-state.ts';
import { inRange } from './time-range.ts';

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
  range: MonthRange | null;
  types: readonly ActorType[];
  issues: readonly string[];
  stances: readonly Stance[];
  hovered: string | null;
  /** neighbours of the hovered node (computed once per hover, not per node) */
  hoveredNeighbours: ReadonlySet<string> | null;
  selected: string | null;
}

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
  /** touches the hovered or selected node */
  emphasised: boolean;
}

function datedInRange(a: { dateFrom?: string | undefined; dateTo?: string | undefined }, range: MonthRange | null): boolean {
  if (!range || !a.dateFrom) return true;
  return inRange({ dateFrom: a.dateFrom, dateTo: a.dateTo ?? a.dateFrom }, range);
}

/** Whether a node passes the filters (independently of hover). */
export function nodePassesFilters(a: ExplorerNodeAttrs, s: InteractionState): boolean {
  switch (a.kind) {
    case 'actor':
      return s.types.length === 0 || (a.actorType !== undefined && s.types.includes(a.actorType));
    case 'issue':
      return s.issues.length === 0 || s.issues.includes(keyOrLabel(a));
    case 'statement': {
      if (!datedInRange(a, s.range)) return false;
      if (s.stances.length && !(a.stances ?? []).some((x) => (s.stances as readonly string[]).includes(x))) return false;
      if (s.issues.length && !(a.issues ?? []).some((x) => s.issues.includes(x))) return false;
      return true;
    }
    default:
      return true;
  }
}

// issue nodes carry their id in `issues[0]` (set by build-graph); label as a fallback
function keyOrLabel(a: ExplorerNodeAttrs): string {
  return a.issues?.[0] ?? a.label;
}

export function nodeDecision(key: string, a: ExplorerNodeAttrs, s: InteractionState): NodeDecision {
  const hidden = !nodePassesFilters(a, s);
  const isHovered = s.hovered === key;
  const isNeighbour = s.hoveredNeighbours?.has(key) ?? false;
  const isSelected = s.selected === key;
  const faded = s.hovered !== null && !isHovered && !isNeighbour;
  return {
    hidden,
    faded: !hidden && faded,
    highlighted: isHovered || isSelected,
    forceLabel: !hidden && (isHovered || isSelected || (isNeighbour && s.hovered !== null)),
  };
}

/**
 * `endHidden(key)` says whether an endpoint is hidden (so an edge never dangles).
 */
export function edgeDecision(
  a: ExplorerEdgeAttrs,
  source: string,
  target: string,
  s: InteractionState,
  endHidden: (node: string) => boolean,
): EdgeDecision {
  let hidden = endHidden(source) || endHidden(target) || !datedInRange(a, s.range);
  if (!hidden && a.stance && s.stances.length) hidden = !(s.stances as readonly string[]).includes(a.stance);
  if (!hidden && a.issue && s.issues.length) hidden = !s.issues.includes(a.issue);
  const focus = s.hovered ?? s.selected;
  const touches = focus !== null && (source === focus || target === focus);
  return { hidden, faded: !hidden && s.hovered !== null && !touches, emphasised: !hidden && touches };
}
