/** What the browser tests read from the page (window.__explorer); not an API for anything else. */
import type { AppState } from './state/app-state.ts';

export interface ExplorerProbe {
  graphReady: boolean;
  layoutDone: boolean;
  visibleCounts(): { nodes: number; edges: number } | null;
  state(): AppState;
}

declare global {
  interface Window {
    __explorer?: ExplorerProbe;
  }
}
