/**
 * `npm run bench:console`: what the console's limits buy, measured in one run (loopback only,
 * bounded loops), each figure with and without the protection so the ratio is what counts.
 *
 * 1. Memory: peak RSS of a console worker under memory bombs, without a memory limit and with the
 *    default one (RLIMIT_DATA = start-up footprint + 256 MiB).
 * 2. Fairness: a second client's latency (p50/p99 of a small query) while a first client floods
 *    the console with slow queries, with CLAIMGRAPH_CONSOLE_PER_CLIENT=0 (no per-client limit, the
 *    previous behaviour) and =1 (the default).
 *
 * Env: BENCH_SECONDS (flood duration per run, default 15), BENCH_FLOOD (concurrent requests of the
 * flooding client, default 6).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { LadybugConsoleRunner } from '../cypher/console/ladybug-runner.ts';
import { LadybugStore } from '../cypher/ladybug/store.ts';
import type { ConsoleLimits } from '../cypher/store.ts';
import { ingestArticles, loadArticleFiles } from '../ingest/index.ts';
import { listen } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { processTree } from './proc-tree.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const FLOOD = Number(process.env.BENCH_FLOOD ?? 6);
const LIMITS: ConsoleLimits = { timeoutMs: 5000, maxRows: 100, maxBytes: 1_000_000 };
const SLOW = 'UNWIND range(1, 4000) AS x UNWIND range(1, 4000) AS y RETURN sum(x * y) AS s';
const QUICK = 'MATCH (a:Actor) RETURN count(a) AS n';

const MiB = 2 ** 20;

async function memoryBombs(dbPath: string): Promise<void> {
  const bombs = [
    ['collect 3·10^7 integers', 'UNWIND range(1, 30000000) AS x RETURN collect(x) AS c'],
    ['sort 10^7 long strings', "UNWIND range(1, 10000000) AS x RETURN x, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' + CAST(x AS STRING) AS s ORDER BY s DESC"],
    ['range of 10^8', 'UNWIND range(1, 100000000) AS x RETURN sum(x)'],
  ];
  console.log('\n## memory bombs: peak RSS of the console worker (5 s limit)\n');
  console.log('| bomb | no memory limit | default limit |');
  console.log('|---|---|---|');
  const rows = new Map<string, string[]>();
  for (const [label, q] of bombs) rows.set(label!, []);
  for (const queryMemoryBytes of [Infinity, 256 * MiB]) {
    const runner = new LadybugConsoleRunner({ dbPath, poolSize: 1, queryMemoryBytes });
    for (const [label, q] of bombs) {
      await runner.run('RETURN 1', {}, LIMITS, 1);
      const pid = runner.pids[0]!;
      let peakKb = 0;
      const timer = setInterval(() => {
        for (const p of processTree(pid)) {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
            if (m) peakKb = Math.max(peakKb, Number(m[1]));
          } catch {
            // exited
          }
        }
      }, 10);
      const t0 = performance.now();
      console.error(`  ${Number.isFinite(queryMemoryBytes) ? 'limited' : 'unlimited'}: ${label}…`);
      let outcome: string;
      try {
        const r = await runner.run(q!, {}, LIMITS, 1);
        outcome = `answered (${r.rows.length} rows)`;
      } catch (err) {
        outcome = `${(err as { code?: string }).code}: ${(err as Error).message.slice(0, 60)}…`;
      }
      clearInterval(timer);
      rows.get(label!)!.push(`${Math.round(peakKb / 1024)} MB in ${Math.round(performance.now() - t0)} ms, ${outcome}`);
    }
    console.error(`(${Number.isFinite(queryMemoryBytes) ? 'limited' : 'unlimited'}: ${runner.sandbox.describe})`);
    await runner.close();
  }
  for (const [label, cells] of rows) console.log(`| ${label} | ${cells.join(' | ')} |`);
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}

async function fairness(dataDir: string, store: LadybugStore): Promise<void> {
  console.log(`\n## fairness: client B's latency while client A floods (${FLOOD} concurrent slow queries, ${SECONDS} s)\n`);
  console.log('| per-client limit | B requests | B p50 | B p99 | B max | A: 200 / 429 / other |');
  console.log('|---|---|---|---|---|---|');
  for (const perClient of [0, 1]) {
    const config = loadConfig({}, {
      PORT: 0, CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_CORPUS: '', CLAIMGRAPH_CLIENT_DIST: path.join(dataDir, 'none'),
      CLAIMGRAPH_RATE_CONSOLE: 1_000_000, CLAIMGRAPH_CONSOLE_PER_CLIENT: perClient, CLAIMGRAPH_CONSOLE_TIMEOUT_MS: LIMITS.timeoutMs,
    });
    const srv = await listen(store, config, pino({ level: 'silent' }));
    const post = async (query: string, token: string) => {
      const res = await fetch(`${srv.url}/api/cypher`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      await res.arrayBuffer();
      return res.status;
    };
    // warm both workers
    await Promise.all([post(QUICK, 'warm-a'), post(QUICK, 'warm-b')]);
    const end = Date.now() + SECONDS * 1000;
    const a = { ok: 0, limited: 0, other: 0 };
    const flooders = Array.from({ length: FLOOD }, async () => {
      while (Date.now() < end) {
        const s = await post(SLOW, 'client-a-flooding-the-console');
        if (s === 200) a.ok++;
        else if (s === 429) {
          a.limited++;
          await new Promise((r) => setTimeout(r, 50)); // a polite flooder still retries fast
        } else a.other++;
      }
    });
    const lat: number[] = [];
    await new Promise((r) => setTimeout(r, 300));
    while (Date.now() < end) {
      const t0 = performance.now();
      const s = await post(QUICK, 'client-b-just-asking');
      if (s === 200) lat.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all(flooders);
    console.log(
      `| ${perClient === 0 ? 'off (before)' : '1 (default)'} | ${lat.length} | ${Math.round(percentile(lat, 50))} ms | ${Math.round(percentile(lat, 99))} ms | ${Math.round(Math.max(...lat))} ms | ${a.ok} / ${a.limited} / ${a.other} |`,
    );
    // listen() closes the store with the server: detach it first
    await new Promise<void>((resolve) => {
      srv.server.close(() => resolve());
      srv.server.closeAllConnections();
    });
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-console-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const store = new LadybugStore({ dataDir });
  await store.open();
  try {
    const { articles } = await loadArticleFiles([path.join(ROOT, 'corpus')]);
    await ingestArticles(store, articles);
    // Read-only opens need the WAL folded into the file (the store may checkpoint lazily).
    await (store as unknown as { flush?: () => Promise<void> }).flush?.();
    await memoryBombs(store.dbPath);
    await fairness(dataDir, store);
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
