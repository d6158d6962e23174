/**
 * A small pool of extraction worker threads (issue 10): the loader hands it a batch of articles
 * and gets the outcomes back in input order, while its own thread writes the previous batch to
 * the store. Extraction is a pure function of the article, the issue set and the corrections
 * (these two are sent once, at start), so the outcomes do not depend on the worker count.
 *
 * A worker that dies (an uncaught error, running out of memory) fails only what it had in hand:
 * each of those articles is retried once alone on a fresh worker, and one that kills its worker
 * again fails by itself, named. A worker that cannot even start (its code does not load) leaves
 * the pool extracting in-process, so an ingest never depends on threads being available.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExtractOptions } from '../pipeline.ts';
import type { ArticleInput } from '../types.ts';
import { extractOne, type Extracted } from './extract-one.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.ts';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./extract-worker.ts', import.meta.url);

/** The environment variable that sets the worker count where no option does. */
export const WORKERS_ENV = 'CLAIMGRAPH_INGEST_WORKERS';

/** The worker count a machine gets by default: every core but the one the store writes on. */
export const defaultWorkerCount = (): number => Math.max(1, os.availableParallelism() - 1);

/** A worker count given as text (a CLI flag, an environment variable): an integer 0–64, or an error naming `what`. */
export function parseWorkerCount(value: string, what: string): number {
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n > 64) {
    throw new RangeError(`${what} must be a whole number of extraction workers from 0 (extract in-process) to 64, got "${value}"`);
  }
  return n;
}

/** The worker count from CLAIMGRAPH_INGEST_WORKERS, or undefined when it is not set. */
export function workerCountFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env[WORKERS_ENV];
  return v === undefined || v.trim() === '' ? undefined : parseWorkerCount(v, WORKERS_ENV);
}

export interface PoolOptions extends Pick<ExtractOptions, 'issues' | 'corrections'> {
  /** worker threads (at least 1) */
  workers: number;
  /** the worker's TypeScript entry (default extract-worker.ts; tests give one that misbehaves) */
  entry?: URL;
  /** told when a worker dies or the pool falls back to in-process extraction */
  onProblem?: (message: string) => void;
  /** told the Linux thread ids of the live workers whenever they change (a bench reads their CPU time) */
  onWorkers?: (threadIds: number[]) => void;
}

export interface PoolStats {
  workers: number;
  /** CPU seconds the workers spent (Linux; null elsewhere), dead workers included */
  cpuS: number | null;
  /** workers that died while extracting */
  crashes: number;
  /** articles retried alone after their worker died */
  retried: number;
  /** why the pool extracts in-process, if it does */
  fallback: string | null;
}

interface Job {
  id: number;
  articles: ArticleInput[];
  /** the articles' places in the batch */
  at: number[];
  batch: Pending;
  /** a retry of one article whose worker died */
  retry: boolean;
}

interface Pending {
  out: (Extracted | undefined)[];
  left: number;
  resolve: (out: Extracted[]) => void;
}

interface Slot {
  worker: Worker;
  tid: number | null;
  ready: boolean;
  jobs: Map<number, Job>;
  cpuMs: number | null;
  lastError: string | null;
}

/**
 * Jobs a worker may hold at once. Generous: the loader's thread is busy for long stretches (the
 * archive's fsync, the store's own work) and cannot hand out work meanwhile, so each worker gets
 * what it can go on with; memory is bounded by the loader's lookahead, not here.
 */
const PER_WORKER = 64;

export class ExtractPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextJob = 0;
  private closed = false;
  private deadCpuMs = 0;
  private cpuKnown = true;
  private crashes = 0;
  private retried = 0;
  private fallback: string | null = null;
  private readonly setup: WorkerSetup;

  constructor(private readonly opts: PoolOptions) {
    if (!Number.isInteger(opts.workers) || opts.workers < 1) throw new RangeError(`an extraction pool needs at least one worker, got ${opts.workers}`);
    this.setup = {
      entry: (opts.entry ?? ENTRY).href,
      // plain data: structured-cloned once into each worker
      setup: { ...(opts.issues ? { issues: opts.issues } : {}), ...(opts.corrections?.length ? { corrections: opts.corrections } : {}) },
    };
    for (let i = 0; i < opts.workers; i++) this.spawn();
  }

  /** Extracts a batch; the outcomes come in input order. */
  extract(articles: ArticleInput[]): Promise<Extracted[]> {
    if (this.closed) return Promise.reject(new Error('the extraction pool is closed'));
    if (!articles.length) return Promise.resolve([]);
    return new Promise((resolve) => {
      const batch: Pending = { out: new Array<Extracted | undefined>(articles.length), left: articles.length, resolve };
      // Chunks small enough to spread a batch over the workers, big enough that messages cost nothing.
      const size = Math.max(1, Math.min(10, Math.ceil(articles.length / (this.opts.workers * 4))));
      for (let i = 0; i < articles.length; i += size) {
        const at = Array.from({ length: Math.min(size, articles.length - i) }, (_, k) => i + k);
        this.queue.push({ id: this.nextJob++, articles: at.map((k) => articles[k]!), at, batch, retry: false });
      }
      this.dispatch();
    });
  }

  stats(): PoolStats {
    let cpu = this.deadCpuMs;
    let known = this.cpuKnown;
    for (const s of this.slots) {
      if (s.cpuMs === null) known = false;
      else cpu += s.cpuMs;
    }
    return { workers: this.opts.workers, cpuS: known ? cpu / 1000 : null, crashes: this.crashes, retried: this.retried, fallback: this.fallback };
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.slots];
    this.slots.clear();
    for (const s of slots) {
      if (s.cpuMs === null) this.cpuKnown = false;
      else this.deadCpuMs += s.cpuMs;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): void {
    const worker = new Worker(BOOT, { workerData: this.setup });
    const slot: Slot = { worker, tid: null, ready: false, jobs: new Map(), cpuMs: 0, lastError: null };
    this.slots.add(slot);
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        slot.ready = true;
        slot.tid = m.tid;
        this.tellWorkers();
        return;
      }
      const job = slot.jobs.get(m.job);
      if (!job) return;
      slot.jobs.delete(m.job);
      slot.cpuMs = m.cpuMs;
      this.settle(job, m.out);
      this.dispatch();
    });
    worker.on('error', (e) => {
      slot.lastError = e instanceof Error ? e.message : String(e);
    });
    worker.on('exit', (code) => this.onExit(slot, code));
  }

  private onExit(slot: Slot, code: number): void {
    if (!this.slots.delete(slot)) return; // closed
    if (slot.cpuMs === null) this.cpuKnown = false;
    else this.deadCpuMs += slot.cpuMs;
    this.tellWorkers();
    const reason = slot.lastError ?? `exit code ${code}`;
    const inHand = [...slot.jobs.values()];
    if (!slot.ready) {
      // It never started: its code does not load here. Threads are an optimisation, not a need.
      this.fallback = `extraction worker did not start (${reason}); extracting in-process`;
      this.opts.onProblem?.(this.fallback);
      this.queue.unshift(...inHand);
      this.dispatch();
      return;
    }
    this.crashes++;
    this.opts.onProblem?.(`an extraction worker died (${reason}); ${inHand.reduce((n, j) => n + j.articles.length, 0)} article(s) it held are retried`);
    const again: Job[] = [];
    for (const job of inHand) {
      if (job.retry) {
        // It killed a fresh worker alone: it fails by itself.
        const a = job.articles[0]!;
        this.settle(job, [{ ok: false, file: a.file, error: `${a.file}: extraction worker died on this article (${reason})`, articleId: null, reviewOutcomes: null }]);
        continue;
      }
      job.articles.forEach((a, k) => again.push({ id: this.nextJob++, articles: [a], at: [job.at[k]!], batch: job.batch, retry: true }));
      this.retried += job.articles.length;
    }
    this.queue.unshift(...again);
    if (!this.closed) this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    if (this.fallback !== null) {
      this.drainInProcess();
      return;
    }
    const slots = [...this.slots];
    while (this.queue.length && slots.length) {
      // the least busy worker; a retry only to one with nothing else in hand, so that its death blames it alone
      const slot = slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      const job = this.queue[0]!;
      if (slot.jobs.size >= PER_WORKER || (job.retry && slot.jobs.size > 0)) break;
      this.queue.shift();
      slot.jobs.set(job.id, job);
      slot.worker.postMessage({ job: job.id, articles: job.articles } satisfies ToWorker);
    }
  }

  private drainInProcess(): void {
    const options = this.setup.setup;
    // One job per turn of the event loop: the store's writes go on in between.
    const job = this.queue.shift();
    if (!job) return;
    this.settle(job, job.articles.map((a) => extractOne(a, options)));
    if (this.queue.length) setImmediate(() => this.drainInProcess());
  }

  private settle(job: Job, out: Extracted[]): void {
    out.forEach((o, k) => (job.batch.out[job.at[k]!] = o));
    job.batch.left -= out.length;
    if (job.batch.left === 0) job.batch.resolve(job.batch.out as Extracted[]);
  }

  private tellWorkers(): void {
    this.opts.onWorkers?.([...this.slots].filter((s) => s.ready && s.tid !== null).map((s) => s.tid!));
  }
}
