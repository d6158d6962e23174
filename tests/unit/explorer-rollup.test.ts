/** Read-side roll-up of proxy speakers to office holders, and the stance-change detector (server/usecases). */
import { describe, expect, it } from 'vitest';
import { OfficeRollUp, proxyTarget, type Tenure } from '../../server/usecases/office-rollup.ts';
import { detectStanceChanges } from '../../server/usecases/stance-changes.ts';

const tenure = (holderId: string, holderName: string, title: string, orgName: string, date: string, articleId: string): Tenure => ({ holderId, holderName, title, orgId: orgName.toLowerCase(), orgName, dateFrom: date, dateTo: date, articleId });
const tenures = [
  tenure('maliki', 'Nouri al-Maliki', 'Prime Minister of Iraq', 'Iraq', '2011-10-22', 'a1'),
  tenure('abadi', 'Haider al-Abadi', 'Prime Minister of Iraq', 'Iraq', '2017-12-19', 'a2'),
  tenure('sudani', 'Mohammed Shia al-Sudani', 'Prime Minister of Iraq', 'Iraq', '2024-01-25', 'a3'),
  tenure('kirby', 'John Kirby', 'Pentagon Press Secretary', 'Pentagon', '2021-04-07', 'a4'),
  tenure('erdogan', 'Recep Tayyip Erdogan', 'President of Turkey', 'Turkey', '2024-01-25', 'a3'),
];
const people = [
  { id: 'maliki', name: 'Nouri al-Maliki', aliases: ['Maliki', 'the prime minister'] },
  { id: 'sudani', name: 'Mohammed Shia al-Sudani', aliases: ['Mohammed Shia-al-Sudani', 'Sudani'] },
  { id: 'abadi', name: 'Haider al-Abadi', aliases: ['Abadi'] },
  { id: 'kirby', name: 'John Kirby', aliases: [] },
];
const roll = new OfficeRollUp(people, tenures);
const at = (date: string, articleId = 'zz') => ({ dateFrom: date, dateTo: date, articleId });

describe('proxy speakers', () => {
  it('recognises "office of X", "X’s office", spokespeople and aides, and nothing else', () => {
    expect(proxyTarget('office of Iraq Prime Minister Mohammed Shia-al-Sudani')).toBe('iraq prime minister mohammed shia al sudani');
    expect(proxyTarget("the prime minister's office")).toBe('prime minister');
    expect(proxyTarget('The Prime Minister’s Office')).toBe('prime minister');
    expect(proxyTarget('a spokesperson for the prime minister')).toBe('prime minister');
    expect(proxyTarget('spokesman for the Pentagon')).toBe('pentagon');
    expect(proxyTarget('aides to Haider al-Abadi')).toBe('haider al abadi');
    for (const n of ['US officials', 'Iraqi security forces', 'the joint statement', 'Office Depot', 'Randa Slim']) expect(proxyTarget(n), n).toBeNull();
  });
  it('a named person wins: the longest name in the proxy', () => {
    expect(roll.resolve({ id: 'o', name: 'office of Iraq Prime Minister Mohammed Shia-al-Sudani', type: 'organization' }, at('2024-01-10', 'a3'))).toEqual({
      id: 'sudani',
      name: 'Mohammed Shia al-Sudani',
      via: 'name',
      office: 'Prime Minister of Iraq',
    });
  });
  it('an office resolves to its holder in the same article first, else the nearest date', () => {
    const spokes = { id: 's', name: 'a spokesperson for the prime minister', type: 'anonymous' };
    expect(roll.resolve(spokes, at('2024-01-25', 'a3'))?.id).toBe('sudani');
    // no article names the holder: the tenure nearest in time
    expect(roll.resolve(spokes, at('2018-03-01'))?.id).toBe('abadi');
    expect(roll.resolve(spokes, at('2011-01-01'))?.id).toBe('maliki');
    expect(roll.resolve(spokes, at('2018-03-01'))?.via).toBe('office');
    // "the president's office" in a3 is Erdogan's (the only president there), never a prime minister
    expect(roll.resolve({ id: 'p', name: "the president's office", type: 'organization' }, at('2024-01-25', 'a3'))?.id).toBe('erdogan');
  });
  it('people are themselves, with the office they held then; others roll up to nobody', () => {
    expect(roll.resolve({ id: 'maliki', name: 'Nouri al-Maliki', type: 'person' }, at('2011-10-22', 'a1'))).toEqual({ id: 'maliki', name: 'Nouri al-Maliki', via: 'self', office: 'Prime Minister of Iraq' });
    expect(roll.resolve({ id: 'x', name: 'Jon Alterman', type: 'person' }, at('2024-01-25'))?.office).toBeNull();
    expect(roll.resolve({ id: 'us', name: 'US officials', type: 'anonymous' }, at('2024-01-25'))).toBeNull();
    // an office nobody is recorded to hold
    expect(roll.resolve({ id: 'q', name: 'office of the mayor', type: 'organization' }, at('2024-01-25'))).toBeNull();
    // the office label says whose it is when the title does not
    expect(roll.officeOf('kirby', at('2021-04-07'))).toBe('Pentagon Press Secretary');
    expect(new OfficeRollUp([], [tenure('x', 'X', 'Spokesperson', 'NATO', '2020-01-01', 'a')]).officeOf('x', at('2020-01-01'))).toBe('Spokesperson (NATO)');
  });
});

describe('stance changes', () => {
  const f = (id: string, actorId: string, date: string, ...issues: [string, 'support' | 'oppose' | 'neutral'][]) => ({ id, actorId, dateFrom: date, dateTo: date, issues: issues.map(([i, stance]) => ({ id: i, stance })) });
  it('flags a reversal, skipping neutral statements in between', () => {
    const c = detectStanceChanges([f('a', 'm', '2011-01-01', ['t', 'support']), f('b', 'm', '2012-01-01', ['t', 'neutral']), f('c', 'm', '2013-01-01', ['t', 'oppose'])]);
    expect(c).toEqual([{ actorId: 'm', issue: 't', from: 'support', to: 'oppose', flip: true, beforeId: 'a', afterId: 'c' }]);
  });
  it('with neutral on, moves to and from neutral count but are not reversals', () => {
    const c = detectStanceChanges([f('a', 'm', '2011-01-01', ['t', 'support']), f('b', 'm', '2012-01-01', ['t', 'neutral'])], { neutral: true });
    expect(c).toMatchObject([{ from: 'support', to: 'neutral', flip: false }]);
  });
  it('compares per actor and per issue, in date order whatever the input order', () => {
    const c = detectStanceChanges([
      f('late', 'm', '2020-01-01', ['t', 'oppose']),
      f('early', 'm', '2010-01-01', ['t', 'support'], ['u', 'oppose']),
      f('other', 'n', '2015-01-01', ['t', 'oppose']),
      f('u2', 'm', '2021-01-01', ['u', 'oppose']),
    ]);
    expect(c.map((x) => [x.actorId, x.issue, x.beforeId, x.afterId])).toEqual([['m', 't', 'early', 'late']]);
  });
  it('disagreeing statements on the same day are not a change in time', () => {
    expect(detectStanceChanges([f('a', 'm', '2011-01-01', ['t', 'support']), f('b', 'm', '2011-01-01', ['t', 'oppose'])])).toEqual([]);
  });
});
