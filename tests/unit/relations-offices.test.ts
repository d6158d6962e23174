/**
 * Relation ends against the real office dictionary: an office someone runs for or would
 * take is not its holder's, both ends of every relation are actors of the article, and a pronoun no
 * one resolved is no end.
 * (Regression tests for the train audit of session 4: "the most dishonest candidate for president
 * of the United States" gave the sitting president an office relation, and an office's body that
 * the text never names was left out of the article's actors.)
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../ingest/pipeline.ts';

const run = (text: string, published = '2016-03-01') => {
  const doc = runPipeline({ file: 't.txt', text, title: 'T', source: 'S', url: null, published }, 'relations');
  return {
    relations: doc.relations.filter((r) => r.kind !== 'speaks_about').map((r) => `${r.kind}:${r.from}>${r.to}`),
    actors: [...doc.actors.keys()],
    ends: doc.relations.flatMap((r) => [r.from, r.to]),
  };
};

describe('an office sought or to be taken is not its holder', () => {
  it.each([
    'Jane Roe is the most honest candidate for President of the United States, Max Poe said.',
    'Max Poe said Jane Roe is now a serious contender for U.S. president.',
    'Max Poe hopes whoever becomes the President of the United States will listen.',
    'Jane Roe wants to be elected President of the United States.',
    'Her campaign for the President of the United States has ended.',
  ])('%s', (text) => {
    const r = run(text);
    expect(r.relations.filter((x) => x.startsWith('holds_office'))).toEqual([]);
    expect(r.actors).not.toContain('barack-obama');
  });

  it('the office named as such still resolves to its holder at the date', () => {
    expect(run('The President of the United States spoke to farmers on Tuesday.').relations).toContain('holds_office:barack-obama>united-states');
  });
});

describe("an office's body is an actor of the article", () => {
  it('"the Russian president" alone: the holder holds office in Russia, and Russia is among the actors', () => {
    const r = run('The Russian president spoke to farmers on Tuesday.');
    expect(r.relations).toContain('holds_office:vladimir-putin>russia');
    for (const end of r.ends) expect(r.actors).toContain(end);
  });
});

describe('an unresolved speaker is no relation end', () => {
  it.each(['“The ruling is final,” she told John Doe.', 'She told John Doe that the ruling was final.'])('%s', (text) => {
    const r = run(text);
    expect(r.relations).toEqual([]);
    expect(r.ends).not.toContain('unresolved-speaker');
  });
});
