/**
 * The general stance vocabulary (ingest/data/stance.json), validated with zod and compiled once
 * into phrase indexes (inflections generated, see inflect.ts), plus the compiled form of an issue
 * set (topic terms and issue cues), cached per set.
 */
import { z } from 'zod';
import stanceJson from '../data/stance.json' with { type: 'json' };
import { DEFAULT_ISSUE_SET, type IssueDef, type IssueSet } from './issue-set.ts';
import { nounForms, paradigm } from './inflect.ts';
import { PhraseIndex } from './matcher.ts';

const list = z.array(z.string().min(1));
const polar = z.object({ $comment: z.string().optional(), support: list, oppose: list }).strict();
const VocabularySchema = z
  .object({
    $comment: z.string().optional(),
    attitude: polar,
    change: polar,
    evaluation: z
      .object({ $comment: z.string().optional(), support: list, oppose: list, attributive: z.object({ $comment: z.string().optional(), words: list }).strict() })
      .strict(),
    negators: list,
    denials: z.object({ $comment: z.string().optional(), verbs: list, dismissive: list, reportNouns: list }).strict(),
    hedges: z.object({ $comment: z.string().optional(), words: list, deliberation: list }).strict(),
    postNegators: list,
    transparent: z.object({ $comment: z.string().optional(), words: list }).strict(),
    weakeners: z.object({ $comment: z.string().optional(), words: list }).strict(),
  })
  .strict();

const parsed = VocabularySchema.safeParse(stanceJson);
if (!parsed.success) {
  const i = parsed.error.issues[0];
  throw new Error(`ingest/data/stance.json: ${i?.path.join('.')}: ${i?.message}`);
}
const vocab = parsed.data;

/** attitude: evaluation of / will about what follows; change: acts on it; evaluation: a judgement of it. */
export type GovKind = 'attitude' | 'change' | 'evaluation';
export interface Gov {
  kind: GovKind;
  polarity: 1 | -1;
}

const polarEntries = (kind: GovKind, p: { support: string[]; oppose: string[] }) => [
  ...p.support.map((phrase) => ({ phrase, data: { kind, polarity: 1 as const } })),
  ...p.oppose.map((phrase) => ({ phrase, data: { kind, polarity: -1 as const } })),
];

const plain = (phrases: readonly string[]) => new PhraseIndex(phrases.map((phrase) => ({ phrase, data: null })));

/** Base, third-person and gerund forms only ("considering", "will consider"; "considered" is not deliberating). */
const deliberationForms = vocab.hedges.deliberation.flatMap((lemma) => {
  const [head, ...rest] = lemma.split(/\s+/);
  const p = paradigm(head!);
  return [...new Set([p.base, p.third, p.gerund])].map((f) => [f, ...rest].join(' ') + '=');
});

/** What a phrase of the combined index is: one class of the vocabulary or of an issue set. */
export type Tag =
  | { c: 'gov'; gov: Gov }
  | { c: 'neg' }
  | { c: 'hedge' }
  | { c: 'delib' }
  | { c: 'denial' }
  | { c: 'dismissive' }
  | { c: 'report' }
  | { c: 'postneg' }
  | { c: 'weakener' }
  | { c: 'attributive' }
  | { c: 'term'; issue: number }
  | { c: 'cue'; cue: CueData }
  | { c: 'elsewhere' };

const tagged = <T extends Tag>(phrases: readonly string[], tag: T) => phrases.map((phrase) => ({ phrase, data: tag as Tag }));

/** The vocabulary's entries for the combined index (compiled with each issue set's own entries). */
const VOCABULARY_ENTRIES: { phrase: string; data: Tag }[] = [
  ...[...polarEntries('attitude', vocab.attitude), ...polarEntries('change', vocab.change), ...polarEntries('evaluation', vocab.evaluation)].map((e) => ({
    phrase: e.phrase,
    data: { c: 'gov', gov: e.data } as Tag,
  })),
  ...tagged(vocab.negators.map((n) => (n.includes(' ') ? n : n + '=')), { c: 'neg' }),
  ...tagged(vocab.denials.verbs, { c: 'denial' }),
  ...tagged(vocab.denials.dismissive, { c: 'dismissive' }),
  ...tagged(vocab.denials.reportNouns, { c: 'report' }),
  ...tagged(vocab.hedges.words.map((h) => (h.includes(' ') ? h : h + '=')), { c: 'hedge' }),
  ...tagged(deliberationForms, { c: 'delib' }),
  ...tagged(vocab.postNegators, { c: 'postneg' }),
  ...tagged(vocab.weakeners.words, { c: 'weakener' }),
  ...tagged(vocab.evaluation.attributive.words, { c: 'attributive' }),
];

export const VOCABULARY = {
  governing: new PhraseIndex<Gov>([...polarEntries('attitude', vocab.attitude), ...polarEntries('change', vocab.change), ...polarEntries('evaluation', vocab.evaluation)]),
  negators: plain(vocab.negators.map((n) => (n.includes(' ') ? n : n + '='))),
  denialVerbs: plain(vocab.denials.verbs),
  dismissive: plain(vocab.denials.dismissive),
  reportNouns: plain(vocab.denials.reportNouns),
  hedges: plain(vocab.hedges.words.map((h) => (h.includes(' ') ? h : h + '='))),
  deliberation: plain(deliberationForms),
  postNegators: plain(vocab.postNegators),
  transparent: new Set(vocab.transparent.words.flatMap((w) => nounForms(w))),
};

/** Forms that are a simple past of some verb of the vocabulary or of an issue cue ("kept", "withdrew"). */
const irregularPast = new Set<string>();
export function isPastForm(w: string): boolean {
  return (w.endsWith('ed') && w.length > 4) || irregularPast.has(w);
}
function notePast(lemma: string) {
  const head = lemma.split(/\s+/)[0]!;
  const p = paradigm(head);
  if (p.past !== p.base && !p.past.endsWith('ed')) irregularPast.add(p.past);
  if (p.participle !== p.base && !p.participle.endsWith('ed')) irregularPast.add(p.participle);
}
for (const l of [...vocab.change.support, ...vocab.change.oppose, ...vocab.attitude.support, ...vocab.attitude.oppose]) notePast(l);

export interface CueData {
  issue: number;
  polarity: 1 | -1;
}

export interface CompiledIssueSet {
  set: IssueSet;
  issues: readonly IssueDef[];
  terms: PhraseIndex<number>;
  cues: PhraseIndex<CueData>;
  elsewhere: PhraseIndex<null>;
  /** every phrase of the vocabulary and of the set in one index: one pass over a text finds them all */
  all: PhraseIndex<Tag>;
}

const compiled = new WeakMap<IssueSet, CompiledIssueSet>();

/** The compiled form of an issue set (compiled on first use, then cached). */
export function compileIssueSet(set: IssueSet = DEFAULT_ISSUE_SET): CompiledIssueSet {
  const hit = compiled.get(set);
  if (hit) return hit;
  const c: CompiledIssueSet = {
    set,
    issues: set.issues,
    terms: new PhraseIndex(set.issues.flatMap((i, n) => i.terms.map((phrase) => ({ phrase, data: n })))),
    cues: new PhraseIndex<CueData>(
      set.issues.flatMap((i, n) => [
        ...i.support.map((phrase) => ({ phrase, data: { issue: n, polarity: 1 as const } })),
        ...i.oppose.map((phrase) => ({ phrase, data: { issue: n, polarity: -1 as const } })),
      ]),
    ),
    elsewhere: plain(set.elsewhere),
    all: new PhraseIndex<Tag>([
      ...VOCABULARY_ENTRIES,
      ...set.issues.flatMap((i, n) => [
        ...i.terms.map((phrase) => ({ phrase, data: { c: 'term', issue: n } as Tag })),
        ...i.support.map((phrase) => ({ phrase, data: { c: 'cue', cue: { issue: n, polarity: 1 } } as Tag })),
        ...i.oppose.map((phrase) => ({ phrase, data: { c: 'cue', cue: { issue: n, polarity: -1 } } as Tag })),
      ]),
      ...tagged(set.elsewhere, { c: 'elsewhere' }),
    ]),
  };
  for (const i of set.issues) for (const l of [...i.support, ...i.oppose]) notePast(l);
  compiled.set(set, c);
  return c;
}
