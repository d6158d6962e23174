/**
 * Frames whose cue comes AFTER (or inside) what was said:
 *   inverted-tail   "CONTENT, X said." / "CONTENT, said X, the …" (also lowercase: "said the senior official, who …")
 *   parenthetical   "CONTENT, X said, CONTENT." — the attribution sits inside the reported sentence
 *   according-to    "According to X, CONTENT." / "CONTENT, according to X."
 * A tail right after a closing quote attributes the quote (no indirect content of its own).
 */
import { subjectOf, verbAt, type TaggedSentence } from '../../syntax/index.ts';
import type { Span } from '../../types.ts';
import { QUOTE_MARK, clauseStartsAt, complementAt, contentEnd, npAt, npWithAttachments, skipAdjuncts, tokSpan } from '../clause.ts';
import type { Frame, Rule, SentenceContext } from '../types.ts';
import { cueHits } from './verb-frames.ts';

/**
 * Tokens [from, end) hold a clause (a finite verb after some words of its own), not only a fronted
 * adverbial ("After reciting the passage", "In his speech", "Asked about the poll").
 */
function hasClause(ctx: SentenceContext, from: number, end: number): boolean {
  const ts = ctx.tagged;
  const tk = ts.tokens;
  const first = tk[from]!;
  const adverbialStart = (first.pos === 'VERB' && ts.verbs.some((v) => v.first === from && v.nonFinite)) || /^(?:ADP|SCONJ)$/.test(first.pos) || /(?:ed|ing)$/.test(first.lower) && first.pos === 'VERB';
  const commaInside = tk.slice(from, end).some((t, k) => t.text === ',' && !ctx.inQuote[from + k]);
  if (adverbialStart && !commaInside) return false;
  return ts.verbs.some((v) => v.first > from && v.last < end && !v.nonFinite && tk[v.first - 1]!.text !== ',');
}

/** A finite verb group starts at token i ("…, X said, was on their side"): the predicate of a subject before the attribution. */
function predicateAt(ts: TaggedSentence, i: number): boolean {
  const v = verbAt(ts, i);
  return !!v && v.first === i && !v.nonFinite && (v.tense === 'past' || v.tense === 'present' || !!v.modal || ts.tokens[i]!.pos === 'AUX');
}

const INVERTED_NOT_SPEAKER = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|week|month|year|morning|afternoon|evening|night|weekend|time|times|day|days|ago|january|february|march|april|may|june|july|august|september|october|november|december)$/;

/** A determined common-noun phrase starts at token i ("her leadership role", "the bill"): an object, not a time or a name. */
function directObjectAt(ts: TaggedSentence, i: number): boolean {
  const np = npAt(ts, i);
  if (!np) return false;
  const head = ts.tokens[np.head]!;
  return /^(?:DET|PRON)$/.test(ts.tokens[np.first]!.pos) && np.first !== np.head && head.pos === 'NOUN' && !INVERTED_NOT_SPEAKER.test(head.lower);
}

const complementAfterSubject = (ts: TaggedSentence, i: number) => /^(?:that|to)$/.test(ts.tokens[i]?.lower ?? '');

/** First token of a sentence's content: after a dateline ("WASHINGTON —", "BOSTON (AP) —") and a leading "But"/"And". */
export function contentStart(ts: TaggedSentence): number {
  const tk = ts.tokens;
  let i = 0;
  const dash = tk.findIndex((t, k) => k < 10 && (/^(?:—|–|--)$/.test(t.text) || (t.text === '-' && tk[k - 1] && t.start > tk[k - 1]!.end)));
  if (dash > 0 && tk.slice(0, dash).every((t) => t.text === t.text.toUpperCase() || /^[(),.]$/.test(t.text) || t.pos === 'PROPN')) i = dash + 1;
  return i;
}

/** Content before a tail attribution that ends at token `commaAt` (exclusive); starts after an earlier frame's clause if there is one. */
function contentBefore(ctx: SentenceContext, commaAt: number): { from: number; quoteOnly: boolean } {
  const ts = ctx.tagged;
  const tk = ts.tokens;
  let from = contentStart(ts);
  // "X demanded P, but Q, officials said": Q starts after the conjunction that follows the earlier frame
  for (const f of ctx.earlier) {
    if (f.cueSpan.end > tk[commaAt - 1]!.end) continue;
    for (let i = commaAt - 1; i > from; i--) {
      if (tk[i]!.start < f.cueSpan.end) break;
      if (!ctx.inQuote[i] && (tk[i]!.pos === 'CCONJ' || tk[i]!.text === ';') && tk[i - 1]?.text === ',') {
        from = i + 1;
        break;
      }
    }
  }
  let quoteOnly = true;
  for (let i = from; i < commaAt; i++) if (!ctx.inQuote[i] && !/^[,.;:!?—–-]$/.test(tk[i]!.text)) quoteOnly = false;
  return { from, quoteOnly };
}

function tailFrames(ctx: SentenceContext, want: 'inverted-tail' | 'parenthetical'): Frame[] {
  const ts = ctx.tagged;
  const tk = ts.tokens;
  const out: Frame[] = [];
  for (const hit of cueHits(ctx)) {
    // "…, which were claimed by X": a passive cue reports nothing of its subject's
    if (!hit.cue.features.has('tail') || hit.v.negated || hit.v.passive) continue;
    const { v } = hit;
    let speaker: Span | null = null;
    let boundary = -1; // index of the comma / closing quote before the attribution
    let after = -1; // first token after the attribution
    const before = tk[v.first - 1];
    const closesQuote = (i: number) => i >= 0 && ctx.inQuote[i] === 1 && QUOTE_MARK.test(tk[i]!.text);
    if (before && (before.text === ',' || closesQuote(v.first - 1))) {
      // "…, said X[, the …]" — the speaker follows the cue (a name, "the senior official", "one voter")
      const np = npAt(ts, hit.next);
      // "…, said the deal violated …" is a forward frame with a clause, not an inverted speaker
      // the noun phrase after "told" is the addressee, and "said Thursday" names a day, not a speaker
      const head = np ? tk[np.head]! : undefined;
      // nor is a gerund ("…, reported spending $6 million") or the object of a list of verb phrases ("hosts a show, writes a column and …")
      const afterNp = np ? tk[npWithAttachments(ts, np, 2)] : undefined;
      const afterConj = np ? npWithAttachments(ts, np, 2) + 1 : -1;
      const listed = afterNp?.pos === 'CCONJ' && (/^(?:AUX|VERB)$/.test(tk[afterConj]?.pos ?? '') || /^(?:DET|PRON)$/.test(tk[afterConj + 1]?.pos ?? ''));
      const notSpeaker = hit.cue.features.has('addressee') || listed || (head && (INVERTED_NOT_SPEAKER.test(head.lower) || /^(?:that|this|it|which)$/.test(head.lower) || /ing$/.test(tk[np!.first]!.lower)));
      // inversion takes a bare cue ("…, said X"), not one with auxiliaries ("…, would continue her role")
      if (np && !notSpeaker && v.first === v.head && !ctx.inQuote[np.first] && !clauseStartsAt(ts, hit.next) && !complementAfterSubject(ts, np.last + 1)) {
        speaker = { start: np.start, end: tk[npWithAttachments(ts, np, 2) - 1]!.end };
        boundary = v.first - 1;
        after = npWithAttachments(ts, np, 2);
      }
    }
    let afterQuoteSentence = false;
    if (!speaker) {
      const subj = subjectOf(ts, v);
      const b = subj ? subj.first - 1 : -1;
      // "…, who added to her lead": a relative clause after a comma, no attribution
      if (subj && /^(?:who|which|that|whom)$/.test(tk[subj.head]!.lower)) continue;
      if (subj && b >= 0 && (tk[b]!.text === ',' || closesQuote(b))) {
        speaker = { start: subj.start, end: subj.end };
        boundary = b;
      } else if (subj && subj.first === contentStart(ts) && /[”"'’][\s]*$/.test(ctx.text.slice(Math.max(0, ctx.sentence.start - 3), ctx.sentence.start))) {
        // "“Why is he attacking me?” Trump said." — the quote closed the sentence before
        speaker = { start: subj.start, end: subj.end };
        boundary = subj.first;
        afterQuoteSentence = true;
      }
      if (speaker) {
        // "…,” Kasich told a crowd in Berea on Tuesday.": the addressee and adjuncts are part of the attribution
        let a = skipAdjuncts(ts, hit.next, ctx.inQuote);
        const obj = hit.cue.features.has('addressee') ? npAt(ts, a) : undefined;
        if (obj && !clauseStartsAt(ts, a)) a = skipAdjuncts(ts, npWithAttachments(ts, obj, 2), ctx.inQuote);
        // "…, X would continue her leadership role": a cue with a direct object of its own is no tail
        else if (!obj && directObjectAt(ts, a) && !ctx.inQuote[a] && !hit.cue.features.has('object')) continue;
        after = a;
        // "…, a spokesperson said in a statement that …": the cue has its content after it, so it is no tail
        const comp = complementAt(ts, a, hit.cue, ctx.inQuote);
        if (comp.kind !== 'none' && comp.kind !== 'quote' && !afterQuoteSentence) speaker = null;
      }
    }
    if (!speaker || boundary < 0) continue;
    // what follows the attribution: the sentence end (a tail) or more of the reported sentence (a parenthetical)
    let k = after;
    // an appositive or relative clause about the speaker (", a former aide", ", who spoke on condition …") ends the sentence's tail;
    // a clause after the comma means the attribution sat inside the reported sentence
    // — unless the reported sentence's own predicate follows ("The trouble, Frank writes, began …": subject, attribution, verb)
    if (tk[k]?.text === ',' && !ctx.inQuote[k + 1] && (/^(?:who|which|whose)$/.test(tk[k + 1]?.lower ?? '') || (!clauseStartsAt(ts, k + 1) && !predicateAt(ts, k + 1)))) k = tk.length;
    while (k < tk.length && /^[.!?]$/.test(tk[k]!.text)) k++;
    const tailEnd = k >= tk.length || closesQuote(k) || (ctx.inQuote[k] === 1 && QUOTE_MARK.test(tk[k]!.text)) || (/^[,:]$/.test(tk[k]!.text) && ctx.inQuote[k + 1] === 1);
    const mid = !tailEnd && tk[k]?.text === ',' && !ctx.inQuote[k + 1];
    // the attribution runs on ("… said during a discussion hosted by …"): still a tail unless a clause follows its comma
    const runsOn = !tailEnd && !mid && !tk.slice(k).some((t, j) => t.text === ',' && !ctx.inQuote[k + j] && clauseStartsAt(ts, k + j + 1));
    if (want === 'inverted-tail' && !tailEnd && !runsOn) continue;
    if (want === 'parenthetical' && !mid) continue;
    const { from, quoteOnly } = afterQuoteSentence ? { from: 0, quoteOnly: true } : contentBefore(ctx, boundary + (tk[boundary]!.text === ',' ? 0 : 1));
    const contents: Span[] = [];
    if (want === 'parenthetical') {
      // the reported sentence runs on both sides of the attribution: one statement over the whole
      const end = contentEnd(ctx, k + 1, null);
      if (end > from && !quoteOnly) contents.push(tokSpan(ts, from, end));
      else if (end > k + 1) contents.push(tokSpan(ts, k + 1, end));
    } else if (!quoteOnly && boundary > from) {
      let end = boundary;
      while (end > from && /^[,.;:—–-]$/.test(tk[end - 1]!.text)) end--;
      // "After reciting the passage, Beck said …": a fronted adverbial is not what was said
      if (end > from && hasClause(ctx, from, end)) contents.push(tokSpan(ts, from, end));
    }
    const cueEnd = tk[hit.next - 1]!.end;
    out.push({ rule: want, sentence: ctx.index, speakerSpan: speaker, cue: ctx.text.slice(v.start, cueEnd), cueSpan: { start: v.start, end: cueEnd }, contents, tail: true, speakerId: null });
  }
  return out;
}

export const invertedTail: Rule = {
  name: 'inverted-tail',
  construction: 'CONTENT, X <cue>. | CONTENT, <cue> X[, appositive]. | “QUOTE,” X <cue>.',
  examples: [
    { sentence: 'The plant will close by March, the company said.', frames: [{ speaker: 'the company', cue: 'said', content: 'The plant will close by March' }] },
    { sentence: 'The talks were productive, said Omar Haddad, a negotiator for the union.', frames: [{ speaker: 'Omar Haddad', cue: 'said', content: 'The talks were productive' }] },
    { sentence: 'Nobody expected the recount to change much, said the senior official, who spoke on condition of anonymity.', frames: [{ speaker: 'the senior official', cue: 'said', content: 'Nobody expected the recount to change much' }] },
    { sentence: 'The city never had a plan, residents say.', frames: [{ speaker: 'residents', cue: 'say', content: 'The city never had a plan' }] },
    { sentence: '“We will not back down,” the chairwoman said.', frames: [{ speaker: 'the chairwoman', cue: 'said' }] },
    { sentence: 'The board wanted a delay, but the deal is now final, lawyers for the firm said.', frames: [{ speaker: 'lawyers for the firm', cue: 'said', content: 'The board wanted a delay, but the deal is now final' }] },
  ],
  apply: (ctx) => tailFrames(ctx, 'inverted-tail'),
};

export const parenthetical: Rule = {
  name: 'parenthetical',
  construction: 'CONTENT, X <cue>, CONTENT.',
  examples: [
    { sentence: 'In any case, the manager said, the store was losing money.', frames: [{ speaker: 'the manager', cue: 'said', content: 'In any case, the manager said, the store was losing money' }] },
    // the attribution between the reported sentence's subject and its verb
    { sentence: 'The delay, the engineer said, was caused by a faulty valve.', frames: [{ speaker: 'the engineer', cue: 'said', content: 'The delay, the engineer said, was caused by a faulty valve' }] },
  ],
  apply: (ctx) => tailFrames(ctx, 'parenthetical'),
};

export const accordingTo: Rule = {
  name: 'according-to',
  construction: 'According to X, CONTENT. | CONTENT, according to X. | CONTENT, as reported by X.',
  examples: [
    { sentence: 'According to the police report, the driver was not speeding.', frames: [{ speaker: 'the police report', cue: 'According to', content: 'the driver was not speeding' }] },
    { sentence: 'Turnout fell by a third, according to county election officials.', frames: [{ speaker: 'county election officials', cue: 'according to', content: 'Turnout fell by a third' }] },
    // inside the reported sentence (the whole sentence is the content, as for a parenthetical), or after a colon
    { sentence: 'The delay, according to the engineer, was caused by a faulty valve.', frames: [{ speaker: 'the engineer', cue: 'according to', content: 'The delay, according to the engineer, was caused by a faulty valve' }] },
    { sentence: 'Few noticed: according to the census, the town has shrunk by half.', frames: [{ speaker: 'the census', cue: 'according to', content: 'the town has shrunk by half' }] },
    { sentence: 'Turnout fell, according to officials, who spoke on condition of anonymity.', frames: [{ speaker: 'officials', cue: 'according to', content: 'Turnout fell' }] },
    { sentence: 'The two companies will merge next year, as reported by the Daily Ledger.', frames: [{ speaker: 'the Daily Ledger', cue: 'as reported by', content: 'The two companies will merge next year' }] },
  ],
  apply(ctx) {
    const ts = ctx.tagged;
    const tk = ts.tokens;
    const out: Frame[] = [];
    for (let i = 0; i + 2 < tk.length; i++) {
      const asReported = tk[i]!.lower === 'as' && tk[i + 1]!.lower === 'reported' && tk[i + 2]?.lower === 'by';
      if (!((tk[i]!.lower === 'according' && tk[i + 1]!.lower === 'to') || asReported) || ctx.inQuote[i]) continue;
      const np = npAt(ts, i + (asReported ? 3 : 2));
      if (!np) continue;
      const spEnd = npWithAttachments(ts, np, 3);
      const speakerSpan = { start: np.start, end: tk[spEnd - 1]!.end };
      const cueSpan = { start: tk[i]!.start, end: tk[i + (asReported ? 2 : 1)]!.end };
      let start = contentStart(ts);
      // "And it hasn't gone unnoticed: According to X, P": the attribution opens the clause after a colon
      if (i > start + 1 && (tk[i - 1]!.text === ':' || tk[i - 1]!.text === ';')) start = i;
      const contents: Span[] = [];
      let tail = false;
      // "P1, according to X, P2": the attribution sits inside the reported sentence, which runs on after it
      let afterSpeaker = spEnd;
      if (tk[afterSpeaker]?.text === ',' && npAt(ts, afterSpeaker + 1) && !clauseStartsAt(ts, afterSpeaker + 1) && !predicateAt(ts, afterSpeaker + 1)) {
        // an appositive about the source (", another former envoy,") before the sentence goes on
        const appEnd = tk.findIndex((t, k) => k > afterSpeaker + 1 && t.text === ',' && !ctx.inQuote[k]);
        if (appEnd > 0 && appEnd - afterSpeaker < 15) afterSpeaker = appEnd;
      }
      const runsOn = i > start + 1 && tk[afterSpeaker]?.text === ',' && !ctx.inQuote[afterSpeaker] && !/^(?:who|which|whose|whom)$/.test(tk[afterSpeaker + 1]?.lower ?? '') && (clauseStartsAt(ts, afterSpeaker + 1) || predicateAt(ts, afterSpeaker + 1));
      if (runsOn) {
        const end = contentEnd(ctx, afterSpeaker + 1, null);
        const { from } = contentBefore(ctx, i);
        if (end > afterSpeaker + 1) contents.push(tokSpan(ts, from, end));
      } else if (i <= start + 1) {
        // "According to X, CONTENT."
        let c = spEnd;
        while (c < tk.length && tk[c]!.text !== ',') c++;
        const end = contentEnd(ctx, c + 1, null);
        if (end > c + 1) contents.push(tokSpan(ts, c + 1, end));
      } else {
        // "CONTENT, according to X."
        tail = true;
        const { from, quoteOnly } = contentBefore(ctx, i);
        // "X said …, according to CNN": the outlet only relays X's statement
        if (ctx.earlier.some((f) => f.cueSpan.start >= tk[from]!.start && f.cueSpan.end <= tk[i]!.start)) continue;
        let end = i;
        while (end > from && /^[,.;:—–-]$/.test(tk[end - 1]!.text)) end--;
        if (!quoteOnly && end > from) contents.push(tokSpan(ts, from, end));
      }
      out.push({ rule: 'according-to', sentence: ctx.index, speakerSpan, cue: ctx.text.slice(cueSpan.start, cueSpan.end), cueSpan, contents, tail, speakerId: null });
    }
    return out;
  },
};

/**
 * as-clause: "As X noted, CONTENT." / "CONTENT, as X reported." / "CONTENT, as X wrote, CONTENT." — a
 * comparative "as" clause whose cue has no complement of its own attributes the sentence around it.
 */
export const asClause: Rule = {
  name: 'as-clause',
  construction: 'As X <cue>, CONTENT. | CONTENT, as X <cue>. | CONTENT, as X <cue>, CONTENT.',
  examples: [
    { sentence: 'As the county clerk noted, turnout fell in every precinct.', frames: [{ speaker: 'the county clerk', cue: 'noted', content: 'turnout fell in every precinct' }] },
    { sentence: 'The mill closed in 1998, as the local paper reported.', frames: [{ speaker: 'the local paper', cue: 'reported', content: 'The mill closed in 1998' }] },
    { sentence: 'Only last spring, as two historians have pointed out, the archive was nearly sold.', frames: [{ speaker: 'two historians', cue: 'have pointed out', content: 'Only last spring, as two historians have pointed out, the archive was nearly sold' }] },
  ],
  apply(ctx) {
    const ts = ctx.tagged;
    const tk = ts.tokens;
    const out: Frame[] = [];
    const start = contentStart(ts);
    for (const hit of cueHits(ctx)) {
      const { v } = hit;
      if (v.negated || v.nonFinite || v.passive || !hit.cue.features.has('tail')) continue;
      const subj = subjectOf(ts, v);
      if (!subj) continue;
      const as = subj.first - 1;
      if (tk[as]?.lower !== 'as' || ctx.inQuote[as]) continue;
      const fronted = as === start || (as === start + 1 && /^(?:but|and|yet|so)$/i.test(tk[start]!.text));
      if (!fronted && tk[as - 1]?.text !== ',') continue;
      // the cue takes nothing: the sentence's end or a comma follows it (after its adjuncts)
      const after = skipAdjuncts(ts, hit.next, ctx.inQuote);
      const atEnd = after >= tk.length || /^[.!?]$/.test(tk[after]!.text);
      if (!atEnd && tk[after]!.text !== ',') continue;
      const speakerSpan = { start: subj.start, end: subj.end };
      const cueEnd = tk[hit.next - 1]!.end;
      const contents: Span[] = [];
      if (fronted) {
        if (atEnd) continue;
        const end = contentEnd(ctx, after + 1, null);
        if (end > after + 1 && hasClause(ctx, after + 1, end)) contents.push(tokSpan(ts, after + 1, end));
      } else {
        const { from } = contentBefore(ctx, as - 1);
        let end = atEnd ? as - 1 : contentEnd(ctx, after + 1, null);
        if (atEnd) while (end > from && /^[,.;:—–-]$/.test(tk[end - 1]!.text)) end--;
        if (end > from && hasClause(ctx, from, end)) contents.push(tokSpan(ts, from, end));
      }
      if (!contents.length) continue;
      out.push({ rule: 'as-clause', sentence: ctx.index, speakerSpan, cue: ctx.text.slice(v.start, cueEnd), cueSpan: { start: v.start, end: cueEnd }, contents, tail: !fronted, speakerId: null });
    }
    return out;
  },
};
