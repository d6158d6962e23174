/** What the use cases need from the outside world, injected by createApp (tests pass their own). */
import type { Logger } from 'pino';
import type { GraphStore } from '../../cypher/store.ts';
import type { Config } from '../config.ts';

export interface Deps {
  store: GraphStore;
  config: Config;
  logger: Logger;
  /** bumped after every successful write, so cached read results are dropped */
  cache: ResultCache;
}

/** A small cache of read results, invalidated wholesale when the graph changes. */
export class ResultCache {
  private generation = 0;
  private readonly entries = new Map<string, { generation: number; value: unknown }>();
  constructor(private readonly maxEntries = 200) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.generation === this.generation) {
      // refresh recency (Map keeps insertion order)
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const generation = this.generation;
    const value = await compute();
    // A write that landed while computing makes this value stale: do not keep it.
    if (generation === this.generation) {
      this.entries.set(key, { generation, value });
      while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    return value;
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}
