/**
 * Stances stated outright in narrative (not reported speech):
 *
 * - subject + stance predicate: "the union, which opposes the plan", "the council refused to
 *   approve …", "the mayor's refusal to …", "Labour and the Greens have long backed …": the
 *   predicate must open with a word of the stance vocabulary or an issue cue;
 * - holder in a "pressure/calls from X (to|for) …" phrase: "under pressure from tenant groups to
 *   freeze rents", "calls by the parliament for the troops to leave".
 *
 * The predicate region (up to the end of the clause) is analysed with `issueStances`; only
 * non-neutral stances count.
 */
import type { ActorMention, Span } from '../types.ts';
import type { Stance } from '../../cypher/schema.ts';
import type { IssueSet } from './issue-set.ts';
import { normalise, type Hit, type Token } from './matcher.ts';
import { namesAnIssue, rangeOf, scanText, stancesInRange, tokenIndexFrom, type Scan, type ScannedText } from './stance.ts';
import { verbForms } from './inflect.ts';
import { clauseEnd, subjectOf, tagSentence } from '../syntax/index.ts';
import { isPastForm, type Gov } from './vocabulary.ts';

export interface HeldStance {
  actorId: string;
  issue: string;
  stance: Exclude<Stance, 'neutral'>;
  /** absolute span of the evidence in the article text */
  evidence: Span;
  /** the mention that holds the stance */
  mention: ActorMention;
  /**
   * the construction: plain subject, relative clause ("X, which opposes …"), "pressure/calls from
   * X", a participle ("X, calling for …"), or a possessed stance noun ("X's plan to …")
   */
  via: 'subject' | 'relative' | 'from' | 'participle' | 'possessor';
}

/**
 * Words that may stand between a subject and its predicate without changing who holds it
 * ("that" may not: "X told Y that they aim …" — Y is not the subject of "aim").
 */
const SKIP =
  /^(?:[\s,]+|which|who|has|have|had|been|is|are|was|were|will|would|does|do|did|also|still|then|now|recently|repeatedly|long|already|again|further|reportedly|apparently|in the end|not|no|never|,)\b\s*/;
/** A short parenthetical between the subject and its predicate: "X, by contrast, wrote …", "X, in 2011, backed …". */
const PARENTHETICAL = /^\s*,\s*(?:by contrast|for (?:his|her|its|their) part|in turn|meanwhile|however|too|instead|in \d{4}|last (?:week|month|year)|this (?:week|month|year)|on \w+day)\s*,\s*/;

/**
 * Whether a predicate starts with an attitude of the general vocabulary ("opposes", "has long
 * favoured", "refused to", "wants", "plans to") or a deliberation ("is considering"); what follows
 * is then read by `issueStances`. Narrated actions ("the US retains a force", "the occupation")
 * are events, not stances.
 */
function startsStancePredicate(sc: SentenceScan, at: number): boolean {
  const { tokens, s } = sc;
  const k = tokenFrom(tokens, at);
  if (k < 0) return false;
  // a change in the simple past narrates an event ("the council scrapped the fee"); "is launching" acts on it
  const heads = s.gov.filter((h) => h.first >= k && h.first <= k + 4 && (h.data.kind === 'attitude' || (h.data.kind === 'change' && !isPastForm(tokens[h.first]!.w))));
  if (heads.some((h) => h.first === k) || s.delib.some((h) => h.first === k)) return true;
  // a light verb with a stance noun: "voiced support for", "renewed its calls for", "expressed opposition to";
  // a document verb with its document: "wrote an op-ed urging …", "signed a letter calling for …"
  const w = tokens[k]!.w;
  if (LIGHT_VERBS.has(w)) return heads.some((h) => h.first >= k + 1 && h.first <= k + 3);
  return DOCUMENT_VERBS.has(w) && heads.some((h) => h.first >= k + 2 && h.first <= k + 4 && /ing$/.test(tokens[h.first]!.w));
}

/** Index of the first token starting at or after a character offset (of the sentence's tokens), else -1. */
function tokenFrom(tokens: readonly Token[], at: number): number {
  const k = tokenIndexFrom(tokens, at);
  return k < tokens.length ? k : -1;
}

const LIGHT_VERBS = new Set(
  ['voice', 'express', 'reiterate', 'repeat', 'renew', 'signal', 'declare', 'announce', 'issue', 'make', 'lend', 'give', 'throw', 'register', 'state'].flatMap(verbForms),
);
/** Verbs of putting out a document whose participle carries the stance ("wrote a letter urging …"). */
const DOCUMENT_VERBS = new Set(['write', 'sign', 'send', 'pen', 'publish', 'release', 'file', 'introduce', 'circulate', 'post', 'tweet'].flatMap(verbForms));

/** A sentence's tokens (offsets absolute in the article) with one scan of the issue set's index. */
interface SentenceScan {
  tokens: Token[];
  s: Scan;
}

/**
 * Nouns a possessor holds the stance of ("X's plan to …", "his call for …", "GOP efforts to …"):
 * the transparent nouns of the vocabulary that name an aim, and every attitude noun.
 */
const AIM_NOUNS = new Set(['plan', 'proposal', 'effort', 'attempt', 'bid', 'push', 'idea', 'call', 'promise', 'pledge', 'vow', 'campaign', 'demand', 'drive', 'goal', 'quest', 'initiative'].flatMap((w) => [w, w + 's', w.endsWith('h') ? w + 'es' : w + 's']));

/** "pressure from X", "calls by X": X holds the stance of what follows. */
const HOLDER_BEFORE = /(?:pressure|pressed|calls?|demands?|push|pushed|urged|urging|requests?|appeals?)\s+(?:from|by)\s+(?:the\s+)?$/;

/** A finite verb ends the noun phrase after "calls from X for …" (so "… have come in response …" is cut). */
const FINITE = /\b(?:has|have|had|is|are|was|were|will|would|came|come)\b/;

const CLAUSE_END = /[.;!?](?=\s|$)|,?\s(?:but|despite|while|although|though|whereas|however)\s/;

const MAX_WORDS = 30;

/** A mention right after one of these is the object of a preposition, not a subject. */
const PREPOSITION_BEFORE = /\b(?:with|within|against|on|from|for|by|into|inside|in|at|of|over|between|among|than|about|under|after|before)\s+(?:the\s+)?$/;

/** "thousands of X", "many of X": the quantity's members are the subject. */
const QUANTITY_OF = /\b(?:dozens|hundreds|thousands|millions|scores|many|most|some|all|several|groups|members)\s+of\s+(?:the\s+)?$/;

const POSSESSIVE_PRONOUN = /^(?:his|her)$/i;
const LINKS = new Set(['to', 'for', 'of', 'on', 'against', 'with']);
/** Aim nouns that are never verbs, for a bare modifier ("Republican efforts to …"). */
const MODIFIED_AIM_NOUNS = new Set(['effort', 'efforts', 'proposal', 'proposals', 'idea', 'ideas', 'initiative', 'initiatives', 'goal', 'goals']);

/**
 * The aim or attitude noun a mention possesses or modifies, right after it, when "to"/"for"
 * follows ("X's plan to", "his call for", "GOP efforts to"); the stance is read from after the
 * noun with the noun's polarity ("opposition to" is -1).
 */
function possessedAim(sc: SentenceScan, norm: string, m: ActorMention): { from: number; polarity: 1 | -1 } | null {
  const { tokens, s } = sc;
  let k = tokenFrom(tokens, m.end);
  if (k < 0) return null;
  // "his", "X's", "X'" (a plural possessor); else a bare modifier ("Republican efforts to"),
  // which takes only nouns that are never verbs (so "X calls for" stays a subject and its verb)
  const possessive = POSSESSIVE_PRONOUN.test(m.text) || /^['\u2019]/.test(norm.slice(m.end, m.end + 1));
  if (!possessive && !/^ /.test(norm.slice(m.end, m.end + 1))) return null;
  // at most one modifier before the noun ("his renewed call for")
  for (let skip = 0; skip < 2 && tokens[k]; skip++) {
    const t = tokens[k]!;
    const gov: Hit<Gov> | undefined = possessive ? s.gov.find((h) => h.first === k && h.data.kind === 'attitude') : undefined;
    const next = tokens[(gov?.last ?? k) + 1];
    const linked = next !== undefined && ['to', 'for', 'of', 'on'].includes(next.w) && !/[,;]/.test(next.gap);
    // "call for", "opposition to": the phrase ends in its own preposition
    if (gov && gov.last > gov.first && LINKS.has(tokens[gov.last]!.w)) return { from: tokens[gov.last]!.start, polarity: gov.data.polarity };
    if (gov && linked) return { from: next.start, polarity: gov.data.polarity };
    const aim = possessive ? AIM_NOUNS.has(t.w) : MODIFIED_AIM_NOUNS.has(t.w);
    if (aim && next && (next.w === 'to' || next.w === 'for') && !/[,;]/.test(next.gap)) return { from: next.start, polarity: 1 };
    if (gov || aim || !possessive) return null;
    k++;
  }
  return null;
}

/** End of the clause that starts at `from` (at most `maxWords` words, never past `limit`). */
function clip(norm: string, from: number, limit: number, maxWords = MAX_WORDS): number {
  const rest = norm.slice(from, limit);
  const end = rest.search(CLAUSE_END);
  let stop = end < 0 ? rest.length : end;
  const words = [...rest.slice(0, stop).matchAll(/[\w'-]+/g)];
  const last = words[maxWords - 1];
  if (last) stop = Math.min(stop, (last.index ?? 0) + last[0].length);
  return from + stop;
}

/**
 * Stances held by actors mentioned in one sentence of `text` ([sentence.start, sentence.end)).
 * `mentions` are actor mentions (any order; those outside the sentence are ignored); `norm` is
 * `normalise(text)`, passed in when the caller has it already.
 */
export function heldStances(
  text: string,
  sentence: Span,
  mentions: readonly ActorMention[],
  norm: string = normalise(text),
  set?: IssueSet,
  scanned: ScannedText = scanText(text, set, norm),
): HeldStance[] {
  const inSentence = mentions
    .filter((m) => m.start >= sentence.start && m.end <= sentence.end)
    .sort((a, b) => a.start - b.start);
  if (!inSentence.length) return [];
  // the sentence as a range of the article's one scan: a sentence naming no issue holds no stance on one
  if (!namesAnIssue(scanned, sentence.start, sentence.end)) return [];
  const r = rangeOf(scanned, sentence.start, sentence.end);
  const sc: SentenceScan = { tokens: r.tokens, s: r.scan };
  const limit = sentence.end;
  const out: HeldStance[] = [];
  const seen = new Set<string>();
  const add = (holders: ActorMention[], from: number, to: number, via: HeldStance['via'], lead?: 1 | -1) => {
    if (to <= from) return;
    for (const r of stancesInRange(scanned, from, to, lead ? { lead, complement: true } : {})) {
      if (r.stance === 'neutral') continue;
      for (const h of holders) {
        const key = `${h.actorId}|${r.id}|${r.stance}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          actorId: h.actorId,
          issue: r.id,
          stance: r.stance,
          evidence: { start: Math.min(h.start, from + r.evidence.start), end: from + r.evidence.end },
          mention: h,
          via,
        });
      }
    }
  };

  for (let i = 0; i < inSentence.length; i++) {
    const m = inSentence[i]!;
    if (norm[m.end] === '-') continue; // "Iran-backed": a modifier, not the subject
    // pattern 3: a possessor or modifier of an aim or attitude noun followed by "to"/"for":
    // "X's plan to …", "his call for …", "Republican efforts to …"
    const aim = possessedAim(sc, norm, m);
    if (aim) {
      // the noun's complement ends at the first comma ("his plan to X, a plan that …")
      const to = clip(norm, aim.from, limit, 20);
      const comma = norm.slice(aim.from, to).indexOf(',');
      add([m], aim.from, comma >= 0 ? aim.from + comma : to, 'possessor', aim.polarity);
      continue;
    }
    if (POSSESSIVE_PRONOUN.test(m.text)) continue; // "his"/"her" hold nothing else
    // a coordinated subject: "The United States and Iraq have …"
    const holders = [m];
    let end = m.end;
    for (let j = i + 1; j < inSentence.length; j++) {
      const next = inSentence[j]!;
      if (!/^\s*(?:and|,)\s*$/.test(norm.slice(end, next.start))) break;
      holders.push(next);
      end = next.end;
    }

    // pattern 2: "pressure from X to …", "calls from X for …"
    const before = norm.slice(Math.max(sentence.start, m.start - 40), m.start);
    if (HOLDER_BEFORE.test(before)) {
      let to = clip(norm, end, limit, 20);
      const finite = norm.slice(end, to).search(FINITE);
      if (finite >= 0) to = end + finite;
      add(holders, end, to, 'from');
      i += holders.length - 1;
      continue;
    }

    // pattern 1: subject + stance predicate (possessive "X's refusal to …" too); a mention right
    // after a preposition ("elements within the government prefer …") is not the subject
    const before30 = norm.slice(Math.max(sentence.start, m.start - 30), m.start);
    if (PREPOSITION_BEFORE.test(before30) && !QUANTITY_OF.test(before30)) continue;
    let p = end;
    if (/^['\u2019]s\s/.test(text.slice(p, p + 3))) p += 3;
    const paren = PARENTHETICAL.exec(norm.slice(p, limit));
    if (paren) p += paren[0].length;
    for (let guard = 0; guard < 8; guard++) {
      const skip = SKIP.exec(norm.slice(p, limit));
      if (!skip || skip[0].length === 0) break;
      p += skip[0].length;
    }
    // the predicate head must be the first word after the subject (and its auxiliaries)
    if (!startsStancePredicate(sc, p)) continue;
    // analysed from right after the subject, so a negation among the auxiliaries counts ("has no plans to …");
    // a relative clause ends at its closing comma
    const relative = /^\s*,?\s*(?:which|who)\b/.test(norm.slice(end, end + 12));
    let to = clip(norm, p, limit);
    const comma = norm.slice(p, to).indexOf(',');
    if (relative && comma >= 0) to = p + comma;
    // "X calling for …", "thousands of X protesting against …": a participle right after the
    // subject describes what X does, also inside someone else's words
    const participle = !relative && p === end + 1 && /^\w+ing\b/.test(norm.slice(p, p + 20));
    add(holders, end, to, relative ? 'relative' : participle ? 'participle' : 'subject');
    i += holders.length - 1;
  }
  // the subject of an attitude verb found by clause structure ("Some lawmakers, led by X, have
  // long opposed …"), for what the adjacency patterns above miss
  for (const h of clauseHolders(text, sentence, inSentence.filter((m) => !POSSESSIVE_PRONOUN.test(m.text)), sc)) add([h.mention], h.from, h.to, 'subject');
  return out;
}

/**
 * Subjects of attitude verbs by part of speech and clause (ingest/syntax): for each verb group
 * whose head (or the adjective right after a copula: "has been hostile to") is an attitude of the
 * vocabulary, the actor mention that heads its subject noun phrase holds the stance of the clause
 * from the verb group to the clause's end. Sentences are tagged only when they hold both a topic
 * term and an attitude word.
 */
function clauseHolders(text: string, sentence: Span, mentions: readonly ActorMention[], sc: SentenceScan): { mention: ActorMention; from: number; to: number }[] {
  if (!mentions.length) return [];
  const attitudes = sc.s.gov.filter((h) => h.data.kind === 'attitude');
  if (!attitudes.length || !sc.s.term.length) return [];
  const attStarts = new Set(attitudes.map((h) => h.start));
  const ts = tagSentence(text, sentence);
  const out: { mention: ActorMention; from: number; to: number }[] = [];
  for (const v of ts.verbs) {
    const head = ts.tokens[v.head]!;
    const after = ts.tokens[v.last + 1];
    const attitude = attStarts.has(head.start) || (head.pos === 'AUX' && after !== undefined && attStarts.has(after.start));
    if (!attitude) continue;
    const np = subjectOf(ts, v);
    // "elements within the government prefer …": the noun phrase after a preposition is not the subject
    if (!np || ts.tokens[np.first - 1]?.pos === 'ADP') continue;
    const h = ts.tokens[np.head]!;
    const m = mentions.find((x) => x.start <= h.start && h.end <= x.end);
    if (!m) continue;
    const end = clauseEnd(ts, v.first);
    out.push({ mention: m, from: ts.tokens[v.first]!.start, to: end < ts.tokens.length ? ts.tokens[end]!.start : sentence.end });
  }
  return out;
}

