/**
 * An actor combobox for review forms (speaker, merge target, split target): the explorer's
 * typo-tolerant ActorIndex, arrow keys through the hits, Enter picks (without submitting the form
 * while the list is open), Escape closes the list (without cancelling the form). When `allowNew`,
 * a typed name that is no picked actor becomes a new actor of the chosen type.
 */
import type { ActorSummary } from '../../../server/contract.ts';
import type { ActorType } from '../../../cypher/schema.ts';
import type { ActorRef } from '../../../ingest/review/corrections.ts';
import { h, clear } from '../dom.ts';
import { ACTOR_TYPE_STYLE, settings } from '../settings.ts';
import { ACTOR_TYPES } from '../state/vocab.ts';
import type { ActorIndex, SearchHit } from '../state/search-rank.ts';
import { hitItem } from '../search/hit-item.ts';

export class ActorPicker {
  readonly el: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly typeSel: HTMLSelectElement | null;
  private readonly typeRow: HTMLElement | null;
  private picked: { id: string; name: string } | null;
  private hits: SearchHit[] = [];
  private active = -1;

  constructor(
    private readonly index: ActorIndex,
    opts: { id: string; label: string; initial?: { id: string; name: string } | null; allowNew?: boolean; exclude?: string; testid?: string },
  ) {
    this.picked = opts.initial ?? null;
    const listId = `${opts.id}-list`;
    this.input = h('input', {
      id: opts.id,
      type: 'text',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
      autocomplete: 'off',
      spellcheck: 'false',
      value: opts.initial?.name ?? '',
      'data-testid': opts.testid ?? null,
    });
    this.list = h('ul', { id: listId, role: 'listbox', class: 'search-results picker-results', hidden: true, 'aria-label': `${opts.label}: matching actors` });
    if (opts.allowNew) {
      this.typeSel = h('select', { id: `${opts.id}-type`, 'data-testid': opts.testid ? `${opts.testid}-type` : null }, ...ACTOR_TYPES.map((t) => h('option', { value: t }, ACTOR_TYPE_STYLE[t].label)));
      this.typeRow = h('label', { for: `${opts.id}-type`, class: 'inline new-actor', hidden: true }, 'New actor, type ', this.typeSel);
    } else {
      this.typeSel = null;
      this.typeRow = null;
    }
    this.el = h('div', { class: 'picker' }, h('label', { for: opts.id }, opts.label), h('div', { class: 'search' }, this.input, this.list), this.typeRow);
    this.input.addEventListener('input', () => {
      this.picked = null;
      this.hits = this.index.search(this.input.value, settings.search.maxResults).filter((hit) => hit.actor.id !== opts.exclude);
      this.active = this.hits.length ? 0 : -1;
      this.render();
    });
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  /** What the form sends: a picked actor, a new one (when allowed and named), or null. */
  value(): ActorRef | null {
    if (this.picked) return { id: this.picked.id };
    const name = this.input.value.trim();
    if (this.typeSel && name) return { name, type: this.typeSel.value as ActorType };
    return null;
  }

  /** The picked actor's id, if one is picked. */
  pickedId(): string | null {
    return this.picked?.id ?? null;
  }

  private open(): boolean {
    return !this.list.hidden;
  }

  private render(): void {
    clear(this.list);
    const typed = this.input.value.trim();
    const show = typed.length >= 2;
    this.list.hidden = !show;
    this.input.setAttribute('aria-expanded', String(show));
    if (this.typeRow) this.typeRow.hidden = this.picked !== null || !typed;
    if (!show) return;
    if (!this.hits.length) {
      this.list.append(h('li', { class: 'search-empty', role: 'option', 'aria-disabled': 'true' }, this.typeSel ? 'No actor matches: a new one will be made' : 'No actor matches'));
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    this.hits.forEach((hit, i) => this.list.append(hitItem(hit, `${this.list.id}-${i}`, i === this.active, () => this.pick(hit.actor))));
    this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
  }

  private key(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.hits.length) return;
      e.preventDefault();
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.hits.length) % this.hits.length;
      this.render();
    } else if (e.key === 'Enter' && this.open() && this.active >= 0) {
      e.preventDefault();
      e.stopPropagation();
      const hit = this.hits[this.active];
      if (hit) this.pick(hit.actor);
    } else if (e.key === 'Escape' && this.open()) {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    }
  }

  private pick(actor: ActorSummary): void {
    this.picked = { id: actor.id, name: actor.name };
    this.input.value = actor.name;
    this.close();
    if (this.typeRow) this.typeRow.hidden = true;
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }
}
