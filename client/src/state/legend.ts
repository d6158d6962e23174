/**
 * The legend's entries for what is on screen: one per actor type, node kind, edge kind and stance
 * colour present among the visible elements, plus what node size means. Pure (settings only),
 * shared by the legend panel and the SVG/PNG export so a picture carries its own legend.
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { ACTOR_TYPE_STYLE, NODE_KIND_COLORS, STANCE_COLORS, edgeStyle } from '../settings.ts';
import type { ExplorerEdgeAttrs, ExplorerNodeAttrs } from './graph-filters.ts';
import type { SizeMeasure } from './graph-visibility.ts';

export type LegendEntry =
  | { mark: 'node'; shape: 'circle' | 'square'; color: string; label: string }
  | { mark: 'edge'; color: string; width: number; arrow: boolean; label: string }
  | { mark: 'note'; label: string };

export function legendEntries(
  g: Graph<ExplorerNodeAttrs, ExplorerEdgeAttrs>,
  hiddenNodes: ReadonlySet<string>,
  hiddenEdges: ReadonlySet<string>,
  sizeBy: SizeMeasure,
): LegendEntry[] {
  const types = new Set<string>();
  const kinds = new Set<string>();
  const stances = new Set<string>();
  let statements = false;
  let issues = false;
  g.forEachNode((n, a) => {
    if (hiddenNodes.has(n)) return;
    if (a.kind === 'actor' && a.actorType) types.add(a.actorType);
    if (a.kind === 'statement') {
      statements = true;
      for (const s of a.stances ?? []) stances.add(s);
      if ((a.stances?.length ?? 0) > 1 && new Set(a.stances).size > 1) stances.add('mixed');
    }
    if (a.kind === 'issue') issues = true;
  });
  g.forEachEdge((e, a) => {
    if (hiddenEdges.has(e)) return;
    kinds.add(a.kind);
    if (a.stance) stances.add(a.stance);
  });
  const out: LegendEntry[] = [];
  for (const [t, st] of Object.entries(ACTOR_TYPE_STYLE)) if (types.has(t)) out.push({ mark: 'node', shape: st.shape, color: st.color, label: st.label });
  if (statements) out.push({ mark: 'node', shape: 'circle', color: NODE_KIND_COLORS.statement, label: 'Statement (coloured by stance)' });
  if (issues) out.push({ mark: 'node', shape: 'square', color: NODE_KIND_COLORS.issue, label: 'Issue' });
  for (const k of [...kinds].sort()) {
    const st = edgeStyle(k);
    out.push({ mark: 'edge', color: st.color, width: st.width, arrow: st.arrow, label: st.label });
  }
  for (const s of ['support', 'oppose', 'neutral', 'mixed'] as const) if (stances.has(s)) out.push({ mark: 'node', shape: 'circle', color: STANCE_COLORS[s], label: `stance: ${s}` });
  out.push({ mark: 'note', label: sizeBy === 'degree' ? 'Actor size: number of relations (degree)' : 'Actor size: statements made' });
  out.push({ mark: 'note', label: 'Labels: the biggest actors always, others as room allows; curves: parallel dated relations' });
  return out;
}
