/** The read-result cache: shared computation, invalidation on write, byte bound. */
import { describe, expect, it } from 'vitest';
import { ResultCache } from '../../server/usecases/deps.ts';

describe('ResultCache', () => {
  it('computes once for concurrent misses and serves hits from memory', async () => {
    const c = new ResultCache();
    let calls = 0;
    const compute = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return { n: calls };
    };
    const all = await Promise.all(Array.from({ length: 5 }, () => c.json('k', compute)));
    expect(new Set(all)).toEqual(new Set(['{"n":1}']));
    expect(await c.json('k', compute)).toBe('{"n":1}');
    expect(calls).toBe(1);
  });

  it('drops everything on invalidate, and does not keep a result computed across a write', async () => {
    const c = new ResultCache();
    let v = 1;
    expect(await c.json('k', async () => v)).toBe('1');
    v = 2;
    c.invalidate();
    expect(await c.json('k', async () => v)).toBe('2');
    // a write lands while computing: the caller gets its value, the cache does not keep it
    let release!: () => void;
    const slow = c.json('s', () => new Promise((r) => (release = () => r(v))));
    c.invalidate();
    v = 3;
    release();
    expect(await slow).toBe('3');
    v = 4;
    expect(await c.json('s', async () => v)).toBe('4');
  });

  it('evicts the oldest entries past its byte budget', async () => {
    const c = new ResultCache(4000);
    for (let i = 0; i < 10; i++) await c.json(`k${i}`, async () => 'x'.repeat(900));
    expect(c.size).toBeLessThanOrEqual(4);
    let recomputed = false;
    await c.json('k0', async () => {
      recomputed = true;
      return 'x';
    });
    expect(recomputed).toBe(true);
  });
});
