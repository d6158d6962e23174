/**
 * The console's second layer, attacked as if the guard had a hole: queries go straight to a worker
 * (or to a bare process in the same sandbox), never through guard.ts. A canary file with a secret
 * sits outside the database; nothing may read it. The store's counts are checked after each attack.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_PATHS, LadybugConsoleRunner, maxDbBytesFor, workerNodeArgs } from '../../cypher/console/ladybug-runner.ts';
import type { RunReply, RunRequest } from '../../cypher/console/ladybug-worker.ts';
import { planSandbox, spawnSandboxed, type SandboxPlan } from '../../cypher/console/sandbox.ts';
import { LadybugStore } from '../../cypher/ladybug/store.ts';
import { StoreError, type ConsoleLimits, type Counts } from '../../cypher/store.ts';
import { articleRecords, manyArticles, mergeRecords } from './fixtures.ts';
import { processTree } from '../../bench/proc-tree.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = `CANARY-${process.pid}-${Date.now()}`;
const LIMITS: ConsoleLimits = { timeoutMs: 8000, maxRows: 50, maxBytes: 200_000 };

let dir: string;
let secretDir: string;
let canary: string;
let rootOnly: string;
let store: LadybugStore;
let runner: LadybugConsoleRunner;
let baseline: Counts;
let plan: SandboxPlan;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-sandbox-db-'));
  secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-sandbox-secret-'));
  // World-readable, like /etc/passwd: only the namespaces keep it out of reach.
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(secretDir, 0o755);
  canary = path.join(secretDir, 'canary.csv');
  fs.writeFileSync(canary, `${SECRET},x\n${SECRET},y\n`, { mode: 0o644 });
  rootOnly = path.join(secretDir, 'root-only.csv');
  fs.writeFileSync(rootOnly, `${SECRET},z\n`, { mode: 0o600 });
  store = new LadybugStore({ dataDir: dir, bufferPoolBytes: 256 * 1024 * 1024 });
  await store.open();
  await store.write(mergeRecords(articleRecords(1), articleRecords(2), manyArticles(10, 60)));
  runner = new LadybugConsoleRunner({ dbPath: store.dbPath, poolSize: 1 });
  (store as unknown as { consoleRunner: LadybugConsoleRunner }).consoleRunner = runner;
  baseline = await store.counts();
  plan = runner.sandbox;
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(secretDir, { recursive: true, force: true });
});

function messages(proc: ChildProcess): Promise<unknown[]> & { next: (n: number) => Promise<unknown[]> } {
  const got: unknown[] = [];
  proc.on('message', (m) => got.push(m));
  const next = (n: number) =>
    new Promise<unknown[]>((resolve, reject) => {
      const t0 = Date.now();
      const check = () => {
        if (got.length >= n) resolve(got.slice());
        else if (proc.exitCode !== null || proc.signalCode !== null) resolve(got.slice());
        else if (Date.now() - t0 > 30_000) reject(new Error(`timed out; got ${JSON.stringify(got)}`));
        else setTimeout(check, 20);
      };
      check();
    });
  return Object.assign(Promise.resolve(got), { next });
}

const exited = (proc: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve({ code: proc.exitCode, signal: proc.signalCode });
    else proc.once('exit', (code, signal) => resolve({ code, signal }));
  });

describe('console sandbox', () => {
  it('is the namespace sandbox here, as an unprivileged uid when the server is root', () => {
    // CI installs bubblewrap (.ci/run); without it the weaker modes are documented in the README.
    expect(plan.mode, plan.describe).toBe('bwrap');
    if (process.getuid?.() === 0) expect(plan.uid).toBe(65534);
    expect(plan.dataLimitBytes).toBeGreaterThan(0);
  });

  it('a process in the sandbox cannot read files beyond the database, even running LOAD FROM with no guard and no plan check', async () => {
    const lbug = path.join(REPO, 'node_modules/@ladybugdb/core/index.js');
    const script = `
      const fs = require('fs');
      const out = {};
      const tryRead = (p) => { try { return fs.readFileSync(p, 'utf8'); } catch (e) { return 'ERR ' + e.code; } };
      out.canary = tryRead(${JSON.stringify(canary)});
      out.rootOnly = tryRead(${JSON.stringify(rootOnly)});
      out.passwd = tryRead('/etc/passwd');
      out.git = tryRead(${JSON.stringify(path.join(REPO, '.git/HEAD'))});
      out.readme = tryRead(${JSON.stringify(path.join(REPO, 'README.md'))});
      out.root = fs.readdirSync('/').sort();
      out.uid = process.getuid();
      try { fs.writeFileSync(${JSON.stringify(path.join(dir, 'planted'))}, 'x'); out.write = 'written'; } catch (e) { out.write = 'ERR ' + e.code; }
      const lbug = require(${JSON.stringify(lbug)});
      (async () => {
        const db = new lbug.Database(${JSON.stringify(store.dbPath)}, 64 * 1024 * 1024, true, true, ${maxDbBytesFor(store.dbPath)});
        await db.init();
        const c = new lbug.Connection(db, 1);
        await c.init();
        const q = async (text) => { try { const r = await c.query(text); return JSON.stringify(await r.getAll()); } catch (e) { return 'ERR ' + e.message; } };
        out.count = await q('MATCH (a:Actor) RETURN count(a) AS n');
        out.load = await q(${JSON.stringify(`LOAD FROM '${canary}' (header=false) RETURN *`)});
        out.glued = await q(${JSON.stringify(`UNWIND [1] AS x WITH x LIMIT 1LOAD FROM "${canary}" (header=false) RETURN *`)});
        out.copy = await q(${JSON.stringify(`COPY (MATCH (a:Actor) RETURN a.id) TO '${path.join(secretDir, 'leak.csv')}'`)});
        process.send(out, () => process.exit(0));
      })().catch((e) => process.send({ fatal: String(e) }, () => process.exit(1)));`;
    const proc = spawnSandboxed(plan, { nodeArgs: [process.execPath, '-e', script], dbDir: dir, codePaths: CODE_PATHS, dataLimitBytes: plan.dataLimitBytes });
    const [out] = (await messages(proc).next(1)) as Record<string, unknown>[];
    await exited(proc);
    expect(out, JSON.stringify(out)).toBeDefined();
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(out!.canary).toBe('ERR ENOENT');
    expect(out!.rootOnly).toBe('ERR ENOENT');
    expect(out!.passwd).toBe('ERR ENOENT');
    expect(out!.git).toBe('ERR ENOENT');
    expect(out!.readme).toBe('ERR ENOENT');
    expect(out!.root).not.toContain('etc');
    expect(out!.root).not.toContain('home');
    expect(out!.root).not.toContain('root');
    expect(out!.write).toMatch(/^ERR (EROFS|EACCES)$/);
    expect(out!.count).toBe(JSON.stringify([{ n: baseline.nodes.Actor }]));
    expect(out!.load).toMatch(/^ERR /);
    expect(out!.glued).toMatch(/^ERR /);
    expect(out!.copy).toMatch(/^ERR /);
    if (plan.uid !== null) expect(out!.uid).toBe(plan.uid);
    expect(fs.existsSync(path.join(secretDir, 'leak.csv'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'planted'))).toBe(false);
    expect(await store.counts()).toEqual(baseline);
  });

  it('the worker refuses, from its own plan, file reads the guard would have let through', async () => {
    const proc = spawnSandboxed(plan, { nodeArgs: workerNodeArgs(), dbDir: dir, codePaths: CODE_PATHS, dataLimitBytes: plan.dataLimitBytes });
    try {
      const inbox = messages(proc);
      await inbox.next(1); // ready
      const base: Omit<RunRequest, 'id' | 'query'> = {
        type: 'run', dbPath: store.dbPath, generation: 1, bufferPoolBytes: 64 * 1024 * 1024, maxDbBytes: maxDbBytesFor(store.dbPath), params: {}, maxRows: 10, maxBytes: 100_000,
      };
      // package.json is inside the sandbox (bound read-only with the code): only the plan check stops these.
      const inside = path.join(REPO, 'package.json');
      const planAttacks = [
        `LOAD FROM '${inside}' (header=false, delim="|", file_format="csv") RETURN *`,
        `UNWIND [1] AS x WITH x LIMIT 1LOAD FROM "${inside}" (header=false, delim="|", file_format="csv") RETURN *`,
        `COPY (MATCH (a:Actor) RETURN a.id) TO '/tmp/leak.csv'`,
        "CALL current_setting('home_directory') RETURN *",
        'CALL file_info() RETURN *',
      ];
      planAttacks.forEach((query, i) => proc.send({ ...base, id: 100 + i, query }));
      const planReplies = ((await inbox.next(1 + planAttacks.length)).slice(1) as RunReply[]).sort((a, b) => a.id - b.id);
      for (const r of planReplies) {
        expect(r.type, JSON.stringify(r)).toBe('error');
        expect((r as { code: string }).code, JSON.stringify(r)).toBe('QUERY_REFUSED');
        expect(JSON.stringify(r)).not.toContain('"name": "claimgraph"');
      }
      expect((planReplies[0] as { message: string }).message).toMatch(/table function READ_CSV/);
      expect((planReplies[2] as { message: string }).message).toMatch(/COPY_TO/);
      const attacks = [
        `LOAD FROM '${canary}' (header=false) RETURN *`,
        `UNWIND [1] AS x WITH x LIMIT 1LOAD FROM "${canary}" (header=false, delim=",", file_format="csv") RETURN *`,
        `UNWIND [1] AS x WITH x LIMIT $1LOAD FROM "${canary}" (header=false) RETURN *`,
        `COPY (MATCH (a:Actor) RETURN a.id) TO '${path.join(secretDir, 'leak.csv')}'`,
        `LOAD FROM '/etc/passwd' (header=false, delim=":") RETURN *`,
      ];
      // Outside the sandbox's file system these files do not exist at all.
      attacks.forEach((query, i) => proc.send({ ...base, id: i + 1, query, params: i === 2 ? { 1: 1 } : {} }));
      const n0 = 1 + planAttacks.length;
      const replies = ((await inbox.next(n0 + attacks.length)).slice(n0) as RunReply[]).sort((a, b) => a.id - b.id);
      expect(replies).toHaveLength(attacks.length);
      for (const r of replies) {
        expect(JSON.stringify(r)).not.toContain(SECRET);
        expect(r.type, JSON.stringify(r)).toBe('error');
        expect(['QUERY_REFUSED', 'QUERY_FAILED']).toContain((r as { code: string }).code);
      }
      // still serving ordinary queries
      proc.send({ ...base, id: 999, query: 'MATCH (a:Actor) RETURN count(a) AS n' });
      const last = (await inbox.next(n0 + attacks.length + 1)).at(-1) as RunReply;
      expect(last).toMatchObject({ type: 'result', id: 999, rows: [[baseline.nodes.Actor]] });
      expect(fs.existsSync(path.join(secretDir, 'leak.csv'))).toBe(false);
      expect(await store.counts()).toEqual(baseline);
    } finally {
      proc.kill('SIGKILL');
    }
  });

  it('a worker that crashes on an unguarded table function takes nothing with it, and nothing leaks', async () => {
    // LadybugDB 0.19.1 segfaults while preparing a CALL of read_csv_serial.
    const proc = spawnSandboxed(plan, { nodeArgs: workerNodeArgs(), dbDir: dir, codePaths: CODE_PATHS, dataLimitBytes: plan.dataLimitBytes });
    const inbox = messages(proc);
    await inbox.next(1);
    proc.send({
      type: 'run', id: 1, dbPath: store.dbPath, generation: 1, bufferPoolBytes: 64 * 1024 * 1024, maxDbBytes: maxDbBytesFor(store.dbPath),
      query: `CALL read_csv_serial('${canary}') RETURN *`, params: {}, maxRows: 10, maxBytes: 100_000,
    });
    const replies = await inbox.next(2);
    const end = await Promise.race([exited(proc), new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
    proc.kill('SIGKILL');
    expect(JSON.stringify(replies)).not.toContain(SECRET);
    // Either the engine crashed (the usual outcome) or it answered with an error: never with the file.
    if (end) expect(end.code === 139 || end.signal === 'SIGSEGV' || end.code === 0).toBe(true);
    expect(await store.counts()).toEqual(baseline);
  });
});

describe('console through the runner: crashes and memory', () => {
  it('a query that crashes the native engine gets an honest message, and the console recovers', async () => {
    const q = 'MATCH (a:Actor)-[r]->(b) RETURN a.id, count(DISTINCT b), collect(r)';
    const err = (await store.runConsole(q, {}, LIMITS).catch((e: unknown) => e)) as StoreError;
    // 0.19.1 segfaults here; should a later version answer, the test says so instead of passing silently.
    expect(err, 'the engine no longer crashes on this query: update README "Known issues"').toBeInstanceOf(StoreError);
    expect(err.code).toBe('QUERY_FAILED');
    expect(err.message).toMatch(/^the database engine crashed on this query \(signal SIGSEGV\)/);
    expect(err.message).not.toMatch(/out of memory/);
    expect((await store.runConsole('RETURN 1 AS one', {}, LIMITS)).rows).toEqual([[1]]);
    expect(await store.counts()).toEqual(baseline);
  });

  it('a memory bomb stays under the worker limit and is stopped with a memory error', async () => {
    await store.runConsole('RETURN 1', {}, LIMITS);
    const pid = runner.pids[0]!;
    let peakKb = 0;
    const sample = setInterval(() => {
      for (const p of processTree(pid)) {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
          if (m) peakKb = Math.max(peakKb, Number(m[1]));
        } catch {
          // exited
        }
      }
    }, 10);
    const err = (await store.runConsole('UNWIND range(1, 30000000) AS x RETURN collect(x) AS c', {}, { ...LIMITS, timeoutMs: 20_000 }).catch((e: unknown) => e)) as StoreError;
    clearInterval(sample);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('QUERY_FAILED');
    expect(err.message).toMatch(/memory/);
    // measured before the limit: 2.5 GB peak within 5 s
    expect(peakKb * 1024).toBeLessThan(plan.dataLimitBytes!);
    expect((await store.runConsole('RETURN 2 AS two', {}, LIMITS)).rows).toEqual([[2]]);
    expect(await store.counts()).toEqual(baseline);
  });
});
