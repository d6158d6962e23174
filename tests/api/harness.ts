/** Starts the REAL server on an ephemeral port against a fresh temp data dir. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { openStore } from '../../cypher/open-store.ts';
import type { GraphRecords } from '../../cypher/schema.ts';
import { listen, startServer, type RunningServer } from '../../server/app.ts';
import { loadConfig, type Env } from '../../server/config.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface TestServer extends RunningServer {
  dataDir: string;
  stop(): Promise<void>;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-api-'));
}

function finish(s: RunningServer, dataDir: string): TestServer {
  return {
    ...s,
    dataDir,
    async stop() {
      await s.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const silent = pino({ level: 'silent' });

/** Server over a store holding exactly `records` (no corpus ingest). */
export async function serveRecords(records: GraphRecords, env: Partial<Env> = {}): Promise<TestServer> {
  const dataDir = tempDir();
  const config = loadConfig({}, { PORT: 0, CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_CORPUS: '', CLAIMGRAPH_CLIENT_DIST: path.join(dataDir, 'no-client'), ...env });
  const store = await openStore({ kind: 'ladybug', dataDir });
  try {
    await store.write(records);
    return finish(await listen(store, config, silent), dataDir);
  } catch (err) {
    // a failed start must not leave its temp store behind
    await store.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Server started the way `npm start` does, with the sample corpus ingested on first start. */
export async function serveCorpus(env: Partial<Env> = {}): Promise<TestServer> {
  const dataDir = tempDir();
  const config = loadConfig({}, { PORT: 0, CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_CORPUS: path.join(ROOT, 'corpus'), ...env });
  try {
    return finish(await startServer(config, silent), dataDir);
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

export async function getJson(base: string, p: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(base + p, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body };
}

export function postJson(base: string, p: string, body: unknown, headers: Record<string, string> = {}) {
  return getJson(base, p, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}
