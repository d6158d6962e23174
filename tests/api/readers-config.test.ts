/** CLAIMGRAPH_READERS: the LadybugDB read pool's size (issue 10), default 3, 1–64. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('CLAIMGRAPH_READERS', () => {
  it('defaults to 3 and takes a count', () => {
    expect(loadConfig({}).readers).toBe(3);
    expect(loadConfig({ CLAIMGRAPH_READERS: '5' }).readers).toBe(5);
    expect(loadConfig({ CLAIMGRAPH_READERS: '' }).readers).toBe(3);
  });

  it('refuses 0, fractions and words, naming the variable', () => {
    for (const bad of ['0', '2.5', 'many', '65']) {
      expect(() => loadConfig({ CLAIMGRAPH_READERS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ CLAIMGRAPH_READERS: bad }), bad).toThrow(/CLAIMGRAPH_READERS/);
    }
  });
});
