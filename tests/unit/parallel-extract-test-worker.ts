/**
 * An extraction worker for tests/unit/parallel-extract.test.ts: the real extraction, except that
 * it kills its thread on an article whose text holds KILL_WORKER, and (when PARALLEL_EXTRACT_LOG
 * names a file) appends each article's file name there as it starts it, so that a test can see
 * how far extraction ran ahead of the store.
 */
import fs from 'node:fs';
import { extractOne } from '../../ingest/parallel/extract-one.ts';
import { serve } from '../../ingest/parallel/protocol.ts';

const KILL_MARK = 'KILL_WORKER';

if (process.env.PARALLEL_EXTRACT_FAIL_LOAD) throw new Error('this worker does not load (as asked)');

serve((article, options) => {
  const log = process.env.PARALLEL_EXTRACT_LOG;
  if (log) fs.appendFileSync(log, `${article.file}\n`);
  if (article.text.includes(KILL_MARK)) process.exit(3);
  return extractOne(article, options);
});
