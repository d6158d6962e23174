import { describe, expect, it } from 'vitest';
import { clauseEnd, subjectOf, tagSentence, tokenAt, verbAt } from '../../ingest/syntax/index.ts';

const tag = (s: string, prefix = '') => {
  const text = prefix + s;
  return { text, ts: tagSentence(text, { start: prefix.length, end: text.length }) };
};
const str = (text: string, c: { start: number; end: number } | null | undefined) => (c ? text.slice(c.start, c.end) : null);

describe('syntax: tagged sentences', () => {
  it('gives tokens with offsets into the whole article, not the sentence', () => {
    const { text, ts } = tag('The mayor said it would rain.', 'Headline here.\n\n');
    for (const t of ts.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(ts.tokens[0]!.start).toBe(16);
    expect(ts.tokens.find((t) => t.text === 'said')!.lemma).toBe('say');
  });

  it('keeps offsets right across curly quotes, contractions and dashes', () => {
    const { text, ts } = tag('“We won’t go,” she said — and they didn’t.');
    for (const t of ts.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokenAt(ts, text.indexOf('said'))).toBe(ts.tokens.findIndex((t) => t.text === 'said'));
    expect(tokenAt(ts, 10_000)).toBe(-1);
  });

  it('groups auxiliaries, negation and modality with the verb', () => {
    const { text, ts } = tag('The council has not said whether it will vote, and she could resign.');
    const said = verbAt(ts, ts.tokens.findIndex((t) => t.text === 'said'))!;
    expect(str(text, said)).toBe('has not said');
    expect(said).toMatchObject({ lemma: 'say', negated: true, perfect: true, modal: null });
    const vote = verbAt(ts, ts.tokens.findIndex((t) => t.text === 'vote'))!;
    expect(vote).toMatchObject({ tense: 'future', modal: 'will', negated: false });
    const resign = verbAt(ts, ts.tokens.findIndex((t) => t.text === 'resign'))!;
    expect(resign.modal).toBe('could');
  });

  it('marks tense of simple forms and non-finite participles', () => {
    const { ts } = tag('Officials warned voters, adding that polls close early.');
    const warned = ts.verbs.find((v) => v.lemma === 'warn')!;
    expect(warned.tense).toBe('past');
    expect(warned.nonFinite).toBe(false);
    expect(ts.verbs.find((v) => v.lemma === 'add')!.nonFinite).toBe(true);
  });

  it('finds the subject over a parenthetical and an appositive', () => {
    let { text, ts } = tag('Rep. Ann Lee (D-Mass.) said the vote was close.');
    expect(str(text, subjectOf(ts, ts.verbs.find((v) => v.lemma === 'say')!))).toBe('Rep. Ann Lee');
    ({ text, ts } = tag('The head of the agency, a former teacher, told reporters nothing.'));
    expect(str(text, subjectOf(ts, ts.verbs.find((v) => v.lemma === 'tell')!))).toBe('The head of the agency');
  });

  it('ends a clause at a semicolon and at a new coordinated clause, not inside a noun phrase list', () => {
    const { ts } = tag('Prices rose, and the bank raised rates; traders sold bonds.');
    const rose = ts.tokens.findIndex((t) => t.text === 'rose');
    expect(ts.tokens[clauseEnd(ts, rose)]!.text).toBe(',');
    const { ts: ts2 } = tag('She bought apples, pears and plums at the market.');
    expect(clauseEnd(ts2, 1)).toBe(ts2.tokens.length);
  });

  it('tags a sentence once per article (memoised) and survives odd input', () => {
    const text = 'A dog barked.';
    expect(tagSentence(text, { start: 0, end: text.length })).toBe(tagSentence(text, { start: 0, end: text.length }));
    for (const odd of ['', '   ', '—', '“', "''", '123 456', 'ÀÉÎ ßø 中文 …', '\u0000\u0001']) {
      const ts = tagSentence(odd, { start: 0, end: odd.length });
      for (const t of ts.tokens) expect(t.end).toBeLessThanOrEqual(odd.length);
    }
  });

  it('keeps an article\'s tagged sentences while a variant of the text is tagged in between', () => {
    const article = 'THE COUNCIL VOTES ON THE BUDGET\n\nThe council voted on Tuesday. Members said the budget would pass.';
    const variant = article.replace('THE COUNCIL VOTES ON THE BUDGET', 'The council votes on the budget');
    const span = { start: 33, end: 62 };
    const first = tagSentence(article, span);
    const folded = tagSentence(variant, { start: 0, end: 31 });
    expect(folded.tokens.map((t) => t.text)).toEqual(['The', 'council', 'votes', 'on', 'the', 'budget']);
    // the same object: the article's memo survived the variant, so the sentence was not re-tagged
    expect(tagSentence(article, span)).toBe(first);
    expect(str(article, first.tokens[1])).toBe('council');
  });
});
