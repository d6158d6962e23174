/**
 * Constructions added for recall (issue 14): party people named after a plural role, bare party
 * labels, support received "from" its givers, object pronouns with one possible antecedent,
 * hyphenated role nouns. Each has a case that must give nothing, so a rule firing everywhere fails.
 */
import { describe, expect, it } from 'vitest';
import { runRelations as run } from './helpers/relations-fixture.ts';

describe('party people after a plural role', () => {
  it('"Republican candidates, including X and Y" and "Democratic senators such as X" give member_of', () => {
    expect(run('Other Republican candidates, including Jane Roe and John Doe, spoke.')).toEqual(['member_of:jane-roe>republican-party', 'member_of:john-doe>republican-party']);
    expect(run('Democratic senators such as Jane Roe objected.')).toEqual(['member_of:jane-roe>democratic-party']);
  });
  it('gives nothing for former candidates, a non-role plural, or a plural with no party', () => {
    expect(run('Former Republican candidates, including Jane Roe, spoke.')).toEqual([]);
    expect(run('Republican voters, Jane Roe said, are angry.')).toEqual([]);
    expect(run('Other candidates, including Jane Roe and John Doe, spoke.')).toEqual([]);
  });
});

describe('bare party label', () => {
  it('"X (D)" is a Democrat, "(R-Ohio)" still works, "(AP)" gives nothing', () => {
    expect(run('Jane Roe (D) spoke.')).toEqual(['member_of:jane-roe>democratic-party']);
    expect(run('Jane Roe (R-Ohio) spoke.')).toEqual(['member_of:jane-roe>republican-party']);
    expect(run('Jane Roe (AP) spoke.')).toEqual([]);
  });
});

describe('support received from its givers', () => {
  it('"Y received endorsements from X and Z": each backs Y', () => {
    expect(run('Jane Roe received endorsements from John Doe and Max Poe.')).toEqual(['supports:john-doe>jane-roe', 'supports:max-poe>jane-roe']);
    expect(run('Jane Roe has faced criticism from the Sierra Club.')).toEqual(['opposes:sierra-club>jane-roe']);
  });
  it('lost, courted or negated support asserts none', () => {
    expect(run('Jane Roe courted support from John Doe.')).toEqual([]);
    expect(run('Jane Roe lost the support of John Doe.')).toEqual([]);
    expect(run('Jane Roe never received support from John Doe.')).toEqual([]);
  });
});

describe('object pronouns', () => {
  it('resolve to the one person the context names besides the subject', () => {
    expect(run('Jane Roe spoke on Monday. John Doe later urged her to quit.')).toEqual(['pressures:john-doe>jane-roe']);
    expect(run('Jane Roe spoke on Monday. John Doe accused him of lying.')).toEqual(['opposes:john-doe>jane-roe']);
  });
  it('resolve nothing with two candidates, a possessive, or a negated clause', () => {
    expect(run('Jane Roe thanked Max Poe. John Doe later urged her to quit.')).toEqual(['supports:jane-roe>max-poe']);
    expect(run('Jane Roe spoke on Monday. John Doe backed her campaign.')).toEqual([]);
    expect(run('Jane Roe spoke on Monday. John Doe did not back her.')).toEqual([]);
  });
});

describe('hyphenated role nouns', () => {
  it('"X, the Democratic front-runner" is a Democrat', () => {
    expect(run('Jane Roe, the Democratic front-runner, spoke.')).toEqual(['member_of:jane-roe>democratic-party']);
  });
});

describe('party people after a plural role: a bare comma', () => {
  it('joins an apposed list, not a prepositional object or a quote end', () => {
    expect(run("Donald Trump's Democratic rivals, Jane Roe and John Doe, spoke.")).toEqual(['member_of:jane-roe>democratic-party', 'member_of:john-doe>democratic-party']);
    expect(run('Compared to the Republican candidates, Jane Roe and John Doe agree.')).toEqual([]);
    expect(run("''It will please Republican senators,'' Jane Roe said.")).toEqual([]);
  });
});

describe('a present-tense cue verb tagged as a noun between two names', () => {
  it('"X praises Y", "X backs Y and Z"', () => {
    expect(run('Jane Roe praises John Doe.')).toEqual(['supports:jane-roe>john-doe']);
    expect(run('Jane Roe backs John Doe and Max Poe.')).toEqual(['supports:jane-roe>john-doe', 'supports:jane-roe>max-poe']);
  });
  it('gives nothing when a word stands between, or in a question', () => {
    expect(run('Jane Roe supporters back John Doe.')).toEqual([]);
    expect(run('Does Jane Roe back John Doe?')).toEqual([]);
    expect(run('Jane Roe never backs John Doe.')).toEqual([]);
  });
});

describe('a sentence-opening participle takes the main clause subject', () => {
  it('"Having urged Y …, X …", "Years after backing Y, X …"', () => {
    expect(run('Having urged John Doe to resign, Jane Roe waited.')).toEqual(['pressures:jane-roe>john-doe']);
    expect(run('Eight years after backing John Doe, Jane Roe is undecided.')).toEqual(['supports:jane-roe>john-doe']);
  });
  it('gives nothing after "without", "instead of" or "if", or in a question', () => {
    expect(run('Without backing John Doe, Jane Roe is undecided.')).toEqual([]);
    expect(run('Instead of backing John Doe, Jane Roe stayed home.')).toEqual([]);
    expect(run('If backing John Doe, Jane Roe stays home.')).toEqual([]);
    expect(run('After backing John Doe, did Jane Roe leave?')).toEqual([]);
  });
});

describe('a bare comma and a verb after a name close an object list', () => {
  it('"X met Y, Z said": Z is the next clause, not a second object', () => {
    expect(run('Jane Roe met John Doe, Max Poe said.')).toEqual(['negotiates_with:jane-roe>john-doe']);
    expect(run('Jane Roe met John Doe, Max Poe and the Sierra Club.')).toEqual(['negotiates_with:jane-roe>john-doe', 'negotiates_with:jane-roe>max-poe', 'negotiates_with:jane-roe>sierra-club']);
  });
});

describe('a demand for Y’s removal', () => {
  it('"X called for Y to resign / to be replaced / to step down" sets X against Y', () => {
    expect(run('Jane Roe called for John Doe to resign.')).toEqual(['opposes:jane-roe>john-doe']);
    expect(run('Jane Roe is calling for John Doe to be replaced.')).toEqual(['opposes:jane-roe>john-doe']);
    expect(run('Jane Roe called for John Doe to step down.')).toEqual(['opposes:jane-roe>john-doe']);
  });
  it('gives nothing for another demand, a negated or a modal call', () => {
    expect(run('Jane Roe called for John Doe to speak.')).toEqual([]);
    expect(run('Jane Roe did not call for John Doe to resign.')).toEqual([]);
    expect(run('Jane Roe might call for John Doe to resign.')).toEqual([]);
  });
});

describe('a stance noun with a content clause', () => {
  it('"X\'s complaints that Y had interfered" sets X against Y', () => {
    expect(run("Jane Roe's complaints that John Doe had been interfering grew.")).toEqual(['opposes:jane-roe>john-doe']);
  });
  it('gives nothing when Y is not the clause subject, or without a possessor', () => {
    expect(run("Jane Roe's complaints that the rules favour John Doe grew.")).toEqual([]);
    expect(run('The complaints that John Doe had been interfering grew.')).toEqual([]);
  });
});
