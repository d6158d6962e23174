/**
 * SIGKILL of a writer in the middle of a LadybugDB checkpoint, after its commit point: the shadow
 * file is complete, the CHECKPOINT record is in a fresh 42-byte `graph.lbug.wal` (the checkpoint
 * that commits a COPY: there was no WAL to rotate), and the shadow pages are not (all) applied yet.
 * @ladybugdb/core 0.19.1 deletes that shadow file on open and then fails for good with
 * "Cannot open file graph.lbug.shadow"; `LadybugStore.open()` must recover it (cypher/ladybug/recovery.ts).
 *
 * The kill is made exact, not timed: the parent watches the data directory, SIGSTOPs the child when
 * a checkpoint is under way, checks the files while the child is frozen, and SIGKILLs it only in
 * the wanted state (else SIGCONT). Linux only (/proc).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import lbug from '@ladybugdb/core';
import { LadybugStore, ladybugDbPath } from '../../cypher/ladybug/store.ts';
import { StoreError, type Counts } from '../../cypher/store.ts';
import { manyArticles } from './fixtures.ts';
import { freeze, startChild, type Child } from './helpers/spawn.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-ckpt-crash-'));
  dirs.push(d);
  return d;
}
const children: Child[] = [];
afterAll(() => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** 2000 rows per table and batch, and the writer told to COPY relationships from 2000 rows: each COPY commits by a checkpoint. */
const BATCH = 2000;
process.env.STORE_CHILD_COPY_MIN_ROWS = String(BATCH);
const BATCHES = 3;
const BUFFER = 256 * 1024 * 1024;

function listing(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    try {
      out[name] = fs.statSync(path.join(dir, name)).size;
    } catch {
      // removed meanwhile
    }
  }
  return out;
}

/** Checkpoint past its commit point, CHECKPOINT record in the active WAL, shadow not yet removed. */
function committedInActiveWal(files: Record<string, number>): boolean {
  return (files['graph.lbug.shadow'] ?? 0) > 0 && files['graph.lbug.wal'] === 42 && !('graph.lbug.wal.checkpoint' in files);
}

/**
 * Runs a writer of BATCHES batches; once batch 0 is done, catches it the first time the directory
 * is in the `committedInActiveWal` state (checked while the child is frozen), then SIGKILLs it or
 * leaves it frozen. Returns the files at that moment.
 */
async function catchAfterCheckpointCommit(dir: string, then: 'kill' | 'freeze'): Promise<{ child: Child; files: Record<string, number> }> {
  const child = startChild('write', dir, '0', String(BATCH), String(BATCHES));
  children.push(child);
  await child.waitFor((l) => l === 'done 0');
  const pid = child.proc.pid!;
  let exited = false;
  void child.exited.then(() => (exited = true));
  let busy = false;
  let caught: Record<string, number> | null = null;
  await new Promise<void>((resolve) => {
    const watcher = fs.watch(dir, () => void check());
    const timer = setInterval(() => void check(), 1);
    const finish = () => {
      watcher.close();
      clearInterval(timer);
      resolve();
    };
    void child.exited.then(finish);
    async function check() {
      if (busy || caught || exited) return;
      const pre = listing(dir);
      // A checkpoint is under way (its shadow file exists) and not a rotated one.
      if (!('graph.lbug.shadow' in pre) || 'graph.lbug.wal.checkpoint' in pre) return;
      busy = true;
      try {
        await freeze(pid);
        const files = listing(dir);
        if (committedInActiveWal(files)) {
          caught = files;
          if (then === 'kill') child.proc.kill('SIGKILL');
          finish();
        } else {
          process.kill(pid, 'SIGCONT');
        }
      } catch {
        // the child exited meanwhile
      } finally {
        busy = false;
      }
    }
  });
  if (!caught) {
    throw new Error(`the writer finished without being caught after a checkpoint's commit point; stdout: ${child.lines.slice(-5).join(' | ')}`);
  }
  if (then === 'kill') {
    await child.exited;
    // Nothing changed after the kill: what it left is what was checked while frozen.
    expect(listing(dir)).toEqual(caught);
  }
  return { child, files: caught };
}

let cleanCounts: Counts | null = null;
/** Counts of a clean run of all the batches into a fresh directory. */
async function clean(): Promise<Counts> {
  if (cleanCounts) return cleanCounts;
  const store = new LadybugStore({ dataDir: tmp(), bufferPoolBytes: BUFFER });
  await store.open();
  for (let i = 0; i < BATCHES; i++) await store.write(manyArticles(i * BATCH, BATCH));
  cleanCounts = await store.counts();
  await store.close();
  return cleanCounts;
}

describe.skipIf(process.platform !== 'linux')('LadybugStore after SIGKILL during a checkpoint (after its commit point)', () => {
  let gone: string | null = null;

  it('reopens (replaying the shadow file), holds no half-written article, and a re-ingest gives the counts of a clean run', async () => {
    const dir = tmp();
    const { child, files } = await catchAfterCheckpointCommit(dir, 'kill');
    console.log(`[ckpt-crash] killed after "${child.lines.at(-1)}" leaving ${JSON.stringify(files)}`);
    expect(Object.keys(files).sort()).toEqual([
      'graph.lbug',
      'graph.lbug.checkpoint.apply.lock',
      'graph.lbug.checkpoint.intent.lock',
      'graph.lbug.shadow',
      'graph.lbug.wal',
    ]);

    // A copy for the next test: the state after the engine's own (destructive) open.
    gone = tmp();
    fs.cpSync(dir, gone, { recursive: true });

    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    await store.open();
    try {
      expect(store.lastRecovery?.action).toBe('completed-checkpoint');
      // The engine replayed the shadow file and removed it and the frozen WAL.
      expect(Object.keys(listing(dir))).toEqual(['graph.lbug']);

      const incomplete = await store.read<{ n: number }>({ text: 'MATCH (a:Article) WHERE a.complete <> true RETURN count(a) AS n', params: {} });
      expect(incomplete[0]!.n).toBe(0);
      const c = await store.counts();
      // Batch 0 survived whole (it was done before the kill); nothing of a later batch is half-written.
      expect(c.nodes.Article % BATCH).toBe(0);
      expect(c.nodes.Article).toBeGreaterThanOrEqual(BATCH);
      expect(c.nodes.Statement).toBe(c.nodes.Article * 5);
      expect(c.rels.REPORTED_IN).toBe(c.nodes.Statement);
      const strayRels = await store.read<{ n: number }>({
        text: 'MATCH ()-[r:SAID]->() WHERE NOT EXISTS { MATCH (a:Article) WHERE a.id = r.articleId } RETURN count(r) AS n',
        params: {},
      });
      expect(strayRels[0]!.n).toBe(0);

      for (let i = 0; i < BATCHES; i++) await store.write(manyArticles(i * BATCH, BATCH));
      expect(await store.counts()).toEqual(await clean());
    } finally {
      await store.close();
    }
    // And it reopens cleanly once more.
    const again = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    await again.open();
    expect(again.lastRecovery?.action).toBe('none');
    await again.close();
    // 4 stores × 3 batches of 2,000 articles: over the default 60 s on a loaded 2-core machine.
  }, 240_000);

  it('refuses, deleting nothing, once an earlier open by the engine itself has deleted the shadow file', async () => {
    expect(gone).not.toBeNull();
    const dir = gone!;
    // What @ladybugdb/core 0.19.1 does alone with that state: deletes the shadow file, then fails.
    const raw = new lbug.Database(ladybugDbPath(dir), 64 * 1024 * 1024, true, false);
    await expect(raw.init()).rejects.toThrow(/Cannot open file .*graph\.lbug\.shadow/);
    await raw.close().catch(() => undefined);
    const left = listing(dir);
    expect(left['graph.lbug.shadow']).toBeUndefined();
    expect(left['graph.lbug.wal']).toBe(42);

    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    const err = await store.open().then(
      () => null,
      (e: unknown) => e,
    );
    await store.close();
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('UNAVAILABLE');
    expect((err as StoreError).message).toMatch(/shadow file is gone/);
    expect(listing(dir)).toEqual(left);
  });

  it('a second open while a live writer is past a checkpoint commit point says LOCKED and leaves its shadow file alone', async () => {
    const dir = tmp();
    const { child, files } = await catchAfterCheckpointCommit(dir, 'freeze');
    try {
      // Another claimgraph process (a second server, a CLI ingest) opens the same directory.
      const other = startChild('open', dir);
      children.push(other);
      const line = await other.waitFor((l) => l.startsWith('{'));
      await other.exited;
      expect(JSON.parse(line)).toMatchObject({ ok: false, code: 'LOCKED' });
      // 0.19.1 alone would have deleted the writer's shadow file here, before failing on the lock.
      expect(listing(dir)).toEqual(files);
    } finally {
      process.kill(child.proc.pid!, 'SIGCONT');
    }
    // The writer finishes normally, and the store holds exactly a clean run.
    await child.waitFor((l) => l === 'closed');
    expect(await child.exited).toBe(0);
    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    await store.open();
    try {
      expect(await store.counts()).toEqual(await clean());
    } finally {
      await store.close();
    }
  }, 240_000);
});
