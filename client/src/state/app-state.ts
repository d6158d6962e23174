/**
 * The explorer's shareable state: everything needed to reproduce a view from a link.
 * Kept apart from graph attributes (hover/selection/filters are applied by reducers).
 */
import type { ActorType, Stance } from '../../../cypher/schema.ts';

export type GraphViewName = 'actors' | 'claims';
/** graph: the network; timeline: statements on a time axis; changes: stance changes; console: Cypher */
export type Tab = 'graph' | 'timeline' | 'changes' | 'console';
export const TABS: readonly Tab[] = ['graph', 'timeline', 'changes', 'console'];
export type SizeBy = 'degree' | 'statements';
/** statements timeline rows: per person (proxies rolled up to the office holder) or per office */
export type GroupBy = 'actor' | 'office';

/** A month range, inclusive at both ends, as "YYYY-MM". */
export interface MonthRange {
  from: string;
  to: string;
}

export interface AppState {
  view: GraphViewName;
  tab: Tab;
  /** selected actor id */
  actor: string | null;
  /** two actors whose relations the edge panel lists (both directions) */
  pair: [string, string] | null;
  /** null: all time */
  range: MonthRange | null;
  /** empty: no filter */
  types: ActorType[];
  issues: string[];
  stances: Stance[];
  sizeBy: SizeBy;
  /** draw "speaks about" edges */
  speaksAbout: boolean;
  /** draw nodes no visible edge touches */
  isolated: boolean;
  group: GroupBy;
  changesBy: GroupBy;
  /** Cypher console query text */
  query: string | null;
}

export const DEFAULT_STATE: AppState = {
  view: 'actors',
  tab: 'graph',
  actor: null,
  pair: null,
  range: null,
  types: [],
  issues: [],
  stances: [],
  sizeBy: 'degree',
  speaksAbout: true,
  isolated: false,
  group: 'actor',
  changesBy: 'actor',
  query: null,
};
