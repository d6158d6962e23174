/**
 * `npm run bench:api`: generates (or reuses) a 10,000-article store, starts the real server as a
 * child process, and runs autocannon (localhost only, bounded duration) against actor detail and
 * /api/graph at 1, 10 and 50 connections. Prints requests/s, p50, p99 and errors.
 * Target at 10 connections: p99 ≤ 100 ms and zero errors.
 *
 * Runs twice: with the server's read cache (the default) and without it (CLAIMGRAPH_CACHE_MB=0),
 * so the figures show both cache hits and the store's own speed.
 *
 * Targets: actor detail (the busiest actor and the 11th), statements by speaker (the busiest),
 * /api/graph default (actors view) and centred on one actor (the busiest and the 11th), the claims
 * view of one year. Each line also prints the machine's load average (it is shared).
 *
 * Env: BENCH_ARTICLES (10000), BENCH_DIR (/tmp/claimgraph-bench), BENCH_SECONDS (10 per run),
 *      BENCH_CACHE (both | on | off), BENCH_CONNECTIONS (1,10,50),
 *      BENCH_DATA_DIR (an already built store, e.g. from bench/scale-store-only.ts: used as is).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { generateCorpus } from './generate-corpus.ts';
import { freePort } from './free-port.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_ARTICLES ?? 10_000);
const DIR = process.env.BENCH_DIR ?? '/tmp/claimgraph-bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const corpusDir = path.join(DIR, `corpus-${N}`);
const dataDir = process.env.BENCH_DATA_DIR ?? path.join(DIR, `data-${N}`);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,10,50').split(',').map(Number);
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

async function ensureCorpus(): Promise<void> {
  const manifest = path.join(corpusDir, 'manifest.json');
  if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as unknown[]).length === N) {
    console.log(`reusing ${N}-article corpus in ${corpusDir}`);
    return;
  }
  fs.rmSync(corpusDir, { recursive: true, force: true });
  const t0 = performance.now();
  await generateCorpus({ out: corpusDir, count: N, seed: 1 });
  console.log(`generated ${N} articles in ${Math.round(performance.now() - t0)} ms`);
}

/** Ingests the corpus unless the data dir already holds it (the store skips known articles anyway). */
async function ensureStore(): Promise<void> {
  if (process.env.BENCH_DATA_DIR) {
    console.log(`using the store in ${dataDir} as is`);
    return;
  }
  const { openStore } = await import('../cypher/open-store.ts');
  const ingest = await import('../ingest/index.ts');
  const store = await openStore({ kind: 'ladybug', dataDir });
  try {
    const before = (await store.counts()).nodes.Article;
    if (before >= N * 0.95) {
      console.log(`reusing store in ${dataDir} (${before} articles)`);
      return;
    }
    const { articles, errors } = await ingest.loadArticleFiles([corpusDir]);
    const t0 = performance.now();
    let last = 0;
    const report = await ingest.ingestArticles(store, articles, {
      onProgress: (done, total) => {
        if (done - last >= 1000 || done === total) {
          last = done;
          console.log(`  ingested ${done}/${total} (${Math.round((done / (performance.now() - t0)) * 1000)} articles/s)`);
        }
      },
    });
    const failures = report.results.filter((r) => r.status === 'failed');
    const failed = failures.length;
    if (failures[0]) console.log(`first failure: ${failures[0].file}: ${failures[0].error}`);
    console.log(`ingest: ${report.articles} articles, ${report.actors} actors, ${report.statements} statements, ${failed + errors.length} failed, ${Math.round(report.ms)} ms`);
  } finally {
    await store.close();
  }
  const { openStore: reopen } = await import('../cypher/open-store.ts');
  const s = await reopen({ kind: 'ladybug', dataDir });
  console.log('store counts:', JSON.stringify(await s.counts()));
  await s.close();
}

async function startServer(port: number, cacheMb: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_CORPUS: '', CLAIMGRAPH_BUILD_CLIENT: 'never', CLAIMGRAPH_CACHE_MB: String(cacheMb), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('server did not start within 60 s');
}

interface Row {
  target: string;
  connections: number;
  /** first request (cache miss: runs the store queries) */
  coldMs: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  load: string;
}

async function run(name: string, url: string, connections: number): Promise<Row> {
  // Warm-up request: on a cold cache it runs the store queries; later ones are served from the cache.
  const t0 = performance.now();
  const warm = await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } });
  if (!warm.ok) throw new Error(`${name}: ${warm.status} ${await warm.text()}`);
  const bytes = (await warm.arrayBuffer()).byteLength;
  const coldMs = Math.round(performance.now() - t0);
  if (connections === 1) console.log(`${name}: first request ${coldMs} ms, ${Math.round(bytes / 1024)} KiB of JSON (${warm.headers.get('content-encoding') ?? 'identity'} on the wire)`);
  // Browsers ask for gzip; so do we (the server compresses cached results once).
  const r = await autocannon({ url, connections, duration: SECONDS, pipelining: 1, headers: { 'accept-encoding': 'gzip' } });
  return { target: name, connections, coldMs, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, load: load() };
}

async function bench(cacheMb: number): Promise<void> {
  console.log(`\n== server read cache ${cacheMb > 0 ? `on (${cacheMb} MiB)` : 'off'}; load average ${load()} ==`);
  const { child, base } = await startServer(await freePort(), cacheMb);
  try {
    const actors = (await (await fetch(`${base}/api/actors?limit=50`)).json()) as { actors: { id: string; statements: number }[] };
    const top = actors.actors[0];
    const mid = actors.actors[Math.min(10, actors.actors.length - 1)];
    if (!top || !mid) throw new Error('no actors in the store');
    // limit=10: a different cache key, so the timed target's first request below stays cold
    const graph = (await (await fetch(`${base}/api/graph?limit=10`)).json()) as { totalNodes: number; totalEdges: number; truncated: boolean };
    console.log(`top actor ${top.id} (${top.statements} statements); actors view: ${graph.totalNodes} nodes, ${graph.totalEdges} edges, truncated=${graph.truncated}`);
    const targets: [string, string][] = [
      [`actor detail (${top.id})`, `${base}/api/actors/${encodeURIComponent(top.id)}`],
      [`actor detail (${mid.id})`, `${base}/api/actors/${encodeURIComponent(mid.id)}`],
      [`statements by speaker (${top.id})`, `${base}/api/statements?speaker=${encodeURIComponent(top.id)}`],
      ['graph actors view', `${base}/api/graph`],
      [`graph one actor (${top.id})`, `${base}/api/graph?actor=${encodeURIComponent(top.id)}`],
      [`graph one actor (${mid.id})`, `${base}/api/graph?actor=${encodeURIComponent(mid.id)}`],
      ['graph claims view 2011', `${base}/api/graph?view=claims&from=2011&to=2011`],
    ];
    const rows: Row[] = [];
    for (const [name, url] of targets) {
      for (const c of CONNECTIONS) {
        let row: Row;
        try {
          row = await run(name, url, c);
        } catch (err) {
          // A failing target (e.g. the store giving up under load) is a result too: report it, go on.
          console.log(`${name} c=${c}: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`);
          row = { target: name, connections: c, coldMs: -1, rps: 0, p50: -1, p99: -1, errors: 1, non2xx: 0, load: load() };
        }
        rows.push(row);
        console.log(`${name.padEnd(44)} c=${String(c).padStart(2)}  ${String(row.rps).padStart(6)} req/s  p50 ${String(row.p50).padStart(4)} ms  p99 ${String(row.p99).padStart(5)} ms  errors ${row.errors}  non2xx ${row.non2xx}  load ${row.load}`);
      }
    }
    console.table(rows);
    const at10 = rows.filter((r) => r.connections === 10);
    const ok = at10.every((r) => r.p99 <= 100 && r.errors === 0 && r.non2xx === 0);
    console.log(`target at 10 connections (p99 ≤ 100 ms, zero errors), cache ${cacheMb > 0 ? 'on' : 'off'}: ${ok ? 'MET' : 'NOT MET'}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(DIR, { recursive: true });
  if (!process.env.BENCH_DATA_DIR) await ensureCorpus();
  await ensureStore();
  const mode = process.env.BENCH_CACHE ?? 'both';
  if (mode !== 'off') await bench(64);
  if (mode !== 'on') await bench(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
