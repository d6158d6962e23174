/**
 * Issue 10: the unfiltered actors view (the explorer's opening view) is computed once per store
 * version even with the read cache off, shared by concurrent requests, dropped by every write
 * (cache.invalidate), and never kept when it failed; filtered and one-actor views are not kept.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LadybugStore } from '../../cypher/ladybug/store.ts';
import type { CypherQuery, GraphStore } from '../../cypher/store.ts';
import { loadConfig } from '../../server/config.ts';
import { ResultCache, type Deps } from '../../server/usecases/deps.ts';
import { buildGraph } from '../../server/usecases/graph.ts';
import { GraphQuery } from '../../server/contract.ts';
import { articleRecords, manyArticles } from '../store/fixtures.ts';
import { tmpDirs } from '../store/helpers/tmp-dirs.ts';

const tmp = tmpDirs('claimgraph-default-view-');
let store: LadybugStore;
let deps: Deps;
/** reads of the actors view's ranking query (the first query of every actors view without a centre) */
let rankings = 0;
let failNext = false;

beforeAll(async () => {
  const dir = tmp();
  store = new LadybugStore({ dataDir: dir, bufferPoolBytes: 128 * 1024 * 1024 });
  await store.open();
  await store.write(manyArticles(0, 20, 3));
  const counting: GraphStore = Object.create(store) as GraphStore;
  counting.read = async <T,>(q: CypherQuery<T> | CypherQuery): Promise<T[]> => {
    if (q.text.startsWith('MATCH (a:Actor)') && q.text.includes('AS degree') && q.text.endsWith('LIMIT $limit')) {
      rankings++;
      if (failNext) {
        failNext = false;
        throw new Error('injected failure');
      }
    }
    return store.read<T>(q);
  };
  deps = { store: counting, config: loadConfig({}, { CLAIMGRAPH_DATA_DIR: dir, CLAIMGRAPH_CORPUS: '', CLAIMGRAPH_CACHE_MB: 0 }), logger: pino({ level: 'silent' }), cache: new ResultCache(0) };
});
afterAll(async () => {
  await store.close();
});

const view = (q: Record<string, string> = {}) => buildGraph(deps, GraphQuery.parse(q));
const nodeKeys = (r: Awaited<ReturnType<typeof view>>) => r.graph.nodes.map((n) => n.key).sort();

describe('the default actors view', () => {
  it('is computed once per store version, shared by concurrent requests', async () => {
    rankings = 0;
    const [a, b] = await Promise.all([view(), view()]);
    const c = await view();
    expect(rankings).toBe(1);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a.graph.nodes.length).toBeGreaterThan(10);
    // another limit is another view
    await view({ limit: '5' });
    expect(rankings).toBe(2);
  });

  it('is recomputed after a write and shows it', async () => {
    const before = await view();
    rankings = 0;
    await store.write(articleRecords(500, { actors: ['newly-quoted-speaker', 'newly-named-group'] }));
    deps.cache.invalidate();
    const after = await view();
    expect(rankings).toBe(1);
    expect(after.totalNodes).toBeGreaterThan(before.totalNodes);
    expect(nodeKeys(before)).not.toContain('newly-quoted-speaker');
    expect(nodeKeys(after)).toContain('newly-quoted-speaker');
  });

  it('keeps no failure: the next request computes it again', async () => {
    deps.cache.invalidate();
    rankings = 0;
    failNext = true;
    await expect(view()).rejects.toThrow('injected failure');
    const ok = await view();
    expect(rankings).toBe(2);
    expect(ok.graph.nodes.length).toBeGreaterThan(10);
  });

  it('keeps neither filtered nor one-actor views', async () => {
    rankings = 0;
    await view({ types: 'person' });
    await view({ types: 'person' });
    expect(rankings).toBe(2);
    const centre = (await view()).graph.nodes[0]!.key;
    rankings = 0;
    const one = await view({ actor: centre });
    expect(one.graph.nodes.map((n) => n.key)).toContain(centre);
    expect(rankings).toBe(0);
  });
});
