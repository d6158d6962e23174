/**
 * Child process that runs guarded console queries on a READ-ONLY LadybugDB handle.
 *
 * It lives in its own process so that the parent can bound a runaway query by killing it
 * (LadybugDB's own query timeout does not stop every query), and so that a query that exhausts
 * memory takes down only this process. It reopens the database when the parent's write generation
 * moves, so it sees data written since its last query.
 *
 * Before a query runs, the engine's own plan is checked (EXPLAIN, which plans without executing):
 * a plan that calls a table function other than the catalog ones, or copies to or from a file, is
 * refused whatever the guard in the parent thought of the text. `isReadOnly()` is no help there:
 * the engine reports `COPY … TO` and `LOAD FROM` as read-only.
 */
import lbug from '@ladybugdb/core';
import type { Connection, Database, LbugValue, QueryResult } from '@ladybugdb/core';
import type { ConsoleValue } from '../store.ts';
import { toConsoleValue } from '../ladybug/values.ts';

export interface RunRequest {
  type: 'run';
  id: number;
  dbPath: string;
  generation: number;
  bufferPoolBytes: number;
  /** Address space the engine may map for the database file (its default, 8 TiB, defeats any memory limit). */
  maxDbBytes: number;
  query: string;
  params: Record<string, unknown>;
  maxRows: number;
  maxBytes: number;
}

export type RunReply =
  | { type: 'result'; id: number; columns: string[]; rows: ConsoleValue[][]; truncated: boolean }
  | { type: 'error'; id: number; code: 'QUERY_REFUSED' | 'QUERY_FAILED' | 'RESULT_TOO_LARGE' | 'UNAVAILABLE'; message: string };

let db: Database | null = null;
let conn: Connection | null = null;
let openedGeneration = -1;
let openedPath = '';

async function ensureOpen(req: RunRequest): Promise<Connection> {
  if (conn && openedGeneration === req.generation && openedPath === req.dbPath) return conn;
  if (conn) await conn.close().catch(() => undefined);
  if (db) await db.close().catch(() => undefined);
  conn = null;
  db = null;
  const d = new lbug.Database(req.dbPath, req.bufferPoolBytes, true, /* readOnly */ true, req.maxDbBytes || undefined);
  await d.init();
  // One thread: the machine is shared with the server and the ingest.
  const c = new lbug.Connection(d, 1);
  await c.init();
  db = d;
  conn = c;
  openedGeneration = req.generation;
  openedPath = req.dbPath;
  return c;
}

/** Table functions a console plan may contain: the engine's scan of its own intermediate results, and the catalog. */
const PLAN_FUNCTIONS = new Set(['READ_FTABLE', 'SHOW_TABLES', 'TABLE_INFO', 'SHOW_FUNCTIONS', 'DB_VERSION', 'SHOW_INDEXES']);
/** Physical operators that move data between the database and files. */
const FILE_OPERATORS = /COPY|EXPORT|IMPORT|ATTACH|EXTENSION|LOAD/;

/** Why the engine's plan for this query is refused, or null when it only reads the database. */
export function planProblem(plan: string): string | null {
  for (const m of plan.matchAll(/Function: ([A-Za-z0-9_]+)/g)) {
    const fn = m[1]!.toUpperCase();
    if (!PLAN_FUNCTIONS.has(fn)) return `the query plan calls the table function ${fn}, which the read-only console does not allow`;
  }
  for (const m of plan.matchAll(/\b([A-Z][A-Z_]+)\[\d+\]/g)) {
    if (FILE_OPERATORS.test(m[1]!)) return `the query plan contains ${m[1]}, which the read-only console does not allow`;
  }
  if (!/RESULT_COLLECTOR/.test(plan)) return 'the query plan could not be checked';
  return null;
}

/** Fails closed: a plan that cannot be obtained means the query does not run. */
async function planRefusal(c: Connection, req: RunRequest): Promise<{ code: 'QUERY_REFUSED' | 'QUERY_FAILED'; message: string } | null> {
  try {
    const ps = await c.prepare(`EXPLAIN ${req.query}`);
    if (!ps.isSuccess()) return { code: 'QUERY_REFUSED', message: `the query plan could not be checked: ${ps.getErrorMessage()}` };
    const r = await c.execute(ps, req.params as Record<string, LbugValue>);
    const qr = Array.isArray(r) ? r[r.length - 1]! : r;
    const plan = (await qr.getAll()).map((row) => Object.values(row).join('\n')).join('\n');
    qr.close();
    const problem = planProblem(plan);
    return problem ? { code: 'QUERY_REFUSED', message: problem } : null;
  } catch (err) {
    // e.g. "Parameter x not found": the query's own mistake, reported as such (and not run).
    return { code: 'QUERY_FAILED', message: memoryMessage((err as Error).message) };
  }
}

/** Allocation failures (RLIMIT_DATA reached, buffer pool full) said plainly. */
function memoryMessage(message: string): string {
  if (/bad_alloc|Unable to allocate memory|Mmap for size .* failed|Cannot allocate memory/i.test(message)) {
    return `the query needs more memory than the console allows and was stopped (${message.slice(0, 200)})`;
  }
  return message;
}

async function run(req: RunRequest): Promise<RunReply> {
  let c: Connection;
  try {
    c = await ensureOpen(req);
  } catch (err) {
    return { type: 'error', id: req.id, code: 'UNAVAILABLE', message: `cannot open the database read-only: ${(err as Error).message}` };
  }
  const ps = await c.prepare(req.query);
  if (!ps.isSuccess()) return { type: 'error', id: req.id, code: 'QUERY_FAILED', message: memoryMessage(ps.getErrorMessage()) };
  // Second line of defence after the guard: the planner must agree the query only reads.
  if (!ps.isReadOnly()) return { type: 'error', id: req.id, code: 'QUERY_REFUSED', message: 'the query is not read-only' };
  const refused = await planRefusal(c, req);
  if (refused) return { type: 'error', id: req.id, ...refused };
  let result: QueryResult | QueryResult[];
  try {
    result = await c.execute(ps, req.params as Record<string, LbugValue>);
  } catch (err) {
    return { type: 'error', id: req.id, code: 'QUERY_FAILED', message: memoryMessage((err as Error).message) };
  }
  const qr = Array.isArray(result) ? result[result.length - 1]! : result;
  const columns = qr.getColumnNamesSync();
  const rows: ConsoleValue[][] = [];
  let bytes = 2;
  let truncated = false;
  while (qr.hasNext()) {
    if (rows.length >= req.maxRows) {
      truncated = true;
      break;
    }
    const raw = qr.getNextSync();
    if (!raw) break;
    const row = columns.map((col) => toConsoleValue(raw[col]));
    const size = JSON.stringify(row).length + 1;
    if (bytes + size > req.maxBytes) {
      if (rows.length === 0) {
        qr.close();
        return { type: 'error', id: req.id, code: 'RESULT_TOO_LARGE', message: `the first row alone is over ${req.maxBytes} bytes` };
      }
      truncated = true;
      break;
    }
    bytes += size;
    rows.push(row);
  }
  qr.close();
  return { type: 'result', id: req.id, columns, rows, truncated };
}

// Requests are handled one at a time, in order.
let chain: Promise<void> = Promise.resolve();
process.on('message', (msg: RunRequest) => {
  if (msg?.type !== 'run') return;
  chain = chain.then(async () => {
    let reply: RunReply;
    try {
      reply = await run(msg);
    } catch (err) {
      reply = { type: 'error', id: msg.id, code: 'QUERY_FAILED', message: (err as Error).message };
    }
    process.send?.(reply);
  });
});
// The parent going away ends this process.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
