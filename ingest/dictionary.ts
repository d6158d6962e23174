/**
 * Curated actor dictionary and office tenures (data in `ingest/data/*.json`), with the look-ups
 * the actor extractor calls on every article:
 *
 *  - `lookupAlias(surface)`        one surface form → actor
 *  - `longestAliasMatches(text)`   every actor mention in a text, longest match first, one pass
 *  - `resolveOffice(phrase, date)` "Iraq's prime minister" on a date → office + holder
 *  - `officeMatches(text, date)`   every title phrase in a text, resolved at the date
 *
 * Matching works on tokens, not characters: the text is cut into words once, each word is
 * normalised (case, accents, apostrophes, dots of "U.S.", hyphens) and walked through a token
 * trie built from all aliases, so the cost per article is linear in its length whatever the
 * dictionary size. Word boundaries come for free ("US" never matches inside "USA" or "bus";
 * "Iraqi" is a token of its own, never "Iraq" + "i").
 *
 * Case is checked per token against the alias as written: an all-capitals alias token ("US",
 * "PM", "ISIS") needs all capitals in the text (so the pronoun "us" is not the United States);
 * a capitalised one ("Little", "Rice", "Hill") needs a capital (so "a little" is not George
 * Little); a lower-case one ("government" in "Iraqi government") matches any case.
 *
 * Each actor has full aliases (unique across the dictionary; demonyms and capital metonyms are
 * aliases of their country) and short names (a surname alone, possibly shared: "Jones", "Barzani").
 * In a text a short name goes to the actor last named in full, else to its only owner, else to
 * the one in office on the `date` given; it never matches inside another name ("Jeffrey Feltman",
 * "Sadr City"). Persons' names are indexed with and without "al-".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ACTOR_TYPES, type ActorType } from '../cypher/schema.ts';

// ---- data schemas ------------------------------------------------------------------------------

const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id');
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');
const surface = z.string().trim().min(1);

const actorEntrySchema = z
  .object({
    id: kebabId,
    name: surface,
    type: z.enum(ACTOR_TYPES),
    /** surface forms that always name this actor (globally unique across the dictionary) */
    aliases: z.array(surface).min(1),
    /**
     * short forms (a surname alone, "al-Maliki", "Jones") that may be shared by several actors;
     * in a text they resolve to the actor last named in full, else to the only candidate.
     */
    shortNames: z.array(surface).optional(),
    description: z.string().optional(),
    affiliation: kebabId.optional(),
  })
  .strict();

// Tenure bounds may be partial ("2014-09") when only the month or year is documented.
const isoPartial = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');

const holderSchema = z
  .object({
    actor: kebabId,
    from: isoPartial,
    /** last day in office; absent or null while in office */
    to: isoPartial.nullable().optional(),
    acting: z.boolean().optional(),
  })
  .strict()
  .refine((h) => h.to == null || dayTo(h.to) >= dayFrom(h.from), 'holder "to" is before "from"');

/** First day a partial date covers ("2014-09" → "2014-09-01"). */
function dayFrom(d: string): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}
/** Last day a partial date covers, as a sortable string ("2014-09" → "2014-09-31"). */
function dayTo(d: string): string {
  return d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d;
}

const officeEntrySchema = z
  .object({
    id: kebabId,
    title: surface,
    /** the actor (country or organisation) the office belongs to */
    of: kebabId,
    /** title words: "prime minister", "premier", "PM" */
    titles: z.array(surface).min(1),
    /** words naming the owner before the title: "Iraq's", "Iraqi", "US" */
    qualifiers: z.array(surface).default([]),
    /** words naming the owner after the title: "of Iraq", "to Iraq", "in Baghdad" */
    suffixes: z.array(surface).default([]),
    /** titles that name this office with no qualifier at all ("the prime minister", "Secretary of State") */
    bareTitles: z.array(surface).default([]),
    holders: z.array(holderSchema).min(1),
  })
  .strict();

export type ActorEntry = z.infer<typeof actorEntrySchema>;
export type OfficeEntry = z.input<typeof officeEntrySchema>;

export interface DictActor {
  id: string;
  name: string;
  type: ActorType;
  aliases: string[];
  shortNames: string[];
  description: string | null;
  affiliation: string | null;
}

export interface OfficeHolder {
  actor: string;
  /** first day in office (partial dates in the data are widened to whole days) */
  from: string;
  /** last day in office, null while in office */
  to: string | null;
  acting: boolean;
}

export interface DictOffice {
  id: string;
  title: string;
  of: string;
  titles: string[];
  qualifiers: string[];
  suffixes: string[];
  bareTitles: string[];
  holders: OfficeHolder[];
}

export interface AliasMatch {
  start: number;
  end: number;
  text: string;
  actor: DictActor;
  /** 'alias': a full, unambiguous alias; 'short': a short name resolved in context */
  kind: 'alias' | 'short';
}

/**
 * Words before a title that change whom it names: "former"/"ex-"/"then-"/"late" (not the holder
 * at the date), "incoming"/"designate" (the next holder), "interim" (someone standing in, whom
 * the tenures do not record).
 */
export type OfficeModifier = 'former' | 'incoming' | 'interim' | null;

export interface OfficeMatch {
  start: number;
  end: number;
  text: string;
  office: DictOffice;
  /**
   * Who the phrase names: the person named right after the title if they ever held the office;
   * none if a known person who never held it is named ("Prime Minister Benjamin Netanyahu" is
   * not an Iraqi prime minister); otherwise the holder at the date, as the modifier says.
   */
  holder?: DictActor;
  modifier: OfficeModifier;
  /** a capitalised name follows the title ("Prime Minister Haider al-Abadi") */
  nameFollows: boolean;
}

export class DictionaryError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'DictionaryError';
  }
}

// ---- tokens ------------------------------------------------------------------------------------

type Shape = 'upper' | 'title' | 'lower';

export interface Token {
  norm: string;
  shape: Shape;
  start: number;
  end: number;
  /** only spaces / hyphens between the previous token and this one (so a phrase may continue) */
  joined: boolean;
}

// An acronym with dots ("U.S.", "U.N", "U.K."), a word with inner apostrophes ("Kata'ib",
// "Iraq's"), or a lone possessive marker left by the split below.
const TOKEN_RE = /(?:\p{Lu}\.){1,}\p{Lu}\.?|[\p{L}\p{M}\p{N}]+(?:['’ʼ‘`][\p{L}\p{M}\p{N}]+)*/gu;
const POSSESSIVE_RE = /['’ʼ‘`][sS]$/u;
// spaces and hyphens; a trailing apostrophe too ("Mohammed Shia' al-Sudani")
const JOINER_RE = /^['’]?[\s\-‐‑‒–—]*$/u;

const ASCII_WORD = /^[A-Za-z0-9]+$/;

function normWord(word: string): string {
  if (ASCII_WORD.test(word)) return word.toLowerCase(); // the common case, kept cheap
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’ʼ‘`.]/gu, '')
    .toLowerCase()
    .replace(/ı/gu, 'i'); // Turkish dotless i has no decomposition
}

function shapeOf(word: string): Shape {
  let letters = 0;
  let upper = 0;
  let firstUpper: boolean | null = null;
  for (const ch of word) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo === up) continue; // not a cased letter (digit, apostrophe, dot)
    letters++;
    const isUpper = ch === up;
    if (isUpper) upper++;
    if (firstUpper === null) firstUpper = isUpper;
  }
  if (letters >= 2 && upper === letters) return 'upper';
  return firstUpper ? 'title' : 'lower';
}

/** Does a text token's case fit the alias token as written? */
function caseFits(alias: Shape, text: Shape): boolean {
  if (alias === 'upper') return text === 'upper';
  if (alias === 'title') return text !== 'lower';
  return true;
}

let lastText: string | undefined;
let lastTokens: Token[] = [];

/**
 * Tokens of a text; the last result is kept, as the extractor asks twice for the same article
 * (so callers must not modify the array).
 */
export function tokenize(text: string): Token[] {
  // short phrases (an office title being resolved) must not evict the article held in the cache
  if (text.length < 200) return tokenizeUncached(text);
  if (text === lastText) return lastTokens;
  const out = tokenizeUncached(text);
  lastText = text;
  lastTokens = out;
  return out;
}

function tokenizeUncached(text: string): Token[] {
  const out: Token[] = [];
  let prevEnd = -1;
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index;
    let word = m[0];
    let poss: Token | null = null;
    // "Iraq's" → "Iraq" + "'s", so the mention of Iraq stops before the possessive while office
    // qualifiers like "Iraq's" can still ask for it.
    if (word.length > 2 && POSSESSIVE_RE.test(word)) {
      word = word.slice(0, -2);
      poss = { norm: "'s", shape: 'lower', start: start + word.length, end: start + word.length + 2, joined: true };
    }
    const end = start + word.length;
    const gap = prevEnd >= 0 ? text.slice(prevEnd, start) : '';
    const prev = out[out.length - 1];
    // "George W. Bush": the dot after a one-letter initial does not end the name
    const initial = prev !== undefined && prev.end - prev.start === 1 && prev.shape === 'title' && /^\.\s*$/u.test(gap);
    const joined = prevEnd >= 0 && (JOINER_RE.test(gap) || initial);
    out.push({ norm: normWord(word), shape: shapeOf(word), start, end, joined });
    if (poss) out.push(poss);
    prevEnd = poss ? poss.end : end;
  }
  return out;
}

/** Normalise a surface form for look-up: drop a leading "the" and a trailing possessive. */
function phraseTokens(phrase: string): Token[] {
  const toks = tokenize(phrase).slice(); // the cached array is shared
  if (toks.length > 1 && toks[0]!.norm === 'the') toks.shift();
  if (toks.length > 1 && toks[toks.length - 1]!.norm === "'s") toks.pop();
  return toks;
}

// ---- token trie ----------------------------------------------------------------------------------

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  values: { shapes: Shape[]; value: V }[];
}

const newNode = <V>(): TrieNode<V> => ({ next: new Map(), values: [] });

/** Adds a phrase; returns its first word. */
function trieInsert<V>(root: TrieNode<V>, toks: Token[], value: V): string {
  let node = root;
  for (const t of toks) {
    let child = node.next.get(t.norm);
    if (!child) node.next.set(t.norm, (child = newNode<V>()));
    node = child;
  }
  node.values.push({ shapes: toks.map((t) => t.shape), value });
  return toks[0]?.norm ?? '';
}

/** All (end index, value) reachable from token i, shortest first; `all` ignores case. */
function trieWalk<V>(root: TrieNode<V>, toks: Token[], i: number, all = false): { end: number; value: V }[] {
  const found: { end: number; value: V }[] = [];
  let node: TrieNode<V> | undefined = root;
  for (let j = i; j < toks.length; j++) {
    const t = toks[j]!;
    if (j > i && !t.joined) break;
    node = node.next.get(t.norm);
    if (!node) break;
    for (const v of node.values) {
      if (all || v.shapes.every((s, k) => caseFits(s, toks[i + k]!.shape))) found.push({ end: j + 1, value: v.value });
    }
  }
  return found;
}

// ---- the dictionary ------------------------------------------------------------------------------

interface OfficeHit {
  office: DictOffice;
  holder?: DictActor;
  endTok: number;
  modifier: OfficeModifier;
  nameFollows: boolean;
  /** "a"/"an"/"two"… before the phrase: an unnamed person, not the office holder */
  indefinite: boolean;
}

interface AliasValue {
  actor: DictActor;
  kind: 'alias' | 'short';
}

// Office phrases: words around the title that change whom it names.
const FORMER = new Set(['former', 'ex', 'then', 'late', 'previous', 'erstwhile']);
const INCOMING = new Set(['incoming', 'designate', 'designated', 'future']);
const SUBORDINATE = new Set(['deputy', 'vice', 'assistant', 'under', 'associate', 'principal', 'lieutenant']);
const INDEFINITE = new Set(['a', 'an', 'another', 'one', 'two', 'three', 'several', 'some']);
const NEUTRAL_MODIFIERS = new Set([
  'new', 'current', 'sitting', 'caretaker', 'acting', 'outgoing', 'embattled', 'newly', 'elected',
  'appointed', 'top',
]);

// Capitalised surnames that are also everyday words: at a sentence start they are not names
// unless the person was already named in full.
const COMMON_WORD_SURNAMES = new Set([
  'little', 'price', 'rice', 'hill', 'gates', 'power', 'miller', 'jones', 'bush', 'young', 'wolf', 'king',
  'brown', 'white', 'black', 'rich', 'hope', 'may', 'will', 'pace', 'cotton', 'earnest', 'gallant', 'slim', 'cook',
  'graham', 'warren', 'reed', 'carter', 'austin', 'webb', 'lee', 'urban', 'casey',
]);

export class Dictionary {
  private readonly actors = new Map<string, DictActor>();
  private readonly offices = new Map<string, DictOffice>();
  private readonly aliasTrie = newNode<AliasValue>();
  private readonly qualifierTrie = newNode<string>();
  private readonly titleTrie = newNode<string>();
  private readonly suffixTrie = newNode<string>();
  private readonly bareTrie = newNode<string>();
  /** first words of every office phrase, of its qualifiers and of the words that may lead it */
  private readonly officeStarters = new Set<string>(['the', ...INDEFINITE, ...FORMER, ...INCOMING, 'interim', ...NEUTRAL_MODIFIERS]);
  /** alias collisions found while building (the same normalised alias on two actors) */
  readonly collisions: { alias: string; actors: string[] }[] = [];

  constructor(
    actorData: unknown,
    officeData: unknown,
    files: { actors: string; offices: string } = { actors: 'actors.json', offices: 'offices.json' },
  ) {
    for (const entry of parseEntries(actorData, actorEntrySchema, files.actors)) {
      if (this.actors.has(entry.id)) throw new DictionaryError(files.actors, `duplicate actor id "${entry.id}"`);
      this.actors.set(entry.id, {
        id: entry.id,
        name: entry.name,
        type: entry.type,
        aliases: entry.aliases,
        shortNames: entry.shortNames ?? [],
        description: entry.description ?? null,
        affiliation: entry.affiliation ?? null,
      });
    }
    for (const a of this.actors.values()) {
      if (a.affiliation && !this.actors.has(a.affiliation)) {
        throw new DictionaryError(files.actors, `actor "${a.id}": affiliation "${a.affiliation}" is not an actor id`);
      }
    }
    this.indexAliases(files.actors);

    for (const entry of parseEntries(officeData, officeEntrySchema, files.offices)) {
      if (this.offices.has(entry.id)) throw new DictionaryError(files.offices, `duplicate office id "${entry.id}"`);
      if (!this.actors.has(entry.of)) throw new DictionaryError(files.offices, `office "${entry.id}": "of" "${entry.of}" is not an actor id`);
      const holders = entry.holders
        .map((h) => ({ actor: h.actor, from: dayFrom(h.from), to: h.to == null ? null : dayTo(h.to), acting: h.acting ?? false }))
        .sort((a, b) => a.from.localeCompare(b.from));
      for (const h of holders) {
        if (!this.actors.has(h.actor)) throw new DictionaryError(files.offices, `office "${entry.id}": holder "${h.actor}" is not an actor id`);
      }
      const office: DictOffice = { ...entry, holders };
      this.offices.set(office.id, office);
      for (const q of office.qualifiers) this.officeStarters.add(trieInsert(this.qualifierTrie, tokenize(q), office.id));
      for (const t of office.titles) this.officeStarters.add(trieInsert(this.titleTrie, tokenize(t), office.id));
      for (const s of office.suffixes) trieInsert(this.suffixTrie, tokenize(s), office.id);
      for (const b of office.bareTitles) this.officeStarters.add(trieInsert(this.bareTrie, tokenize(b), office.id));
    }
  }

  private indexAliases(file: string): void {
    const owner = new Map<string, string>(); // normalised full alias → actor id
    for (const actor of this.actors.values()) {
      for (const form of expandForms(actor, actor.aliases)) {
        const toks = tokenize(form);
        if (toks.length === 0) throw new DictionaryError(file, `actor "${actor.id}": alias "${form}" has no words`);
        if (toks.length === 1 && toks[0]!.shape === 'lower') {
          throw new DictionaryError(file, `actor "${actor.id}": alias "${form}" is a single lower-case word`);
        }
        // case-blind key: "RAND" and "Rand" on two actors would be a collision for look-ups
        const key = toks.map((t) => t.norm).join(' ');
        const prev = owner.get(key);
        if (prev && prev !== actor.id) {
          this.collisions.push({ alias: form, actors: [prev, actor.id] });
          continue; // first entry keeps it; the collision is reported, the test fails on it
        }
        owner.set(key, actor.id);
        trieInsert(this.aliasTrie, toks, { actor, kind: 'alias' });
      }
    }
    for (const actor of this.actors.values()) {
      for (const form of expandForms(actor, actor.shortNames)) {
        const toks = tokenize(form);
        if (toks.length === 0 || (toks.length === 1 && toks[0]!.shape === 'lower')) {
          throw new DictionaryError(file, `actor "${actor.id}": short name "${form}" is empty or a lower-case word`);
        }
        const key = toks.map((t) => t.norm).join(' ');
        if (owner.has(key)) continue; // a full alias of someone wins over a short name
        trieInsert(this.aliasTrie, toks, { actor, kind: 'short' });
      }
    }
  }

  getActor(id: string): DictActor | undefined {
    return this.actors.get(id);
  }

  allActors(): DictActor[] {
    return [...this.actors.values()];
  }

  getOffice(id: string): DictOffice | undefined {
    return this.offices.get(id);
  }

  allOffices(): DictOffice[] {
    return [...this.offices.values()];
  }

  /** Who held an office on a day (YYYY-MM-DD); on a hand-over day, the incoming holder. */
  officeHolder(officeId: string, date: string): DictActor | undefined {
    const office = this.offices.get(officeId);
    if (!office) return undefined;
    const h = holderAt(office, date);
    return h ? this.actors.get(h.actor) : undefined;
  }

  /** Offices an actor held on a day. */
  officesHeld(actorId: string, date: string): DictOffice[] {
    return this.allOffices().filter((o) => holderAt(o, date)?.actor === actorId);
  }

  /**
   * The actor a surface form names. Normalises accents, apostrophes, dots ("U.S."), hyphens,
   * a leading "the" and a possessive; case follows the rules in the file header unless
   * `ignoreCase`. Short names resolve only when one actor has them.
   */
  lookupAlias(surfaceForm: string, opts: { ignoreCase?: boolean } = {}): DictActor | undefined {
    const toks = phraseTokens(surfaceForm);
    if (toks.length === 0) return undefined;
    const hits = trieWalk(this.aliasTrie, toks, 0, opts.ignoreCase).filter((h) => h.end === toks.length);
    const full = hits.find((h) => h.value.kind === 'alias');
    if (full) return full.value.actor;
    const shorts = new Set(hits.map((h) => h.value.actor));
    return shorts.size === 1 ? [...shorts][0] : undefined;
  }

  /**
   * Every dictionary mention in a text, left to right, longest match first, never overlapping.
   * A short name shared by several actors goes to the one last named in full before it; failing
   * that, to the one holding an office on `date`; failing that, it is left out.
   */
  longestAliasMatches(text: string, opts: { date?: string } = {}): AliasMatch[] {
    const toks = tokenize(text);
    const out: AliasMatch[] = [];
    const lastFull = new Map<string, number>(); // actor id → index of its last full mention
    for (let i = 0; i < toks.length; ) {
      const hits = trieWalk(this.aliasTrie, toks, i);
      let chosen: { end: number; actor: DictActor; kind: 'alias' | 'short' } | undefined;
      // try the longest first; a short name that cannot be resolved gives way to a shorter alias
      for (let k = hits.length - 1; k >= 0 && !chosen; k--) {
        const end = hits[k]!.end;
        const atEnd = hits.filter((h) => h.end === end);
        const full = atEnd.find((h) => h.value.kind === 'alias');
        if (full) {
          chosen = { end, actor: full.value.actor, kind: 'alias' };
          break;
        }
        if (partOfOtherName(text, toks, i, end)) continue;
        const actor = this.resolveShort(
          atEnd.map((h) => h.value.actor),
          lastFull,
          opts.date,
          isSentenceStart(text, toks[i]!.start) && end - i === 1 && COMMON_WORD_SURNAMES.has(toks[i]!.norm),
        );
        if (actor) chosen = { end, actor, kind: 'short' };
      }
      if (!chosen) {
        i++;
        continue;
      }
      const start = toks[i]!.start;
      const end = toks[chosen.end - 1]!.end;
      if (chosen.kind === 'alias') lastFull.set(chosen.actor.id, out.length);
      out.push({ start, end, text: text.slice(start, end), actor: chosen.actor, kind: chosen.kind });
      i = chosen.end;
    }
    return out;
  }

  private resolveShort(
    candidates: DictActor[],
    lastFull: Map<string, number>,
    date: string | undefined,
    commonWordAtSentenceStart: boolean,
  ): DictActor | undefined {
    const unique = [...new Set(candidates)];
    let best: DictActor | undefined;
    let bestAt = -1;
    for (const a of unique) {
      const at = lastFull.get(a.id);
      if (at !== undefined && at > bestAt) [best, bestAt] = [a, at];
    }
    if (best) return best;
    if (commonWordAtSentenceStart) return undefined;
    if (unique.length === 1) return unique[0];
    if (date) {
      const inOffice = unique.filter((a) => this.officesHeld(a.id, date).length > 0);
      if (inOffice.length === 1) return inOffice[0];
    }
    return undefined;
  }

  /** An office title phrase ("Iraq's foreign minister", "the US defense secretary") at a date. */
  resolveOffice(phrase: string, date: string): { office: DictOffice; holder?: DictActor } | undefined {
    const toks = tokenize(phrase);
    const m = this.officeAt(toks, 0, date, true);
    if (!m || m.endTok !== toks.length) return undefined;
    return m.holder ? { office: m.office, holder: m.holder } : { office: m.office };
  }

  /** the last article's office matches: the actors and relations stages both ask for them */
  private lastOffices: { text: string; date: string; matches: OfficeMatch[] } | undefined;

  /**
   * Every office title phrase in a text, resolved at the date (YYYY-MM-DD). An article's result
   * is kept for the next call on the same text and date; callers get their own array but share
   * the match objects, which they must not modify.
   */
  officeMatches(text: string, date: string): OfficeMatch[] {
    const last = this.lastOffices;
    if (last && last.text === text && last.date === date) return last.matches.slice();
    const out = this.officeMatchesUncached(text, date);
    // short phrases (a title being resolved) must not evict the article held here
    if (text.length >= 200) this.lastOffices = { text, date, matches: out.slice() };
    return out;
  }

  private officeMatchesUncached(text: string, date: string): OfficeMatch[] {
    const toks = tokenize(text);
    const out: OfficeMatch[] = [];
    for (let i = 0; i < toks.length; ) {
      // "deputy prime minister", "Vice President Tariq al-Hashemi": another office
      const prev = toks[i - 1];
      const subordinate = prev !== undefined && toks[i]!.joined && SUBORDINATE.has(prev.norm);
      const m = subordinate ? undefined : this.officeAt(toks, i, date, false);
      if (!m) {
        i++;
        continue;
      }
      const start = toks[i]!.start;
      // "a Pentagon spokesman", "a former US ambassador": someone unnamed, not the holder; and an
      // office someone runs for or would take ("the nominee for President of …", "to become the
      // prime minister"): the office, not its holder. Skip the whole phrase so that no shorter
      // match starts inside it.
      if (m.indefinite || PROSPECTIVE_BEFORE.test(text.slice(Math.max(0, start - 30), start))) {
        i = m.endTok;
        continue;
      }
      const end = toks[m.endTok - 1]!.end;
      const match: OfficeMatch = {
        start,
        end,
        text: text.slice(start, end),
        office: m.office,
        modifier: m.modifier,
        nameFollows: m.nameFollows,
      };
      if (m.holder) match.holder = m.holder;
      out.push(match);
      i = m.endTok;
    }
    return out;
  }

  /**
   * Match [the] [modifiers] [qualifier] [modifiers] title [suffix] from token i. The office is
   * the one the qualifier, the title and the suffix all agree on; a title with neither
   * qualifier nor suffix counts only if it is a bare title and reads as one ("the prime
   * minister", "Prime Minister X", "Secretary of State").
   */
  private officeAt(toks: Token[], i: number, date: string, lenient: boolean): OfficeHit | undefined {
    // most words cannot start an office phrase: answer those at once
    const firstNorm = toks[i]?.norm ?? '';
    if (!this.officeStarters.has(firstNorm)) return undefined;
    const joinedAt = (k: number) => k < toks.length && (k === i || toks[k]!.joined);
    let j = i;
    const indefinite = INDEFINITE.has(toks[j]?.norm ?? '');
    const hasThe = toks[j]?.norm === 'the';
    if (hasThe || indefinite) j++;
    let modifier: OfficeModifier = null;
    const skipModifiers = (k: number): number => {
      while (joinedAt(k)) {
        const n = toks[k]!.norm;
        if (FORMER.has(n)) modifier = 'former';
        else if (INCOMING.has(n)) modifier = 'incoming';
        else if (n === 'interim') modifier = 'interim';
        else if (!NEUTRAL_MODIFIERS.has(n)) break;
        k++;
      }
      return k;
    };
    j = skipModifiers(j);
    const titleStart = j;

    // Where the title may start: right here (no qualifier), or after each qualifier found here
    // ("Iraq's", "the US", "Iraqi"), then after more modifiers ("Iraq's new prime minister").
    const starts: { at: number; quals: Set<string> | null }[] = [{ at: titleStart, quals: null }];
    if (joinedAt(titleStart)) {
      const qh = trieWalk(this.qualifierTrie, toks, titleStart);
      for (const end of new Set(qh.map((h) => h.end))) {
        starts.push({ at: skipModifiers(end), quals: new Set(qh.filter((h) => h.end === end).map((h) => h.value)) });
      }
    }

    let best: { office: DictOffice; endTok: number; qualified: boolean } | undefined;
    const consider = (ids: string[], endTok: number, qualified: boolean) => {
      const unique = new Set(ids);
      if (unique.size !== 1) return; // ambiguous or nothing: say nothing rather than guess
      if (best && endTok <= best.endTok) return;
      best = { office: this.offices.get([...unique][0]!)!, endTok, qualified };
    };
    for (const s of starts) {
      if (!joinedAt(s.at)) continue;
      const titleHits = trieWalk(this.titleTrie, toks, s.at);
      for (const titleEnd of new Set(titleHits.map((h) => h.end))) {
        const titled = titleHits.filter((h) => h.end === titleEnd).map((h) => h.value);
        const sufHits = joinedAt(titleEnd) ? trieWalk(this.suffixTrie, toks, titleEnd) : [];
        for (const sh of sufHits) {
          consider(titled.filter((id) => id === sh.value && (!s.quals || s.quals.has(id))), sh.end, true);
        }
        // no suffix: "the US ambassador to the UN" is some other office
        const next = toks[titleEnd];
        const continues = next !== undefined && next.joined && (next.norm === 'to' || next.norm === 'of');
        if (s.quals && !continues) consider(titled.filter((id) => s.quals!.has(id)), titleEnd, true);
      }
      if (!s.quals) {
        const bareHits = trieWalk(this.bareTrie, toks, s.at);
        for (const end of new Set(bareHits.map((h) => h.end))) {
          const next = toks[end];
          const continues = next !== undefined && next.joined && (next.norm === 'to' || next.norm === 'of');
          if (!continues) consider(bareHits.filter((h) => h.end === end).map((h) => h.value), end, false);
        }
      }
    }
    if (!best) return undefined;
    const found: { office: DictOffice; endTok: number; qualified: boolean } = best;

    const next = toks[found.endTok];
    const nameFollows = next !== undefined && next.joined && next.shape !== 'lower' && next.norm !== "'s";
    if (indefinite) return { office: found.office, endTok: found.endTok, modifier, nameFollows, indefinite };
    if (!found.qualified && !lenient) {
      // a bare title must read as a title: "the prime minister", "Prime Minister X", or a
      // capitalised title of several words such as "Secretary of State"
      const capitalised = toks[titleStart]!.shape !== 'lower';
      const multiWord = found.endTok - titleStart > 1;
      if (!hasThe && !(capitalised && (nameFollows || multiWord))) return undefined;
    }
    let holder: DictActor | undefined;
    // a known name after the title is authoritative: the holder if they ever held this office,
    // else some other office of the same name (no holder); an unknown name (a misspelling, a
    // person not in the dictionary) leaves the holder at the date for the caller to compare
    const named = nameFollows ? trieWalk(this.aliasTrie, toks, found.endTok).map((h) => h.value.actor) : [];
    if (named.length) {
      holder = named.reverse().find((a) => found.office.holders.some((h) => h.actor === a.id));
    } else if (modifier === 'incoming') {
      const nextHolder = found.office.holders.find((h) => h.from > date);
      holder = nextHolder ? this.actors.get(nextHolder.actor) : undefined;
    } else if (modifier === null) {
      holder = this.officeHolder(found.office.id, date);
    }
    const hit: OfficeHit = { office: found.office, endTok: found.endTok, modifier, nameFollows, indefinite: false };
    if (holder) hit.holder = holder;
    return hit;
  }

  stats(): { actors: number; aliases: number; shortNames: number; offices: number; holders: number; byType: Record<string, number> } {
    const byType: Record<string, number> = {};
    let aliases = 0;
    let shortNames = 0;
    for (const a of this.actors.values()) {
      byType[a.type] = (byType[a.type] ?? 0) + 1;
      aliases += a.aliases.length;
      shortNames += a.shortNames.length;
    }
    let holders = 0;
    for (const o of this.offices.values()) holders += o.holders.length;
    return { actors: this.actors.size, aliases, shortNames, offices: this.offices.size, holders, byType };
  }
}

function holderAt(office: DictOffice, date: string): OfficeHolder | undefined {
  let found: OfficeHolder | undefined;
  for (const h of office.holders) {
    if (h.from <= date && (h.to === null || h.to >= date)) found = h; // sorted by from: the latest wins
  }
  return found;
}

/** Persons' names are written with and without the article "al-"/"el-": index both. */
function expandForms(actor: DictActor, forms: string[]): string[] {
  if (actor.type !== 'person') return forms;
  const out = new Set(forms);
  for (const f of forms) {
    const stripped = f.replace(/(^|[\s-])(?:al|el)[-\s](?=\p{L})/giu, '$1').trim();
    if (stripped && stripped !== f) out.add(stripped);
  }
  return [...out];
}

/** Words right before an office phrase that make it the office sought or to be taken, not its holder's. */
const PROSPECTIVE_BEFORE =
  /\b(?:(?:candidates?|nominees?|campaign(?:s|ing)?|run(?:s|ning)?|ran|bids?|race|contenders?|hopefuls?)\s+for|becom(?:e|es|ing)|became|(?:be|was|were|is|being|get|got)\s+elected|to\s+be|serve\s+as)\s+$/i;

// Capitalised words that may stand right before a surname without being part of the name.
const TITLE_WORDS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'president', 'vice', 'secretary', 'minister', 'ambassador', 'gen', 'general', 'adm',
  'admiral', 'col', 'colonel', 'lt', 'lieutenant', 'maj', 'major', 'capt', 'captain', 'sgt', 'sen', 'senator', 'rep',
  'representative', 'gov', 'governor', 'speaker', 'premier', 'pm', 'chairman', 'chairwoman', 'commander', 'sheikh',
  'shaikh', 'sayyid', 'sayyed', 'ayatollah', 'imam', 'prince', 'king', 'emir', 'leader', 'spokesman', 'spokeswoman',
  'spokesperson', 'director', 'chief', 'deputy', 'judge', 'justice', 'professor', 'prof', 'envoy', 'cleric', 'grand',
  'chancellor', 'sir', 'lord', 'brig', 'brigadier', 'marine', 'army', 'navy', 'force', 'adviser', 'advisor', 'mullah',
  'hojatoleslam', 'elect', 'designate', 'former', 'late', 'then', 'acting', 'interim', 'caretaker', 'us', 'iraqi',
  'iranian', 'american', 'kurdish', 'sadrist', 'senior', 'top', 'and', 'or', 'but', 'as', 'by', 'with',
]);
// Capitalised words that may follow a surname without making it someone else's first name.
const AFTER_NAME_OK = new Set([
  'administration', 'government', 'doctrine', 'cabinet', 'camp', 'campaign', 'team', 'era', 'presidency', 'bloc',
  'movement', 'loyalists', 'supporters', 'allies', 'aides', 'white', 'says', 'said', 'tells', 'told', 'urges', 'warns',
  'calls', 'vows', 'meets', 'visits', 'in', 'to', 'on', 'at', 'and', 'for', 'of', 'with',
]);

/**
 * A short name inside a longer unknown name: "Jeffrey Feltman" is not James Jeffrey, "Austin
 * Tice" not Lloyd Austin, "Ali Hussein" not Saddam Hussein, "Al-Rashid Hotel" not Rashid.
 */
function partOfOtherName(text: string, toks: Token[], i: number, end: number): boolean {
  const prev = toks[i - 1];
  const first = toks[i]!;
  if (first.joined && prev && prev.shape !== 'lower' && !TITLE_WORDS.has(prev.norm) && !isSentenceStart(text, prev.start)) return true;
  const next = toks[end];
  return !!next && next.joined && next.shape !== 'lower' && next.norm !== "'s" && !AFTER_NAME_OK.has(next.norm);
}

/** At the start of the text, a line, or a sentence (quotes and brackets in between allowed). */
function isSentenceStart(text: string, at: number): boolean {
  const raw = text.slice(Math.max(0, at - 6), at);
  if (/\n[^\S\n]*["“‘'(]*[^\S\n]*$/u.test(raw)) return true;
  const before = raw.replace(/["“”‘’'(\s]+$/u, '');
  return before === '' || /[.!?:]$/.test(before);
}

function parseEntries<S extends z.ZodType>(data: unknown, schema: S, file: string): z.output<S>[] {
  if (!Array.isArray(data)) throw new DictionaryError(file, 'expected a JSON array of entries');
  return data.map((raw, index) => {
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    const id = typeof raw === 'object' && raw && 'id' in raw ? String((raw as { id: unknown }).id) : '?';
    const issues = r.error.issues.map((iss) => `${iss.path.join('.') || '(entry)'}: ${iss.message}`).join('; ');
    throw new DictionaryError(file, `entry #${index} (id "${id}"): ${issues}`);
  });
}

// ---- the default dictionary, loaded once ---------------------------------------------------------

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

export function loadDictionary(dir: string = DATA_DIR): Dictionary {
  const read = (name: string): unknown => {
    const file = `${dir.replace(/\/?$/, '/')}${name}`;
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (e) {
      throw new DictionaryError(file, `cannot read: ${(e as Error).message}`);
    }
    try {
      return JSON.parse(raw);
    } catch (e) {
      throw new DictionaryError(file, `invalid JSON: ${(e as Error).message}`);
    }
  };
  return new Dictionary(read('actors.json'), read('offices.json'), {
    actors: `${dir}actors.json`,
    offices: `${dir}offices.json`,
  });
}

let defaultDictionary: Dictionary | undefined;

export function dictionary(): Dictionary {
  return (defaultDictionary ??= loadDictionary());
}

export const lookupAlias = (s: string, opts?: { ignoreCase?: boolean }) => dictionary().lookupAlias(s, opts);
export const longestAliasMatches = (text: string, opts?: { date?: string }) => dictionary().longestAliasMatches(text, opts);
export const resolveOffice = (phrase: string, date: string) => dictionary().resolveOffice(phrase, date);
export const officeMatches = (text: string, date: string) => dictionary().officeMatches(text, date);
export const getActor = (id: string) => dictionary().getActor(id);
export const allActors = () => dictionary().allActors();
export const getOffice = (id: string) => dictionary().getOffice(id);
export const allOffices = () => dictionary().allOffices();
export const officeHolder = (officeId: string, date: string) => dictionary().officeHolder(officeId, date);
export const officesHeld = (actorId: string, date: string) => dictionary().officesHeld(actorId, date);
