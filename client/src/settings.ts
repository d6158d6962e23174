/**
 * Every tunable of the explorer in one typed object with defaults (Gephi Lite style), so that the
 * perf page and the app render with exactly the same settings.
 */
import type { ActorType, PositionStance } from '../../cypher/schema.ts';

export const STANCE_COLORS: Record<PositionStance, string> = {
  support: '#1a7f37', // green
  oppose: '#cf222e', // red
  neutral: '#6e7781', // grey
  mixed: '#bf8700', // amber
};

/** Colour AND shape per actor type, so type is not told by colour alone. */
export const ACTOR_TYPE_STYLE: Record<ActorType, { color: string; shape: 'circle' | 'square'; label: string }> = {
  person: { color: '#0969da', shape: 'circle', label: 'Person' },
  organization: { color: '#8250df', shape: 'square', label: 'Organisation' },
  country: { color: '#0a7b83', shape: 'square', label: 'Country' },
  group: { color: '#bc4c00', shape: 'circle', label: 'Group' },
  anonymous: { color: '#57606a', shape: 'circle', label: 'Anonymous source' },
};

export const NODE_KIND_COLORS = { statement: '#9a6700', issue: '#1f2328' } as const;

export const settings = {
  graph: {
    minNodeSize: 4,
    maxNodeSize: 22,
    statementNodeSize: 3,
    issueNodeSize: 14,
    edgeSize: 1.2,
    fadedColor: '#e4e7eb',
    highlightEdgeColor: '#1f2328',
    edgeColor: '#afb8c1',
    /** sigma label settings: readable without clutter */
    labelDensity: 0.7,
    labelGridCellSize: 90,
    labelRenderedSizeThreshold: 7,
    labelSize: 13,
    labelWeight: '600',
    labelColor: '#1f2328',
    /**
     * Level of detail: above this many edges, nodes are drawn as plain points and edges as plain
     * lines (no curves, no arrowheads), the cheapest sigma programs. Measured on software WebGL
     * (`npm run bench:client`); on a GPU the fancy programs are cheap at any size we serve.
     */
    lodEdgeThreshold: 8000,
    /** large graphs: draw no edges/labels while the camera moves */
    hideEdgesOnMove: true,
    hideLabelsOnMove: true,
    zoomDuration: 600,
  },
  layout: {
    /** the FA2 worker is stopped after this long at most … */
    maxMs: 6000,
    /** … but runs at least this long */
    minMs: 1200,
    /** … or as soon as the mean node displacement per check falls below this (graph units) */
    convergence: 0.004,
    checkEveryMs: 300,
  },
  timeline: {
    firstYear: 2008,
    lastYear: 2024,
    height: 72,
  },
  search: { threshold: 0.4, maxResults: 8 },
  statements: { pageSize: 200 },
} as const;

export type Settings = typeof settings;
