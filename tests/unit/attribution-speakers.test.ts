/** Speaker resolution and the stage around the rules: unresolved speakers, NYT quotes, headlines. */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../ingest/pipeline.ts';
import { findQuotes } from '../../ingest/text/quotes.ts';

const run = (text: string, title = 'T') => extractArticle({ file: 't.txt', text, title, source: 'S', url: null, published: '2016-03-02' });
const said = (text: string, title?: string) => {
  const d = run(text, title);
  return d.statements.map((s) => ({ speaker: d.actors.get(s.speakerId)!.name, kind: s.kind, text: s.text, rule: s.rule }));
};

describe('speakers no dictionary knows', () => {
  it('keeps the statement of a speaker no strategy resolves, as an actor named by the phrase', () => {
    const r = said('Some advocates for stricter zoning said the tower was far too tall.');
    expect(r).toHaveLength(1);
    expect(r[0]!.text).toBe('the tower was far too tall');
    expect(r[0]!.speaker.toLowerCase()).toContain('advocates');
  });

  it('a pronoun with no antecedent still gets a speaker, not a dropped statement', () => {
    const r = said('They said the vote would be close.');
    expect(r).toHaveLength(1);
    expect(r[0]!.speaker).toBeTruthy();
  });

  it('a pronoun resolves to the speaker of the sentence before', () => {
    const r = said('Maria Okafor, the county clerk, said the count was done. She added that turnout was high.');
    expect(r.map((x) => x.speaker)).toEqual(['Maria Okafor', 'Maria Okafor']);
  });

  it('every statement names the rule that produced it', () => {
    const r = said('“We are ready,” the coach said. The team, he said, had trained all week. According to the club, tickets sold out.');
    expect(r.every((x) => typeof x.rule === 'string' && x.rule.length > 0)).toBe(true);
    expect(r.map((x) => x.rule)).toEqual(expect.arrayContaining(['quote:tail', 'according-to']));
  });
});

describe('what is not reported content', () => {
  it('a fronted adverbial before "X said" is not what was said', () => {
    expect(said('After reading the verdict aloud, the judge said.').map((x) => x.text)).not.toContain('After reading the verdict aloud');
    expect(said('In his speech, the governor argued.')).toEqual([]);
    // a real clause before the tail is
    expect(said('In his speech, the tax would fall, the governor argued.').map((x) => x.text)).toEqual(['In his speech, the tax would fall']);
  });

  it('verbs of praise and blame with a plain object are not statements', () => {
    expect(said('The senator praised the mayor and criticized the budget.')).toEqual([]);
  });
});

describe('quotes in every house style', () => {
  it("NYT-archive ''…'' quotes are quotes, with their tail attribution", () => {
    const text = "''We have time,'' Mr. Duarte said, ''but not a lot of it.''";
    expect(findQuotes(text, { start: 0, end: text.length }).map((q) => text.slice(q.start, q.end))).toEqual(['We have time,', 'but not a lot of it.']);
    const r = said(text);
    expect(r.map((x) => [x.speaker, x.kind, x.text])).toEqual([
      ['Duarte', 'direct', 'We have time'],
      ['Duarte', 'direct', 'but not a lot of it.'],
    ].map(([s, k, t]) => [expect.stringContaining(s!), k, t]));
  });

  it('the paraphrase around an embedded quote is its own indirect statement', () => {
    const r = said('The hearing was “deeply unfair” to the tenants, said Priya Raman, a housing lawyer.');
    expect(r).toContainEqual(expect.objectContaining({ kind: 'direct', text: 'deeply unfair' }));
    expect(r).toContainEqual(expect.objectContaining({ kind: 'indirect', text: 'The hearing was “deeply unfair” to the tenants' }));
  });

  it('a straight-quoted question closed by the sentence before its attribution', () => {
    const r = said('"Why is he attacking me?" Tom Reyes said.');
    expect(r).toEqual([expect.objectContaining({ kind: 'direct', text: 'Why is he attacking me?', rule: 'quote:tail' })]);
  });
});

describe('headlines are not body text', () => {
  it('a quote in the title line does not continue into the body or take a voice without a frame', () => {
    const text = 'Mayor: “No new taxes”\n\n“We will balance the budget,” Mayor Ellen Voss said on Monday.';
    const r = said(text, 'Mayor: “No new taxes”');
    expect(r.map((x) => x.text)).toEqual(['We will balance the budget']);
  });

  it('a colon at the end of the title line does not introduce the first paragraph’s quote', () => {
    const text = 'Mayor Ellen Voss says:\n\n“We will balance the budget.” The council met on Monday.';
    expect(said(text, 'Mayor Ellen Voss says:')).toEqual([]);
    // the same lines in the body do
    expect(said(`Budget week.\n\n${text}`, 'Budget week').map((x) => x.rule)).toEqual(['quote:colon-intro']);
  });
});

describe('collective speakers (the actors stage reads the phrase)', () => {
  it('two people speaking jointly are one collective speaker, not the first of them', () => {
    const r = said('Mayor Lina Ortiz and Councilwoman Dana Whitfield said in a joint statement that the library would stay open.');
    expect(r).toHaveLength(1);
    expect(r[0]!.text).toBe('the library would stay open');
    expect(r[0]!.speaker).toMatch(/Ortiz/);
    expect(r[0]!.speaker).toMatch(/Whitfield/);
  });

  it('a name governed by a verb is not a co-speaker ("met Jones and Lee said")', () => {
    const r = said('The mayor met Tom Jones and Ann Lee said the meeting went well.');
    expect(r.map((x) => x.speaker)).toEqual(['Ann Lee']);
  });
});
