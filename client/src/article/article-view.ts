/**
 * Provenance: an article shown in a modal dialog with the chosen statement's span in <mark>,
 * scrolled into view. Text is split by offsets (UTF-16, as stored) and appended as text nodes.
 */
import type { ArticleResponse } from '../../../server/contract.ts';
import { h } from '../dom.ts';
import { splitBySpans } from '../state/article-spans.ts';

/** The evidence of a relation is marked like a statement, under this pseudo id. */
const EVIDENCE = '__evidence__';
import { linkableUrl } from './original-link.ts';

/** The article's address: a link when it is http(s), else plain text (never a `javascript:` href). */
function originalLink(url: string | null): (Node | string)[] {
  if (!url) return [];
  const href = linkableUrl(url);
  if (href) return [' · ', h('a', { href, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'article-url' }, 'original')];
  const shown = url.length > 60 ? `${url.slice(0, 60)}…` : url;
  return [' · ', h('span', { class: 'article-url-unlinked', title: 'not an http(s) address, so not a link', 'data-testid': 'article-url' }, shown)];
}

export class ArticleDialog {
  readonly el: HTMLDialogElement;
  private readonly body: HTMLElement;
  /** a slot above the text for review mode's tools (filled by client/src/review) */
  readonly tools: HTMLElement = h('div', { class: 'article-tools' });
  /** called after each show(), with the rendered text element (review mode maps selections in it) */
  onShow: ((data: ArticleResponse, textEl: HTMLElement, statementId: string | null) => void) | null = null;
  /** what is shown, so a change can redraw it */
  current: { data: ArticleResponse; statementId: string | null } | null = null;

  constructor(private readonly onClose: () => void) {
    this.body = h('div', { class: 'article-body' });
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close article' }, '×');
    close.addEventListener('click', () => this.el.close());
    this.el = h('dialog', { class: 'article-dialog', 'aria-labelledby': 'article-title', 'data-testid': 'article' }, close, this.tools, this.body);
    this.el.addEventListener('close', () => this.onClose());
  }

  /** Shows the article with a statement's span marked, or (`evidence`) a relation's evidence span. */
  show(data: ArticleResponse, statementId: string | null, evidence: { start: number; end: number } | null = null): void {
    const a = data.article;
    this.body.replaceChildren(
      h('h2', { id: 'article-title' }, a.title),
      h(
        'p',
        { class: 'article-meta' },
        h('time', { datetime: a.published, 'data-testid': 'article-published' }, a.published),
        ' · ',
        h('span', { 'data-testid': 'article-source' }, a.source),
        ...originalLink(a.url),
      ),
    );
    const textEl = h('div', { class: 'article-text' });
    let target: HTMLElement | null = null;
    const spans = evidence ? [{ statementId: EVIDENCE, start: evidence.start, end: evidence.end }] : data.spans;
    const selected = evidence ? EVIDENCE : statementId;
    for (const piece of splitBySpans(a.text, spans, selected)) {
      if (!piece.mark) {
        textEl.append(piece.text);
        continue;
      }
      const span = data.spans.find((s) => s.statementId === piece.statementId);
      const el =
        piece.mark === 'selected'
          ? h('mark', { 'data-statement': piece.statementId, 'data-testid': 'highlight', title: span ? `${span.speakerName} (${span.kind})` : evidence ? 'evidence of the relation' : null }, piece.text)
          : h('span', { class: 'span-other', title: span ? `${span.speakerName} (${span.kind})` : null }, piece.text);
      if (piece.mark === 'selected') target = el;
      textEl.append(el);
    }
    this.body.append(textEl);
    this.current = { data, statementId };
    this.onShow?.(data, textEl, statementId);
    if (!this.el.open) this.el.showModal();
    const t = target as HTMLElement | null;
    requestAnimationFrame(() => t?.scrollIntoView({ block: 'center' }));
  }

  close(): void {
    if (this.el.open) this.el.close();
  }
}
