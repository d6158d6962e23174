/**
 * ingest/syntax: part-of-speech tags and shallow clause structure of a sentence, shared by the
 * attribution and relation stages. STABLE API (add, never change):
 *
 *   tagSentence(text, span)  → TaggedSentence   tag one span of an article (cached per text + span)
 *   TaggedSentence           { start, end, tokens, nps, verbs }
 *     tokens: Token[]        { text, lower, start, end (UTF-16 offsets into the ARTICLE), pos (UD tag), lemma }
 *     nps:    Chunk[]        noun-phrase chunks, token ranges [first, last] with their head token
 *     verbs:  VerbGroup[]    "has not said", "will run": token range, head verb, lemma, tense, negated, modal…
 *   tokenAt(ts, offset)      index of the token covering a character offset (or -1)
 *   npEndingAt / npStartingAt(ts, i)  the chunk whose last / first token is i
 *   subjectOf(ts, verbGroup) the noun phrase before a verb group in its own clause (or null)
 *   withTags(ts, changes)    a copy of a tagged sentence with some tokens re-tagged (chunks and verb groups rebuilt)
 *   clauseEnd(ts, from)      token index where a clause starting at `from` ends (exclusive): at ";",
 *                            at ", and/but <subject> <verb>", at ", <participle>", at " — ", or the sentence end
 *
 * The tagger is wink-nlp with wink-eng-lite-web-model (≈10× compromise's speed); callers tag only the
 * sentences that need it (those holding a cue candidate), so most of an article is never tagged.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Span } from '../types.ts';

/** Universal Dependencies coarse tags, as wink emits them. */
export type Pos =
  | 'ADJ' | 'ADP' | 'ADV' | 'AUX' | 'CCONJ' | 'DET' | 'INTJ' | 'NOUN' | 'NUM' | 'PART' | 'PRON' | 'PROPN' | 'PUNCT' | 'SCONJ' | 'SYM' | 'VERB' | 'X' | 'SPACE';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  pos: Pos;
  lemma: string;
}

export interface Chunk {
  /** first and last token index (inclusive) */
  first: number;
  last: number;
  head: number;
  start: number;
  end: number;
}

export type Tense = 'past' | 'present' | 'future' | 'conditional' | 'base';

export interface VerbGroup {
  first: number;
  last: number;
  /** the main verb (or the auxiliary when the group is a bare copula/auxiliary) */
  head: number;
  lemma: string;
  tense: Tense;
  negated: boolean;
  /** can, could, may, might, must, should, would, will … (null when none) */
  modal: string | null;
  perfect: boolean;
  progressive: boolean;
  passive: boolean;
  /** the head is a participle or gerund with no auxiliary ("…, adding that"; "by saying") */
  nonFinite: boolean;
  start: number;
  end: number;
}

export interface TaggedSentence extends Span {
  tokens: Token[];
  nps: Chunk[];
  verbs: VerbGroup[];
}

const nlp = winkNLP(model, ['pos']);
const its = nlp.its;

const MODALS = new Set(['can', 'could', 'may', 'might', 'must', 'shall', 'should', 'will', 'would', "'ll", '’ll', 'wo', 'ca', "'d", '’d', 'ought']);
const NEGATORS = new Set(['not', "n't", 'n’t', 'never', 'no']);
const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', 'am', "'s", '’s', "'re", '’re', "'m", '’m']);
const HAVE = new Set(['have', 'has', 'had', 'having', "'ve", '’ve']);

/**
 * Memos for the few texts most recently tagged (least recent first). Stages run one article at a
 * time, but a stage may tag a variant of it (relations tags a case-folded headline): more than
 * one text is kept so that such a variant does not evict the article's own sentences.
 */
const MEMO_TEXTS = 4;
const memos = new Map<string, Map<string, TaggedSentence>>();
let memoText: string | undefined;
let memo = new Map<string, TaggedSentence>();

function memoFor(text: string): Map<string, TaggedSentence> {
  if (text === memoText) return memo;
  let m = memos.get(text);
  if (m) memos.delete(text);
  else m = new Map();
  memos.set(text, m);
  if (memos.size > MEMO_TEXTS) memos.delete(memos.keys().next().value!);
  memoText = text;
  memo = m;
  return m;
}

/**
 * Tags text[span.start, span.end). Results are memoised for the texts most recently tagged, so
 * two stages tagging the same sentence pay once.
 */
export function tagSentence(text: string, span: Span): TaggedSentence {
  const forText = memoFor(text);
  const key = `${span.start}:${span.end}`;
  const hit = forText.get(key);
  if (hit) return hit;
  const ts = tagUncached(text, span);
  forText.set(key, ts);
  return ts;
}

function tagUncached(text: string, span: Span): TaggedSentence {
  const slice = text.slice(span.start, span.end);
  // one token collection read three times (each doc.tokens() call builds a new one)
  const all = nlp.readDoc(slice).tokens();
  const words = all.out() as string[];
  const tags = all.out(its.pos) as string[];
  // wink types its.lemma as a span helper; on tokens it is a per-token string
  const lemmas = all.out(its.lemma as unknown as typeof its.pos) as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let at = slice.indexOf(w, cursor);
    if (at < 0) {
      // wink normalises a few forms (e.g. "wo" for "won't"): fall back to the next non-space run
      at = cursor;
      while (at < slice.length && /\s/.test(slice[at]!)) at++;
    }
    const end = Math.min(slice.length, at + w.length);
    tokens.push({ text: slice.slice(at, end), lower: w.toLowerCase(), start: span.start + at, end: span.start + end, pos: (tags[i] ?? 'X') as Pos, lemma: (lemmas[i] ?? w).toLowerCase() });
    cursor = end;
  }
  fixTags(tokens);
  return { start: span.start, end: span.end, tokens, nps: chunkNps(tokens), verbs: verbGroups(tokens) };
}

/** A few systematic tagger slips in news prose. */
function fixTags(tokens: Token[]): void {
  const words = tokens.filter((t) => /^[A-Za-z]/.test(t.text));
  const titleCase = words.length > 2 && words.filter((t) => /^[A-Z]/.test(t.text)).length > 0.6 * words.length;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // "said" is nearly always the verb in news ("the said agreement" is rare)
    if ((t.lower === 'said' || t.lower === 'says') && t.pos !== 'VERB') {
      t.pos = 'VERB';
      t.lemma = 'say';
    }
    // "Associated Press", "United Nations": a capitalised word inside a name is not a verb
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (t.pos === 'VERB' && i > 0 && /^[A-Z][a-z]/.test(t.text) && next?.pos === 'PROPN' && /^[A-Z]/.test(next.text) && prev && prev.pos !== 'PUNCT') t.pos = 'PROPN';
    // "…, Welch said", "The Times said Cook provided …": a capitalised uninflected "verb" inside a sentence of
    // running text is a surname (headlines in title case keep their tags)
    else if (t.pos === 'VERB' && prev && /^[A-Z][a-z]+$/.test(t.text) && (t.lower === t.lemma || (prev.pos === 'PROPN' && /^[A-Z]/.test(prev.text))) && !/^[“"‘'(:—–-]$/.test(prev.text) && !titleCase) t.pos = 'PROPN';
    // "none of the players": a pronoun, not an adverb
    if (t.lower === 'none' && t.pos === 'ADV') t.pos = 'PRON';
  }
}

/**
 * A copy of a tagged sentence with some tokens re-tagged, its chunks and verb groups rebuilt: a
 * caller that knows better than the tagger (a cue verb tagged as a noun, "Six in 10 say/NOUN") fixes
 * its own view without touching the memoised sentence other stages read.
 */
export function withTags(ts: TaggedSentence, changes: ReadonlyMap<number, { pos: Pos; lemma?: string }>): TaggedSentence {
  if (!changes.size) return ts;
  const tokens = ts.tokens.map((t, i) => {
    const c = changes.get(i);
    return c ? { ...t, pos: c.pos, lemma: c.lemma ?? t.lemma } : t;
  });
  return { start: ts.start, end: ts.end, tokens, nps: chunkNps(tokens), verbs: verbGroups(tokens) };
}

const NP_INNER = new Set<Pos>(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN', 'PRON']);

function chunkNps(tokens: Token[]): Chunk[] {
  const out: Chunk[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // "$5 million", "at least six planes", "more than half": an amount opens a phrase
    const amount = (t.text === '$' && tokens[i + 1]?.pos === 'NUM') || (/^(?:about|over|around|roughly|nearly|almost|some|under)$/i.test(t.text) && tokens[i + 1]?.pos === 'NUM' && tokens[i - 1]?.pos !== 'VERB') || (t.lower === 'at' && tokens[i + 1]?.lower === 'least' && /^(?:NUM|DET)$/.test(tokens[i + 2]?.pos ?? ''));
    if (!amount && !NP_INNER.has(t.pos) && !(t.pos === 'ADV' && /^(?:only|nearly|almost|about|roughly)$/.test(t.lower))) {
      i++;
      continue;
    }
    // a personal pronoun is a phrase of its own ("he", "they"), a possessive one opens a phrase
    if (t.pos === 'PRON' && !/^(?:his|her|its|their|our|my|your|whose)$/.test(t.lower)) {
      out.push(mk(tokens, i, i, i));
      i++;
      continue;
    }
    let j = amount && t.lower === 'at' ? i + 1 : i;
    for (;;) {
      const n = tokens[j + 1];
      if (!n) break;
      const cur = tokens[j]!;
      // a possessive pronoun opens a phrase ("all his aides"), it does not continue one ("said Tuesday his actions")
      const pronoun = n.pos === 'PRON' && (!/^(?:his|her|its|their|our|my|your)$/.test(n.lower) || /^(?:NOUN|PROPN|NUM)$/.test(cur.pos));
      const inner = NP_INNER.has(n.pos) && !pronoun && !(n.pos === 'DET' && cur.pos !== 'ADV' && cur.pos !== 'DET');
      // "40%", "more than six", "CNN/ORC poll"
      const percent = n.text === '%' && cur.pos === 'NUM';
      const than = n.lower === 'than' && /^(?:more|fewer|less)$/.test(cur.lower) && /^(?:NUM|DET)$/.test(tokens[j + 2]?.pos ?? '');
      const slash = n.text === '/' && n.start === cur.end && !!tokens[j + 2] && tokens[j + 2]!.start === n.end && /^(?:PROPN|NOUN)$/.test(tokens[j + 2]!.pos);
      // "the mayor's", "the farmers’ group"
      const possessive = /^['’]s?$/.test(n.lower) && n.start === tokens[j]!.end && (n.pos === 'PART' || /s$/i.test(tokens[j]!.text)) && !!tokens[j + 2] && NP_INNER.has(tokens[j + 2]!.pos);
      const hyphen = (n.text === '-' || n.text === '.') && tokens[j + 2] && NP_INNER.has(tokens[j + 2]!.pos) && n.start === tokens[j]!.end && tokens[j + 2]!.start === n.end;
      // "Sen. Bernie Sanders", "U.S. officials": wink splits abbreviation dots
      const abbrDot = n.text === '.' && n.start === tokens[j]!.end && tokens[j]!.pos === 'PROPN' && (tokens[j]!.text.length <= 3 || tokens[j]!.text.includes('.')) && !!tokens[j + 2] && /^(?:PROPN|NOUN)$/.test(tokens[j + 2]!.pos);
      if (inner || possessive || percent) j++;
      else if (hyphen || than || slash) j += 2;
      else if (abbrDot) j++;
      else break;
    }
    let head = j;
    while (head > i && !/^(?:NOUN|PROPN|PRON|NUM)$/.test(tokens[head]!.pos)) head--;
    out.push(mk(tokens, i, j, head));
    i = j + 1;
  }
  return out;
}

const mk = (tokens: Token[], first: number, last: number, head: number): Chunk => ({ first, last, head, start: tokens[first]!.start, end: tokens[last]!.end });

const PARTICIPLE_OR_PAST = /(?:ed|en|wn|ne|lt|pt|id|ld|ght|ung|uck|ew|ot|et)$/;

function verbGroups(tokens: Token[]): VerbGroup[] {
  const out: VerbGroup[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.pos !== 'AUX' && t.pos !== 'VERB') {
      i++;
      continue;
    }
    let j = i;
    let head = -1;
    let modal: string | null = null;
    let negated = false;
    let perfect = false;
    let progressive = false;
    let passive = false;
    const auxes: Token[] = [];
    for (; j < tokens.length; j++) {
      const u = tokens[j]!;
      if (u.pos === 'AUX') {
        if (head >= 0) break;
        auxes.push(u);
        if (MODALS.has(u.lower)) modal = u.lemma === 'will' || u.lower === 'wo' || /[’']ll$/.test(u.lower) ? 'will' : u.lower;
        continue;
      }
      if (u.pos === 'PART' && NEGATORS.has(u.lower)) {
        negated = true;
        continue;
      }
      if (u.pos === 'ADV' && auxes.length && head < 0 && tokens[j + 1] && /^(?:AUX|VERB|ADV|PART)$/.test(tokens[j + 1]!.pos)) {
        if (NEGATORS.has(u.lower)) negated = true;
        continue;
      }
      if (u.pos === 'VERB') {
        if (head >= 0) break;
        head = j;
        continue;
      }
      break;
    }
    const last = head >= 0 ? head : j - 1;
    const h = head >= 0 ? head : i;
    const ht = tokens[h]!;
    for (const a of auxes) {
      if (HAVE.has(a.lower) && head >= 0) perfect = true;
      if (BE.has(a.lower) && head >= 0) {
        if (/ing$/.test(tokens[head]!.lower)) progressive = true;
        else if (tokens[head]!.lower !== tokens[head]!.lemma) passive = true;
      }
    }
    const firstAux = auxes[0];
    let tense: Tense;
    if (modal === 'will') tense = 'future';
    else if (modal === 'would' || modal === "'d" || modal === '’d') tense = 'conditional';
    else if (modal) tense = 'base';
    else if (firstAux) tense = /^(?:was|were|had|did)$/.test(firstAux.lower) ? 'past' : 'present';
    else if (ht.lower === ht.lemma) tense = 'base';
    else if (/ing$/.test(ht.lower)) tense = 'base';
    else if (/s$/.test(ht.lower) && ht.lower.slice(0, -1).startsWith(ht.lemma.slice(0, Math.max(1, ht.lemma.length - 2)))) tense = 'present';
    else tense = PARTICIPLE_OR_PAST.test(ht.lower) || ht.lower !== ht.lemma ? 'past' : 'present';
    const nonFinite = auxes.length === 0 && (/ing$/.test(ht.lower) || (tokens[i - 1]?.lower === 'to'));
    out.push({ first: i, last, head: h, lemma: ht.lemma, tense, negated, modal, perfect, progressive, passive, nonFinite, start: tokens[i]!.start, end: tokens[last]!.end });
    i = last + 1;
  }
  return out;
}

/** Index of the token covering `offset` (binary search), or -1. */
export function tokenAt(ts: TaggedSentence, offset: number): number {
  let lo = 0;
  let hi = ts.tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = ts.tokens[mid]!;
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export const npEndingAt = (ts: TaggedSentence, i: number): Chunk | undefined => ts.nps.find((c) => c.last === i);
export const npStartingAt = (ts: TaggedSentence, i: number): Chunk | undefined => ts.nps.find((c) => c.first === i);

/** a dash between words: "—", "–", "--", or a hyphen set off by spaces */
const isDash = (tk: Token[], i: number) => /^(?:—|–|--)$/.test(tk[i]!.text) || (tk[i]!.text === '-' && i > 0 && tk[i]!.start > tk[i - 1]!.end && !!tk[i + 1] && tk[i + 1]!.start > tk[i]!.end);
const TIME_ADJUNCT = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|night|morning|afternoon|evening|weekend)$/;

/** The verb group whose token range holds token i. */
export const verbAt = (ts: TaggedSentence, i: number): VerbGroup | undefined => ts.verbs.find((v) => v.first <= i && i <= v.last);

/**
 * The subject of a verb group: the noun phrase right before it (skipping adverbs, a parenthetical
 * "(D-Mass.)" and an appositive ", the X of Y,"), within its clause. Null when a clause boundary or
 * another verb comes first.
 */
export function subjectOf(ts: TaggedSentence, v: VerbGroup): Chunk | null {
  let i = v.first - 1;
  const tk = ts.tokens;
  while (i >= 0 && (tk[i]!.pos === 'ADV' || (tk[i]!.pos === 'PART' && NEGATORS.has(tk[i]!.lower)))) i--;
  // words between the subject and its verb: ", however,", "on Tuesday", "last week", "— who … —"
  for (let guard = 0; guard < 3 && i > 0; guard++) {
    if (tk[i]!.text === ',' && tk[i - 1]?.pos === 'ADV' && tk[i - 2]?.text === ',') i -= 3;
    else if (TIME_ADJUNCT.test(tk[i]!.lower) && /^(?:on|last|this|next|late|early|earlier)$/.test(tk[i - 1]?.lower ?? '')) i -= 2;
    // "on Thursday evening", "late Tuesday night"
    else if (TIME_ADJUNCT.test(tk[i]!.lower) && TIME_ADJUNCT.test(tk[i - 1]?.lower ?? '') && /^(?:on|last|this|next|late|early|earlier)$/.test(tk[i - 2]?.lower ?? '')) i -= 3;
    else if (isDash(tk, i)) {
      let d = i - 1;
      while (d > 0 && i - d < 40 && !isDash(tk, d)) d--;
      if (d <= 0 || !isDash(tk, d)) break;
      i = d - 1;
    } else break;
    while (i >= 0 && tk[i]!.pos === 'ADV') i--;
  }
  // parenthetical right before the verb
  if (i >= 0 && tk[i]!.text === ')') {
    let d = i;
    while (d >= 0 && tk[d]!.text !== '(') d--;
    if (d > 0) i = d - 1;
  }
  // appositive or non-restrictive relative: "X, the director of Y, said", "X, 45, said", "X, who is retiring, said";
  // the appositive may hold commas of its own ("X, now 81 and retired in Cambridge, Mass., said"): up to three are tried, nearest first
  // "X, the hacker known as “Guccifer,” stated": the appositive's comma sits inside its closing quote
  // (NYT archives close with two apostrophes, which the tagger splits: ",''")
  let q = i;
  while (q > 0 && /^(?:[”"’']|'')$/.test(tk[q]!.text) && tk[q - 1]!.end === tk[q]!.start) q--;
  if (q < i && tk[q]!.text === ',') i = q;
  if (i >= 0 && tk[i]!.text === ',') {
    let c = i - 1;
    for (let tries = 0; tries < 3; tries++) {
      while (c >= 0 && i - c < 40 && tk[c]!.text !== ',' && tk[c]!.text !== ';') c--;
      // a comma closing a quoted title inside the appositive (“Going Viral,” about …) is the quote's
      if (c > 0 && tk[c]!.text === ',' && /^(?:[”"’']|'')$/.test(tk[c + 1]?.text ?? '') && tk[c + 1]!.start === tk[c]!.end && tokensBefore(tk, c, /^(?:[“"‘']|'')$/)) {
        c--;
        tries--;
        continue;
      }
      if (c <= 0 || tk[c]!.text !== ',' || !appositiveBetween(ts, c + 1, i)) return null;
      // "Rep. Ann Lee (R), a leader of …, said": the name before its parenthetical
      let e = c - 1;
      if (tk[e]?.text === ')') {
        while (e > 0 && tk[e]!.text !== '(') e--;
        e--;
      }
      // "Mr. X, of RBC Capital Markets, said" / "X, a broker based in Tampa, Fla., said": a quote mark may close the name's clause
      while (e > 0 && /^(?:[”"’']|'')$/.test(tk[e]!.text)) e--;
      const np = ts.nps.find((n) => n.last === e);
      // "a spokesman for the ministry, Ali Hamdan, said": a name after a role is who speaks
      const inner = ts.nps.find((n) => n.first === c + 1 && n.last === i - 1);
      if (np && inner && tk[inner.head]!.pos === 'PROPN' && tk[np.head]!.pos === 'NOUN') return inner;
      if (np) {
        const whole = extendLeft(ts, np);
        const before = tk[whole.first - 1];
        // the phrase before the appositive is the clause's subject, not the object of a preposition or verb ("in Cambridge, Mass.")
        if (/^(?:NOUN|PROPN|PRON|NUM)$/.test(tk[whole.head]!.pos) && (!before || before.pos === 'PUNCT' || /^(?:that|as|after|before|since|because|while|when|if|but|and|so|yet)$/i.test(before.text))) return whole;
      }
      c--;
    }
    return null;
  }
  const np = ts.nps.find((n) => n.last === i);
  return np ? extendLeft(ts, np) : null;
}

/** Some token before index `at` (within the 12 before it) matches `re`. */
const tokensBefore = (tk: Token[], at: number, re: RegExp) => tk.slice(Math.max(0, at - 12), at).some((t) => re.test(t.text));

/** Starters of an appositive or an adjunct set off by commas between a subject and its verb. */
const APPOSITIVE_START = /^(?:who|which|whose|now|also|then|formerly|when|while|after|in|for|like|unlike|speaking|asked|through|at|on|during|including|along|himself|herself|themselves|itself|both|each|its|his|her|their|our|once|still|by|from|of|with|according|citing|not)$/;

/**
 * Tokens [a, b) can stand between a subject and its verb, set off by commas: an appositive ("the
 * director of Y", "its chief executive", "45"), a relative clause ("who is retiring"), an adjunct
 * ("in a statement", "when asked about Y", "including the Post") or a participle phrase ("wearing a
 * T-shirt", "known as “Guccifer”"). An appositive has no finite verb of its own.
 */
function appositiveBetween(ts: TaggedSentence, a: number, b: number): boolean {
  const tk = ts.tokens;
  let first = tk[a];
  while (first && /^(?:[“"‘']|'')$/.test(first.text) && a < b) first = tk[++a];
  if (!first || a >= b) return false;
  if (APPOSITIVE_START.test(first.lower) || first.pos === 'ADP' || (first.pos === 'VERB' && /(?:ing|ed|en)$/.test(first.lower))) return true;
  if (!/^(?:DET|ADJ|NUM|NOUN|PROPN|ADV)$/.test(first.pos)) return false;
  // "the plan is dead, said X" is a clause, no appositive
  // ("the man who is running" holds one inside its relative clause)
  for (let k = a; k < b; k++) {
    const t = tk[k]!;
    if (/^(?:who|which|that|whose|whom)$/.test(t.lower)) return true;
    if (t.pos === 'AUX' || (t.pos === 'VERB' && verbAt(ts, k)?.tense === 'present')) return false;
  }
  return true;
}

/** "the leader of the group": a noun phrase extends left over of/for/at-attachments to the first one. */
function extendLeft(ts: TaggedSentence, np: Chunk): Chunk {
  const tk = ts.tokens;
  let cur = np;
  for (;;) {
    const prep = tk[cur.first - 1];
    // "a body representing the factions": a participle attaches like a preposition
    const participle = prep?.pos === 'VERB' && /ing$/.test(prep.lower) && !!ts.nps.find((n) => n.last === cur.first - 2);
    // "aides to Clinton", "an adviser to the governor"
    if (!prep || (!participle && (prep.pos !== 'ADP' || !/^(?:of|for|at|from|in|with|to)$/.test(prep.lower)))) break;
    // "nine out of 10": a two-word preposition
    const gap = prep?.lower === 'of' && tk[cur.first - 2]?.lower === 'out' ? 3 : 2;
    const left = ts.nps.find((n) => n.last === cur.first - gap);
    if (!left || left.first > cur.first - gap) break;
    cur = { ...left, last: cur.last, end: cur.end };
  }
  return cur;
}

/**
 * Where a clause that starts at token `from` ends (exclusive token index): a semicolon, a dash, a
 * ", and/but" followed by a new subject and verb, a ", <participle>" tail, or the sentence end.
 */
export function clauseEnd(ts: TaggedSentence, from: number): number {
  const tk = ts.tokens;
  for (let i = from + 1; i < tk.length; i++) {
    const t = tk[i]!;
    if (t.text === ';' || t.text === '—' || t.text === '--') return i;
    if (t.text === ',') {
      const n = tk[i + 1];
      if (!n) return i;
      if (n.pos === 'VERB' && /ing$/.test(n.lower) && !tk.slice(from, i).some((x) => x.text === '“' || x.text === '"')) return i;
      if (n.pos === 'CCONJ' && /^(?:and|but)$/.test(n.lower)) {
        const np = ts.nps.find((c) => c.first === i + 2);
        const v = np ? ts.verbs.find((g) => g.first === np.last + 1 || g.first === np.last + 2) : undefined;
        if (np && v) return i;
      }
    }
  }
  return tk.length;
}
