/** Every relation kind the schema declares has its own edge style and legend label in the explorer. */
import { describe, expect, it } from 'vitest';
import { EDGE_KIND_STYLE, edgeStyle } from '../../client/src/settings.ts';
import { RELATION_KINDS } from '../../cypher/schema.ts';

describe('edge styles', () => {
  it('cover every relation kind of the schema, each distinct from the fallback', () => {
    for (const kind of RELATION_KINDS) {
      expect(EDGE_KIND_STYLE[kind], kind).toBeDefined();
      expect(edgeStyle(kind)).not.toBe(EDGE_KIND_STYLE.related);
      expect(edgeStyle(kind).label.length).toBeGreaterThan(0);
    }
  });

  it('an unknown kind falls back to the related style', () => {
    expect(edgeStyle('no-such-kind')).toBe(EDGE_KIND_STYLE.related);
  });
});
