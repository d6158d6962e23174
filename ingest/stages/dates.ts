/**
 * Dates stage: finds the article's time expressions (`doc.times`) and gives every statement the
 * date it was MADE — the time expression attached to its speech event — else the publication date.
 */
import type { DateValue, Doc, Span, Stage, StatementDraft, TimeExpression } from '../types.ts';
import { findTimeExpressions } from '../dates/find-times.ts';
import { findQuotes } from '../text/quotes.ts';
import { findParagraphs } from './segment.ts';

export { findTimeExpressions } from '../dates/find-times.ts';

export interface GoverningDate {
  date: DateValue;
  dateBasis: 'explicit' | 'relative' | 'publication';
  dateEvidence: string | null;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const inside = (a: Span, b: Span) => a.start >= b.start && a.end <= b.end;

/** Quoted spans (“…”, "…"): words there are someone's, not the narrator's time of speaking. */
export function quotedSpans(text: string): Span[] {
  // the one quote finder of the pipeline (curly, straight, single-quote style, open at a paragraph's end)
  return findParagraphs(text).flatMap((p) =>
    findQuotes(text, p)
      .filter((q) => q.depth === 0)
      .map((q) => ({ start: q.start - 1, end: q.closed ? q.end + 1 : q.end })),
  );
}

/** Sentence spans: the segmenter's if it ran, else a plain split on sentence punctuation and line breaks. */
export function sentenceSpans(doc: Pick<Doc, 'sentences' | 'input'>): Span[] {
  if (doc.sentences.length) return doc.sentences;
  const text = doc.input.text;
  const out: Span[] = [];
  const re = /[^\n]+/g;
  for (let line = re.exec(text); line; line = re.exec(text)) {
    const lineText = line[0];
    const cut = /[.!?]["”’]?\s+(?=["“‘(]?[A-Z0-9])/g;
    let from = 0;
    for (let m = cut.exec(lineText); m; m = cut.exec(lineText)) {
      out.push({ start: line.index + from, end: line.index + m.index + m[0].trimEnd().length });
      from = m.index + m[0].length;
    }
    if (from < lineText.length) out.push({ start: line.index + from, end: line.index + lineText.length });
  }
  return out;
}

/**
 * Subordinate clauses that carry another event's time: "since the troops left in December",
 * "the attack in 2014 when gunmen stormed Mosul", "who took office in 2018". A time expression
 * whose own clause (back to the last comma or clause mark) holds one of these is not the time of
 * the speech.
 */
const OTHER_EVENT_RE =
  /\b(?:since|when|whenever|until|till|while|because|who|whom|which|whose|where|ago|as)\b/i;
/**
 * "After meeting the envoy on Monday, the minister said": another event, but usually the same
 * day as the speech; such a time is used only when nothing better is there.
 */
const NEARBY_EVENT_RE = /\b(?:after|before|following|upon)\b/i;
const CLAUSE_BREAK_RE = /[,;:(—–]|\s-\s|\band\b|\bbut\b/gi;

function clauseBefore(text: string, sentence: Span, at: number): string {
  const head = text.slice(sentence.start, at);
  let cut = 0;
  CLAUSE_BREAK_RE.lastIndex = 0;
  for (let m = CLAUSE_BREAK_RE.exec(head); m; m = CLAUSE_BREAK_RE.exec(head)) cut = m.index + m[0].length;
  return head.slice(cut);
}

/** "<time>, when X said …": the statement is the event that time introduces. */
function introducesSpeech(text: string, time: Span, attribution: Span): boolean {
  if (attribution.start < time.end) return false;
  return /^[\s,]*when\b/i.test(text.slice(time.end, attribution.start)) && attribution.start - time.end < 200;
}

function normalised(s: StatementDraft): Span {
  return s.attribution && s.attribution.end > s.attribution.start ? s.attribution : { start: s.start, end: s.end };
}

/**
 * The time expression that governs one statement, or null. Candidates are the time expressions
 * of the sentences holding the statement and its attribution, outside any statement's text and
 * outside quotations, and not in a clause about another event; the one inside the attribution
 * clause wins, else the one nearest to it.
 */
export function governingTime(
  doc: Pick<Doc, 'input' | 'sentences'>,
  times: TimeExpression[],
  statements: StatementDraft[],
  index: number,
  quotes: Span[] = quotedSpans(doc.input.text),
  sentences: Span[] = sentenceSpans(doc),
): TimeExpression | null {
  const text = doc.input.text;
  const st = statements[index]!;
  const attribution = normalised(st);
  const region = sentences.filter((s) => overlaps(s, attribution) || overlaps(s, st));
  if (!region.length) return null;
  // tier 0: in the attribution clause; 1: elsewhere in the sentence; 2: in an after/before clause
  const candidates: { t: TimeExpression; tier: number; distance: number }[] = [];
  for (const t of times) {
    const sentence = region.find((s) => inside(t, s));
    if (!sentence) continue;
    if (statements.some((o) => overlaps(t, o))) continue;
    if (quotes.some((q) => inside(t, q))) continue;
    let tier = overlaps(t, attribution) ? 0 : 1;
    if (!introducesSpeech(text, t, attribution)) {
      const clause = clauseBefore(text, sentence, t.start);
      if (OTHER_EVENT_RE.test(clause)) continue;
      if (NEARBY_EVENT_RE.test(clause)) tier = 2;
    }
    const distance = t.end <= attribution.start ? attribution.start - t.end : Math.max(0, t.start - attribution.end);
    candidates.push({ t, tier, distance });
  }
  if (!candidates.length) return null;
  candidates.sort((a, b) => a.tier - b.tier || a.distance - b.distance);
  return candidates[0]!.t;
}

/** Continuation statements ("he added", a second quote of the same speaker) inherit the previous one's date. */
const CONTINUATION_SENTENCES = 2;

/** Dates every statement; pure apart from reading `doc`. */
export function assignStatementDates(doc: Doc, times: TimeExpression[]): StatementDraft[] {
  const quotes = quotedSpans(doc.input.text);
  const sentences = sentenceSpans(doc);
  const sentenceIndex = (at: number) => sentences.findIndex((s) => at >= s.start && at < s.end);
  const order = doc.statements.map((_, i) => i).sort((a, b) => doc.statements[a]!.start - doc.statements[b]!.start);
  const result: StatementDraft[] = doc.statements.map((s) => ({ ...s }));
  let previous: number | null = null;
  for (const i of order) {
    const st = doc.statements[i]!;
    const t = governingTime(doc, times, doc.statements, i, quotes, sentences);
    let dated: GoverningDate;
    if (t) {
      dated = { date: t.date, dateBasis: t.basis, dateEvidence: t.text };
    } else {
      const prev = previous === null ? null : result[previous]!;
      const here = sentenceIndex(normalised(st).start);
      const there = prev === null ? -1 : sentenceIndex(normalised(prev).start);
      const gap = here >= 0 && there >= 0 ? here - there : Infinity;
      if (prev && prev.speakerId === st.speakerId && prev.dateBasis !== 'publication' && prev.date && gap >= 0 && gap <= CONTINUATION_SENTENCES) {
        dated = { date: prev.date, dateBasis: prev.dateBasis!, dateEvidence: prev.dateEvidence ?? null };
      } else {
        dated = { date: doc.publication, dateBasis: 'publication', dateEvidence: null };
      }
    }
    result[i] = { ...result[i]!, ...dated };
    previous = i;
  }
  // "Obama's announcement" mentioned again without a date is the same, dated announcement
  for (const r of result) {
    if (r.dateBasis !== 'publication') continue;
    const noun = eventNoun(r.cue);
    if (!noun) continue;
    const same = result.find(
      (o) => o !== r && o.speakerId === r.speakerId && o.dateBasis !== 'publication' && eventNoun(o.cue) === noun,
    );
    if (same?.date) Object.assign(r, { date: same.date, dateBasis: same.dateBasis, dateEvidence: same.dateEvidence ?? null });
  }
  return result;
}

/** The speech-event noun of a nominal cue ("announcement of", "in a speech"), if any. */
const EVENT_NOUN_RE = /\b(announcement|speech|address|declaration|pledge|ultimatum|press conference|news conference)\b/i;
function eventNoun(cue: string): string | null {
  const m = EVENT_NOUN_RE.exec(cue);
  return m ? m[1]!.toLowerCase() : null;
}

export const dates: Stage = (doc) => {
  const times = findTimeExpressions(doc.input.text, doc.input.published);
  return { ...doc, times, statements: assignStatementDates(doc, times) };
};
