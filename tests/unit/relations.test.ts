import { describe, expect, it } from 'vitest';
import { makeDoc as makeDocWith, type DocSpec } from './helpers/make-doc.ts';

const makeDoc = (text: string, actors: Parameters<typeof makeDocWith>[1], times: DocSpec['times'] = []) => makeDocWith(text, actors, { times });
import type { ActorType } from '../../cypher/schema.ts';
import type { Actor, ActorMention, DateValue, Doc, TimeExpression } from '../../ingest/types.ts';
import { makeRelationsStage } from '../../ingest/stages/relations.ts';



const noOffices = makeRelationsStage({ officeMatches: () => [] });
const triples = (doc: Doc) => doc.relations.map((r) => `${r.kind}:${r.from}>${r.to}`);

const COUNTRIES: [string, string, ActorType][] = [
  ['Jordan', 'jordan', 'country'],
  ['Egypt', 'egypt', 'country'],
  ['Hamas', 'hamas', 'group'],
  ['the Kurdish parties', 'kurdish-parties', 'group'],
];

describe('relations stage', () => {
  it('negotiates_with: "X and Y concluded talks", "X negotiated with Y", "talks between X and Y"', () => {
    expect(triples(noOffices(makeDoc('Jordan and Egypt concluded two days of talks on water.', COUNTRIES)))).toEqual(['negotiates_with:jordan>egypt']);
    expect(triples(noOffices(makeDoc('Jordan negotiated with Egypt over the border.', COUNTRIES)))).toEqual(['negotiates_with:jordan>egypt']);
    expect(triples(noOffices(makeDoc('The talks between Jordan and Egypt stalled.', COUNTRIES)))).toEqual(['negotiates_with:jordan>egypt']);
  });

  it('pressures: active and "under pressure from"', () => {
    expect(triples(noOffices(makeDoc('Jordan urged Egypt to reopen the crossing.', COUNTRIES)))).toEqual(['pressures:jordan>egypt']);
    expect(triples(noOffices(makeDoc('Egypt is under heavy pressure from Jordan to act.', COUNTRIES)))).toEqual(['pressures:jordan>egypt']);
    expect(triples(noOffices(makeDoc('Jordan stepped up the pressure on Egypt this week.', COUNTRIES)))).toEqual(['pressures:jordan>egypt']);
  });

  it('attacks: "X launched … attacks against Y", "X targeted Y"', () => {
    expect(triples(noOffices(makeDoc('Hamas launched a wave of rocket attacks against Jordan.', COUNTRIES)))).toEqual(['attacks:hamas>jordan']);
    expect(triples(noOffices(makeDoc('Hamas has targeted Egypt twice.', COUNTRIES)))).toEqual(['attacks:hamas>egypt']);
  });

  it('supports: "X backed Y" and "X-backed Y"', () => {
    expect(triples(noOffices(makeDoc('Egypt backed Hamas for years.', COUNTRIES)))).toEqual(['supports:egypt>hamas']);
    const doc = noOffices(makeDoc('Analysts blame the Egypt-backed Hamas for the blast.', COUNTRIES));
    expect(triples(doc)).toEqual(['supports:egypt>hamas']);
  });

  it('opposes: accused / denounced', () => {
    expect(triples(noOffices(makeDoc('Jordan accused Egypt of stalling.', COUNTRIES)))).toEqual(['opposes:jordan>egypt']);
    expect(triples(noOffices(makeDoc('Hamas denounced Jordan as a puppet.', COUNTRIES)))).toEqual(['opposes:hamas>jordan']);
  });

  it('member_of: appositive and prefixed role', () => {
    const actors: [string, string, ActorType][] = [
      ['Ali Hassan', 'ali-hassan', 'person'],
      ['the Dawa Party', 'dawa', 'organization'],
      ['Dawa', 'dawa', 'organization'],
    ];
    expect(triples(noOffices(makeDoc('Ali Hassan, a senior member of the Dawa Party, spoke.', actors)))).toEqual(['member_of:ali-hassan>dawa']);
    expect(triples(noOffices(makeDoc('Dawa leader Ali Hassan spoke.', actors)))).toEqual(['member_of:ali-hassan>dawa']);
    // "former" is not membership at the article date
    expect(triples(noOffices(makeDoc('Ali Hassan, a former member of the Dawa Party, spoke.', actors)))).toEqual([]);
  });

  it('holds_office: from the office dictionary, to the person named after the title or in apposition', () => {
    const text = 'Jordanian Foreign Minister Ali Hassan met reporters on March 3. Omar Nabil, the Egyptian envoy, left.';
    const stage = makeRelationsStage({
      officeMatches: (s) => {
        const out = [];
        for (const [phrase, of, title] of [
          ['Jordanian Foreign Minister', 'jordan', 'Foreign Minister of Jordan'],
          ['Egyptian envoy', 'egypt', 'Envoy of Egypt'],
        ] as const) {
          const i = s.indexOf(phrase);
          if (i >= 0) {
            out.push({
              start: i,
              end: i + phrase.length,
              text: phrase,
              modifier: null,
              office: { id: `${of}-x`, title, of, titles: [], qualifiers: [], suffixes: [], bareTitles: [], holders: [] },
            });
          }
        }
        return out;
      },
    });
    const doc = stage(makeDoc(text, [['Ali Hassan', 'ali-hassan', 'person'], ['Omar Nabil', 'omar-nabil', 'person']], [['March 3', '2020-03-03']]));
    expect(doc.relations.map((r) => `${r.kind}:${r.from}>${r.to}:${r.title}`)).toEqual([
      'holds_office:ali-hassan>jordan:Foreign Minister of Jordan',
      'holds_office:omar-nabil>egypt:Envoy of Egypt',
    ]);
    // recorded at the article date, whatever the sentence's own date
    expect(doc.relations[0]?.date.value).toBe('2020-05-05');
    // "former" is not the office at the article date
    const former = stage(makeDoc('Omar Nabil, a former Egyptian envoy, left.', [['Omar Nabil', 'omar-nabil', 'person']]));
    expect(former.relations).toEqual([]);
  });

  it('holds_office: a bare title ("Prime Minister X") counts only for its holder at the date', () => {
    const stage = makeRelationsStage({
      officeMatches: (s) => {
        const i = s.indexOf('Prime Minister');
        if (i < 0) return [];
        const office = { id: 'pm-jordan', title: 'Prime Minister of Jordan', of: 'jordan', titles: [], qualifiers: [], suffixes: [], bareTitles: ['prime minister'], holders: [] };
        return [{ start: i, end: i + 14, text: 'Prime Minister', modifier: null, office, holder: { id: 'ali-hassan' } }];
      },
    });
    const actors: [string, string, ActorType][] = [['Ali Hassan', 'ali-hassan', 'person'], ['Omar Nabil', 'omar-nabil', 'person']];
    expect(triples(stage(makeDoc('Prime Minister Ali Hassan spoke.', actors)))).toEqual(['holds_office:ali-hassan>jordan']);
    expect(triples(stage(makeDoc('Prime Minister Omar Nabil spoke.', actors)))).toEqual([]);
  });

  it('takes the head of an object phrase and every coordinated subject', () => {
    const actors: [string, string, ActorType][] = [['Jordanian', 'jordan', 'country'], ...COUNTRIES, ['Ali Hassan', 'ali-hassan', 'person']];
    expect(triples(noOffices(makeDoc('Egypt and Hamas accused Jordanian Ali Hassan of lying.', actors)))).toEqual([
      'opposes:hamas>ali-hassan',
      'opposes:egypt>ali-hassan',
    ]);
  });

  it('addresses: "X told Y"', () => {
    const actors: [string, string, ActorType][] = [['Ali Hassan', 'ali-hassan', 'person'], ['Reuters', 'reuters', 'organization']];
    expect(triples(noOffices(makeDoc('Ali Hassan told Reuters the deal was off.', actors)))).toEqual(['addresses:ali-hassan>reuters']);
  });

  it('dates a relation by the time expression of its sentence, and keeps the sentence as evidence', () => {
    const text = 'Nothing happened in May. On March 3, Jordan accused Egypt of stalling.';
    const doc = noOffices(makeDoc(text, COUNTRIES, [['March 3', '2020-03-03']]));
    expect(doc.relations).toHaveLength(1);
    const r = doc.relations[0]!;
    expect(r.date.value).toBe('2020-03-03');
    expect(r.evidence).toBe('On March 3, Jordan accused Egypt of stalling.');
    expect(text.slice(r.start, r.end).trim()).toBe(r.evidence);
  });

  it('finds no relation between an object of a preposition and a later object, nor in a one-actor sentence', () => {
    expect(triples(noOffices(makeDoc('The aid went to Jordan, then it targeted Egypt.', COUNTRIES)))).toEqual([]);
    expect(triples(noOffices(makeDoc('Jordan accused nobody.', COUNTRIES)))).toEqual([]);
    expect(triples(noOffices(makeDoc('Jordan and Egypt are neighbours.', COUNTRIES)))).toEqual([]);
  });
});

describe('speaks_about', () => {
  it('links a statement’s speaker to the actors named inside it, once per statement, dated like it', () => {
    const text = 'Jordan said Egypt and Syria had agreed. Jordan said nothing more.';
    const doc = makeDocWith(text, COUNTRIES.concat([['Syria', 'syria', 'country']]), {
      statements: [{ speaker: 'jordan', text: 'Egypt and Syria had agreed', date: '2020-04-01' }],
    });
    const rels = noOffices(doc).relations.filter((r) => r.kind === 'speaks_about');
    expect(rels.map((r) => `${r.from}>${r.to}`).sort()).toEqual(['jordan>egypt', 'jordan>syria']);
    expect(rels.every((r) => r.date.value === '2020-04-01' && r.evidence === 'Egypt and Syria had agreed')).toBe(true);
  });
});
