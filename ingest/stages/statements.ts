/**
 * Stage 4, statements: direct quotes and reported speech, each attributed to a speaker and to the
 * rule that found it. The constructions live in ingest/attribution (one rule each, with examples);
 * this stage runs them per sentence, assigns each quotation to a frame, and emits statements in
 * text order (so pronouns and "the official" see what came before):
 *
 *   indirect   a frame's reported content (rule: the frame's rule)
 *   direct     a quotation, attributed by the frame whose content holds it (quote:in-content), the
 *              tail right after it ("…,” X said": quote:tail), the frame that introduces it
 *              ("X said: “…”": quote:intro), a colon introduction ending the paragraph before
 *              (quote:colon-intro), its own closing attribution when left open (quote:inner-tail),
 *              the nearest frame of its sentence (quote:near), or the voice of the quote before it
 *              (quote:continuation).
 * The title line at the top of an article is not body text: no quote there continues a voice or
 * is attributed without a frame of its own.
 */
import { Resolver, mentionsIn, spanUnion } from '../attribution/speakers.ts';
import { framesOfSentence } from '../attribution/run.ts';
import type { Frame } from '../attribution/types.ts';
import { findQuotes, isModifierScareQuote, quoteMask, quoteTextSpan, type QuoteSpan } from '../text/quotes.ts';
import type { Doc, Sentence, Span, StatementDraft } from '../types.ts';
import { sentenceAt } from './segment.ts';

export { mentionsIn };

/** Is paragraph 0 the article's title line (repeated at the top of the text)? */
export function isTitleLine(doc: Doc, para: Span): boolean {
  const line = doc.input.text.slice(para.start, para.end).trim();
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const title = norm(doc.input.title ?? '');
  if (title && norm(line) === title) return true;
  // a short line with no final punctuation, set apart from the body by a blank line
  return !/[.!?:;,”"’']$/.test(line) && line.split(/\s+/).length <= 20 && /^\r?\n\s*\n/.test(doc.input.text.slice(para.end, para.end + 4));
}

export function statements(doc: Doc): Doc {
  const text = doc.input.text;
  // stages never mutate their input: actors are copied before aliases and roles are added
  const actorsById = new Map([...doc.actors].map(([k, v]) => [k, { ...v, aliases: [...v.aliases] }]));
  const out: StatementDraft[] = [];
  const ctx = new Resolver(doc, actorsById, out);

  let colonFrame: Frame | null = null; // "X said:" ending a paragraph introduces the next one's quote
  const sentencesOfParagraph = new Map<number, (readonly [Sentence, number])[]>();
  doc.sentences.forEach((s, i) => {
    const list = sentencesOfParagraph.get(s.paragraph) ?? [];
    list.push([s, i]);
    sentencesOfParagraph.set(s.paragraph, list);
  });
  for (const para of doc.paragraphs) {
    const title = para.index === 0 && isTitleLine(doc, para);
    const quotes = findQuotes(text, para);
    const mask = quoteMask(quotes, para.start, para.end);
    const sentIdx = (sentencesOfParagraph.get(para.index) ?? []).filter(([s]) => s.start >= para.start && s.end <= para.end);
    const frames: Frame[] = [];
    for (const [s, i] of sentIdx) frames.push(...framesOfSentence({ text, sentence: s, index: i, mask, maskStart: para.start }));
    trimCrossingContents(frames);
    const introducer = title ? null : colonFrame;
    const lastFrame = frames[frames.length - 1];
    colonFrame = !title && lastFrame && /^[^“"]*:\s*$/.test(text.slice(lastFrame.cueSpan.end, para.end)) ? lastFrame : null;

    type Item = { pos: number; run: () => void };
    const items: Item[] = [];
    for (const f of frames) for (const c of f.contents) items.push({ pos: c.start, run: () => emitIndirect(f, c) });
    for (const q of quotes) items.push({ pos: q.start, run: () => emitQuote(q) });
    items.sort((a, b) => a.pos - b.pos);
    for (const it of items) it.run();

    function emitIndirect(f: Frame, c: Span) {
      const content = trimContent(text, c);
      if (!content) return;
      const hasQuote = mask.subarray(content.start - para.start, content.end - para.start).some((x) => x === 1);
      // content that is all quotation is the quote's statement, not a paraphrase of its own
      if (hasQuote ? !substantialOutsideQuotes(text, content, mask, para.start) : text.slice(content.start, content.end).split(/\s+/).length < 2) return;
      const speaker = ctx.resolveFrame(f);
      out.push({
        kind: 'indirect',
        start: content.start,
        end: content.end,
        text: text.slice(content.start, content.end),
        cue: f.cue,
        speakerId: speaker.id,
        speakerMention: text.slice(f.speakerSpan.start, f.speakerSpan.end),
        attribution: spanUnion(f.speakerSpan, f.cueSpan),
        rule: f.rule,
      });
    }

    function emitQuote(q: QuoteSpan) {
      if (isModifierScareQuote(text, q)) return;
      let span: Span = quoteTextSpan(text, q);
      if (span.end <= span.start) return;
      if (isTitleCaseName(text.slice(span.start, span.end))) return;
      let frame: Frame | undefined;
      let rule = '';
      if (!q.closed) {
        // a quote left open may end in its own attribution: "“… the talks, the official added."
        const own = innerTail(text, q, frames);
        if (own) {
          frame = own.frame;
          span = own.span;
          rule = 'quote:inner-tail';
        }
      }
      if (!frame && q.depth === 1) {
        // a quote inside a quote: "“Blinken said ‘we will …,’ but …,” Slim said"
        const nested = nestedIntro(text, q, para.start);
        if (nested) [frame, rule] = [nested, 'quote:nested'];
      }
      if (!frame) {
        const picked = pickFrameForQuote(q, frames, doc, text);
        if (picked) [frame, rule] = picked;
      }
      if (!frame && introducer && q.start - 1 <= para.start) [frame, rule] = [introducer, 'quote:colon-intro'];
      if (frame) {
        const speaker = ctx.resolveFrame(frame);
        out.push({ kind: 'direct', start: span.start, end: span.end, text: text.slice(span.start, span.end), cue: frame.cue, speakerId: speaker.id, speakerMention: text.slice(frame.speakerSpan.start, frame.speakerSpan.end), attribution: spanUnion(frame.speakerSpan, frame.cueSpan), rule });
        return;
      }
      if (title || q.depth === 1) return;
      // continuation: the paragraph's (or the previous paragraph's) last quote by the same voice
      const prev = out[out.length - 1];
      const words = text.slice(span.start, span.end).split(/\s+/).length;
      // a short quote continues the voice only as a whole sentence of its own ("“We'll keep talking.”")
      const wholeSentence = /[.!?]$/.test(text.slice(span.start, span.end)) && /(?:^|[.!?”"’']\s+)$/.test(text.slice(para.start, q.start - 1));
      if (!prev || (words < 4 && !wholeSentence)) return;
      const prevPara = doc.sentences[sentenceAt(doc.sentences, prev.start)]?.paragraph ?? -99;
      const gap = para.index - prevPara;
      const quoteStartsPara = q.start - 1 <= para.start;
      if (!(gap === 0 || (gap === 1 && quoteStartsPara))) return;
      if (!actorsById.has(prev.speakerId) && !ctx.created.some((a) => a.id === prev.speakerId)) return;
      out.push({ ...prev, kind: 'direct', start: span.start, end: span.end, text: text.slice(span.start, span.end), rule: 'quote:continuation' });
    }
  }

  const seen = new Set<string>();
  const unique = out.filter((s) => {
    // the same span found by two frames, or a standfirst repeating a sentence of the body
    const k = `${s.kind}:${s.start}:${s.end}`;
    const k2 = `${s.kind}:${s.speakerId}:${s.text}`;
    if (seen.has(k) || seen.has(k2)) return false;
    seen.add(k);
    seen.add(k2);
    return true;
  });
  for (const a of ctx.created) if (!actorsById.has(a.id)) actorsById.set(a.id, a);
  return { ...doc, actors: actorsById, mentions: [...doc.mentions, ...ctx.newMentions].sort((a, b) => a.start - b.start), statements: unique };
}

/**
 * "X demanded P, but Q, officials said": a forward frame's content stops where a later tail frame's
 * content begins (the conjunction before it goes with neither).
 */
function trimCrossingContents(frames: Frame[]): void {
  for (const f of frames) {
    f.contents = f.contents.map((c) => {
      let end = c.end;
      for (const g of frames) {
        if (g === f || !g.tail) continue;
        const gStart = Math.min(g.speakerSpan.start, g.cueSpan.start, ...g.contents.map((x) => x.start));
        if (gStart > c.start && gStart < end) end = gStart;
      }
      return { start: c.start, end };
    });
  }
}

const INNER_TAIL = /,\s+((?:the|a|an)\s+[\w’' -]{1,40}?|he|she|they|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(said|added|says|adds|told [\w ]{1,30}?|explained|noted|continued|stressed|warned)\s*\.?\s*$/;

/** "“… the talks, the official added." — an open quote that closes with its own attribution. */
function innerTail(text: string, q: QuoteSpan, frames: Frame[]): { frame: Frame; span: Span } | null {
  const inner = text.slice(q.start, q.end);
  const m = INNER_TAIL.exec(inner);
  if (!m) return null;
  const spStart = q.start + m.index + m[0].indexOf(m[1]!);
  const cueStart = spStart + m[1]!.length + 1;
  const frame: Frame = { rule: 'quote:inner-tail', sentence: -1, speakerSpan: { start: spStart, end: spStart + m[1]!.length }, cue: m[2]!, cueSpan: { start: cueStart, end: cueStart + m[2]!.length }, contents: [], tail: true, speakerId: null };
  void frames;
  return { frame, span: quoteTextSpan(text, { start: q.start, end: q.start + m.index }) };
}

const NESTED_INTRO = /([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|he|she|they)\s+(said|says|told \w+|added|wrote|asked)\s*,?\s*:?\s*$/;

/** "… Blinken said ‘…’": the speaker named right before a quotation nested in another one. */
function nestedIntro(text: string, q: QuoteSpan, paraStart: number): Frame | null {
  const before = text.slice(Math.max(paraStart, q.start - 80), q.start - 1);
  const m = NESTED_INTRO.exec(before);
  if (!m) return null;
  const spStart = q.start - 1 - before.length + m.index;
  const cueStart = spStart + m[1]!.length + 1;
  return { rule: 'quote:nested', sentence: -1, speakerSpan: { start: spStart, end: spStart + m[1]!.length }, cue: m[2]!, cueSpan: { start: cueStart, end: cueStart + m[2]!.length }, contents: [], tail: false, speakerId: null };
}

const SMALL_WORD = String.raw`(?:of|the|a|an|and|in|on|for|to|from|at|with|by|or)`;
const TITLE_CASE = new RegExp(String.raw`^[A-Z0-9][\w'’.&-]*(?:\s+(?:[A-Z0-9][\w'’.&:-]*|${SMALL_WORD}))*[.,!?]?$`);

/**
 * A short quotation in title case names something (a show, a book, a slogan, a nickname, a letter
 * grade: “Meet the Press”, “Evil Empire”, “R”): it is not a statement. Shouted all-capital quotes
 * of three words or more (a post in capitals) are still statements.
 */
export function isTitleCaseName(quoted: string): boolean {
  const words = quoted.trim().split(/\s+/);
  if (words.length > 6 || !TITLE_CASE.test(quoted.trim())) return false;
  const shouted = words.length >= 3 && quoted === quoted.toUpperCase() && /[A-Z]{2}/.test(quoted);
  return !shouted;
}

const textBetween = (text: string, a: number, b: number) => (b > a ? text.slice(a, b) : '');

/** The frame that attributes a quotation, and the rule that linked them. */
function pickFrameForQuote(q: QuoteSpan, frames: Frame[], doc: Doc, text: string): [Frame, string] | undefined {
  const openMark = q.start - 1;
  const closeMark = q.closed ? q.end : q.end - 1;
  const sOpen = sentenceAt(doc.sentences, openMark);
  const sClose = sentenceAt(doc.sentences, closeMark);
  // the quote sits inside a frame's reported content
  const inside = frames.find((f) => f.contents.some((c) => c.start <= q.start && q.end <= c.end + 2));
  if (inside) return [inside, 'quote:in-content'];
  // the frame right after the closing mark ("…,” he said.)
  const tail = frames.find((f) => (f.sentence === sClose || (f.tail && f.sentence === sClose + 1)) && f.cueSpan.start >= q.end && /^[\s”"'’,]*$/.test(textBetween(text, q.end, Math.min(f.speakerSpan.start, f.cueSpan.start))));
  if (tail) return [tail, 'quote:tail'];
  // a frame that introduces it ("X said: “…”", "X said that “…”", "X told reporters on Tuesday: “…”")
  const head = frames.find((f) => f.sentence === sOpen && f.cueSpan.end <= openMark && !f.tail && /^[\s,:]*(?:that)?[\s,:]*(?:[\w’'.-]+\s+){0,6}?[\s,:]*$/.test(textBetween(text, f.cueSpan.end, openMark)));
  if (head) return [head, 'quote:intro'];
  // a tail frame of the sentence the quote closes in ("“A.” “B,” she said" attributes A as well)
  if (q.depth === 1) return undefined;
  // a short phrase in quotes outside any frame's content is a scare quote of the narration ("a “dark horse”")
  const qs = quoteTextSpan(text, q);
  const quoted = text.slice(qs.start, qs.end);
  if (quoted.split(/\s+/).length <= 3 && !/[.!?]$/.test(quoted)) return undefined;
  const near = frames.filter((f) => f.sentence === sOpen || f.sentence === sClose);
  const best = near.sort((a, b) => Math.abs(a.cueSpan.start - q.start) - Math.abs(b.cueSpan.start - q.start))[0];
  return best ? [best, 'quote:near'] : undefined;
}

function trimContent(text: string, c: Span): Span | null {
  let { start, end } = c;
  while (start < end && /[\s,:'"]/.test(text[start]!)) start++;
  while (end > start && /[\s,;:—'"]/.test(text[end - 1]!)) end--;
  return end - start >= 3 ? { start, end } : null;
}

const FINITE = /\b(?:is|are|was|were|has|have|had|will|would|could|can|cannot|should|may|might|must|did|does|do|won’t|can’t|isn’t|wasn’t|aren’t)\b|[’']s\b|\b[a-z]{3,}ed\b/;
const FUNCTION_WORDS = new Set('a an the of to in on at for with by from and or but as that this it its their his her new would will be is was'.split(' '));

/** Reported content around a quote is a statement of its own when it says something outside the quote: a clause ("the strike was a “…”") or several content words. */
function substantialOutsideQuotes(text: string, c: Span, mask: Uint8Array, paraStart: number): boolean {
  let s = '';
  for (let i = c.start; i < c.end; i++) s += mask[i - paraStart] ? ' ' : text[i];
  const words = s.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));
  const content = words.filter((w) => !FUNCTION_WORDS.has(w.toLowerCase())).length;
  if (content >= 3) return true;
  // a noun-phrase subject whose predicate is the quote: "the council “cannot be trusted”"
  if (content >= 2 && /^(?:the\s+)?[A-Z]/.test(s.trim()) && FINITE.test(text.slice(c.start, c.end)) && !FINITE.test(s)) return true;
  return words.length >= 3 && FINITE.test(s) && !/^(?:it|they|he|she|we|i|this|that)(?:\s+(?:would|will|could|should|must|may|might|is|was|are|were|be|been|have|has|had|not|also|still|never))+\s*(?:an?|the)?\s*$/i.test(s.replace(/\s+/g, ' ').trim());
}
