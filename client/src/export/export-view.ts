/**
 * Taking the view away: the graph as drawn (visible nodes and edges, their colours and sizes,
 * the labels on screen) as SVG with its legend, the same rasterised to PNG, the visible subgraph
 * as GEXF or GraphML (graphology's own writers, loaded on demand), and files for download.
 */
import type Sigma from 'sigma';
import Graph from 'graphology';
import type { LegendEntry } from '../state/legend.ts';
import type { EdgeAttrs, ExplorerGraph, NodeAttrs } from '../graph/build-graph.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const LEGEND_W = 300;

function legendSvg(entries: readonly LegendEntry[], x: number, title: string): { svg: string; height: number } {
  const parts: string[] = [`<text x="${x}" y="22" font-size="15" font-weight="600">${esc(title)}</text>`];
  let y = 46;
  for (const e of entries) {
    if (e.mark === 'node') {
      parts.push(e.shape === 'square' ? `<rect x="${x}" y="${y - 9}" width="11" height="11" fill="${e.color}"/>` : `<circle cx="${x + 5.5}" cy="${y - 3.5}" r="5.5" fill="${e.color}"/>`);
    } else if (e.mark === 'edge') {
      parts.push(`<line x1="${x}" x2="${x + 22}" y1="${y - 4}" y2="${y - 4}" stroke="${e.color}" stroke-width="${Math.max(1, e.width)}"/>`);
      if (e.arrow) parts.push(`<path d="M${x + 22},${y - 4} l-6,-4 v8 z" fill="${e.color}"/>`);
    }
    const tx = e.mark === 'note' ? x : x + 28;
    parts.push(`<text x="${tx}" y="${y}" font-size="${e.mark === 'note' ? 11 : 12}" fill="${e.mark === 'note' ? '#57606a' : '#1f2328'}">${esc(e.label)}</text>`);
    y += e.mark === 'note' ? 18 : 20;
  }
  return { svg: parts.join(''), height: y };
}

/** The current view as an SVG document (what is on screen, in screen coordinates, plus the legend). */
export function viewSvg(sigma: Sigma<NodeAttrs, EdgeAttrs>, g: ExplorerGraph, entries: readonly LegendEntry[], title: string): string {
  const { width, height } = sigma.getDimensions();
  const pos = new Map<string, { x: number; y: number; r: number; color: string; square: boolean; label: string | null }>();
  const labelled = sigma.getNodeDisplayedLabels();
  g.forEachNode((n) => {
    const d = sigma.getNodeDisplayData(n);
    if (!d || d.hidden) return;
    const p = sigma.framedGraphToViewport({ x: d.x, y: d.y });
    pos.set(n, { x: p.x, y: p.y, r: sigma.scaleSize(d.size), color: d.color, square: g.getNodeAttribute(n, 'type') === 'square', label: labelled.has(n) || d.forceLabel ? (d.label ?? null) : null });
  });
  const edges: string[] = [];
  g.forEachEdge((e, _a, s, t) => {
    const d = sigma.getEdgeDisplayData(e);
    const ps = pos.get(s);
    const pt = pos.get(t);
    if (!d || d.hidden || !ps || !pt) return;
    edges.push(`<line x1="${ps.x.toFixed(1)}" y1="${ps.y.toFixed(1)}" x2="${pt.x.toFixed(1)}" y2="${pt.y.toFixed(1)}" stroke="${d.color}" stroke-width="${Math.max(0.5, sigma.scaleSize(d.size)).toFixed(2)}" stroke-opacity="0.8"/>`);
  });
  const nodes: string[] = [];
  const labels: string[] = [];
  for (const p of pos.values()) {
    if (p.x < -50 || p.y < -50 || p.x > width + 50 || p.y > height + 50) continue;
    nodes.push(p.square ? `<rect x="${(p.x - p.r).toFixed(1)}" y="${(p.y - p.r).toFixed(1)}" width="${(2 * p.r).toFixed(1)}" height="${(2 * p.r).toFixed(1)}" fill="${p.color}"/>` : `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${p.r.toFixed(1)}" fill="${p.color}"/>`);
    if (p.label) labels.push(`<text x="${(p.x + p.r + 3).toFixed(1)}" y="${(p.y + 4).toFixed(1)}" font-size="13" font-weight="600" fill="#1f2328" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(p.label)}</text>`);
  }
  const legend = legendSvg(entries, width + 16, title);
  const totalH = Math.max(height, legend.height + 10);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width + LEGEND_W}" height="${totalH}" viewBox="0 0 ${width + LEGEND_W} ${totalH}" font-family="system-ui, 'DejaVu Sans', sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<g class="edges">${edges.join('')}</g>`,
    `<g class="nodes">${nodes.join('')}</g>`,
    `<g class="labels">${labels.join('')}</g>`,
    `<line x1="${width + 4}" x2="${width + 4}" y1="0" y2="${totalH}" stroke="#d0d7de"/>`,
    `<g class="legend">${legend.svg}</g>`,
    `</svg>`,
  ].join('\n');
}

/** Rasterises an SVG document to a PNG blob (2× for sharp text). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.width * scale);
    canvas.height = Math.round(img.height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The visible subgraph with plain, file-friendly attributes (no display programs, lists joined),
 * for GEXF/GraphML: Gephi opens it with positions, colours, sizes and every data attribute.
 */
export function visibleSubgraph(g: ExplorerGraph, hiddenNodes: ReadonlySet<string>, hiddenEdges: ReadonlySet<string>, sizeOf: (a: NodeAttrs) => number): Graph {
  const out = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  const plain = (v: unknown) => (Array.isArray(v) ? v.join(' ') : v);
  g.forEachNode((n, a) => {
    if (hiddenNodes.has(n)) return;
    const attrs: Record<string, unknown> = { label: a.label, kind: a.kind, x: a.x, y: a.y, size: sizeOf(a), color: a.color, id: a.entityId, statements: a.statements, degree: a.degree };
    if (a.actorType) attrs.actorType = a.actorType;
    if (a.dateFrom) attrs.dateFrom = a.dateFrom;
    if (a.dateTo) attrs.dateTo = a.dateTo;
    if (a.issues?.length) attrs.issues = plain(a.issues);
    if (a.stances?.length) attrs.stances = plain(a.stances);
    out.addNode(n, attrs);
  });
  g.forEachEdge((e, a, s, t) => {
    if (hiddenEdges.has(e) || !out.hasNode(s) || !out.hasNode(t)) return;
    const attrs: Record<string, unknown> = { kind: a.kind, label: a.label ?? a.kind, color: a.color, size: a.size };
    for (const k of ['date', 'dateFrom', 'dateTo', 'stance', 'issue', 'evidence', 'articleId', 'title', 'count'] as const) if (a[k] !== undefined && a[k] !== null) attrs[k] = a[k];
    out.addEdgeWithKey(e, s, t, attrs);
  });
  return out;
}

export function download(name: string, data: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
