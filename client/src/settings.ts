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

/**
 * One style per edge kind: colour, width and whether it has an arrowhead, so "negotiates with"
 * and "attacks" are told apart from the many thin grey "speaks about" lines. Every kind is in the
 * legend; unknown kinds fall back to `related`.
 */
export interface EdgeStyle {
  color: string;
  width: number;
  arrow: boolean;
  label: string;
}
export const EDGE_KIND_STYLE: Record<string, EdgeStyle> = {
  negotiates_with: { color: '#0969da', width: 2.2, arrow: true, label: 'negotiates with' },
  pressures: { color: '#bc4c00', width: 2.2, arrow: true, label: 'pressures' },
  attacks: { color: '#cf222e', width: 2.8, arrow: true, label: 'attacks' },
  supports: { color: '#1a7f37', width: 2.2, arrow: true, label: 'supports' },
  opposes: { color: '#8250df', width: 2.2, arrow: true, label: 'opposes' },
  member_of: { color: '#0a7b83', width: 1.6, arrow: true, label: 'member of' },
  holds_office: { color: '#1f2328', width: 1.8, arrow: true, label: 'holds office in' },
  addresses: { color: '#9a6700', width: 1.6, arrow: true, label: 'addresses' },
  speaks_about: { color: '#c4cad1', width: 0.8, arrow: false, label: 'speaks about (names in a statement)' },
  speaks_for: { color: '#6e7781', width: 1.4, arrow: true, label: 'speaks for (an office or spokesperson → the person)' },
  SAID: { color: '#8c959f', width: 1, arrow: true, label: 'said (actor → statement)' },
  ABOUT: { color: '#afb8c1', width: 1, arrow: false, label: 'about (statement → issue, coloured by stance)' },
  HOLDS_POSITION: { color: '#57606a', width: 1.6, arrow: true, label: 'holds a position (actor → issue, coloured by stance)' },
  related: { color: '#afb8c1', width: 1, arrow: false, label: 'related' },
};
export function edgeStyle(kind: string): EdgeStyle {
  return EDGE_KIND_STYLE[kind] ?? EDGE_KIND_STYLE.related!;
}

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
    /** label density rule: sigma's grid keeps the biggest node's label per cell; hubs are always labelled */
    labelDensity: 0.5,
    labelGridCellSize: 120,
    labelRenderedSizeThreshold: 9,
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
    height: 72,
    /** months of margin around the data's first and last statement */
    padMonths: 2,
  },
  live: {
    /** how often an open page asks the server whether new articles arrived */
    pollMs: 10_000,
  },
  search: { threshold: 0.4, maxResults: 8 },
  statements: { pageSize: 200 },
} as const;

export type Settings = typeof settings;
