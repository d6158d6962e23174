import { describe, expect, it } from 'vitest';
import { NODE_TABLES, REL_TABLES } from '../../cypher/schema.ts';
import { EXAMPLE_QUERIES } from '../../client/src/console/example-queries.ts';

describe('console example queries', () => {
  it('use only labels, relationship types and properties of the real schema', () => {
    for (const { title, query } of EXAMPLE_QUERIES) {
      const vars = new Map<string, string>();
      for (const m of query.matchAll(/\((\w*):(\w+)/g)) {
        expect(Object.keys(NODE_TABLES), `${title}: node label ${m[2]}`).toContain(m[2]);
        if (m[1]) vars.set(m[1], m[2]!);
      }
      for (const m of query.matchAll(/\[(\w*):(\w+)/g)) {
        expect(Object.keys(REL_TABLES), `${title}: rel type ${m[2]}`).toContain(m[2]);
        if (m[1]) vars.set(m[1], m[2]!);
      }
      for (const m of query.matchAll(/\b(\w+)\.(\w+)\b/g)) {
        const table = vars.get(m[1]!);
        if (!table) continue;
        const props = table in NODE_TABLES ? NODE_TABLES[table as keyof typeof NODE_TABLES].props : REL_TABLES[table as keyof typeof REL_TABLES].props;
        expect(Object.keys(props), `${title}: ${m[0]}`).toContain(m[2]);
      }
    }
  });
});
