/**
 * The Cypher console: untrusted, read-only, bounded by the configured limits (the store enforces
 * them), and shared fairly: each client (its bearer token if it sends one, else its IP address)
 * runs one query at a time; a second one waits briefly in that client's queue, and beyond that the
 * client gets 429 with Retry-After. So one client flooding the console holds at most one of the
 * store's console processes, and the others keep answering everyone else.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { StoreError, type ConsoleResult } from '../../cypher/store.ts';
import { scrubPaths } from '../../cypher/console/scrub.ts';
import type { CypherRequest } from '../contract.ts';
import { AppError, consoleError } from '../errors.ts';
import type { Deps } from './deps.ts';

/** Deepest nesting of `params` a query may bring (lists/maps of lists/maps…): no Cypher needs more. */
export const MAX_PARAMS_DEPTH = 32;
/** Most values (scalars, list items, map entries) in `params` altogether. */
export const MAX_PARAMS_VALUES = 100_000;
/** Queries waiting for their client's slot, per client. */
const QUEUE_PER_CLIENT = 2;
/** Queries admitted (running or waiting) from all clients together. */
const ADMITTED_TOTAL = 64;

/** Refuses params nested too deep or too large with a 400 before anything recursive touches them. */
export function checkParams(params: unknown): void {
  let values = 0;
  // Iterative walk: a recursive one is what a 10,000-level object would overflow.
  const stack: [unknown, number][] = [[params, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (++values > MAX_PARAMS_VALUES) throw new AppError(400, 'Invalid request', `body parameter 'params': more than ${MAX_PARAMS_VALUES} values`);
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_PARAMS_DEPTH) {
      throw new AppError(400, 'Invalid request', `body parameter 'params': nested deeper than ${MAX_PARAMS_DEPTH} levels`);
    }
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
}

interface Waiter {
  resolve: () => void;
  timer: NodeJS.Timeout;
}

interface Lane {
  running: number;
  waiting: Waiter[];
}

/** Per-client admission: `perClient` running at once, a short FIFO wait, 429 beyond it. */
export class ConsoleGate {
  private readonly lanes = new Map<string, Lane>();
  private admitted = 0;

  constructor(
    private readonly perClient: number,
    private readonly queueMs: number,
  ) {}

  private busy(detail: string): AppError {
    return new AppError(429, 'Too many requests', detail, { headers: { 'Retry-After': String(Math.max(1, Math.ceil(this.queueMs / 1000))) } });
  }

  async run<T>(client: string, fn: () => Promise<T>): Promise<T> {
    if (this.perClient <= 0) return fn();
    if (this.admitted >= ADMITTED_TOTAL) throw this.busy('the console is busy with other users\' queries; try again shortly');
    let lane = this.lanes.get(client);
    if (!lane) {
      lane = { running: 0, waiting: [] };
      this.lanes.set(client, lane);
    }
    if (lane.running >= this.perClient) {
      if (lane.waiting.length >= QUEUE_PER_CLIENT) {
        throw this.busy(`this client already has ${lane.running} console quer${lane.running === 1 ? 'y' : 'ies'} running and ${lane.waiting.length} waiting; wait for them to finish`);
      }
      const l = lane;
      this.admitted++;
      const got = await new Promise<boolean>((resolve) => {
        const w: Waiter = {
          resolve: () => resolve(true),
          timer: setTimeout(() => {
            const i = l.waiting.indexOf(w);
            if (i >= 0) l.waiting.splice(i, 1);
            resolve(false);
          }, this.queueMs),
        };
        l.waiting.push(w);
      });
      this.admitted--;
      if (!got) {
        this.release(client, l, false);
        throw this.busy(`this client's previous console query is still running after ${this.queueMs} ms of waiting; one query at a time per client`);
      }
    } else {
      lane.running++;
    }
    this.admitted++;
    try {
      return await fn();
    } finally {
      this.admitted--;
      this.release(client, lane, true);
    }
  }

  /** Hands a finished query's slot to the client's next waiter (or frees it). */
  private release(client: string, lane: Lane, finished: boolean): void {
    if (finished) {
      const next = lane.waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.resolve(); // the slot passes on: `running` stays
        return;
      }
      lane.running--;
    }
    if (lane.running === 0 && lane.waiting.length === 0) this.lanes.delete(client);
  }
}

/** A client's identity for fairness: its bearer token (hashed) if it sends one, else its address. */
export function clientKey(ip: string | undefined, authorization: string | undefined): string {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (m) return `token:${createHash('sha256').update(m[1]!).digest('hex').slice(0, 32)}`;
  return `ip:${ip ?? 'unknown'}`;
}

/** Messages from the engine may quote the data directory or the project; clients never see those. */
function scrubbed(err: unknown, deps: Deps): unknown {
  if (!(err instanceof StoreError)) return err;
  const roots = [deps.config.dataDir, deps.config.store.kind === 'ladybug' ? deps.config.store.dataDir : '', deps.config.clientDist];
  const message = scrubPaths(err.message, roots);
  return message === err.message ? err : new StoreError(err.code, message, { cause: err });
}

export type ConsoleRunner = (client: string, req: z.output<typeof CypherRequest>) => Promise<ConsoleResult>;

/** The console use case with its fairness gate (one per app). */
export function createConsole(deps: Deps): ConsoleRunner {
  const gate = new ConsoleGate(deps.config.console.perClient, deps.config.console.queueMs);
  return async (client, req) => {
    checkParams(req.params);
    return gate.run(client, async () => {
      try {
        return await deps.store.runConsole(req.query, req.params, deps.config.console);
      } catch (err) {
        throw consoleError(scrubbed(err, deps));
      }
    });
  };
}

