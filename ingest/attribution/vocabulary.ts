/**
 * The one attribution vocabulary (ingest/data/cues.json), validated at load with zod: cue verbs by
 * lemma with the complements each takes, and the inflections of each lemma GENERATED here (from
 * compromise's conjugator, with regular English rules as fallback), so the data lists lemmas only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { z } from 'zod';

/**
 * What may follow a cue. `naming`: an object that names or judges its referent ("called the plan a
 * disaster", "condemned the attack") is no speech of its own; only a quotation in it is reported
 * ("called it “a reckless gamble”").
 */
export const CUE_FEATURES = ['that', 'bare', 'object', 'naming', 'infinitive', 'addressee', 'tail', 'question'] as const;
export type CueFeature = (typeof CUE_FEATURES)[number];

const Lemma = z.string().regex(/^[a-z]+(?: [a-z]+)?$/, 'a lemma is one lower-case word, or a verb and its particle ("call for")');
export const CuesFileSchema = z
  .object({
    $comment: z.string().optional(),
    verbs: z.record(Lemma, z.array(z.enum(CUE_FEATURES)).min(1, 'a cue verb needs at least one feature')),
    speechNouns: z.array(z.string().min(1)),
    anonymousHeads: z.array(z.string().min(1)),
    anonymousModifiers: z.array(z.string().min(1)),
    documentHeads: z.array(z.string().min(1)),
    titles: z.array(z.string().min(1)),
    orgHeads: z.array(z.string().min(1)),
    bodyHeads: z.array(z.string().min(1)),
  })
  .strict();
export type CuesFile = z.infer<typeof CuesFileSchema>;

export interface CueVerb {
  lemma: string;
  /** the particle of a phrasal cue ("for" in "call for"), else null */
  particle: string | null;
  features: ReadonlySet<CueFeature>;
  /** every inflected form of the verb word (without the particle) */
  forms: string[];
}

export interface Vocabulary {
  file: CuesFile;
  /** cue verbs by lemma ("call for" and "call" are separate entries) */
  verbs: Map<string, CueVerb>;
  /** inflected form of the verb word → the lemmas it can be ("called" → call, call for, call on) */
  byForm: Map<string, CueVerb[]>;
  /** lemma of the verb word → its entries ("call" → call, call for, call on) */
  byHead: Map<string, CueVerb[]>;
  /** matches any inflected cue form, speech noun or "according to" as a whole word (a cheap pre-filter before tagging) */
  candidate: RegExp;
}

/** Regular English inflection: the -s, -ed and -ing forms of a lemma. */
export function regularForms(lemma: string): string[] {
  const l = lemma;
  // doubling of a final consonant after one stressed short vowel: admit → admitted, quip → quipped
  const cvc = /[^aeiou][aeiou][bdgklmnprt]$/.test(l.replace(/^qu/, 'q')) && !/(?:en|er|on|it|et)$/.test(l.slice(-2)) && l.length <= 5;
  const s = /(?:s|sh|ch|x|z)$/.test(l) ? `${l}es` : /[^aeiou]y$/.test(l) ? `${l.slice(0, -1)}ies` : `${l}s`;
  const ed = /e$/.test(l) ? `${l}d` : /[^aeiou]y$/.test(l) ? `${l.slice(0, -1)}ied` : cvc ? `${l}${l.at(-1)}ed` : `${l}ed`;
  const ing = /ie$/.test(l) ? `${l.slice(0, -2)}ying` : /[^e]e$/.test(l) ? `${l.slice(0, -1)}ing` : cvc ? `${l}${l.at(-1)}ing` : `${l}ing`;
  return [l, s, ed, ing];
}

type Conjugation = Partial<Record<'Infinitive' | 'PastTense' | 'PresentTense' | 'Gerund' | 'Participle', string>>;

/** All forms of a verb: compromise's conjugation when it knows the verb, regular rules otherwise. */
export function inflect(lemma: string): string[] {
  const forms = new Set(regularForms(lemma));
  const conj = (nlp(lemma).verbs() as unknown as { conjugate(): Conjugation[] }).conjugate()[0];
  if (conj?.Infinitive === lemma) {
    // compromise knows the irregular ones ("said", "told", "wrote", "spoken"): its forms replace the regular guesses
    forms.clear();
    for (const f of [conj.Infinitive, conj.PastTense, conj.PresentTense, conj.Gerund, conj.Participle]) if (f && /^[a-z]+$/.test(f)) forms.add(f);
  }
  return [...forms];
}

/** Validates a cues file; a bad entry is reported with the file name and its path. */
export function parseVocabulary(raw: unknown, fileName: string): Vocabulary {
  const parsed = CuesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${fileName}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const file = parsed.data;
  const verbs = new Map<string, CueVerb>();
  const byForm = new Map<string, CueVerb[]>();
  const byHead = new Map<string, CueVerb[]>();
  const inflected = new Map<string, string[]>();
  for (const [key, feats] of Object.entries(file.verbs)) {
    const [lemma, particle = null] = key.split(' ') as [string, string?];
    const forms = inflected.get(lemma) ?? inflect(lemma);
    inflected.set(lemma, forms);
    const cue: CueVerb = { lemma: key, particle, features: new Set(feats), forms };
    verbs.set(key, cue);
    for (const f of forms) byForm.set(f, [...(byForm.get(f) ?? []), cue]);
    byHead.set(lemma, [...(byHead.get(lemma) ?? []), cue]);
  }
  const byLength = (a: string, b: string) => b.length - a.length;
  const nouns = [...new Set(file.speechNouns)].sort(byLength).join('|');
  const forms = [...byForm.keys()].sort(byLength).join('|');
  // case-sensitive: cue words are lower-case in running text ("the Post", "Secretary of State" are not cues);
  // a verb form right after an article or a possessive is a noun ("the state", "a report", "her post"), no cue:
  // such sentences need no tagging unless they hold another candidate (speech nouns keep their determiners);
  // the determiner must be a word of its own ("García said" is no "a said": \b sees a boundary after "í")
  const candidate = new RegExp(String.raw`\b(?:${nouns}|[Aa]ccording to|Asked)\b|(?<!(?:^|[\s(“"'‘])(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Mm]y|[Yy]our)\s+)\b(?:${forms})\b`);
  return { file, verbs, byForm, byHead, candidate };
}

const CUES_PATH = fileURLToPath(new URL('../data/cues.json', import.meta.url));

function loadDefault(): Vocabulary {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(CUES_PATH, 'utf8'));
  } catch (e) {
    throw new Error(`${CUES_PATH}: ${(e as Error).message}`);
  }
  return parseVocabulary(raw, 'ingest/data/cues.json');
}

/** The shipped vocabulary, loaded once. */
export const VOCABULARY: Vocabulary = loadDefault();

/** The cue verb entries a token can be: by its lemma (from the tagger) or by its surface form. */
export function cueVerbsFor(vocab: Vocabulary, lower: string, lemma?: string): CueVerb[] {
  return (lemma ? vocab.byHead.get(lemma) : undefined) ?? vocab.byForm.get(lower) ?? [];
}
