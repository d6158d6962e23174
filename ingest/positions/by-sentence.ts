import type { ActorMention, DateValue, Doc, Sentence, Span } from '../types.ts';
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

/** The time expression of a sentence nearest to a position in it, else the publication date. */
export function nearestTimeInSentence(doc: Pick<Doc, 'times' | 'publication'>, sentence: Span, at: number): DateValue {
  let best: { d: number; date: DateValue } | null = null;
  for (const t of doc.times) {
    if (t.start < sentence.start || t.end > sentence.end) continue;
    const d = Math.abs(t.start - at);
    if (!best || d < best.d) best = { d, date: t.date };
  }
  return best?.date ?? doc.publication;
}
