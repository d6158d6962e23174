/**
 * The write path whose cost does not grow with the store (issue 10): actors merged by primary-key
 * lookup (no MERGE, no rescan), checkpoints on a budget instead of after every write, and what
 * that must not cost: an acknowledged write survives a SIGKILL before any checkpoint, the console's
 * read-only readers still see every write, a clean close leaves no WAL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import lbug from '@ladybugdb/core';
import { actorUpdate, planActors } from '../../cypher/ladybug/batch.ts';
import { LadybugStore, ladybugDbPath, relRowsStatement, actorUpdateStatement } from '../../cypher/ladybug/store.ts';
import type { ActorNode } from '../../cypher/schema.ts';
import { articleRecords, manyArticles, mergeRecords } from './fixtures.ts';
import { startChild } from './helpers/spawn.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-writepath-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const BUFFER = 256 * 1024 * 1024;
const actor = (over: Partial<ActorNode>): ActorNode => ({ id: 'a', name: 'A', type: 'person', aliases: [], description: null, affiliation: null, ...over });

describe('actor merge plan (pure)', () => {
  it('adds nothing for an actor seen before with nothing new', () => {
    expect(actorUpdate({ id: 'a', aliases: ['A', 'Mr A'], description: 'd', affiliation: null }, actor({ aliases: ['Mr A'], description: 'other' }))).toBeNull();
  });
  it('unites aliases in stored order, keeps a stored description, fills a missing affiliation', () => {
    expect(actorUpdate({ id: 'a', aliases: ['A'], description: 'd', affiliation: null }, actor({ aliases: ['B', 'A', 'B'], description: 'x', affiliation: 'org' }))).toEqual({
      id: 'a',
      aliases: ['A', 'B'],
      description: 'd',
      affiliation: 'org',
    });
  });
  it('splits a batch into new actors and stored ones that gain something', () => {
    const stored = new Map([
      ['old-same', { id: 'old-same', aliases: ['X'], description: null, affiliation: null }],
      ['old-more', { id: 'old-more', aliases: ['Y'], description: null, affiliation: null }],
    ]);
    const plan = planActors([actor({ id: 'new' }), actor({ id: 'old-same', aliases: ['X'] }), actor({ id: 'old-more', aliases: ['Z'] })], stored);
    expect(plan.create.map((a) => a.id)).toEqual(['new']);
    expect(plan.update).toEqual([{ id: 'old-more', aliases: ['Y', 'Z'], description: null, affiliation: null }]);
  });
  it('relationship rows: absent fields become null, fields with no value in the batch become typed constants', () => {
    const st = relRowsStatement('RELATES', [
      { from: 'a', to: 'b', date: '2020', dateFrom: '2020-01-01', dateTo: '2020-12-31', articleId: 'x', kind: 'attacks', evidence: 'e', start: 0, end: 1 },
    ]);
    expect(st.text).toContain('`title`: CAST(NULL AS STRING)');
    expect(st.params.rows[0]).not.toHaveProperty('title');
    const hp = relRowsStatement('HOLDS_POSITION', [
      { from: 'a', to: 'i', date: '2020', dateFrom: '2020-01-01', dateTo: '2020-12-31', articleId: 'x', stance: 'support', statementIds: [], evidence: null },
    ]);
    expect(hp.text).toContain('CAST([] AS STRING[])');
    // An actor update sets only the fields some row gives a value.
    expect(actorUpdateStatement([{ id: 'a', aliases: ['A'], description: null, affiliation: null }]).text).not.toMatch(/description|affiliation/);
  });
});

describe('LadybugStore write path', () => {
  it('merges actors across writes as MERGE did: aliases united, first details kept, missing ones filled', async () => {
    const store = new LadybugStore({ dataDir: tmp(), bufferPoolBytes: BUFFER });
    await store.open();
    try {
      // article 0 has description null; later articles bring one, and an extra alias.
      await store.write(articleRecords(0, { actors: ['p-1', 'p-2'] }));
      await store.write(articleRecords(1, { actors: ['p-1', 'p-3'], alias: 'The One' }));
      await store.write(mergeRecords(articleRecords(2, { actors: ['p-1'], alias: 'Again' }), articleRecords(3, { actors: ['p-2'] })));
      const rows = await store.read<{ id: string; aliases: string[]; description: string | null }>({
        text: 'MATCH (a:Actor) RETURN a.id AS id, a.aliases AS aliases, a.description AS description ORDER BY id',
        params: {},
      });
      expect(rows).toEqual([
        { id: 'p-1', aliases: ['P-1', 'The One', 'Again'], description: 'desc of p-1 from 1' },
        { id: 'p-2', aliases: ['P-2'], description: 'desc of p-2 from 3' },
        { id: 'p-3', aliases: ['P-3', 'The One'], description: 'desc of p-3 from 1' },
      ]);
      expect((await store.counts()).nodes.Actor).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('does not checkpoint after every write; flush and close do, and tell listeners', async () => {
    const dir = tmp();
    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER, checkpoint: { walBytes: 1 << 30, idleMs: 60_000 } });
    await store.open();
    const heard: number[] = [];
    store.onCheckpoint((g) => heard.push(g));
    const before = store.checkpointStats.count;
    for (let i = 0; i < 3; i++) await store.write(manyArticles(i * 20, 20));
    expect(store.checkpointStats.count).toBe(before);
    expect(store.pendingCheckpoint).toBe(true);
    expect(fs.statSync(`${ladybugDbPath(dir)}.wal`).size).toBeGreaterThan(0);
    // Reads on the writer's database see every committed write before any checkpoint.
    expect((await store.counts()).nodes.Article).toBe(60);
    await store.flush();
    expect(store.pendingCheckpoint).toBe(false);
    expect(heard).toEqual([store.generation]);
    // What the console's children need: a read-only open of the file, with every write in it.
    const ro = new lbug.Database(ladybugDbPath(dir), 64 * 1024 * 1024, true, true);
    const conn = new lbug.Connection(ro);
    const res = await conn.query('MATCH (a:Article) RETURN count(a) AS n');
    expect(Number((await (Array.isArray(res) ? res[0]! : res).getAll())[0]!.n)).toBe(60);
    await conn.close();
    await ro.close();
    await store.write(manyArticles(60, 5));
    await store.close();
    expect(heard.length).toBe(2);
    const wal = `${ladybugDbPath(dir)}.wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
  });

  it('checkpoints by itself once writes pause (idle budget)', async () => {
    const store = new LadybugStore({ dataDir: tmp(), bufferPoolBytes: BUFFER, checkpoint: { walBytes: 1 << 30, idleMs: 200 } });
    await store.open();
    try {
      const before = store.checkpointStats.count;
      await store.write(manyArticles(0, 10));
      await store.write(manyArticles(10, 10));
      const until = Date.now() + 10_000;
      while (store.pendingCheckpoint && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(store.pendingCheckpoint).toBe(false);
      // one checkpoint for the two writes, not one each
      expect(store.checkpointStats.count).toBe(before + 1);
    } finally {
      await store.close();
    }
  });

  it('an acknowledged write survives SIGKILL before any checkpoint (WAL replay), and the half-written one is swept', async () => {
    const dir = tmp();
    // The child's default policy: no checkpoint for minutes of writes below 256 MiB of WAL.
    const child = startChild('write', dir, '0', '200', '4');
    await child.waitFor((l) => l === 'done 1');
    await child.waitFor((l) => l === 'step Statement' && child.lines.filter((x) => x === 'step Statement').length === 3);
    child.proc.kill('SIGKILL');
    await child.exited;
    const acknowledged = child.lines.filter((l) => l.startsWith('done ')).length;
    expect(acknowledged).toBeGreaterThanOrEqual(2);
    expect(fs.statSync(`${ladybugDbPath(dir)}.wal`).size).toBeGreaterThan(0);
    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    await store.open();
    try {
      const c = await store.counts();
      // Every acknowledged batch whole, the killed one gone (a batch acknowledged after the step line may be there too).
      expect(c.nodes.Article % 200).toBe(0);
      expect(c.nodes.Article).toBeGreaterThanOrEqual(acknowledged * 200);
      expect(c.nodes.Statement).toBe(c.nodes.Article * 5);
      const incomplete = await store.read<{ n: number }>({ text: 'MATCH (a:Article) WHERE a.complete <> true RETURN count(a) AS n', params: {} });
      expect(incomplete[0]!.n).toBe(0);
      for (let i = 0; i < acknowledged; i++) expect(await store.hasArticle(`art-${i * 200 + 199}`)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
