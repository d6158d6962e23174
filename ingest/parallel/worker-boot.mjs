// Entry of an extraction worker thread. Plain JavaScript: on Node 20 a worker does not inherit
// the tsx loader of the process that starts it (nor does one started under vitest have any), so
// the worker registers tsx itself and then loads the TypeScript worker.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
