/**
 * Stance constructions and holders beyond the speaker, on topics of a made-up issue set (a
 * library closure, a sugar tax, a bridge toll, a park ban on dogs). Every sentence is written for
 * these tests: modifiers inside the noun phrase, weakeners ("lax"), relative clauses, possessed
 * stance nouns ("the mayor's plan to …", "his call for …"), participles, pronoun holders,
 * existential modals ("there should be"), conditionals, attributive judgements, and the
 * one-pass scan of the combined index.
 */
import { describe, expect, it } from 'vitest';
import { parseIssueSet, type IssueSet } from '../../ingest/positions/issue-set.ts';
import { issueStances, scan } from '../../ingest/positions/stance.ts';
import { normalise, PhraseIndex, tokenize } from '../../ingest/positions/matcher.ts';
import { compileIssueSet } from '../../ingest/positions/vocabulary.ts';
import { positions } from '../../ingest/stages/positions.ts';
import { makeDoc } from './helpers/make-doc.ts';

const TOWN: IssueSet = parseIssueSet(
  {
    issues: [
      { id: 'library', label: 'Keeping the branch library', terms: ['branch library', 'the library'] },
      { id: 'sugar-tax', label: 'A sugar tax', terms: ['sugar tax', 'soda levy'] },
      { id: 'toll', label: 'A bridge toll', terms: ['bridge toll', 'the toll'] },
      { id: 'leash-rules', label: 'Strict leash rules', terms: ['leash rules', 'leash law'] },
    ],
  },
  'test',
).set;

const stance = (text: string, options?: Parameters<typeof issueStances>[2]) =>
  Object.fromEntries(issueStances(text, TOWN, options).map((r) => [r.id, r.stance]));

const held = (text: string, actors: [string, string, 'person' | 'group' | 'organization'][], statements: Parameters<typeof makeDoc>[2] = {}) =>
  positions({ ...makeDoc(text, actors, statements), issueSet: TOWN })
    .positions.map((p) => `${p.actorId}:${p.issue}:${p.stance}`)
    .sort();

describe('stance inside the noun phrase', () => {
  it('lets modifiers stand between a determiner and the term', () => {
    expect(stance('She backs a modest citywide sugar tax.')).toEqual({ 'sugar-tax': 'support' });
    expect(stance('He rejects the proposed new bridge toll.')).toEqual({ toll: 'oppose' });
  });
  it('still stops at content words that are no modifiers of the term', () => {
    // "backs" governs "plans", not the toll three content words later
    expect(stance('She backs plans for parking downtown and a bridge toll study.')).toEqual({ toll: 'neutral' });
  });
  it('flips a weakened term ("lax leash rules")', () => {
    expect(stance('The council criticized the lax leash rules.')).toEqual({ 'leash-rules': 'support' });
    expect(stance('The council criticized the leash rules.')).toEqual({ 'leash-rules': 'oppose' });
  });
  it('a judgement that judges attributively counts; a descriptive adjective does not', () => {
    expect(stance('We will not pay for such a pointless bridge toll.')).toEqual({ toll: 'oppose' });
    expect(stance('Residents said the toll road was busy.')).toEqual({ toll: 'neutral' });
  });
  it('matches an article-led term with modifiers and keeps them readable as governors', () => {
    // "the toll" is found in "the proposed toll"; "proposed" governs it
    expect(stance('They discussed the proposed toll.')).toEqual({ toll: 'support' });
    expect(stance('They discussed the old wooden toll booth.')).toEqual({ toll: 'neutral' });
  });
});

describe('names', () => {
  it('a lower-case term capitalised at the start of a longer name is not the topic', () => {
    expect(stance('She opposes the Library Street parking plan.')).toEqual({});
    expect(stance('She opposes the library and the parking plan.')).toEqual({ library: 'oppose' });
    // capitalised but not followed by another capitalised word, it stays a term
    expect(Object.keys(stance('She opposes the Library.'))).toEqual(['library']);
  });
});

describe('clause limits', () => {
  it('a relative clause verb governs what follows it, not the noun before it', () => {
    expect(stance('They want a solution to the problem that includes the soda levy.')).toEqual({ 'sugar-tax': 'neutral' });
    // a complementiser after an attitude verb does not stop the chain
    expect(stance('She urged that the council keep the branch library.')).toEqual({ library: 'support' });
  });
  it('a named possessor’s attitude is not the holder’s ("the grocers\' opposition to …")', () => {
    expect(stance("the grocers' opposition to the sugar tax hurt the campaign")).toEqual({ 'sugar-tax': 'neutral' });
    expect(stance('She criticized the mayor’s support for the sugar tax.')).toEqual({ 'sugar-tax': 'oppose' });
    expect(stance('our opposition to the sugar tax is firm')).toEqual({ 'sugar-tax': 'oppose' });
  });
  it('a relative clause inside a statement is its antecedent’s, not the speaker’s', () => {
    const text = 'Ana Ruiz said she will vote for a candidate from Maine, who opposes the sugar tax, in May.';
    const doc = makeDoc(text, [['Ana Ruiz', 'ruiz', 'person']], {
      statements: [{ speaker: 'ruiz', text: 'she will vote for a candidate from Maine, who opposes the sugar tax, in May' }],
    });
    const out = positions({ ...doc, issueSet: TOWN });
    expect(out.statements[0]?.issues).toEqual([{ id: 'sugar-tax', stance: 'neutral' }]);
    expect(out.positions).toEqual([]);
    // a relative clause about the speaker's own words' subject at the window start is read as usual
    expect(stance(', which opposes the sugar tax,')).toEqual({ 'sugar-tax': 'oppose' });
  });
  it('an infinitival complement of a named possessor’s noun is the possessor’s aim', () => {
    expect(stance('the mayor’s new steps to scrap the bridge toll will be challenged')).toEqual({ toll: 'neutral' });
    expect(stance('the council wants to scrap the bridge toll')).toEqual({ toll: 'oppose' });
  });
  it('an existential modal wants what it introduces, negated or not', () => {
    expect(stance('there should be a bridge toll on weekends')).toEqual({ toll: 'support' });
    expect(stance('there must be no bridge toll for residents')).toEqual({ toll: 'oppose' });
  });
  it('a conditional hedges ("if it wanted a toll")', () => {
    expect(stance('the city would lose money if it wanted a bridge toll')).toEqual({ toll: 'neutral' });
  });
  it('new change verbs by lemma, inflected', () => {
    expect(stance('They voted to toughen the leash law.')).toEqual({ 'leash-rules': 'support' });
    expect(stance('The board is loosening the leash rules.')).toEqual({ 'leash-rules': 'oppose' });
    expect(stance('Lawmakers fast-tracked the soda levy.')).toEqual({ 'sugar-tax': 'neutral' }); // a past event
    expect(stance('She wants lawmakers to fast-track the soda levy.')).toEqual({ 'sugar-tax': 'support' });
  });
  it('a lead polarity governs a complement that starts the text', () => {
    expect(stance(' to scrap the bridge toll', { lead: 1, complement: true })).toEqual({ toll: 'oppose' });
    expect(stance(' for the bridge toll', { lead: -1, complement: true })).toEqual({ toll: 'oppose' });
    // without a lead the bare complement takes no stance
    expect(stance(' for the bridge toll')).toEqual({ toll: 'neutral' });
  });
});

describe('narrative holders', () => {
  it('a possessed aim noun gives its possessor the stance of its complement', () => {
    const text = 'Critics mocked Mayor Ortiz’s plan to close the branch library. The grocers group’s campaign for a soda levy stalled.';
    expect(
      held(text, [
        ['Mayor Ortiz', 'ortiz', 'person'],
        ['The grocers group', 'grocers', 'group'],
      ]),
    ).toEqual(['grocers:sugar-tax:support', 'ortiz:library:oppose']);
  });
  it('the complement of a possessed noun ends at its comma and before the outer predicate', () => {
    const text = 'Dana Reyes called Omar Haddad’s idea for a bridge toll foolish.';
    expect(held(text, [['Dana Reyes', 'reyes', 'person'], ['Omar Haddad', 'haddad', 'person']])).toEqual(['haddad:toll:support']);
  });
  it('a bare modifier holds only nouns that are never verbs', () => {
    const text = 'Green Party efforts to scrap the bridge toll failed.';
    expect(held(text, [['Green Party', 'greens', 'organization']])).toEqual(['greens:toll:oppose']);
  });
  it('resolves "he"/"she" and "his"/"her" to the one person of that gender named before', () => {
    const text = 'Omar Haddad spoke on Monday. He vowed to keep the branch library. Later his call for a soda levy surprised aides.';
    expect(held(text, [['Omar Haddad', 'haddad', 'person']])).toEqual(['haddad:library:support', 'haddad:sugar-tax:support']);
  });
  it('leaves a pronoun unresolved when two people of that gender could be meant', () => {
    const text = 'Omar Haddad met Ben Cole. He vowed to keep the branch library.';
    expect(held(text, [['Omar Haddad', 'haddad', 'person'], ['Ben Cole', 'cole', 'person']])).toEqual([]);
  });
  it('a participle after a quantity of a group is the group’s stance, even inside a statement', () => {
    const text = 'The mayor said hundreds of Parents United protesting against the sugar tax had gathered.';
    expect(
      held(text, [['The mayor', 'mayor', 'person'], ['Parents United', 'parents', 'group']], {
        statements: [{ speaker: 'mayor', text: 'hundreds of Parents United protesting against the sugar tax had gathered' }],
      }),
    ).toEqual(['parents:sugar-tax:oppose']);
  });
  it('a document verb with its participle ("wrote a letter urging") and a short parenthetical', () => {
    const text = 'Ana Ruiz, by contrast, wrote a letter urging the council to scrap the bridge toll.';
    expect(held(text, [['Ana Ruiz', 'ruiz', 'person']])).toEqual(['ruiz:toll:oppose']);
  });
});

describe('one pass', () => {
  it('finds every class of the vocabulary and the set in one scan', () => {
    const tokens = tokenize(normalise('Ana might not back the lax leash law, she denied reports, if anything.'));
    const s = scan(compileIssueSet(TOWN), tokens);
    expect(s.hedge.map((h) => h.phrase)).toEqual(expect.arrayContaining(['might=', 'if=']));
    expect(s.neg.length).toBe(1);
    expect(s.gov.map((h) => h.phrase)).toContain('back');
    expect(s.weakener.map((h) => h.phrase)).toEqual(['lax']);
    expect(s.term.map((h) => h.data)).toEqual([3]);
    expect(s.denial.length + s.report.length).toBe(2);
  });
  it('an article-led phrase skips at most two modifiers', () => {
    const idx = new PhraseIndex([{ phrase: 'the toll', data: 1 }]);
    const hit = (t: string) => idx.findAll(tokenize(normalise(t))).map((h) => t.slice(h.start, h.end));
    expect(hit('the new toll')).toEqual(['toll']);
    expect(hit('the big new toll')).toEqual(['toll']);
    expect(hit('the big shiny new toll')).toEqual([]);
    expect(hit('the toll')).toEqual(['the toll']);
  });
});
