/**
 * Child process for store tests that need a second process: `open <dataDir>` reports what opening
 * the store does; `write <dataDir> <from> <count> <batches>` writes batches of articles, printing a
 * line before and after each, so that the parent can SIGKILL it in the middle of a write.
 */
import { LadybugStore } from '../../../cypher/ladybug/store.ts';
import { StoreError } from '../../../cypher/store.ts';
import { manyArticles } from '../fixtures.ts';

const [mode, dataDir, a, b, c] = process.argv.slice(2);
// STORE_CHILD_COPY_MIN_ROWS: relationships go in by COPY from that many rows (each COPY commits by a checkpoint).
const copyMinRows = process.env.STORE_CHILD_COPY_MIN_ROWS ? Number(process.env.STORE_CHILD_COPY_MIN_ROWS) : undefined;
const store = new LadybugStore({ dataDir: dataDir!, bufferPoolBytes: 256 * 1024 * 1024, copyMinRows, onWriteStep: (step) => console.log(`step ${step}`) });

if (mode === 'open') {
  try {
    await store.open();
    console.log(JSON.stringify({ ok: true }));
    await store.close();
  } catch (err) {
    console.log(JSON.stringify({ ok: false, code: err instanceof StoreError ? err.code : null, message: (err as Error).message }));
  }
} else if (mode === 'write') {
  const from = Number(a);
  const count = Number(b);
  const batches = Number(c);
  await store.open();
  for (let i = 0; i < batches; i++) {
    const start = from + i * count;
    console.log(`start ${i}`);
    await store.write(manyArticles(start, count));
    console.log(`done ${i}`);
  }
  await store.close();
  console.log('closed');
} else if (mode === 'hold') {
  await store.open();
  console.log('held');
  // Keeps the database open until the parent kills it.
  setInterval(() => undefined, 1000);
}
