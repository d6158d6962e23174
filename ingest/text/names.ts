/** Word lists for telling names from other capitalised words in news prose. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TITLES } from './lexicon.ts';

/** Capitalised words that start sentences but never names or organisations. */
export const SENTENCE_STARTERS = new Set(
  `The A An But And Or In On At By For From With As After Before Despite According When While Since Meanwhile Moreover However
  Indeed Last Earlier Recently This That These Those It Its He She They We I You If Reportedly Successive Both Some Many Such
  Nor Any All Each Every Other Another No Not Yet Still Also Then Than There Here Where What Who Whom Whose Which Why How
  Later Separately Instead Now Today Yesterday Tomorrow Thus Therefore Nevertheless Nonetheless Furthermore Additionally Finally
  Overall Initially Eventually Previously Currently Ultimately Notably Specifically Similarly Likewise Otherwise Perhaps Maybe
  Unlike Like Amid Although Though Because Once Until Unless Whether During Across Around Toward Towards Upon Via Near Beyond
  Inside Outside Ahead Asked Speaking Citing Using Under Over Into Through Between Among Against Without Within Having Being
  Following Accordingly Consequently Elsewhere Again Even Only Just Already Soon Shortly Earlier Last Next Recently Reportedly`.split(/\s+/),
);

/** Capitalised words that start sentences or modify names but are never part of a person's name. */
export const FIRST_TOKEN_STOP = new Set(
  `${[...SENTENCE_STARTERS].join(' ')} The A An But And Or In On At By For From With As After Before Despite According When While Since Meanwhile Moreover However
  Indeed Last Earlier Recently This That These Those It Its He She They We I You If Reportedly Successive Both Some Many Such
  Nor Any All Each Every Other Another No Not Yet Still Also Then Than There Here Where What Who Whom Whose Which Why How
  Having Being Coming Calls Car Charges Exchanges Following Under Over Into Through Between Among Against Without Within
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
  October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr
  Iraqi Iraqis Iranian Iranians American Americans Turkish Syrian Kurdish Saudi Israeli British French Russian Western Arab
  Shiite Shiites Sunni Sunnis Islamic Islamist Gulf Middle East Persian US U.S. UN NATO Former Source Loading English ALSO READ
  Leave Reply Your Email Required Author Photo Image Video Read More Related Advertisement Share Comment Comments`.split(/\s+/),
);

const TITLE_WORDS = new Set(
  [...TITLES].flatMap((t) => t.split(/\s+/)).map((w) => w.replace(/\.$/, '').toLowerCase()).filter((w) => w.length > 1 && !/^(of|the|by)$/.test(w)),
);
for (const w of ['undersecretary', 'under', 'deputy', 'acting', 'interim', 'foreign', 'defense', 'defence', 'state', 'interior', 'national', 'security', 'press', 'vice', 'prime', 'minister', 'lt', 'gen', 'maj', 'brig', 'col', 'adm', 'sgt', 'capt'])
  TITLE_WORDS.add(w);

/** "President", "Gen.", "Secretary", "Brig." … (capitalised title words that precede names). */
export function isTitleToken(tok: string): boolean {
  if (!/^[A-Z]/.test(tok)) return false;
  return TITLE_WORDS.has(tok.replace(/\.$/, '').toLowerCase());
}

// ---- the people vocabulary (ingest/data/people.json) ---------------------------------------------

const word = z.string().trim().min(1);
const PeopleFile = z
  .object({
    honorifics: z.record(word, z.enum(['male', 'female']).nullable()),
    titles: z.array(word).min(1),
    titleQualifiers: z.array(word),
    titleAbbreviations: z.record(word, word),
    roleNouns: z.array(z.array(word).min(1)).min(1),
    sourceHeads: z.array(word).min(1),
    bodyHeads: z.record(word, z.enum(['organization', 'group', 'document'])),
    relationalHeads: z.array(word).min(1),
    quantifiers: z.array(word),
    regions: z.record(word, z.array(word)),
    ambiguousTitles: z.array(word),
  })
  .passthrough();

export type PeopleVocabulary = z.infer<typeof PeopleFile>;

/** Checks a people vocabulary (the JSON of ingest/data/people.json); a bad one throws naming the file and the entry. */
export function parsePeopleVocabulary(raw: unknown, file: string): PeopleVocabulary {
  const r = PeopleFile.safeParse(raw);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new Error(`${file}: ${i?.path.join('.') || '(top level)'}: ${i?.message}`);
}

const peopleFile = 'ingest/data/people.json';
const people = (() => {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(new URL('../data/people.json', import.meta.url), 'utf8'));
  } catch (e) {
    throw new Error(`${peopleFile}: ${(e as Error).message}`);
  }
  return parsePeopleVocabulary(raw, peopleFile);
})();
const lc = (s: string) => s.toLowerCase();

/** A word compared without case and without a trailing dot ("Gov." → "gov"). */
const wordKeys = new Map<string, string>();
export const wordKey = (tok: string): string => {
  let k = wordKeys.get(tok);
  if (k === undefined) {
    k = tok.replace(/[.,;:]+$/, '').toLowerCase();
    if (wordKeys.size < 100_000) wordKeys.set(tok, k); // bounded: any text may come through
  }
  return k;
};

/** "Mr." → male, "Ms." → female, "Dr." → null (no gender); undefined: not an honorific. */
export function honorificGender(tok: string): 'male' | 'female' | null | undefined {
  const g = people.honorifics[wordKey(tok)];
  return g === undefined ? undefined : g;
}
const PERSON_TITLES = new Set([...people.titles.map(lc), ...Object.keys(people.honorifics)]);
const TITLE_QUALIFIERS = new Set(people.titleQualifiers.map(lc));
/** A capitalised word that alone makes the phrase before a name a title ("Gov.", "Leader", "Mr."). */
export const isPersonTitle = (tok: string): boolean => /^[A-Z]/.test(tok) && PERSON_TITLES.has(wordKey(tok));
/** A capitalised word that is part of a compound title only beside a title word ("Former", "Senate", "Homeland"). */
export const isTitleQualifier = (tok: string): boolean => /^[A-Z]/.test(tok) && TITLE_QUALIFIERS.has(wordKey(tok));
/** "gov" → "governor", "sen" → "senator"; other words unchanged. */
export const expandTitleWord = (w: string): string => people.titleAbbreviations[wordKey(w)] ?? wordKey(w);

/** Role nouns (one- or two-word) → the index of their synonym group. */
export const ROLE_GROUPS = new Map<string, number>();
people.roleNouns.forEach((group, i) => {
  for (const w of group) if (!ROLE_GROUPS.has(lc(w))) ROLE_GROUPS.set(lc(w), i);
});
/** The synonym group of a role noun, or undefined. */
export const roleGroup = (w: string): number | undefined => ROLE_GROUPS.get(lc(w));

export const SOURCE_HEADS = new Set(people.sourceHeads.map(lc));
export const BODY_HEAD_KINDS = new Map(Object.entries(people.bodyHeads).map(([k, v]) => [lc(k), v] as const));
export const RELATIONAL_HEADS = new Set(people.relationalHeads.map(lc));
/** Quantifier phrases, longest first, so "a number of" wins over "a". */
export const QUANTIFIERS = [...new Set(people.quantifiers.map(lc))].sort((a, b) => b.length - a.length);

/** "Fla." / "FL" / "Florida" → "florida" (US states, for party-state tags such as "R-Fla."). */
const REGIONS = new Map<string, string>();
for (const [name, abbrs] of Object.entries(people.regions)) {
  REGIONS.set(name.toLowerCase().replace(/\./g, ''), name.toLowerCase());
  for (const a of abbrs) REGIONS.set(a.toLowerCase().replace(/\./g, ''), name.toLowerCase());
}
export const regionName = (abbr: string): string | undefined => REGIONS.get(abbr.toLowerCase().replace(/\./g, ''));

/** "new hampshire" → "New Hampshire": US states by their full name only (an abbreviation is no place name in running text). */
const STATE_NAMES = new Map(Object.keys(people.regions).map((n) => [n.toLowerCase(), n] as const));
export const usStateName = (words: string): string | undefined => STATE_NAMES.get(words.toLowerCase());

/** Abbreviations that end in a dot inside a name or title ("Gov.", "Mrs.", "Jr.", "Lt."), lower case, longest first. */
export const ABBREVIATED_TITLES = [
  ...new Set([...Object.keys(people.titleAbbreviations), ...Object.keys(people.honorifics).filter((h) => h.length <= 4), 'jr', 'sr', 'st', 'ft', 'mt', 'sec', 'gen', 'lt', 'col']),
].sort((a, b) => b.length - a.length);

const AMBIGUOUS_TITLES = new Set(people.ambiguousTitles.map(lc));
/** "General", "Chief", "Director" before a single word: maybe a title, maybe part of a name ("General Motors"). */
export const isAmbiguousTitle = (tok: string): boolean => AMBIGUOUS_TITLES.has(wordKey(tok)) && !/\.$/.test(tok);
