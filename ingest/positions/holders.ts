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
import { normalise, tokenize } from './matcher.ts';
import { issueStances } from './stance.ts';
import { verbForms } from './inflect.ts';
import { clauseEnd, subjectOf, tagSentence } from '../syntax/index.ts';
import { compileIssueSet, isPastForm, VOCABULARY } from './vocabulary.ts';

export interface HeldStance {
  actorId: string;
  issue: string;
  stance: Exclude<Stance, 'neutral'>;
  /** absolute span of the evidence in the article text */
  evidence: Span;
  /** the mention that holds the stance */
  mention: ActorMention;
  /** the construction: plain subject, relative clause ("X, which opposes …"), or "pressure/calls from X" */
  via: 'subject' | 'relative' | 'from';
}

/**
 * Words that may stand between a subject and its predicate without changing who holds it
 * ("that" may not: "X told Y that they aim …" — Y is not the subject of "aim").
 */
const SKIP =
  /^(?:[\s,]+|which|who|has|have|had|been|is|are|was|were|will|would|does|do|did|also|still|then|now|recently|repeatedly|long|already|again|further|reportedly|apparently|in the end|not|no|never|,)\b\s*/;

/**
 * Whether a predicate starts with an attitude of the general vocabulary ("opposes", "has long
 * favoured", "refused to", "wants", "plans to") or a deliberation ("is considering"); what follows
 * is then read by `issueStances`. Narrated actions ("the US retains a force", "the occupation")
 * are events, not stances.
 */
function startsStancePredicate(head: string): boolean {
  const tokens = tokenize(head);
  if (!tokens.length) return false;
  const starts = (hits: { first: number }[]) => hits.some((h) => h.first === 0);
  // a change in the simple past narrates an event ("the council scrapped the fee"); "is launching" acts on it
  const heads = VOCABULARY.governing.findAll(tokens).filter((h) => h.data.kind === 'attitude' || (h.data.kind === 'change' && !isPastForm(tokens[h.first]!.w)));
  if (starts(heads) || starts(VOCABULARY.deliberation.findAll(tokens))) return true;
  // a light verb with a stance noun: "voiced support for", "renewed its calls for", "expressed opposition to"
  return LIGHT_VERBS.has(tokens[0]!.w) && heads.some((h) => h.first >= 1 && h.first <= 3);
}

const LIGHT_VERBS = new Set(
  ['voice', 'express', 'reiterate', 'repeat', 'renew', 'signal', 'declare', 'announce', 'issue', 'make', 'lend', 'give', 'throw', 'register', 'state'].flatMap(verbForms),
);

/** "pressure from X", "calls by X": X holds the stance of what follows. */
const HOLDER_BEFORE = /(?:pressure|pressed|calls?|demands?|push|pushed|urged|urging|requests?|appeals?)\s+(?:from|by)\s+(?:the\s+)?$/;

/** A finite verb ends the noun phrase after "calls from X for …" (so "… have come in response …" is cut). */
const FINITE = /\b(?:has|have|had|is|are|was|were|will|would|came|come)\b/;

const CLAUSE_END = /[.;!?](?=\s|$)|,?\s(?:but|despite|while|although|though|whereas|however)\s/;

const MAX_WORDS = 30;

/** A mention right after one of these is the object of a preposition, not a subject. */
const PREPOSITION_BEFORE = /\b(?:with|within|against|on|from|for|by|into|inside|in|at|of|over|between|among|than|about|under|after|before)\s+(?:the\s+)?$/;

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
): HeldStance[] {
  const inSentence = mentions
    .filter((m) => m.start >= sentence.start && m.end <= sentence.end)
    .sort((a, b) => a.start - b.start);
  const limit = sentence.end;
  const out: HeldStance[] = [];
  const seen = new Set<string>();
  const add = (holders: ActorMention[], from: number, to: number, via: HeldStance['via']) => {
    if (to <= from) return;
    for (const r of issueStances(text.slice(from, to), set)) {
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
    if (PREPOSITION_BEFORE.test(norm.slice(Math.max(sentence.start, m.start - 30), m.start))) continue;
    let p = end;
    if (/^['\u2019]s\s/.test(text.slice(p, p + 3))) p += 3;
    for (let guard = 0; guard < 8; guard++) {
      const skip = SKIP.exec(norm.slice(p, limit));
      if (!skip || skip[0].length === 0) break;
      p += skip[0].length;
    }
    // the predicate head must be the first word after the subject (and its auxiliaries)
    if (!startsStancePredicate(norm.slice(p, clip(norm, p, limit, 4)))) continue;
    // analysed from right after the subject, so a negation among the auxiliaries counts ("has no plans to …");
    // a relative clause ends at its closing comma
    const relative = /^\s*,?\s*(?:which|who)\b/.test(norm.slice(end, end + 12));
    let to = clip(norm, p, limit);
    const comma = norm.slice(p, to).indexOf(',');
    if (relative && comma >= 0) to = p + comma;
    add(holders, end, to, relative ? 'relative' : 'subject');
    i += holders.length - 1;
  }
  // the subject of an attitude verb found by clause structure ("Some lawmakers, led by X, have
  // long opposed …"), for what the adjacency patterns above miss
  for (const c of clauseHolders(text, sentence, inSentence, set)) add([c.mention], c.from, c.to, 'subject');
  return out;
}

/**
 * Subjects of attitude verbs by part of speech and clause (ingest/syntax): for each verb group
 * whose head (or the adjective right after a copula: "has been hostile to") is an attitude of the
 * vocabulary, the actor mention that heads its subject noun phrase holds the stance of the clause
 * from the verb group to the clause's end. Sentences are tagged only when they hold both a topic
 * term and an attitude word.
 */
function clauseHolders(text: string, sentence: Span, mentions: readonly ActorMention[], set?: IssueSet): { mention: ActorMention; from: number; to: number }[] {
  if (!mentions.length) return [];
  const tokens = tokenize(normalise(text.slice(sentence.start, sentence.end)));
  const attitudes = VOCABULARY.governing.findAll(tokens).filter((h) => h.data.kind === 'attitude');
  if (!attitudes.length || !compileIssueSet(set).terms.findAll(tokens).length) return [];
  const attStarts = new Set(attitudes.map((h) => sentence.start + h.start));
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

