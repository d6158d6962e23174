/**
 * "Needs review": the statements the extractor is least sure of, in the server's order, with a
 * count per reason. A reason chip filters the list (pressed again: all); each item is a normal
 * statement list entry, so it opens its article and takes the `e` editor like any other.
 */
import type { StatementView } from '../../../server/contract.ts';
import { h } from '../dom.ts';
import { statementList } from '../actor/statement-list.ts';
import { filterQueue, queueChips, reasonLabel } from './review-state.ts';
import type { ReviewQueue } from './review-api.ts';

export function queuePanel(
  queue: ReviewQueue,
  reason: string | null,
  handlers: { onReason: (r: string | null) => void; onOpen: (st: StatementView) => void; decorate: (st: StatementView, li: HTMLLIElement) => void },
): HTMLElement {
  const total = queue.counts.total ?? queue.items.length;
  const chips = queueChips(queue.counts).map((c) => {
    const b = h('button', { type: 'button', class: 'small-button chip-button', 'aria-pressed': String(reason === c.reason), 'data-reason': c.reason, 'data-testid': 'queue-reason' }, `${c.label} (${c.count})`);
    b.addEventListener('click', () => handlers.onReason(c.reason));
    return b;
  });
  const items = filterQueue(queue.items, reason);
  const reasonsOf = new Map(queue.items.map((i) => [i.statement.id, i.reasons]));
  return h(
    'section',
    { class: 'queue-panel', 'aria-labelledby': 'queue-title', 'data-testid': 'review-queue' },
    h('h2', { id: 'queue-title' }, `Needs review (${total})`),
    chips.length ? h('div', { class: 'queue-chips', role: 'group', 'aria-label': 'Filter the queue by reason' }, ...chips) : h('p', { class: 'empty' }, 'Nothing waits for review.'),
    items.length
      ? statementList(items.map((i) => i.statement), handlers.onOpen, {
          showSpeaker: true,
          label: reason ? `Needs review: ${reasonLabel(reason)}` : 'Needs review',
          decorate: (st, li) => {
            const reasons = reasonsOf.get(st.id) ?? [];
            li.querySelector('.statement-head')?.append(h('span', { class: 'queue-reasons' }, reasons.map(reasonLabel).join(', ')));
            handlers.decorate(st, li);
          },
        })
      : null,
  );
}
