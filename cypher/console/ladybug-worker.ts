/**
 * Child process that runs guarded console queries on a READ-ONLY LadybugDB handle.
 *
 * It lives in its own process so that the parent can bound a runaway query by killing it
 * (LadybugDB's own query timeout does not stop every query), and so that a query that exhausts
 * memory takes down only this process. It reopens the database when the parent's write generation
 * moves, so it sees data written since its last query.
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
  const d = new lbug.Database(req.dbPath, req.bufferPoolBytes, true, /* readOnly */ true);
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

async function run(req: RunRequest): Promise<RunReply> {
  let c: Connection;
  try {
    c = await ensureOpen(req);
  } catch (err) {
    return { type: 'error', id: req.id, code: 'UNAVAILABLE', message: `cannot open the database read-only: ${(err as Error).message}` };
  }
  const ps = await c.prepare(req.query);
  if (!ps.isSuccess()) return { type: 'error', id: req.id, code: 'QUERY_FAILED', message: ps.getErrorMessage() };
  // Second line of defence after the guard: the planner must agree the query only reads.
  if (!ps.isReadOnly()) return { type: 'error', id: req.id, code: 'QUERY_REFUSED', message: 'the query is not read-only' };
  let result: QueryResult | QueryResult[];
  try {
    result = await c.execute(ps, req.params as Record<string, LbugValue>);
  } catch (err) {
    return { type: 'error', id: req.id, code: 'QUERY_FAILED', message: (err as Error).message };
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
