/**
 * Runs the rules over one sentence: tags it (only sentences holding a cue candidate are tagged),
 * marks the tokens inside quotations, and collects each rule's frames. Two rules never keep a frame
 * on the same cue: the first in RULES order wins.
 */
import { tagSentence, type TaggedSentence } from '../syntax/index.ts';
import type { Span } from '../types.ts';
import { fixCueTags } from './retag.ts';
import { RULES } from './rules/index.ts';
import type { Frame, Rule, SentenceContext } from './types.ts';
import { VOCABULARY, type Vocabulary } from './vocabulary.ts';

/** Per-token quote flags from a character mask of the paragraph (1 = inside a quotation, marks included). */
export function tokenQuoteFlags(ts: TaggedSentence, mask: Uint8Array, maskStart: number): Uint8Array {
  const out = new Uint8Array(ts.tokens.length);
  ts.tokens.forEach((t, i) => {
    const a = t.start - maskStart;
    const b = t.end - maskStart;
    let inside = 0;
    for (let k = Math.max(0, a); k < Math.min(mask.length, b); k++) if (mask[k]) inside = 1;
    out[i] = inside;
  });
  return out;
}

export interface SentenceInput {
  text: string;
  sentence: Span;
  index: number;
  /** quote mask of the paragraph and where it starts */
  mask: Uint8Array;
  maskStart: number;
}

export function framesOfSentence(input: SentenceInput, vocab: Vocabulary = VOCABULARY, rules: readonly Rule[] = RULES): Frame[] {
  const { text, sentence } = input;
  const slice = text.slice(sentence.start, sentence.end);
  if (!vocab.candidate.test(slice)) return [];
  const tagged = fixCueTags(tagSentence(text, sentence), vocab);
  const inQuote = tokenQuoteFlags(tagged, input.mask, input.maskStart);
  const frames: Frame[] = [];
  for (const rule of rules) {
    const ctx: SentenceContext = { text, sentence, index: input.index, tagged, inQuote, vocab, earlier: frames };
    for (const f of rule.apply(ctx)) {
      if (frames.some((g) => g.cueSpan.start === f.cueSpan.start)) continue;
      frames.push(f);
    }
  }
  // speech reported inside someone's reported speech is theirs to report: "Kirby said the statement says …"
  const kept = frames.filter((f) => !frames.some((g) => g !== f && !g.tail && g.rule !== 'according-to' && g.contents.some((c) => c.start <= f.cueSpan.start && f.cueSpan.end <= c.end)));
  return kept.sort((a, b) => a.cueSpan.start - b.cueSpan.start);
}
