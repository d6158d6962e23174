/**
 * The issue list and stance lexicon of `ingest/data/issues.json`, compiled to regular expressions
 * once. Matching works on `normalise(text)`, which keeps every offset of the original text so hits
 * can be mapped back to verbatim spans.
 */
import issuesJson from '../data/issues.json' with { type: 'json' };

export interface IssueEntry {
  id: string;
  label: string;
  description: string;
  terms: string[];
  support: string[];
  oppose: string[];
  defaultStance: 'support' | 'oppose' | null;
}

export interface StanceLexicon {
  support: string[];
  oppose: string[];
  negators: string[];
  hedges: string[];
  postNegators: string[];
  otherPlaces: string[];
}

interface IssuesFile {
  issues: IssueEntry[];
  stance: StanceLexicon;
}

const data = issuesJson as unknown as IssuesFile;

/** The issues of the closed list, in the file's order. */
export const ISSUES: readonly IssueEntry[] = data.issues;
export const STANCE_LEXICON: StanceLexicon = data.stance;

/**
 * Lower-case and fold typographic quotes/dashes to ASCII, one code unit for one, so that offsets
 * into the result are offsets into the original.
 */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2014]/g, '-');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One word of a phrase, allowing its regular inflections (withdraw → withdrawal, withdrawn…). */
function wordPattern(word: string, inflect: boolean): string {
  if (!inflect || !/[a-z]$/.test(word) || word.length < 3) return escape(word);
  if (word.endsWith('e') && word.length > 3) {
    // refuse → refusal, refusing; negotiate → negotiating; leave → leaving
    return `${escape(word.slice(0, -1))}(?:e|es|ed|ing|al|ement|ements)`;
  }
  return `${escape(word)}(?:s|es|ed|d|ing|al|n|ment|ments)?`;
}

/** A phrase as a global regex over normalised text, on word boundaries. */
export function phraseRegex(phrase: string, inflect = true): RegExp {
  // a trailing '=' asks for the phrase as written ("remain=" must not match "remaining")
  const exact = phrase.endsWith('=');
  if (exact) inflect = false;
  const words = normalise(exact ? phrase.slice(0, -1) : phrase).trim().split(/\s+/);
  const body = words.map((w) => wordPattern(w, inflect)).join('[\\s-]+');
  return new RegExp(`(?<![\\w'-])${body}(?![\\w])`, 'g');
}

export interface Hit {
  start: number;
  end: number;
  phrase: string;
}

/** The first four characters of a phrase's first word: a match needs a word of the text starting so. */
export function phraseKey(phrase: string): string {
  return (/[a-z0-9]+/.exec(normalise(phrase))?.[0] ?? '').slice(0, 4);
}

/** Every prefix (1–4 characters) of every word of a text: the gate that skips phrases that cannot match. */
const prefixCache = new Map<string, Set<string>>();
function wordPrefixes(norm: string): Set<string> {
  // the same text is matched against ~30 phrase lists in a row: keep the last few gates
  const cached = prefixCache.get(norm);
  if (cached) return cached;
  if (prefixCache.size > 16) prefixCache.clear();
  const set = new Set<string>();
  prefixCache.set(norm, set);
  // keys are a whole short word (≤ 2 letters, never inflected) or the 3- or 4-letter start of a longer one
  for (const w of norm.split(/[^a-z0-9]+/)) {
    if (w.length <= 2) set.add(w);
    else {
      set.add(w.slice(0, 3));
      if (w.length >= 4) set.add(w.slice(0, 4));
    }
  }
  return set;
}

/**
 * All matches of a list of phrases in a normalised text. Hundreds of phrases are checked per
 * sentence, so phrases whose first word does not occur are skipped before any regex runs.
 */
export function findAll(norm: string, phrases: readonly { phrase: string; re: RegExp; key?: string }[]): Hit[] {
  const hits: Hit[] = [];
  const prefixes = wordPrefixes(norm);
  for (const { phrase, re, key } of phrases) {
    if (key && !prefixes.has(key)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(norm); m; m = re.exec(norm)) {
      hits.push({ start: m.index, end: m.index + m[0].length, phrase });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return hits;
}

export const compile = (phrases: readonly string[], inflect = true) =>
  phrases.map((phrase) => ({ phrase, re: phraseRegex(phrase, inflect), key: phraseKey(phrase.replace(/=$/, '')) }));

export interface CompiledIssue {
  entry: IssueEntry;
  terms: ReturnType<typeof compile>;
  support: ReturnType<typeof compile>;
  oppose: ReturnType<typeof compile>;
}

export const COMPILED_ISSUES: readonly CompiledIssue[] = ISSUES.map((entry) => ({
  entry,
  terms: compile(entry.terms),
  support: compile(entry.support),
  oppose: compile(entry.oppose),
}));

export const COMPILED_STANCE = {
  support: compile(STANCE_LEXICON.support),
  oppose: compile(STANCE_LEXICON.oppose),
  negators: [...compile(STANCE_LEXICON.negators, false), { phrase: "n't", re: /n't(?![\w])/g }],
  hedges: compile(STANCE_LEXICON.hedges, false),
  postNegators: compile(STANCE_LEXICON.postNegators, false),
};

/** "… from Syria", "… in the Gulf": a hit followed by one of these is about another theatre. */
const otherPlaces = STANCE_LEXICON.otherPlaces.map((p) => escape(normalise(p))).join('|');
export const OTHER_PLACE_AFTER = new RegExp(String.raw`^[^.;,]{0,40}?\b(?:from|in|out of|to|into)\s+(?:${otherPlaces})\b`);
