import type { ActorMention, Sentence } from '../types.ts';
import { sentenceAt } from '../stages/segment.ts';

/**
 * Mentions grouped by the sentence they fall in, in one pass (binary search per mention), so the
 * positions and relations stages stay linear in the article's length.
 */
export function mentionsBySentence(sentences: readonly Sentence[], mentions: readonly ActorMention[]): ActorMention[][] {
  const out: ActorMention[][] = sentences.map(() => []);
  for (const m of mentions) {
    const i = sentenceAt(sentences, m.start);
    const s = sentences[i];
    if (s && m.end <= s.end) out[i]!.push(m);
  }
  return out;
}
