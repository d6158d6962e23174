/** Article-view selection → article offsets (client/src/review/selection-to-span.ts), on trees shaped like the article view's. */
import { describe, expect, it } from 'vitest';
import { offsetIn, selectionSpan, tidySpan, type TextTreeNode } from '../../client/src/review/selection-to-span.ts';
import { splitBySpans } from '../../client/src/state/article-spans.ts';

interface FakeNode extends TextTreeNode {
  childNodes: FakeNode[];
  parentNode: FakeNode | null;
}

function text(value: string): FakeNode {
  return { nodeType: 3, nodeValue: value, childNodes: [], parentNode: null };
}
function el(...children: FakeNode[]): FakeNode {
  const node: FakeNode = { nodeType: 1, nodeValue: null, childNodes: children, parentNode: null };
  for (const c of children) c.parentNode = node;
  return node;
}

/** The article view's tree: plain pieces as text nodes, statement spans wrapped in an element. */
function articleTree(body: string, spans: { statementId: string; start: number; end: number }[], selected: string | null): FakeNode {
  return el(...splitBySpans(body, spans, selected).map((p) => (p.mark ? el(text(p.text)) : text(p.text))));
}

/** Every text node with the article offset it starts at. */
function textNodes(root: FakeNode, at = { n: 0 }, out: { node: FakeNode; start: number }[] = []): { node: FakeNode; start: number }[] {
  for (const c of root.childNodes) {
    if (c.nodeType === 3) {
      out.push({ node: c, start: at.n });
      at.n += c.nodeValue!.length;
    } else textNodes(c, at, out);
  }
  return out;
}

const ARTICLE =
  'Prime Minister Nouri al-Maliki said on Friday that “all troops will leave,” adding that ‘talks’ would resume.\n\n' +
  'The Scottish Fishermen’s Federation said it “welcomed the deal” — and Le Gall agreed. Emoji 🎣 stays whole.';
const q1 = ARTICLE.indexOf('“all');
const q2 = ARTICLE.indexOf('“welcomed');
const SPANS = [
  { statementId: 's1', start: q1 + 1, end: ARTICLE.indexOf(',”') },
  { statementId: 's2', start: q2 + 1, end: ARTICLE.indexOf('” —') },
  { statementId: 's3', start: ARTICLE.indexOf('talks'), end: ARTICLE.indexOf('would') + 5 },
];

describe('offsetIn', () => {
  it('maps every character position in every text node back to its article offset', () => {
    for (const selected of [null, 's1', 's2']) {
      const root = articleTree(ARTICLE, SPANS, selected);
      const nodes = textNodes(root);
      expect(nodes.map((n) => n.node.nodeValue).join('')).toBe(ARTICLE);
      expect(nodes.length).toBeGreaterThan(4); // the spans really split the text
      for (const { node, start } of nodes) for (let i = 0; i <= node.nodeValue!.length; i++) expect(offsetIn(root, node, i)).toBe(start + i);
    }
  });

  it('reads element boundary points as child counts (a selection that starts or ends at a <mark>)', () => {
    const root = articleTree(ARTICLE, SPANS, 's1');
    const mark = root.childNodes.find((c) => c.nodeType === 1 && c.childNodes[0]!.nodeValue === ARTICLE.slice(SPANS[0]!.start, SPANS[0]!.end))!;
    expect(offsetIn(root, mark, 0)).toBe(SPANS[0]!.start);
    expect(offsetIn(root, mark, 1)).toBe(SPANS[0]!.end);
    const i = root.childNodes.indexOf(mark);
    expect(offsetIn(root, root, i)).toBe(SPANS[0]!.start);
    expect(offsetIn(root, root, i + 1)).toBe(SPANS[0]!.end);
    expect(offsetIn(root, root, root.childNodes.length)).toBe(ARTICLE.length);
    expect(offsetIn(root, root, 0)).toBe(0);
  });

  it('is null for a point outside the article text (the title, another dialog)', () => {
    const root = articleTree(ARTICLE, SPANS, null);
    const title = el(text('Headline'));
    el(title, root); // siblings under one dialog
    expect(offsetIn(root, title.childNodes[0]!, 3)).toBeNull();
  });
});

describe('selectionSpan', () => {
  const at = (root: FakeNode, offset: number) => {
    const hit = textNodes(root).find((n) => offset >= n.start && offset <= n.start + n.node.nodeValue!.length)!;
    return { node: hit.node as TextTreeNode, offset: offset - hit.start };
  };
  const range = (root: FakeNode, a: number, b: number) => {
    const s = at(root, a);
    const e = at(root, b);
    return { startContainer: s.node, startOffset: s.offset, endContainer: e.node, endOffset: e.offset };
  };

  it('a selection across a highlighted span and plain text gives the offsets of exactly the selected text', () => {
    const root = articleTree(ARTICLE, SPANS, 's2');
    const a = ARTICLE.indexOf('Scottish');
    const b = ARTICLE.indexOf(' — and');
    const span = selectionSpan(root, range(root, a, b), ARTICLE)!;
    expect(ARTICLE.slice(span.start, span.end)).toBe('Scottish Fishermen’s Federation said it “welcomed the deal”');
  });

  it('a quotation selected with its curly quotes, comma and spaces keeps only the quoted words', () => {
    const root = articleTree(ARTICLE, SPANS, null);
    const a = q1 - 1; // the space before “
    const b = ARTICLE.indexOf(',”') + 3; // past ”, and the space after
    const span = selectionSpan(root, range(root, a, b), ARTICLE, { quote: true })!;
    expect(ARTICLE.slice(span.start, span.end)).toBe('all troops will leave');
    // the machine's own span for it, as the extractor cuts quotes
    expect(span).toEqual({ start: SPANS[0]!.start, end: SPANS[0]!.end });
    // reported speech keeps the marks (they are part of what was said there)
    const plain = selectionSpan(root, range(root, a, b), ARTICLE)!;
    expect(ARTICLE.slice(plain.start, plain.end)).toBe('“all troops will leave,”');
  });

  it('single curly quotes and a backwards selection (focus before anchor) give the same span', () => {
    const root = articleTree(ARTICLE, SPANS, null);
    const a = ARTICLE.indexOf('‘talks’');
    const b = a + '‘talks’'.length;
    const fwd = selectionSpan(root, range(root, a, b), ARTICLE, { quote: true })!;
    const back = selectionSpan(root, range(root, b, a), ARTICLE, { quote: true })!;
    expect(ARTICLE.slice(fwd.start, fwd.end)).toBe('talks');
    expect(back).toEqual(fwd);
  });

  it('is null for a blank selection and for one outside the text', () => {
    const root = articleTree(ARTICLE, SPANS, null);
    const nl = ARTICLE.indexOf('\n\n');
    expect(selectionSpan(root, range(root, nl, nl + 2), ARTICLE)).toBeNull();
    const other = el(text('elsewhere'));
    expect(selectionSpan(root, { startContainer: other.childNodes[0]!, startOffset: 0, endContainer: other.childNodes[0]!, endOffset: 4 }, ARTICLE)).toBeNull();
  });
});

describe('tidySpan', () => {
  it('never splits a surrogate pair', () => {
    const e = ARTICLE.indexOf('🎣');
    // a boundary between the two halves of the emoji moves outward
    expect(tidySpan(ARTICLE, e + 1, e + 2)).toEqual({ start: e, end: e + 2 });
    const s = tidySpan(ARTICLE, ARTICLE.indexOf('Emoji'), e + 1)!;
    expect(ARTICLE.slice(s.start, s.end)).toBe('Emoji 🎣');
  });

  it('clamps to the text', () => {
    expect(tidySpan('abc', -5, 99)).toEqual({ start: 0, end: 3 });
    expect(tidySpan('  ', 0, 2)).toBeNull();
    expect(tidySpan('“”', 0, 2, { quote: true })).toBeNull();
  });
});
