/**
 * A DOM selection in the article view → character offsets in the article text (UTF-16, as stored).
 *
 * The article view renders the text as a sequence of text nodes, some wrapped in <mark>/<span>
 * for statement spans; concatenated they are exactly the article text. So a boundary point's
 * offset is the length of all text before it under the article root. Written against the small
 * part of the Node interface it reads, so the unit tests can drive it with plain objects.
 */

/** The part of a DOM Node this module reads (a real Node satisfies it). */
export interface TextTreeNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<TextTreeNode>;
  readonly parentNode: TextTreeNode | null;
  /** for text nodes: their text */
  readonly nodeValue: string | null;
}

export interface BoundaryRange {
  readonly startContainer: TextTreeNode;
  readonly startOffset: number;
  readonly endContainer: TextTreeNode;
  readonly endOffset: number;
}

const TEXT_NODE = 3;

function contains(root: TextTreeNode, node: TextTreeNode): boolean {
  for (let n: TextTreeNode | null = node; n; n = n.parentNode) if (n === root) return true;
  return false;
}

function textLength(node: TextTreeNode): number {
  if (node.nodeType === TEXT_NODE) return node.nodeValue?.length ?? 0;
  let n = 0;
  for (let i = 0; i < node.childNodes.length; i++) n += textLength(node.childNodes[i]!);
  return n;
}

/**
 * The text offset, under `root`, of the DOM boundary point (node, offset): in a text node the
 * offset counts characters, in an element it counts children (DOM Range semantics).
 * null when the point is outside `root`.
 */
export function offsetIn(root: TextTreeNode, node: TextTreeNode, offset: number): number | null {
  if (!contains(root, node)) return null;
  let total = 0;
  if (node.nodeType === TEXT_NODE) total += Math.min(offset, node.nodeValue?.length ?? 0);
  else for (let i = 0; i < Math.min(offset, node.childNodes.length); i++) total += textLength(node.childNodes[i]!);
  // then everything before `node` in document order, up to root
  for (let n = node; n !== root; ) {
    const parent = n.parentNode!;
    for (let i = 0; i < parent.childNodes.length && parent.childNodes[i] !== n; i++) total += textLength(parent.childNodes[i]!);
    n = parent;
  }
  return total;
}

const OPENING_QUOTES = '“‘«„‚"\'';
const CLOSING_QUOTES = '”’»“‘"\'';
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The span a reviewer meant: whitespace trimmed at both ends; for a quotation, the quote marks
 * and the comma or full stop just inside the closing mark dropped (machine quotes hold only the
 * words quoted); never splitting a surrogate pair. null when nothing is left.
 */
export function tidySpan(text: string, start: number, end: number, opts: { quote?: boolean } = {}): { start: number; end: number } | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  // a boundary inside a surrogate pair moves outward, so the character is kept whole
  if (s > 0 && s < text.length && isLowSurrogate(text.charCodeAt(s))) s--;
  if (e > 0 && e < text.length && isLowSurrogate(text.charCodeAt(e))) e++;
  const trimSpace = () => {
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
  };
  trimSpace();
  if (opts.quote) {
    if (s < e && OPENING_QUOTES.includes(text[s]!)) s++;
    if (e > s && CLOSING_QUOTES.includes(text[e - 1]!)) {
      e--;
      if (e > s && /[,.]/.test(text[e - 1]!)) e--;
    }
    trimSpace();
  }
  return e > s ? { start: s, end: e } : null;
}

/** A selection range under the article root → article offsets (tidied); null if not inside it. */
export function selectionSpan(root: TextTreeNode, range: BoundaryRange, text: string, opts: { quote?: boolean } = {}): { start: number; end: number } | null {
  const a = offsetIn(root, range.startContainer, range.startOffset);
  const b = offsetIn(root, range.endContainer, range.endOffset);
  if (a === null || b === null) return null;
  return tidySpan(text, a, b, opts);
}
