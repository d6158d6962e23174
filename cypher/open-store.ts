/**
 * Opens the configured graph store: LadybugDB (embedded, default) or Neo4j. The store returned is
 * open, its schema ensured and any half-written article swept.
 */
import type { GraphStore } from './store.ts';

export type StoreConfig =
  | { kind: 'ladybug'; dataDir: string; bufferPoolBytes?: number; readers?: number }
  | { kind: 'neo4j'; url: string; user: string; password?: string; database?: string };

export async function openStore(cfg: StoreConfig): Promise<GraphStore> {
  let store: GraphStore;
  if (cfg.kind === 'ladybug') {
    const { LadybugStore } = await import('./ladybug/store.ts');
    store = new LadybugStore({ dataDir: cfg.dataDir, bufferPoolBytes: cfg.bufferPoolBytes, readers: cfg.readers });
  } else {
    const { Neo4jStore } = await import('./neo4j/store.ts');
    store = Neo4jStore.connect(cfg);
  }
  await store.open();
  return store;
}
