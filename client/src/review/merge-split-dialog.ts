/**
 * The actor dialog of review mode: merge this actor into another, split statements or whole
 * articles off to a new or other actor, or rename / retype it. A modal <dialog>: Escape closes,
 * Enter in a field submits, focus starts in the first field and returns to the opener on close.
 */
import type { ActorDetailResponse } from '../../../server/contract.ts';
import type { ActorType } from '../../../cypher/schema.ts';
import type { CorrectionAction } from '../../../ingest/review/corrections.ts';
import { h } from '../dom.ts';
import { ACTOR_TYPE_STYLE } from '../settings.ts';
import { ACTOR_TYPES } from '../state/vocab.ts';
import type { ActorIndex } from '../state/search-rank.ts';
import { ActorPicker } from './actor-picker.ts';
import { mergeAction, splitAction, updateAction } from './review-state.ts';

export type ActorDialogMode = 'merge' | 'split' | 'update';

export interface ActorDialogContext {
  actors(): ActorIndex;
  /** resolves when written and refreshed; rejects with the message to show */
  save(action: CorrectionAction): Promise<void>;
}

export class ActorDialog {
  readonly el: HTMLDialogElement;
  private opener: HTMLElement | null = null;

  constructor(private readonly ctx: ActorDialogContext) {
    this.el = h('dialog', { class: 'review-dialog', 'aria-labelledby': 'actor-dialog-title', 'data-testid': 'actor-dialog' });
    this.el.addEventListener('close', () => this.opener?.focus());
  }

  open(mode: ActorDialogMode, detail: ActorDetailResponse): void {
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const { actor } = detail;
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'actor-dialog-error' });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'actor-dialog-submit' }, mode === 'merge' ? 'Merge' : mode === 'split' ? 'Split off' : 'Save');
    const cancel = h('button', { type: 'button', class: 'small-button' }, 'Cancel');
    cancel.addEventListener('click', () => this.el.close());
    let body: HTMLElement[];
    let build: () => CorrectionAction | string;
    let first: HTMLElement;

    if (mode === 'merge') {
      const into = new ActorPicker(this.ctx.actors(), { id: 'merge-into', label: `Merge “${actor.name}” into`, exclude: actor.id, testid: 'merge-into' });
      body = [h('p', { class: 'muted small' }, `Every mention, statement and relation of ${actor.name} becomes the chosen actor’s; ${actor.name} is gone (undo brings it back).`), into.el];
      build = () => {
        const id = into.pickedId();
        if (!id) return 'Pick the actor to merge into from the list.';
        return mergeAction(actor.id, id) ?? 'An actor cannot be merged into itself.';
      };
      first = into.input;
    } else if (mode === 'split') {
      const boxes = detail.statements.map((st) => ({
        st,
        box: h('input', { type: 'checkbox', id: `split-st-${st.id.replace(/[^\w-]/g, '_')}`, 'data-testid': 'split-statement' }),
      }));
      const articles = [...new Map(detail.statements.map((s) => [s.article.id, s.article])).values()];
      const artBoxes = articles.map((a) => ({ a, box: h('input', { type: 'checkbox', id: `split-art-${a.id}`, 'data-testid': 'split-article' }) }));
      const into = new ActorPicker(this.ctx.actors(), { id: 'split-into', label: 'Move them to (pick, or type a new name)', exclude: actor.id, allowNew: true, testid: 'split-into' });
      body = [
        h(
          'fieldset',
          { class: 'split-list' },
          h('legend', {}, 'Statements'),
          ...boxes.map(({ st, box }) => h('label', { for: box.id, class: 'check' }, box, `${st.date}: ${st.text.length > 90 ? `${st.text.slice(0, 89)}…` : st.text}`)),
        ),
        h('fieldset', { class: 'split-list' }, h('legend', {}, 'Whole articles (all of the actor’s part in them)'), ...artBoxes.map(({ a, box }) => h('label', { for: box.id, class: 'check' }, box, `${a.title} — ${a.published}`))),
        into.el,
      ];
      build = () => {
        const picked = boxes.filter((b) => b.box.checked).map((b) => b.st);
        const arts = artBoxes.filter((b) => b.box.checked).map((b) => b.a.id);
        if (!picked.length && !arts.length) return 'Tick the statements or articles to split off.';
        const ref = into.value();
        if (!ref) return 'Pick or name the actor they move to.';
        return splitAction(actor.id, ref, picked, arts) ?? 'They cannot move to the same actor.';
      };
      first = boxes[0]?.box ?? artBoxes[0]?.box ?? into.input;
    } else {
      const name = h('input', { id: 'actor-rename', type: 'text', value: actor.name, 'data-testid': 'actor-rename' });
      const type = h('select', { id: 'actor-retype', 'data-testid': 'actor-retype' }, ...ACTOR_TYPES.map((t) => h('option', { value: t, selected: t === actor.type }, ACTOR_TYPE_STYLE[t].label)));
      body = [h('div', { class: 'editor-row' }, h('label', { for: name.id }, 'Name'), name), h('div', { class: 'editor-row' }, h('label', { for: type.id }, 'Type'), type)];
      build = () => updateAction(actor, name.value, type.value as ActorType) ?? 'Nothing changed.';
      first = name;
    }

    const title = mode === 'merge' ? `Merge ${actor.name}` : mode === 'split' ? `Split ${actor.name}` : `Rename or retype ${actor.name}`;
    const form = h('form', { method: 'dialog', class: 'review-form' }, h('h2', { id: 'actor-dialog-title' }, title), ...body, error, h('div', { class: 'editor-actions' }, submit, cancel));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const action = build();
      if (typeof action === 'string') {
        error.hidden = false;
        error.textContent = action;
        return;
      }
      error.hidden = true;
      submit.disabled = true;
      this.ctx.save(action).then(
        () => {
          this.opener = null; // the panel it was opened from is redrawn: focus goes to the new one
          this.el.close();
        },
        (err: unknown) => {
          submit.disabled = false;
          error.hidden = false;
          error.textContent = err instanceof Error ? err.message : String(err);
        },
      );
    });
    this.el.replaceChildren(form);
    if (!this.el.open) this.el.showModal();
    requestAnimationFrame(() => first.focus());
  }
}
