/**
 * The explorer's shareable state: everything needed to reproduce a view from a link.
 * Kept apart from graph attributes (hover/selection/filters are applied by reducers).
 */
import type { ActorType, Stance } from '../../../cypher/schema.ts';

export type GraphViewName = 'actors' | 'claims';
export type Tab = 'graph' | 'console';

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
  /** null: all time */
  range: MonthRange | null;
  /** empty: no filter */
  types: ActorType[];
  issues: string[];
  stances: Stance[];
  /** Cypher console query text */
  query: string | null;
}

export const DEFAULT_STATE: AppState = {
  view: 'actors',
  tab: 'graph',
  actor: null,
  range: null,
  types: [],
  issues: [],
  stances: [],
  query: null,
};
