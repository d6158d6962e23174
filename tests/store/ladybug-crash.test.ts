import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import lbug, { type QueryResult } from '@ladybugdb/core';
import { LadybugStore, ladybugDbPath } from '../../cypher/ladybug/store.ts';
import { manyArticles } from './fixtures.ts';
import { startChild } from './helpers/spawn.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-crash-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const BATCH = 600;

describe('LadybugStore after SIGKILL in the middle of a write', () => {
  it('reopens with no incomplete article, and a re-ingest gives the counts of a clean run', async () => {
    const dir = tmp();
    const child = startChild('write', dir, '0', String(BATCH), '3');
    // Batch 0 completes; kill batch 1 once its articles and statements are in, before its relationships.
    await child.waitFor((l) => l === 'done 0');
    await child.waitFor((l) => l === 'start 1');
    let statementSteps = 0;
    await child.waitFor((l) => l === 'step Statement' && ++statementSteps === 2);
    const killedMidWrite = !child.lines.includes('done 1');
    child.proc.kill('SIGKILL');
    await child.exited;
    expect(killedMidWrite).toBe(true);

    // What the kill left on disk, before any sweep: batch 1's articles half-written.
    const raw = new lbug.Database(ladybugDbPath(dir), 64 * 1024 * 1024, true, true);
    const conn = new lbug.Connection(raw);
    const res = (await conn.query('MATCH (a:Article) WHERE a.complete = false RETURN count(a) AS n')) as QueryResult;
    const halfWritten = Number((await res.getAll())[0]!.n);
    await conn.close();
    await raw.close();
    console.log(`[crash] articles left incomplete by the kill: ${halfWritten}`);
    expect(halfWritten).toBeGreaterThan(0);

    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: 256 * 1024 * 1024 });
    await store.open();
    try {
      const incomplete = await store.read<{ n: number }>({ text: 'MATCH (a:Article) WHERE a.complete <> true RETURN count(a) AS n', params: {} });
      expect(incomplete[0]!.n).toBe(0);
      // Batch 0 survived whole; nothing of batch 1 is left half-written.
      const c = await store.counts();
      expect(c.nodes.Article % BATCH).toBe(0);
      expect(c.nodes.Article).toBeGreaterThanOrEqual(BATCH);
      expect(c.nodes.Statement).toBe(c.nodes.Article * 5);
      const stray = await store.read<{ n: number }>({
        text: 'MATCH (s:Statement) WHERE NOT EXISTS { MATCH (s)-[:REPORTED_IN]->(:Article) } RETURN count(s) AS n',
        params: {},
      });
      expect(stray[0]!.n).toBe(0);
      const strayRels = await store.read<{ n: number }>({
        text: 'MATCH ()-[r:SAID]->() WHERE NOT EXISTS { MATCH (a:Article) WHERE a.id = r.articleId } RETURN count(r) AS n',
        params: {},
      });
      expect(strayRels[0]!.n).toBe(0);

      // Re-ingest everything: same counts as a clean run into a fresh directory.
      for (let i = 0; i < 3; i++) await store.write(manyArticles(i * BATCH, BATCH));
      const after = await store.counts();
      const clean = new LadybugStore({ dataDir: tmp(), bufferPoolBytes: 256 * 1024 * 1024 });
      await clean.open();
      for (let i = 0; i < 3; i++) await clean.write(manyArticles(i * BATCH, BATCH));
      const expected = await clean.counts();
      await clean.close();
      expect(after).toEqual(expected);
    } finally {
      await store.close();
    }
  });
});
