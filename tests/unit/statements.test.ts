/**
 * Attribution constructions of news prose, each on small sentences written for this test
 * (names are real officials where the dictionary should know them, invented where NER must).
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../ingest/pipeline.ts';
import type { Doc } from '../../ingest/types.ts';

function run(text: string, published = '2019-06-14'): Doc {
  return extractArticle({ file: 't.txt', text, title: 'T', source: 'S', url: null, published });
}
/** [speaker name, kind, text] of every statement */
function said(text: string, published?: string): [string, string, string][] {
  const d = run(text, published);
  return d.statements.map((s) => [d.actors.get(s.speakerId)!.name, s.kind, s.text]);
}

describe('direct quotes', () => {
  it('"X said" after the quote, with curly and straight marks', () => {
    expect(said('“We are not leaving,” Nouri al-Maliki said.')).toEqual([['Nouri al-Maliki', 'direct', 'We are not leaving']]);
    expect(said('"The base will stay open," Hoshyar Zebari said on Monday.')).toEqual([['Hoshyar Zebari', 'direct', 'The base will stay open']]);
  });

  it('"said X, the <role>" with the speaker after the verb', () => {
    expect(said('“Talks went well,” said Marta Lindqvist, a senior fellow at the Atlantic Council.')).toEqual([['Marta Lindqvist', 'direct', 'Talks went well']]);
  });

  it('a quote broken by "he said" gives two statements of one speaker', () => {
    const r = said('Senator Elaine Porter spoke after the vote. “This is a mistake,” she said. “We will revisit it next year.”');
    expect(r).toEqual([
      ['Elaine Porter', 'direct', 'This is a mistake'],
      ['Elaine Porter', 'direct', 'We will revisit it next year.'],
    ]);
  });

  it('the speaker before the quote, with a colon, in a tweet', () => {
    expect(said('In a tweet, Secretary of State Mike Pompeo said: “Iraq deserves a sovereign future.”')).toEqual([
      ['Mike Pompeo', 'direct', 'Iraq deserves a sovereign future.'],
    ]);
  });

  it('a quote running over paragraphs keeps its speaker', () => {
    const r = said('Gen. Joseph Votel spoke in Baghdad.\n\n“Our forces will train the army,” the general told reporters. “They will not fight.\n\n“That job belongs to Iraqis alone.”');
    expect(r.map((x) => x[2])).toEqual(['Our forces will train the army', 'They will not fight.', 'That job belongs to Iraqis alone.']);
  });

  it('a missing closing mark ends at the paragraph, minus a trailing attribution', () => {
    const r = said('“We reviewed every option and the mission goes on, the spokesman added.\nOther news followed.');
    expect(r.map((x) => [x[1], x[2]])).toEqual([['direct', 'We reviewed every option and the mission goes on']]);
  });

  it('scare quotes used as modifiers are not statements', () => {
    expect(said('The bloc wants a bigger role in the “national salvation” cabinet and more money.')).toEqual([]);
  });

  it('a quote nested in a quote is credited to its own speaker', () => {
    const r = said('“Biden told us ‘we will stand with you,’ and we believed him,” Mohammed Shia al-Sudani said.', '2023-09-01');
    expect(r).toContainEqual(['Joe Biden', 'direct', 'we will stand with you']);
    expect(r).toContainEqual(['Mohammed Shia al-Sudani', 'direct', 'Biden told us ‘we will stand with you,’ and we believed him']);
  });

  it('a partial quote inside reported speech belongs to the reporter of it', () => {
    const r = said('Lloyd Austin said the strikes were “necessary and proportionate” and would continue.', '2024-02-03');
    expect(r).toContainEqual(['Lloyd Austin', 'direct', 'necessary and proportionate']);
    expect(r).toContainEqual(['Lloyd Austin', 'indirect', 'the strikes were “necessary and proportionate” and would continue']);
  });
});

describe('reported speech', () => {
  it('"X said (that) CLAUSE" and "X told Y that CLAUSE"', () => {
    expect(said('Haider al-Abadi said that foreign trainers would leave by summer.', '2017-05-02')).toEqual([
      ['Haider al-Abadi', 'indirect', 'foreign trainers would leave by summer'],
    ]);
    expect(said('Ashton Carter told lawmakers the advisers had completed their mission.', '2016-03-03')).toEqual([
      ['Ash Carter', 'indirect', 'the advisers had completed their mission'],
    ]);
  });

  it('"according to X" before and after the clause', () => {
    expect(said('According to Reuters, the convoy was hit near Basra.')).toEqual([['Reuters', 'indirect', 'the convoy was hit near Basra']]);
    expect(said('The convoy was hit near Basra, according to Reuters.')).toEqual([['Reuters', 'indirect', 'The convoy was hit near Basra']]);
  });

  it('"X, the director of …, said" skips the appositive', () => {
    expect(said('Priya Raman, the director of the Gulf programme at the Stimson Center, said the deal was fragile.')).toEqual([
      ['Priya Raman', 'indirect', 'the deal was fragile'],
    ]);
  });

  it('"X warned that", "X added", and coordinated that-clauses', () => {
    const r = said('Iran warned that any attack would be answered. The ministry said talks had stalled, and that a new round was unlikely.');
    expect(r).toContainEqual(['Iran', 'indirect', 'any attack would be answered']);
    expect(r.filter((x) => x[2].startsWith('talks had stalled') || x[2].startsWith('a new round'))).toHaveLength(2);
  });

  it('participle chains keep the speaker: "…, stressing that …, adding that …"', () => {
    const r = said('The embassy insisted that the staff were safe, stressing that no one had been hurt, adding that flights would resume.');
    expect(r.map((x) => x[2])).toEqual(['the staff were safe', 'no one had been hurt', 'flights would resume']);
    expect(new Set(r.map((x) => x[0])).size).toBe(1);
  });

  it('a speech verb inside reported content does not take over the chain (regression)', () => {
    const r = said('The ministry insisted that Baghdad had not asked the advisers to leave, stressing that they were invited, adding that no date was set.');
    expect(r.map((x) => x[2])).toEqual(['Baghdad had not asked the advisers to leave', 'they were invited', 'no date was set']);
    expect(new Set(r.map((x) => x[0])).size).toBe(1);
  });

  it('an inverted tail without quotes: "CLAUSE, said X, a fellow at …"', () => {
    expect(said('The vote was largely symbolic, said Nour Kassem, a fellow at the Tahrir Institute.')).toEqual([['Nour Kassem', 'indirect', 'The vote was largely symbolic']]);
  });

  it('speech nouns are not verbs: "a greater say", "made demands" do not open frames', () => {
    const r = said('After the vote, the Sadrist bloc made demands for a greater say, accusing the premier of ignoring its voters.');
    expect(r).toContainEqual(['Sadrist movement', 'indirect', 'the premier of ignoring its voters']);
    expect(r.every((x) => x[0] === 'Sadrist movement')).toBe(true);
  });

  it('a credit in mid-sentence: "CLAUSE, the ministry said, the first …"', () => {
    expect(said('Jets struck targets near Mosul on Friday, the ministry said, the first strikes in months.')).toEqual([
      ['ministry', 'indirect', 'Jets struck targets near Mosul on Friday'],
    ]);
  });

  it('a subject whose predicate is quoted, and "warned against"', () => {
    const r = said('Marzieh Afkham said the United States “cannot be trusted” and warned against any new foreign presence.', '2014-08-09');
    expect(r).toContainEqual(['Marzieh Afkham', 'indirect', 'the United States “cannot be trusted”']);
    expect(r).toContainEqual(['Marzieh Afkham', 'direct', 'cannot be trusted']);
    expect(r).toContainEqual(['Marzieh Afkham', 'indirect', 'any new foreign presence']);
  });

  it('"the group said" refers to the last armed or political group, not the last organisation', () => {
    const r = said('Kataib Hezbollah fired rockets at the American forces. “We will respond,” the group said.', '2019-12-30');
    expect(r).toEqual([['Kataib Hezbollah', 'direct', 'We will respond']]);
  });

  it('"said A and that B" without a comma gives two statements', () => {
    const r = said('Mark Esper said the strikes were over and that no troops were hurt.', '2019-12-30');
    expect(r.map((x) => x[2])).toEqual(['the strikes were over', 'no troops were hurt']);
  });

  it('"told <addressee> on <day> that …": the addressee and the day are not what was said', () => {
    expect(said('Lloyd Austin told his Iraqi counterpart on Tuesday that the United States remained committed.', '2021-07-28')).toEqual([
      ['Lloyd Austin', 'indirect', 'the United States remained committed'],
    ]);
  });

  it('a participle appositive is skipped: "The statement, signed by 20 lawmakers, said …"', () => {
    expect(said('The statement, signed by 20 lawmakers, said the deal violated the constitution.')).toEqual([['statement', 'indirect', 'the deal violated the constitution']]);
  });

  it('a report credited at the end: "…, CNN reported."', () => {
    expect(said('The drawdown will begin in September, CNN reported.')).toEqual([['CNN', 'indirect', 'The drawdown will begin in September']]);
  });

  it('speech acts with objects: accused … of, called for, urging them to', () => {
    const r = said('Muqtada al-Sadr accused the government of betraying voters and called for new elections.', '2019-11-02');
    expect(r).toContainEqual(['Muqtada al-Sadr', 'indirect', 'the government of betraying voters']);
    expect(r).toContainEqual(['Muqtada al-Sadr', 'indirect', 'new elections']);
  });

  it('verbs that take objects are not speech without "that": "the war claimed the lives of …"', () => {
    expect(said('The war claimed the lives of thousands of civilians.')).toEqual([]);
  });
});

describe('speakers', () => {
  it('anonymous sources are actors of their own, singular and plural apart', () => {
    const d = run('A senior US official said the talks were close to a deal. US officials who declined to be named said more troops could follow.');
    const speakers = d.statements.map((s) => d.actors.get(s.speakerId)!);
    expect(speakers.map((a) => a.type)).toEqual(['anonymous', 'anonymous']);
    expect(speakers[0]!.id).not.toBe(speakers[1]!.id);
  });

  it('"the two officials" and "the official" refer back to the anonymous source', () => {
    const d = run('Two Iraqi officials said the vote was delayed. The two officials said the delay was technical.');
    expect(new Set(d.statements.map((s) => s.speakerId)).size).toBe(1);
  });

  it('pronouns resolve to the last person of the right gender', () => {
    const r = said('Jeanine Hennis-Plasschaert briefed the council on Tuesday. She said the mission was ending.', '2023-05-20');
    expect(r).toEqual([['Jeanine Hennis-Plasschaert', 'indirect', 'the mission was ending']]);
  });

  it('documents and bodies speak: "the joint statement said", "a body representing the factions said"', () => {
    const r = said('The two governments issued a joint statement on Friday. “The parties affirmed their partnership,” the statement said. A body representing the factions said it would reject any delay.');
    expect(r[0]).toEqual(['joint statement', 'direct', 'The parties affirmed their partnership']);
    expect(r[1]![0]).toBe('body representing the factions');
  });

  it('an office title resolves to its holder at the publication date', () => {
    const early = said('Iraq’s prime minister said the trainers could stay.', '2012-03-01');
    const late = said('Iraq’s prime minister said the trainers could stay.', '2015-03-01');
    expect(early[0]![0]).toBe('Nouri al-Maliki');
    expect(late[0]![0]).toBe('Haider al-Abadi');
  });

  it('names no dictionary knows still become actors', () => {
    const d = run('Farid Oulmane, an analyst at the Carnegie Endowment, said the outcome was uncertain.');
    const a = d.actors.get(d.statements[0]!.speakerId)!;
    expect(a).toMatchObject({ name: 'Farid Oulmane', type: 'person' });
  });
});

describe('more news constructions', () => {
  it('a name between commas after a role: "A spokesman for the ministry, Ali Hamdan, said"', () => {
    expect(said('“The border is calm,” a spokesman for the ministry, Ali Hamdan, said.')).toEqual([['Ali Hamdan', 'direct', 'The border is calm']]);
  });

  it('a possessive body speaks: "Iraq’s foreign ministry said"', () => {
    const r = said('Iraq’s foreign ministry said the strike violated its sovereignty.');
    expect(r).toHaveLength(1);
    expect(r[0]![2]).toBe('the strike violated its sovereignty');
    expect(r[0]![0]).toMatch(/ministry/i);
  });

  it('"X said:" at the end of a paragraph introduces the next paragraph’s quote', () => {
    expect(said('Later, Lloyd Austin said:\n“We will defend our people.”', '2024-02-01')).toEqual([['Lloyd Austin', 'direct', 'We will defend our people.']]);
  });
});

describe('house styles', () => {
  it('British style: single quotation marks are the quotes when a paragraph has no double ones', () => {
    expect(said('‘We will not leave until the job is done,’ Lloyd Austin said. ‘The mission continues.’', '2021-07-28')).toEqual([
      ['Lloyd Austin', 'direct', 'We will not leave until the job is done'],
      ['Lloyd Austin', 'direct', 'The mission continues.'],
    ]);
    expect(said("'We will not leave,' Lloyd Austin said. He didn't say when the Iraqis' talks resume.", '2021-07-28')).toEqual([
      ['Lloyd Austin', 'direct', 'We will not leave'],
    ]);
  });

  it('a dateline is not part of the reported content', () => {
    expect(said('ERBIL, March 3 (Wire) — The border crossing reopened on Monday, local officials said.')).toEqual([
      ['local officials', 'indirect', 'The border crossing reopened on Monday'],
    ]);
    expect(said('WASHINGTON/BAGHDAD (Wire) - Talks resumed in Baghdad, officials said.')).toEqual([['officials', 'indirect', 'Talks resumed in Baghdad']]);
  });

  it('a reported clause may start with a number', () => {
    expect(said('Mona Adil, the spokeswoman, said 12 of the 15 members had agreed.')).toEqual([['Mona Adil', 'indirect', '12 of the 15 members had agreed']]);
  });

  it('"X called it “…”" attributes the quote', () => {
    expect(said('Senator Amy Carlsen called it “a reckless gamble.”')).toEqual([['Amy Carlsen', 'direct', 'a reckless gamble.']]);
  });

  it('a second speech verb ends the first reported clause: "said … and warned …"', () => {
    const r = said('Hoshyar Zebari said the deal was final and warned that any delay would be costly.', '2008-11-20');
    expect(r).toContainEqual(['Hoshyar Zebari', 'indirect', 'the deal was final']);
    expect(r).toContainEqual(['Hoshyar Zebari', 'indirect', 'any delay would be costly']);
  });

  it('where it was said sits between the verb and the clause: "on Telegram", "in a statement posted on its website"', () => {
    expect(said('The ministry said in a statement posted on its website that the border would reopen.')).toEqual([
      ['ministry', 'indirect', 'the border would reopen'],
    ]);
    expect(said('Abu Hussein al-Hamidawi said on Telegram that the attacks would stop.')).toEqual([['Abu Hussein al-Hamidawi', 'indirect', 'the attacks would stop']]);
  });

  it('a whole-sentence quote after an attributed one keeps the voice, however short', () => {
    const r = said('“There is no deadline,” a Pentagon official said. “We keep talking.”');
    expect(r.map((x) => x[2])).toEqual(['There is no deadline', 'We keep talking.']);
    expect(r[0]![0]).toBe(r[1]![0]);
  });

  it('a possessed body speaks for itself: "Abadi’s office said"', () => {
    const r = said('Abadi’s office said in a statement that the premier welcomed the decision.', '2015-06-10');
    expect(r).toEqual([['Abadi’s office', 'indirect', 'the premier welcomed the decision']]);
  });

  it('honorifics: "Mr. Maliki said"', () => {
    expect(said('Mr. Maliki said the talks were over.', '2011-10-01')).toEqual([['Nouri al-Maliki', 'indirect', 'the talks were over']]);
  });
});

describe('offsets', () => {
  it('every statement text is the exact slice of the article at its offsets', () => {
    const text = '“No more delays,” the envoy said.\nAccording to two diplomats, a deal is near, and that is “good news,” one of them said.';
    const d = run(text);
    expect(d.statements.length).toBeGreaterThan(0);
    for (const s of d.statements) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('a title-case quotation names something, it says nothing', () => {
  it('a show, a book or a nickname in quotes inside reported speech is no direct statement', () => {
    const got = said('Lena Ortiz said the ferry from “Harbor Live Tonight” would run all winter.');
    expect(got.filter((s) => s[1] === 'direct')).toEqual([]);
    expect(got.some((s) => s[0] === 'Lena Ortiz' && s[1] === 'indirect' && s[2].includes('would run all winter'))).toBe(true);
    expect(said('Paul Grady said his memoir, “Roads to the Valley,” would come out in May.').filter((s) => s[1] === 'direct')).toEqual([]);
    // the quoted phrase of a reported sentence stays its own direct statement
    expect(said('Paul Grady said his memoir would “come out in May.”')).toContainEqual(['Paul Grady', 'direct', 'come out in May.']);
  });
  it('a lower-case or sentence-case quote and a shouted post are still statements', () => {
    expect(said('“The ferry will run all winter,” Lena Ortiz said.')).toEqual([['Lena Ortiz', 'direct', 'The ferry will run all winter']]);
    expect(said('Lena Ortiz wrote: “THE FERRY RUNS ALL WINTER!”').some((s) => s[1] === 'direct' && s[2].startsWith('THE FERRY'))).toBe(true);
  });
});

describe('a short quoted phrase outside any reported content', () => {
  it('is a scare quote of the narration, not a statement of the nearest speaker', () => {
    expect(said('Near the “old ferry” pier, Lena Ortiz said the port would close.')).toEqual([['Lena Ortiz', 'indirect', 'the port would close']]);
  });
  it('a longer quotation there is still attributed to the nearest frame', () => {
    expect(said('Near the “old ferry we all loved so much” pier, Lena Ortiz said the port would close.')).toContainEqual(['Lena Ortiz', 'direct', 'old ferry we all loved so much']);
  });
});
