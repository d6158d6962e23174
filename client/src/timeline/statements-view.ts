/**
 * The statements timeline: one row per statement on a shared time axis, grouped by person or by
 * office (statement-timeline.ts), stance chips per issue; a row opens its source span.
 */
import type { ViewStatement } from '../../../server/contract.ts';
import { h, s } from '../dom.ts';
import { STANCE_COLORS } from '../settings.ts';
import { reviewedBadge } from '../review/badge.ts';
import type { GroupBy } from '../state/app-state.ts';
import { axisOf, groupStatements, place, yearTicks } from '../state/statement-timeline.ts';

const TRACK_W = 220;

function track(st: ViewStatement | null, axis: { from: string; to: string }, ticks: string[]): SVGSVGElement {
  const svg = s('svg', { class: 'row-track', width: TRACK_W, height: 18, viewBox: `0 0 ${TRACK_W} 18`, 'aria-hidden': 'true' });
  svg.append(s('line', { x1: 0, x2: TRACK_W, y1: 9, y2: 9, class: 'track-line' }));
  for (const t of ticks) {
    const [x] = place({ dateFrom: t, dateTo: t }, axis);
    svg.append(s('line', { x1: x * TRACK_W, x2: x * TRACK_W, y1: 5, y2: 13, class: 'track-tick' }));
  }
  if (st) {
    const [a, b] = place(st, axis);
    const stance = st.issues.length === 0 ? null : new Set(st.issues.map((i) => i.stance)).size === 1 ? st.issues[0]!.stance : 'mixed';
    const color = stance ? STANCE_COLORS[stance] : '#0969da';
    if ((b - a) * TRACK_W > 3) svg.append(s('line', { x1: a * TRACK_W, x2: b * TRACK_W, y1: 9, y2: 9, stroke: color, 'stroke-width': 5, 'stroke-opacity': 0.45 }));
    svg.append(s('circle', { cx: ((a + b) / 2) * TRACK_W, cy: 9, r: 5, fill: color }));
  }
  return svg;
}

export function statementsTimeline(
  statements: readonly ViewStatement[],
  opts: { group: GroupBy; summary: string; total: number; issueLabel: (id: string) => string; onGroup: (g: GroupBy) => void; onOpen: (s: ViewStatement) => void },
): HTMLElement {
  const radio = (g: GroupBy, label: string) => {
    const input = h('input', { type: 'radio', name: 'timeline-group', value: g, id: `group-${g}`, 'data-testid': `group-${g}` });
    input.checked = opts.group === g;
    input.addEventListener('change', () => input.checked && opts.onGroup(g));
    return h('label', { for: `group-${g}`, class: 'radio' }, input, label);
  };
  const head = h(
    'div',
    { class: 'view-head' },
    h('h2', {}, 'Statements on a time axis'),
    h('fieldset', { class: 'view-switch' }, h('legend', { class: 'visually-hidden' }, 'Group rows'), radio('actor', 'by person (office holders for their offices)'), radio('office', 'by office')),
    h('p', { class: 'filter-summary', 'data-testid': 'timeline-summary', role: 'status' }, opts.summary),
  );
  const axis = axisOf(statements);
  if (!axis) return h('section', { class: 'statements-view', 'data-testid': 'statements-timeline' }, head, h('p', { class: 'empty' }, 'No statement passes the filters.'));
  const ticks = yearTicks(axis);
  const axisRow = h('div', { class: 'axis-row', 'aria-hidden': 'true' }, h('span', { class: 'axis-spacer' }), (() => {
    const svg = s('svg', { class: 'row-track', width: TRACK_W, height: 16, viewBox: `0 0 ${TRACK_W} 16` });
    let lastX = -Infinity;
    for (const t of ticks) {
      const [x] = place({ dateFrom: t, dateTo: t }, axis);
      const at = Math.min(TRACK_W - 24, x * TRACK_W);
      // labels need ~28 px each: skip the ones that would overlap
      if (at - lastX < 28) continue;
      lastX = at;
      const label = s('text', { x: at, y: 12, class: 'tick-label' });
      label.textContent = t.slice(0, 4);
      svg.append(label);
    }
    return svg;
  })());
  const body = h('div', { class: 'timeline-groups' });
  for (const g of groupStatements(statements, opts.group)) {
    const list = h('ol', { class: 'timeline-rows', 'aria-label': `Statements: ${g.label}` });
    for (const st of g.rows) {
      const via = st.speaksFor && st.speaksFor.via !== 'self' ? ` (via ${st.speaker.name})` : '';
      const who = opts.group === 'office' ? (st.speaksFor?.name ?? st.speaker.name) : st.speaker.name;
      const btn = h(
        'button',
        { type: 'button', class: 'timeline-row', 'data-statement': st.id, 'data-date': st.dateFrom, 'aria-label': `${st.date}, ${who}${via}: ${st.text.slice(0, 100)} — open source article` },
        track(st, axis, ticks),
        h('time', { datetime: st.dateFrom, class: 'statement-date', 'data-testid': 'timeline-date' }, st.date),
        h('span', { class: 'speaker', 'data-testid': 'timeline-speaker' }, who, via ? h('span', { class: 'muted' }, via) : null),
        h(
          'span',
          { class: 'row-body' },
          h('span', { class: 'chips' }, reviewedBadge(st), ...st.issues.map((i) => h('span', { class: 'stance-chip', 'data-stance': i.stance }, h('span', { class: 'chip-dot', style: `background:${STANCE_COLORS[i.stance]}`, 'aria-hidden': 'true' }), `${i.stance} · ${opts.issueLabel(i.id)} `))),
          h('span', { class: 'statement-text' }, st.kind === 'direct' ? `“${st.text}”` : st.text),
        ),
      );
      btn.addEventListener('click', () => opts.onOpen(st));
      list.append(h('li', {}, btn));
    }
    body.append(
      h(
        'section',
        { class: 'timeline-group', 'data-testid': 'timeline-group', 'data-group': g.key },
        h('h3', {}, g.label, h('span', { class: 'muted small' }, ` · ${g.rows.length} statement${g.rows.length === 1 ? '' : 's'}${g.detail.length ? ` · ${g.detail.join(', ')}` : ''}`)),
        list,
      ),
    );
  }
  return h('section', { class: 'statements-view', 'data-testid': 'statements-timeline' }, head, axisRow, body);
}
