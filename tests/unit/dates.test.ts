import { describe, expect, it } from 'vitest';
import { dates, findTimeExpressions, quotedSpans } from '../../ingest/stages/dates.ts';
import { previousWeekday, rangeValue, parseYmd, lastSeason, fmtYmd } from '../../ingest/dates/calendar.ts';
import type { Doc, StatementDraft } from '../../ingest/types.ts';

/** A hand-made document: statements given as (statement text, cue text) located in `text`. */
function makeDoc(
  text: string,
  published: string,
  statements: { said: string; cue: string; speaker?: string; kind?: 'direct' | 'indirect'; nth?: number }[],
): Doc {
  const drafts: StatementDraft[] = statements.map((s) => {
    let start = -1;
    for (let k = 0; k <= (s.nth ?? 0); k++) start = text.indexOf(s.said, start + 1);
    if (start < 0) throw new Error(`statement not in text: ${s.said}`);
    // the cue occurrence nearest to the statement
    let cue = -1;
    for (let i = text.indexOf(s.cue); i >= 0; i = text.indexOf(s.cue, i + 1))
      if (cue < 0 || Math.abs(i - start) < Math.abs(cue - start)) cue = i;
    if (cue < 0) throw new Error(`cue not in text: ${s.cue}`);
    return {
      kind: s.kind ?? 'indirect',
      text: s.said,
      cue: s.cue,
      speakerId: s.speaker ?? 'speaker',
      speakerMention: '',
      start,
      end: start + s.said.length,
      attribution: { start: cue, end: cue + s.cue.length },
    };
  });
  return {
    input: { file: 't.txt', text, title: 't', source: 's', url: null, published },
    articleId: 'a',
    publication: { value: published, granularity: 'day', from: published, to: published },
    paragraphs: [],
    sentences: [],
    times: [],
    actors: new Map(),
    mentions: [],
    statements: drafts,
    positions: [],
    relations: [],
    warnings: [],
  };
}

const one = (text: string, published: string) => {
  const t = findTimeExpressions(text, published);
  expect(t).toHaveLength(1);
  return t[0]!;
};

describe('calendar', () => {
  it('resolves weekdays backwards, strictly when asked', () => {
    const thu = parseYmd('2015-07-09'); // a Thursday
    expect(fmtYmd(previousWeekday(thu, 4, false))).toBe('2015-07-09');
    expect(fmtYmd(previousWeekday(thu, 4, true))).toBe('2015-07-02');
    expect(fmtYmd(previousWeekday(thu, 1, false))).toBe('2015-07-06');
    expect(fmtYmd(previousWeekday(thu, 5, false))).toBe('2015-07-03');
  });
  it('states a range at the finest granularity that holds it', () => {
    expect(rangeValue(parseYmd('2019-03-04'), parseYmd('2019-03-10')).value).toBe('2019-03');
    expect(rangeValue(parseYmd('2019-03-28'), parseYmd('2019-04-03')).value).toBe('2019');
    expect(rangeValue(parseYmd('2019-03-28'), parseYmd('2019-03-28')).granularity).toBe('day');
  });
  it('finds the last finished season', () => {
    expect(fmtYmd(lastSeason(parseYmd('2019-07-15'), 'summer').from)).toBe('2018-06-01');
    expect(fmtYmd(lastSeason(parseYmd('2019-09-15'), 'summer').from)).toBe('2019-06-01');
  });
});

describe('findTimeExpressions', () => {
  // 2015-07-09 is a Thursday
  const pub = '2015-07-09';
  it('bare and "on" weekdays: most recent on or before publication', () => {
    expect(one('The minister spoke on Monday.', pub)).toMatchObject({ text: 'on Monday', date: { value: '2015-07-06' }, basis: 'relative' });
    expect(one('The minister spoke Thursday.', pub).date.value).toBe('2015-07-09');
    expect(one('The minister spoke Friday night.', pub)).toMatchObject({ text: 'Friday night', date: { value: '2015-07-03' } });
  });
  it('"next <weekday>" and "this week" look forward / up to publication', () => {
    expect(one('Talks resume next Monday.', pub).date.value).toBe('2015-07-13');
    expect(one('Talks resume next Thursday.', pub).date.value).toBe('2015-07-16');
    expect(one('They met earlier this week.', pub)).toMatchObject({ text: 'earlier this week', date: { value: '2015-07', from: '2015-07-06', to: '2015-07-09' } });
  });
  it('"last <weekday>" is strictly before publication', () => {
    expect(one('She left last Thursday.', pub).date.value).toBe('2015-07-02');
    expect(one('She left last Monday.', pub).date.value).toBe('2015-07-06');
  });
  it('keeps "earlier on" with the weekday', () => {
    expect(one('Earlier on Tuesday, the envoy arrived.', pub)).toMatchObject({ text: 'Earlier on Tuesday', date: { value: '2015-07-07' } });
  });
  it('months without a day: most recent on or before publication, at month granularity', () => {
    expect(one('He visited in March.', pub)).toMatchObject({ text: 'in March', date: { value: '2015-03', granularity: 'month' }, basis: 'relative' });
    expect(one('He visited in September.', pub).date.value).toBe('2014-09');
    expect(one('He visited in July.', pub).date.value).toBe('2015-07');
    expect(one('He visited last July.', pub).date.value).toBe('2014-07');
    expect(one('The troops left in mid-November.', pub)).toMatchObject({ text: 'in mid-November', date: { value: '2014-11' } });
    expect(one('A pact was signed in November 2008.', pub)).toMatchObject({ text: 'in November 2008', date: { value: '2008-11' }, basis: 'explicit' });
  });
  it('"may" the verb is not a month', () => {
    expect(findTimeExpressions('Officials May resign, he may say.', pub)).toHaveLength(0);
    expect(one('Talks ended in May.', pub).date.value).toBe('2015-05');
  });
  it('day-precise dates: explicit, year from publication', () => {
    expect(one('The office said on March 3 that it agreed.', pub)).toMatchObject({ text: 'on March 3', date: { value: '2015-03-03', granularity: 'day' }, basis: 'explicit' });
    expect(one('It was signed on Nov. 17, 2008.', pub).date.value).toBe('2008-11-17');
    // a day-month well after publication is last year's
    expect(one('It happened on December 20.', pub).date.value).toBe('2014-12-20');
  });
  it('relative weeks, months, years', () => {
    expect(one('The general said last month that', pub)).toMatchObject({ date: { value: '2015-06', granularity: 'month' } });
    expect(one('He declared earlier this month that', pub)).toMatchObject({ text: 'earlier this month', date: { value: '2015-07' } });
    expect(one('They met last year.', pub).date.value).toBe('2014');
    // the previous Monday–Sunday week, 29 June – 5 July, spans two months: only the year holds it
    expect(one('They met last week.', pub).date).toMatchObject({ value: '2015', from: '2015-06-29', to: '2015-07-05' });
    expect(one('They met last week.', '2015-07-23').date).toMatchObject({ value: '2015-07', granularity: 'month' });
    expect(one('The report came out two years ago.', pub).date.value).toBe('2013');
    expect(one('The report came out yesterday.', pub).date.value).toBe('2015-07-08');
  });
  it('seasons and bare years', () => {
    expect(one('Last winter, the two sides agreed.', pub)).toMatchObject({ text: 'Last winter', date: { value: '2015', from: '2014-12-01', to: '2015-02-28' } });
    expect(one('In the summer of 2009 they agreed.', pub).date).toMatchObject({ value: '2009', from: '2009-06-01' });
    expect(one('The force grew in late 2013.', pub)).toMatchObject({ text: 'in late 2013', date: { value: '2013', granularity: 'year' }, basis: 'explicit' });
    // numbers that are not years
    expect(findTimeExpressions('Some 2,015 troops and $2014 in cash; call 2019-555.', pub)).toHaveLength(0);
    expect(findTimeExpressions('Leaves fall in autumn.', pub)).toHaveLength(0);
  });
  it('a newspaper named Today is not a date', () => {
    expect(findTimeExpressions('He told Britain Today that', pub)).toHaveLength(0);
    expect(one('He said today that', pub).date.value).toBe(pub);
  });
  it('"ahead of <day>\'s <event>" is that month', () => {
    expect(one('In a statement issued ahead of Monday’s vote, the party said', pub)).toMatchObject({
      text: 'ahead of Monday’s vote',
      date: { value: '2015-07', granularity: 'month' },
    });
  });
  it('"the previous day" is relative to the last dated day', () => {
    const t = findTimeExpressions('The talks ended on March 3. The previous day, the envoy warned.', pub);
    expect(t.map((x) => x.date.value)).toEqual(['2015-03-03', '2015-03-02']);
  });
});

describe('dates stage: the time that governs a statement', () => {
  const pub = '2015-07-09';
  const dated = (doc: Doc) => dates(doc).statements.map((s) => [s.date?.value, s.dateBasis, s.dateEvidence]);

  it('takes the time in the attribution clause', () => {
    const text = 'The ambassador said on Monday that the embassy would stay open.';
    expect(dated(makeDoc(text, pub, [{ said: 'the embassy would stay open', cue: 'said' }]))).toEqual([
      ['2015-07-06', 'relative', 'on Monday'],
    ]);
  });
  it('takes a fronted time of the sentence ("On Monday, … said")', () => {
    const text = 'On Monday, after a long meeting, a spokesman for the ministry said the embassy would stay open.';
    expect(dated(makeDoc(text, pub, [{ said: 'the embassy would stay open', cue: 'said' }]))[0]![0]).toBe('2015-07-06');
  });
  it('ignores a time inside the statement text or a quotation', () => {
    const text = 'The envoy said that the troops would leave by March 2016. “We left in 2011,” he added.';
    const doc = makeDoc(text, pub, [
      { said: 'the troops would leave by March 2016', cue: 'said' },
      { said: 'We left in 2011,', cue: 'he added', kind: 'direct' },
    ]);
    expect(dated(doc)).toEqual([
      [pub, 'publication', null],
      [pub, 'publication', null],
    ]);
  });
  it('ignores a time in a clause about another event', () => {
    const text = 'Violence has risen since the army withdrew in May, the governor said.';
    const doc = makeDoc(text, pub, [{ said: 'Violence has risen', cue: 'the governor said' }]);
    expect(dated(doc)[0]![1]).toBe('publication');
    const text2 = 'The minister, who took office in 2012, said the deal was dead.';
    expect(dated(makeDoc(text2, pub, [{ said: 'the deal was dead', cue: 'said' }]))[0]![1]).toBe('publication');
  });
  it('an after/before clause time is used only when nothing better is there', () => {
    const text = 'After meeting the envoy on Monday, the minister said the talks went well.';
    expect(dated(makeDoc(text, pub, [{ said: 'the talks went well', cue: 'said' }]))[0]![0]).toBe('2015-07-06');
    const text2 = 'After talks on Monday, the minister said on Wednesday that the talks went well.';
    expect(dated(makeDoc(text2, pub, [{ said: 'the talks went well', cue: 'said' }]))[0]![0]).toBe('2015-07-08');
  });
  it('an unclosed quotation ends with its paragraph', () => {
    const text = '“We will stay, the colonel added.\n\nThe governor said on Monday that the roads were open.';
    const doc = makeDoc(text, pub, [{ said: 'the roads were open', cue: 'The governor said' }]);
    expect(dated(doc)[0]![0]).toBe('2015-07-06');
  });
  it('"<time>, when X announced …" dates the announcement', () => {
    const text = 'The base has been empty since March 2014, when the army announced the end of its mission.';
    const doc = makeDoc(text, pub, [{ said: 'the end of its mission', cue: 'announced' }]);
    expect(dated(doc)).toEqual([['2014-03', 'explicit', 'March 2014']]);
  });
  it('coordinated speech verbs share the time', () => {
    const text = 'The president declared victory earlier this month but said the enemy remained dangerous.';
    const doc = makeDoc(text, pub, [
      { said: 'victory', cue: 'declared' },
      { said: 'the enemy remained dangerous', cue: 'said' },
    ]);
    expect(dated(doc).map((d) => d[0])).toEqual(['2015-07', '2015-07']);
  });
  it('a continuation by the same speaker inherits the date; another speaker does not', () => {
    const text =
      'The spokesman said Tuesday that the talks were useful.\n\nBut he said that “nothing is agreed.”\n\nA senator said the talks were a waste.';
    const doc = makeDoc(text, pub, [
      { said: 'the talks were useful', cue: 'said', speaker: 'spokesman' },
      { said: 'nothing is agreed.', cue: 'he said', speaker: 'spokesman', kind: 'direct' },
      { said: 'the talks were a waste', cue: 'A senator said', speaker: 'senator' },
    ]);
    expect(dated(doc)).toEqual([
      ['2015-07-07', 'relative', 'Tuesday'],
      ['2015-07-07', 'relative', 'Tuesday'],
      [pub, 'publication', null],
    ]);
  });
  it('without any time expression: the publication date', () => {
    const doc = makeDoc('Officials said the plan had stalled.', pub, [{ said: 'the plan had stalled', cue: 'Officials said' }]);
    const out = dates(doc);
    expect(out.statements[0]).toMatchObject({ date: { value: pub, granularity: 'day' }, dateBasis: 'publication', dateEvidence: null });
    expect(out.times).toEqual([]);
  });
  it('a later undated mention of the same announcement takes its date', () => {
    const text = 'Despite the mayor’s announcement of “new elections,” nothing changed.\n\nThe mayor’s announcement on Friday that the council would resign surprised many.';
    const doc = makeDoc(text, pub, [
      { said: 'new elections,', cue: 'announcement of', speaker: 'mayor', kind: 'direct' },
      { said: 'the council would resign', cue: 'announcement', speaker: 'mayor' },
    ]);
    expect(dated(doc).map((d) => d[0])).toEqual(['2015-07-03', '2015-07-03']);
  });
  it('records every time expression with spans into the text', () => {
    const text = 'He spoke on Monday about the 2011 pullout.';
    const out = dates(makeDoc(text, pub, []));
    expect(out.times.map((t) => text.slice(t.start, t.end))).toEqual(['on Monday', '2011']);
  });
});

describe('quotedSpans', () => {
  it('pairs curly and straight quotes', () => {
    const text = 'He said “a b” and "c d".';
    expect(quotedSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(['“a b”', '"c d"']);
  });
});
