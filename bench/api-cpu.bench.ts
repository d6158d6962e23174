/**
 * `tsx bench/api-cpu.bench.ts <data dir>`: the server's own cost per request with the read cache
 * off (CLAIMGRAPH_CACHE_MB=0), as CPU time (its process's user + system time, engine threads
 * included) and wall time, for actor detail (the busiest actor and the 11th), statements by
 * speaker, and /api/graph (default and one-actor views):
 *
 *  - at 1 client: BENCH_REPEAT timed requests after one warm-up: p50/p99 wall, median CPU;
 *  - at 10 clients: BENCH_REPEAT × 10 requests, 10 in flight: p50/p99 wall, CPU per request;
 *  - right after a write (BENCH_WRITE=1, the default): one uploaded article quoting the busiest
 *    actor, then every target at once (10 in flight), the latency of each: issue 10 wants none
 *    over 1 s. **This adds an article to the store**: run it on a copy.
 *
 * CPU per request hardly depends on what else the machine runs, so it compares two versions fairly
 * on a shared machine where latency percentiles mostly measure the load; each block prints the
 * load average. Env: BENCH_REPEAT (10), BENCH_WRITE (1), BENCH_READERS (the server's default).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: tsx bench/api-cpu.bench.ts <data dir>');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 10);
const WRITE = (process.env.BENCH_WRITE ?? '1') !== '0';
const TICK_MS = 10; // Linux USER_HZ 100
const TOKEN = 'bench-write-token-0123456789';
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

/** user + system CPU ms of a process, from /proc/<pid>/stat (fields 14 and 15). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
};
const ms = (n: number) => String(Math.round(n)).padStart(6);

const port = await freePort();
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    CLAIMGRAPH_DATA_DIR: dataDir,
    CLAIMGRAPH_CORPUS: '',
    CLAIMGRAPH_BUILD_CLIENT: 'never',
    CLAIMGRAPH_CACHE_MB: '0',
    CLAIMGRAPH_WRITE_TOKEN: TOKEN,
    CLAIMGRAPH_RATE_UPLOAD: '1000',
    ...(process.env.BENCH_READERS ? { CLAIMGRAPH_READERS: process.env.BENCH_READERS } : {}),
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;

interface Sample {
  status: number;
  bytes: number;
  wall: number;
}

async function get(p: string): Promise<Sample> {
  const t0 = performance.now();
  const res = await fetch(base + p);
  const bytes = (await res.arrayBuffer()).byteLength;
  return { status: res.status, bytes, wall: performance.now() - t0 };
}

/** `n` requests with `clients` in flight: wall of each, CPU of the whole run. */
async function burst(p: string, clients: number, n: number): Promise<{ samples: Sample[]; cpu: number; rps: number }> {
  const c0 = cpuMs(child.pid!);
  const t0 = performance.now();
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < n) {
        next++;
        samples.push(await get(p));
      }
    }),
  );
  return { samples, cpu: cpuMs(child.pid!) - c0, rps: (n * 1000) / (performance.now() - t0) };
}

try {
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > 1200) throw new Error('server did not start');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const actors = (await (await fetch(`${base}/api/actors?limit=11`)).json()) as { actors: { id: string; name: string }[] };
  const top = actors.actors[0]!;
  const mid = actors.actors[Math.min(10, actors.actors.length - 1)]!;
  const targets: [string, string][] = [
    [`actor detail (${top.id})`, `/api/actors/${encodeURIComponent(top.id)}`],
    [`actor detail (${mid.id})`, `/api/actors/${encodeURIComponent(mid.id)}`],
    [`statements by speaker (${top.id})`, `/api/statements?speaker=${encodeURIComponent(top.id)}`],
    ['graph actors view (default)', '/api/graph'],
    [`graph one actor (${top.id})`, `/api/graph?actor=${encodeURIComponent(top.id)}`],
    [`graph one actor (${mid.id})`, `/api/graph?actor=${encodeURIComponent(mid.id)}`],
  ];
  console.log(`${ROOT} on ${dataDir}: cache off, ${REPEAT} requests per target at 1 client, ${REPEAT * 10} at 10; load average ${load()}`);
  const failed: string[] = [];
  for (const [name, p] of targets) {
    const first = await burst(p, 1, 1);
    const one = await burst(p, 1, REPEAT);
    const ten = await burst(p, 10, REPEAT * 10);
    const bad = [...first.samples, ...one.samples, ...ten.samples].filter((s) => s.status !== 200);
    if (bad.length) failed.push(`${name}: ${bad.length} answers not 200 (${bad[0]!.status})`);
    const w1 = one.samples.map((s) => s.wall);
    const w10 = ten.samples.map((s) => s.wall);
    console.log(
      `${name.padEnd(46)} ${String(Math.round(first.samples[0]!.bytes / 1024)).padStart(6)} KiB  first ${ms(first.samples[0]!.wall)} ms (${ms(first.cpu)} CPU)` +
        `  1 client p50 ${ms(pct(w1, 0.5))} p99 ${ms(pct(w1, 0.99))} CPU/req ${ms(one.cpu / REPEAT)}` +
        `  10 clients p50 ${ms(pct(w10, 0.5))} p99 ${ms(pct(w10, 0.99))} CPU/req ${ms(ten.cpu / (REPEAT * 10))} ${ten.rps.toFixed(1).padStart(5)} req/s  load ${load()}`,
    );
  }
  if (WRITE) {
    const stamp = Date.now();
    const article = {
      title: `Bench write ${stamp}`,
      source: 'bench',
      published: '2024-12-30',
      file: `bench-write-${stamp}.txt`,
      text: `${top.name} said on Monday that the talks would resume next week. "We will not give up," ${top.name} told reporters in the capital.`,
    };
    const t0 = performance.now();
    const res = await fetch(`${base}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ articles: [article] }),
    });
    const body = await res.text();
    console.log(`\nwrite: POST /api/articles ${res.status} in ${Math.round(performance.now() - t0)} ms (${body.slice(0, 120)})`);
    const after = await Promise.all(targets.map(async ([name, p]) => ({ name, s: await get(p) })));
    for (const { name, s } of after) console.log(`right after the write: ${name.padEnd(46)} ${s.status} ${ms(s.wall)} ms`);
    const worst = Math.max(...after.map((a) => a.s.wall));
    console.log(`slowest right after the write: ${Math.round(worst)} ms (target ≤ 1000 ms): ${worst <= 1000 ? 'MET' : 'NOT MET'}; load ${load()}`);
  }
  if (failed.length) console.log(`\nfailures:\n  ${failed.join('\n  ')}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
