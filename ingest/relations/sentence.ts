/**
 * One sentence as the relation rules see it: the tagger's tokens and verb groups (ingest/syntax)
 * with the actor mentions laid over them as slots, plus the argument finders every rule shares:
 * the subject of a verb group, the object after a word, coordination on either side, and the
 * checks that a clause is asserted (no negation, blocking modal, question, condition, or a
 * governing verb like "denied" / "refused to").
 */
import type { ActorType } from '../../cypher/schema.ts';
import { tagSentence, type TaggedSentence, type Token, type VerbGroup } from '../syntax/index.ts';
import type { ActorMention } from '../types.ts';
import type { Vocabulary } from './cues.ts';

export interface Slot {
  actorId: string;
  type: ActorType | undefined;
  mention: ActorMention;
  /** token range covered by the mention (inclusive) */
  first: number;
  last: number;
}

export interface RelSentence {
  text: string;
  ts: TaggedSentence;
  tokens: Token[];
  slots: Slot[];
  /** token index → index into slots, -1 when no mention covers it */
  slotOf: Int32Array;
  /** verb group covering each token, -1 when none */
  verbOf: Int32Array;
  question: boolean;
  voc: Vocabulary;
}

const POSSESSIVE_PRON = /^(?:his|her|its|their|our|my|your)$/;

/** title words a conjunct may open with ("and Sen. Y", "as well as former Gov. Y") */
const TITLE_WORD = /^(?:Sen\.?|Sens\.?|Rep\.?|Reps\.?|Gov\.?|Lt\.?|Gen\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Senator|Representative|Governor|President|former|Former)$/;

/** characters tagged on either side of a sentence's mentions */
const WINDOW = 90;

const WEEKDAY = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
const PART_OF_DAY = /^(?:night|morning|afternoon|evening)$/;
const PERIOD = /^(?:week|month|year|weekend|spring|summer|fall|autumn|winter)$/;
const MONTH = /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/;

/**
 * The last token before a time adjunct that ends at token i ("X on Friday endorsed", "X last week
 * urged", "X earlier this month met"), or i itself when none ends there. A weekday is never the
 * subject, even when a name finder took it for one.
 */
export function beforeTimeAdjunct(tk: readonly Token[], i: number): number {
  const w = (k: number) => tk[k]?.lower ?? '';
  let k = i;
  if (PART_OF_DAY.test(w(k)) && WEEKDAY.test(w(k - 1))) k--;
  if (WEEKDAY.test(w(k))) {
    k--;
    if (/^(?:on|late|early)$/.test(w(k))) k--;
    return k;
  }
  if (PERIOD.test(w(k)) && /^(?:last|this|next|that)$/.test(w(k - 1))) {
    k -= 2;
    if (/^(?:earlier|later)$/.test(w(k))) k--;
    return k;
  }
  if (MONTH.test(w(k)) && /^(?:in|since|during)$/.test(w(k - 1)) && tk[k]!.text !== 'may') return k - 2;
  return i;
}

/** The first token after a time adjunct starting at token j ("met this week with Y", "talks on Friday with Y"), or j. */
export function afterTimeAdjunct(tk: readonly Token[], j: number): number {
  const w = (k: number) => tk[k]?.lower ?? '';
  let k = j;
  if (/^(?:earlier|later)$/.test(w(k)) && /^(?:this|last)$/.test(w(k + 1))) k++;
  if (/^(?:last|this|next)$/.test(w(k)) && PERIOD.test(w(k + 1))) return k + 2;
  if (w(k) === 'on' && WEEKDAY.test(w(k + 1))) k++;
  if (WEEKDAY.test(w(k))) return PART_OF_DAY.test(w(k + 1)) ? k + 2 : k + 1;
  if (w(k) === 'in' && MONTH.test(w(k + 1)) && tk[k + 1]!.text !== 'may') return k + 2;
  return j;
}

/** Nouns that report a done thing when they govern an infinitive ("X's decision to strike"); others ("X's plan to strike") do not. */
const ASSERTED_NOUN_GOVERNORS = new Set(['decision', 'move', 'order', 'choice', 'effort', 'campaign', 'mission', 'operation', 'vote', 'presence', 'force', 'forces', 'troops', 'deployment', 'coalition', 'alliance', 'agreement', 'deal', 'support',
  // what is sent to do something: "X sent advisers to help Y", "X deployed jets to strike Y" (the sender does it)
  'troop', 'adviser', 'advisers', 'soldier', 'soldiers', 'jet', 'jets', 'warplane', 'warplanes', 'aircraft', 'weapon', 'weapons', 'arms', 'money', 'fund', 'funds', 'aid', 'personnel', 'trainer', 'trainers', 'unit', 'units', 'drone', 'drones', 'commando', 'commandos', 'reinforcement', 'reinforcements', 'warship', 'warships',
  // "launched an offensive to retake Y": an attack named as the doer's deed
  'offensive', 'assault', 'attack', 'attacks', 'airstrike', 'airstrikes', 'strike', 'strikes', 'war']);

export function buildSentence(
  text: string,
  span: { start: number; end: number },
  mentions: readonly ActorMention[],
  typeOf: (id: string) => ActorType | undefined,
  voc: Vocabulary,
): RelSentence {
  // the tagger's cost grows with the tokens: tag from a little before the first mention to a
  // little after the last one (the rules look no further), snapped to word boundaries
  let from = span.start;
  let to = span.end;
  if (mentions.length) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const m of mentions) {
      if (m.start < lo) lo = m.start;
      if (m.end > hi) hi = m.end;
    }
    if (lo - WINDOW > span.start) {
      from = text.lastIndexOf(' ', lo - WINDOW) + 1;
      if (from <= span.start) from = span.start;
    }
    if (hi + WINDOW < span.end) {
      const sp = text.indexOf(' ', hi + WINDOW);
      to = sp < 0 || sp > span.end ? span.end : sp;
    }
  }
  const folded = titleCase(text, span);
  const ts = tagSentence(folded ? caseFolded(text, from, to, mentions) : text, { start: from, end: to });
  // the rules read capitals off the article's own words
  const tokens = folded ? ts.tokens.map((t) => ({ ...t, text: text.slice(t.start, t.end) })) : ts.tokens;
  const slotOf = new Int32Array(tokens.length).fill(-1);
  const slots: Slot[] = [];
  let t = 0;
  // a speaker phrase that holds the name ("Republican candidate X told …") gives way to the name
  // itself: the words before it are titles and party labels for the role rules to read
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const tight = sorted.filter((m, k) => !sorted.some((o, j) => j !== k && o.actorId === m.actorId && m.start <= o.start && o.end <= m.end && o.end - o.start < m.end - m.start));
  for (const m of tight) {
    while (t < tokens.length && tokens[t]!.end <= m.start) t++;
    let first = t;
    while (first > 0 && tokens[first - 1]!.end > m.start) first--;
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1]!.start < m.end) last++;
    if (first >= tokens.length) break;
    // a possessive ending is not part of the name
    while (last > first && /^['’]s?$/.test(tokens[last]!.lower)) last--;
    const idx = slots.length;
    slots.push({ actorId: m.actorId, type: typeOf(m.actorId), mention: m, first, last });
    for (let i = first; i <= last; i++) if (slotOf[i] === -1) slotOf[i] = idx;
  }
  const verbOf = new Int32Array(tokens.length).fill(-1);
  ts.verbs.forEach((v, vi) => {
    for (let i = v.first; i <= v.last; i++) verbOf[i] = vi;
  });
  // a question is read off the whole sentence, whatever part was tagged
  const tail = text.slice(span.start, span.end).trimEnd();
  return { text, ts, tokens, slots, slotOf, verbOf, question: /\?["”’']*$/.test(tail), voc };
}

/** A headline in title case ("Iraq to Continue Talks With US"): most words capitalised. */
function titleCase(text: string, span: { start: number; end: number }): boolean {
  const slice = text.slice(span.start, span.end).trimEnd();
  // a headline has no closing full stop, unless it stands on a line of its own ("Title.\n\nBody")
  const ownLine = (span.start === 0 || text[span.start - 1] === '\n') && /^[ \t]*(?:\n|$)/.test(text.slice(span.start + slice.length));
  if (/[.!?]["”’']*$/.test(slice) && !(ownLine && /[^.!?]\.$/.test(slice))) return false;
  const words = slice.match(/[A-Za-z][\w'’-]*/g) ?? [];
  if (words.length < 4) return false;
  let caps = 0;
  for (const w of words) if (/^[A-Z]/.test(w)) caps++;
  return caps / words.length >= 0.7;
}

/**
 * The text with the span's capitals folded outside the mentions, same length and offsets, so the
 * tagger reads a title-case headline as a sentence (it tags every capitalised word a name).
 */
function caseFolded(text: string, from: number, to: number, mentions: readonly ActorMention[]): string {
  const chars = text.slice(from, to).split('');
  for (let k = 0; k < chars.length; k++) {
    const at = from + k;
    if (mentions.some((m) => m.start <= at && at < m.end)) continue;
    const c = chars[k]!;
    if (c >= 'A' && c <= 'Z') chars[k] = c.toLowerCase();
  }
  return text.slice(0, from) + chars.join('') + text.slice(to);
}

const isWordy = (t: Token) => /^(?:DET|ADJ|NUM|NOUN|PROPN)$/.test(t.pos) || (t.pos === 'PRON' && POSSESSIVE_PRON.test(t.lower));

/** The rightmost of the slots touching slot s on its right ("Prime Minister" + "Nouri al-Maliki"). */
export function headSlot(rs: RelSentence, s: number): number {
  let cur = s;
  for (;;) {
    const next = rs.slotOf[rs.slots[cur]!.last + 1];
    if (next === undefined || next < 0 || next === cur) return cur;
    cur = next;
  }
}

/** The leftmost slot of a run of touching slots ending at slot s. */
function runStart(rs: RelSentence, s: number): number {
  let cur = s;
  for (;;) {
    const prev = rs.slotOf[rs.slots[cur]!.first - 1];
    if (prev === undefined || prev < 0 || prev === cur) return cur;
    cur = prev;
  }
}

/**
 * The actor of a phrase ending at token i (a subject, a possessor): a mention there, or an agent
 * noun it modifies ("US troops", "Gamma Front fighters"). Returns a slot index or -1.
 */
export function actorEndingAt(rs: RelSentence, i: number): number {
  const tk = rs.tokens;
  if (i < 0) return -1;
  const s = rs.slotOf[i]!;
  if (s >= 0) return headSlot(rs, s);
  // "US troops", "Iraqi officials", "the Alpha Ministry's negotiators"
  if (rs.voc.agents.has(tk[i]!.lower)) {
    let j = i - 1;
    let steps = 0;
    while (j >= 0 && steps < 3 && rs.slotOf[j]! < 0 && (tk[j]!.pos === 'ADJ' || tk[j]!.pos === 'NOUN' || /^['’]s?$/.test(tk[j]!.lower))) {
      j--;
      steps++;
    }
    if (j >= 0 && rs.slotOf[j]! >= 0) return headSlot(rs, rs.slotOf[j]!);
  }
  return -1;
}

/**
 * The actor of a phrase starting at token i (an object): skips a determiner, adjectives and
 * title words ("the", "his rival", "Sen."), at most four tokens, stopping at a verb, preposition
 * or clause punctuation. Returns a slot index or -1.
 */
export function actorStartingAt(rs: RelSentence, i: number): number {
  const tk = rs.tokens;
  let j = i;
  let skipped = 0;
  while (j < tk.length && skipped <= 4) {
    const s = rs.slotOf[j]!;
    if (s >= 0) return modifiedHead(rs, headSlot(rs, s));
    const t = tk[j]!;
    const abbr = t.text === '.' && j > i;
    // a participle the tagger reads as a verb inside a phrase ("leading", "so-called")
    const participle = t.pos === 'VERB' && skipped === 0 && /(?:ing|ed)$/.test(t.lower) && rs.verbOf[j]! >= 0 && rs.ts.verbs[rs.verbOf[j]!]!.first === rs.ts.verbs[rs.verbOf[j]!]!.last;
    if (!(isWordy(t) || abbr || participle || /^['’]s?$/.test(t.lower) || t.text === '-')) return -1;
    j++;
    skipped++;
  }
  return -1;
}

/**
 * A mention that only modifies the phrase it opens: "Iranian commander Qasem Soleimani" is
 * Soleimani, "US troops" stands for the US, "Iraqi soil" is no actor (-1).
 */
function modifiedHead(rs: RelSentence, h: number): number {
  const tk = rs.tokens;
  let k = rs.slots[h]!.last + 1;
  if (/^['’]s?$/.test(tk[k]?.lower ?? '')) return h;
  let steps = 0;
  let lastNoun = -1;
  while (k < tk.length && steps < 6) {
    const s = rs.slotOf[k]!;
    if (s >= 0) return steps > 0 ? headSlot(rs, s) : h;
    const t = tk[k]!;
    // an adjective right after the name counts when a noun follows it ("GOP presidential nominee")
    const adjThenNoun = t.pos === 'ADJ' && steps === 0 && !/^(?:last|next|early|late|earlier|later|past|previous|recent|same|whole|entire)$/.test(t.lower) && /^(?:NOUN|ADJ)$/.test(tk[k + 1]?.pos ?? '') && rs.slotOf[k + 1]! < 0;
    if (t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === 'ADJ' && steps > 0) || adjThenNoun || (t.text === '.' && steps > 0)) {
      if (t.pos === 'NOUN') lastNoun = k;
      k++;
      steps++;
      continue;
    }
    break;
  }
  if (lastNoun < 0) return h;
  // the phrase ends in a common noun: the actor counts only when that noun stands for it
  return rs.voc.agents.has(tk[lastNoun]!.lower) ? h : -1;
}

/** Slots coordinated after slot s: "Y and Z", "Y, Z and W" (each head of its run). */
export function coordinatedAfter(rs: RelSentence, s: number): number[] {
  const out = [s];
  const tk = rs.tokens;
  let cur = s;
  for (;;) {
    let j = rs.slots[cur]!.last + 1;
    // "Ted Cruz of Texas and Marco Rubio of Florida": skip a short "of <place>"
    if (tk[j]?.lower === 'of' && rs.slotOf[j + 1]! >= 0 && rs.slots[rs.slotOf[j + 1]!]!.type === 'country') j = rs.slots[rs.slotOf[j + 1]!]!.last + 1;
    if (tk[j]?.text === '(') {
      while (j < tk.length && tk[j]!.text !== ')') j++;
      j++;
    }
    let sawSep = false;
    while (j < tk.length && (tk[j]!.text === ',' || tk[j]!.lower === 'and' || tk[j]!.lower === 'as' || tk[j]!.lower === 'well')) {
      if (tk[j]!.text === ',' || tk[j]!.lower === 'and') sawSep = true;
      j++;
    }
    if (!sawSep) return out;
    // "Y (R-Wis.), Sen. Z (R-Ariz.), and Sen. W": title words open a conjunct
    const sepEnd = j;
    while (j < tk.length && TITLE_WORD.test(tk[j]!.text) && rs.slotOf[j]! < 0 && j + 1 < tk.length && (rs.slotOf[j + 1]! >= 0 || (tk[j + 1]!.text === '.' && rs.slotOf[j + 2]! >= 0))) j += tk[j + 1]!.text === '.' ? 2 : 1;
    // "Y, a spokesman …" / "Y, the Z" is an apposition, not a list: after a bare comma only a name continues
    const commaOnly = tk[sepEnd - 1]?.text === ',';
    if (commaOnly && rs.slotOf[j]! < 0) return out;
    // "Y and visiting the Z": a verb after "and" opens a new predicate, not another conjunct
    if (rs.verbOf[j]! >= 0 && tk[j]!.pos === 'VERB' && rs.slotOf[j]! < 0) return out;
    const next = actorStartingAt(rs, j);
    if (next < 0 || out.includes(next)) return out;
    // "… met Y, Z said" / "… backing Y, Z left": a name after a bare comma and before a verb opens the next clause
    if (commaOnly) {
      let k = rs.slots[next]!.last + 1;
      if (tk[k]?.pos === 'ADV') k++;
      if (tk[k] && (tk[k]!.pos === 'VERB' || tk[k]!.pos === 'AUX') && rs.verbOf[k]! >= 0) return out;
    }
    out.push(next);
    cur = next;
  }
}

/** Slots coordinated before slot s: "X and Y", "X, Y and Z" (walking left). */
export function coordinatedBefore(rs: RelSentence, s: number): number[] {
  const out = [s];
  const tk = rs.tokens;
  let cur = runStart(rs, s);
  for (;;) {
    let j = rs.slots[cur]!.first - 1;
    // skip a determiner and the title words of the current conjunct ("X and the Y", "X and former Vermont Gov. Y")
    while (j >= 0 && (tk[j]!.pos === 'DET' || (TITLE_WORD.test(tk[j]!.text) && rs.slotOf[j]! < 0) || (rs.slotOf[j]! >= 0 && rs.slots[rs.slotOf[j]!]!.type === 'country' && TITLE_WORD.test(tk[j + 1]?.text ?? '')))) j--;
    let sawSep = false;
    let sawAnd = false;
    while (j >= 0 && (tk[j]!.text === ',' || tk[j]!.lower === 'and' || (tk[j]!.lower === 'as' && (tk[j + 1]?.lower === 'well' || tk[j - 1]?.lower === 'well')) || (tk[j]!.lower === 'well' && tk[j - 1]?.lower === 'as'))) {
      sawSep = true;
      if (tk[j]!.text !== ',') sawAnd = true;
      j--;
    }
    if (!sawSep || j < 0) return out;
    // the last conjunct follows "and" ("X, Y and Z"); "In an interview with X, Z said" is no list
    if (out.length === 1 && !sawAnd) return out;
    if (tk[j]!.text === ')') {
      while (j >= 0 && tk[j]!.text !== '(') j--;
      j--;
    }
    const prev = rs.slotOf[j]!;
    if (prev === undefined || prev < 0) return out;
    const h = headSlot(rs, prev);
    if (out.includes(h)) return out;
    out.push(h);
    cur = runStart(rs, prev);
  }
}

/**
 * The subject of a verb group: the mention right before it (over adverbs, a parenthetical, an
 * appositive ", a Pentagon spokesman,"), or the antecedent of "who"/"which"/"that". For a
 * non-finite verb with no subject of its own ("working with Y to fight Z", "…, backing Y") the
 * subject of the verb that governs it. Returns slot indexes (coordinated subjects included) and
 * the verb groups that governed the way there (their assertion counts too).
 */
export function subjectOf(rs: RelSentence, vi: number, depth = 0): { slots: number[]; governors: VerbGroup[] } {
  const tk = rs.tokens;
  const v = rs.ts.verbs[vi]!;
  let i = v.first - 1;
  const skipAdverbs = () => {
    // ("have since denounced": the tagger may read "since" as a conjunction)
    while (i >= 0 && (tk[i]!.pos === 'ADV' || (tk[i]!.pos === 'PART' && rs.voc.negators.has(tk[i]!.lower)) || (tk[i]!.lower === 'since' && tk[i - 1]?.pos === 'AUX'))) i--;
  };
  skipAdverbs();
  // "X have since denounced Y": an auxiliary the adverb split off; its negation or modal counts
  if (i >= 0 && rs.verbOf[i]! >= 0 && rs.verbOf[i]! !== vi) {
    const aux = rs.ts.verbs[rs.verbOf[i]!]!;
    let allAux = true;
    for (let k = aux.first; k <= aux.last; k++) if (tk[k]!.pos !== 'AUX' && tk[k]!.pos !== 'PART') allAux = false;
    if (allAux && aux.last === i && !v.nonFinite) {
      if (aux.negated || (aux.modal && rs.voc.blockingModals.has(aux.modal))) return { slots: [], governors: [] };
      i = aux.first - 1;
      skipAdverbs();
    }
  }
  // "X on Friday endorsed Y", "X last week urged Y"
  const beforeTime = beforeTimeAdjunct(tk, i);
  if (beforeTime !== i) {
    i = beforeTime;
    skipAdverbs();
  }
  // "X criticized and mocked Y", "X backed Y and opposed Z": a verb coordinated after another takes its subject
  if (depth < 2 && i > 0 && tk[i]!.lower === 'and') {
    const prev = coordinatedVerbBefore(rs, i, v);
    if (prev >= 0) return subjectOf(rs, prev, depth + 1);
  }
  if (i >= 0 && tk[i]!.text === ')') {
    let d = i;
    while (d >= 0 && tk[d]!.text !== '(') d--;
    if (d > 0) i = d - 1;
  }
  if (i >= 0 && /^(?:who|which|that)$/.test(tk[i]!.lower)) {
    let j = i - 1;
    if (j >= 0 && tk[j]!.text === ',') j--;
    let s = actorEndingAt(rs, j);
    // "X, a former state chair who is supporting Y": the relative clause hangs on an apposition of X
    if (s < 0 && /^(?:who)$/.test(tk[i]!.lower)) {
      let c = j;
      while (c >= 0 && tk[c]!.text !== ',' && rs.verbOf[c]! < 0) {
        // a person heading the phrase is the antecedent; one modifying a noun ("a Y supporter") is not
        if (rs.slotOf[c]! >= 0 && rs.slots[rs.slotOf[c]!]!.type === 'person' && rs.slots[rs.slotOf[c]!]!.last === j) break;
        c--;
      }
      if (c > 0 && tk[c]!.text === ',') {
        const a = actorEndingAt(rs, c - 1);
        if (a >= 0 && rs.slots[a]!.type === 'person') s = a;
      }
    }
    return s >= 0 ? { slots: coordinatedBefore(rs, s), governors: [] } : { slots: [], governors: [] };
  }
  if (i >= 0 && tk[i]!.text === ',') {
    // appositive between subject and verb: ", <no verb> ,"
    let c = i - 1;
    while (c >= 0 && tk[c]!.text !== ',' && rs.verbOf[c]! < 0 && tk[c]!.text !== '(' && tk[c]!.text !== '"' && tk[c]!.text !== '“') c--;
    if (c > 0 && tk[c]!.text === ',' && c < i - 1) {
      const s = actorEndingAt(rs, c - 1);
      if (s >= 0) return { slots: coordinatedBefore(rs, s), governors: [] };
    }
    // "X, who has a big lead, mocked Y", "X, eager to win, attacked Y": a relative clause or
    // adjective phrase set off by commas; its verbs are not the clause's
    if (!v.nonFinite) {
      let o = i - 1;
      while (o >= 0 && i - o < 25 && tk[o]!.text !== ',' && tk[o]!.text !== ';' && tk[o]!.text !== '"' && tk[o]!.text !== '“' && tk[o]!.text !== '”') o--;
      const opener = tk[o + 1];
      if (o > 0 && tk[o]!.text === ',' && opener && o + 1 < i - 1 && (/^(?:who|which)$/.test(opener.lower) || (opener.pos === 'ADJ' && rs.verbOf[o + 1]! < 0))) {
        const s = actorEndingAt(rs, o - 1);
        if (s >= 0) return { slots: coordinatedBefore(rs, s), governors: [] };
      }
    }
    // "…, backing Y": a participle after a comma takes the main clause's subject
    if (v.nonFinite && depth < 2) return governed(rs, vi, depth);
    return { slots: [], governors: [] };
  }
  // "X's decision to order …": the possessor of the noun that governs the infinitive
  // a headline's "X to V" ("Alphania to begin talks with Y"): X is the subject when no verb precedes it
  if (tk[i]?.lower === 'to' && tk[i]!.pos === 'PART' && rs.slotOf[i - 1]! >= 0) {
    const x = headSlot(rs, rs.slotOf[i - 1]!);
    let verbBefore = false;
    for (let k = 0; k < rs.slots[x]!.first; k++) if (rs.verbOf[k]! >= 0) verbBefore = true;
    if (!verbBefore && rs.slots[x]!.last === i - 1) return { slots: coordinatedBefore(rs, x), governors: [] };
  }
  if (v.nonFinite && tk[i]?.lower === 'to') {
    // "X's decision last year to …": over a time phrase
    let n = i - 1;
    if (/^(?:year|week|month|day|summer|spring|fall|autumn|winter)$/.test(tk[n]?.lower ?? '') && /^(?:last|this|next|that)$/.test(tk[n - 1]?.lower ?? '')) n -= 2;
    if (tk[n]?.pos === 'NOUN') {
      // "a bill to impose sanctions", "X's plan to strike": an infinitive under a noun is not done, unless the noun reports a deed
      if (!ASSERTED_NOUN_GOVERNORS.has(tk[n]!.lemma)) return { slots: [], governors: [] };
      if (/^['’]s?$/.test(tk[n - 1]?.lower ?? '')) {
        const s = actorEndingAt(rs, n - 2);
        if (s >= 0) return { slots: [s], governors: [] };
      }
    }
  }
  const s = actorEndingAt(rs, i);
  // "airstrikes inside Iraq targeting Y": a participle after a prepositional object modifies the phrase before it
  if (s >= 0 && v.nonFinite && depth < 2) {
    let d = rs.slots[s]!.first - 1;
    while (d >= 0 && (tk[d]!.pos === 'DET' || tk[d]!.pos === 'ADJ')) d--;
    if (tk[d]?.pos === 'ADP' && tk[d]!.lower !== 'of') return governed(rs, vi, depth);
  }
  if (s >= 0) return { slots: coordinatedBefore(rs, s), governors: [] };
  // resolved pronoun subjects ("he told …") are handled by the caller through statements
  if (v.nonFinite && depth < 2) return governed(rs, vi, depth);
  return { slots: [], governors: [] };
}

/**
 * The verb group a verb after "and" (token i) is coordinated with: the nearest one before, across
 * at most an object phrase (no other verb, no clause punctuation), of the same finiteness, or -1.
 */
function coordinatedVerbBefore(rs: RelSentence, i: number, v: VerbGroup): number {
  const tk = rs.tokens;
  let k = i - 1;
  if (tk[k]?.text === ',') k--;
  for (let steps = 0; k >= 0 && steps < 12; k--, steps++) {
    const vi = rs.verbOf[k]!;
    if (vi >= 0) {
      const g = rs.ts.verbs[vi]!;
      return g.nonFinite === v.nonFinite && !g.passive ? vi : -1;
    }
    const t = tk[k]!;
    if (t.text === ';' || t.text === '"' || t.text === '“' || t.text === '”' || t.pos === 'SCONJ' || /^(?:who|which|that|and|but|or)$/.test(t.lower)) return -1;
  }
  return -1;
}

/**
 * A non-finite verb's controller: "X continued negotiating" / "X worked with Y to fight Z" (the
 * verb group right before, or before its with-object), or "X …, backing Y" (the clause's finite
 * verb). Never through another mention that could be the doer ("urged Y to …").
 */
function governed(rs: RelSentence, vi: number, depth: number): { slots: number[]; governors: VerbGroup[] } {
  const v = rs.ts.verbs[vi]!;
  const tk = rs.tokens;
  const afterComma = tk[v.first - 1]?.text === ',';
  for (let g = vi - 1; g >= 0; g--) {
    const gv = rs.ts.verbs[g]!;
    if (afterComma && gv.nonFinite) continue;
    let blocked = false;
    for (let k = gv.last + 1; k < v.first; k++) {
      if (tk[k]!.text === ';' || tk[k]!.text === '"' || tk[k]!.text === '“' || tk[k]!.text === '”') blocked = true;
      // a direct object between is the doer of the infinitive ("urged Y to …"); one after a preposition is not
      if (rs.slotOf[k]! >= 0 && k === rs.slots[rs.slotOf[k]!]!.first) {
        let d = k - 1;
        while (d > gv.last && (tk[d]!.pos === 'DET' || tk[d]!.pos === 'ADJ')) d--;
        if (tk[d]?.pos !== 'ADP') blocked = true;
      }
      if (!afterComma && (tk[k]!.text === ',' || tk[k]!.pos === 'SCONJ')) blocked = true;
    }
    if (blocked) return { slots: [], governors: [] };
    const sub = subjectOf(rs, g, depth + 1);
    return { slots: sub.slots, governors: [gv, ...sub.governors] };
  }
  return { slots: [], governors: [] };
}

/**
 * Why a clause at token `at` (with verb group `v`, if any, and the verbs that govern it) is not
 * asserted, or null when it is: negation, a blocking modal, a question, a condition before it in
 * its clause, or a governor like "deny", "refuse", "hope".
 */
export function unasserted(rs: RelSentence, at: number, v: VerbGroup | null, governors: VerbGroup[]): string | null {
  const voc = rs.voc;
  if (rs.question) return 'question';
  for (const g of v ? [v, ...governors] : governors) {
    if (g.negated) return 'negated';
    if (g.modal && voc.blockingModals.has(g.modal)) return `modal ${g.modal}`;
    if (g.tense === 'conditional') return 'conditional';
  }
  // "X denied that she had bashed Y", "X claims Y attacked Z": the complement clause of a blocking verb
  if (v) {
    const g = complementGovernor(rs, v);
    if (g && (voc.blockGovernors.has(g.lemma) || g.negated)) return `complement of ${g.lemma}`;
  }
  for (const g of governors) {
    if (voc.blockGovernors.has(g.lemma)) return `governed by ${g.lemma}`;
    // "has to approve", "had to meet": an obligation, not a done thing
    if (g.lemma === 'have' && rs.tokens[g.last + 1]?.lower === 'to') return 'obligation';
  }
  // "Had X nominated Y, …", "Were X to attack Y, …": an inverted condition opening the sentence
  // (capitalised: the tagged window of a long sentence may open mid-sentence on a lower-case "had")
  if (/^(?:Had|Were|Should)$/.test(rs.tokens[0]?.text ?? '') && rs.verbOf[1]! < 0) {
    const comma = rs.tokens.findIndex((t) => t.text === ',');
    if (comma < 0 || at < comma) return 'inverted condition';
  }
  // "never", "no", "not" right before the cue (outside the verb group: "has held no talks")
  const tk = rs.tokens;
  for (let k = Math.max(0, at - 3); k < at; k++) if (voc.negators.has(tk[k]!.lower) && rs.slotOf[k]! < 0) return 'negated';
  // a condition later in the clause: "X will back Y if she wins"
  for (let k = at + 1; k < tk.length; k++) {
    const t = tk[k]!;
    if (t.text === ';' || t.text === '.' || t.text === '"' || t.text === '“' || t.text === '”' || t.text === ',' || t.pos === 'CCONJ') break;
    if (t.lower === 'if' || t.lower === 'unless') return `hypothetical ${t.lower}`;
  }
  // a condition earlier in the clause: "if X attacks Y", "whether X backs Y"
  for (let k = at - 1; k >= 0; k--) {
    const t = tk[k]!;
    if (t.text === ';' || t.text === '.' || t.text === '"' || t.text === '“' || t.text === '”') break;
    if (voc.hypothetical.has(t.lower)) return `hypothetical ${t.lower}`;
    if (t.text === ',' && k < at - 1 && tk[k + 1]?.pos !== 'CCONJ') {
      // a clause boundary unless the comma is part of an apposition or list: stop at main verbs
      const vg = rs.verbOf[k + 1]!;
      if (vg >= 0) break;
    }
  }
  return null;
}

/**
 * The verb whose complement clause holds verb group v: "[denied] (that) she had …", "[claims] Y
 * attacked …" — the verb right before the clause's subject and an optional "that", else null.
 */
function complementGovernor(rs: RelSentence, v: VerbGroup): VerbGroup | null {
  const tk = rs.tokens;
  let k = v.first - 1;
  while (k >= 0 && tk[k]!.pos === 'ADV') k--;
  // the clause's subject: a mention, a pronoun or a short noun phrase
  let steps = 0;
  while (k >= 0 && steps < 6 && rs.verbOf[k]! < 0 && (rs.slotOf[k]! >= 0 || /^(?:PRON|DET|ADJ|NOUN|PROPN)$/.test(tk[k]!.pos)) && !/^(?:that|who|which)$/.test(tk[k]!.lower)) {
    k--;
    steps++;
  }
  if (steps === 0) return null;
  if (k >= 0 && tk[k]!.lower === 'that') k--;
  const g = k >= 0 ? rs.verbOf[k]! : -1;
  return g >= 0 && rs.ts.verbs[g]!.last === k ? rs.ts.verbs[g]! : null;
}

/** Whether a token is a word form of the given (multi-word) phrase starting at i. */
export function phraseAt(rs: RelSentence, i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (rs.tokens[i + k]?.lower !== words[k]) return false;
  return true;
}
