/** A one-sentence text through the attribution rules: each frame as its rule, speaker words, cue and content strings. */
import { framesOfSentence } from '../../../ingest/attribution/run.ts';
import { findQuotes, quoteMask } from '../../../ingest/text/quotes.ts';

export function frames(sentence: string) {
  const para = { start: 0, end: sentence.length };
  const mask = quoteMask(findQuotes(sentence, para), 0, sentence.length);
  return framesOfSentence({ text: sentence, sentence: para, index: 0, mask, maskStart: 0 }).map((f) => ({
    rule: f.rule,
    speaker: sentence.slice(f.speakerSpan.start, f.speakerSpan.end),
    cue: f.cue,
    contents: f.contents.map((c) => sentence.slice(c.start, c.end)),
  }));
}
