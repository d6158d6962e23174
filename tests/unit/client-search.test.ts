import { describe, expect, it } from 'vitest';
import type { ActorSummary } from '../../server/contract.ts';
import { ActorIndex } from '../../client/src/state/search-rank.ts';

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
