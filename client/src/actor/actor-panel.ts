/**
 * The actor panel: identity, offices and affiliations with dates, positions over time, and the
 * actor's statements (oldest first, limited to the selected date range).
 */
import type { ActorDetailResponse, RelationView, StatementView } from '../../../server/contract.ts';
import { h } from '../dom.ts';
import { ACTOR_TYPE_STYLE } from '../settings.ts';
import type { MonthRange } from '../state/app-state.ts';
import { stanceChart } from '../state/stance-chart.ts';
import { filterByRange } from '../state/time-range.ts';
import { stanceChartSvg } from './stance-chart-view.ts';
import { statementList } from './statement-list.ts';

/** Relations repeated over time (an office held, as reported by several articles) are listed once with all their dates. */
export function groupRelations(rels: readonly RelationView[], caption: (r: RelationView) => string): { caption: string; dates: string[] }[] {
  const groups = new Map<string, { caption: string; dates: Set<string> }>();
  for (const r of [...rels].sort((a, b) => a.dateFrom.localeCompare(b.dateFrom))) {
    const c = caption(r);
    let g = groups.get(c);
    if (!g) groups.set(c, (g = { caption: c, dates: new Set() }));
    g.dates.add(r.date);
  }
  return [...groups.values()].map((g) => ({ caption: g.caption, dates: [...g.dates] }));
}

function relationItems(rels: readonly RelationView[], caption: (r: RelationView) => string): HTMLElement {
  if (!rels.length) return h('p', { class: 'empty' }, 'None recorded.');
  const ul = h('ul', { class: 'facts' });
  for (const g of groupRelations(rels, caption)) {
    const dates = g.dates.length > 4 ? `${g.dates[0]} … ${g.dates[g.dates.length - 1]}, ${g.dates.length} reports` : g.dates.join(', ');
    ul.append(h('li', {}, g.caption, ' ', h('span', { class: 'muted' }, `(${dates})`)));
  }
  return ul;
}

/** Oldest first: the panel reads as a story. */
export function chronological(statements: readonly StatementView[]): StatementView[] {
  return [...statements].sort((a, b) => a.dateFrom.localeCompare(b.dateFrom) || a.dateTo.localeCompare(b.dateTo) || a.start - b.start);
}

export function actorPanel(
  detail: ActorDetailResponse,
  range: MonthRange | null,
  handlers: {
    onOpenStatement: (st: StatementView) => void;
    onClose: () => void;
    onZoom: () => void;
    /** review mode: edit controls per statement, and the actor's merge/split/rename tools */
    decorate?: ((st: StatementView, li: HTMLLIElement) => void) | undefined;
    reviewTools?: HTMLElement | null;
  },
): HTMLElement {
  const { actor } = detail;
  const style = ACTOR_TYPE_STYLE[actor.type];
  const closeBtn = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close actor panel' }, '×');
  closeBtn.addEventListener('click', handlers.onClose);
  const zoomBtn = h('button', { type: 'button', class: 'link-button' }, 'Show in graph');
  zoomBtn.addEventListener('click', handlers.onZoom);

  const statements = chronological(filterByRange(detail.statements, range));
  const chart = stanceChart(detail.positions);
  const svg = stanceChartSvg(chart, 330);

  return h(
    'article',
    { class: 'actor-panel', 'aria-labelledby': 'actor-name', 'data-testid': 'actor-panel', 'data-actor': actor.id },
    h(
      'header',
      { class: 'panel-head' },
      h('h2', { id: 'actor-name', tabindex: -1 }, actor.name),
      closeBtn,
    ),
    h(
      'p',
      { class: 'actor-type' },
      h('span', { class: `type-dot shape-${style.shape}`, style: `background:${style.color}`, 'aria-hidden': 'true' }),
      ' ',
      h('strong', {}, style.label),
      actor.description ? ` · ${actor.description}` : '',
    ),
    h('p', {}, zoomBtn),
    handlers.reviewTools ?? null,
    actor.aliases.length ? h('p', { class: 'aliases muted' }, `Also: ${actor.aliases.filter((a) => a !== actor.name).slice(0, 8).join(', ')}`) : null,
    h('h3', {}, 'Offices'),
    relationItems(detail.offices, (r) => `${r.title ?? 'Office'}${r.other.id !== actor.id ? ` — ${r.other.name}` : ''}`),
    h('h3', {}, 'Affiliations'),
    relationItems(detail.affiliations, (r) => `${r.kind.replace(/_/g, ' ')} ${r.other.name}`),
    h('h3', {}, 'Positions over time'),
    svg
      ? h('figure', { class: 'chart' }, svg, h('figcaption', { class: 'legend-inline' }, ...chart.rows.filter((r) => r.changes).map((r) => h('span', {}, `${r.label}: stance changed ${r.changes}× `))))
      : h('p', { class: 'empty' }, 'No position recorded.'),
    h('h3', {}, `Statements (${statements.length}${range ? ` in range, of ${detail.statements.length}` : ''})`),
    statementList(statements, handlers.onOpenStatement, { showSpeaker: false, label: `Statements by ${actor.name}`, decorate: handlers.decorate }),
  );
}
