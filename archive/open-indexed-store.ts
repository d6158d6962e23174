/**
 * Opening the graph store as an index of the archive, for every process that writes it (the
 * server's start, the CLI): a store that cannot open is moved aside and rebuilt from the archive,
 * automatically, with a log line saying so.
 *
 * "Cannot open" has two faces. An open that fails with an error is caught in-process. An open that
 * crashes the process (the native engine segfaults on some states a kill -9 during a checkpoint
 * leaves) cannot be caught, so each writer leaves a marker file (`graph.in-use`) for as long as it
 * holds the store and removes it at a clean close; a start that finds the marker of a dead process
 * first opens the store in a child process (`probe-store-child.ts`), and rebuilds when the child
 * fails or dies. A clean start pays nothing; a start after a crash pays one child process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DB_FILE, ladybugDbPath } from '../cypher/ladybug/store.ts';
import { heldByAnotherProcess } from '../cypher/ladybug/recovery.ts';
import { openStore, type StoreConfig } from '../cypher/open-store.ts';
import { StoreError, type Counts, type GraphStore } from '../cypher/store.ts';
import { ArticleArchive } from './article-archive.ts';
import { syncIndex, type Say, type SyncReport } from './index-sync.ts';
import { fsyncDirSync } from './fsync-dir.ts';

/** Present while a process holds the store read-write; left behind by a crash. */
export const IN_USE_MARKER = 'graph.in-use';
/** Where stores that could not open are moved (never deleted). */
export const BROKEN_DIR = 'broken';

export interface IndexConfig {
  /** CLAIMGRAPH_DATA_DIR: holds the archive, and the embedded store when it is LadybugDB */
  dataDir: string;
  store: StoreConfig;
}

const PROBE = fileURLToPath(new URL('./probe-store-child.ts', import.meta.url));

function lockedError(dataDir: string): StoreError {
  return new StoreError('LOCKED', `${dataDir} is in use by another claimgraph process (is the server running?). Stop it, or point --data-dir elsewhere.`);
}

export interface ProbeResult {
  ok: boolean;
  code: string | null;
  message: string;
  backfilled?: number;
}

/** Opens the store in a child process (recovery, sweep, a count, archive backfill), so a crash costs only the child. */
export function probeStore(dataDir: string): Promise<ProbeResult> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, PROBE, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => resolve({ ok: false, code: 'PROBE_FAILED', message: `could not start the probe: ${e.message}` }));
    child.on('exit', (code, signal) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        try {
          const r = JSON.parse(line) as ProbeResult;
          if (r.ok && code === 0) return resolve(r);
          if (!r.ok) return resolve(r);
        } catch {
          // fall through: report how the child ended
        }
      }
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      resolve({ ok: false, code: signal ?? 'CRASHED', message: `opening the store ${how}${err.trim() ? `: ${err.trim().split('\n').slice(-3).join(' ')}` : ''}` });
    });
  });
}

/** Moves the LadybugDB files aside into broken/<time>/; returns that directory (null: nothing to move). */
export function moveStoreAside(dataDir: string): string | null {
  const names = fs.existsSync(dataDir) ? fs.readdirSync(dataDir).filter((n) => n.startsWith(DB_FILE)) : [];
  if (!names.length) return null;
  const dest = path.join(dataDir, BROKEN_DIR, new Date().toISOString().replace(/[:.]/g, '-'));
  fs.mkdirSync(dest, { recursive: true });
  for (const n of names) fs.renameSync(path.join(dataDir, n), path.join(dest, n));
  fsyncDirSync(dest);
  fsyncDirSync(dataDir);
  return dest;
}

export interface RebuildReport {
  /** where the old store went (null: there was none, or the store is not embedded) */
  movedTo: string | null;
  sync: SyncReport;
  counts: Counts;
}

export interface RebuildOptions {
  say?: Say;
  /** why (for the log line) */
  reason?: string;
  /** copy graph-only articles into the archive before moving the store aside, if it opens (default true) */
  backfillFirst?: boolean;
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

/**
 * Recreates the graph from the archive: the old LadybugDB files are moved to broken/<time>/ (the
 * archive is never touched but to add to it), a fresh store is filled with every archived article,
 * re-extracted (so a rebuild also applies extractor upgrades). A Neo4j store cannot be moved aside:
 * the archive is re-indexed into it (idempotent). Articles that were never archived (ingested by a
 * version without the archive into a store that no longer opens) cannot come back from here.
 */
export async function rebuildIndex(cfg: IndexConfig, opts: RebuildOptions = {}): Promise<RebuildReport> {
  const say = opts.say ?? (() => undefined);
  const archive = ArticleArchive.at(cfg.dataDir);
  let movedTo: string | null = null;
  if (cfg.store.kind === 'ladybug') {
    const dbPath = ladybugDbPath(cfg.dataDir);
    if (heldByAnotherProcess(dbPath)) throw lockedError(cfg.dataDir);
    if ((opts.backfillFirst ?? true) && fs.existsSync(dbPath)) {
      const probe = await probeStore(cfg.dataDir);
      if (probe.ok && probe.backfilled) say('info', `archived ${probe.backfilled} article(s) that were only in the old graph`);
      if (!probe.ok && probe.code === 'LOCKED') throw lockedError(cfg.dataDir);
    }
    movedTo = moveStoreAside(cfg.dataDir);
    say(
      'warn',
      `rebuilding the graph from the archive (${archive.ids().length} article(s))${opts.reason ? `: ${opts.reason}` : ''}` +
        (movedTo ? `; the old store is kept in ${movedTo}` : ''),
    );
  } else {
    say('warn', `re-indexing the archive (${archive.ids().length} article(s)) into ${cfg.store.kind}${opts.reason ? `: ${opts.reason}` : ''}`);
  }
  const store = await openStore(cfg.store);
  try {
    const sync = await syncIndex(archive, store, { say, onProgress: opts.onProgress, batchSize: opts.batchSize });
    const counts = await store.counts();
    say(
      'info',
      `rebuilt the graph from the archive: ${counts.nodes.Article} articles, ${counts.nodes.Statement} statements, ${counts.nodes.Actor} actors in ${(sync.ms / 1000).toFixed(1)} s` +
        (sync.failed.length ? ` (${sync.failed.length} archived article(s) failed to index)` : ''),
    );
    if (archive.ids().length === 0) {
      say('warn', 'the archive holds no article: articles ingested before the archive existed cannot be rebuilt from it; re-ingest them from their files');
    }
    return { movedTo, sync, counts };
  } finally {
    await store.close();
  }
}

export interface PreparedIndex {
  /** true when the store was rebuilt from the archive */
  rebuilt: boolean;
  /** Removes the in-use marker; call after the store is closed cleanly. */
  release(): void;
}

/**
 * Before a writer opens the store: refuses when another process holds it, rebuilds it when the
 * last holder died and the store no longer opens, then marks it in use.
 */
export async function prepareIndex(cfg: IndexConfig, say: Say = () => undefined): Promise<PreparedIndex> {
  const archive = ArticleArchive.at(cfg.dataDir);
  const removed = archive.cleanStaging();
  if (removed) say('info', `removed ${removed} unfinished archive write(s) of a process that died (never acknowledged)`);
  if (cfg.store.kind !== 'ladybug') return { rebuilt: false, release: () => undefined };
  const dbPath = ladybugDbPath(cfg.dataDir);
  if (heldByAnotherProcess(dbPath)) throw lockedError(cfg.dataDir);
  const marker = path.join(cfg.dataDir, IN_USE_MARKER);
  let rebuilt = false;
  if (fs.existsSync(marker) && fs.existsSync(dbPath)) {
    say('warn', 'the graph store was not closed cleanly (a crash or a kill): checking that it opens, in a separate process');
    const probe = await probeStore(cfg.dataDir);
    if (probe.ok) {
      say('info', 'the graph store opens');
    } else if (probe.code === 'LOCKED') {
      throw lockedError(cfg.dataDir);
    } else {
      await rebuildIndex(cfg, { say, reason: `the store cannot open (${probe.message})`, backfillFirst: false });
      rebuilt = true;
    }
  }
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  fs.writeFileSync(marker, `${JSON.stringify({ pid: process.pid, since: new Date().toISOString() })}\n`);
  fsyncDirSync(cfg.dataDir);
  return { rebuilt, release: () => fs.rmSync(marker, { force: true }) };
}

/**
 * Opens the store for a writer (after `prepareIndex`): an open that fails (not LOCKED) rebuilds
 * the store from the archive and opens the rebuilt one. Then the graph is brought in line with the
 * archive (syncIndex).
 */
export async function openIndexedStore(cfg: IndexConfig, say: Say = () => undefined): Promise<{ store: GraphStore; rebuilt: boolean; sync: SyncReport }> {
  let store: GraphStore;
  let rebuilt = false;
  try {
    store = await openStore(cfg.store);
  } catch (err) {
    if (!(err instanceof StoreError) || err.code === 'LOCKED' || cfg.store.kind !== 'ladybug') throw err;
    await rebuildIndex(cfg, { say, reason: `the store cannot open (${err.message})`, backfillFirst: false });
    rebuilt = true;
    store = await openStore(cfg.store);
  }
  try {
    const sync = await syncIndex(ArticleArchive.at(cfg.dataDir), store, { say });
    return { store, rebuilt, sync };
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}
