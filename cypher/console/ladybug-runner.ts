/**
 * Runs untrusted console queries against LadybugDB in a small pool of child processes.
 *
 * The parent guards the query (guard.ts), hands it to an idle child, and enforces the wall-clock
 * limit by SIGKILLing the child (then spawning a fresh one): LadybugDB's setQueryTimeout does not
 * interrupt every query, and a child that is killed cannot harm the server's own database handle.
 * Children open the database read-only, with a capped V8 heap, a small buffer pool and a bounded
 * database mapping, inside the sandbox of sandbox.ts (namespaces, dropped uid, RLIMIT_DATA).
 */
import fs from 'node:fs';
import { constants as osConstants } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { StoreError, type ConsoleLimits, type ConsoleResult } from '../store.ts';
import type { ConsoleRunnerLike } from '../ladybug/store.ts';
import { assertReadOnlyQuery } from './guard.ts';
import type { RunReply, RunRequest } from './ladybug-worker.ts';
import { planSandbox, spawnSandboxed, type SandboxMode, type SandboxPlan } from './sandbox.ts';
import { scrubPaths } from './scrub.ts';

export interface LadybugConsoleOptions {
  dbPath: string;
  /** Children in the pool (1–2). */
  poolSize?: number;
  /** LadybugDB buffer pool of each child (default 128 MiB): bounds what one query can hold. */
  bufferPoolBytes?: number;
  /** V8 heap cap of each child, in MiB (default 256). */
  maxOldSpaceMb?: number;
  /** Sandbox of the children (default `auto`: the strongest that works here; see sandbox.ts). */
  sandbox?: SandboxMode;
  /**
   * Memory a query may allocate beyond what a child holds at start (default 256 MiB). The child's
   * RLIMIT_DATA is its start-up footprint (Node, buffer pool, database mapping) plus this.
   * `Infinity`: no limit (the bench uses it to measure what the limit prevents).
   */
  queryMemoryBytes?: number;
}

const WORKER = fileURLToPath(new URL('./ladybug-worker.ts', import.meta.url));
/** The project root (…/cypher/console/ → …/). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What the worker needs of the project, bound read-only into its sandbox. */
export const CODE_PATHS = ['cypher', 'node_modules', 'package.json', 'tsconfig.json'].map((p) => path.join(ROOT, p));
/** The node command line of a worker (tests start one directly to attack it without the guard). */
export function workerNodeArgs(maxOldSpaceMb = 256): string[] {
  return [process.execPath, '--import', tsxLoader(), `--max-old-space-size=${maxOldSpaceMb}`, WORKER];
}

/** Node, V8 and the native module before any database is opened (measured: ~370 MiB of data segment). */
const NODE_BASELINE_BYTES = 448 * 2 ** 20;
const MIB = 2 ** 20;

/**
 * Size of the database mapping a child asks for: the engine reserves `maxDBSize` of address space
 * (8 TiB by default, which no memory limit could admit); a power of two over twice the file.
 */
export function maxDbBytesFor(dbPath: string): number {
  let size = 0;
  try {
    size = fs.statSync(dbPath).size;
  } catch {
    // not created yet
  }
  let m = 128 * MIB;
  while (m < size * 2) m *= 2;
  return m;
}

/** The tsx loader, by absolute URL, so that children work whatever the current directory is. */
function tsxLoader(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(require.resolve('tsx')).href;
}

interface Job {
  request: Omit<RunRequest, 'id' | 'type'>;
  resolve: (r: ConsoleResult) => void;
  reject: (e: Error) => void;
  started: number;
  deadline: number;
  timeoutMs?: number;
  timer?: NodeJS.Timeout;
  worker?: Worker;
  settled?: boolean;
}

interface Worker {
  proc: ChildProcess;
  busy: Job | null;
  ready: Promise<void>;
  dead: boolean;
  /** Database mapping this child was started for (its memory limit includes it). */
  maxDbBytes: number;
}

let nextId = 1;

/** Extra time a query may wait for a child (start-up, another query finishing) before it runs. */
const QUEUE_GRACE_MS = 15_000;

export class LadybugConsoleRunner implements ConsoleRunnerLike {
  private readonly workers: Worker[] = [];
  private readonly waiting: Job[] = [];
  private closed = false;
  private readonly poolSize: number;
  private readonly bufferPoolBytes: number;
  private readonly maxOldSpaceMb: number;
  private readonly queryMemoryBytes: number;
  private plan: SandboxPlan | null = null;

  constructor(private readonly opts: LadybugConsoleOptions) {
    // Two by default: one runaway query then does not hold up every other console user.
    this.poolSize = Math.min(2, Math.max(1, opts.poolSize ?? 2));
    this.bufferPoolBytes = opts.bufferPoolBytes ?? 128 * 1024 * 1024;
    this.maxOldSpaceMb = opts.maxOldSpaceMb ?? 256;
    this.queryMemoryBytes = opts.queryMemoryBytes ?? 256 * MIB;
  }

  /** The children's sandbox (chosen at the first spawn). */
  get sandbox(): SandboxPlan {
    this.plan ??= planSandbox(this.opts.sandbox ?? 'auto', {
      dbDir: path.dirname(this.opts.dbPath),
      codePaths: CODE_PATHS,
      dataLimitBytes: this.dataLimit(maxDbBytesFor(this.opts.dbPath)),
    });
    return this.plan;
  }

  private dataLimit(maxDbBytes: number): number | null {
    if (!Number.isFinite(this.queryMemoryBytes)) return null;
    return NODE_BASELINE_BYTES + this.bufferPoolBytes + maxDbBytes + this.queryMemoryBytes;
  }

  /** Starts the children ahead of the first query (a child takes a few hundred ms to boot). */
  warm(): void {
    while (!this.closed && this.workers.length < this.poolSize) this.spawn();
  }

  /** Pids of live children (tests use it to check that a runaway child was replaced). */
  get pids(): number[] {
    return this.workers.filter((w) => !w.dead).map((w) => w.proc.pid ?? -1);
  }

  run(query: string, params: Record<string, unknown>, limits: ConsoleLimits, generation: number): Promise<ConsoleResult> {
    if (this.closed) return Promise.reject(new StoreError('UNAVAILABLE', 'the console is closed'));
    assertReadOnlyQuery(query);
    // Keep the whole pool booted: a child takes a second or more to start (tsx, sandbox), and a
    // second user should not pay that while the first one holds the other child.
    this.warm();
    const started = Date.now();
    return new Promise<ConsoleResult>((resolve, reject) => {
      const job: Job = {
        request: {
          dbPath: this.opts.dbPath,
          generation,
          bufferPoolBytes: this.bufferPoolBytes,
          maxDbBytes: 0,
          query,
          params: JSON.parse(JSON.stringify(params ?? {})) as Record<string, unknown>,
          maxRows: limits.maxRows,
          maxBytes: limits.maxBytes,
        },
        resolve,
        reject,
        started,
        deadline: started + limits.timeoutMs,
      };
      // Waiting for a free (or freshly spawned) child is bounded separately, so that a slow start or
      // another user's runaway query does not count against this query's own limit.
      job.timer = setTimeout(() => this.timeout(job, limits.timeoutMs, 'busy'), limits.timeoutMs + QUEUE_GRACE_MS);
      job.timeoutMs = limits.timeoutMs;
      this.waiting.push(job);
      this.pump();
    });
  }

  private spawn(): Worker {
    const maxDbBytes = maxDbBytesFor(this.opts.dbPath);
    const plan = { ...this.sandbox };
    if (plan.dataLimitBytes) plan.dataLimitBytes = this.dataLimit(maxDbBytes);
    const proc = spawnSandboxed(plan, {
      nodeArgs: workerNodeArgs(this.maxOldSpaceMb),
      dbDir: path.dirname(this.opts.dbPath),
      codePaths: CODE_PATHS,
      dataLimitBytes: plan.dataLimitBytes,
    });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const w: Worker = { proc, busy: null, dead: false, ready: Promise.resolve(), maxDbBytes };
    w.ready = new Promise<void>((resolve, reject) => {
      const onMsg = (m: { type?: string }) => {
        if (m?.type === 'ready') {
          proc.off('message', onMsg);
          resolve();
        }
      };
      proc.on('message', onMsg);
      proc.once('exit', () => reject(new Error(`console worker exited before it was ready: ${stderr}`)));
    });
    w.ready.catch(() => undefined);
    proc.on('message', (m: RunReply | { type: 'ready' }) => {
      if (m.type === 'ready') return;
      const job = w.busy;
      if (!job || job.settled) return;
      w.busy = null;
      this.settle(job);
      if (m.type === 'result') {
        job.resolve({ columns: m.columns, rows: m.rows, truncated: m.truncated, elapsedMs: Date.now() - job.started });
      } else {
        job.reject(new StoreError(m.code, scrubPaths(m.message, [this.opts.dbPath, ROOT])));
      }
      this.pump();
    });
    proc.on('exit', (code, signal) => {
      w.dead = true;
      const i = this.workers.indexOf(w);
      if (i >= 0) this.workers.splice(i, 1);
      const job = w.busy;
      w.busy = null;
      if (job && !job.settled) {
        this.settle(job);
        job.reject(new StoreError('QUERY_FAILED', crashMessage(code, signal, stderr, w.proc.pid)));
      }
      // Replace the lost child at once (not on the next query), then serve the queue.
      if (this.workers.length > 0 || this.waiting.length > 0) this.warm();
      this.pump();
    });
    this.workers.push(w);
    return w;
  }

  private settle(job: Job): void {
    job.settled = true;
    if (job.timer) clearTimeout(job.timer);
  }

  private pump(): void {
    if (this.closed) return;
    while (this.waiting.length > 0) {
      // A child started for a smaller database cannot map the grown file within its memory limit.
      const need = maxDbBytesFor(this.opts.dbPath);
      for (const old of this.workers.filter((x) => !x.busy && !x.dead && x.maxDbBytes < need)) this.retire(old);
      let w = this.workers.find((x) => !x.busy && !x.dead);
      if (!w && this.workers.length < this.poolSize) w = this.spawn();
      if (!w) return;
      const job = this.waiting.shift()!;
      if (job.settled) continue;
      w.busy = job;
      job.worker = w;
      const worker = w;
      w.ready.then(
        () => {
          if (job.settled || worker.dead) return;
          // The query's own clock starts when its child has it.
          if (job.timer) clearTimeout(job.timer);
          job.timer = setTimeout(() => this.timeout(job, job.timeoutMs ?? 0, 'ran'), job.timeoutMs ?? 0);
          const req: RunRequest = { type: 'run', id: nextId++, ...job.request, maxDbBytes: worker.maxDbBytes };
          worker.proc.send(req);
        },
        () => undefined, // the exit handler rejects the job
      );
    }
  }

  /** Stops an idle child (it is replaced on demand). */
  private retire(w: Worker): void {
    w.dead = true;
    const k = this.workers.indexOf(w);
    if (k >= 0) this.workers.splice(k, 1);
    w.proc.kill('SIGKILL');
  }

  private timeout(job: Job, ms: number, why: 'busy' | 'ran'): void {
    if (job.settled) return;
    this.settle(job);
    const i = this.waiting.indexOf(job);
    if (i >= 0) this.waiting.splice(i, 1);
    const w = job.worker;
    if (w && w.busy === job) {
      // The only reliable way to stop a running LadybugDB query: kill its process.
      w.busy = null;
      w.dead = true;
      const k = this.workers.indexOf(w);
      if (k >= 0) this.workers.splice(k, 1);
      w.proc.kill('SIGKILL');
    }
    job.reject(
      new StoreError(
        'QUERY_TIMEOUT',
        why === 'ran'
          ? `the query ran over the console's time limit of ${ms} ms and was stopped`
          : 'the console is busy (no query process was free in time); try again',
      ),
    );
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) {
      if (!job.settled) {
        this.settle(job);
        job.reject(new StoreError('UNAVAILABLE', 'the console is closed'));
      }
    }
    await Promise.all(
      this.workers.splice(0).map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.dead || w.proc.exitCode !== null) return resolve();
            w.proc.once('exit', () => resolve());
            w.proc.kill('SIGKILL');
          }),
      ),
    );
  }
}

const SIGNALS = Object.fromEntries(Object.entries(osConstants.signals).map(([k, v]) => [v, k])) as Record<number, string>;

/** Looks like the process ran out of memory (V8's fatal OOM, a failed allocation in the engine). */
const OOM = /out of memory|bad_alloc|Cannot allocate memory|allocation failed|heap limit|Mmap for size/i;

/**
 * What to tell the user when the child died under a query. bwrap and prlimit report a child
 * killed by signal N as exit 128+N.
 */
export function crashMessage(code: number | null, signal: NodeJS.Signals | null, stderr: string, _pid?: number): string {
  const sig = signal ?? (code !== null && code > 128 && SIGNALS[code - 128] ? SIGNALS[code - 128]! : null);
  const tail = stderr.trim().split('\n').slice(-1)[0]?.slice(0, 200) ?? '';
  if (OOM.test(stderr)) return `the query ran out of the console's memory and was stopped${tail ? ` (${scrubPaths(tail, [ROOT])})` : ''}`;
  // SIGABRT too: glibc aborts on the heap corruption the engine's grouped DISTINCT aggregates cause.
  if (sig === 'SIGSEGV' || sig === 'SIGBUS' || sig === 'SIGILL' || sig === 'SIGFPE' || sig === 'SIGABRT') {
    return `the database engine crashed on this query (signal ${sig}); this is a bug in LadybugDB 0.19.1, not in your query: the console is still available, try rewriting the query (see "Known issues" in the README)`;
  }
  return `the console worker stopped under this query (${sig ? `signal ${sig}` : `exit ${code}`})`;
}
