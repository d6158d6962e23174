/**
 * `npm run bench:scale -- --sizes 10000,50000,100000`: ingest at scale, each size into a fresh
 * data directory, each ingest in a process of its own (bench/scale-ingest-child.ts) so that its
 * CPU time and peak RSS are its own. Prints per size: ingest wall and CPU time, peak RSS, store
 * size on disk, the per-1k cost at the start and the end of the run, +1,000 articles into the
 * built store, and the load average at start and end (the machine is shared: judge by CPU time
 * and by ratios within one run).
 *
 * Targets (issue 10): 100k ingest ≤ 15 min wall, peak RSS ≤ 2 GB, the last 10k costing ≤ 1.3× the
 * first 10k, +1,000 articles into the 100k store ≤ 30 s.
 *
 * Options: --sizes (10000), --dir (/tmp/claimgraph-scale), --archive on|off|both (on: the CLI's
 * path), --batch (100, the loader's default), --seed (1), --keep (keep data directories),
 * --workers (extraction worker threads; a comma list runs each size with each count, e.g. 0,1,2;
 * default auto: the loader's own choice, one per core but one).
 * CLAIMGRAPH_STORE=neo4j with NEO4J_URI (or NEO4J_URL) runs the same bench against that server:
 * its database is wiped (MATCH (n) DETACH DELETE n, in batches) before each size.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { generateCorpus } from './generate-corpus.ts';
import type { ChildProgress, ChildResult } from './scale-ingest-child.ts';

const CHILD = fileURLToPath(new URL('./scale-ingest-child.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000' },
    dir: { type: 'string', default: '/tmp/claimgraph-scale' },
    archive: { type: 'string', default: 'on' },
    batch: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    workers: { type: 'string', default: 'auto' },
  },
});
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 1000)) {
  process.stderr.write(`--sizes must be integers of at least 1000, got ${values.sizes}\n`);
  process.exit(1);
}
if (!['on', 'off', 'both'].includes(values.archive)) {
  process.stderr.write(`--archive must be on, off or both, got ${values.archive}\n`);
  process.exit(1);
}
const archiveModes = values.archive === 'both' ? ['on', 'off'] : [values.archive];
const workerCounts = values.workers.split(',').map((w) => w.trim());
if (workerCounts.some((w) => w !== 'auto' && !/^\d+$/.test(w))) {
  process.stderr.write(`--workers must be auto or whole numbers (a comma list), got ${values.workers}\n`);
  process.exit(1);
}
const batch = Number(values.batch);
const seed = Number(values.seed);
const storeKind = process.env.CLAIMGRAPH_STORE === 'neo4j' ? 'neo4j' : 'ladybug';
if (storeKind === 'neo4j' && !process.env.NEO4J_URI && !process.env.NEO4J_URL) {
  process.stderr.write('CLAIMGRAPH_STORE=neo4j needs NEO4J_URI (e.g. neo4j://localhost:7687) and NEO4J_PASSWORD\n');
  process.exit(1);
}
fs.mkdirSync(values.dir, { recursive: true });

/** The corpus of `count` articles for `seed`, generated once and reused (it is deterministic). */
async function corpus(count: number, s: number): Promise<string> {
  const dir = path.join(values.dir, `corpus-${count}-seed${s}`);
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as unknown[]).length === count) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`generating ${count} articles (seed ${s}) in ${dir}\n`);
  await generateCorpus({ out: dir, count, seed: s });
  return dir;
}

function bytesIn(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.size;
  let n = 0;
  for (const e of fs.readdirSync(p)) n += bytesIn(path.join(p, e));
  return n;
}

/** Empties the Neo4j database before a size (the bench's own database: say so in the README). */
async function wipeNeo4j(): Promise<void> {
  const neo4j = (await import('neo4j-driver')).default;
  const url = process.env.NEO4J_URL ?? process.env.NEO4J_URI!;
  const driver = neo4j.driver(url, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''));
  const session = driver.session({ database: process.env.NEO4J_DATABASE ?? 'neo4j' });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}

function runChild(label: string, corpusDir: string, dataDir: string, archive: string, workers: string, bars: cliProgress.MultiBar): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [corpusDir, dataDir, archive, String(batch), workers], {
      execArgv: ['--import', TSX],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let bar: cliProgress.SingleBar | null = null;
    let result: ChildResult | null = null;
    child.on('message', (m: ChildProgress | ChildResult) => {
      if (m.type === 'progress') {
        bar ??= bars.create(m.total, 0, { label, cpu: '0', rss: '0' });
        bar.setTotal(m.total);
        bar.update(m.done, { label, cpu: m.cpuS.toFixed(0), rss: m.rssMb.toFixed(0) });
      } else result = m;
    });
    child.on('exit', (code, signal) => {
      bar?.stop();
      if (result && code === 0) {
        const r: ChildResult = result;
        if (r.failed) process.stderr.write(`${label}: ${r.failed} article(s) failed, e.g. ${r.errors.join(' | ')}\n`);
        resolve(r);
      }
      else reject(new Error(`${label}: the ingest child ${signal ? `was killed by ${signal}` : `exited with ${code}`}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}

/** CPU and wall per 1k articles over the marks falling in [from, to). */
function per1k(marks: [number, number, number][], from: number, to: number): { cpu: number; wall: number } {
  const before = [...marks].reverse().find((m) => m[0] <= from) ?? [0, 0, 0];
  const after = marks.find((m) => m[0] >= to) ?? marks.at(-1)!;
  const n = (after[0] - before[0]) / 1000;
  return { cpu: (after[1] - before[1]) / n, wall: (after[2] - before[2]) / n };
}

interface Row {
  size: number;
  archive: string;
  workers: number;
  load: [string, string];
  ingest: ChildResult;
  window: number;
  first: { cpu: number; wall: number };
  last: { cpu: number; wall: number };
  plus1k: ChildResult;
  diskGraphMb: number;
  diskArchiveMb: number;
}

const f = (n: number, d = 0) => n.toFixed(d);
const fmtRow = (r: Row) =>
  `| ${r.size} | ${r.archive} | ${r.workers} | ${f(r.ingest.wallS)} s | ${f(r.ingest.cpuS)} s | ${f(r.ingest.storeCpuS)} s | ${r.ingest.workersCpuS === null ? '-' : `${f(r.ingest.workersCpuS)} s`} | ${f(r.ingest.writeWallS)} / ${f(r.ingest.betweenWallS)} s | ${f(r.ingest.maxRssMb)} MiB | ${storeKind === 'ladybug' ? `${f(r.diskGraphMb)} MiB` : 'server'} | ${f(r.diskArchiveMb)} MiB | ` +
  `${f(r.first.cpu, 2)} → ${f(r.last.cpu, 2)} s (${r.window / 1000}k) | ${f(r.last.cpu / r.first.cpu, 2)}× | ${f(r.plus1k.wallS, 1)} s (${f(r.plus1k.cpuS, 1)} s) | ` +
  `${r.ingest.checkpoints ? `${r.ingest.checkpoints.count} (${f(r.ingest.checkpoints.ms / 1000, 1)} s)` : '-'} | ${r.load[0]} → ${r.load[1]} |`;
const resultsFile = path.join(values.dir, `results-${storeKind}-${Date.now()}.json`);
const loadavg = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const rows: Row[] = [];
const bars = new cliProgress.MultiBar(
  {
    format: '{label} [{bar}] {value}/{total} articles | cpu {cpu} s | rss {rss} MiB',
    hideCursor: true,
    stream: process.stderr,
    clearOnComplete: false,
    // Redirected to a file (a long run left in the background): a line every 30 s instead of a bar.
    noTTYOutput: true,
    notTTYSchedule: 30_000,
  },
  cliProgress.Presets.shades_classic,
);
const extra = await corpus(1000, seed + 1000);
for (const size of sizes) {
  const c = await corpus(size, seed);
  for (const archive of archiveModes) for (const workers of workerCounts) {
    const dataDir = path.join(values.dir, `data-${storeKind}-${size}-archive-${archive}-workers-${workers}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (storeKind === 'neo4j') await wipeNeo4j();
    const loadStart = loadavg();
    const ingest = await runChild(`${size} (archive ${archive}, workers ${workers})`, c, dataDir, archive, workers, bars);
    const plus1k = await runChild(`+1000 into ${size}`, extra, dataDir, archive, workers, bars);
    const loadEnd = loadavg();
    const window = Math.min(10_000, Math.floor(size / 5 / 1000) * 1000 || 1000);
    rows.push({
      size,
      archive,
      workers: ingest.workers,
      load: [loadStart, loadEnd],
      ingest,
      window,
      first: per1k(ingest.marks, 0, window),
      last: per1k(ingest.marks, size - window, size),
      plus1k,
      diskGraphMb: fs.existsSync(dataDir) ? fs.readdirSync(dataDir).filter((n) => n.startsWith('graph.lbug')).reduce((a, n) => a + bytesIn(path.join(dataDir, n)), 0) / 2 ** 20 : 0,
      diskArchiveMb: bytesIn(path.join(dataDir, 'archive')) / 2 ** 20,
    });
    // Each size's row as soon as it is known (a long run cut short keeps what it measured).
    fs.writeFileSync(resultsFile, JSON.stringify(rows, null, 1));
    bars.log(`${fmtRow(rows.at(-1)!)}\n`);
    if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
bars.stop();

const lines = [
  `store: ${storeKind}; batch ${batch} articles; extraction workers ${values.workers} (auto: ${Math.max(1, os.availableParallelism() - 1)}); ${os.cpus().length} cores; node ${process.version}`,
  '',
  '| articles | archive | extraction workers | ingest wall | CPU (all threads) | of which store | of which workers | wall in writes / between writes | peak RSS | graph on disk | archive on disk | per-1k CPU first→last (window) | last/first | +1,000 wall (CPU) | checkpoints | load avg start → end |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(fmtRow),
];
process.stdout.write(`${lines.join('\n')}\n`);
