/**
 * Review tools in the article view: select text, then "Add statement" (speaker, kind, cue) or
 * "Set span" of the marked statement; "Mark article reviewed" lets it be exported as gold.
 * The selection is mapped to article offsets by selection-to-span.ts and remembered, so pressing
 * a button (which may clear the page selection) still acts on what was selected.
 */
import type { ArticleResponse } from '../../../server/contract.ts';
import type { CorrectionAction } from '../../../ingest/review/corrections.ts';
import type { StatementKind } from '../../../cypher/schema.ts';
import { h } from '../dom.ts';
import type { ActorIndex } from '../state/search-rank.ts';
import { ActorPicker } from './actor-picker.ts';
import { addAction, spanAction, STATEMENT_KINDS } from './review-state.ts';
import { reviewApi } from './review-api.ts';
import { selectionSpan, tidySpan } from './selection-to-span.ts';

export interface ArticleToolsContext {
  actors(): ActorIndex;
  /** resolves when written and redrawn; rejects with the message to show */
  save(action: CorrectionAction): Promise<void>;
}

const QUOTE_START = /^[\s]*[“‘«„"']/;

export class ArticleReviewTools {
  private shown: { data: ArticleResponse; textEl: HTMLElement; statementId: string | null } | null = null;
  /** the last non-empty selection inside the article text, as raw offsets */
  private selection: { start: number; end: number } | null = null;
  private enabled = false;

  constructor(
    private readonly slot: HTMLElement,
    private readonly ctx: ArticleToolsContext,
  ) {
    document.addEventListener('selectionchange', () => this.track());
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    this.render();
  }

  /** The article view drew an article (ArticleDialog.onShow). */
  shownArticle(data: ArticleResponse, textEl: HTMLElement, statementId: string | null): void {
    this.shown = { data, textEl, statementId };
    this.selection = null;
    this.render();
  }

  private track(): void {
    const shown = this.shown;
    const sel = document.getSelection();
    if (!shown || !sel || !sel.rangeCount) return;
    const range = sel.getRangeAt(0);
    const inside = shown.textEl.contains(range.commonAncestorContainer);
    if (range.collapsed) {
      // a click in the text drops the selection; a click on a button keeps the remembered one
      if (inside && this.selection) {
        this.selection = null;
        this.updateButtons();
      }
      return;
    }
    const span = selectionSpan(shown.textEl, range, shown.data.article.text);
    if (!span) return;
    this.selection = span;
    this.updateButtons();
  }

  private addBtn: HTMLButtonElement | null = null;
  private spanBtn: HTMLButtonElement | null = null;
  private preview: HTMLElement | null = null;

  private updateButtons(): void {
    const has = this.selection !== null;
    if (this.addBtn) this.addBtn.disabled = !has;
    if (this.spanBtn) this.spanBtn.disabled = !has;
    if (this.preview && this.shown) {
      const t = this.selection ? this.shown.data.article.text.slice(this.selection.start, this.selection.end) : '';
      this.preview.textContent = this.selection ? `Selected: “${t.length > 80 ? `${t.slice(0, 79)}…` : t}”` : 'Select text in the article to add a statement or set a span.';
    }
  }

  private render(): void {
    const shown = this.shown;
    this.slot.hidden = !this.enabled || !shown;
    if (!this.enabled || !shown) {
      this.slot.replaceChildren();
      return;
    }
    const marked = shown.data.spans.find((s) => s.statementId === shown.statementId) ?? null;
    this.preview = h('p', { class: 'muted small', 'aria-live': 'polite', 'data-testid': 'selection-preview' });
    this.addBtn = h('button', { type: 'button', class: 'small-button', 'data-testid': 'add-from-selection' }, 'Add statement from selection');
    this.addBtn.addEventListener('click', () => this.openAddForm());
    const reviewed = h('button', { type: 'button', class: 'small-button', 'data-testid': 'article-reviewed', title: 'The whole article has been checked: it may be exported as gold' }, 'Mark article reviewed');
    let isReviewed = false;
    reviewed.addEventListener('click', () => void this.run({ op: 'article.reviewed', articleId: shown.data.article.id, reviewed: !isReviewed }, reviewed));
    // whether it is marked already: the last applied article.reviewed correction says
    reviewApi.corrections({ article: shown.data.article.id, limit: 500 }).then(
      (list) => {
        const last = list.items.filter((i) => i.status === 'applied' && i.correction.action.op === 'article.reviewed').pop();
        isReviewed = last?.correction.action.op === 'article.reviewed' && last.correction.action.reviewed;
        reviewed.textContent = isReviewed ? 'Article reviewed ✓ — unmark' : 'Mark article reviewed';
        reviewed.setAttribute('aria-pressed', String(isReviewed));
      },
      () => undefined, // the button still works; it just cannot say the current state
    );
    const buttons: HTMLElement[] = [this.addBtn];
    if (marked) {
      this.spanBtn = h('button', { type: 'button', class: 'small-button', 'data-testid': 'span-from-selection' }, 'Set marked statement’s span to selection');
      const spanBtn = this.spanBtn;
      spanBtn.addEventListener('click', () => {
        const sel = this.selection;
        if (!sel) return;
        const text = shown.data.article.text;
        const tidy = tidySpan(text, sel.start, sel.end, { quote: marked.kind === 'direct' });
        const target = { id: marked.statementId, article: { id: shown.data.article.id }, start: marked.start, end: marked.end, text: text.slice(marked.start, marked.end) };
        const action = tidy ? spanAction(target, tidy) : null;
        if (!action) return this.say('The selection is the statement’s span already.', true);
        void this.run(action, spanBtn);
      });
      buttons.push(this.spanBtn);
    } else this.spanBtn = null;
    buttons.push(reviewed);
    this.slot.replaceChildren(h('div', { class: 'article-review-bar', role: 'toolbar', 'aria-label': 'Review this article' }, ...buttons), this.preview, h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'article-tools-error' }));
    this.updateButtons();
  }

  private say(text: string, error: boolean): void {
    const el = this.slot.querySelector<HTMLElement>('.form-error');
    if (!el) return;
    el.hidden = !error;
    el.textContent = text;
  }

  private async run(action: CorrectionAction, btn: HTMLButtonElement): Promise<void> {
    btn.disabled = true;
    try {
      await this.ctx.save(action);
    } catch (err) {
      btn.disabled = false;
      this.say(err instanceof Error ? err.message : String(err), true);
    }
  }

  private openAddForm(): void {
    const shown = this.shown;
    const sel = this.selection;
    if (!shown || !sel) return;
    const text = shown.data.article.text;
    const raw = text.slice(sel.start, sel.end);
    const speaker = new ActorPicker(this.ctx.actors(), { id: 'add-speaker', label: 'Speaker', allowNew: true, testid: 'add-speaker' });
    const kind = h('select', { id: 'add-kind', 'data-testid': 'add-kind' }, ...STATEMENT_KINDS.map((k) => h('option', { value: k, selected: (k === 'direct') === QUOTE_START.test(raw) }, k === 'direct' ? 'quote (direct)' : 'reported (indirect)')));
    const cue = h('input', { id: 'add-cue', type: 'text', placeholder: 'said, told, according to…', 'data-testid': 'add-cue' });
    const shownText = h('blockquote', { class: 'evidence', 'data-testid': 'add-text' });
    const spanNow = () => tidySpan(text, sel.start, sel.end, { quote: kind.value === 'direct' });
    const showText = () => {
      const s = spanNow();
      shownText.textContent = s ? text.slice(s.start, s.end) : '(nothing selected)';
    };
    kind.addEventListener('change', showText);
    showText();
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'add-error' });
    const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'add-save' }, 'Add statement');
    const cancel = h('button', { type: 'button', class: 'small-button' }, 'Cancel');
    const form = h(
      'form',
      { class: 'statement-editor', 'aria-label': 'Add a statement from the selection', 'data-testid': 'add-statement-form' },
      shownText,
      speaker.el,
      h('div', { class: 'editor-row' }, h('label', { for: kind.id }, 'Kind'), kind),
      h('div', { class: 'editor-row' }, h('label', { for: cue.id }, 'Cue'), cue),
      error,
      h('div', { class: 'editor-actions' }, save, cancel),
      h('p', { class: 'muted small' }, 'Enter adds · Escape cancels'),
    );
    const close = () => {
      form.remove();
      this.addBtn?.focus();
    };
    cancel.addEventListener('click', close);
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault(); // keep the article open
        e.stopPropagation();
        close();
      } else if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const ref = speaker.value();
      const span = spanNow();
      if (!ref || !span) {
        error.hidden = false;
        error.textContent = !ref ? 'Pick or name the speaker.' : 'The selection holds no text.';
        return;
      }
      save.disabled = true;
      this.ctx.save(addAction(shown.data.article.id, span, kind.value as StatementKind, ref, cue.value)).catch((err: unknown) => {
        save.disabled = false;
        error.hidden = false;
        error.textContent = err instanceof Error ? err.message : String(err);
      });
    });
    this.slot.querySelector('[data-testid=add-statement-form]')?.remove();
    this.slot.append(form);
    requestAnimationFrame(() => speaker.input.focus());
  }
}
