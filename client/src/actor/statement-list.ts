/**
 * A list of statements (date, kind, text, article title and source); activating one opens its
 * source article. Arrow keys move between items (roving focus), Enter/Space opens.
 */
import type { StatementView } from '../../../server/contract.ts';
import { h } from '../dom.ts';
import { STANCE_COLORS } from '../settings.ts';
import { reviewedBadge } from '../review/badge.ts';
import { isReviewed } from '../review/review-state.ts';

export function statementList(
  statements: readonly StatementView[],
  onOpen: (st: StatementView) => void,
  opts: { showSpeaker: boolean; label: string; decorate?: ((st: StatementView, li: HTMLLIElement) => void) | undefined },
): HTMLElement {
  if (!statements.length) return h('p', { class: 'empty' }, 'No statement in this date range.');
  const list = h('ol', { class: 'statement-list', 'aria-label': opts.label, 'data-testid': 'statement-list' });
  for (const st of statements) {
    const btn = h(
      'button',
      { type: 'button', class: 'statement', 'data-statement': st.id, 'data-date': st.dateFrom, 'aria-label': `${st.date}, ${st.speaker.name}: ${st.text.slice(0, 120)}${isReviewed(st) ? ' (reviewed)' : ''} — open source article` },
      h(
        'span',
        { class: 'statement-head' },
        h('time', { datetime: st.dateFrom, class: 'statement-date', 'data-testid': 'statement-date' }, st.date),
        h('span', { class: `kind kind-${st.kind}` }, st.kind === 'direct' ? 'quote' : 'reported'),
        opts.showSpeaker ? h('span', { class: 'speaker' }, st.speaker.name) : null,
        reviewedBadge(st),
        ...st.issues.map((i) =>
          h('span', { class: 'stance-chip', title: `${i.stance} on ${i.id}` }, h('span', { class: 'chip-dot', style: `background:${STANCE_COLORS[i.stance]}`, 'aria-hidden': 'true' }), `${i.stance} · ${i.id}`),
        ),
      ),
      h('span', { class: 'statement-text' }, st.kind === 'direct' ? `“${st.text}”` : st.text),
      h('span', { class: 'statement-source' }, `${st.article.title} — ${st.article.source}, ${st.article.published}`),
    );
    btn.addEventListener('click', () => onOpen(st));
    const li = h('li', { 'data-statement': st.id }, btn);
    // review mode adds its edit controls here
    opts.decorate?.(st, li);
    list.append(li);
  }
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const items = [...list.querySelectorAll<HTMLButtonElement>('button.statement')];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : Math.min(items.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)));
    items[next]?.focus();
  });
  return list;
}
