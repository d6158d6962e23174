/**
 * Inflected forms of the stance vocabulary, generated from lemmas (never hand-listed): verb
 * forms from compromise's conjugator (irregulars included: withdraw → withdrew, withdrawn; keep →
 * kept), noun plurals from its pluraliser. Run once per lexicon entry when a vocabulary is
 * compiled, never per sentence.
 */
import nlp from 'compromise';

interface World {
  model: unknown;
  methods: {
    two: {
      transform: {
        verb: { conjugate(word: string, model: unknown): Record<string, string | undefined> };
        noun: { toPlural(word: string, model: unknown): string };
      };
    };
  };
}

const world = (nlp as unknown as { world(): World }).world();
const { conjugate } = world.methods.two.transform.verb;
const { toPlural } = world.methods.two.transform.noun;

const cache = new Map<string, string[]>();

/** A one-syllable-final consonant-vowel-consonant verb doubles its last letter: ban → banning. */
function gerundOf(verb: string, past: string | undefined): string {
  if (past && past.endsWith('ed') && past.length > verb.length + 2 && past.startsWith(verb)) {
    // banned → bann+ing, panicked → panick+ing
    return past.slice(0, -2) + 'ing';
  }
  if (/[^aeiou]e$/.test(verb) && !/ee$/.test(verb)) return verb.slice(0, -1) + 'ing';
  return verb + 'ing';
}

export interface VerbParadigm {
  base: string;
  third: string;
  past: string;
  participle: string;
  gerund: string;
}

const word = (f: string | undefined) => (f && /^[a-z]+$/.test(f) ? f : undefined);

/** The forms of a verb lemma by function (a word compromise cannot conjugate keeps its base form). */
export function paradigm(lemma: string): VerbParadigm {
  if (!/^[a-z]+$/.test(lemma) || lemma.length < 2) return { base: lemma, third: lemma, past: lemma, participle: lemma, gerund: lemma };
  const c = conjugate(lemma, world.model);
  const past = word(c.PastTense) ?? lemma;
  // compromise leaves some gerunds uninflected ("slam" → "slam")
  const g = word(c.Gerund);
  return {
    base: lemma,
    third: word(c.PresentTense) ?? lemma,
    past,
    participle: word(c.Participle) ?? past,
    gerund: g && g !== lemma ? g : gerundOf(lemma, c.PastTense),
  };
}

/** Every form of a verb lemma: base, 3rd person, past, participle, gerund. */
export function verbForms(lemma: string): string[] {
  const key = `v:${lemma}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const p = paradigm(lemma);
  const out = [...new Set([p.base, p.third, p.past, p.participle, p.gerund])];
  cache.set(key, out);
  return out;
}

/** A noun and its plural. */
export function nounForms(lemma: string): string[] {
  const key = `n:${lemma}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const forms = new Set([lemma]);
  if (/^[a-z]+$/.test(lemma) && lemma.length > 2) {
    const pl = toPlural(lemma, world.model);
    if (pl && /^[a-z]+$/.test(pl)) forms.add(pl);
  }
  const out = [...forms];
  cache.set(key, out);
  return out;
}
