/**
 * `probe-store-child.ts <dataDir>`: opens the embedded store in a process of its own (see
 * open-indexed-store.ts), reads its counts, copies graph-only articles into the archive, closes,
 * and prints one JSON line: {ok, code, message, backfilled}. A native crash kills only this process.
 */
import { LadybugStore } from '../cypher/ladybug/store.ts';
import { StoreError } from '../cypher/store.ts';
import { ArticleArchive } from './article-archive.ts';
import { backfillArchive } from './backfill.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: probe-store-child.ts <dataDir>\n');
  process.exit(2);
}
const store = new LadybugStore({ dataDir, bufferPoolBytes: 256 * 1024 * 1024 });
try {
  await store.open();
  await store.counts();
  const backfilled = await backfillArchive(ArticleArchive.at(dataDir), store);
  await store.close();
  process.stdout.write(`${JSON.stringify({ ok: true, code: null, message: 'opened', backfilled: backfilled.written })}\n`);
} catch (err) {
  await store.close().catch(() => undefined);
  process.stdout.write(`${JSON.stringify({ ok: false, code: err instanceof StoreError ? err.code : 'ERROR', message: (err as Error).message })}\n`);
  process.exitCode = 1;
}
