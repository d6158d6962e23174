/**
 * The stance-change view: per actor (or office) and issue, each change of stance with the
 * statement before and the one after side by side; reversals (support <-> oppose) are flagged.
 */
import type { StanceChange, ViewStatement } from '../../../server/contract.ts';
import { h } from '../dom.ts';
import { STANCE_COLORS } from '../settings.ts';
import { reviewedBadge } from '../review/badge.ts';
import type { GroupBy } from '../state/app-state.ts';

function side(label: string, st: ViewStatement, stance: string, onOpen: (s: ViewStatement) => void): HTMLElement {
  const btn = h(
    'button',
    { type: 'button', class: 'statement', 'data-statement': st.id, 'aria-label': `${label}: ${st.date}, ${st.speaker.name}: ${st.text.slice(0, 100)} — open source article` },
    h(
      'span',
      { class: 'statement-head' },
      h('strong', {}, label),
      h('time', { datetime: st.dateFrom, class: 'statement-date', 'data-testid': 'change-date' }, st.date),
      h('span', { class: 'stance-chip' }, h('span', { class: 'chip-dot', style: `background:${STANCE_COLORS[stance as keyof typeof STANCE_COLORS] ?? '#6e7781'}`, 'aria-hidden': 'true' }), stance),
      h('span', { class: 'speaker' }, st.speaker.name),
      reviewedBadge(st),
    ),
    h('span', { class: 'statement-text' }, st.kind === 'direct' ? `“${st.text}”` : st.text),
    h('span', { class: 'statement-source' }, `${st.article.title} — ${st.article.source}, ${st.article.published}`),
  );
  btn.addEventListener('click', () => onOpen(st));
  return btn;
}

export function stanceChangesView(
  changes: readonly StanceChange[],
  opts: { by: GroupBy; summary: string; onBy: (b: GroupBy) => void; onOpen: (s: ViewStatement) => void },
): HTMLElement {
  const radio = (b: GroupBy, label: string) => {
    const input = h('input', { type: 'radio', name: 'changes-by', value: b, id: `changes-${b}`, 'data-testid': `changes-${b}` });
    input.checked = opts.by === b;
    input.addEventListener('change', () => input.checked && opts.onBy(b));
    return h('label', { for: `changes-${b}`, class: 'radio' }, input, label);
  };
  const flips = changes.filter((c) => c.flip).length;
  const head = h(
    'div',
    { class: 'view-head' },
    h('h2', {}, 'Whose stance changed'),
    h('fieldset', { class: 'view-switch' }, h('legend', { class: 'visually-hidden' }, 'Compare'), radio('actor', 'per person'), radio('office', 'per office (successive holders)')),
    h('p', { class: 'filter-summary', role: 'status', 'data-testid': 'changes-summary' }, `${changes.length} change${changes.length === 1 ? '' : 's'}, ${flips} reversal${flips === 1 ? '' : 's'}${opts.summary ? ` · ${opts.summary}` : ''}`),
  );
  if (!changes.length) {
    return h(
      'section',
      { class: 'changes-view', 'data-testid': 'stance-changes' },
      head,
      h('p', { class: 'empty' }, opts.by === 'actor' ? 'No person’s stance changed under these filters. Try “per office”: successive office holders may differ.' : 'No office’s stance changed under these filters.'),
    );
  }
  const list = h('ol', { class: 'changes-list' });
  for (const c of changes) {
    list.append(
      h(
        'li',
        { class: `change${c.flip ? ' flip' : ''}`, 'data-testid': 'stance-change', 'data-actor': c.actor.id, 'data-issue': c.issue.id },
        h(
          'p',
          { class: 'change-head' },
          h('strong', { 'data-testid': 'change-actor' }, c.actor.name),
          ` on ${c.issue.label}: `,
          h('span', { class: 'change-stances' }, `${c.from} → ${c.to}`),
          c.flip ? h('span', { class: 'flip-badge', 'data-testid': 'flip' }, 'reversal') : null,
          h('span', { class: 'muted' }, ` (${c.before.date} → ${c.after.date})`),
        ),
        h('div', { class: 'change-pair' }, side('Before', c.before, c.from, opts.onOpen), side('After', c.after, c.to, opts.onOpen)),
      ),
    );
  }
  return h('section', { class: 'changes-view', 'data-testid': 'stance-changes' }, head, list);
}
