/**
 * The statement editor of review mode, opened under a statement in any statement list (button or
 * the `e` key). Speaker, date, kind and stances in one form: Enter saves (one correction per
 * changed field, review-state.editActions), Escape cancels; Delete asks once more before it acts.
 */
import type { CorrectionAction } from '../../../ingest/review/corrections.ts';
import type { StatementKind, Stance } from '../../../cypher/schema.ts';
import { h } from '../dom.ts';
import { STANCES } from '../state/vocab.ts';
import type { ActorIndex } from '../state/search-rank.ts';
import { ActorPicker } from './actor-picker.ts';
import { deleteAction, editActions, isReviewed, STATEMENT_KINDS, type ReviewableStatement } from './review-state.ts';

export interface EditorContext {
  actors: ActorIndex;
  issues: readonly { id: string; label: string }[];
  /** resolves when the write (and the refresh) is done; rejects with a message to show */
  save(actions: CorrectionAction[]): Promise<void>;
  cancel(): void;
}

const KIND_LABEL: Record<StatementKind, string> = { direct: 'quote (direct)', indirect: 'reported (indirect)' };
const NOT_ABOUT = '';

export function statementEditor(st: ReviewableStatement, ctx: EditorContext): HTMLFormElement {
  const uid = `edit-${st.id.replace(/[^\w-]/g, '_')}`;
  const speaker = new ActorPicker(ctx.actors, { id: `${uid}-speaker`, label: 'Speaker', initial: st.speaker, allowNew: true, testid: 'edit-speaker' });
  const date = h('input', { id: `${uid}-date`, type: 'text', value: st.date, inputmode: 'numeric', 'aria-describedby': `${uid}-date-hint`, 'data-testid': 'edit-date', size: 10 });
  const kind = h('select', { id: `${uid}-kind`, 'data-testid': 'edit-kind' }, ...STATEMENT_KINDS.map((k) => h('option', { value: k, selected: k === st.kind }, KIND_LABEL[k])));
  const stanceSelect = (id: string, current: Stance | null, label: string) =>
    h(
      'select',
      { id, 'aria-label': label, 'data-testid': 'edit-stance' },
      h('option', { value: NOT_ABOUT, selected: current === null }, 'not about it'),
      ...STANCES.map((s) => h('option', { value: s, selected: s === current }, s)),
    );
  const issueLabel = (id: string) => ctx.issues.find((i) => i.id === id)?.label ?? id;
  const stanceRows = st.issues.map((i) => ({ issue: i.id, sel: stanceSelect(`${uid}-stance-${i.id}`, i.stance, `Stance on ${issueLabel(i.id)}`) }));
  const others = ctx.issues.filter((i) => !st.issues.some((x) => x.id === i.id));
  const extraIssue = h('select', { id: `${uid}-extra-issue`, 'aria-label': 'Another issue it takes a stance on' }, h('option', { value: '' }, '— another issue —'), ...others.map((i) => h('option', { value: i.id }, i.label)));
  const extraStance = stanceSelect(`${uid}-extra-stance`, 'support', 'Stance on that issue');
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'edit-error' });
  const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'edit-save' }, 'Save');
  const cancel = h('button', { type: 'button', class: 'small-button', 'data-testid': 'edit-cancel' }, 'Cancel');
  const del = h('button', { type: 'button', class: 'small-button danger', 'data-testid': 'edit-delete', 'aria-label': 'Delete this statement' }, 'Delete…');

  const form = h(
    'form',
    { class: 'statement-editor', 'aria-label': `Edit statement: ${st.text.slice(0, 80)}`, 'data-testid': 'statement-editor', 'data-statement': st.id },
    speaker.el,
    h('div', { class: 'editor-row' }, h('label', { for: date.id }, 'Date'), date, h('span', { id: `${uid}-date-hint`, class: 'muted small' }, 'YYYY, YYYY-MM or YYYY-MM-DD')),
    h('div', { class: 'editor-row' }, h('label', { for: kind.id }, 'Kind'), kind),
    ...stanceRows.map((r) => h('div', { class: 'editor-row' }, h('label', { for: r.sel.id }, `Stance · ${issueLabel(r.issue)}`), r.sel)),
    others.length ? h('div', { class: 'editor-row' }, extraIssue, extraStance) : null,
    error,
    h('div', { class: 'editor-actions' }, save, cancel, del, isReviewed(st) ? h('span', { class: 'muted small' }, 'already reviewed') : null),
    h('p', { class: 'muted small' }, 'Enter saves · Escape cancels'),
  );

  const controls = () => [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button')];
  const run = async (actions: CorrectionAction[]) => {
    error.hidden = true;
    for (const c of controls()) c.disabled = true;
    try {
      await ctx.save(actions);
    } catch (err) {
      for (const c of controls()) c.disabled = false;
      error.hidden = false;
      error.textContent = err instanceof Error ? err.message : String(err);
    }
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const stances: Record<string, Stance | null> = {};
    for (const r of stanceRows) stances[r.issue] = r.sel.value === NOT_ABOUT ? null : (r.sel.value as Stance);
    if (extraIssue.value && extraStance.value !== NOT_ABOUT) stances[extraIssue.value] = extraStance.value as Stance;
    const picked = speaker.value();
    const res = editActions(st, { speaker: picked, date: date.value, kind: kind.value as StatementKind, stances });
    if (!res.ok) {
      error.hidden = false;
      error.textContent = res.error;
      (res.field === 'date' ? date : speaker.input).focus();
      return;
    }
    if (!res.actions.length) {
      ctx.cancel();
      return;
    }
    void run(res.actions);
  });
  // Enter on a select saves too (a text input submits by itself); Escape anywhere cancels
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation(); // not the article dialog's Escape
      ctx.cancel();
    } else if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  cancel.addEventListener('click', () => ctx.cancel());
  let armed = false;
  del.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      del.textContent = 'Really delete';
      del.setAttribute('aria-label', 'Press again to delete this statement');
      return;
    }
    void run([deleteAction(st)]);
  });
  requestAnimationFrame(() => speaker.input.focus());
  return form;
}
