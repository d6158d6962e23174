/**
 * Clause boundaries of reported content and the tagger repairs they depend on (sentences invented
 * for these tests). Each case is a general construction; the rule examples in ingest/attribution/rules
 * cover the positive frames.
 */
import { describe, expect, it } from 'vitest';
import { tagSentence } from '../../ingest/syntax/index.ts';
import { frames } from './helpers/sentence-frames.ts';

const posOf = (s: string, word: string) => tagSentence(s, { start: 0, end: s.length }).tokens.find((t) => t.text === word)?.pos;

describe('tagger repairs', () => {
  it('reads a capitalised uninflected "verb" inside running text as a name', () => {
    // the tagger alone calls these surnames verbs
    expect(posOf('The plan will be ready in May, Swallow said.', 'Swallow')).toBe('PROPN');
    expect(frames('The plan will be ready in May, Swallow said.')).toEqual([expect.objectContaining({ rule: 'inverted-tail', speaker: 'Swallow', contents: ['The plan will be ready in May'] })]);
    expect(frames('The paper said Wade provided a statement.')).toEqual([expect.objectContaining({ rule: 'subject-verb:bare', contents: ['Wade provided a statement'] })]);
  });
  it('reads a capitalised verb form right after a first name as part of the name', () => {
    expect(posOf('Dana Shook, a pilot, said the runway was icy.', 'Shook')).toBe('PROPN');
    expect(frames('Dana Shook, a pilot, said the runway was icy.')).toEqual([expect.objectContaining({ speaker: 'Dana Shook', contents: ['the runway was icy'] })]);
  });
  it('leaves title-case headlines and sentence-initial verbs alone', () => {
    expect(posOf('Voters Back Mayor In Close Race', 'Back')).not.toBe('PROPN');
    expect(posOf('Consider the cost of waiting.', 'Consider')).toBe('VERB');
  });
  it('reads "none of" as a pronoun subject', () => {
    expect(posOf('He said none of them came.', 'none')).toBe('PRON');
  });
});

describe('that-less clauses', () => {
  it('an object followed by an adverbial clause after a comma stays an object', () => {
    const got = frames('The board announced a new chairman, three weeks after the old one resigned.');
    expect(got).toEqual([expect.objectContaining({ rule: 'subject-verb:object', contents: ['a new chairman'] })]);
  });
  it('a coordinated verb phrase after the object is no clause of it', () => {
    const got = frames('The witness confirmed the account and the times and left.');
    expect(got[0]!.contents.join()).not.toContain('left');
  });
});

describe('parenthetical between subject and predicate', () => {
  it('an appositive after the tail is not the reported predicate', () => {
    const got = frames('The plant will close, the company said, a decision that shocked workers.');
    expect(got).toEqual([expect.objectContaining({ rule: 'inverted-tail', contents: ['The plant will close'] })]);
  });
});

describe('participles after a noun', () => {
  it('a participle after a plain noun is a reduced relative, not a speech event', () => {
    expect(frames('The city posted a timetable outlining new routes.')).toEqual([]);
  });
  it('"of" before a speech noun\'s quoted object stays its object', () => {
    const got = frames('Despite the union\'s announcement of a “total stoppage,” the buses ran.');
    expect(got.some((f) => f.rule === 'speech-noun')).toBe(true);
  });
});
