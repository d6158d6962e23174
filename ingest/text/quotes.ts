/**
 * Quotation spans in a paragraph: curly and straight double quotes, nested single quotes, quotes
 * left open at a paragraph's end (news style for a quote that runs on), and scare-quote detection.
 */
import type { Span } from '../types.ts';

export interface QuoteSpan extends Span {
  /** offsets of the marks themselves: open mark at `start - 1`, close mark at `end` (if closed) */
  closed: boolean;
  /** nesting depth: 0 for double quotes, 1 for single quotes inside them */
  depth: 0 | 1;
  /** width of each mark: 2 for the doubled apostrophes of NYT-archive style (''…''), else 1 */
  markWidth?: 1 | 2;
}

let nytText = '';
let nytNorm = '';
/**
 * The text with NYT-archive quotes (''…'', two apostrophes per mark) rewritten as straight double
 * quotes of the same length — ' "' before a quote, '" ' after one — so offsets stay those of the
 * original. Memoised for the article last seen.
 */
function nytNormalised(text: string): string {
  if (text === nytText) return nytNorm;
  nytText = text;
  nytNorm = text.includes("''") ? text.replace(/''/g, (m, i: number) => (/[\s(\[—–-]/.test(text[i - 1] ?? ' ') || i === 0 ? ' "' : '" ')) : text;
  return nytNorm;
}

const OPEN_D = '“';
const CLOSE_D = '”';

/** Finds double-quoted spans (content only, marks excluded) in text[para.start, para.end). */
export function findQuotes(original: string, para: Span): QuoteSpan[] {
  const text = nytNormalised(original);
  const nyt = text !== original;
  const out: QuoteSpan[] = [];
  let open = -1;
  for (let i = para.start; i < para.end; i++) {
    const c = text[i]!;
    if (c === OPEN_D) {
      if (open >= 0) out.push(trimSpan(text, { start: open + 1, end: i, closed: false, depth: 0 }));
      open = i;
    } else if (c === CLOSE_D) {
      if (open >= 0) {
        out.push({ start: open + 1, end: i, closed: true, depth: 0 });
        open = -1;
      }
    } else if (c === '"') {
      const prev = text[i - 1] ?? ' ';
      const next = text[i + 1] ?? ' ';
      const opening = open < 0 && (/[\s(\[—–-]/.test(prev) || i === para.start) && !/\s/.test(next);
      if (open >= 0 && text[open] === '"') {
        out.push({ start: open + 1, end: i, closed: true, depth: 0 });
        open = -1;
      } else if (opening) open = i;
    }
  }
  if (open >= 0 && open + 1 < para.end) out.push(trimSpan(text, { start: open + 1, end: para.end, closed: false, depth: 0 }));
  // British style: single marks are the quotes when the paragraph has no double ones
  if (!out.length && !/[“”"]/.test(text.slice(para.start, para.end))) return findSingleQuotes(text, para, 0);
  const nested: QuoteSpan[] = [];
  for (const q of out) nested.push(...findSingleQuotes(text, q));
  // a mark that was '' in the original is two characters wide
  if (nyt) for (const q of out) if (original[q.start - 1] === "'" && original[q.start - 2] === "'") q.markWidth = 2;
  return [...out, ...nested].filter((q) => q.end > q.start).sort((a, b) => a.start - b.start);
}

/**
 * Single-quoted spans: ‘…’ (and straight '…' at depth 0). An opening mark follows a space or the
 * start and precedes a letter; a closing mark is not followed by a letter, so the apostrophes of
 * "it’s" and "didn't" never open or close a quote.
 */
function findSingleQuotes(text: string, q: Span, depth: 0 | 1 = 1): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1;
  let openMark = '';
  for (let i = q.start; i < q.end; i++) {
    const c = text[i]!;
    const prev = i === q.start ? ' ' : text[i - 1]!;
    const next = text[i + 1] ?? ' ';
    const opener = c === '‘' || (depth === 0 && c === "'");
    if (opener && open < 0 && /[\s(\[—–-]/.test(prev) && /[A-Za-z0-9]/.test(next)) {
      open = i;
      openMark = c;
    } else if (open >= 0 && (c === '’' || (openMark === "'" && c === "'")) && !/[A-Za-z]/.test(next) && !/\s/.test(prev)) {
      out.push({ start: open + 1, end: i, closed: true, depth });
      open = -1;
    }
  }
  if (depth === 0 && open >= 0 && openMark === '‘') out.push(trimSpan(text, { start: open + 1, end: q.end, closed: false, depth }));
  return out;
}

function trimSpan<T extends Span>(text: string, s: T): T {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { ...s, start, end };
}

/** The statement text of a quote: a trailing comma inside the marks is punctuation of the frame, not the quote. */
export function quoteTextSpan(text: string, q: Span): Span {
  let end = q.end;
  while (end > q.start && /[,;:\s]/.test(text[end - 1]!)) end--;
  let start = q.start;
  while (start < end && /\s/.test(text[start]!)) start++;
  return { start, end };
}

const FOLLOWING_FUNCTION_WORDS = new Set(
  'with to of in for on at from and or but as that which who whom while when because after before by over is was were are has have had will would could should may might can said says told added the a an than into about against if since until whether not nor so yet its their his her he she they it we i'.split(
    ' ',
  ),
);

/**
 * A short quoted phrase used as a modifier ("the “national unity” government") is a scare quote,
 * not speech: it is followed directly by a lower-case content word.
 */
export function isModifierScareQuote(text: string, q: QuoteSpan): boolean {
  const words = text.slice(q.start, q.end).trim().split(/\s+/).length;
  if (words > 4 || !q.closed) return false;
  if (/[,.;:!?]\s*$/.test(text.slice(q.start, q.end))) return false; // punctuation closes the phrase: "“full pullout,” she said"
  const after = text.slice(q.end + 1, q.end + 30);
  const m = /^\s+([a-z][a-z-]*)/.exec(after);
  if (!m) return false;
  // "“security needs” going forward": a verb form follows, so the quote is a phrase of its own
  if (/(?:ing|ed)$/.test(m[1]!)) return false;
  return !FOLLOWING_FUNCTION_WORDS.has(m[1]!);
}

/** Character mask of the paragraph's quoted regions (true = inside quotes, marks included). */
export function quoteMask(quotes: readonly QuoteSpan[], start: number, end: number): Uint8Array {
  const mask = new Uint8Array(end - start);
  for (const q of quotes) {
    if (q.depth !== 0) continue;
    const w = q.markWidth ?? 1;
    const a = Math.max(start, q.start - w);
    const b = Math.min(end, q.closed ? q.end + w : q.end);
    for (let i = a; i < b; i++) mask[i - start] = 1;
  }
  return mask;
}
