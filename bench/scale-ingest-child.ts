/**
 * One measured ingest, in a process of its own (so that its CPU time and peak RSS are the
 * ingest's alone): opens the store as the CLI does, ingests a directory, closes, and reports.
 * Started by bench/scale.bench.ts through `fork`; progress and the result travel over IPC.
 *
 *   argv: <corpus dir> <data dir> <archive: on|off> <batch size> [workers: a count, or auto]
 *
 * With the archive on, this is the CLI's `ingest` path: prepareIndex + openIndexedStore (the
 * store brought in line with the archive), every batch archived and fsync'd before its store
 * write. Off: the store alone (what durability costs is the difference).
 */
import fs from 'node:fs';
import process from 'node:process';
import { prepareIndex, openIndexedStore } from '../archive/open-indexed-store.ts';
import { archiveBeforeWrite, ArticleArchive } from '../archive/article-archive.ts';
import { openStore } from '../cypher/open-store.ts';
import type { GraphStore } from '../cypher/store.ts';
import { ingestArticles, loadArticleFiles } from '../ingest/index.ts';
import { loadConfig } from '../server/config.ts';

export interface ChildProgress {
  type: 'progress';
  /** articles through the store so far */
  done: number;
  total: number;
  /** process CPU seconds (all threads: the engine's too) and wall seconds since the ingest began */
  cpuS: number;
  wallS: number;
  /** CPU seconds spent inside store.write so far (the extraction workers' excluded) */
  storeCpuS: number;
  rssMb: number;
}

export interface ChildResult {
  type: 'result';
  articles: number;
  failed: number;
  /** the first few failures' messages */
  errors: string[];
  /** open (incl. the archive sync), ingest, close (incl. the final checkpoint): wall and CPU seconds */
  openS: number;
  wallS: number;
  cpuS: number;
  storeCpuS: number;
  /**
   * wall seconds inside store.write, and between one write's answer and the next call (extraction
   * the store waits for, the archive's fsync, merging): what pipelining shrinks
   */
  writeWallS: number;
  betweenWallS: number;
  /** extraction worker threads (0: in-process) and the CPU seconds they spent (null: not measured) */
  workers: number;
  workersCpuS: number | null;
  closeS: number;
  maxRssMb: number;
  checkpoints: { count: number; ms: number } | null;
  /** cumulative [articles, cpuS, wallS] at each batch boundary */
  marks: [number, number, number][];
}

const [corpus, dataDir, archiveFlag = 'on', batchArg = '100', workersArg = 'auto'] = process.argv.slice(2);
if (!corpus || !dataDir) throw new Error('usage: scale-ingest-child.ts <corpus dir> <data dir> [on|off] [batch size] [workers|auto]');
const send = (m: ChildProgress | ChildResult) => (process.send ? process.send(m) : process.stdout.write(`${JSON.stringify(m)}\n`));
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** CPU seconds of one thread of this process (Linux /proc), 0 once it is gone. */
function threadCpuS(tid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}
let workerTids: number[] = [];
const workersCpu = () => workerTids.reduce((a, t) => a + threadCpuS(t), 0);

const env = { ...process.env };
// The spelling and the server's: either names the Neo4j server.
if (env.NEO4J_URI && !env.NEO4J_URL) env.NEO4J_URL = env.NEO4J_URI;
const config = loadConfig(env, { CLAIMGRAPH_DATA_DIR: dataDir });
const indexCfg = { dataDir: config.dataDir, store: config.store };
const { articles } = await loadArticleFiles([corpus]);

const cpu0 = cpuNow();
const t0 = performance.now();
let release = () => undefined as void;
let store: GraphStore;
if (archiveFlag === 'on') {
  release = (await prepareIndex(indexCfg)).release;
  store = (await openIndexedStore(indexCfg)).store;
} else {
  store = await openStore(config.store);
}
const openS = (performance.now() - t0) / 1000;

// Times store.write alone: the process CPU spent between its call and its answer, less what the
// extraction workers spent meanwhile (they extract the next batches while this one is written).
let storeCpuS = 0;
let writeWallS = 0;
let betweenWallS = 0;
let lastAnswer: number | null = null;
const timed: GraphStore = {
  kind: store.kind,
  open: () => store.open(),
  close: () => store.close(),
  read: (q) => store.read(q),
  runConsole: (q, p, l) => store.runConsole(q, p, l),
  counts: () => store.counts(),
  hasArticle: (id) => store.hasArticle(id),
  replaceArticles: (records) => store.replaceArticles(records),
  write: async (records) => {
    const c = cpuNow() - workersCpu();
    const w = performance.now();
    if (lastAnswer !== null) betweenWallS += (w - lastAnswer) / 1000;
    try {
      return await store.write(records);
    } finally {
      storeCpuS += cpuNow() - workersCpu() - c;
      lastAnswer = performance.now();
      writeWallS += (lastAnswer - w) / 1000;
    }
  },
};

const marks: [number, number, number][] = [];
let done = 0;
const report = await ingestArticles(timed, articles, {
  batchSize: Number(batchArg),
  ...(workersArg === 'auto' ? {} : { workers: Number(workersArg) }),
  onWorkers: (tids) => (workerTids = tids),
  onWorkerProblem: (m) => process.stderr.write(`${m}\n`),
  ...(archiveFlag === 'on' ? { beforeWrite: archiveBeforeWrite(ArticleArchive.at(config.dataDir)) } : {}),
  onBatch: (results) => {
    done += results.length;
    const cpuS = cpuNow() - cpu0;
    const wallS = (performance.now() - t0) / 1000;
    marks.push([done, cpuS, wallS]);
    send({ type: 'progress', done, total: articles.length, cpuS, wallS, storeCpuS, rssMb: process.memoryUsage().rss / 2 ** 20 });
  },
});
const tc = performance.now();
await store.close();
release();
const closeS = (performance.now() - tc) / 1000;
const ck = (store as { checkpointStats?: { count: number; ms: number } }).checkpointStats;
send({
  type: 'result',
  articles: report.articles,
  failed: report.results.filter((r) => r.status === 'failed').length,
  errors: report.results.filter((r) => r.status === 'failed').slice(0, 5).map((r) => r.error ?? ''),
  openS,
  wallS: (performance.now() - t0) / 1000,
  cpuS: cpuNow() - cpu0,
  storeCpuS,
  writeWallS,
  betweenWallS,
  workers: report.extraction.workers,
  workersCpuS: report.extraction.cpuS,
  closeS,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  checkpoints: ck ? { ...ck } : null,
  marks,
});
process.disconnect?.();
