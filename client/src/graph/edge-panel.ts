/**
 * What links two actors: every relation between them in the loaded graph (both directions,
 * parallel dated edges listed one by one), each with its kind, date and evidence, and a button
 * that opens the evidence in its article.
 */
import { h } from '../dom.ts';
import { edgeStyle } from '../settings.ts';
import type { EdgeAttrs, ExplorerGraph } from './build-graph.ts';

export interface PairRelation {
  edge: string;
  source: string;
  target: string;
  attrs: EdgeAttrs;
  hidden: boolean;
}

/** Every edge between `a` and `b` (either direction), oldest first. */
export function relationsBetween(g: ExplorerGraph, a: string, b: string, hidden: ReadonlySet<string>): PairRelation[] {
  if (!g.hasNode(a) || !g.hasNode(b)) return [];
  const out: PairRelation[] = [];
  // each edge once, with its real direction (edges(a, b) of a mixed graph may list both ways)
  const seen = new Set<string>();
  for (const e of [...g.edges(a, b), ...g.edges(b, a)]) {
    if (seen.has(e)) continue;
    seen.add(e);
    const [s, t] = g.extremities(e);
    out.push({ edge: e, source: s, target: t, attrs: g.getEdgeAttributes(e), hidden: hidden.has(e) });
  }
  return out.sort((x, y) => (x.attrs.dateFrom ?? '').localeCompare(y.attrs.dateFrom ?? '') || x.attrs.kind.localeCompare(y.attrs.kind) || x.edge.localeCompare(y.edge));
}

/** Tooltip text for a hovered edge: kind, date, evidence. */
export function edgeTooltip(g: ExplorerGraph, edge: string): { title: string; date: string; evidence: string | null } {
  const a = g.getEdgeAttributes(edge);
  const [s, t] = g.extremities(edge);
  const title = `${g.getNodeAttribute(s, 'label')} ${edgeStyle(a.kind).label.replace(/ \(.*\)$/, '')} ${g.getNodeAttribute(t, 'label')}${a.title ? ` (${a.title})` : ''}`;
  const date = a.count && a.count > 1 ? `${a.count}× ${a.dateFrom} – ${a.dateTo}` : (a.date ?? a.dateFrom ?? 'undated');
  return { title, date, evidence: a.evidence ?? null };
}

export function edgePanel(
  g: ExplorerGraph,
  pair: [string, string],
  rels: readonly PairRelation[],
  handlers: { onOpen: (r: PairRelation) => void; onClose: () => void; onActor: (id: string) => void },
): HTMLElement {
  const name = (n: string) => (g.hasNode(n) ? g.getNodeAttribute(n, 'label') : n);
  const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close relations panel' }, '×');
  close.addEventListener('click', handlers.onClose);
  const actorLink = (n: string) => {
    const b = h('button', { type: 'button', class: 'link-button' }, name(n));
    b.addEventListener('click', () => handlers.onActor(g.hasNode(n) ? g.getNodeAttribute(n, 'entityId') : n));
    return b;
  };
  const list = h('ol', { class: 'statement-list', 'data-testid': 'pair-relations' });
  for (const r of rels) {
    const st = edgeStyle(r.attrs.kind);
    const open = h('button', { type: 'button', class: 'link-button', 'data-testid': 'open-evidence', disabled: !r.attrs.articleId }, 'Open in article');
    open.addEventListener('click', () => handlers.onOpen(r));
    list.append(
      h(
        'li',
        { class: `relation${r.hidden ? ' is-hidden' : ''}`, 'data-edge': r.edge, 'data-kind': r.attrs.kind },
        h(
          'p',
          { class: 'statement-head' },
          h('span', { class: 'edge-swatch', style: `background:${st.color};height:${Math.max(2, Math.round(st.width * 1.5))}px`, 'aria-hidden': 'true' }),
          h('strong', { 'data-testid': 'relation-kind' }, `${name(r.source)} ${st.label.replace(/ \(.*\)$/, '')} ${name(r.target)}`),
          h('time', { class: 'statement-date', datetime: r.attrs.dateFrom ?? '', 'data-testid': 'relation-date' }, r.attrs.count && r.attrs.count > 1 ? `${r.attrs.count}× ${r.attrs.dateFrom} – ${r.attrs.dateTo}` : (r.attrs.date ?? r.attrs.dateFrom ?? 'undated')),
          r.hidden ? h('span', { class: 'muted' }, '(hidden by the filters)') : null,
        ),
        r.attrs.evidence ? h('blockquote', { class: 'evidence', 'data-testid': 'relation-evidence' }, r.attrs.evidence) : h('p', { class: 'empty' }, 'No evidence sentence recorded.'),
        open,
      ),
    );
  }
  return h(
    'article',
    { class: 'pair-panel', 'data-testid': 'pair-panel', 'aria-labelledby': 'pair-title' },
    h('header', { class: 'panel-head' }, h('h2', { id: 'pair-title', tabindex: -1 }, 'What links ', actorLink(pair[0]), ' and ', actorLink(pair[1])), close),
    h('p', { class: 'muted small' }, `${rels.length} relation${rels.length === 1 ? '' : 's'}, oldest first. Each opens its evidence in the article.`),
    rels.length ? list : h('p', { class: 'empty' }, 'No relation between these two in the loaded graph.'),
  );
}
