/**
 * What the relation rules must not assert, and where a relation's claim and date come from:
 * relations inside a reported statement keep that statement; a denial asserts nothing; the subject
 * of a relative clause is not the subject of the main verb; a "former" role is not held; garbage
 * input yields no crash. Sentences are made up.
 */
import { describe, expect, it } from 'vitest';
import type { ActorType } from '../../cypher/schema.ts';
import { makeRelationsStage } from '../../ingest/stages/relations.ts';
import { segment } from '../../ingest/stages/segment.ts';
import type { Doc } from '../../ingest/types.ts';
import { makeDoc, type DocSpec } from './helpers/make-doc.ts';

const stage = makeRelationsStage({ officeMatches: () => [] });
const ACTORS: [string, string, ActorType][] = [
  ['Jane Roe', 'jane-roe', 'person'],
  ['John Doe', 'john-doe', 'person'],
  ['Mary Major', 'mary-major', 'person'],
  ['Alpha Ministry', 'alpha-ministry', 'organization'],
  ['Beta Council', 'beta-council', 'organization'],
  ['Gamma Front', 'gamma-front', 'group'],
];
const run = (text: string, spec: DocSpec = {}) => stage(segment(makeDoc(text, ACTORS, spec)));
const triples = (doc: Doc) => doc.relations.filter((r) => r.kind !== 'speaks_about').map((r) => `${r.kind}:${r.from}>${r.to}`);

describe('relations: only what is asserted', () => {
  it('a relation inside a reported statement keeps the statement and its date', () => {
    const text = 'Jane Roe said the Gamma Front attacked the Beta Council.';
    const doc = run(text, { statements: [{ speaker: 'jane-roe', text: 'the Gamma Front attacked the Beta Council', date: '2020-04-01' }] });
    const r = doc.relations.find((x) => x.kind === 'attacks');
    expect(r).toMatchObject({ from: 'gamma-front', to: 'beta-council', statementIndex: 0 });
    expect(r!.date.value).toBe('2020-04-01');
  });

  it('a statement introduced by a denial asserts nothing it denies', () => {
    const text = 'Jane Roe denied that the Gamma Front attacked the Beta Council.';
    const doc = run(text, { statements: [{ speaker: 'jane-roe', text: 'the Gamma Front attacked the Beta Council', cue: 'denied' }] });
    expect(triples(doc)).toEqual([]);
  });

  it('negation, modality, conditions and hoping give nothing', () => {
    for (const text of [
      'The Alpha Ministry did not urge the Beta Council to resign.',
      'The Alpha Ministry might attack the Gamma Front.',
      'If the Alpha Ministry attacks the Gamma Front, talks end.',
      'The Alpha Ministry hopes to meet with the Beta Council.',
      'The Alpha Ministry refused to back the Gamma Front.',
      'Will the Alpha Ministry back the Gamma Front?',
    ]) expect(triples(run(text)), text).toEqual([]);
  });

  it('the object of "urged Y to attack Z" is not the attacker', () => {
    expect(triples(run('The Alpha Ministry urged the Beta Council to attack the Gamma Front.'))).toEqual(['pressures:alpha-ministry>beta-council']);
  });

  it('the subject of a relative clause is not the subject of the main clause', () => {
    const out = triples(run('Mary Major, who endorsed Jane Roe last year, criticized John Doe.'));
    expect(out).toContain('supports:mary-major>jane-roe');
    expect(out).not.toContain('opposes:jane-roe>john-doe');
  });

  it('coordinated names are split into their actors', () => {
    expect(triples(run('Jane Roe and Mary Major endorsed John Doe.')).sort()).toEqual(['supports:jane-roe>john-doe', 'supports:mary-major>john-doe']);
    expect(triples(run('John Doe criticized Jane Roe and Mary Major.')).sort()).toEqual(['opposes:john-doe>jane-roe', 'opposes:john-doe>mary-major']);
  });

  it('a former role is not held; a current one is', () => {
    expect(triples(run('Jane Roe, a former spokeswoman for the Alpha Ministry, spoke.'))).toEqual([]);
    expect(triples(run('Jane Roe, a spokeswoman for the Alpha Ministry, spoke.'))).toEqual(['member_of:jane-roe>alpha-ministry']);
    expect(triples(run('Jane Roe, the director of the Beta Council, spoke.'))).toEqual(['holds_office:jane-roe>beta-council']);
  });

  it('a pro-/anti- prefix decides a stance role; a title in a long-past sentence is no office now', () => {
    expect(triples(run('Jane Roe, a pro-John Doe challenger, spoke.'))).toEqual(['supports:jane-roe>john-doe']);
    const past = stage(segment(makeDoc('In 1984 Sen. Jane Roe won the state.', ACTORS, { times: [['1984', '1984-01-01']] })));
    expect(triples(past)).toEqual([]);
  });

  it('reads a title-case headline as a sentence ("X to Begin Talks With Y")', () => {
    expect(triples(run('Alpha Ministry to Begin Talks With Beta Council on Water'))).toEqual(['negotiates_with:alpha-ministry>beta-council']);
    // but "urged Y to V" does not make Y the doer (a verb comes before it)
    expect(triples(run('The Alpha Ministry urged the Beta Council to meet with Jane Roe.'))).toEqual(['pressures:alpha-ministry>beta-council']);
  });

  it('between two people "attack" is verbal (opposes); with fighters it is physical', () => {
    expect(triples(run('Jane Roe attacked John Doe over his budget.'))).toEqual(['opposes:jane-roe>john-doe']);
    expect(triples(run('Gamma Front fighters attacked the Beta Council.'))).toEqual(['attacks:gamma-front>beta-council']);
  });

  it('survives text unlike news: no throw, no relation from noise', () => {
    const noise = ['', '...', '( ( ( Jane Roe', 'Jane Roe, , , , ,', 'Jane Roe-backed-led-pro-anti- John Doe', '"""Jane Roe"""', 'Sen. Sen. Sen.', 'Jane Roe (R-', '\u0000\u0001 Jane Roe \uFFFF John Doe'];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const words = ['Jane Roe', 'John Doe', 'the', 'attacked', 'by', ',', 'and', 'not', 'talks', 'between', "'s", 'Sen.', '(', ')', '-backed', 'who', 'to', 'urged'];
    for (let i = 0; i < 200; i++) noise.push(Array.from({ length: 3 + Math.floor(rand() * 20) }, () => words[Math.floor(rand() * words.length)]).join(' ') + '.');
    for (const text of noise) expect(() => run(text), text).not.toThrow();
  });
});
