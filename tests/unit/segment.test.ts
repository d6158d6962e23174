import { describe, expect, it } from 'vitest';
import { findParagraphs, splitSentences } from '../../ingest/stages/segment.ts';
import { findQuotes, isModifierScareQuote, quoteTextSpan } from '../../ingest/text/quotes.ts';

const sentences = (t: string) => findParagraphs(t).flatMap((p) => splitSentences(t, p)).map((s) => t.slice(s.start, s.end));

describe('segment stage', () => {
  it('splits paragraphs on lines and keeps offsets exact', () => {
    const t = 'First line.\n\n  Second para here.\nThird.';
    const ps = findParagraphs(t);
    expect(ps.map((p) => t.slice(p.start, p.end))).toEqual(['First line.', 'Second para here.', 'Third.']);
  });

  it('does not split at news abbreviations and initials', () => {
    const t = 'The U.S. Marine Brig. Gen. Dana Hart spoke. John F. Keller left on Jan. 5. Then it ended.';
    expect(sentences(t)).toEqual(['The U.S. Marine Brig. Gen. Dana Hart spoke.', 'John F. Keller left on Jan. 5.', 'Then it ended.']);
  });

  it('ends a sentence after a closing quote mark', () => {
    const t = 'She said it was “over.” He disagreed. “Never,” he said.';
    expect(sentences(t)).toEqual(['She said it was “over.”', 'He disagreed.', '“Never,” he said.']);
  });
});

describe('quote spans', () => {
  it('pairs curly and straight quotes and finds nested single quotes', () => {
    const t = '“We will stay,” he said. "No deal," she replied. “He told me ‘never again,’ and left.”';
    const qs = findQuotes(t, { start: 0, end: t.length });
    const texts = qs.map((q) => t.slice(q.start, q.end));
    expect(texts).toEqual(['We will stay,', 'No deal,', 'He told me ‘never again,’ and left.', 'never again,']);
    expect(qs.map((q) => q.depth)).toEqual([0, 0, 0, 1]);
  });

  it('takes single marks as quotes only when the paragraph has no double ones, never apostrophes', () => {
    const t = "‘It’s over,’ she said. The Iraqis’ talks didn't resume.";
    expect(findQuotes(t, { start: 0, end: t.length }).map((q) => t.slice(q.start, q.end))).toEqual(['It’s over,']);
    const u = '“He said ‘no,’ twice,” she said. It’s late.';
    expect(findQuotes(u, { start: 0, end: u.length }).map((q) => [u.slice(q.start, q.end), q.depth])).toEqual([
      ['He said ‘no,’ twice,', 0],
      ['no,', 1],
    ]);
  });

  it('keeps an unclosed quote open to the paragraph end', () => {
    const t = '“The plan holds. We are ready, the envoy added.';
    const [q] = findQuotes(t, { start: 0, end: t.length });
    expect(q!.closed).toBe(false);
    expect(t.slice(q!.start, q!.end)).toBe('The plan holds. We are ready, the envoy added.');
  });

  it('drops a trailing comma but keeps a final period of the quote text', () => {
    const t = '“We are ready,” and “It is done.”';
    const qs = findQuotes(t, { start: 0, end: t.length }).map((q) => quoteTextSpan(t, q));
    expect(qs.map((s) => t.slice(s.start, s.end))).toEqual(['We are ready', 'It is done.']);
  });

  it('tells a modifier scare quote from a quoted phrase', () => {
    const t = 'a seat in the “unity” cabinet, and the “full pullout,” she said';
    const [a, b] = findQuotes(t, { start: 0, end: t.length });
    expect(isModifierScareQuote(t, a!)).toBe(true);
    expect(isModifierScareQuote(t, b!)).toBe(false);
  });
});
