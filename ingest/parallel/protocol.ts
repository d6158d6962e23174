/**
 * What the extraction pool and its workers say to each other, and the worker's side of it
 * (`serve`), shared by the real worker and any other worker file given to the pool.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ExtractOptions } from '../pipeline.ts';
import type { ArticleInput } from '../types.ts';
import type { Extracted } from './extract-one.ts';

/** workerData of an extraction worker: the boot file's entry, and what every article is extracted with. */
export interface WorkerSetup {
  entry: string;
  setup: Pick<ExtractOptions, 'issues' | 'corrections'>;
}

export type ToWorker = { job: number; articles: ArticleInput[] };

export type FromWorker =
  | { type: 'ready'; tid: number | null }
  | { type: 'done'; job: number; out: Extracted[]; cpuMs: number | null };

/** This thread's CPU time (Linux: /proc/thread-self/stat), null where it cannot be read. */
export function threadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    // fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux the project runs on (not readable from Node without a native call). */
const CLOCK_TICKS = 100;

/** Runs a worker: `extract` over each chunk it is sent, one reply per chunk, in order. */
export function serve(extract: (article: ArticleInput, options: ExtractOptions) => Extracted): void {
  const port = parentPort;
  if (!port) throw new Error('an extraction worker runs as a worker thread (see ingest/parallel/extract-pool.ts)');
  const options: ExtractOptions = (workerData as WorkerSetup).setup;
  // The Linux thread id, so that a bench can read this thread's CPU time from /proc.
  let tid: number | null = null;
  try {
    tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    tid = null;
  }
  port.postMessage({ type: 'ready', tid } satisfies FromWorker);
  port.on('message', (m: ToWorker) => {
    const out = m.articles.map((a) => extract(a, options));
    port.postMessage({ type: 'done', job: m.job, out, cpuMs: threadCpuMs() } satisfies FromWorker);
  });
}
