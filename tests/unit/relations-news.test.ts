/**
 * Ordinary news forms the clause machinery reads (issue 14, second pass): time adjuncts between
 * subject and verb, coordinated verbs sharing a subject, "he"/"she" with one fitting antecedent,
 * "I" inside a direct quote, stance nouns between two names, relative clauses set off by commas,
 * and the clauses that assert nothing (complement of a denial, an inverted condition). Each
 * construction has a case that must give nothing, so a rule that fires everywhere fails.
 * All sentences are invented.
 */
import { describe, expect, it } from 'vitest';
import { runRelations as run } from './helpers/relations-fixture.ts';

describe('time adjuncts', () => {
  it('stand between a subject and its verb, or a verb and its particle', () => {
    expect(run('Jane Roe on Tuesday praised John Doe.')).toEqual(['supports:jane-roe>john-doe']);
    expect(run('Jane Roe last week urged John Doe to quit.')).toEqual(['pressures:jane-roe>john-doe']);
    expect(run('Jane Roe met on Friday night with John Doe.')).toEqual(['negotiates_with:jane-roe>john-doe']);
  });
  it('do not lift a negation or a modal', () => {
    expect(run('Jane Roe on Tuesday did not praise John Doe.')).toEqual([]);
    expect(run('Jane Roe last week could have urged John Doe to quit.')).toEqual([]);
  });
});

describe('coordinated verbs', () => {
  it('share the subject, across the first object', () => {
    expect(run('Jane Roe praised John Doe and attacked Max Poe.')).toEqual(['opposes:jane-roe>max-poe', 'supports:jane-roe>john-doe']);
    expect(run('Jane Roe mocked and criticized John Doe.')).toEqual(['opposes:jane-roe>john-doe']);
  });
  it('a clause with its own subject after "and" keeps it', () => {
    expect(run('Jane Roe praised John Doe, and then the Sierra Club criticized Mary Major.')).toEqual(['opposes:sierra-club>mary-major', 'supports:jane-roe>john-doe']);
  });
  it('a verb after "and" is no second object', () => {
    expect(run('Jane Roe has been attacking John Doe and visiting the Sierra Club.')).toEqual(['opposes:jane-roe>john-doe']);
  });
});

describe('subject pronouns', () => {
  it('"he"/"she" resolve to the one person of that gender named before', () => {
    expect(run('Jane Roe spoke on Monday. She also criticized John Doe.')).toEqual(['opposes:jane-roe>john-doe']);
    expect(run('John Doe arrived late. Then Jane Roe spoke, and she praised Max Poe.')).toEqual(['supports:jane-roe>max-poe']);
  });
  it('two fitting people, or a pronoun inside a quote, resolve nothing', () => {
    expect(run('John Doe and Max Poe spoke on Monday. He also criticized Jane Roe.')).toEqual([]);
    const quoted = 'Jane Roe spoke. "He attacked Mary Major," Jane Roe said.';
    expect(run(quoted, { statements: [{ speaker: 'jane-roe', text: 'He attacked Mary Major,', kind: 'direct' }] })).toEqual([]);
  });
  it('"I" inside a direct quote is its speaker, outside one nobody', () => {
    const text = '"I endorse John Doe," Jane Roe said.';
    expect(run(text, { statements: [{ speaker: 'jane-roe', text: 'I endorse John Doe,', kind: 'direct' }] })).toEqual(['supports:jane-roe>john-doe']);
    expect(run('I endorse John Doe.')).toEqual([]);
  });
});

describe('relative clauses and appositions before the verb', () => {
  it('"X, who …, V Y" and "X, eager …, V Y": X is the subject', () => {
    expect(run('Jane Roe, who has a big lead in the polls, mocked John Doe.')).toEqual(['opposes:jane-roe>john-doe']);
    expect(run('Jane Roe, eager to win the state, attacked John Doe.')).toEqual(['opposes:jane-roe>john-doe']);
  });
  it('a person modifying the apposed noun is not the antecedent', () => {
    expect(run('Max Poe, a John Doe supporter who has long criticized Jane Roe, spoke.')).toEqual(['opposes:max-poe>jane-roe', 'supports:max-poe>john-doe']);
  });
});

describe('stance nouns between two names', () => {
  it('"Y supporter X", "Y critic X", "Y\'s rival X"', () => {
    expect(run('John Doe supporter Jane Roe spoke.')).toEqual(['supports:jane-roe>john-doe']);
    expect(run("Yesterday John Doe's longtime rival Jane Roe spoke.")).toEqual(['opposes:jane-roe>john-doe']);
  });
  it('a former stance or a plain noun gives nothing', () => {
    expect(run('Former John Doe supporter Jane Roe spoke.')).toEqual([]);
    expect(run('John Doe neighbour Jane Roe spoke.')).toEqual([]);
  });
});

describe('clauses that assert nothing', () => {
  it('the complement of a denial or a claim', () => {
    expect(run('Jane Roe denied that she had attacked John Doe.')).toEqual([]);
    expect(run('Jane Roe claimed John Doe attacked Max Poe.')).toEqual([]);
  });
  it('an inverted condition', () => {
    expect(run('Had Jane Roe endorsed John Doe, he would have won.')).toEqual([]);
    expect(run('Jane Roe endorsed John Doe, and he won.')).toEqual(['supports:jane-roe>john-doe']);
  });
});
