/**
 * Every attribution rule's own example sentences (written for these tests, not taken from any
 * corpus): the rule must produce each listed frame — speaker words, cue words and content.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../ingest/attribution/rules/index.ts';
import { framesOfSentence } from '../../ingest/attribution/run.ts';
import { findQuotes, quoteMask } from '../../ingest/text/quotes.ts';

function frames(sentence: string) {
  const para = { start: 0, end: sentence.length };
  const mask = quoteMask(findQuotes(sentence, para), 0, sentence.length);
  return framesOfSentence({ text: sentence, sentence: para, index: 0, mask, maskStart: 0 }).map((f) => ({
    rule: f.rule,
    speaker: sentence.slice(f.speakerSpan.start, f.speakerSpan.end),
    cue: f.cue,
    contents: f.contents.map((c) => sentence.slice(c.start, c.end)),
  }));
}

describe('attribution rules: every example of every rule', () => {
  it('has rules, each with examples', () => {
    expect(RULES.length).toBeGreaterThan(5);
    for (const r of RULES) expect(r.examples.length, r.name).toBeGreaterThan(0);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
  });
  for (const rule of RULES) {
    describe(rule.name, () => {
      for (const ex of rule.examples) {
        it(ex.sentence, () => {
          const got = frames(ex.sentence);
          const mine = got.filter((f) => f.rule === rule.name || f.rule.startsWith(`${rule.name}:`));
          for (const want of ex.frames) {
            const hit = mine.find((f) => f.speaker === want.speaker && f.cue === want.cue);
            expect(hit, `${rule.name} should find ${want.speaker} / ${want.cue}; got ${JSON.stringify(got)}`).toBeDefined();
            if (want.content !== undefined) expect(hit!.contents).toContain(want.content);
            else expect(hit!.contents).toEqual([]);
          }
        });
      }
    });
  }
});
