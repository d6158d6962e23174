/**
 * Every attribution rule's own example sentences (written for these tests, not taken from any
 * corpus): the rule must produce each listed frame — speaker words, cue words and content.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../ingest/attribution/rules/index.ts';
import { frames } from './helpers/sentence-frames.ts';

describe('attribution rules: every example of every rule', () => {
  it('has rules, each with examples', () => {
    expect(RULES.length).toBeGreaterThan(5);
    for (const r of RULES) expect(r.examples.length, r.name).toBeGreaterThan(0);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
  });
  for (const rule of RULES) {
    describe(rule.name, () => {
      for (const ex of rule.examples) {
        it(ex.sentence, () => {
          const got = frames(ex.sentence);
          const mine = got.filter((f) => f.rule === rule.name || f.rule.startsWith(`${rule.name}:`));
          for (const want of ex.frames) {
            const hit = mine.find((f) => f.speaker === want.speaker && f.cue === want.cue);
            expect(hit, `${rule.name} should find ${want.speaker} / ${want.cue}; got ${JSON.stringify(got)}`).toBeDefined();
            if (want.content !== undefined) expect(hit!.contents).toContain(want.content);
            else expect(hit!.contents).toEqual([]);
          }
        });
      }
    });
  }
});

describe('attribution rules: a naming or judging act with a plain object reports no speech', () => {
  // "called X Y", "condemned X", "proposed a levy", "underscored the need": the object is what the act is
  // about, not what was said; the same verbs still frame a clause ("proposed that …", "pledged to …")
  for (const s of [
    'The mayor called the plan a disaster for the harbor.',
    'The governor condemned the attack on the clinic.',
    'The minister proposed a levy on imported steel.',
    'The senator underscored the importance of early voting.',
    'The union questioned the timing of the layoffs.',
    'The council pledged new funds for the library.',
  ]) {
    it(s, () => expect(frames(s).filter((f) => f.contents.length > 0)).toEqual([]));
  }
  it('still reports the clause after the same verbs', () => {
    const got = frames('The minister proposed that the levy start in June.');
    expect(got.some((f) => f.speaker === 'The minister' && f.contents.includes('the levy start in June'))).toBe(true);
    const pledged = frames('The council pledged to reopen the library by spring.');
    expect(pledged.some((f) => f.speaker === 'The council' && f.contents.some((c) => c.includes('reopen the library')))).toBe(true);
  });
  it('keeps accusations, which are statements', () => {
    const got = frames('The senator accused the agency of hiding the report.');
    expect(got.some((f) => f.speaker === 'The senator' && f.contents.some((c) => c.includes('hiding the report')))).toBe(true);
  });
});

describe('attribution rules: a comma before a cue is not always a tail', () => {
  // a relative clause, a passive, a list of verb phrases, a gerund object, a cue with an object of its own
  for (const s of [
    'The bakery lost the contract to a rival, who added it to a long list.',
    'The clinic reopened, which was reported by the local paper.',
    'She also runs a farm, writes a weekly column and coaches a team.',
    'And the founder, who is its chairwoman, would continue her leadership role.',
  ]) {
    it(s, () => expect(frames(s)).toEqual([]));
  }
  it('a speech that did not happen, an expletive subject, a noun after a determiner, a relative after an adjunct', () => {
    for (const s of [
      'The mayor refused to say whether she would run.',
      'There have already been telling responses that could matter.',
      'The mourners never mentioned the name of the rival.',
      'An earlier report from the agency saying the mine was safe was wrong.',
      'The aide reiterated that approach in his interview last week.',
      'The mayor said in front of a crowd who packed the hall that taxes would fall.',
      'The mayor told reporters as she left the meeting that taxes would fall.',
    ]) expect(frames(s).filter((f) => f.rule.startsWith('subject-verb') && f.contents.length), s).toEqual([]);
  });
  it('a gerund after the cue is what was reported, not who reported it', () => {
    expect(frames('Overall, the two charities, like most others, reported spending less.').map((f) => f.speaker)).not.toContain('spending less');
  });
});

describe('attribution rules: a naming act still attributes the quotation it holds', () => {
  it('"called the plan “…”" frames the quote', () => {
    const got = frames('The mayor called the plan “a gift to the developers.”');
    expect(got.some((f) => f.speaker === 'The mayor' && f.cue === 'called' && f.contents.some((c) => c.includes('a gift to the developers')))).toBe(true);
  });
});

describe('attribution rules: a relative clause with an infinitive characterizes, it does not report', () => {
  it('"a senator who has pledged to …" gives no frame', () => {
    expect(frames('The race pits a teacher against a senator who has pledged to cut property taxes.').filter((f) => f.rule.startsWith('relative-clause'))).toEqual([]);
  });
  it('a relative clause with a that-clause or an object still reports', () => {
    expect(frames('The report was welcomed by Maria Lopez, who said it was overdue.').some((f) => f.rule.startsWith('relative-clause') && f.contents.includes('it was overdue'))).toBe(true);
  });
});

describe('attribution rules: verbs of finding are not verbs of saying', () => {
  for (const s of ['The audit revealed that the pension fund was short by millions.', 'The review concluded that the bridge was safe for traffic.', 'The inspector revealed the cause of the fire.']) {
    it(s, () => expect(frames(s).filter((f) => f.contents.length > 0)).toEqual([]));
  }
  it('a quote still closes with "she concluded"', () => {
    expect(frames('“We are done with this fight,” the mayor concluded.').some((f) => f.speaker === 'the mayor' && f.cue === 'concluded')).toBe(true);
  });
});

describe('attribution rules: a noun of attitude is no speech noun', () => {
  for (const s of ['The governor’s belief that the mill will reopen is widely shared.', 'The union’s position that wages must rise has not changed.', 'The mayor’s view that the port is safe surprised the crew.']) {
    it(s, () => expect(frames(s).filter((f) => f.rule === 'speech-noun')).toEqual([]));
  }
  it('a claim is still one', () => {
    expect(frames('The governor’s claim that the mill will reopen surprised the workers.').some((f) => f.rule === 'speech-noun' && f.contents.some((c) => c.includes('the mill will reopen')))).toBe(true);
  });
});

describe('attribution rules: a clause after "as"/"after"/"because" still has its speaker', () => {
  it('"… as X said P" frames X', () => {
    expect(frames('The talks stalled as Mayor Lena Ortiz said the budget was too small.').some((f) => f.speaker.includes('Lena Ortiz') && f.contents.includes('the budget was too small'))).toBe(true);
  });
  it('"… after X accused Y of “…”" frames X with the quote in its content', () => {
    expect(frames('The meeting ended early after Paul Grady accused the board of “cowardice,” while others stayed silent.').some((f) => f.speaker.includes('Paul Grady') && f.cue === 'accused')).toBe(true);
  });
  it('a noun phrase after a real preposition is still no speaker', () => {
    expect(frames('In a statement posted on Monday the union said the strike was over.').some((f) => f.speaker === 'Monday')).toBe(false);
  });
});
