import { describe, expect, it } from 'vitest';
import { settings } from '../../client/src/settings.ts';
import { levelOfDetail } from '../../client/src/state/level-of-detail.ts';

describe('level of detail', () => {
  it('keeps shapes and curved arrows for the graphs the server usually sends, points and lines for big ones', () => {
    const t = settings.graph.lodEdgeThreshold;
    expect(levelOfDetail(160, t)).toBe('full');
    expect(levelOfDetail(t, t)).toBe('full');
    expect(levelOfDetail(t + 1, t)).toBe('points');
    expect(levelOfDetail(20_000, t)).toBe('points');
  });
});
