/**
 * The Express 5 application (createApp) and a server around it (startServer), separate from
 * main.ts so tests can start the real thing on port 0 against a temp store.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { GraphStore } from '../cypher/store.ts';
import type { Config } from './config.ts';
import { AppError, errorHandler, notFoundHandler } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { seedIfEmpty } from './seed.ts';
import { readRoutes } from './routes/read.ts';
import { reviewRoutes } from './routes/review.ts';
import { writeRoutes } from './routes/write.ts';
import { ResultCache, type Deps } from './usecases/deps.ts';

/** Accept a caller's request id only if it is short and plain, so it can't forge log lines. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface AppDeps {
  store: GraphStore;
  config: Config;
  logger?: Logger;
}

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'claimgraph' } });
}

export function createApp(input: AppDeps): { app: Express; deps: Deps } {
  const { store, config } = input;
  const logger = input.logger ?? createLogger(config);
  const deps: Deps = { store, config, logger, cache: new ResultCache(config.cacheBytes) };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Reject `?a[b]=c`-style nesting: every query parameter is a plain string.
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Request logs stay one short line: no headers (they may carry the bearer token).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // CodeMirror and sigma inject <style> elements at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // graphology-layout-forceatlas2 runs its layout in a blob: web worker.
          workerSrc: ["'self'", 'blob:'],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          // The server speaks plain HTTP (often on a LAN address): upgrading would break its own assets.
          upgradeInsecureRequests: null,
        },
      },
      // WebGL canvas needs no extra policy; the API is not meant to be embedded cross-origin.
      crossOriginEmbedderPolicy: false,
    }),
  );
  if (config.corsOrigins) {
    const allowAll = config.corsOrigins.includes('*');
    const allowed = new Set(config.corsOrigins);
    app.use(
      '/api',
      cors({
        origin: allowAll ? '*' : (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
        methods: ['GET', 'POST'],
        allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
        exposedHeaders: ['X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }

  const openapi = JSON.stringify(openApiDocument());
  app.get('/api/openapi.json', (_req, res) => {
    res.type('application/json').send(openapi);
  });
  app.use('/api', readRoutes(deps));
  app.use('/api', writeRoutes(deps));
  app.use('/api', reviewRoutes(deps));
  app.use('/api', (req, _res, next) => {
    next(new AppError(404, 'Not found', `no API route for ${req.method} ${req.originalUrl.split('?')[0]}`));
  });

  // The built client, with SPA fallback for any non-/api GET.
  const dist = path.resolve(config.clientDist);
  app.use(express.static(dist, { index: 'index.html', maxAge: '1h', fallthrough: true }));
  app.get(/^(?!\/api(\/|$)).*/, (req, res, next) => {
    const index = path.join(dist, 'index.html');
    if (req.accepts('html') && fs.existsSync(index)) res.sendFile(index);
    else next();
  });

  app.use(notFoundHandler);
  app.use(errorHandler);
  return { app, deps };
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  store: GraphStore;
  logger: Logger;
  /** Stops accepting, lets in-flight requests finish, closes the store. */
  close(): Promise<void>;
}

/** Starts the HTTP server on an already-open store (config.port 0 picks a free port). */
export async function listen(store: GraphStore, config: Config, logger = createLogger(config)): Promise<RunningServer> {
  const { app } = createApp({ store, config, logger });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // Keep-alive sockets would hold a graceful close open; idle ones are closed at shutdown.
  server.keepAliveTimeout = 5000;
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    store,
    logger,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * Opens the configured store, ingests the corpus if the store is empty, then listens.
 * The caller owns the returned server's close().
 */
export async function startServer(config: Config, logger = createLogger(config)): Promise<RunningServer> {
  const { openStore } = await import('../cypher/open-store.ts');
  const store = await openStore(
    config.store.kind === 'ladybug'
      ? { kind: 'ladybug', dataDir: config.store.dataDir, readers: config.readers }
      : { ...config.store, password: config.store.password ?? '' },
  );
  try {
    await seedIfEmpty(store, config, logger);
    return await listen(store, config, logger);
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}
