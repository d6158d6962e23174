/**
 * Review mode, wired: the header controls (mode toggle, token, undo, status), the token dialog,
 * the shortcuts (`e` edits the focused statement, Ctrl/Cmd-Z undoes the last correction), the
 * edit controls it adds to every statement list, the actor tools and the queue. Every write goes
 * through record()/undo(), which then asks the app to refetch what changed (host.refresh).
 * State lives in a ReviewState (review-state.ts), never in graph attributes.
 */
import type { ActorDetailResponse, ActorSummary, StatementView } from '../../../server/contract.ts';
import type { CorrectionAction } from '../../../ingest/review/corrections.ts';
import { ApiError } from '../api.ts';
import { h } from '../dom.ts';
import { settings } from '../settings.ts';
import { ActorIndex } from '../state/search-rank.ts';
import { ArticleReviewTools } from './article-tools.ts';
import { statementEditor } from './edit-controls.ts';
import { ActorDialog, type ActorDialogMode } from './merge-split-dialog.ts';
import { queuePanel } from './queue-panel.ts';
import { reviewApi, type RecordedCorrection } from './review-api.ts';
import {
  INITIAL_REVIEW,
  begin,
  cancelEdit,
  describeAction,
  failed,
  isUndoKey,
  lastUndo,
  recorded,
  setMode,
  setQueueReason,
  startEdit,
  undone,
  type ReviewState,
} from './review-state.ts';
import { forgetToken, getReviewer, getToken, saveToken } from './token.ts';

export interface ReviewHost {
  /** refetch the graph, lists and panels; `focusActor`: select it (a merged actor is gone) */
  refresh(opts: { focusActor?: string | null; statementId?: string | null }): Promise<void>;
  /** redraw the side panel (mode switched, queue filter changed) */
  redrawSide(): void;
  issues(): readonly { id: string; label: string }[];
  selectedActor(): string | null;
  openStatement(st: StatementView): void;
}

function isTextTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(t.type));
}

function message(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return `The token was refused (${err.message}). Enter it again.`;
    if (err.status === 404) return `The review API is not available on this server (${err.message}).`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

export class ReviewController {
  readonly el: HTMLElement;
  /** the token dialog and the actor dialog: appended once to the page by the app */
  readonly dialogs: HTMLElement[];
  readonly articleTools: ArticleReviewTools;
  private state: ReviewState = INITIAL_REVIEW;
  private index = new ActorIndex([], settings.search.threshold);
  private names = new Map<string, string>();
  private readonly toggle: HTMLButtonElement;
  private readonly undoBtn: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly tokenDialog: HTMLDialogElement;
  private readonly actorDialog: ActorDialog;

  constructor(
    private readonly host: ReviewHost,
    articleToolsSlot: HTMLElement,
  ) {
    this.toggle = h('button', { type: 'button', class: 'small-button', 'aria-pressed': 'false', 'data-testid': 'review-toggle', title: 'Review mode: correct statements and actors' }, 'Review');
    this.toggle.addEventListener('click', () => this.setOn(!this.state.on));
    const tokenBtn = h('button', { type: 'button', class: 'small-button', 'data-testid': 'review-token', 'aria-haspopup': 'dialog' }, 'Token…');
    tokenBtn.addEventListener('click', () => this.openTokenDialog());
    this.undoBtn = h('button', { type: 'button', class: 'small-button', disabled: true, 'data-testid': 'review-undo', 'aria-keyshortcuts': 'Control+Z Meta+Z' }, 'Undo');
    this.undoBtn.addEventListener('click', () => void this.undo());
    this.status = h('span', { class: 'review-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'review-status' });
    this.el = h('div', { class: 'review-bar', role: 'group', 'aria-label': 'Review' }, this.toggle, tokenBtn, this.undoBtn, this.status);

    this.tokenDialog = this.buildTokenDialog();
    this.actorDialog = new ActorDialog({ actors: () => this.index, save: (a) => this.record([a], { focusActor: a.op === 'actor.merge' ? a.into : undefined }) });
    this.dialogs = [this.tokenDialog, this.actorDialog.el];
    this.articleTools = new ArticleReviewTools(articleToolsSlot, { actors: () => this.index, save: (a) => this.record([a]) });

    document.addEventListener('keydown', (e) => {
      if (!this.state.on || this.state.busy) return;
      if (isUndoKey(e, isTextTarget(e.target)) && lastUndo(this.state)) {
        e.preventDefault();
        void this.undo();
      }
    });
  }

  get on(): boolean {
    return this.state.on;
  }

  /** A write is in flight: the app's version poll waits (the write refreshes by itself). */
  get busy(): boolean {
    return this.state.busy;
  }

  setActors(actors: readonly ActorSummary[]): void {
    this.index = new ActorIndex(actors, settings.search.threshold);
    this.names = new Map(actors.map((a) => [a.id, a.name]));
  }

  private set(next: ReviewState): void {
    this.state = next;
    this.toggle.setAttribute('aria-pressed', String(next.on));
    this.toggle.textContent = next.on ? 'Review: on' : 'Review';
    document.body.classList.toggle('review-on', next.on);
    const last = lastUndo(next);
    this.undoBtn.disabled = !next.on || !last || next.busy;
    this.undoBtn.textContent = last ? 'Undo' : 'Undo';
    this.undoBtn.setAttribute('aria-label', last ? `Undo: ${last.label}` : 'Nothing to undo');
    this.undoBtn.title = last ? `Undo: ${last.label} (Ctrl/Cmd-Z)` : 'Nothing to undo';
    this.status.textContent = next.busy ? 'Saving…' : (next.message?.text ?? (next.on && !getToken() ? 'No token: enter one to save corrections.' : ''));
    this.status.classList.toggle('error', next.message?.kind === 'error');
    this.status.dataset.busy = String(next.busy);
    this.articleTools.setEnabled(next.on);
  }

  setOn(on: boolean): void {
    if (on && !getToken()) {
      this.openTokenDialog(() => this.setOn(true));
      return;
    }
    this.set(setMode(this.state, on));
    this.host.redrawSide();
  }

  // ---- token -------------------------------------------------------------------------------

  private afterToken: (() => void) | null = null;

  private buildTokenDialog(): HTMLDialogElement {
    const token = h('input', { type: 'password', id: 'review-token-input', autocomplete: 'off', 'data-testid': 'review-token-input', required: true });
    const name = h('input', { type: 'text', id: 'review-name-input', autocomplete: 'name', 'data-testid': 'review-name-input', maxlength: 100 });
    const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'review-token-save' }, 'Save');
    const forget = h('button', { type: 'button', class: 'small-button' }, 'Forget token');
    const cancel = h('button', { type: 'button', class: 'small-button' }, 'Cancel');
    const dialog = h('dialog', { class: 'review-dialog', 'aria-labelledby': 'review-token-title', 'data-testid': 'token-dialog' });
    const form = h(
      'form',
      { class: 'review-form' },
      h('h2', { id: 'review-token-title' }, 'Reviewer token'),
      h('p', { class: 'muted small' }, 'Corrections need the server’s write or review token. It is kept in this tab only (sessionStorage) and sent only with corrections.'),
      h('div', { class: 'editor-row' }, h('label', { for: token.id }, 'Token'), token),
      h('div', { class: 'editor-row' }, h('label', { for: name.id }, 'Your name (optional)'), name),
      h('div', { class: 'editor-actions' }, save, forget, cancel),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      saveToken(token.value, name.value);
      token.value = '';
      dialog.close();
      const then = this.afterToken;
      this.afterToken = null;
      this.set({ ...this.state, message: { kind: 'ok', text: getToken() ? 'Token saved for this tab.' : 'No token.' } });
      then?.();
    });
    forget.addEventListener('click', () => {
      forgetToken();
      dialog.close();
      this.set(setMode({ ...this.state, message: { kind: 'ok', text: 'Token forgotten.' } }, false));
      this.host.redrawSide();
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => (this.afterToken = null));
    dialog.append(form);
    return dialog;
  }

  openTokenDialog(then?: () => void): void {
    this.afterToken = then ?? null;
    const name = this.tokenDialog.querySelector<HTMLInputElement>('#review-name-input');
    if (name) name.value = getReviewer() ?? '';
    this.tokenDialog.showModal();
    this.tokenDialog.querySelector<HTMLInputElement>('#review-token-input')?.focus();
  }

  // ---- writes ------------------------------------------------------------------------------

  /** Records corrections in order (one reviewer action, one undo entry), then refreshes. Rejects with a message. */
  async record(actions: CorrectionAction[], opts: { focusActor?: string | undefined } = {}): Promise<void> {
    if (!actions.length) return;
    this.set(begin(this.state));
    const ids: string[] = [];
    let last: RecordedCorrection | null = null;
    try {
      for (const a of actions) {
        last = await reviewApi.record(a);
        ids.push(last.correction.id);
        const bad = last.outcomes.find((o) => o.id === last!.correction.id && o.status === 'orphaned');
        if (bad) throw new Error(`Recorded, but it found no target: ${bad.reason ?? 'orphaned'}`);
      }
    } catch (err) {
      const text = message(err);
      // what was recorded before the failure stays undoable
      this.set(failed(ids.length ? { ...recorded(this.state, ids, `${ids.length} of ${actions.length} changes`), busy: true } : this.state, text));
      if (ids.length) await this.host.refresh({});
      if (err instanceof ApiError && err.status === 401) this.openTokenDialog();
      throw new Error(text);
    }
    const label = actions.length === 1 ? describeAction(actions[0]!, (id) => this.names.get(id) ?? id) : `${actions.length} changes to a statement`;
    this.set({ ...recorded(this.state, ids, label), busy: true, message: { kind: 'ok', text: `Saved: ${label}. Refreshing…` } });
    try {
      await this.host.refresh({ focusActor: opts.focusActor ?? null, statementId: last?.statement?.id ?? null });
    } finally {
      this.set({ ...this.state, busy: false, message: { kind: 'ok', text: `Saved: ${label}.` } });
    }
  }

  async undo(): Promise<void> {
    const entry = lastUndo(this.state);
    if (!entry || this.state.busy) return;
    this.set(begin(this.state));
    try {
      for (const id of [...entry.ids].reverse()) await reviewApi.undo(id);
    } catch (err) {
      this.set(failed(this.state, message(err)));
      return;
    }
    this.set({ ...undone(this.state), busy: true });
    const msg = this.state.message;
    try {
      await this.host.refresh({});
    } finally {
      this.set({ ...this.state, busy: false, message: msg });
    }
  }

  // ---- what review mode adds to the views ----------------------------------------------------

  /** For statementList(…, { decorate }): an Edit button and the `e` key, when review mode is on. */
  readonly decorate = (st: StatementView, li: HTMLLIElement): void => {
    if (!this.state.on) return;
    const btn = li.querySelector<HTMLButtonElement>('button.statement');
    const edit = h('button', { type: 'button', class: 'small-button edit-button', 'data-testid': 'edit-statement', 'aria-label': `Edit statement: ${st.text.slice(0, 80)}`, 'aria-keyshortcuts': 'E' }, 'Edit');
    btn?.setAttribute('aria-keyshortcuts', 'E');
    const open = () => {
      if (li.querySelector('.statement-editor')) return;
      this.set(startEdit(this.state, st.id));
      if (this.state.editing !== st.id) return;
      edit.hidden = true;
      const form = statementEditor(st, {
        actors: this.index,
        issues: this.host.issues(),
        save: async (actions) => {
          await this.record(actions);
          // the list was redrawn: put focus back on the statement, wherever it now is
          const again = document.querySelector<HTMLButtonElement>(`button.statement[data-statement="${CSS.escape(st.id)}"]`);
          (again ?? document.querySelector<HTMLElement>('#actor-name'))?.focus();
        },
        cancel: () => {
          form.remove();
          edit.hidden = false;
          this.set(cancelEdit(this.state));
          btn?.focus();
        },
      });
      li.append(form);
      // what reviewers did to it before, and what became of it
      void reviewApi.corrections({ statement: st.id, limit: 50 }).then(
        (list) => {
          if (!list.items.length || !form.isConnected) return;
          form.append(
            h(
              'details',
              { class: 'history', 'data-testid': 'statement-history' },
              h('summary', {}, `History: ${list.items.length} correction${list.items.length === 1 ? '' : 's'}`),
              h('ul', { class: 'facts' }, ...list.items.map((i) => h('li', {}, `${describeAction(i.correction.action, (id) => this.names.get(id) ?? id)} — ${i.status}${i.reason ? ` (${i.reason})` : ''}, ${i.correction.by}, ${i.correction.at.slice(0, 10)}`))),
            ),
          );
        },
        () => undefined, // no history shown; editing still works
      );
    };
    edit.addEventListener('click', open);
    li.addEventListener('keydown', (e) => {
      if (e.target === btn && (e.key === 'e' || e.key === 'E') && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        open();
      }
    });
    li.append(edit);
  };

  /** Merge / split / rename buttons for the actor panel (null outside review mode). */
  actorTools(detail: ActorDetailResponse): HTMLElement | null {
    if (!this.state.on) return null;
    const b = (mode: ActorDialogMode, label: string) => {
      const el = h('button', { type: 'button', class: 'small-button', 'data-testid': `actor-${mode}`, 'aria-haspopup': 'dialog' }, label);
      el.addEventListener('click', () => this.actorDialog.open(mode, detail));
      return el;
    };
    return h('div', { class: 'actor-review-tools', role: 'group', 'aria-label': `Review ${detail.actor.name}` }, b('merge', 'Merge into…'), b('split', 'Split…'), b('update', 'Rename / retype…'));
  }

  /** The "needs review" queue for the side panel (null outside review mode). */
  async queueSection(): Promise<HTMLElement | null> {
    if (!this.state.on) return null;
    try {
      // the server filters by reason (the counts stay for all reasons), so a chip lists all of its statements
      const [queue, orphans] = await Promise.all([
        reviewApi.queue({ limit: settings.statements.pageSize, reason: this.state.queueReason ?? undefined }),
        reviewApi.corrections({ limit: 500 }).then(
          (list) => list.items.filter((i) => i.status === 'orphaned'),
          () => [],
        ),
      ]);
      const panel = queuePanel(queue, this.state.queueReason, {
        onReason: (r) => {
          this.set(setQueueReason(this.state, r));
          this.host.redrawSide();
        },
        onOpen: (st) => this.host.openStatement(st),
        decorate: this.decorate,
      });
      // corrections whose target is gone are reported, never dropped silently
      if (orphans.length)
        panel.append(
          h(
            'details',
            { class: 'orphans', 'data-testid': 'orphaned-corrections' },
            h('summary', {}, `${orphans.length} correction${orphans.length === 1 ? '' : 's'} found no target`),
            h('ul', { class: 'facts' }, ...orphans.map((o) => h('li', {}, `${describeAction(o.correction.action, (id) => this.names.get(id) ?? id)} — ${o.reason ?? 'target gone'} (${o.correction.by}, ${o.correction.at.slice(0, 10)})`))),
          ),
        );
      return panel;
    } catch (err) {
      return h('p', { class: 'error', role: 'alert', 'data-testid': 'review-queue-error' }, `Review queue: ${message(err)}`);
    }
  }
}
