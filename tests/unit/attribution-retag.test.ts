/**
 * Tagger slips around cue verbs, repaired in the attribution wing's own copy of a sentence
 * (sentences invented for these tests).
 */
import { describe, expect, it } from 'vitest';
import { fixCueTags } from '../../ingest/attribution/retag.ts';
import { VOCABULARY } from '../../ingest/attribution/vocabulary.ts';
import { tagSentence } from '../../ingest/syntax/index.ts';
import { frames } from './helpers/sentence-frames.ts';

const fixedPos = (s: string, word: string) => fixCueTags(tagSentence(s, { start: 0, end: s.length }), VOCABULARY).tokens.find((t) => t.text === word)?.pos;

describe('cue forms the tagger calls nouns or adjectives', () => {
  it('reads a cue form between a subject and its complement as the verb', () => {
    expect(frames('Three in 10 say the mayor is doing well.')).toContainEqual(expect.objectContaining({ speaker: 'Three in 10', cue: 'say', contents: ['the mayor is doing well'] }));
    expect(frames('Union leaders point out that wages have stalled.')).toContainEqual(expect.objectContaining({ speaker: 'Union leaders', cue: 'point out', contents: ['wages have stalled'] }));
    expect(frames('The Ledger reports that the mill will close.')).toContainEqual(expect.objectContaining({ speaker: 'The Ledger', cue: 'reports', contents: ['the mill will close'] }));
    expect(frames('The candidate is promising to cut fees.')).toContainEqual(expect.objectContaining({ speaker: 'The candidate', contents: ['to cut fees'] }));
    expect(frames('Nearly eight out of 10 say they want a new road.')).toContainEqual(expect.objectContaining({ speaker: 'Nearly eight out of 10', contents: ['they want a new road'] }));
    expect(frames('The club denies any wrongdoing and points out that its rival signed the same deal.')).toContainEqual(expect.objectContaining({ speaker: 'The club', cue: 'points out', contents: ['its rival signed the same deal'] }));
    expect(frames('Ann Cole, a local builder, notes that building here is costly.')).toContainEqual(expect.objectContaining({ speaker: 'Ann Cole', contents: ['building here is costly'] }));
  });
  it('leaves a noun after a determiner, and a relative "that", alone', () => {
    expect(fixedPos('The reports were late.', 'reports')).not.toBe('VERB');
    expect(frames('It was the press reports that hurt him.')).toEqual([]);
  });
  it('reads a capitalised verb starting a clause before a cue verb as a name', () => {
    expect(fixedPos('Walk said the vote was close.', 'Walk')).toBe('PROPN');
    expect(frames('Walk said the vote was close.')).toContainEqual(expect.objectContaining({ speaker: 'Walk', contents: ['the vote was close'] }));
  });
  it('reads a capitalised adverb, adjective or verb opening a sentence before a cue verb or a surname as a name', () => {
    for (const [s, speaker] of [['Hardy said the trail was closed.', 'Hardy'], ['Grant Hale, a ranger, said the trail was closed.', 'Grant Hale'], ['About 30 percent said the trail was closed.', 'About 30 percent']] as const)
      expect(frames(s)).toContainEqual(expect.objectContaining({ speaker, contents: ['the trail was closed'] }));
    expect(fixedPos('Consider the cost of waiting, the mayor said.', 'Consider')).toBe('VERB');
  });
  it('does not touch the memoised tags other stages read', () => {
    const s = 'Three in 10 say the mayor is doing well.';
    const before = tagSentence(s, { start: 0, end: s.length }).tokens.map((t) => t.pos).join(' ');
    fixCueTags(tagSentence(s, { start: 0, end: s.length }), VOCABULARY);
    expect(tagSentence(s, { start: 0, end: s.length }).tokens.map((t) => t.pos).join(' ')).toBe(before);
  });
});
