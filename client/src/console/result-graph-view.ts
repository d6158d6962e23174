/** Draws the nodes/relationships of a console result as a small sigma graph (laid out synchronously: it is small). */
import Graph from 'graphology';
import Sigma from 'sigma';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { ResultGraph } from '../state/console-result.ts';

const LABEL_COLORS: Record<string, string> = { Actor: '#0969da', Statement: '#9a6700', Issue: '#1f2328', Article: '#8250df' };

export function drawResultGraph(host: HTMLElement, rg: ResultGraph): () => void {
  const g = new Graph({ multi: true, allowSelfLoops: true });
  rg.nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, rg.nodes.length);
    g.addNode(n.id, { label: n.caption, x: Math.cos(angle), y: Math.sin(angle), size: 6, color: LABEL_COLORS[n.label] ?? '#57606a' });
  });
  for (const r of rg.rels) g.addEdge(r.from, r.to, { label: r.caption, size: 1.5, color: '#8c959f' });
  if (g.order > 1 && g.order <= 2000) forceAtlas2.assign(g, { iterations: 150, settings: forceAtlas2.inferSettings(g) });
  const sigma = new Sigma(g, host, { renderEdgeLabels: g.size <= 60, labelRenderedSizeThreshold: 4, defaultEdgeType: 'arrow' });
  return () => sigma.kill();
}
