/**
 * Cue-verb frames whose content FOLLOWS the cue: "X said (that) …", "X says there needs to be …",
 * "X vowed to …", "X told them to …", "X asked whether …", "X announced his resignation", "X said:".
 * They differ in where the speaker comes from, one rule each:
 *   subject-verb      the noun phrase before the cue ("Rep. Ann Lee (D-Mass.) said")
 *   relative-clause   the antecedent of who/which/whom ("voters, many of whom say")
 *   coordinated-verb  the subject of the verb the cue is coordinated with ("X denied P and said Q")
 *   participle-chain  the main clause's subject (", adding that …")
 * The rule name stored on a statement is `<rule>:<complement>` (e.g. `subject-verb:that`).
 */
import { subjectOf, verbAt, type Chunk, type TaggedSentence, type VerbGroup } from '../../syntax/index.ts';
import type { Span } from '../../types.ts';
import { QUOTE_MARK, clauseStartsAt, complementAt, contentEnd, npAt, npWithAttachments, skipAdjuncts, splitThatClauses, tokSpan } from '../clause.ts';
import type { Frame, Rule, SentenceContext } from '../types.ts';
import { cueVerbsFor, type CueVerb } from '../vocabulary.ts';

type SubjectSource = 'subject-verb' | 'relative-clause' | 'coordinated-verb' | 'participle-chain';

interface CueHit {
  v: VerbGroup;
  cue: CueVerb;
  /** token after the cue (and its particle) */
  next: number;
}

/** Cue verb groups of the sentence outside quotes, with their vocabulary entry (phrasal ones first). */
export function cueHits(ctx: SentenceContext): CueHit[] {
  const ts = ctx.tagged;
  const out: CueHit[] = [];
  for (const v of ts.verbs) {
    const h = ts.tokens[v.head]!;
    if (ctx.inQuote[v.head] || h.pos !== 'VERB') continue;
    // "an earlier report from X", "the only state holding …": a cue form after a determiner (and adjectives) is a noun
    let d = v.first - 1;
    while (d >= 0 && (ts.tokens[d]!.pos === 'ADJ' || ts.tokens[d]!.pos === 'ADV')) d--;
    // (only a form that can be a noun: "the general told" is a verb after a mis-tagged noun)
    const nounLike = h.lower === h.lemma || h.lower === `${h.lemma}s`;
    if (nounLike && v.first === v.head && d < v.first - 1 && d >= 0 && ts.tokens[d]!.pos === 'DET' && /^(?:a|an|the|this|that|these|those|its|their|his|her|our|my|your)$/.test(ts.tokens[d]!.lower)) continue;
    // "never mentioned": a negation before the verb group
    if (ts.tokens[v.first - 1]?.lower === 'never') continue;
    const entries = cueVerbsFor(ctx.vocab, h.lower, h.lemma);
    if (!entries.length) continue;
    const nextTok = ts.tokens[v.last + 1];
    const phrasal = entries.find((e) => e.particle && nextTok?.lower === e.particle);
    if (phrasal) out.push({ v, cue: phrasal, next: v.last + 2 });
    else {
      const plain = entries.find((e) => !e.particle);
      if (plain) out.push({ v, cue: plain, next: v.last + 1 });
    }
  }
  return out;
}

const RELATIVE = /^(?:who|which|that|whom)$/;
/** words before "to <cue>" that report the speech as having happened */
const SPEECH_HAPPENS = /^(?:continue|continues|continued|continuing|on|quick|likely|began|begun|begin|begins|beginning|started|starts|start|eager|careful)$/;
const TIME_WORD = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|week|month|year|night|morning|afternoon|evening|weekend)$/;
const DOCUMENT_HEADS = /^(?:statement|letter|message|memo|note|email|e-mail|tweet|post|video|ad|advertisement|release|report|op-ed|column|essay|book|filing|lawsuit|motion|brief|petition|resolution|bill|order|ruling|opinion|interview|speech|address|remarks)$/;
const HEDGES = /^(?:probably|apparently|possibly|perhaps|presumably|likely|seemingly|reportedly)$/;

/** Where the speaker of a forward cue comes from, or null when the cue is not a forward frame. */
function speakerFor(ctx: SentenceContext, hit: CueHit, all: CueHit[]): { source: SubjectSource; span: Span; endAt?: number; restrictive?: boolean } | null {
  const ts = ctx.tagged;
  const tk = ts.tokens;
  const { v } = hit;
  const prev = tk[v.first - 1];
  // "to say", "refused to comment": not a speech event of its own — unless an aspect or manner word says it
  // happened ("went on to say", "is continuing to insist", "was quick to point out", "are more likely to say"):
  // then the subject of the verb before it speaks
  if (prev?.lower === 'to') {
    if (!SPEECH_HAPPENS.test(tk[v.first - 2]?.lower ?? '')) return null;
    const g = [...ts.verbs].reverse().find((x) => x.last < v.first - 1 && v.first - x.last <= 6 && !x.nonFinite);
    const s = g ? subjectOf(ts, g) : null;
    return s && !RELATIVE.test(tk[s.last]!.lower) ? { source: 'subject-verb', span: { start: s.start, end: s.end } } : null;
  }
  // "There have been telling responses": an expletive subject says nothing
  if (tk[v.first - 1]?.lower === 'there' || (tk[v.first - 1]?.pos === 'AUX' && tk[v.first - 2]?.lower === 'there')) return null;
  if (v.nonFinite) {
    // ", adding that …" / "…, saying …": the speaker of the main clause goes on
    // "By indicating that P, X was signalling …": the speaker is the subject after the clause
    if (prev && /^(?:by|in|while|after|before)$/.test(prev.lower) && v.first - 1 === contentStartIndex(ts) && /ing$/.test(tk[v.head]!.lower)) {
      const comma = tk.findIndex((t, k) => k > v.last && t.text === ',' && !ctx.inQuote[k]);
      const after = comma > 0 ? ts.verbs.find((g) => g.first > comma && !g.nonFinite) : undefined;
      const s = after ? subjectOf(ts, after) : null;
      return s ? { source: 'participle-chain', span: { start: s.start, end: s.end }, endAt: comma } : null;
    }
    // ", adding that …", "…, saying …", "made an appeal on Thursday urging …": the speaker of the main clause goes on
    // after a time adjunct ("an appeal on Thursday urging"), not after a noun ("a timetable outlining …": a reduced relative)
    // nor after a hedge ("probably referring to": the writer's guess, not a speech event)
    const afterAdjunct = prev && (TIME_WORD.test(prev.lower) || (prev.pos === 'ADV' && !HEDGES.test(prev.lower)));
    // "issued a statement saying …", "posted a video claiming …": a document or message the subject put out says it
    // "responded by saying …", "ended the call after telling …": the main clause's subject speaks
    const byMessage = prev && (DOCUMENT_HEADS.test(prev.lower) || ctx.vocab.file.speechNouns.includes(prev.lower) || /^(?:by|after|before|when|without)$/.test(prev.lower));
    if (prev && (prev.text === ',' || prev.lower === 'while' || prev.lower === 'and' || afterAdjunct || byMessage) && /ing$/.test(tk[v.head]!.lower)) {
      // the frame before it in the sentence speaks on ("X said P, adding that …"); else the nearest clause's subject
      const before = [...ctx.earlier].reverse().find((f) => f.cueSpan.end <= tk[v.first]!.start);
      if (before) return { source: 'participle-chain', span: before.speakerSpan };
      const main = nearestSubject(ts, v.first);
      return main ? { source: 'participle-chain', span: main } : null;
    }
    return null;
  }
  if (v.passive) return null;
  const subj = subjectOf(ts, v);
  if (subj) {
    const last = tk[subj.last]!;
    if (RELATIVE.test(last.lower)) {
      // "officials, many of whom say …", "Smith, who said …": the antecedent before the comma
      let i = subj.first - 1;
      if (tk[i]?.text === ',') i--;
      const ante = ts.nps.find((n) => n.last === i);
      return ante ? { source: 'relative-clause', span: { start: ante.start, end: ante.end }, restrictive: tk[subj.first - 1]?.text !== ',' } : null;
    }
    // "in a statement posted on …": a noun phrase governed by a preposition is no subject
    // ("as X said …", "after X announced …": a conjunction the tagger calls a preposition opens a clause)
    if (tk[subj.first - 1]?.pos === 'ADP' && !/^(?:that|as|after|before|since|until|because|once|though|although|while|when|if)$/.test(tk[subj.first - 1]!.lower)) {
      // "People briefed on the situation say", "Officials familiar with the talks said": the phrase the modifier hangs on
      const post = postModifiedSubject(ctx, v);
      return post ? { source: 'subject-verb', span: post } : null;
    }
    // "Neighbors who saw the fire said": the phrase before the cue is the object of a relative clause's verb
    if (tk[subj.first - 1]?.pos === 'VERB') {
      const post = postModifiedSubject(ctx, v);
      if (post) return { source: 'subject-verb', span: post };
    }
    return { source: 'subject-verb', span: { start: coordinatedStart(ts, subj), end: subj.end } };
  }
  // "US officials who declined to be named said …": the noun phrase before the relative clause
  for (let i = v.first - 1; i > 0 && v.first - i < 15; i--) {
    const t = tk[i]!;
    if (ctx.inQuote[i] || /^[,;:()]$/.test(t.text)) break;
    if (/^(?:who|that)$/.test(t.lower) && t.pos === 'PRON') {
      const ante = ts.nps.find((n) => n.last === i - 1);
      if (ante) return { source: 'subject-verb', span: { start: ante.start, end: ante.end } };
      break;
    }
  }
  const post = prev && prev.pos !== 'CCONJ' ? postModifiedSubject(ctx, v) : null;
  if (post) return { source: 'subject-verb', span: post };
  // "X denied P and said Q": the subject of the verb the cue is coordinated with
  if (prev && prev.pos === 'CCONJ') {
    // coordinated with an earlier cue ("said P and warned Q"): that frame's speaker
    const cueBefore = [...ctx.earlier].reverse().find((f) => f.cueSpan.end <= prev.start && !f.tail);
    if (cueBefore) return { source: 'coordinated-verb', span: cueBefore.speakerSpan };
    const before = ts.verbs.filter((g) => g.last < v.first - 1 && !g.nonFinite).reverse();
    for (const g of before) {
      const s = subjectOf(ts, g);
      if (s && !RELATIVE.test(tk[s.last]!.lower)) return { source: 'coordinated-verb', span: { start: s.start, end: s.end } };
    }
    void all;
  }
  return null;
}

const CLAUSE_BOUNDARY = /^(?:[,;:()—–]|--|[“”"‘’]|'')$/;
const MODIFIER_RELATIVE = /^(?:who|that|which|whom)$/;

/**
 * The subject of a cue separated from it by a post-modifier: a reduced relative ("People briefed on
 * the situation say", "those surveyed say"), an adjective phrase ("Officials familiar with the
 * talks said", "sources close to the campaign"), a relative clause ("Friends of X who have seen him
 * say", "Several people I've spoken with said"). The phrase opens the cue's clause (sentence start,
 * punctuation or a conjunction before it) and no clause boundary lies between it and the cue.
 */
function postModifiedSubject(ctx: SentenceContext, v: VerbGroup): Span | null {
  const ts = ctx.tagged;
  const tk = ts.tokens;
  let k = v.first - 1;
  const floor = contentStartIndex(ts);
  while (k >= floor && v.first - k < 30 && !ctx.inQuote[k] && !CLAUSE_BOUNDARY.test(tk[k]!.text) && tk[k]!.pos !== 'CCONJ' && !(tk[k]!.pos === 'SCONJ' && !MODIFIER_RELATIVE.test(tk[k]!.lower))) k--;
  if (k >= floor && v.first - k >= 30) return null;
  const start = k + 1;
  const np = npAt(ts, start);
  if (!np || !/^(?:NOUN|PROPN|PRON|NUM)$/.test(tk[np.head]!.pos)) return null;
  const e = npWithAttachments(ts, np, 3);
  if (e >= v.first) return null;
  const m = tk[e]!;
  const n = tk[e + 1];
  const modifier =
    (MODIFIER_RELATIVE.test(m.lower) && (m.pos === 'PRON' || m.pos === 'DET' || m.pos === 'SCONJ')) ||
    (m.pos === 'VERB' && /(?:ed|en|ing|wn)$/.test(m.lower) && !verbAt(ts, e)?.modal && tk[e - 1]?.pos !== 'AUX') ||
    (m.pos === 'ADJ' && n?.pos === 'ADP') ||
    (m.pos === 'PRON' && /^(?:i|we|you|he|she|they)$/.test(m.lower) && !!n && /^(?:AUX|VERB)$/.test(n.pos));
  if (!modifier) return null;
  return { start: np.start, end: tk[e - 1]!.end };
}

/**
 * "A and B said …": two named subjects joined by "and" speak together (the actors stage reads the
 * phrase as one collective speaker). Only names on both sides, so "the officials and experts" or
 * "Smith met Jones and Lee said" keep their own reading.
 */
function coordinatedStart(ts: TaggedSentence, subj: Chunk): number {
  const tk = ts.tokens;
  const and = tk[subj.first - 1];
  if (and?.lower !== 'and' || tk[subj.head]!.pos !== 'PROPN') return subj.start;
  const left = ts.nps.find((n) => n.last === subj.first - 2);
  if (!left || tk[left.head]!.pos !== 'PROPN') return subj.start;
  const before = tk[left.first - 1];
  // the left name must itself start the clause (no verb or preposition governing it)
  if (before && !/^(?:[,;:(]|and|but|so|yet|then)$/i.test(before.text) && before.pos !== 'SCONJ') return subj.start;
  return left.start;
}

const contentStartIndex = (ts: TaggedSentence) => (ts.tokens[0] && /^(?:but|and|yet|so)$/i.test(ts.tokens[0].text) ? 1 : 0);

/** The subject of the nearest finite verb group before token i ("As troops left, the bloc renewed its demands, accusing …"). */
function nearestSubject(ts: TaggedSentence, before: number): Span | null {
  for (const g of [...ts.verbs].reverse()) {
    if (g.first >= before || g.nonFinite) continue;
    const s: Chunk | null = subjectOf(ts, g);
    if (s) return { start: s.start, end: s.end };
  }
  return null;
}

/**
 * Inside a restrictive relative clause's content ("those who said [the economy was their top issue]
 * split evenly"): the first finite verb right after a noun, once the content has its own verb, is
 * the predicate of the sentence; so is a clause after a comma.
 */
function matrixPredicate(ctx: SentenceContext, from: number, end: number, object: boolean): number {
  const ts = ctx.tagged;
  const tk = ts.tokens;
  // an object has no verb of its own: its first finite verb is the predicate ("who accused X of fraud said …")
  let seen = object;
  for (let i = from + 1; i < end; i++) {
    if (ctx.inQuote[i]) continue;
    if (seen && tk[i]!.text === ',' && clauseStartsAt(ts, i + 1)) return i;
    const g = verbAt(ts, i);
    if (!g || g.first !== i || g.nonFinite) continue;
    if (seen && /^(?:NOUN|PROPN|NUM)$/.test(tk[i - 1]!.pos)) return i;
    seen = true;
  }
  return end;
}

const SUBORDINATORS = /^(?:as|when|after|before|because|if|while|although|though|since|until|once|whereas|unless)$/;

/** End (exclusive) of content inside a fronted subordinate clause: the comma before the main clause's subject and verb. */
function subordinateEnd(ctx: SentenceContext, speaker: Span, from: number, end: number): number {
  const ts = ctx.tagged;
  const tk = ts.tokens;
  const s = tk.findIndex((t) => t.start === speaker.start);
  const start = contentStartIndex(ts);
  if (s < 1 || s - 1 !== start || !SUBORDINATORS.test(tk[s - 1]!.lower)) return end;
  for (let i = from + 1; i < end - 1; i++) if (tk[i]!.text === ',' && !ctx.inQuote[i] && clauseStartsAt(ts, i + 1)) return i;
  return end;
}

function forwardFrames(ctx: SentenceContext, source: SubjectSource): Frame[] {
  const ts = ctx.tagged;
  const tk = ts.tokens;
  const hits = cueHits(ctx);
  const out: Frame[] = [];
  for (const hit of hits) {
    if (hit.v.negated) continue;
    // frames this rule found earlier in the sentence count as earlier ones ("…, saying P, adding that Q")
    const sp = speakerFor(out.length ? { ...ctx, earlier: [...ctx.earlier, ...out] } : ctx, hit, hits);
    if (!sp || sp.source !== source) continue;
    let p = skipAdjuncts(ts, hit.next, ctx.inQuote);
    // "X said, “…”": a comma right before an opening quotation introduces it
    if (tk[p]?.text === ',' && ctx.inQuote[p + 1] && QUOTE_MARK.test(tk[p + 1]!.text) && !ctx.inQuote[p]) p++;
    const comp = complementAt(ts, p, hit.cue, ctx.inQuote);
    // a cue at the end of its clause with nothing after it is a tail (another rule), not a forward frame
    if (comp.kind === 'none') continue;
    // "a senator who has pledged to cut taxes": a relative clause with an infinitive characterizes
    // its antecedent (a promise held against them), it does not report what was said
    if (source === 'relative-clause' && comp.kind === 'infinitive') continue;
    const contents: Span[] = [];
    if (comp.kind !== 'quote' && comp.from >= 0 && comp.from < tk.length) {
      let end = sp.endAt !== undefined ? Math.min(sp.endAt, contentEnd(ctx, comp.from, hit.v, comp.kind)) : contentEnd(ctx, comp.from, hit.v, comp.kind);
      // "As the mayor said that P, the crowd booed": a fronted subordinate clause ends where the main clause begins
      end = Math.min(end, subordinateEnd(ctx, sp.span, comp.from, end));
      // "voters who say P were divided": a restrictive relative clause ends where its antecedent's predicate begins
      if (sp.restrictive) end = Math.min(end, matrixPredicate(ctx, comp.from, end, comp.kind === 'object'));
      // a naming act's object is reported only for the quotation it holds ("called it “a reckless gamble”")
      if (comp.kind === 'object' && hit.cue.features.has('naming') && !ctx.inQuote.subarray(comp.from, end).some((x) => x === 1)) continue;
      for (const [a, b] of splitThatClauses(ctx, comp.from, end)) contents.push(tokSpan(ts, a, b));
    }
    const cueEnd = tk[hit.next - 1]!.end;
    out.push({
      rule: `${source}:${comp.kind}`,
      sentence: ctx.index,
      speakerSpan: sp.span,
      cue: ctx.text.slice(hit.v.start, cueEnd),
      cueSpan: { start: hit.v.start, end: cueEnd },
      contents,
      tail: false,
      speakerId: null,
    });
  }
  return out;
}

export const subjectVerb: Rule = {
  name: 'subject-verb',
  construction: 'X <cue> (that) CLAUSE | X <cue> CLAUSE | X <cue> to VP | X <cue> NP | X <cue> whether … | X <cue>: …',
  examples: [
    { sentence: 'The mayor said on Tuesday that the bridge would reopen in May.', frames: [{ speaker: 'The mayor', cue: 'said', content: 'the bridge would reopen in May' }] },
    { sentence: 'Jane Doe says there needs to be a full audit of the fund.', frames: [{ speaker: 'Jane Doe', cue: 'says', content: 'there needs to be a full audit of the fund' }] },
    { sentence: 'Her campaign manager insists she’ll run again next year.', frames: [{ speaker: 'Her campaign manager', cue: 'insists', content: 'she’ll run again next year' }] },
    { sentence: 'The governor vowed to veto any tax increase.', frames: [{ speaker: 'The governor', cue: 'vowed', content: 'to veto any tax increase' }] },
    { sentence: 'The coach told his players to stay calm.', frames: [{ speaker: 'The coach', cue: 'told', content: 'his players to stay calm' }] },
    { sentence: 'Rep. Ann Lee (D-Mass.) said the vote was rigged.', frames: [{ speaker: 'Rep. Ann Lee', cue: 'said', content: 'the vote was rigged' }] },
    { sentence: 'The union announced a strike at three plants.', frames: [{ speaker: 'The union', cue: 'announced', content: 'a strike at three plants' }] },
    { sentence: 'A reporter asked whether the deal was final.', frames: [{ speaker: 'A reporter', cue: 'asked', content: 'whether the deal was final' }] },
    { sentence: 'The senator told reporters in Ohio that the bill was dead.', frames: [{ speaker: 'The senator', cue: 'told', content: 'the bill was dead' }] },
    { sentence: 'The farmers’ group called for lower fuel taxes.', frames: [{ speaker: 'The farmers’ group', cue: 'called for', content: 'lower fuel taxes' }] },
    { sentence: 'The inspector said any attempt to reopen the mine this winter would fail.', frames: [{ speaker: 'The inspector', cue: 'said', content: 'any attempt to reopen the mine this winter would fail' }] },
    { sentence: 'Two aides said the memo was genuine, and that it had been leaked.', frames: [{ speaker: 'Two aides', cue: 'said', content: 'the memo was genuine' }, { speaker: 'Two aides', cue: 'said', content: 'it had been leaked' }] },
    { sentence: 'The witness denied the claim and left the courtroom.', frames: [{ speaker: 'The witness', cue: 'denied', content: 'the claim' }] },
    // a that-less clause whose subject is coordinated, a list, a quantifier, or whose verb is a plural present
    { sentence: 'The auditor said the mayor and two of her deputies have misused the fund.', frames: [{ speaker: 'The auditor', cue: 'said', content: 'the mayor and two of her deputies have misused the fund' }] },
    { sentence: 'A spokeswoman said Ortiz, Brandt and Okafor were never consulted.', frames: [{ speaker: 'A spokeswoman', cue: 'said', content: 'Ortiz, Brandt and Okafor were never consulted' }] },
    { sentence: 'Local organizers say residents want a new stadium.', frames: [{ speaker: 'Local organizers', cue: 'say', content: 'residents want a new stadium' }] },
    { sentence: 'The coach said none of the injured players would travel.', frames: [{ speaker: 'The coach', cue: 'said', content: 'none of the injured players would travel' }] },
    // a gerund subject; words between the speaker and the cue ("on Monday", ", however,", "— who … —")
    { sentence: 'The trainer says running in the heat is dangerous.', frames: [{ speaker: 'The trainer', cue: 'says', content: 'running in the heat is dangerous' }] },
    { sentence: 'The harbor master on Monday said the channel was closed.', frames: [{ speaker: 'The harbor master', cue: 'said', content: 'the channel was closed' }] },
    { sentence: 'Two engineers, however, said the bridge was safe.', frames: [{ speaker: 'Two engineers', cue: 'said', content: 'the bridge was safe' }] },
    { sentence: 'The treasurer — who took office in March — said the books were a mess.', frames: [{ speaker: 'The treasurer', cue: 'said', content: 'the books were a mess' }] },
    { sentence: 'The dean, in a letter to parents, said the campus would reopen.', frames: [{ speaker: 'The dean', cue: 'said', content: 'the campus would reopen' }] },
    { sentence: 'The minister, when asked about the delay, replied that the funds had run out.', frames: [{ speaker: 'The minister', cue: 'replied', content: 'the funds had run out' }] },
    { sentence: 'State Sen. Ann Lee (D), a sponsor of the bill, suggested that the vote be delayed.', frames: [{ speaker: 'State Sen. Ann Lee', cue: 'suggested', content: 'the vote be delayed' }] },
    { sentence: 'The economist explained to us that wages had stalled.', frames: [{ speaker: 'The economist', cue: 'explained', content: 'wages had stalled' }] },
    { sentence: 'The pilots said they, too, had seen the lights.', frames: [{ speaker: 'The pilots', cue: 'said', content: 'they, too, had seen the lights' }] },
    { sentence: 'The coach said by telephone that the game was off.', frames: [{ speaker: 'The coach', cue: 'said', content: 'the game was off' }] },
    // a fronted subordinate clause ends at the main clause
    { sentence: 'When the coach said his players were tired, the fans groaned.', frames: [{ speaker: 'the coach', cue: 'said', content: 'his players were tired' }] },
    { sentence: 'The coach said of his rival that he had been lucky.', frames: [{ speaker: 'The coach', cue: 'said', content: 'he had been lucky' }] },
    { sentence: 'The senator said of the ruling, “It is a disgrace.”', frames: [{ speaker: 'The senator', cue: 'said' }] },
    // appositives with commas, quotes or possessives of their own, and subjects with a post-modifier
    { sentence: 'Four county papers, including the Ledger, said the levy was too high.', frames: [{ speaker: 'Four county papers', cue: 'said', content: 'the levy was too high' }] },
    { sentence: 'Dana Ruiz, its chief financial officer, said costs had doubled.', frames: [{ speaker: 'Dana Ruiz', cue: 'said', content: 'costs had doubled' }] },
    { sentence: 'Shaw, the author of “Dry Creek,” about a farm town, said the novel took a decade.', frames: [{ speaker: 'Shaw', cue: 'said', content: 'the novel took a decade' }] },
    { sentence: 'Residents briefed on the plan say the park will shrink.', frames: [{ speaker: 'Residents', cue: 'say', content: 'the park will shrink' }] },
    { sentence: 'Engineers familiar with the design said the roof was sound.', frames: [{ speaker: 'Engineers familiar with the design', cue: 'said', content: 'the roof was sound' }] },
    { sentence: 'Neighbors who saw the fire said the alarm never rang.', frames: [{ speaker: 'Neighbors', cue: 'said', content: 'the alarm never rang' }] },
    { sentence: 'Aides to the mayor say she will not run again.', frames: [{ speaker: 'Aides to the mayor', cue: 'say', content: 'she will not run again' }] },
    // amounts as subjects; a possessive after a day name opens the clause
    { sentence: 'Nearly 40% of renters say their rent rose.', frames: [{ speaker: 'Nearly 40% of renters', cue: 'say', content: 'their rent rose' }] },
    { sentence: 'The coach said Monday his team was ready.', frames: [{ speaker: 'The coach', cue: 'said', content: 'his team was ready' }] },
    // a participial tail is the narrator's, not the report's; a that-less subject may carry a relative clause or an appositive
    { sentence: 'The mayor declared that she would resign, ending weeks of doubt.', frames: [{ speaker: 'The mayor', cue: 'declared', content: 'she would resign' }] },
    { sentence: 'The firm denied the leak happened, with its lawyers calling the report false.', frames: [{ speaker: 'The firm', cue: 'denied', content: 'the leak happened' }] },
    { sentence: 'The coach insisted the team was fit while conceding that two players were hurt.', frames: [{ speaker: 'The coach', cue: 'insisted', content: 'the team was fit' }] },
    { sentence: 'The mayor said the fund, which was set up in May, had run dry.', frames: [{ speaker: 'The mayor', cue: 'said', content: 'the fund, which was set up in May, had run dry' }] },
    { sentence: 'The candidate said Ann Lee, the mother of a victim, is absolutely wrong.', frames: [{ speaker: 'The candidate', cue: 'said', content: 'Ann Lee, the mother of a victim, is absolutely wrong' }] },
    // adjuncts after the cue: a duration, an aside between dashes, a place set off by commas; a fronted adverbial opens the clause
    { sentence: 'The coach has said for weeks his team can win the title.', frames: [{ speaker: 'The coach', cue: 'has said', content: 'his team can win the title' }] },
    { sentence: 'The treasurer said — by email, as it turned out — that the fund was empty.', frames: [{ speaker: 'The treasurer', cue: 'said', content: 'the fund was empty' }] },
    { sentence: 'The senator said during a visit to Dayton, Ohio, that the plant would stay.', frames: [{ speaker: 'The senator', cue: 'said', content: 'the plant would stay' }] },
    { sentence: 'The runner says despite the injury, she will race on Sunday.', frames: [{ speaker: 'The runner', cue: 'says', content: 'despite the injury, she will race on Sunday' }] },
    { sentence: 'The mayor said, among other things, that the bridge would reopen.', frames: [{ speaker: 'The mayor', cue: 'said', content: 'the bridge would reopen' }] },
    { sentence: 'The pollster said the mayor, despite his wealth, is better placed than his rival.', frames: [{ speaker: 'The pollster', cue: 'said', content: 'the mayor, despite his wealth, is better placed than his rival' }] },
    { sentence: 'The spokesman on Thursday evening said the party was calm.', frames: [{ speaker: 'The spokesman', cue: 'said', content: 'the party was calm' }] },
    { sentence: "The banker, citing ''a rare chance,'' said the merger would go ahead.", frames: [{ speaker: 'The banker', cue: 'said', content: 'the merger would go ahead' }] },
    // two attributions in one sentence, each with its own subject
    { sentence: 'One in three said the park was unsafe and one in four said it was dirty.', frames: [{ speaker: 'One in three', cue: 'said', content: 'the park was unsafe' }, { speaker: 'one in four', cue: 'said', content: 'it was dirty' }] },
    // "to <cue>" after a word saying the speech happened
    { sentence: 'The senator went on to say that the bill was dead.', frames: [{ speaker: 'The senator', cue: 'say', content: 'the bill was dead' }] },
    { sentence: 'Rural voters are more likely to say the economy is weak.', frames: [{ speaker: 'Rural voters', cue: 'say', content: 'the economy is weak' }] },
    { sentence: 'Union leaders were quick to point out that wages fell.', frames: [{ speaker: 'Union leaders', cue: 'point out', content: 'wages fell' }] },
  ],
  apply: (ctx) => forwardFrames(ctx, 'subject-verb'),
};

export const relativeClause: Rule = {
  name: 'relative-clause',
  construction: 'NP, (many of) who(m)/which <cue> …',
  examples: [
    { sentence: 'The plan angered local farmers, many of whom say the new rules will ruin them.', frames: [{ speaker: 'local farmers', cue: 'say', content: 'the new rules will ruin them' }] },
    { sentence: 'The report was welcomed by Maria Lopez, who said it was overdue.', frames: [{ speaker: 'Maria Lopez', cue: 'said', content: 'it was overdue' }] },
    // a restrictive relative clause ends where its antecedent's predicate begins
    { sentence: 'Shoppers who said prices were their top worry backed the mayor.', frames: [{ speaker: 'Shoppers', cue: 'said', content: 'prices were their top worry' }] },
  ],
  apply: (ctx) => forwardFrames(ctx, 'relative-clause'),
};

export const coordinatedVerb: Rule = {
  name: 'coordinated-verb',
  construction: 'X <verb> … and <cue> …',
  examples: [
    { sentence: 'The minister denied the charges and said the inquiry was politically driven.', frames: [{ speaker: 'The minister', cue: 'said', content: 'the inquiry was politically driven' }] },
  ],
  apply: (ctx) => forwardFrames(ctx, 'coordinated-verb'),
};

export const participleChain: Rule = {
  name: 'participle-chain',
  construction: 'X <verb> …, <cue>-ing (that) …',
  examples: [
    { sentence: 'The company cut its forecast, saying demand had slowed in Asia.', frames: [{ speaker: 'The company', cue: 'saying', content: 'demand had slowed in Asia' }] },
    { sentence: 'The mayor said the budget was balanced, adding that no layoffs were planned.', frames: [{ speaker: 'The mayor', cue: 'adding', content: 'no layoffs were planned' }] },
    { sentence: 'The envoy made a fresh appeal on Monday urging both sides not to walk away.', frames: [{ speaker: 'The envoy', cue: 'urging', content: 'both sides not to walk away' }] },
    { sentence: 'By insisting that the loan was legal, the treasurer was defending his own record.', frames: [{ speaker: 'the treasurer', cue: 'insisting', content: 'the loan was legal' }] },
    { sentence: 'The company cut its forecast, saying demand had slowed, adding that prices fell.', frames: [{ speaker: 'The company', cue: 'saying', content: 'demand had slowed' }, { speaker: 'The company', cue: 'adding', content: 'prices fell' }] },
    { sentence: 'The company issued a statement saying that the recall was voluntary.', frames: [{ speaker: 'The company', cue: 'saying', content: 'the recall was voluntary' }] },
    { sentence: 'The candidate responded by saying the poll was wrong.', frames: [{ speaker: 'The candidate', cue: 'saying', content: 'the poll was wrong' }] },
    { sentence: 'The mayor thanked the crews, telling reporters, “They worked all night.”', frames: [{ speaker: 'The mayor', cue: 'telling' }] },
  ],
  apply: (ctx) => forwardFrames(ctx, 'participle-chain'),
};
