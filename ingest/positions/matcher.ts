/**
 * Phrase matching over word tokens for the positions stage. A phrase is compiled once into one set
 * of accepted forms per word (generated inflections, see inflect.ts) and indexed by the forms of
 * its first word, so matching a text costs one map look-up per token, however large the lexicon.
 */
import { nounForms, verbForms } from './inflect.ts';

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

export interface Token {
  w: string;
  start: number;
  end: number;
  /** the characters between the previous token and this one */
  gap: string;
}

const TOKEN = /[a-z0-9]+(?:'[a-z]+)*/g;

/** Word tokens of a normalised text. */
export function tokenize(norm: string): Token[] {
  const out: Token[] = [];
  let prev = 0;
  for (const m of norm.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    out.push({ w: m[0], start, end: start + m[0].length, gap: norm.slice(prev, start) });
    prev = start + m[0].length;
  }
  return out;
}

/** "Iran-backed", "US-led": a token glued to the one before it by a hyphen. */
export const hyphenated = (t: Token | undefined) => !!t && t.gap === '-';

/** Words never inflected when they open a phrase ("us" must not become "used"). */
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'to', 'for', 'in', 'on', 'at', 'by', 'with', 'from', 'and', 'or', 'not', 'no', 'us', 'it', 'its', 'their', 'our', 'his', 'her', 'u', 's', 'more', 'any']);

export interface Phrase<D> {
  phrase: string;
  /** accepted forms, one set per word */
  slots: Set<string>[];
  data: D;
  /**
   * The phrase opens with an article ("the wall", "a ban"): up to two modifiers may stand between
   * the article and the next word ("the proposed wall", "a temporary total ban").
   */
  flex: boolean;
}

const ARTICLES = new Set(['the', 'a', 'an']);
/** Modifiers a phrase opening with an article may take after it. */
const MAX_FLEX = 2;

/** The accepted forms of each word of a phrase: first word as verb and noun, last word as noun. */
export function phraseSlots(phrase: string): Set<string>[] {
  const exact = phrase.endsWith('=');
  const words = tokenize(normalise(exact ? phrase.slice(0, -1) : phrase)).map((t) => t.w);
  return words.map((w, i) => {
    const forms = new Set([w]);
    if (exact || FUNCTION_WORDS.has(w) || w.length < 3) return forms;
    if (i === 0) for (const f of verbForms(w)) forms.add(f);
    if (i === words.length - 1) for (const f of nounForms(w)) forms.add(f);
    return forms;
  });
}

export class PhraseIndex<D> {
  private readonly byFirst = new Map<string, Phrase<D>[]>();
  readonly size: number;

  constructor(entries: readonly { phrase: string; data: D }[]) {
    let n = 0;
    for (const e of entries) {
      const slots = phraseSlots(e.phrase);
      if (!slots.length) continue;
      const flex = slots.length >= 2 && slots[0]!.size === 1 && ARTICLES.has([...slots[0]!][0]!) && !e.phrase.endsWith('=');
      const p: Phrase<D> = { phrase: e.phrase, slots, data: e.data, flex };
      n++;
      for (const f of slots[0]!) {
        const list = this.byFirst.get(f) ?? [];
        list.push(p);
        this.byFirst.set(f, list);
      }
    }
    this.size = n;
  }

  /**
   * Every match: token range [first, last] and character span. A match never starts inside a
   * hyphenated compound ("Iran-backed" holds no "backed"), except after one of `prefixes` ("anti-").
   */
  findAll(tokens: readonly Token[], prefixes?: ReadonlySet<string>): Hit<D>[] {
    const hits: Hit<D>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const cands = this.byFirst.get(t.w);
      if (!cands || (hyphenated(t) && !prefixes?.has(tokens[i - 1]?.w ?? ''))) continue;
      let modifiers = -1;
      for (const p of cands) {
        const n = p.slots.length;
        // modifiers skipped after an opening article
        let skip = 0;
        if (p.flex && !(i + 1 < tokens.length && p.slots[1]!.has(tokens[i + 1]!.w))) {
          // how many of the next words may be modifiers is the same for every candidate here
          if (modifiers < 0) {
            modifiers = 0;
            while (modifiers < MAX_FLEX && i + 1 + modifiers < tokens.length && modifierLike(tokens[i + 1 + modifiers]!)) modifiers++;
          }
          for (let k = 1; k <= modifiers && i + 1 + k < tokens.length; k++) {
            if (p.slots[1]!.has(tokens[i + 1 + k]!.w)) {
              skip = k;
              break;
            }
          }
          if (!skip) continue;
        }
        if (i + n + skip > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) {
          const tk = tokens[i + k + skip]!;
          // words of a phrase are separated by spaces, hyphens or abbreviation dots only ("U.S. troops")
          ok = p.slots[k]!.has(tk.w) && /^[\s.'-]*$/.test(tk.gap);
        }
        // with modifiers skipped, the hit is the head alone: the article and the modifiers stay
        // readable words before it ("the proposed | wall": "proposed" may govern it)
        const first = skip ? i + 1 + skip : i;
        if (ok) hits.push({ first, last: i + n - 1 + skip, start: tokens[first]!.start, end: tokens[i + n - 1 + skip]!.end, phrase: p.phrase, data: p.data });
      }
    }
    return hits;
  }
}

/** A word that may modify a noun between its article and itself: no function word, no punctuation before it. */
function modifierLike(t: Token): boolean {
  return /^[\s-]*$/.test(t.gap) && !FUNCTION_WORDS.has(t.w) && !/^\d/.test(t.w);
}

export interface Hit<D = unknown> {
  first: number;
  last: number;
  start: number;
  end: number;
  phrase: string;
  data: D;
}

export const overlaps = (a: { first: number; last: number }, b: { first: number; last: number }) => a.first <= b.last && b.first <= a.last;

/** Drop hits covered by a longer overlapping hit (so "open timeline" beats "timeline"). */
export function longestOnly<T extends { first: number; last: number; start: number; end: number }>(hits: T[]): T[] {
  const sorted = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  for (const h of sorted) if (!kept.some((k) => overlaps(k, h))) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}
