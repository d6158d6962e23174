/**
 * The attribution wing's one contract: a rule reads one tagged sentence (plus the lexicon) and
 * returns frames — a speaker phrase, a cue, and the reported content — each naming the rule that
 * made it, so every stored statement can be traced back to its construction.
 */
import type { TaggedSentence } from '../syntax/index.ts';
import type { Span } from '../types.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface Frame {
  /** the rule that produced the frame (stored on the statement as `rule`) */
  rule: string;
  /** index of the sentence in doc.sentences */
  sentence: number;
  /** the words that name the speaker ("the senior official", "Rep. Ann Lee", "they") */
  speakerSpan: Span;
  cue: string;
  cueSpan: Span;
  /** reported content spans (indirect speech; may hold quotes); empty when the frame only introduces or closes a quote */
  contents: Span[];
  /** the frame stands after the words it attributes ("…, X said"): a quote right before it is its content */
  tail: boolean;
  /** set by speaker resolution */
  speakerId: string | null;
}

export interface SentenceContext {
  text: string;
  /** the sentence span and its index in doc.sentences */
  sentence: Span;
  index: number;
  tagged: TaggedSentence;
  /** per token: 1 when the token lies inside a quotation (marks included) */
  inQuote: Uint8Array;
  vocab: Vocabulary;
  /** frames found so far in this sentence by earlier rules (rules run in a fixed order) */
  earlier: readonly Frame[];
}

export interface RuleExample {
  sentence: string;
  /** the frames the rule must produce: speaker phrase, cue words, and (if any) the content */
  frames: { speaker: string; cue: string; content?: string }[];
}

export interface Rule {
  name: string;
  /** one line: the construction it reads */
  construction: string;
  examples: RuleExample[];
  apply(ctx: SentenceContext): Frame[];
}
