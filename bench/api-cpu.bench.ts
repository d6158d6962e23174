/**
 * `tsx bench/api-cpu.bench.ts <data dir>`: the server's own cost per request with the read cache
 * off, as CPU time (its process's user + system time, engine threads included) and wall time, for
 * the targets of bench/api.bench.ts, one request at a time. CPU per request hardly depends on
 * what else the machine runs, so it compares two versions fairly on a shared machine where
 * latency percentiles mostly measure the load. Env: BENCH_REPEAT (5 timed requests per target).
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
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const TICK_MS = 10; // Linux USER_HZ 100

/** user + system CPU ms of a process, from /proc/<pid>/stat (fields 14 and 15). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const port = await freePort();
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_CORPUS: '', CLAIMGRAPH_BUILD_CLIENT: 'never', CLAIMGRAPH_CACHE_MB: '0', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
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
  const actors = (await (await fetch(`${base}/api/actors?limit=11`)).json()) as { actors: { id: string }[] };
  const top = actors.actors[0]!.id;
  const mid = actors.actors[Math.min(10, actors.actors.length - 1)]!.id;
  const targets: [string, string][] = [
    [`actor detail (${top})`, `/api/actors/${top}`],
    [`actor detail (${mid})`, `/api/actors/${mid}`],
    [`statements by speaker (${top})`, `/api/statements?speaker=${top}`],
    ['graph actors view', '/api/graph'],
    [`graph one actor (${top})`, `/api/graph?actor=${top}`],
    [`graph one actor (${mid})`, `/api/graph?actor=${mid}`],
  ];
  console.log(`${ROOT}: cache off, ${REPEAT} requests per target after one warm-up; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const [name, p] of targets) {
    const once = async () => {
      const c0 = cpuMs(child.pid!);
      const t0 = performance.now();
      const res = await fetch(base + p);
      const bytes = (await res.arrayBuffer()).byteLength;
      return { status: res.status, bytes, wall: performance.now() - t0, cpu: cpuMs(child.pid!) - c0 };
    };
    const first = await once();
    const runs = [];
    for (let i = 0; i < REPEAT; i++) runs.push(await once());
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `${name.padEnd(44)} status ${first.status}  ${String(Math.round(first.bytes / 1024)).padStart(6)} KiB  first ${String(Math.round(first.wall)).padStart(6)} ms wall ${String(first.cpu).padStart(6)} ms CPU  then median ${String(Math.round(med(runs.map((r) => r.wall)))).padStart(6)} ms wall ${String(med(runs.map((r) => r.cpu))).padStart(6)} ms CPU  load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
