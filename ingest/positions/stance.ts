/**
 * Stance of a piece of text on each issue of an issue set it is about.
 *
 * - A text is about an issue when one of the issue's topic terms (or cues) occurs in it; each such
 *   hit is a *target*. A topic term takes no stance by itself; an issue cue ("withdraw" for troop
 *   presence, "open timeline") carries its own polarity.
 * - A target's stance comes from the words that govern it in its clause (stance.json):
 *   a chain of governing words right before it, each multiplying the polarity — attitudes
 *   ("opposes", "vowed to", "refused to"), changes ("end", "expand", "repeal"), evaluations ("a
 *   mistake to") — read leftwards through function words and transparent nouns ("the mayor's
 *   plan to"), stopping at a coordinated verb phrase or after two other content words;
 *   a predicate right after it ("rent control is a mistake", "the troops should withdraw", "… is
 *   not under consideration");
 *   negators attached to the chain ("did not support", "never backed", "has no plans to") and a
 *   reported denial anywhere before it in the clause ("denied that …", "dismissed reports that …")
 *   flip it; a hedge before it in the clause or a modal in its predicate ("whether", "might",
 *   "is considering") makes it neutral, a negated deliberation ("is not considering") negates.
 * - Changes narrated as events take no stance: a chain of change words only whose first word is a
 *   simple past ("the troops withdrew in 2011") or a noun after a determiner ("the defeat of ISIS").
 * - The stance on an issue is the sign of the sum over its targets; both signs and a zero sum is
 *   a tie (`mixed`).
 *
 * Offsets are relative to the analysed text; `normalise` keeps them equal to the original's.
 */
import type { Stance } from '../../cypher/schema.ts';
import type { Span } from '../types.ts';
import { firstStartingAt } from '../text/sorted.ts';
import type { IssueSet } from './issue-set.ts';
import { hyphenated, longestOnly, normalise, overlaps, tokenize, type Hit, type Token } from './matcher.ts';
import { compileIssueSet, isPastForm, VOCABULARY as V, type CompiledIssueSet, type CueData, type Gov } from './vocabulary.ts';

/** Content words (not function words, not transparent nouns) allowed between chain links. */
const MAX_GAP = 1;
/** Tokens a predicate may sit after its target (auxiliaries, adverbs, "to"). */
const MAX_PREDICATE_SKIP = 4;

export interface IssueStance {
  id: string;
  stance: Stance;
  /** support and oppose targets in equal weight: a mixed statement */
  mixed: boolean;
  /** span (in the analysed text) of the clause that decided the stance, or of the first topic term */
  evidence: { start: number; end: number };
}

/** Words that never count as content between a governing word and its target. */
const FUNCTION = new Set(
  'the a an any all some this that these those its their his her our my your of to for on with in at by from into over about as more most further other such own new s us u mr ms mrs is are was were be been being am has have had do does did will would shall should must can could may might also still just even now then again already ever only very so too both each every any own there here it they we he she i you them him itself'.split(' '),
);
const AUX = new Set('is are was were be been being am has have had do does did will would shall should must can could may might to also still just even now then again already ever only very so too soon finally eventually immediately quickly fully really actually a an the being get got going'.split(' '));
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', "'s", 'remain', 'remains', 'seem', 'seems']);
const LICENSING = new Set(['to', 'will', 'would', 'shall', 'should', 'must', 'can', 'could', 'may', 'might', "'ll", 'is', 'are', 'be', 'been', 'being', 'was', 'were', 'has', 'have', 'had', 'not', 'never']);
/** Words after which a predicate states a stance, not an event ("should withdraw", "is needed", "to be scrapped"). */
const PREDICATE_LICENSING = new Set(['to', 'will', 'would', 'shall', 'should', 'must', 'can', 'could', 'may', 'might', "'ll", 'is', 'are', 'be', 'being', 'am', 'need', 'needs', 'remain', 'remains']);
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'this', 'that', 'these', 'those', 'any', 'some', "it's"]);
const MODALS = new Set(['will', 'would', 'shall', 'should', 'must', 'can', 'could', 'may', 'might', "'ll"]);
const COORDINATORS = new Set(['and', 'or']);
const ABILITY = new Set(['can', 'could']);
const PLACE_PREPOSITIONS = new Set(['in', 'from', 'to', 'into', 'of', 'inside', 'across']);
const CLAUSE_WORDS = new Set(['but', 'despite', 'while', 'although', 'though', 'whereas', 'however', 'because', 'unless']);
const TITLE_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'gen', 'lt', 'col', 'maj', 'brig', 'sgt', 'capt', 'adm', 'sen', 'rep', 'gov', 'st', 'jr', 'sr', 'prof', 'rev', 'no', 'vs']);

/** Clause index of every token: sentence punctuation, brackets and contrastive conjunctions end clauses. */
function clauses(tokens: readonly Token[]): number[] {
  const out: number[] = [];
  let c = 0;
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    if (prev) {
      const g = t.gap;
      const period = /\.(?=\s|$|["'])/.test(g) && !(prev.w.length === 1 || TITLE_ABBREVIATIONS.has(prev.w));
      if (/[;:!?()]|\s-{1,2}\s|--/.test(g) || period || CLAUSE_WORDS.has(t.w)) c++;
    }
    out.push(c);
  });
  return out;
}

interface Target {
  hit: Hit<unknown>;
  issue: number;
  /** +1/-1 for issue cues; 0 for topic terms (no stance by themselves) */
  polarity: 0 | 1 | -1;
}

interface Analysis {
  tokens: Token[];
  clause: number[];
  gov: Hit<Gov>[];
  /** governing hit ending at a token */
  govEnd: Map<number, Hit<Gov>>;
  /** first token of the negator ending at a token */
  negEnd: Map<number, number>;
  /** last token of the negator starting at a token */
  negStart: Map<number, number>;
  /** governing hit starting at a token */
  govStart: Map<number, Hit<Gov>>;
  /** deliberation hit ending at a token */
  delibEnd: Map<number, Hit<null>>;
  hedgeAt: number[];
  deliberation: Hit<null>[];
  denialAt: number[];
  postNegStart: Set<number>;
  /** last token of each weakener ("lax") */
  weakenerEnd: Set<number>;
  /** last token of each judgement that judges the noun it modifies ("a reckless ban") */
  attributiveEnd: Set<number>;
}

/** The hits of one pass of an issue set's combined index over a text, by class. */
export interface Scan {
  gov: Hit<Gov>[];
  neg: Hit<null>[];
  hedge: Hit<null>[];
  delib: Hit<null>[];
  denial: Hit<null>[];
  dismissive: Hit<null>[];
  report: Hit<null>[];
  postneg: Hit<null>[];
  weakener: Hit<null>[];
  attributive: Hit<null>[];
  term: Hit<number>[];
  cue: Hit<CueData>[];
  elsewhere: Hit<null>[];
}

/**
 * One pass over the tokens finds every phrase of the vocabulary and of the issue set; only topic
 * terms may start inside a hyphenated compound after "anti-"/"pro-".
 */
export function scan(c: CompiledIssueSet, tokens: readonly Token[]): Scan {
  const out: Scan = { gov: [], neg: [], hedge: [], delib: [], denial: [], dismissive: [], report: [], postneg: [], weakener: [], attributive: [], term: [], cue: [], elsewhere: [] };
  for (const h of c.all.findAll(tokens, ANTI_PRO)) {
    const d = h.data;
    if (d.c !== 'term' && hyphenated(tokens[h.first])) continue;
    const at = (data: unknown) => ({ ...h, data }) as Hit<never>;
    switch (d.c) {
      case 'gov': out.gov.push(at(d.gov)); break;
      case 'term': out.term.push(at(d.issue)); break;
      case 'cue': out.cue.push(at(d.cue)); break;
      default: out[d.c].push(at(null));
    }
  }
  return out;
}

function analyse(tokens: Token[], s: Scan): Analysis {
  const clause = clauses(tokens);
  const negEnd = new Map<number, number>();
  for (const h of s.neg) negEnd.set(h.last, h.first);
  tokens.forEach((t, i) => {
    if (t.w.endsWith("n't")) negEnd.set(i, i);
  });
  const hedgeAt: number[] = [];
  for (const h of s.hedge) {
    // "could never accept", "can't": a refusal, not a hedge
    if (ABILITY.has(tokens[h.first]!.w) && negEnd.has(h.first + 1)) continue;
    if (tokens[h.first]!.w.endsWith("n't")) continue;
    hedgeAt.push(h.first);
  }
  // "not clear": the negator belongs to the hedge
  for (const h of s.hedge) for (let k = h.first; k <= h.last; k++) negEnd.delete(k);
  const deliberation = s.delib;
  // reported denial: "denied …", "dismissed reports that …"
  const denialAt: number[] = s.denial.map((h) => h.first);
  const reportStarts = new Set(s.report.map((h) => h.first));
  const dismissiveUsed: Hit<null>[] = [];
  for (const h of s.dismissive) {
    for (let k = h.last + 1; k <= h.last + 3 && k < tokens.length; k++) {
      if (reportStarts.has(k)) {
        denialAt.push(h.first);
        dismissiveUsed.push(h);
        break;
      }
    }
  }
  const gov = longestOnly(s.gov).filter(
    (g) => !dismissiveUsed.some((d) => overlaps(d, g)) && !deliberation.some((d) => overlaps(d, g)),
  );
  const govEnd = new Map(gov.map((g) => [g.last, g] as const));
  const govStart = new Map<number, Hit<Gov>>();
  for (const g of gov) if (!govStart.has(g.first)) govStart.set(g.first, g);
  const negStart = new Map<number, number>();
  for (const [last, first] of negEnd) if (!negStart.has(first) || negStart.get(first)! < last) negStart.set(first, last);
  const delibEnd = new Map<number, Hit<null>>();
  for (const d of deliberation) if (!delibEnd.has(d.last)) delibEnd.set(d.last, d);
  const postNegStart = new Set(s.postneg.map((h) => h.first));
  const weakenerEnd = new Set(s.weakener.map((h) => h.last));
  const attributiveEnd = new Set(s.attributive.map((h) => h.last));
  return { tokens, clause, gov, govEnd, govStart, negEnd, negStart, delibEnd, hedgeAt, deliberation, denialAt, postNegStart, weakenerEnd, attributiveEnd };
}

/** A hit followed closely by "in/from <another place>" is about another place ("… from Syria"). */
function elsewhereStarts(s: Scan): Set<number> {
  return new Set(s.elsewhere.map((h) => h.first));
}
function isElsewhere(a: Analysis, places: Set<number>, h: { last: number }): boolean {
  for (let k = h.last + 1; k <= h.last + 8 && k < a.tokens.length; k++) {
    if (a.clause[k] !== a.clause[h.last]) return false;
    if (places.has(k) && PLACE_PREPOSITIONS.has(a.tokens[k - 1]?.w ?? '')) return true;
    if (places.has(k + 1) && a.tokens[k]?.w === 'the' && PLACE_PREPOSITIONS.has(a.tokens[k - 1]?.w ?? '')) return true;
  }
  return false;
}

interface Reading {
  value: number;
  /** first token of what decided it */
  from: number;
}

/** Whether a chain of change words only is narrated (an event), not advocated. */
function narrated(a: Analysis, first: number): boolean {
  const w = a.tokens[first]!.w;
  const before = a.tokens[first - 1]?.w ?? '';
  const before2 = a.tokens[first - 2]?.w ?? '';
  if (LICENSING.has(before) || (LICENSING.has(before2) && AUX.has(before))) return false;
  // "the defeat of", "Iraq's withdrawal", "the ongoing defeat"
  if (DETERMINERS.has(before) || before.endsWith("'s") || (DETERMINERS.has(before2) && !a.govEnd.has(first - 1))) return true;
  return isPastForm(w);
}

/** A simple past with no auxiliary before it: "the last troops pulled out in December". */
function pastEvent(a: Analysis, first: number): boolean {
  if (!isPastForm(a.tokens[first]!.w)) return false;
  const before = a.tokens[first - 1]?.w ?? '';
  return !LICENSING.has(before) && !DETERMINERS.has(before);
}

/** Verbs through which a judgement is predicated: "X was considered a threat", "is seen as a mistake". */
const PREDICATING = new Set(['considered', 'seen', 'regarded', 'viewed', 'described', 'called', 'deemed', 'labeled', 'labelled', 'branded', 'as']);

/** The predicate right after a target: a change, an evaluation, a passive attitude, a post-negator. */
function predicate(a: Analysis, cues: Map<number, Hit<CueData>>, issue: number, last: number): { value: number; hedged: boolean } | null {
  let negs = 0;
  let skipped = 0;
  let be = false;
  let licensed = false;
  let hedged = false;
  let np = false;
  let npWords = 0;
  let pastBe = false;
  let j0 = last + 1;
  // the predicate of a noun phrase with a complement: "the presence of US troops | is necessary"
  if (['of', 'from', 'for', 'in', 'on'].includes(a.tokens[j0]?.w ?? '')) {
    let k = j0 + 1;
    const verbal = (w: string) => BE.has(w) || MODALS.has(w);
    while (k < a.tokens.length && k <= j0 + 5 && a.clause[k] === a.clause[last] && !verbal(a.tokens[k]!.w) && !a.postNegStart.has(k)) k++;
    if (verbal(a.tokens[k]?.w ?? '') || a.postNegStart.has(k)) j0 = k;
  }
  for (let j = j0; j < a.tokens.length && a.clause[j] === a.clause[last] && skipped <= MAX_PREDICATE_SKIP; ) {
    if (a.postNegStart.has(j)) return { value: -1, hedged };
    const negLast = a.negStart.get(j);
    if (negLast !== undefined) {
      negs++;
      j = negLast + 1;
      continue;
    }
    if (a.tokens[j]!.gap.includes(',')) return null;
    const g = a.govStart.get(j);
    const cue = np ? undefined : cues.get(j);
    const sign = negs % 2 ? -1 : 1;
    // a change in the simple past, or after "was/were/has/had", narrates an event ("the troops withdrew")
    const event = !licensed && (isPastForm(a.tokens[j]!.w) || pastBe);
    if (cue && cue.data.issue === issue) return { value: event && negs === 0 ? 0 : cue.data.polarity * sign, hedged };
    if (g && !np && (g.data.kind !== 'attitude' || be)) return { value: g.data.kind === 'change' && event && negs === 0 ? 0 : g.data.polarity * sign, hedged };
    const w = a.tokens[j]!.w;
    // inside a predicate noun phrase ("a continuing enemy") only a judgement counts
    if (np) {
      if (g?.data.kind === 'evaluation') return { value: g.data.polarity * sign, hedged };
      if (++npWords > 2) return null;
      j++;
      continue;
    }
    if (be && (w === 'a' || w === 'an')) np = true;
    if (!AUX.has(w) && !BE.has(w) && !(be && PREDICATING.has(w))) return null;
    if (BE.has(w)) be = true;
    if (w === 'was' || w === 'were') pastBe = true; // "was shut down": a passive past event
    if (PREDICATE_LICENSING.has(w)) licensed = true;
    if (a.hedgeAt.includes(j)) hedged = true;
    skipped++;
    j++;
  }
  return null;
}

/** Contractions that end in "'s" but possess nothing. */
const NOT_POSSESSIVE = new Set(["it's", "that's", "what's", "there's", "here's", "who's", "let's", "he's", "she's", "where's"]);

/** Whether the word before token k is a named possessor: "Smith's", "the unions'" (not "his", "my"). */
function namedPossessorBefore(tokens: readonly Token[], k: number): boolean {
  const p = tokens[k - 1];
  if (!p) return false;
  if (p.w.endsWith("'s")) return !NOT_POSSESSIVE.has(p.w);
  return p.w.endsWith('s') && /^'\s/.test(tokens[k]!.gap);
}

/** Most modifiers a noun phrase's head may have between its determiner and itself. */
const MAX_PREMODIFIERS = 3;

/**
 * First token of the modifiers between a target and its determiner, possessor or number ("a $12
 * national official | minimum wage", "her state's lax | gun laws"); `first` when there are none.
 */
/** Whether token k lies inside one of the targets (a plain loop: this runs per token of the chain). */
function isTargetAt(links: readonly Target[], k: number): boolean {
  for (const o of links) if (o.hit.first <= k && k <= o.hit.last) return true;
  return false;
}

/** Whether any of the positions is in clause `cl` before token `first`. */
function anyInClauseBefore(at: readonly number[], clause: readonly number[], cl: number, first: number): boolean {
  for (const k of at) if (k < first && clause[k] === cl) return true;
  return false;
}

function premodifiersBefore(a: Analysis, first: number, links: readonly Target[]): number {
  const { tokens } = a;
  let k = first - 1;
  while (k >= 0 && first - 1 - k < MAX_PREMODIFIERS && !tokens[k + 1]!.gap.includes(',')) {
    const w = tokens[k]!.w;
    if (DETERMINERS.has(w) || w.endsWith("'s") || /^\d/.test(w)) return k + 1;
    if (FUNCTION.has(w) || COORDINATORS.has(w) || a.govEnd.has(k) || a.negEnd.has(k) || isTargetAt(links, k) || a.clause[k] !== a.clause[first]) return first;
    k--;
  }
  const w = tokens[k]?.w ?? '';
  return k >= 0 && !tokens[k + 1]!.gap.includes(',') && (DETERMINERS.has(w) || w.endsWith("'s") || /^\d/.test(w)) ? k + 1 : first;
}

function read(a: Analysis, cues: Map<number, Hit<CueData>>, links: Target[], t: Target, inverse: boolean, options: StanceOptions): Reading {
  const { lead } = options;
  const { tokens, clause } = a;
  const first = t.hit.first;
  const cl = clause[first]!;
  let product = 1;
  let chain = 0;
  let attitude = false;
  let leftmostChange = -1;
  let negs = 0;
  let from = first;
  let gap = 0;
  /** a content word other than an adverb since the last link of the chain */
  let verbInGap = false;
  // the modifiers right before the target belong to its noun phrase ("a $12 national official
  // minimum wage"): they are no gap, and a weakener among them ("lax gun laws") flips it
  const premodifierFrom = premodifiersBefore(a, first, links);
  let i = first - 1;
  for (; i >= 0 && clause[i] === cl; ) {
    const tok = tokens[i]!;
    const after = tokens[i + 1]!;
    if (after.gap.includes(',') && chain > 0) break;
    // a relative clause's own verb governs what follows it: "the problem that includes X"
    if (tok.w === 'which' || tok.w === 'who' || (tok.w === 'that' && a.govEnd.get(i - 1)?.data.kind !== 'attitude' && a.negEnd.get(i - 1) === undefined && chain === 0 && i + 1 < first)) {
      break;
    }
    if (i >= premodifierFrom) {
      if (a.weakenerEnd.has(i)) product *= -1;
      i--;
      continue;
    }
    if (COORDINATORS.has(tok.w)) {
      if (chain > 0 || after.gap.includes(',')) break;
      gap = 0; // coordinated objects: "opposes higher rents and rent control"
      verbInGap = false;
      i--;
      continue;
    }
    // an issue cue between a topic term and its governor is a link of the chain: "plans to withdraw its troops"
    const cue = t.polarity === 0 ? links.find((o) => o.polarity !== 0 && o.hit.last === i) : undefined;
    if (cue) {
      if (gap > MAX_GAP) break;
      product *= cue.polarity;
      chain++;
      if (leftmostChange < 0 || cue.hit.first < leftmostChange) leftmostChange = cue.hit.first;
      from = cue.hit.first;
      gap = 0;
      verbInGap = false;
      i = cue.hit.first - 1;
      continue;
    }
    const g = a.govEnd.get(i);
    // an adjective right before a topic term describes it ("illegal immigrants"), it does not judge it
    const attributive = g?.data.kind === 'evaluation' && g.last === first - 1 && !a.attributiveEnd.has(g.last);
    // a named possessor's attitude ("the senator's support for …") is the possessor's, not this
    // text's holder's: the noun passes the stance through like a transparent noun
    if (g && g.data.kind === 'attitude' && namedPossessorBefore(tokens, g.first)) {
      i = g.first - 1;
      continue;
    }
    if (g && !isTargetAt(links, i) && !attributive) {
      if (gap > MAX_GAP) break;
      product *= g.data.polarity;
      chain++;
      if (g.data.kind === 'change') leftmostChange = g.first;
      else attitude = true;
      from = g.first;
      gap = 0;
      verbInGap = false;
      i = g.first - 1;
      continue;
    }
    const negFirst = a.negEnd.get(i);
    if (negFirst !== undefined) {
      // a negator negates the chain only when nothing but adverbs stands between ("did not publicly
      // back"); "will not pay for such a pointless toll" negates the paying, not the judgement
      if (gap > MAX_GAP || (chain > 0 && verbInGap)) break;
      negs++;
      from = negFirst;
      i = negFirst - 1;
      continue;
    }
    const del = a.delibEnd.get(i);
    if (del) {
      // "is not considering a withdrawal" negates it; "is considering" hedges it (below)
      const neg = a.negEnd.get(del.first - 1) ?? a.negEnd.get(del.first - 2);
      if (neg !== undefined && gap <= MAX_GAP) {
        negs++;
        chain++;
        attitude = true;
        from = neg;
        i = neg - 1;
        continue;
      }
      break;
    }
    // a hyphenated compound ("long-term") is one word; numbers and function words are none
    const compound = tokens[i + 1] !== undefined && hyphenated(tokens[i + 1]) && i + 1 !== first;
    if (!compound && !FUNCTION.has(tok.w) && !V.transparent.has(tok.w) && !tok.w.endsWith("'s") && !/^\d+$/.test(tok.w)) {
      gap++;
      if (!tok.w.endsWith('ly')) verbInGap = true;
    }
    if (gap > MAX_GAP + 1) break;
    i--;
  }
  // the governing word before the text ("his proposal | to ban …") governs a chain that reaches its start
  // an infinitival complement of a named possessor's noun ("the mayor's steps to expand X") states
  // the possessor's aim, not this text's holder's
  if (chain > 0 && !attitude && negs === 0 && !lead && leftmostChange >= 2 && tokens[leftmostChange - 1]!.w === 'to') {
    const noun = leftmostChange - 2;
    // the possessor right before the noun or one or two modifiers before it ("X's new steps to")
    for (let k = noun; k >= Math.max(1, noun - 2) && !FUNCTION.has(tokens[noun]!.w); k--) {
      if (namedPossessorBefore(tokens, k)) return { value: 0, from };
      if (DETERMINERS.has(tokens[k - 1]!.w) || PLACE_PREPOSITIONS.has(tokens[k - 1]!.w)) break;
    }
  }
  if (lead && i < 0 && gap <= MAX_GAP) {
    product *= lead;
    chain++;
    attitude = true;
    from = 0;
  }
  const denied = anyInClauseBefore(a.denialAt, clause, cl, first);
  const hedgedBefore =
    anyInClauseBefore(a.hedgeAt, clause, cl, first) ||
    a.deliberation.some((d) => d.first < first && clause[d.first] === cl && a.negEnd.get(d.first - 1) === undefined && a.negEnd.get(d.first - 2) === undefined);
  let post = options.complement ? null : predicate(a, cues, t.issue, t.hit.last);
  // coordinated subjects share the predicate: "a drawdown or withdrawal of the troops is not …"
  if (!post && !options.complement && COORDINATORS.has(tokens[t.hit.last + 1]?.w ?? '')) {
    const next = links.find((o) => o.hit.first === t.hit.last + 2 || (o.hit.first === t.hit.last + 3 && DETERMINERS.has(tokens[t.hit.last + 2]!.w)));
    if (next) post = predicate(a, cues, t.issue, next.hit.last);
  }
  if (hedgedBefore || post?.hedged) return { value: 0, from };
  const governed = chain > 0 || negs > 0 || denied || post !== null;
  // narrated change: "the troops withdrew", "the defeat of ISIS"
  if (chain > 0 && !attitude && negs === 0 && !denied && narrated(a, leftmostChange)) return { value: 0, from };
  // an ungoverned issue cue narrates an event only in the simple past ("the troops pulled out")
  if (!governed && (t.polarity === 0 || pastEvent(a, first))) return { value: 0, from };
  const intrinsic = t.polarity === 0 ? (inverse ? -1 : 1) : t.polarity;
  const anti = t.polarity === 0 && hyphenated(tokens[first]) && tokens[first - 1]?.w === 'anti' ? -1 : 1;
  let value = intrinsic * anti * product * (post ? post.value : 1) * (negs % 2 ? -1 : 1) * (denied ? -1 : 1);
  if (!governed && t.polarity === 0) value = 0;
  return { value, from };
}

/** Stance of `text` on each issue of `set` it is about (issues without a topic term or cue are left out). */
export function issueStances(text: string, set?: IssueSet, options: StanceOptions = {}): IssueStance[] {
  const c = compileIssueSet(set);
  const norm = normalise(text);
  const tokens = tokenize(norm);
  if (!tokens.length) return [];
  const s = dropNamePrefixes(text, tokens, scan(c, tokens));
  return stancesOfTokens(c, text, tokens, s, options);
}

export interface StanceOptions {
  /**
   * The polarity of a governing word right before the text ("his proposal | to ban …", "calls
   * from X | for …"): a chain that reaches the text's start without a break is governed by it.
   */
  lead?: 1 | -1;
  /**
   * The text is a noun's complement ("his plan | to build a wall"): what follows a target is the
   * outer clause's predicate, not the complement's ("calls X's plan to build a wall stupid").
   */
  complement?: boolean;
}

/**
 * A whole text tokenised and scanned once: the positions stage reads every statement window,
 * sentence and holder region of an article as a range of it, so the article is tokenised and
 * passed over by the combined index once, not once per window.
 */
export interface ScannedText {
  text: string;
  set: CompiledIssueSet;
  tokens: Token[];
  scan: Scan;
}

export function scanText(text: string, set?: IssueSet, norm: string = normalise(text)): ScannedText {
  const c = compileIssueSet(set);
  const tokens = tokenize(norm);
  return { text, set: c, tokens, scan: dropNamePrefixes(text, tokens, scan(c, tokens)) };
}

const UPPER = /^[A-Z]/;

/**
 * A term declared in lower case that the text capitalises and follows with another capitalised
 * word is the start of a longer name ("the wall" in "the Wall Street bailout"), not the topic.
 */
function dropNamePrefixes(text: string, tokens: readonly Token[], s: Scan): Scan {
  const term = s.term.filter((h) => {
    if (/[A-Z]/.test(h.phrase)) return true;
    const last = tokens[h.last]!;
    const next = tokens[h.last + 1];
    const upper = (t: Token) => UPPER.test(text.slice(t.start, t.end));
    // (a whole capitalised term is kept: "the Security Agreement" names the topic itself)
    return !(next && next.gap === ' ' && upper(last) && upper(next));
  });
  return term.length === s.term.length ? s : { ...s, term };
}

/** Index of the first token starting at or after `at` (tokens.length when none). */
export const tokenIndexFrom = (tokens: readonly Token[], at: number): number => firstStartingAt(tokens, at);

/** The hits of `hits` (in token order) that lie within tokens [i0, i1), re-based to i0. */
function hitsIn<D>(hits: readonly Hit<D>[], i0: number, i1: number): Hit<D>[] {
  const out: Hit<D>[] = [];
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid]!.first < i0) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < hits.length && hits[k]!.first < i1; k++) {
    const h = hits[k]!;
    if (h.last < i1) out.push({ ...h, first: h.first - i0, last: h.last - i0 });
  }
  return out;
}

/** The tokens and hits of a character range of a scanned text (offsets stay the text's). */
export function rangeOf(st: ScannedText, from: number, to: number): { tokens: Token[]; scan: Scan } {
  const i0 = tokenIndexFrom(st.tokens, from);
  let i1 = i0;
  while (i1 < st.tokens.length && st.tokens[i1]!.end <= to) i1++;
  const tokens = st.tokens.slice(i0, i1);
  // the range's first token has only what precedes it inside the range as its gap
  if (tokens.length) tokens[0] = { ...tokens[0]!, gap: normalise(st.text.slice(Math.max(from, tokens[0]!.start - tokens[0]!.gap.length), tokens[0]!.start)) };
  const s = st.scan;
  const scan: Scan = {
    gov: hitsIn(s.gov, i0, i1),
    neg: hitsIn(s.neg, i0, i1),
    hedge: hitsIn(s.hedge, i0, i1),
    delib: hitsIn(s.delib, i0, i1),
    denial: hitsIn(s.denial, i0, i1),
    dismissive: hitsIn(s.dismissive, i0, i1),
    report: hitsIn(s.report, i0, i1),
    postneg: hitsIn(s.postneg, i0, i1),
    weakener: hitsIn(s.weakener, i0, i1),
    attributive: hitsIn(s.attributive, i0, i1),
    term: hitsIn(s.term, i0, i1),
    cue: hitsIn(s.cue, i0, i1),
    elsewhere: hitsIn(s.elsewhere, i0, i1),
  };
  return { tokens, scan };
}

/**
 * Character spans of the non-restrictive relative clauses in a range that do not open it
 * ("… Y of Vermont, who blasts free trade, …"): what they say is the antecedent's, not the holder's
 * of the range.
 */
export function relativeClauseSpans(st: ScannedText, from: number, to: number): Span[] {
  const out: Span[] = [];
  const { tokens, text } = st;
  const i0 = tokenIndexFrom(tokens, from);
  for (let i = i0 + 1; i < tokens.length && tokens[i]!.end <= to; i++) {
    const t = tokens[i]!;
    if ((t.w !== 'who' && t.w !== 'which') || !t.gap.includes(',')) continue;
    let k = i + 1;
    while (k < tokens.length && tokens[k]!.end <= to && !/[,;:.!?()]/.test(tokens[k]!.gap)) k++;
    out.push({ start: t.start, end: tokens[k - 1]!.end });
    if (text[t.start - 1] === undefined) break;
  }
  return out;
}

/** Whether a character range of a scanned text holds a topic term (cheap: no copies). */
export function namesAnIssue(st: ScannedText, from: number, to: number): boolean {
  const i0 = tokenIndexFrom(st.tokens, from);
  const terms = st.scan.term;
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]!.first < i0) lo = mid + 1;
    else hi = mid;
  }
  const h = terms[lo];
  return h !== undefined && h.end <= to;
}

/**
 * `issueStances` of a character range of a scanned text, with evidence spans relative to `from`
 * (as if the range had been cut out and read on its own).
 */
export function stancesInRange(st: ScannedText, from: number, to: number, options: StanceOptions = {}): IssueStance[] {
  if (!namesAnIssue(st, from, to)) return [];
  const r = rangeOf(st, from, to);
  if (!r.tokens.length) return [];
  return stancesOfTokens(st.set, st.text, r.tokens, r.scan, options).map((x) => ({ ...x, evidence: { start: x.evidence.start - from, end: x.evidence.end - from } }));
}

/** `issueStances` on tokens already scanned (so a caller that has them pays for no second pass). */
export function stancesOfTokens(c: CompiledIssueSet, text: string, tokens: Token[], s: Scan, options: StanceOptions = {}): IssueStance[] {
  const termHits = s.term;
  const cueHits = s.cue;
  if (!termHits.length && !cueHits.length) return [];
  const a = analyse(tokens, s);
  const places = elsewhereStarts(s);
  const out: IssueStance[] = [];
  const cueStart = new Map<number, Hit<CueData>>();
  for (const h of cueHits) if (!cueStart.has(h.first)) cueStart.set(h.first, h);
  for (let n = 0; n < c.issues.length; n++) {
    const issue = c.issues[n]!;
    const cues = longestOnly(cueHits.filter((h) => h.data.issue === n)).filter((h) => !isElsewhere(a, places, h));
    const about = longestOnly(termHits.filter((h) => h.data === n)).filter((h) => !isElsewhere(a, places, h));
    if (!about.length) continue; // a cue alone ("leave") does not make a text about the issue
    const terms = about.filter((h) => !cues.some((q) => overlaps(q, h)));
    const cueTargets = cues.map((h) => ({ hit: h as Hit<unknown>, issue: n, polarity: h.data.polarity }));
    const termTargets = terms.map((h) => ({ hit: h as Hit<unknown>, issue: n, polarity: 0 as const }));
    const links: Target[] = [...cueTargets, ...termTargets];
    const issueCues = new Map([...cueStart].filter(([, h]) => h.data.issue === n));
    // a cue that is also a topic term ("withdrawal", "open timeline") is read on its own; others
    // ("stay", "leave") only as the predicate or a link of a topic term ("the troops should leave")
    const standalone = cueTargets.filter((c) => about.some((h) => overlaps(h, c.hit)));
    const readAll = (targets: Target[]) => {
      const out = { sum: 0, pos: 0, neg: 0, decisive: [] as { from: number; to: number; value: number }[] };
      for (const t of targets) {
        const r = read(a, issueCues, links, t, issue.inverse, options);
        out.sum += r.value;
        if (r.value > 0) out.pos++;
        if (r.value < 0) out.neg++;
        if (r.value !== 0) out.decisive.push({ from: r.from, to: t.hit.last, value: r.value });
      }
      return out;
    };
    // issue cues are more specific than topic terms: the terms decide only when no cue does
    let reading = readAll(standalone);
    if (!reading.decisive.length) reading = readAll(termTargets);
    const { sum, pos, neg, decisive } = reading;
    const targets = [...standalone, ...termTargets].sort((x, y) => x.hit.start - y.hit.start);
    const stance: Stance = sum > 0 ? 'support' : sum < 0 ? 'oppose' : 'neutral';
    const pick = decisive.find((d) => Math.sign(d.value) === Math.sign(sum)) ?? decisive[0];
    const firstHit = targets[0]!.hit;
    let span: { start: number; end: number };
    if (pick) {
      const cl = a.clause[pick.from];
      let endTok = pick.to;
      while (endTok + 1 < tokens.length && a.clause[endTok + 1] === cl) endTok++;
      span = trimSpan(text, tokens[pick.from]!.start, tokens[endTok]!.end);
    } else span = { start: firstHit.start, end: firstHit.end };
    out.push({ id: issue.id, stance, mixed: sum === 0 && pos > 0 && neg > 0, evidence: span });
  }
  return out;
}

/** "anti-ISIS", "pro-choice": a topic term may follow these prefixes (anti- flips it). */
const ANTI_PRO = new Set(['anti', 'pro']);

/** Trim whitespace and trailing punctuation off a span; keep it short. */
export function trimSpan(text: string, start: number, end: number, max = 240): { start: number; end: number } {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && /[\s,;:.]/.test(text[s] ?? '')) s++;
  while (e > s && /[\s,;:]/.test(text[e - 1] ?? '')) e--;
  if (e - s > max) {
    const cut = text.lastIndexOf(' ', s + max);
    e = cut > s ? cut : s + max;
  }
  return { start: s, end: e };
}
