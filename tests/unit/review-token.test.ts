/** The reviewer token's storage (client/src/review/token.ts): per tab, trimmed, forgettable. */
import { describe, expect, it } from 'vitest';
import { forgetToken, getReviewer, getToken, saveToken, type KeyValueStore } from '../../client/src/review/token.ts';

function memoryStore(): KeyValueStore & { keys(): string[] } {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k), keys: () => [...m.keys()] };
}

describe('review token storage', () => {
  it('saves the trimmed token and name, and forgets both', () => {
    const s = memoryStore();
    expect(getToken(s)).toBeNull();
    saveToken('  secret-token-0123456789 ', ' Ana ', s);
    expect(getToken(s)).toBe('secret-token-0123456789');
    expect(getReviewer(s)).toBe('Ana');
    forgetToken(s);
    expect([getToken(s), getReviewer(s), s.keys().length]).toEqual([null, null, 0]);
  });

  it('a blank name clears the old one; a blank token stores nothing', () => {
    const s = memoryStore();
    saveToken('t0123456789abcdef', 'Ana', s);
    saveToken('t0123456789abcdef', '  ', s);
    expect(getReviewer(s)).toBeNull();
    saveToken(' ', '', s);
    expect(getToken(s)).toBeNull();
  });

  it('with no storage (blocked), keeps them in memory', () => {
    saveToken('mem-token-0123456789', 'Bo', null);
    expect([getToken(null), getReviewer(null)]).toEqual(['mem-token-0123456789', 'Bo']);
    forgetToken(null);
    expect(getToken(null)).toBeNull();
  });
});
