/**
 * Draws the nodes/relationships of a console result as a small sigma graph (laid out
 * synchronously: it is small), relationship captions on the edges; a click on a node or a
 * relationship reports it so the console can show its properties.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { ResultGraph } from '../state/console-result.ts';

export const LABEL_COLORS: Record<string, string> = { Actor: '#0969da', Statement: '#9a6700', Issue: '#1f2328', Article: '#8250df' };

export function drawResultGraph(
  host: HTMLElement,
  rg: ResultGraph,
  on: { node: (id: string) => void; rel: (id: string) => void },
): { kill: () => void; pointOf: (id: string) => { x: number; y: number } | null } {
  const g = new Graph({ multi: true, allowSelfLoops: true });
  rg.nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, rg.nodes.length);
    g.addNode(n.id, { label: n.caption, x: Math.cos(angle), y: Math.sin(angle), size: 7, color: LABEL_COLORS[n.label] ?? '#57606a' });
  });
  for (const r of rg.rels) if (!g.hasEdge(r.id)) g.addEdgeWithKey(r.id, r.from, r.to, { label: r.caption, size: 2, color: '#8c959f' });
  if (g.order > 1 && g.order <= 2000) forceAtlas2.assign(g, { iterations: 150, settings: forceAtlas2.inferSettings(g) });
  const sigma = new Sigma(g, host, {
    renderEdgeLabels: g.size <= 80,
    enableEdgeEvents: true,
    labelRenderedSizeThreshold: 4,
    defaultEdgeType: 'arrow',
    // the console tab may be hidden while this exists: never throw on a zero-size container
    allowInvalidContainer: true,
  });
  sigma.on('clickNode', ({ node }) => on.node(node));
  sigma.on('clickEdge', ({ edge }) => on.rel(edge));
  return {
    kill: () => sigma.kill(),
    // viewport position of a node, relative to the page (for tests that click it)
    pointOf: (id) => {
      const d = sigma.getNodeDisplayData(id);
      if (!d) return null;
      const p = sigma.framedGraphToViewport({ x: d.x, y: d.y });
      const r = host.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    },
  };
}
