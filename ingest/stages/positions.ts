/**
 * Positions stage: the issues each statement is about with its stance on each, and the positions
 * (actor × issue × stance) they add up to over the article, plus stances stated outright in
 * narrative ("the union, which opposes the plan, …"). The issues are the document's issue set
 * (`doc.issueSet`, else the default one).
 *
 * Runs after the dates stage (statements carry `date`).
 */
import type { DateValue, Doc, PositionDraft, Sentence, Span, Stage, StatementDraft } from '../types.ts';
import { sentenceAt } from './segment.ts';
import { normalise } from '../positions/matcher.ts';
import { mentionsBySentence, nearestTimeInSentence } from '../positions/by-sentence.ts';
import type { PositionStance, Stance } from '../../cypher/schema.ts';
import { issueStances, namesAnIssue, relativeClauseSpans, scanText, stancesInRange } from '../positions/stance.ts';
import { heldStances, type HeldStance } from '../positions/holders.ts';
import { pronounMentions } from '../positions/pronouns.ts';

/** Direct quotes shorter than this ("full withdrawal", "security needs") are read in their sentence. */
const SHORT_QUOTE_WORDS = 6;

const wordCount = (s: string) => s.match(/[\w'\u2019-]+/g)?.length ?? 0;

function sentenceOf(doc: Doc, at: number): Sentence | undefined {
  const i = sentenceAt(doc.sentences, at);
  return i >= 0 ? doc.sentences[i] : undefined;
}

/** A reporting frame longer than this is not a frame ("X is still requesting …") but a whole clause. */
const MAX_FRAME_WORDS = 12;

/** The text a statement's stance is read from, as an absolute span of the article. */
export function statementWindow(doc: Doc, st: StatementDraft): Span {
  const text = doc.input.text;
  const sentence = sentenceOf(doc, st.start);
  if (st.kind === 'direct' && wordCount(st.text) < SHORT_QUOTE_WORDS && sentence) {
    // a short quote ("full withdrawal") is read in its clause: from the last clause mark before
    // it to the first one after it
    const before = text.slice(sentence.start, st.start);
    const lastMark = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'));
    const after = text.slice(st.end, sentence.end);
    const nextMark = after.search(/[,;:]/);
    return {
      start: lastMark >= 0 ? sentence.start + lastMark + 1 : sentence.start,
      end: nextMark >= 0 ? st.end + nextMark : sentence.end,
    };
  }
  // indirect speech: the reporting frame before the clause ("X is still requesting …") governs it
  if (
    st.kind === 'indirect' &&
    st.attribution.start < st.start &&
    wordCount(text.slice(st.attribution.start, st.start)) <= MAX_FRAME_WORDS
  ) {
    return { start: st.attribution.start, end: st.end };
  }
  return { start: st.start, end: st.end };
}

/** Blank out (keeping offsets) ranges whose stance belongs to someone else than the speaker. */
function blank(text: string, offset: number, ranges: Span[]): string {
  let out = text;
  for (const r of ranges) {
    const s = Math.max(0, r.start - offset);
    const e = Math.min(out.length, r.end - offset);
    if (e > s) out = out.slice(0, s) + ' '.repeat(e - s) + out.slice(e);
  }
  return out;
}

function laterDate(a: DateValue, b: DateValue): DateValue {
  if (a.from !== b.from) return a.from > b.from ? a : b;
  return a.to <= b.to ? a : b; // same start: the finer one
}

interface Accum {
  actorId: string;
  issue: string;
  stances: Set<Exclude<Stance, 'neutral'>>;
  date: DateValue;
  statementIndexes: number[];
  evidence: Span;
}

/**
 * Stances a reviewer set, by statement index: issue → stance (null: not about that issue). They
 * replace the reading of the text for that statement and issue; everything else is read as usual.
 */
export type StanceOverrides = ReadonlyMap<number, ReadonlyMap<string, Stance | null>>;

export const positions: Stage = (doc) => readPositions(doc);

/** The positions stage, with reviewer stances in place of the reading where given (ingest/review/apply.ts). */
export function readPositions(doc: Doc, overrides?: StanceOverrides): Doc {
  const text = doc.input.text;
  const set = doc.issueSet;

  // narrative stances, per sentence (also used to keep them out of a speaker's stance)
  const held = new Map<Sentence, HeldStance[]>();
  // a plain subject inside reported speech ("Lord said the US needs to …") is the speaker's view;
  // relative clauses and "calls from X" inside it still belong to X
  const inStatement = (at: number) => doc.statements.some((st) => st.start <= at && at < st.end);
  const norm = normalise(text);
  // the article tokenised and scanned once; every window below is a range of it
  const scanned = scanText(text, set, norm);
  const bySentence = mentionsBySentence(doc.sentences, doc.mentions);
  const quotes = doc.statements.filter((st) => st.kind === 'direct');
  // pronouns matter only in a sentence naming an issue, or the one before it (for "He … His call for …")
  const names = doc.sentences.map((s) => namesAnIssue(scanned, s.start, s.end));
  const pronouns = pronounMentions(text, doc.sentences, bySentence, doc.actors, quotes, (i) => names[i]! || names[i + 1] === true);
  doc.sentences.forEach((s, i) => {
    const ms = [...(bySentence[i] ?? []), ...(pronouns[i] ?? [])];
    if (ms.length === 0) return;
    const h = heldStances(text, s, ms, norm, set, scanned).filter((x) => x.via !== 'subject' || !inStatement(x.mention.start));
    if (h.length) held.set(s, h);
  });

  const acc = new Map<string, Accum>();
  const note = (
    actorId: string,
    issue: string,
    stance: Exclude<Stance, 'neutral'>,
    date: DateValue,
    evidence: Span,
    statementIndex: number | null,
  ) => {
    const key = `${actorId}\u0000${issue}`;
    let a = acc.get(key);
    if (!a) {
      a = { actorId, issue, stances: new Set(), date, statementIndexes: [], evidence };
      acc.set(key, a);
    } else {
      a.date = laterDate(a.date, date);
    }
    a.stances.add(stance);
    if (statementIndex !== null && !a.statementIndexes.includes(statementIndex)) a.statementIndexes.push(statementIndex);
  };

  const statements = doc.statements.map((st, index) => {
    const win = statementWindow(doc, st);
    const sentence = sentenceOf(doc, st.start);
    // and a relative clause inside the window is its antecedent's ("… Y, who backs X, …")
    const others = [
      ...(sentence ? (held.get(sentence) ?? []) : []).filter((h) => h.actorId !== st.speakerId).map((h) => h.evidence),
      // (only inside the reported words: one in the frame, "X, who noted that …", is the speaker's own)
      ...relativeClauseSpans(scanned, Math.max(win.start, st.start), win.end),
    ];
    // the statement is about every issue it names, but a stance held by an actor it reports on
    // ("Iran, which opposes …") is not the speaker's
    const windowText = text.slice(win.start, win.end);
    const all = stancesInRange(scanned, win.start, win.end);
    // with no other holder's stance in the sentence, the speaker's own reading is the same text
    const own = new Map((others.length ? issueStances(blank(windowText, win.start, others), set) : all).map((r) => [r.id, r]));
    let issues = all.map(
      (r) => own.get(r.id) ?? { ...r, stance: 'neutral' as const, mixed: false },
    );
    const fixed = overrides?.get(index);
    if (fixed) {
      // the reviewer's stance, with the reading's evidence when the text names the issue (else the statement)
      const whole = { start: Math.max(0, st.start - win.start), end: Math.max(0, st.end - win.start) };
      issues = issues.filter((r) => !fixed.has(r.id) || fixed.get(r.id) !== null);
      for (const [id, stance] of fixed) {
        if (stance === null) continue;
        const at = issues.findIndex((r) => r.id === id);
        if (at >= 0) issues[at] = { ...issues[at]!, stance, mixed: false };
        else issues.push({ id, stance, mixed: false, evidence: whole });
      }
    }
    const date = st.date ?? doc.publication;
    for (const r of issues) {
      const evidence = { start: win.start + r.evidence.start, end: win.start + r.evidence.end };
      // a statement that pulls both ways in equal measure makes the position mixed
      if (r.mixed) for (const both of ['support', 'oppose'] as const) note(st.speakerId, r.id, both, date, evidence, index);
      if (r.stance === 'neutral') continue;
      note(st.speakerId, r.id, r.stance, date, evidence, index);
    }
    return { ...st, issues: issues.map((r) => ({ id: r.id, stance: r.stance })) };
  });

  for (const [sentence, hs] of held) {
    for (const h of hs) {
      note(h.actorId, h.issue, h.stance, nearestTimeInSentence(doc, sentence, h.mention.start), h.evidence, null);
    }
  }

  const drafts: PositionDraft[] = [...acc.values()].map((a) => {
    const stance: PositionStance = a.stances.size > 1 ? 'mixed' : [...a.stances][0]!;
    return {
      actorId: a.actorId,
      issue: a.issue,
      stance,
      date: a.date,
      statementIndexes: a.statementIndexes.sort((x, y) => x - y),
      evidence: text.slice(a.evidence.start, a.evidence.end) || null,
    };
  });

  return { ...doc, statements, positions: drafts };
}
