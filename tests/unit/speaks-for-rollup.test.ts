/** The read-side roll-up prefers the speaks_for relation ingest stored over its own name/office resolution. */
import { describe, expect, it } from 'vitest';
import { OfficeRollUp, type SpeaksForLink, type Tenure } from '../../server/usecases/office-rollup.ts';

const tenure = (holderId: string, holderName: string, day: string, articleId: string): Tenure => ({
  holderId, holderName, title: 'Prime Minister of Ruritania', orgId: 'ruritania', orgName: 'Ruritania', dateFrom: day, dateTo: day, articleId,
});
const link = (proxyId: string, personId: string, personName: string, day: string, articleId: string, rule = 'speaks-for.office', title: string | null = 'Prime Minister of Ruritania'): SpeaksForLink => ({
  proxyId, personId, personName, title, rule, dateFrom: day, dateTo: day, articleId,
});
const people = [
  { id: 'ann-old', name: 'Ann Oldham', aliases: [] },
  { id: 'bea-new', name: 'Bea Newell', aliases: [] },
];
const spokes = { id: 'spokes@a2', name: 'a spokeswoman for the prime minister', type: 'anonymous' };
const at = (day: string, articleId: string) => ({ dateFrom: day, dateTo: day, articleId });

describe('OfficeRollUp with stored speaks_for relations', () => {
  // the tenures alone point at the old holder (the only one the articles name)
  const tenures = [tenure('ann-old', 'Ann Oldham', '2019-05-01', 'a1')];

  it('falls back to names and holds_office when no relation was stored', () => {
    expect(new OfficeRollUp(people, tenures).resolve(spokes, at('2023-02-01', 'a2'))).toMatchObject({ id: 'ann-old', via: 'office' });
  });

  it('follows the stored relation of the same article, with its office', () => {
    const roll = new OfficeRollUp(people, tenures, [link('spokes@a2', 'bea-new', 'Bea Newell', '2023-02-01', 'a2')]);
    expect(roll.resolve(spokes, at('2023-02-01', 'a2'))).toEqual({ id: 'bea-new', name: 'Bea Newell', via: 'office', office: 'Prime Minister of Ruritania' });
  });

  it('ignores a relation of another article, and picks the nearest date within one', () => {
    const roll = new OfficeRollUp(people, tenures, [
      link('spokes@a2', 'bea-new', 'Bea Newell', '2023-02-01', 'a9'),
      link('spokes@a3', 'ann-old', 'Ann Oldham', '2019-01-01', 'a3'),
      link('spokes@a3', 'bea-new', 'Bea Newell', '2023-01-01', 'a3', 'speaks-for.named', null),
    ]);
    expect(roll.resolve(spokes, at('2023-02-01', 'a2'))?.id).toBe('ann-old'); // fallback
    const r = roll.resolve({ ...spokes, id: 'spokes@a3' }, at('2022-12-20', 'a3'));
    expect(r).toMatchObject({ id: 'bea-new', via: 'name' });
    // no title on the relation: the office comes from the tenures (none for Bea) → null
    expect(r?.office).toBeNull();
  });

  it('a person speaks for themself whatever was stored', () => {
    const roll = new OfficeRollUp(people, tenures, [link('ann-old', 'bea-new', 'Bea Newell', '2019-05-01', 'a1')]);
    expect(roll.resolve({ id: 'ann-old', name: 'Ann Oldham', type: 'person' }, at('2019-05-01', 'a1'))).toMatchObject({ id: 'ann-old', via: 'self' });
  });
});
