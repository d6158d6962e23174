/**
 * The attribution lexicon (ingest/data/cues.json), loaded once and validated, plus the first-name
 * list that ships with compromise (used to tell a person's name from other capitalised phrases).
 */
import { readFileSync } from 'node:fs';
import nlp from 'compromise';
import { z } from 'zod';

const CuesFile = z.object({
  speechVerbs: z.array(z.string()),
  thatOnlyVerbs: z.array(z.string()),
  objectVerbs: z.record(z.string(), z.union([z.string(), z.object({ keep: z.boolean().optional(), withVerb: z.boolean().optional(), skipObject: z.boolean().optional() })])),
  speechNouns: z.array(z.string()),
  tailReportVerbs: z.array(z.string()),
  anonymousHeads: z.array(z.string()),
  anonymousModifiers: z.array(z.string()),
  documentHeads: z.array(z.string()),
  titles: z.array(z.string()),
  orgHeads: z.array(z.string()),
  bodyHeads: z.array(z.string()),
});

const path = new URL('../data/cues.json', import.meta.url);
const parsed = CuesFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
if (!parsed.success) throw new Error(`ingest/data/cues.json: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
const cues = parsed.data;

export const SPEECH_VERBS = new Set(cues.speechVerbs);
export const THAT_ONLY_VERBS = new Set(cues.thatOnlyVerbs);
export const OBJECT_VERBS = new Map(
  Object.entries(cues.objectVerbs)
    .filter(([k]) => !k.startsWith('$'))
    .map(([k, v]) => [k, typeof v === 'string' ? {} : v] as const),
);
export const SPEECH_NOUNS = new Set(cues.speechNouns);
export const TAIL_REPORT_VERBS = new Set(cues.tailReportVerbs);
export const ANON_HEADS = new Set(cues.anonymousHeads);
export const ANON_MODIFIERS = new Set(cues.anonymousModifiers);
export const DOCUMENT_HEADS = cues.documentHeads;
export const TITLES = new Set(cues.titles);
export const ORG_HEADS = new Set(cues.orgHeads);
export const BODY_HEADS = new Set(cues.bodyHeads);

type Gender = 'male' | 'female';
const lexicon = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
/** Gender of a first name according to compromise's lexicon, or undefined if it is not a known first name. */
export function firstNameGender(name: string): Gender | 'unknown' | undefined {
  const tag = lexicon[name.toLowerCase()];
  if (!tag) return undefined;
  const tags = Array.isArray(tag) ? tag.join(' ') : tag;
  if (/FemaleName/.test(tags)) return 'female';
  if (/MaleName/.test(tags)) return 'male';
  if (/FirstName/.test(tags)) return 'unknown';
  return undefined;
}

/** A word compromise's lexicon knows as something other than a name ("police", "tower" is not known; "price" is). */
export function isLexiconWord(word: string): boolean {
  const tag = lexicon[word.toLowerCase()];
  if (!tag) return false;
  const tags = Array.isArray(tag) ? tag.join(' ') : tag;
  return !/Name|Person|Place|Organization/.test(tags);
}

/** compromise's lexicon tags of a word ("" when it does not know it). */
export function lexiconTags(word: string): string {
  const tag = lexicon[word.toLowerCase()];
  return !tag ? '' : Array.isArray(tag) ? tag.join(' ') : tag;
}
