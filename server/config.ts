/**
 * The server's one typed configuration, parsed from the environment at boot. A bad value stops
 * the start with a message naming the variable and the value (never a stack trace).
 */
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** Treats '' like unset, so `FOO=` in a .env file falls back to the default. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, dflt: z.input<T>) =>
  z.preprocess(blankAsUnset, schema.default(dflt as never));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Environment variables, exactly as named in the environment. */
const EnvSchema = z.object({
  PORT: withDefault(int(0, 65535), 3000),
  HOST: withDefault(z.string().min(1), '127.0.0.1'),
  CLAIMGRAPH_DATA_DIR: withDefault(z.string().min(1), './data'),
  CLAIMGRAPH_STORE: withDefault(z.enum(['ladybug', 'neo4j']), 'ladybug'),
  NEO4J_URL: withDefault(z.string().regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/\S+$/, 'expected neo4j:// or bolt:// URL'), 'neo4j://localhost:7687'),
  NEO4J_USER: withDefault(z.string().min(1), 'neo4j'),
  NEO4J_PASSWORD: optional(z.string()),
  NEO4J_DATABASE: withDefault(z.string().min(1), 'neo4j'),
  // '' is meaningful here (disables the first-start ingest), so it is not treated as unset.
  CLAIMGRAPH_CORPUS: z.string().default('./corpus'),
  CLAIMGRAPH_WRITE_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  // issue 12: a token that may record corrections but not upload articles
  CLAIMGRAPH_REVIEW_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  CLAIMGRAPH_CORS_ORIGINS: optional(
    z
      .string()
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^https?$/ }).or(z.literal('*')))),
  ),
  CLAIMGRAPH_GRAPH_CAP: withDefault(int(10, 1_000_000), 5000),
  CLAIMGRAPH_CONSOLE_TIMEOUT_MS: withDefault(int(100, 600_000), 5000),
  CLAIMGRAPH_CONSOLE_MAX_ROWS: withDefault(int(1, 1_000_000), 1000),
  CLAIMGRAPH_CONSOLE_MAX_BYTES: withDefault(int(1024, 100_000_000), 5_000_000),
  CLAIMGRAPH_CONSOLE_PER_CLIENT: withDefault(int(0, 100), 1),
  CLAIMGRAPH_CONSOLE_QUEUE_MS: withDefault(int(0, 600_000), 2000),
  CLAIMGRAPH_UPLOAD_MAX_BYTES: withDefault(int(1024, 200_000_000), 12 * 1024 * 1024),
  CLAIMGRAPH_RATE_WINDOW_MS: withDefault(int(1000, 3_600_000), 60_000),
  CLAIMGRAPH_RATE_CONSOLE: withDefault(int(1, 1_000_000), 60),
  CLAIMGRAPH_RATE_UPLOAD: withDefault(int(1, 1_000_000), 20),
  CLAIMGRAPH_RATE_REVIEW: withDefault(int(1, 1_000_000), 120),
  CLAIMGRAPH_CACHE_MB: withDefault(int(0, 100_000), 64),
  // LadybugDB read connections (cypher/ladybug/store.ts DEFAULT_READERS explains the default)
  CLAIMGRAPH_READERS: withDefault(int(1, 64), 3),
  // checked at boot although the loader reads it (ingest/parallel/extract-pool.ts): a bad value must stop the
  // server here, not fail the first upload; unset = in-process for uploads under 500 articles
  CLAIMGRAPH_INGEST_WORKERS: optional(int(0, 64)),
  CLAIMGRAPH_CLIENT_DIST: withDefault(z.string().min(1), './client/dist'),
  CLAIMGRAPH_BUILD_CLIENT: withDefault(z.enum(['auto', 'never']), 'auto'),
  LOG_LEVEL: withDefault(z.enum(LOG_LEVELS), 'info'),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  store:
    | { kind: 'ladybug'; dataDir: string }
    | { kind: 'neo4j'; url: string; user: string; password: string | undefined; database: string };
  /** directory ingested on first start when the store is empty; null disables */
  corpus: string | null;
  /** bearer token for writes; null: writes over HTTP are off */
  writeToken: string | null;
  /** bearer token for review writes only (the write token is accepted too); null: none */
  reviewToken: string | null;
  /** allowed CORS origins; null: CORS off */
  corsOrigins: string[] | null;
  graphCap: number;
  /** LadybugDB: read connections on the database (concurrent reads run in parallel) */
  readers: number;
  /** perClient: console queries one client may run at once (0: no limit); queueMs: how long its next one may wait */
  console: { timeoutMs: number; maxRows: number; maxBytes: number; perClient: number; queueMs: number };
  uploadMaxBytes: number;
  /** budget of the read-result cache; 0 disables it */
  cacheBytes: number;
  rateLimit: { windowMs: number; console: number; upload: number; review: number };
  clientDist: string;
  buildClient: 'auto' | 'never';
  logLevel: (typeof LOG_LEVELS)[number];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses env (process.env by default) plus overrides (which win); throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Env> = {}): Config {
  const known = Object.keys(EnvSchema.shape);
  const raw: Record<string, unknown> = {};
  for (const k of known) if (env[k] !== undefined) raw[k] = env[k];
  Object.assign(raw, overrides);
  const r = EnvSchema.safeParse(raw);
  if (!r.success) {
    throw new ConfigError(
      r.error.issues.map((i) => {
        const name = String(i.path[0] ?? '?');
        return `${name}=${JSON.stringify(raw[name])}: ${i.message}`;
      }),
    );
  }
  const e = r.data;
  // one secret in two roles would make the narrower review token grant uploads too
  if (e.CLAIMGRAPH_REVIEW_TOKEN !== undefined && e.CLAIMGRAPH_REVIEW_TOKEN === e.CLAIMGRAPH_WRITE_TOKEN)
    throw new ConfigError(['CLAIMGRAPH_REVIEW_TOKEN: must differ from CLAIMGRAPH_WRITE_TOKEN (the write token already allows review writes)']);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.CLAIMGRAPH_DATA_DIR,
    store:
      e.CLAIMGRAPH_STORE === 'neo4j'
        ? { kind: 'neo4j', url: e.NEO4J_URL, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
        : { kind: 'ladybug', dataDir: e.CLAIMGRAPH_DATA_DIR },
    corpus: e.CLAIMGRAPH_CORPUS.trim() === '' ? null : e.CLAIMGRAPH_CORPUS,
    writeToken: e.CLAIMGRAPH_WRITE_TOKEN ?? null,
    reviewToken: e.CLAIMGRAPH_REVIEW_TOKEN ?? null,
    corsOrigins: e.CLAIMGRAPH_CORS_ORIGINS && e.CLAIMGRAPH_CORS_ORIGINS.length > 0 ? e.CLAIMGRAPH_CORS_ORIGINS : null,
    graphCap: e.CLAIMGRAPH_GRAPH_CAP,
    readers: e.CLAIMGRAPH_READERS,
    console: {
      timeoutMs: e.CLAIMGRAPH_CONSOLE_TIMEOUT_MS,
      maxRows: e.CLAIMGRAPH_CONSOLE_MAX_ROWS,
      maxBytes: e.CLAIMGRAPH_CONSOLE_MAX_BYTES,
      perClient: e.CLAIMGRAPH_CONSOLE_PER_CLIENT,
      queueMs: e.CLAIMGRAPH_CONSOLE_QUEUE_MS,
    },
    uploadMaxBytes: e.CLAIMGRAPH_UPLOAD_MAX_BYTES,
    cacheBytes: e.CLAIMGRAPH_CACHE_MB * 1024 * 1024,
    rateLimit: { windowMs: e.CLAIMGRAPH_RATE_WINDOW_MS, console: e.CLAIMGRAPH_RATE_CONSOLE, upload: e.CLAIMGRAPH_RATE_UPLOAD, review: e.CLAIMGRAPH_RATE_REVIEW },
    clientDist: e.CLAIMGRAPH_CLIENT_DIST,
    buildClient: e.CLAIMGRAPH_BUILD_CLIENT,
    logLevel: e.LOG_LEVEL,
  };
}
