/**
 * An extraction worker thread, started by ingest/parallel/extract-pool.ts through worker-boot.mjs:
 * extracts the chunks of articles it is sent. The issue set and the corrections come once, in
 * workerData; an article's failure is an outcome it replies with, not a crash.
 */
import { extractOne } from './extract-one.ts';
import { serve } from './protocol.ts';

serve(extractOne);
