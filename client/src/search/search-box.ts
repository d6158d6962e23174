/**
 * Actor search: an ARIA combobox over the typo-tolerant ActorIndex. Arrow keys move through the
 * results, Enter jumps to the active one, Escape closes.
 */
import type { ActorSummary } from '../../../server/contract.ts';
import { h, clear } from '../dom.ts';
import { settings } from '../settings.ts';
import { ActorIndex, type SearchHit } from '../state/search-rank.ts';
import { hitItem } from './hit-item.ts';

export class SearchBox {
  readonly el: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private index = new ActorIndex([], settings.search.threshold);
  private hits: SearchHit[] = [];
  /** the text `hits` were computed for: Enter never picks from a stale list */
  private hitsFor = '';
  private active = -1;

  constructor(private readonly onPick: (actor: ActorSummary) => void) {
    this.input = h('input', {
      type: 'search',
      id: 'actor-search',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': 'actor-search-results',
      placeholder: 'Find an actor (name or alias)…',
      autocomplete: 'off',
      spellcheck: 'false',
      'data-testid': 'search',
    });
    this.list = h('ul', { id: 'actor-search-results', role: 'listbox', class: 'search-results', hidden: true, 'aria-label': 'Matching actors' });
    this.el = h('div', { class: 'search', role: 'search' }, h('label', { for: 'actor-search', class: 'visually-hidden' }, 'Find an actor'), this.input, this.list);
    this.input.addEventListener('input', () => this.update());
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  setActors(actors: readonly ActorSummary[]): void {
    this.index = new ActorIndex(actors, settings.search.threshold);
    if (this.input.value) this.update();
  }

  private update(): void {
    this.hits = this.index.search(this.input.value, settings.search.maxResults);
    this.hitsFor = this.input.value;
    this.active = this.hits.length ? 0 : -1;
    this.render();
  }

  private render(): void {
    clear(this.list);
    const open = this.input.value.trim().length >= 2;
    this.list.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    if (!open) return;
    if (!this.hits.length) {
      this.list.append(h('li', { class: 'search-empty', role: 'option', 'aria-disabled': 'true' }, 'No actor matches'));
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    this.hits.forEach((hit, i) => this.list.append(hitItem(hit, `search-hit-${i}`, i === this.active, () => this.pick(i))));
    this.input.setAttribute('aria-activedescendant', `search-hit-${this.active}`);
  }

  private key(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.hits.length) return;
      e.preventDefault();
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.hits.length) % this.hits.length;
      this.render();
    } else if (e.key === 'Enter') {
      if (this.hitsFor !== this.input.value) this.update();
      if (this.active >= 0) {
        e.preventDefault();
        this.pick(this.active);
      }
    } else if (e.key === 'Escape') {
      this.close();
    }
  }

  private pick(i: number): void {
    const hit = this.hits[i];
    if (!hit) return;
    this.input.value = hit.actor.name;
    this.close();
    this.onPick(hit.actor);
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }
}
