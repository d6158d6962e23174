/**
 * Clause helpers the attribution rules share: adjuncts between a cue and its content ("said in a
 * statement on Tuesday that"), the complement the cue takes (that-clause, bare clause, infinitive,
 * object, question), and where reported content ends.
 */
import { subjectOf, verbAt, type Chunk, type TaggedSentence, type Token, type VerbGroup } from '../syntax/index.ts';
import type { Span } from '../types.ts';
import type { SentenceContext } from './types.ts';
import type { CueFeature, CueVerb, Vocabulary } from './vocabulary.ts';

const TIME_WORDS = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|week|weekend|month|year|earlier|later|recently|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|aug|sept|oct|nov|dec|spring|summer|fall|autumn|winter|day|days|weeks|months|years|ago|once|again|decade)$/;
const ADJUNCT_PREPS = new Set(['in', 'on', 'at', 'during', 'after', 'before', 'from', 'via', 'with', 'through', 'over', 'to', 'in', 'into', 'outside', 'inside', 'near', 'while', 'under', 'since', 'late', 'early', 'last', 'this', 'next', 'by']);
const QUESTION_WORDS = new Set(['whether', 'if', 'how', 'why', 'what', 'when', 'where', 'who', 'which', 'whom']);
const SPEECH_NOUN_HEADS = /^(?:complaints?|claims?|accusations?|allegations?|statements?|remarks|comments|questions?|demands?|calls?|criticism|charges?|reports?)$/;
const AUDIENCE = /^(?:reporters|journalists|media|press|audience|crowd|supporters|voters|lawmakers|members|students|viewers|listeners|readers|delegates|donors|workers|congress|parliament)$/;
const FRONTED_ADVERBIAL = /^(?:despite|although|though|while|because|unless|once|since|after|before|without|given|as|until|in|under|with|by)$/;
const AUDIENCE_OR_CROWD = /^(?:reporters|journalists|media|press|audience|crowd|crowds|supporters|voters|lawmakers|members|students|viewers|listeners|readers|delegates|donors|workers|me|us|him|her|them|you|rally|gathering)$/;
export const QUOTE_MARK = /^(?:["“”‘’'`]|'')$/;

export const isPunct = (t: Token | undefined, ch: string) => !!t && t.text === ch;
const isTimeToken = (t: Token | undefined) => !!t && TIME_WORDS.test(t.lower);
/** "March 3", "Jan. 5, 2016": a day number only counts after a month or time word */
const isDayNumber = (t: Token | undefined) => !!t && /^\d{1,4}(?:st|nd|rd|th)?$/.test(t.lower);

export function npAt(ts: TaggedSentence, i: number): Chunk | undefined {
  return ts.nps.find((c) => c.first === i);
}

/** The end (exclusive token index) of a noun phrase with its of/for/at attachments: "a spokesman for the mayor of Boston". */
export function npWithAttachments(ts: TaggedSentence, np: Chunk, max = 3): number {
  let end = np.last + 1;
  for (let k = 0; k < max; k++) {
    const p = ts.tokens[end];
    if (!p || p.pos !== 'ADP' || !/^(?:of|for|at|from|with|in)$/.test(p.lower)) break;
    const next = npAt(ts, end + 1);
    if (!next) break;
    end = next.last + 1;
  }
  return end;
}

/**
 * Skips adjuncts after a cue: adverbs, time phrases ("Tuesday", "last week"), prepositional phrases
 * ("in a statement", "on CNN", "to reporters"), and an inserted ", in an interview," — but not a
 * "to" that opens an infinitive. Returns the first token of what follows.
 */
export function skipAdjuncts(ts: TaggedSentence, p: number, inQuote: Uint8Array): number {
  const tk = ts.tokens;
  for (let guard = 0; guard < 8 && p < tk.length; guard++) {
    const t = tk[p]!;
    if (inQuote[p]) return p;
    if (t.pos === 'ADV' && !QUESTION_WORDS.has(t.lower) && !/^(?:so|there|not|then)$/.test(t.lower)) {
      p++;
      continue;
    }
    const possessive = /^['’]s?$/.test(tk[p + 1]?.text ?? '');
    if (!possessive && (isTimeToken(t) || (/^(?:last|this|next|late|early|earlier)$/.test(t.lower) && isTimeToken(tk[p + 1])))) {
      const np = npAt(ts, p);
      p = np ? np.last + 1 : p + 1;
      while (isTimeToken(tk[p]) || (isDayNumber(tk[p]) && isTimeToken(tk[p - 1])) || (tk[p]?.text === ',' && isDayNumber(tk[p + 1]) && isDayNumber(tk[p - 1]))) p++;
      continue;
    }
    // "said of the ruling, “…”" / "said of her rival that …": what the words were about, before the words themselves
    if (t.lower === 'of' && t.pos === 'ADP' && npAt(ts, p + 1)) {
      const e = npWithAttachments(ts, npAt(ts, p + 1)!, 2);
      const n = tk[e];
      if (n && (n.lower === 'that' || (n.text === ',' && inQuote[e + 1] && QUOTE_MARK.test(tk[e + 1]?.text ?? '')))) {
        p = e;
        continue;
      }
    }
    // "said — on Twitter, as it happens — that …": a dash pair holds an aside
    if (/^(?:—|–|--)$/.test(t.text)) {
      let d = p + 1;
      while (d < tk.length && d - p < 20 && !/^(?:—|–|--)$/.test(tk[d]!.text)) d++;
      if (d < tk.length && d - p < 20 && /^(?:that|:)$/.test(tk[d + 1]?.lower ?? '')) {
        p = d + 1;
        continue;
      }
      return p;
    }
    // "has said for weeks (that) …": a duration
    if (t.lower === 'for' && npAt(ts, p + 1) && isTimeToken(tk[npAt(ts, p + 1)!.head])) {
      p = npAt(ts, p + 1)!.last + 1;
      continue;
    }
    if (t.pos === 'ADP' && ADJUNCT_PREPS.has(t.lower) && !(t.lower === 'to' && tk[p + 1]?.pos === 'VERB')) {
      const np = npAt(ts, p + 1);
      if (!np) return p;
      // "responding to Smith's complaints that …": a speech noun is the cue's object, not an adjunct;
      // "to" marks an audience ("told to reporters", "said to CNN"), not any noun phrase
      const head = tk[np.head]!;
      if (t.lower === 'to' && SPEECH_NOUN_HEADS.test(head.lower)) return p;
      if (t.lower === 'to' && head.pos !== 'PROPN' && !AUDIENCE.test(head.lower) && !/^(?:me|us|him|her|them|you)$/.test(head.lower)) return p;
      p = npWithAttachments(ts, np);
      // "during a taping in Buffalo, New York, that …": a place name set off by commas belongs to the adjunct
      const place = npAt(ts, p + 1);
      if (tk[p]?.text === ',' && tk[p - 1]!.pos === 'PROPN' && place && tk[place.head]!.pos === 'PROPN' && tk[place.last + 1]?.text === ',' && tk[place.last + 2]?.lower === 'that') p = place.last + 2;
      // "in a statement posted on its website", "in an interview published Sunday": the participle goes with the adjunct
      const part = tk[p];
      if (part && part.pos === 'VERB' && /(?:ed|en)$/.test(part.lower) && tk[p + 1] && (tk[p + 1]!.pos === 'ADP' || isTimeToken(tk[p + 1]))) p++;
      continue;
    }
    // ", in an interview," / ", on Tuesday,"
    if (t.text === ',' && tk[p + 1] && (tk[p + 1]!.pos === 'ADP' || tk[p + 1]!.pos === 'ADV' || isTimeToken(tk[p + 1]))) {
      const after = skipAdjuncts(ts, p + 1, inQuote);
      if (after > p + 1 && tk[after]?.text === ',') {
        p = after + 1;
        continue;
      }
      // ", among other things, that …": any short phrase set off by commas before "that"
      let c = p + 1;
      while (c < tk.length && c - p < 10 && tk[c]!.text !== ',' && !inQuote[c]) c++;
      if (tk[c]?.text === ',' && tk[c + 1]?.lower === 'that') {
        p = c + 1;
        continue;
      }
    }
    return p;
  }
  return p;
}

export type ComplementKind = 'that' | 'colon' | 'infinitive' | 'question' | 'bare' | 'object' | 'quote' | 'none';

export interface Complement {
  kind: ComplementKind;
  /** first token of the content (after "that" / ":"), or -1 */
  from: number;
  /** the addressee phrase, if the cue has one ("told reporters that") */
  addressee: Span | null;
}

/** A clause begins at token i: a subject phrase (or "there"/"it") followed by a finite verb group. */
export function clauseStartsAt(ts: TaggedSentence, i: number): boolean {
  const np = npAt(ts, i);
  if (!np) return false;
  let j = npWithAttachments(ts, np, 2);
  while (ts.tokens[j]?.pos === 'ADV') j++;
  // "the president, a Democrat, has …": skip an appositive
  const v = verbAt(ts, j);
  return !!v && v.first === j && !v.nonFinite && !(ts.tokens[j]!.lower.endsWith('ing') && v.first === v.last);
}

/**
 * "said any agreement to keep advisers in Iraq would provide …": a noun phrase whose post-modifiers
 * (infinitives, prepositional phrases, participles) run on to a finite verb before any comma.
 */
function finiteVerbAhead(ts: TaggedSentence, p: number, inQuote: Uint8Array): boolean {
  const tk = ts.tokens;
  const np = npAt(ts, p);
  // a gerund subject: "says running for president is tough"
  const gerund = !np && tk[p]?.pos === 'VERB' && /ing$/.test(tk[p]!.lower) && !inQuote[p];
  if (!gerund && (!np || (tk[np.head]?.pos === 'PRON' && np.first === np.last && !SUBJECT_PRONOUNS.test(tk[np.head]!.lower)))) return false;
  for (let i = gerund ? p + 1 : np!.last + 1; i < tk.length && i < p + 40; i++) {
    const t = tk[i]!;
    // a quoted predicate counts ("said the council “cannot be trusted”"); quoted punctuation does not stop it
    if (!inQuote[i]) {
      if (t.text === ';' || t.text === ':') return false;
      // "said they, too, have …": an adverb set off by commas
      if (t.text === ',' && tk[i + 1]?.pos === 'ADV' && tk[i + 2]?.text === ',') {
        i += 2;
        continue;
      }
      // a subject may be coordinated or listed ("said Rice, Lee and Park were …", "said the mayor and her aides have …"),
      // or hold a relative clause ("said the bill that passed was …"); a conjunction before a verb or a clause ends it
      const n = tk[i + 1];
      const npNext = !!n && !!npAt(ts, i + 1) && !verbAt(ts, i + 1);
      const listItem = npNext && /^(?:,|and|or)$/.test(tk[npAt(ts, i + 1)!.last + 1]?.text ?? '');
      // the subject may carry a relative clause or an appositive set off by commas
      // ("said the fund, which was set up in May, had run dry", "said Ann Lee, the treasurer, was wrong")
      // (or an adjunct: "said Trump, despite his wealth, is better placed")
      if (t.text === ',' && (/^(?:who|which|whose)$/.test(n?.lower ?? '') || (npNext && !listItem) || (n?.pos === 'ADP' && i > p))) {
        let c2 = i + 2;
        while (c2 < tk.length && c2 < i + 25 && !(tk[c2]!.text === ',' && !inQuote[c2])) c2++;
        if (c2 >= tk.length || tk[c2]!.text !== ',') return false;
        const pv = verbAt(ts, c2 + 1);
        if (/^(?:who|which|whose)$/.test(n!.lower)) {
          i = c2;
          continue;
        }
        return !!pv && pv.first === c2 + 1 && !pv.nonFinite && (pv.tense === 'past' || pv.tense === 'present' || !!pv.modal || tk[c2 + 1]!.pos === 'AUX');
      }
      if (t.text === ',' && !(listItem && !clauseStartsAt(ts, i + 1))) return false;
      if (t.pos === 'CCONJ' && !npNext) return false;
      if (t.pos === 'SCONJ' && !/^(?:that|for|as|of|like)$/.test(t.lower)) return false;
    }
    const v = verbAt(ts, i);
    if (!v || v.first !== i) continue;
    if (v.nonFinite || tk[i - 1]?.lower === 'to') continue;
    if (v.modal || tk[v.first]!.pos === 'AUX' || v.tense === 'present' || v.tense === 'past') return true;
    // a plural present is uninflected ("said voters want …"): it counts right after the subject
    if (v.tense === 'base' && (ts.nps.some((c) => c.last === i - 1) || tk[i - 1]?.pos === 'ADV')) return true;
  }
  return false;
}

/** pronouns that can be the subject of a reported clause ("said none of them would …", "says everyone knows") */
const SUBJECT_PRONOUNS = /^(?:it|there|he|she|they|we|i|you|none|all|some|many|most|both|each|few|several|everyone|everybody|nobody|someone|somebody|anyone|anybody|something|nothing|everything|this|these|those|one|neither|either|others|another|much|more)$/;

/** The complement a cue takes at token p (after its adjuncts), given the cue's features. */
export function complementAt(ts: TaggedSentence, p: number, cue: CueVerb, inQuote: Uint8Array): Complement {
  const tk = ts.tokens;
  const f = (x: CueFeature) => cue.features.has(x);
  let addressee: Span | null = null;
  let t = tk[p];
  if (!t) return { kind: 'none', from: -1, addressee };
  if (inQuote[p] && QUOTE_MARK.test(t.text)) return { kind: 'quote', from: p, addressee };
  // "told reporters (on Tuesday) that …", "urged them to …", "asked him whether …"
  if (f('addressee') && npAt(ts, p) && !clauseStartsAt(ts, p)) {
    const np = npAt(ts, p)!;
    const after = skipAdjuncts(ts, npWithAttachments(ts, np, 1), inQuote);
    const n = tk[after];
    const inf = n?.lower === 'not' ? after + 1 : after;
    if (tk[inf]?.lower === 'to' && tk[inf + 1]?.pos === 'VERB' && f('infinitive')) return { kind: 'infinitive', from: p, addressee: null };
    if (n && (n.lower === 'that' || n.text === ':' || QUESTION_WORDS.has(n.lower) || clauseStartsAt(ts, after) || (inQuote[after] && QUOTE_MARK.test(n.text)) || n.text === ',' || after >= tk.length - 1)) {
      addressee = { start: np.start, end: tk[after - 1]!.end };
      p = after;
      t = n;
    }
  }
  if (!t) return { kind: 'none', from: -1, addressee };
  // "telling reporters, “…”", "said of the ruling, “…”": a comma, then the quotation
  if (t.text === ',' && inQuote[p + 1] && QUOTE_MARK.test(tk[p + 1]?.text ?? '')) return { kind: 'quote', from: p + 1, addressee };
  // "that" opens the clause unless it is the subject itself ("said that was wrong")
  const n1 = tk[p + 1];
  // "reiterated that approach": a determiner before a noun that starts no clause
  // (only before a singular: "that women …" / "that trials, with …, were" open clauses)
  // and no finite verb follows at all: "that account, and hundreds like it, show …" still opens a clause)
  const thatDeterminer = t.lower === 'that' && n1?.pos === 'NOUN' && !/s$/.test(n1.lower) && !ts.verbs.some((g) => g.first > p && !g.nonFinite && !inQuote[g.first]);
  if (t.lower === 'that' && !thatDeterminer && (f('that') || f('bare')) && n1 && (t.pos === 'SCONJ' || clauseStartsAt(ts, p + 1) || (inQuote[p + 1] && QUOTE_MARK.test(n1.text)) || !(n1.pos === 'AUX' || (n1.pos === 'PUNCT' && n1.text !== ',') || (n1.pos === 'VERB' && !/ing$/.test(n1.lower))))) return { kind: 'that', from: n1.text === ',' ? p + 2 : p + 1, addressee };
  if (t.text === ':') return { kind: 'colon', from: p + 1, addressee };
  if (inQuote[p] && QUOTE_MARK.test(t.text)) return { kind: 'quote', from: p, addressee };
  if (t.lower === 'to' && tk[p + 1]?.pos === 'VERB' && f('infinitive')) return { kind: 'infinitive', from: p, addressee };
  // "said in front of a crowd who packed the hall": a relative pronoun after an adjunct's noun asks nothing
  const relative = /^(?:who|which|whom)$/.test(t.lower) && /^(?:NOUN|PROPN)$/.test(tk[p - 1]?.pos ?? '');
  if (relative) return { kind: 'none', from: -1, addressee };
  // "says despite being an alumna, she plans to …": a fronted adverbial opens the reported clause
  if (f('bare') && FRONTED_ADVERBIAL.test(t.lower) && (t.pos === 'ADP' || t.pos === 'SCONJ')) {
    let c = p + 1;
    while (c < tk.length && c - p < 20 && !(tk[c]!.text === ',' && !inQuote[c])) c++;
    if (c < tk.length && tk[c]!.text === ',' && clauseStartsAt(ts, c + 1)) return { kind: 'bare', from: p, addressee };
  }
  if (QUESTION_WORDS.has(t.lower) && (f('question') || f('bare'))) return { kind: 'question', from: p, addressee };
  // "told reporters as she left": an audience followed by a subordinate clause is the cue's object, no clause's subject
  const audienceThenClause = f('addressee') && !addressee && !!npAt(ts, p) && AUDIENCE_OR_CROWD.test(tk[npAt(ts, p)!.head]!.lower) && tk[npWithAttachments(ts, npAt(ts, p)!, 2)]?.pos === 'SCONJ';
  if (f('bare') && !audienceThenClause && (clauseStartsAt(ts, p) || finiteVerbAhead(ts, p, inQuote))) return { kind: 'bare', from: p, addressee };
  if ((f('object') || f('naming')) && (npAt(ts, p) || t.pos === 'ADJ' || t.pos === 'NOUN') && !addressee) return { kind: 'object', from: p, addressee };
  return { kind: 'none', from: -1, addressee };
}

/**
 * Where reported content that starts at token `from` ends (exclusive token index): a semicolon, the
 * start of another attribution (", according to", ", adding that", "and said"), a coordinated verb
 * phrase of the main clause ("said P and left"), or the sentence's final punctuation.
 */
export function contentEnd(ctx: SentenceContext, from: number, cueVerb: VerbGroup | null, kind: ComplementKind | null = null): number {
  const ts = ctx.tagged;
  const tk = ts.tokens;
  const inQ = ctx.inQuote;
  let contentTense: string | null = null;
  let end = tk.length;
  for (let i = from; i < tk.length; i++) {
    const t = tk[i]!;
    // an object ends at a comma inside the quote that closes it ('announcement of a “full withdrawal,” …'),
    // any content at one followed by an appositive ('… “never accept it,” a reference to …')
    if (inQ[i] && t.text === ',' && QUOTE_MARK.test(tk[i + 1]?.text ?? '') && i > from && !inQ[i + 2] && (kind === 'object' || (tk[i + 2]?.pos === 'DET' && !clauseStartsAt(ts, i + 2)))) {
      end = i;
      break;
    }
    if (inQ[i]) continue;
    if (t.text === ';') {
      end = i;
      break;
    }
    const v = verbAt(ts, i);
    if (v && v.first === i && contentTense === null && !v.nonFinite && i > from) contentTense = v.tense;
    if (t.text === ',' && tk[i + 1]?.lower === 'according' && tk[i + 2]?.lower === 'to') {
      end = i;
      break;
    }
    // a participial tail belongs to the main clause, not the report: "declared that P, throwing a wrench …",
    // "denied it happened, with X taking to Twitter …", "insisted P while adding …"
    if (i > from && participialTail(ts, i, inQ)) {
      end = i;
      break;
    }
    // an object ends at its clause's comma ("announced a strike, the second this year")
    if (kind === 'object' && t.text === ',' && i > from) {
      end = i;
      break;
    }
    if (kind === 'object' && t.pos === 'CCONJ' && verbAt(ts, i + 1)?.first === i + 1 && !verbAt(ts, i + 1)!.nonFinite) {
      end = i;
      break;
    }
    if (t.text === ',' || t.pos === 'CCONJ') {
      const n = tk[i + 1];
      // "… they would end the boycott and their lawmakers took their seats": a new clause in the
      // narrative's tense (the cue's), not the reported one's
      const conj = t.pos === 'CCONJ' ? i : n?.pos === 'CCONJ' ? i + 1 : -1;
      // ", and “received …”": a verb phrase of the main clause, quoted
      if (conj > 0 && cueVerb && inQ[conj + 1] && QUOTE_MARK.test(tk[conj + 1]!.text)) {
        const qv = verbAt(ts, conj + 2);
        if (qv && qv.first === conj + 2 && !qv.nonFinite && qv.tense === cueVerb.tense) {
          end = i;
          break;
        }
      }
      if (conj > 0 && cueVerb && cueVerb.tense === 'past' && contentTense && contentTense !== 'past') {
        const np = ts.nps.find((c) => c.first === conj + 1);
        const v2 = np ? ts.verbs.find((g) => g.first === np.last + 1) : undefined;
        if (v2 && !v2.nonFinite && v2.tense === 'past' && !v2.modal) {
          end = i;
          break;
        }
      }
      // "One in three said P and one in four said Q": a second attribution, with its own subject, starts
      if (conj > 0 && cueVerb && contentTense !== null) {
        const np2 = npAt(ts, conj + 1);
        const v2 = np2 ? verbAt(ts, npWithAttachments(ts, np2, 2)) : undefined;
        if (np2 && v2 && v2.first === npWithAttachments(ts, np2, 2) && !v2.nonFinite && !inQ[v2.head] && isCueVerb(ctx.vocab, tk[v2.head]!) && v2.tense === cueVerb.tense) {
          end = i;
          break;
        }
      }
      const nv = n ? verbAt(ts, i + 1) : undefined;
      // ", adding that …" / "and said …": another attribution starts
      if (nv && nv.first === i + 1 && isCueVerb(ctx.vocab, tk[nv.head]!) && !subjectOf(ts, nv) && (!cueVerb || (nv.tense === cueVerb.tense && !nv.modal) || nv.nonFinite)) {
        end = i;
        break;
      }
      // "said P and walked out": a verb phrase coordinated with the cue, not part of the content
      if (t.pos === 'CCONJ' && cueVerb && nv && nv.first === i + 1 && !nv.nonFinite && nv.tense === cueVerb.tense && cueVerb.tense === 'past' && contentTense && contentTense !== nv.tense) {
        end = i;
        break;
      }
    }
  }
  // trailing punctuation is the sentence's, not the content's
  while (end > from && /^[.!?,;:—–-]$/.test(tk[end - 1]!.text) && !inQ[end - 1]) end--;
  return end;
}

/** participles that work as prepositions ("including Ohio", "according to"): no tail of their own */
const PREPOSITIONAL_PARTICIPLE = /^(?:including|according|following|regarding|concerning|excluding|beginning|starting|ranging|depending|pending|notwithstanding|involving|compared)$/;

/** A participial tail starts at token i: ", <verb>-ing …", ", with <NP> <verb>-ing …", "while <verb>-ing …". */
export function participialTail(ts: TaggedSentence, i: number, inQuote: Uint8Array): boolean {
  const tk = ts.tokens;
  const t = tk[i]!;
  const ingAt = (k: number) => {
    const v = verbAt(ts, k);
    return !!v && v.first === k && v.nonFinite && /ing$/.test(tk[k]!.lower) && !PREPOSITIONAL_PARTICIPLE.test(tk[k]!.lower) && !inQuote[k];
  };
  if (t.lower === 'while' && !inQuote[i]) return ingAt(i + 1);
  if (t.text !== ',' || inQuote[i]) return false;
  if (ingAt(i + 1)) return true;
  if (tk[i + 1]?.lower === 'with') {
    const np = npAt(ts, i + 2);
    return !!np && ingAt(np.last + 1);
  }
  return false;
}

export function isCueVerb(vocab: Vocabulary, t: Token): boolean {
  return (vocab.byHead.get(t.lemma) ?? vocab.byForm.get(t.lower) ?? []).length > 0;
}

export const tokSpan = (ts: TaggedSentence, first: number, endExclusive: number): Span => ({ start: ts.tokens[first]!.start, end: ts.tokens[endExclusive - 1]!.end });

/**
 * Reported content with a second that-clause ("said P, and that Q") is two statements: the token
 * ranges [from, to) of each part.
 */
export function splitThatClauses(ctx: SentenceContext, from: number, end: number): [number, number][] {
  const tk = ctx.tagged.tokens;
  const out: [number, number][] = [];
  let start = from;
  for (let i = from + 1; i < end - 1; i++) {
    if (ctx.inQuote[i] || tk[i]!.pos !== 'CCONJ' || !/^(?:and|but)$/.test(tk[i]!.lower) || tk[i + 1]!.lower !== 'that') continue;
    let stop = i;
    while (stop > start && /^[,;]$/.test(tk[stop - 1]!.text)) stop--;
    if (stop > start) out.push([start, stop]);
    start = i + 2;
  }
  if (end > start) out.push([start, end]);
  return out;
}
