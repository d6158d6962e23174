import { describe, expect, it } from 'vitest';
import {
  addMonths,
  filterByRange,
  inRange,
  lastDayOfMonth,
  monthHistogram,
  normaliseRange,
  rangeDays,
  stepHandle,
  timelineDomain,
} from '../../client/src/state/time-range.ts';

const st = (dateFrom: string, dateTo = dateFrom) => ({ dateFrom, dateTo });

describe('month arithmetic', () => {
  it('adds months across years', () => {
    expect(addMonths('2011-11', 3)).toBe('2012-02');
    expect(addMonths('2012-01', -1)).toBe('2011-12');
    expect(addMonths('2008-01', -13)).toBe('2006-12');
  });
  it('knows month lengths, leap years included', () => {
    expect(lastDayOfMonth('2012-02')).toBe('2012-02-29');
    expect(lastDayOfMonth('2011-02')).toBe('2011-02-28');
    expect(lastDayOfMonth('2024-12')).toBe('2024-12-31');
    expect(rangeDays({ from: '2011-04', to: '2011-06' })).toEqual({ from: '2011-04-01', to: '2011-06-30' });
  });
});

describe('range filtering', () => {
  const range = { from: '2011-10', to: '2011-12' };
  it('keeps statements inside the range, drops those after or before', () => {
    expect(inRange(st('2011-10-22'), range)).toBe(true);
    expect(inRange(st('2011-12-31'), range)).toBe(true);
    expect(inRange(st('2012-01-01'), range)).toBe(false);
    expect(inRange(st('2011-09-30'), range)).toBe(false);
  });
  it('keeps a coarse date whose span overlaps the range', () => {
    expect(inRange(st('2011-01-01', '2011-12-31'), range)).toBe(true);
    expect(inRange(st('2012-01-01', '2012-12-31'), range)).toBe(false);
  });
  it('no range keeps everything', () => {
    const items = [st('2008-01-01'), st('2030-05-05')];
    expect(filterByRange(items, null)).toEqual(items);
    expect(filterByRange(items, { from: '2008-01', to: '2008-01' })).toEqual([items[0]]);
  });
});

describe('histogram', () => {
  it('counts per month over the whole domain, zeros included', () => {
    const bins = monthHistogram([st('2011-10-22'), st('2011-10-01'), st('2012-02-02'), st('2030-01-01')], { from: '2011-09', to: '2012-02' });
    expect(bins.map((b) => b.month)).toEqual(['2011-09', '2011-10', '2011-11', '2011-12', '2012-01', '2012-02']);
    expect(bins.map((b) => b.count)).toEqual([0, 2, 0, 0, 0, 1]);
  });
  it('the domain is the extent of the data, padded', () => {
    expect(timelineDomain([st('2011-05-05')], 2, '2030-06')).toEqual({ from: '2011-03', to: '2011-07' });
    expect(timelineDomain([st('2026-03-01', '2026-03-31'), st('2003-03-20')], 0, '2030-06')).toEqual({ from: '2003-03', to: '2026-03' });
    // no data: a year ending at the fallback month, never a topic's hard-coded years
    expect(timelineDomain([], 2, '2030-06')).toEqual({ from: '2029-07', to: '2030-06' });
  });
});

describe('brush keyboard', () => {
  const domain = { from: '2008-01', to: '2024-12' };
  const range = { from: '2011-01', to: '2012-01' };
  it('arrows move one month, PageUp/PageDown a year', () => {
    expect(stepHandle(range, 'from', 'ArrowRight', domain)).toEqual({ from: '2011-02', to: '2012-01' });
    expect(stepHandle(range, 'to', 'ArrowLeft', domain)).toEqual({ from: '2011-01', to: '2011-12' });
    expect(stepHandle(range, 'to', 'PageUp', domain)).toEqual({ from: '2011-01', to: '2013-01' });
  });
  it('handles stop at the domain and never cross', () => {
    expect(stepHandle({ from: '2008-01', to: '2009-01' }, 'from', 'ArrowLeft', domain)).toEqual({ from: '2008-01', to: '2009-01' });
    expect(stepHandle({ from: '2011-01', to: '2011-03' }, 'from', 'PageUp', domain)).toEqual({ from: '2011-03', to: '2011-03' });
    expect(stepHandle(range, 'from', 'Home', domain)).toEqual({ from: '2008-01', to: '2012-01' });
    expect(stepHandle(range, 'to', 'End', domain)).toEqual({ from: '2011-01', to: '2024-12' });
  });
  it('ignores other keys', () => {
    expect(stepHandle(range, 'from', 'a', domain)).toBeNull();
  });
  it('a range covering the domain is no filter', () => {
    expect(normaliseRange(domain, domain)).toBeNull();
    expect(normaliseRange(range, domain)).toEqual(range);
  });
});
