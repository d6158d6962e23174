/** One actor search hit as a listbox option: shared by the search box and the review actor picker. */
import { h } from '../dom.ts';
import { ACTOR_TYPE_STYLE } from '../settings.ts';
import type { SearchHit } from '../state/search-rank.ts';

export function hitItem(hit: SearchHit, id: string, active: boolean, onPick: () => void): HTMLElement {
  const style = ACTOR_TYPE_STYLE[hit.actor.type];
  const li = h(
    'li',
    { id, role: 'option', 'aria-selected': String(active), class: active ? 'active' : '', 'data-actor': hit.actor.id },
    h('span', { class: `type-dot shape-${style.shape}`, 'aria-hidden': 'true', style: `background:${style.color}` }),
    h('span', { class: 'hit-name' }, hit.actor.name),
    hit.matched !== hit.actor.name ? h('span', { class: 'hit-alias' }, ` “${hit.matched}”`) : null,
    h('span', { class: 'hit-meta' }, ` · ${style.label} · ${hit.actor.statements} statements`),
  );
  li.addEventListener('mousedown', (e) => {
    e.preventDefault(); // keep focus in the input until the pick is done
    onPick();
  });
  return li;
}
