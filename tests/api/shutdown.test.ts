/** `tsx server/main.ts` as a real child process: graceful shutdown on SIGTERM during a request. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../cypher/open-store.ts';
import { ROOT } from './harness.ts';
import { freePort } from '../../bench/free-port.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-shutdown-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('graceful shutdown', () => {
  it('answers the in-flight request, then exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        CLAIMGRAPH_DATA_DIR: dataDir,
        CLAIMGRAPH_CORPUS: '',
        CLAIMGRAPH_BUILD_CLIENT: 'never',
        CLAIMGRAPH_CONSOLE_TIMEOUT_MS: '1500',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setInterval(() => {
          if (out.includes('listening on')) {
            clearInterval(t);
            resolve();
          }
        }, 50);
        exited.then(() => reject(new Error(`server exited early:\n${out}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      // A request that takes ~1.5 s (the console stops it at its time limit and answers 408).
      const inflight = fetch(`${base}/api/cypher`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // CPU-bound, not memory-bound: a 2·10⁹ range is refused by the console's memory cap at once.
        body: JSON.stringify({ query: 'UNWIND range(1, 30000) AS x UNWIND range(1, 30000) AS y RETURN sum(x * y) AS s' }),
      });
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGTERM');
      const res = await inflight;
      expect([200, 408]).toContain(res.status);
      expect(res.headers.get('content-type')).toMatch(/json/);
      await res.text();
      expect(await exited).toBe(0);
      expect(out).toContain('shutting down');
      // Nothing listens any more.
      await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('startup on a data directory already in use', () => {
  it('exits 1 with a clear message naming the directory, no stack trace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-locked-'));
    const store = await openStore({ kind: 'ladybug', dataDir: dir });
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', CLAIMGRAPH_DATA_DIR: dir, CLAIMGRAPH_CORPUS: '', CLAIMGRAPH_BUILD_CLIENT: 'never' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('cannot open the store');
      expect(r.stderr).toContain(dir);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
