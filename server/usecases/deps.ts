/** What the use cases need from the outside world, injected by createApp (tests pass their own). */
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
export class ResultCache {
  private generation = 0;
  private bytes = 0;
  private readonly entries = new Map<string, string>();
  private readonly inflight = new Map<string, Promise<string>>();
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  async json(key: string, compute: () => Promise<unknown>): Promise<string> {
    if (this.maxBytes === 0) return JSON.stringify(await compute());
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
    const p = (async () => JSON.stringify(await compute()))();
    this.inflight.set(key, p);
    try {
      const text = await p;
      // A write that landed meanwhile makes this result stale: serve it to its callers, don't keep it.
      if (generation === this.generation && text.length <= this.maxBytes / 4) {
        this.entries.set(key, text);
        this.bytes += text.length;
        for (const [k, v] of this.entries) {
          if (this.bytes <= this.maxBytes) break;
          this.entries.delete(k);
          this.bytes -= v.length;
        }
      }
      return text;
    } finally {
      if (this.inflight.get(key) === p) this.inflight.delete(key);
    }
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
