/**
 * The attribution lexicon (ingest/data/cues.json, loaded and validated by ingest/attribution/vocabulary.ts), plus the first-name
 * list that ships with compromise (used to tell a person's name from other capitalised phrases).
 */
import nlp from 'compromise';
import { VOCABULARY, type CueVerb } from '../attribution/vocabulary.ts';

const cues = VOCABULARY.file;
const formsWhere = (test: (v: CueVerb) => boolean) => new Set([...VOCABULARY.verbs.values()].filter(test).flatMap((v) => v.forms.map((f) => (v.particle ? `${f} ${v.particle}` : f))));

/** Every inflected form of every cue verb (generated from the lemmas of ingest/data/cues.json). */
export const SPEECH_VERBS = formsWhere((v) => !v.particle);
export const SPEECH_NOUNS = new Set(cues.speechNouns);
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
