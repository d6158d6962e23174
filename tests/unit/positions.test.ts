import { describe, expect, it } from 'vitest';
import { day, makeDoc as makeDocWith, type DocSpec } from './helpers/make-doc.ts';

const makeDoc = (text: string, actors: Parameters<typeof makeDocWith>[1], statements: DocSpec['statements'] = []) => makeDocWith(text, actors, { statements });
import type { ActorType } from '../../cypher/schema.ts';
import type { Actor, ActorMention, DateValue, Doc, StatementDraft } from '../../ingest/types.ts';
import { issueStances } from '../../ingest/positions/stance.ts';
import { ISSUES } from '../../ingest/positions/lexicon.ts';
import { positions } from '../../ingest/stages/positions.ts';



const stanceOf = (text: string, issue: string) => issueStances(text).find((r) => r.id === issue)?.stance;

describe('issues.json', () => {
  it('holds the eight issues of the sample corpus, each with topic terms and a description', () => {
    expect(ISSUES.map((i) => i.id).sort()).toEqual(
      [
        'anti-isis-campaign',
        'iran-influence',
        'security-cooperation',
        'troop-immunity',
        'us-strikes-in-iraq',
        'us-training-role',
        'us-troop-presence',
        'withdrawal-timeline',
      ].sort(),
    );
    for (const i of ISSUES) {
      expect(i.terms.length, i.id).toBeGreaterThan(0);
      expect(i.description.length, i.id).toBeGreaterThan(10);
    }
  });
});

describe('issueStances', () => {
  it('reads the polarity of an issue cue', () => {
    expect(stanceOf('Parliament wants American forces to leave the country', 'us-troop-presence')).toBe('oppose');
    expect(stanceOf('the cabinet wants to keep a small contingent of troops after the summer', 'us-troop-presence')).toBe('support');
  });

  it('flips a cue under negation', () => {
    expect(stanceOf('the minister has not demanded that the foreign forces withdraw', 'us-troop-presence')).toBe('support');
    expect(stanceOf('Washington is not planning a withdrawal of its soldiers from the region', 'us-troop-presence')).toBe('support');
  });

  it('flips a cue or topic under an oppose verb, and chains verbs ("refused to accept")', () => {
    expect(stanceOf('the council refused to accept the presence of foreign troops', 'us-troop-presence')).toBe('oppose');
    expect(stanceOf('the bloc rejects any long-term presence of US forces', 'us-troop-presence')).toBe('oppose');
  });

  it('takes the stance of the governing verb when there is no cue', () => {
    expect(stanceOf('Damascus, which condemns the stationing of US troops in the region, said little', 'us-troop-presence')).toBe('oppose');
    expect(stanceOf('the party welcomed the Status of Forces Agreement', 'us-troop-presence')).toBe('support');
  });

  it('lets a longer cue beat the shorter one it contains, and negation compose', () => {
    expect(stanceOf('the group wants a clear timetable for the pullout', 'withdrawal-timeline')).toBe('support');
    expect(stanceOf('officials favour an open timeline tied to events on the ground', 'withdrawal-timeline')).toBe('oppose');
    expect(stanceOf('the movement will never accept an open timeline for the foreign soldiers', 'withdrawal-timeline')).toBe('support');
    expect(stanceOf('there is no deadline for the talks to end', 'withdrawal-timeline')).toBe('oppose');
  });

  it('makes hedged cues neutral', () => {
    expect(stanceOf('the panel will study whether to end the US presence next year', 'us-troop-presence')).toBe('neutral');
  });

  it('does not cross a clause boundary to find a negator', () => {
    expect(stanceOf('Nobody said no. But the troops will withdraw in March', 'us-troop-presence')).toBe('oppose');
  });

  it('flips a cue followed by a post-negator ("is not under consideration")', () => {
    expect(stanceOf('a drawdown or withdrawal of the troops is not under consideration', 'us-troop-presence')).toBe('support');
  });

  it('ignores what is said about another theatre ("… from Syria")', () => {
    expect(issueStances('The White House wants a withdrawal of US troops from Syria by spring')).toEqual([]);
  });

  it('reads a bare past-tense cue as narrated fact, not a stance', () => {
    expect(stanceOf('the last US troops pulled out in December', 'us-troop-presence')).toBe('neutral');
    expect(stanceOf('the mayor said the US troops should be withdrawn', 'us-troop-presence')).toBe('oppose');
    expect(stanceOf('a small US troop presence is needed', 'us-troop-presence')).toBe('support');
  });

  it('lets a hedge cover the rest of its clause', () => {
    expect(stanceOf('it is unclear whether the obstacles that blocked a deal to keep US troops are gone', 'us-troop-presence')).toBe('neutral');
  });

  it('does not let an oppose verb flip a cue that characterises its object ("condemned X as a violation")', () => {
    expect(stanceOf('the bloc condemned the drone strikes as a violation of the constitution', 'us-strikes-in-iraq')).toBe('oppose');
  });

  it('falls back to the governing verb when the only cues take no stance', () => {
    expect(stanceOf('they welcomed the American presence and then stayed home', 'us-troop-presence')).toBe('support');
  });

  it('finds several issues in one text and leaves out those not mentioned', () => {
    const r = issueStances('Keeping the trainers is needed to help curb Iranian influence in the south');
    expect(r.find((x) => x.id === 'us-training-role')?.stance).toBe('support');
    expect(r.find((x) => x.id === 'iran-influence')?.stance).toBe('oppose');
    expect(r.some((x) => x.id === 'troop-immunity')).toBe(false);
    expect(issueStances('The weather in Basra was hot.')).toEqual([]);
  });

  it('gives evidence spans inside the text', () => {
    const t = 'In short, the legislators refused to grant immunity to the soldiers.';
    const r = issueStances(t).find((x) => x.id === 'troop-immunity');
    expect(r?.stance).toBe('oppose');
    expect(t.slice(r!.evidence.start, r!.evidence.end)).toContain('refused to grant immunity');
  });
});

describe('positions stage', () => {
  it('sets statement issues and aggregates support / oppose / mixed per actor and issue', () => {
    const text =
      'Smith said the US troops must stay for years. Smith said later that the troops should withdraw soon. Jones said the trainers are needed. Brown said the talks on the troops were long.';
    const doc = positions(
      makeDoc(text, [['Smith', 'smith', 'person'], ['Jones', 'jones', 'person'], ['Brown', 'brown', 'person']], [
        { speaker: 'smith', text: 'the US troops must stay for years', date: '2020-05-01' },
        { speaker: 'smith', text: 'the troops should withdraw soon', date: '2020-05-03' },
        { speaker: 'jones', text: 'the trainers are needed' },
        { speaker: 'brown', text: 'the talks on the troops were long' },
      ]),
    );
    expect(doc.statements[0]?.issues).toEqual([{ id: 'us-troop-presence', stance: 'support' }]);
    expect(doc.statements[1]?.issues).toEqual([{ id: 'us-troop-presence', stance: 'oppose' }]);
    const smith = doc.positions.find((p) => p.actorId === 'smith');
    expect(smith?.stance).toBe('mixed');
    expect(smith?.statementIndexes).toEqual([0, 1]);
    expect(smith?.date.value).toBe('2020-05-03'); // the latest statement
    const jones = doc.positions.find((p) => p.actorId === 'jones');
    expect(jones).toMatchObject({ issue: 'us-training-role', stance: 'support', date: { value: '2020-05-05' } });
    // a neutral statement makes no position
    expect(doc.statements[3]?.issues).toEqual([{ id: 'us-troop-presence', stance: 'neutral' }]);
    expect(doc.positions.some((p) => p.actorId === 'brown')).toBe(false);
  });

  it('reads a short quote in its sentence', () => {
    const text = 'Lee called the plan a "hasty exit" of the troops.';
    const doc = positions(makeDoc(text, [['Lee', 'lee', 'person']], [{ speaker: 'lee', text: 'hasty exit', kind: 'direct', cue: 'called' }]));
    expect(doc.positions).toEqual([expect.objectContaining({ actorId: 'lee', issue: 'us-troop-presence', stance: 'oppose' })]);
  });

  it('takes a stance from a subject with a stance predicate in narrative', () => {
    const text = 'The Sadrist bloc, which rejects the presence of foreign troops, won seats. Kuwait has long favoured a permanent presence of US forces in Iraq.';
    const doc = positions(makeDoc(text, [['The Sadrist bloc', 'sadrists', 'group'], ['Kuwait', 'kuwait', 'country']]));
    expect(doc.positions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: 'sadrists', issue: 'us-troop-presence', stance: 'oppose', statementIndexes: [] }),
        expect.objectContaining({ actorId: 'kuwait', issue: 'us-troop-presence', stance: 'support' }),
      ]),
    );
  });

  it('gives the stance of "pressure/calls from X to …" to X, not to the one under pressure', () => {
    const text = 'The premier faces pressure from the Fatah Alliance to push the foreign troops out of the country. The move came after calls by the parliament for the coalition to leave.';
    const doc = positions(
      makeDoc(text, [['The premier', 'premier', 'person'], ['the Fatah Alliance', 'fatah', 'group'], ['the parliament', 'parliament', 'organization'], ['the coalition', 'coalition', 'organization']]),
    );
    const held = doc.positions.map((p) => `${p.actorId}:${p.issue}:${p.stance}`);
    expect(held).toContain('fatah:us-troop-presence:oppose');
    expect(held).toContain('parliament:us-troop-presence:oppose');
    expect(held.some((h) => h.startsWith('premier:'))).toBe(false);
  });

  it('keeps a negation among the auxiliaries of a narrative subject ("has no plans to …")', () => {
    const text = 'The ministry has no plans to pull the troops out of Iraq.';
    const doc = positions(makeDoc(text, [['The ministry', 'ministry', 'organization']]));
    expect(doc.positions.map((p) => `${p.actorId}:${p.issue}:${p.stance}`)).toEqual(['ministry:us-troop-presence:support']);
  });

  it('ends a relative clause at its closing comma', () => {
    const text = 'The tribal council, which backs the US presence in Anbar, said little about the withdrawal of the troops.';
    const doc = positions(makeDoc(text, [['The tribal council', 'council', 'group']]));
    expect(doc.positions.map((p) => `${p.actorId}:${p.issue}:${p.stance}`)).toEqual(['council:us-troop-presence:support']);
  });

  it('gives a coordinated subject the stance to both actors', () => {
    const text = 'Washington and Baghdad have agreed to keep some US troops in the country.';
    const doc = positions(makeDoc(text, [['Washington', 'united-states', 'country'], ['Baghdad', 'iraq', 'country']]));
    const held = doc.positions.map((p) => `${p.actorId}:${p.issue}:${p.stance}`).sort();
    expect(held).toEqual(['iraq:us-troop-presence:support', 'united-states:us-troop-presence:support']);
  });

  it("does not give a speaker the stance of an actor the statement reports on", () => {
    const text = 'The newspaper said that Syria, which opposes the presence of US troops, has allies in the region.';
    const doc = positions(
      makeDoc(text, [['The newspaper', 'paper', 'organization'], ['Syria', 'syria', 'country']], [
        { speaker: 'paper', text: 'Syria, which opposes the presence of US troops, has allies in the region' },
      ]),
    );
    const held = doc.positions.map((p) => `${p.actorId}:${p.issue}:${p.stance}`);
    expect(held).toEqual(['syria:us-troop-presence:oppose']);
    expect(doc.statements[0]?.issues?.find((i) => i.id === 'us-troop-presence')?.stance).toBe('neutral');
  });

  it('does not read the complement of a preposition as the subject ("elements within X prefer …")', () => {
    const text = 'Some factions within the Kurdish bloc reject the presence of foreign troops.';
    const doc = positions(makeDoc(text, [['the Kurdish bloc', 'kurds', 'group']]));
    expect(doc.positions).toEqual([]);
  });

  it('does not read an object of a preposition as a stance holder', () => {
    const text = 'The minister will push for a deal with Washington to keep the troops.';
    const doc = positions(makeDoc(text, [['The minister', 'minister', 'person'], ['Washington', 'united-states', 'country']]));
    expect(doc.positions.map((p) => p.actorId)).toEqual(['minister']);
  });
});

describe('stance cues for the foreign military presence', () => {
  it('an ending mission opposes the presence (the general "end" applies to the topic term)', () => {
    for (const t of ['The coalition mission should end this year.', 'Its leader said the mission of the US-led military coalition must end.']) {
      expect(issueStances(t).find((r) => r.id === 'us-troop-presence')?.stance, t).toBe('oppose');
    }
  });
});

describe('stance cues for the campaign against ISIS', () => {
  it('action against the group supports the campaign, and its defeat as a mere condition is no stance', () => {
    expect(issueStances('We will keep taking action against ISIL wherever it hides.').find((r) => r.id === 'anti-isis-campaign')?.stance).toBe('support');
    expect(issueStances('The coalition vowed to defeat Daesh.').find((r) => r.id === 'anti-isis-campaign')?.stance).toBe('support');
    expect(issueStances('A schedule based on conditions, including the defeat of ISIS.').find((r) => r.id === 'anti-isis-campaign')?.stance ?? 'neutral').toBe('neutral');
  });
});
