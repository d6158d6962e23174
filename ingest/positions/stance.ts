/**
 * Stance of a piece of text on each issue it is about, from the lexicon of issues.json:
 *
 * - a text is about an issue when one of the issue's topic terms occurs in it;
 * - each issue cue ("keep", "withdraw", "open timeline") gives a polarity, which the words that
 *   govern it (within the same clause, a few words before it) can flip: a negator ("has not asked
 *   … to withdraw"), or an oppose verb ("refused to agree to", "never accept the … open
 *   timeline"); a hedge ("whether", "no decision") makes it neutral;
 * - a text about the issue without any cue takes its stance from the verb that governs a topic
 *   term ("Iran, which opposes the presence of US troops").
 *
 * Offsets are relative to the analysed text; `normalise` keeps them equal to the original's.
 */
import type { Stance } from '../../cypher/schema.ts';
import { COMPILED_ISSUES, COMPILED_STANCE, OTHER_PLACE_AFTER, findAll, normalise, type Hit } from './lexicon.ts';

/** How far back (in words) a governing word may stand from what it governs. */
export const GOVERNING_WINDOW = 8;
/** Two governing verbs chain ("refused to agree to") when at most this many words separate them. */
const CHAIN_GAP = 2;

export interface IssueStance {
  id: string;
  stance: Stance;
  /** span (in the analysed text) of the clause that decided the stance, or of the first topic term */
  evidence: { start: number; end: number };
}

const WORD = /[\w'-]+/g;

function countWords(s: string): number {
  return s.match(WORD)?.length ?? 0;
}

/** Offsets where clauses end: sentence punctuation and contrastive/concessive conjunctions. */
function clauseBreaks(norm: string): number[] {
  const breaks: number[] = [0];
  // a period after a single letter is an abbreviation (U.S.), not a clause end
  const re = /(?<!(?:^|[\s.])[a-z])[.;:!?](?=\s|$|["'])|,?\s(?:but|despite|while|although|though|whereas|however)\s/g;
  for (let m = re.exec(norm); m; m = re.exec(norm)) breaks.push(m.index + m[0].length);
  breaks.push(norm.length + 1);
  return breaks;
}

function clauseAround(breaks: number[], pos: number): { start: number; end: number } {
  let start = 0;
  let end = breaks[breaks.length - 1] ?? pos;
  for (const b of breaks) {
    if (b <= pos) start = b;
    else {
      end = b;
      break;
    }
  }
  return { start, end };
}

const overlaps = (a: Hit, b: Hit) => a.start < b.end && b.start < a.end;

/** Drop hits covered by a longer overlapping hit (so "open timeline" beats "timeline"). */
function longestOnly<T extends Hit>(hits: T[]): T[] {
  const sorted = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  for (const h of sorted) if (!kept.some((k) => overlaps(k, h))) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}

interface Polar extends Hit {
  polarity: 1 | -1;
}

const polar = (hits: Hit[], polarity: 1 | -1): Polar[] => hits.map((h) => ({ ...h, polarity }));

/** The general stance words of a text, independent of the issue. */
function generalHits(norm: string) {
  const hedges = findAll(norm, COMPILED_STANCE.hedges);
  const verbs = longestOnly([
    ...polar(findAll(norm, COMPILED_STANCE.support), 1),
    ...polar(findAll(norm, COMPILED_STANCE.oppose), -1),
  ]);
  const postNegators = findAll(norm, COMPILED_STANCE.postNegators);
  const negators = longestOnly(findAll(norm, COMPILED_STANCE.negators)).filter(
    (n) => !hedges.some((h) => overlaps(h, n)) && !postNegators.some((h) => overlaps(h, n)),
  );
  return { hedges, verbs, negators, postNegators };
}

/** A hit followed closely by "in/from <another country>" is about another theatre ("… from Syria"). */
const elsewhere = (norm: string, h: Hit) => OTHER_PLACE_AFTER.test(norm.slice(h.end, h.end + 80));

/** "… is not under consideration" after a cue, in its clause, flips it. */
function postNegated(norm: string, breaks: number[], h: Hit, general: ReturnType<typeof generalHits>): boolean {
  const clause = clauseAround(breaks, h.start);
  return general.postNegators.some(
    (p) => p.start >= h.end && p.end <= clause.end && countWords(norm.slice(h.end, p.start)) <= GOVERNING_WINDOW,
  );
}

/** Words after which a past participle is not a reported past event ("is needed", "would be withdrawn"). */
const AUX_BEFORE = /\b(?:is|are|be|been|being|still|would|will|should|must|can|could|to|not)\s+$/;
// a past verb alone or with its particle ("pulled out"); "limited presence" is an adjective + noun
const PAST = /^(?:[a-z]+ed|withdrew|left|kept|stayed)(?:\s+(?:out|off|up|down|away|back))?$/;

/** A cue in the simple past with nothing governing it narrates an event ("the troops pulled out"), it takes no stance. */
function factualPast(norm: string, cue: Hit): boolean {
  const word = norm.slice(cue.start, cue.end);
  if (!PAST.test(word)) return false;
  return !AUX_BEFORE.test(norm.slice(Math.max(0, cue.start - 20), cue.start));
}

interface Governing {
  hedged: boolean;
  /** product of the polarities of the chain of governing verbs, or 0 when there is none */
  verb: -1 | 0 | 1;
  negations: number;
  start: number;
}

function governing(
  norm: string,
  breaks: number[],
  at: number,
  general: ReturnType<typeof generalHits>,
  exclude: Hit[],
): Governing {
  const clause = clauseAround(breaks, at);
  // the scope: the GOVERNING_WINDOW words before `at`, inside its clause
  let lo = clause.start;
  const before = norm.slice(clause.start, at);
  const words = [...before.matchAll(WORD)];
  if (words.length > GOVERNING_WINDOW) lo = clause.start + (words[words.length - GOVERNING_WINDOW]?.index ?? 0);
  const inScope = (h: Hit) => h.start >= lo && h.end <= at && !exclude.some((e) => overlaps(e, h));
  // a hedge ("it is not clear whether …") covers the rest of its clause, however far
  const hedged = general.hedges.some((h) => h.start >= clause.start && h.end <= at && !exclude.some((e) => overlaps(e, h)));
  const negs = general.negators.filter(inScope);
  const verbs = general.verbs.filter(inScope).sort((a, b) => b.start - a.start);
  let verb: -1 | 0 | 1 = 0;
  let start = at;
  let prev: Polar | null = null;
  for (const v of verbs) {
    if (prev && countWords(norm.slice(v.end, prev.start)) > CHAIN_GAP) break;
    verb = ((verb === 0 ? 1 : verb) * v.polarity) as -1 | 1;
    start = v.start;
    prev = v;
  }
  for (const n of negs) start = Math.min(start, n.start);
  return { hedged, verb, negations: negs.length, start };
}

/** Stance of `text` on each issue it is about (issues without a topic term are left out). */
export function issueStances(text: string): IssueStance[] {
  const norm = normalise(text);
  const breaks = clauseBreaks(norm);
  const general = generalHits(norm);
  const out: IssueStance[] = [];
  for (const issue of COMPILED_ISSUES) {
    const topic = findAll(norm, issue.terms)
      .filter((h) => !elsewhere(norm, h))
      .sort((a, b) => a.start - b.start);
    const first = topic[0];
    if (!first) continue;
    const cues = longestOnly([...polar(findAll(norm, issue.support), 1), ...polar(findAll(norm, issue.oppose), -1)]).filter(
      (h) => !elsewhere(norm, h),
    );
    let sum = 0;
    let decisive: { start: number; end: number; value: number }[] = [];
    if (cues.length > 0) {
      for (const cue of cues) {
        const g = governing(norm, breaks, cue.start, general, cues);
        // "condemned the strikes as a violation": the cue characterises the object, the verb does not govern it
        const characterises = /\bas\s+(?:an?\s+)?$/.test(norm.slice(Math.max(0, cue.start - 8), cue.start));
        const flip = (g.verb === -1 && !characterises ? -1 : 1) * (g.negations % 2 === 1 ? -1 : 1) * (postNegated(norm, breaks, cue, general) ? -1 : 1);
        const governed = g.verb !== 0 || g.negations > 0;
        const value = g.hedged || (!governed && factualPast(norm, cue)) ? 0 : cue.polarity * flip;
        sum += value;
        decisive.push({ start: g.start, end: cue.end, value });
      }
    }
    // no cue (or only cues that take no stance: narrated past, hedged): the verbs governing the topic
    if (!decisive.some((d) => d.value !== 0)) {
      for (const t of topic) {
        const g = governing(norm, breaks, t.start, general, []);
        const value = g.hedged || g.verb === 0 ? 0 : g.verb * (g.negations % 2 === 1 ? -1 : 1);
        sum += value;
        decisive.push({ start: g.start, end: t.end, value });
      }
    }
    let stance: Stance = sum > 0 ? 'support' : sum < 0 ? 'oppose' : (issue.entry.defaultStance ?? 'neutral');
    if (sum === 0 && decisive.some((d) => d.value !== 0)) stance = 'neutral'; // pulls both ways equally
    decisive = decisive.filter((d) => Math.sign(d.value) === Math.sign(sum));
    const pick = decisive[0] ?? { start: first.start, end: first.end };
    const clause = clauseAround(breaks, pick.start);
    out.push({
      id: issue.entry.id,
      stance,
      evidence: trimSpan(text, pick.start, Math.max(pick.end, clause.end)),
    });
  }
  return out;
}

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
