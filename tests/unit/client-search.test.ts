import { describe, expect, it } from 'vitest';
import type { ActorSummary } from '../../server/contract.ts';
import { ActorIndex, editDistance, typoBudget } from '../../client/src/state/search-rank.ts';

const actor = (id: string, name: string, aliases: string[], statements: number, type: ActorSummary['type'] = 'person'): ActorSummary => ({
  id,
  name,
  type,
  aliases,
  description: null,
  affiliation: null,
  statements,
});

const actors = [
  actor('nouri-al-maliki', 'Nouri al-Maliki', ['Maliki', 'Prime Minister Nouri al-Maliki', 'al-Maliki'], 12),
  actor('haider-al-abadi', 'Haider al-Abadi', ['Abadi', 'al-Abadi'], 4),
  actor('mohammed-shia-al-sudani', 'Mohammed Shia al-Sudani', ['Sudani', 'al-Sudani'], 7),
  actor('united-states', 'United States', ['US', 'Washington', 'U.S.'], 20, 'country'),
  actor('moqtada-al-sadr', 'Moqtada al-Sadr', ['Sadr', 'Muqtada al-Sadr'], 3),
];
const index = new ActorIndex(actors);

describe('actor search', () => {
  it('finds an actor by an alias', () => {
    expect(index.search('Maliki')[0]?.actor.id).toBe('nouri-al-maliki');
    expect(index.search('washington')[0]?.actor.id).toBe('united-states');
  });
  it('tolerates typos', () => {
    expect(index.search('Malikki')[0]?.actor.id).toBe('nouri-al-maliki');
    expect(index.search('Sudany')[0]?.actor.id).toBe('mohammed-shia-al-sudani');
    expect(index.search('Muqtada')[0]?.actor.id).toBe('moqtada-al-sadr');
  });
  it('ignores case, accents and hyphens', () => {
    expect(index.search('NOURI AL MÂLIKI')[0]?.actor.id).toBe('nouri-al-maliki');
  });
  it('ranks exact and prefix hits above fuzzy ones, then by statements made', () => {
    // "al" prefixes the words of several names: the most vocal of them comes first
    const ids = index.search('al').map((h) => h.actor.id);
    expect(ids[0]).toBe('nouri-al-maliki');
    expect(ids).toContain('haider-al-abadi');
    expect(ids.indexOf('nouri-al-maliki')).toBeLessThan(ids.indexOf('moqtada-al-sadr'));
  });
  it('reports which alias matched', () => {
    expect(index.search('Abadi')[0]?.matched).toBe('Abadi');
  });
  it('returns nothing for a 1-character query or gibberish', () => {
    expect(index.search('m')).toEqual([]);
    expect(index.search('zzqxv')).toEqual([]);
  });
  it('respects the result cap', () => {
    expect(index.search('al', 2)).toHaveLength(2);
  });
});

describe('the obvious actor first (issue 11)', () => {
  // distractors shaped like a real store's: long alias lists, vocal organisations, near-homographs
  const crowd = new ActorIndex([
    ...actors,
    actor('iran-backed-militias', 'Iran-backed militias', ['Iran-backed militia', 'Shiite militias', 'Shia militias', 'Iraqi militias', 'militia groups'], 30, 'group'),
    actor('obama-administration', 'Obama administration', ['Obama White House'], 9, 'organization'),
    actor('barack-obama', 'Barack Obama', ['Barack Hussein Obama', 'Obama'], 3),
    actor('mali', 'Mali', ['Malian', 'Malians'], 40, 'country'),
    actor('us-military', 'US military', ['US troops', 'American military', 'US military advisers'], 50, 'organization'),
  ]);
  it('"Malki", "maliki", "MALIKI" and "Nuri al-Malki" put Nouri al-Maliki first', () => {
    for (const q of ['Malki', 'maliki', 'MALIKI', 'Nuri al-Malki', 'al-Malikki']) expect(crowd.search(q)[0]?.actor.id, q).toBe('nouri-al-maliki');
  });
  it('"Obamma" puts Barack Obama (alias "Obama", one typo) before the Obama administration (a word of its name)', () => {
    const ids = crowd.search('Obamma').map((h) => h.actor.id);
    expect(ids[0]).toBe('barack-obama');
    expect(ids).toContain('obama-administration');
  });
  it('an exact alias beats a more vocal actor whose alias merely starts with the query', () => {
    const withMalik = new ActorIndex([...actors, actor('jawad-malik', 'Jawad Malik', ['Malik'], 1)]);
    expect(withMalik.search('Malik')[0]?.actor.id).toBe('jawad-malik');
    expect(crowd.search('Mali')[0]?.actor.id).toBe('mali');
  });
  it('typo budget grows with the query and distance counts a swap once', () => {
    expect(typoBudget('al')).toBe(0);
    expect(typoBudget('malki')).toBe(1);
    expect(typoBudget('malikkii')).toBe(2);
    expect(editDistance('malki', 'maliki')).toBe(1);
    expect(editDistance('mailki', 'maliki')).toBe(1);
    expect(editDistance('obamma', 'obama')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBeGreaterThan(1);
  });
});
