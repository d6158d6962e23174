/**
 * The REAL server for browser tests: sample corpus ingested into a fresh temp data dir, the client
 * built from the current sources into a temp dist, listening on an ephemeral port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startServer, type RunningServer } from '../../server/app.ts';
import { loadConfig, type Env } from '../../server/config.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface BrowserTestServer {
  url: string;
  /** the client build it serves (reusable by another server) */
  dist: string;
  stop(): Promise<void>;
}

/** vite build of client/ into `outDir` (not client/dist, which `npm start` owns). */
export async function buildClient(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: path.join(ROOT, 'client/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

export async function startTestServer(opts: { dist?: string; port?: number; env?: Partial<Env> } = {}): Promise<BrowserTestServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-browser-'));
  const dist = opts.dist ?? path.join(tmp, 'dist');
  if (!opts.dist) await buildClient(dist);
  const config = loadConfig(
    {},
    {
      PORT: opts.port ?? 0,
      CLAIMGRAPH_DATA_DIR: path.join(tmp, 'data'),
      CLAIMGRAPH_CORPUS: path.join(ROOT, 'corpus'),
      CLAIMGRAPH_CLIENT_DIST: dist,
      CLAIMGRAPH_BUILD_CLIENT: 'never',
      LOG_LEVEL: 'silent',
      ...opts.env,
    },
  );
  const server: RunningServer = await startServer(config, pino({ level: 'silent' }));
  return {
    url: server.url,
    dist,
    async stop() {
      await server.close();
      // the dist may be shared: only this server's own temp dir goes
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
