/** What the use cases need from the outside world, injected by createApp (tests pass their own). */
import { gzipSync } from 'node:zlib';
import type { Logger } from 'pino';
import type { GraphStore } from '../../cypher/store.ts';
import type { Config } from '../config.ts';

export interface Deps {
  store: GraphStore;
  config: Config;
  logger: Logger;
  /** serialised read results, dropped after every successful write */
  cache: ResultCache;
}

/**
 * Serialised (JSON) read results, bounded in bytes, invalidated wholesale when the graph changes.
 * Concurrent misses on one key share one computation, so a burst of clients costs one query.
 * A budget of 0 turns it off (every read goes to the store).
 */
/** A serialised result, with its gzip form when it is worth sending compressed. */
export interface CachedBody {
  json: Buffer;
  gzip: Buffer | null;
}

/** Below this, gzip saves too little to pay for the header and the CPU. */
const GZIP_MIN_BYTES = 2048;

function encode(value: unknown, compress: boolean): CachedBody {
  const json = Buffer.from(JSON.stringify(value));
  // level 6 is zlib's default trade-off; computed once per cached entry, not per request
  return { json, gzip: compress && json.length >= GZIP_MIN_BYTES ? gzipSync(json, { level: 6 }) : null };
}

const sizeOf = (b: CachedBody) => b.json.length + (b.gzip?.length ?? 0);

export class ResultCache {
  private generation = 0;
  private bytes = 0;
  private readonly entries = new Map<string, CachedBody>();
  private readonly inflight = new Map<string, Promise<CachedBody>>();
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** The serialised result for `key` (computed on a miss). */
  async json(key: string, compute: () => Promise<unknown>): Promise<string> {
    return (await this.body(key, compute)).json.toString();
  }

  async body(key: string, compute: () => Promise<unknown>): Promise<CachedBody> {
    if (this.maxBytes === 0) return encode(await compute(), false);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // refresh recency (a Map iterates in insertion order)
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const running = this.inflight.get(key);
    if (running) return running;
    const generation = this.generation;
    const p = (async () => encode(await compute(), true))();
    this.inflight.set(key, p);
    try {
      const body = await p;
      // A write that landed meanwhile makes this result stale: serve it to its callers, don't keep it.
      if (generation === this.generation && sizeOf(body) <= this.maxBytes / 4) {
        this.entries.set(key, body);
        this.bytes += sizeOf(body);
        for (const [k, v] of this.entries) {
          if (this.bytes <= this.maxBytes) break;
          this.entries.delete(k);
          this.bytes -= sizeOf(v);
        }
      }
      return body;
    } finally {
      if (this.inflight.get(key) === p) this.inflight.delete(key);
    }
  }

  /** Moves at every invalidate(), i.e. after every write: a key for results kept per store version. */
  get version(): number {
    return this.generation;
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.inflight.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
