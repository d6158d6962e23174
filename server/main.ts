/**
 * `npm start`: config → client build if stale → store (rebuilt from the archive when it cannot
 * open; brought in line with the archive; first-start ingest) → listen.
 * SIGTERM/SIGINT stop accepting, let in-flight requests finish, close the store and exit 0.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareIndex, rebuildIndex, type PreparedIndex } from '../archive/open-indexed-store.ts';
import { StoreError } from '../cypher/store.ts';
import { createLogger, startServer } from './app.ts';
import { ensureClientBuilt } from './client-build.ts';
import { ConfigError, loadConfig, type Config, type Env } from './config.ts';
import { sayTo } from './seed.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Longest a graceful shutdown may take before the process gives up and exits 1. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Starts the server; `overrides` (e.g. from CLI flags) win over the environment. */
export async function main(overrides: Partial<Env> = {}): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env, overrides);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`claimgraph: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config);
  if (config.buildClient === 'auto') await ensureClientBuilt(ROOT, path.resolve(config.clientDist), logger);

  const indexCfg = {
    dataDir: config.dataDir,
    store: config.store.kind === 'ladybug' ? ({ kind: 'ladybug', dataDir: config.store.dataDir } as const) : { ...config.store, password: config.store.password ?? '' },
  };
  let running;
  let prepared: PreparedIndex | null = null;
  try {
    // A store left unopenable by a crash is moved aside and rebuilt from the archive (see archive/).
    prepared = await prepareIndex(indexCfg, sayTo(logger));
    try {
      running = await startServer(config, logger);
    } catch (err) {
      if (!(err instanceof StoreError) || err.code !== 'UNAVAILABLE' || config.store.kind !== 'ladybug') throw err;
      await rebuildIndex(indexCfg, { say: sayTo(logger), reason: `the store cannot open (${err.message})`, backfillFirst: false });
      running = await startServer(config, logger);
    }
  } catch (err) {
    // Only our own marker: a LOCKED store belongs to another process, which keeps its marker.
    if (prepared) prepared.release();
    if (err instanceof StoreError && err.code === 'LOCKED') {
      process.stderr.write(`claimgraph: cannot open the store: ${err.message} (CLAIMGRAPH_DATA_DIR=${config.dataDir})\n`);
    } else if (err instanceof StoreError) {
      process.stderr.write(`claimgraph: cannot open the store: ${err.message}\n`);
    } else if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
      process.stderr.write(`claimgraph: port ${config.port} on ${config.host} is already in use; set PORT\n`);
    } else {
      process.stderr.write(`claimgraph: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    process.exit(1);
  }
  const server = running;
  const release = prepared.release;
  logger.info({ url: server.url }, `claimgraph listening on ${server.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    server.close().then(
      () => {
        release();
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
