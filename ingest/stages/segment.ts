/**
 * Stage 1, segment: paragraphs (non-blank lines) and sentences, as spans into the text.
 * A rule-based splitter: fast, deterministic, and aware of news abbreviations ("U.S.", "Brig. Gen.").
 */
import type { Doc, Paragraph, Sentence, Span } from '../types.ts';

const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'gen', 'lt', 'col', 'maj', 'brig', 'sgt', 'capt', 'adm', 'cmdr', 'sen', 'rep', 'gov',
    'st', 'jr', 'sr', 'prof', 'rev', 'hon', 'amb', 'pres', 'jan', 'feb', 'mar', 'apr', 'aug', 'sept', 'sep', 'oct',
    'nov', 'dec', 'no', 'vs', 'inc', 'corp', 'co', 'ltd', 'dept', 'gov', 'fig', 'approx', 'est', 'mt', 'ft',
  ],
);

/** Paragraphs are non-blank lines; leading/trailing spaces are outside the span. */
export function findParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (!body) continue;
    const start = m.index + lead;
    out.push({ index: out.length, start, end: start + body.length });
  }
  return out;
}

function isAbbreviation(text: string, dot: number): boolean {
  // the word that ends at `dot`
  let i = dot - 1;
  while (i >= 0 && /[A-Za-z.]/.test(text[i]!)) i--;
  const word = text.slice(i + 1, dot);
  if (!word) return false;
  if (/^[A-Z]$/.test(word)) return true; // an initial: "John F. Kennedy"
  if (/^([A-Za-z]\.)+[A-Za-z]$/.test(word)) return true; // U.S, U.N, a.m
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Splits one paragraph span into sentence spans. */
export function splitSentences(text: string, para: Span): Span[] {
  const out: Span[] = [];
  let start = para.start;
  const re = /[.!?…]+["'”’)\]]*(?=\s+|$)/g;
  re.lastIndex = para.start;
  const body = text.slice(0, para.end);
  for (let m = re.exec(body); m && m.index < para.end; m = re.exec(body)) {
    const endPunct = m.index + m[0].length;
    if (m[0].startsWith('.') && m[0].length === 1 && isAbbreviation(text, m.index)) {
      // "U.S. officials", "Brig. Gen. Ryan": an abbreviation unless a capitalised sentence obviously starts
      const next = body.slice(endPunct).match(/^\s+(\S+)/)?.[1] ?? '';
      const prevWord = text.slice(Math.max(para.start, m.index - 4), m.index);
      const isCountryAbbrev = /U\.S$|U\.N$|U\.K$/.test(prevWord);
      if (!(isCountryAbbrev && /^(The|He|She|It|They|But|In|On|A|An)$/.test(next))) continue;
    }
    const after = body.slice(endPunct).match(/^\s+(\S)/);
    if (after && !/[A-Z0-9"“‘'(\[]/.test(after[1]!)) continue; // lower-case continuation: not a boundary
    out.push({ start, end: endPunct });
    const ws = body.slice(endPunct).match(/^\s*/)![0].length;
    start = endPunct + ws;
  }
  if (start < para.end) out.push({ start, end: para.end });
  return out.filter((s) => s.end > s.start);
}

export function segment(doc: Doc): Doc {
  const paragraphs = findParagraphs(doc.input.text);
  const sentences: Sentence[] = [];
  for (const p of paragraphs) {
    for (const s of splitSentences(doc.input.text, p)) sentences.push({ ...s, paragraph: p.index });
  }
  return { ...doc, paragraphs, sentences };
}

/** Index of the sentence containing `offset` (binary search), or -1. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
