/** What the browser tests read from the page (window.__explorer); not an API for anything else. */
import type { AppState } from './state/app-state.ts';

export interface ExplorerProbe {
  graphReady: boolean;
  layoutDone: boolean;
  /** bumps whenever new data (a newer store version) has been loaded */
  dataVersion: string | null;
  visibleCounts(): { nodes: number; edges: number } | null;
  /** shown/total actors and what the filters say */
  summary(): string;
  state(): AppState;
  /** graph edge keys between two actor ids, and one edge's screen position (for hover tests) */
  edgesBetween(a: string, b: string): string[];
  edgeScreenPoint(edge: string): { x: number; y: number } | null;
  /** centres the camera on an edge's midpoint, zoomed in (so a pointer can find it) */
  zoomToEdge(edge: string): Promise<void>;
  nodeScreenPoint(id: string): { x: number; y: number } | null;
  /** label of the biggest visible actors, whether they're labelled */
  hubs(): string[];
  nodeSize(id: string): number | null;
  /** review tests: whether an actor node is in the loaded graph, and who SAID a statement (claims view) */
  hasActor(id: string): boolean;
  saidBy(statementId: string): string[];
  /** the console's drawn result: where its first node is */
  consoleNodePoint(): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __explorer?: ExplorerProbe;
  }
}
