/** The console's fairness gate and input hygiene, without a database: a fake store with controllable queries. */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { StoreError, type ConsoleResult, type GraphStore } from '../../cypher/store.ts';
import { scrubPaths } from '../../cypher/console/scrub.ts';
import { loadConfig } from '../../server/config.ts';
import { AppError } from '../../server/errors.ts';
import { checkParams, clientKey, ConsoleGate, createConsole, MAX_PARAMS_DEPTH } from '../../server/usecases/console.ts';
import { ResultCache, type Deps } from '../../server/usecases/deps.ts';

const ok: ConsoleResult = { columns: ['x'], rows: [[1]], truncated: false, elapsedMs: 1 };

function deferred() {
  let resolve!: () => void;
  const p = new Promise<void>((r) => (resolve = r));
  return { p, resolve };
}

async function status(p: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).status;
  }
}

describe('console gate: one query at a time per client, a short queue, 429 beyond', () => {
  it('lets a second client through while the first one floods', async () => {
    const gate = new ConsoleGate(1, 200);
    const hold = deferred();
    const flood = Array.from({ length: 6 }, () => gate.run('ip:a', () => hold.p));
    // b is not behind a's queue
    expect(await gate.run('ip:b', async () => 'b-done')).toBe('b-done');
    // a: 1 running, 2 waiting, 3 refused at once
    const settled = await Promise.race([Promise.allSettled(flood.slice(3)), new Promise((r) => setTimeout(() => r('pending'), 100))]);
    expect(settled).not.toBe('pending');
    for (const s of settled as PromiseSettledResult<unknown>[]) {
      expect(s.status).toBe('rejected');
      const e = (s as PromiseRejectedResult).reason as AppError;
      expect(e.status).toBe(429);
      expect(e.headers['Retry-After']).toBe('1');
    }
    // the two waiting ones give up after the queue wait
    expect(await status(flood[1]!)).toBe(429);
    expect(await status(flood[2]!)).toBe(429);
    hold.resolve();
    expect(await status(flood[0]!)).toBe('ok');
    // and a's slot is free again
    expect(await gate.run('ip:a', async () => 'again')).toBe('again');
  });

  it('hands the slot to the next waiter in order when the running query ends in time', async () => {
    const gate = new ConsoleGate(1, 5000);
    const order: number[] = [];
    const first = deferred();
    const a = gate.run('k', async () => {
      await first.p;
      order.push(1);
    });
    const b = gate.run('k', async () => void order.push(2));
    const c = gate.run('k', async () => void order.push(3));
    first.resolve();
    await Promise.all([a, b, c]);
    expect(order).toEqual([1, 2, 3]);
  });

  it('a failing query frees the slot too', async () => {
    const gate = new ConsoleGate(1, 1000);
    await expect(gate.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run('k', async () => 7)).toBe(7);
  });

  it('identifies clients by bearer token, else by address', () => {
    expect(clientKey('127.0.0.1', undefined)).toBe('ip:127.0.0.1');
    expect(clientKey('127.0.0.1', 'Bearer abc')).toBe(clientKey('10.0.0.9', 'bearer abc'));
    expect(clientKey('127.0.0.1', 'Bearer abc')).not.toBe(clientKey('127.0.0.1', 'Bearer abd'));
    expect(clientKey('127.0.0.1', 'Bearer abc')).not.toContain('abc');
  });
});

describe('console params hygiene', () => {
  const nested = (levels: number) => {
    let v: unknown = 1;
    for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { k: v };
    return v as Record<string, unknown>;
  };

  it('refuses params nested 10,000 levels deep with a 400 (no stack overflow)', () => {
    expect(() => checkParams(nested(10_000))).toThrow(AppError);
    try {
      checkParams(nested(10_000));
    } catch (err) {
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).detail).toContain(`deeper than ${MAX_PARAMS_DEPTH} levels`);
    }
  });

  it('accepts ordinary params and refuses a huge flat list', () => {
    expect(() => checkParams({ ids: ['a', 'b'], m: { x: [1, 2, { y: 3 }] }, n: nested(MAX_PARAMS_DEPTH - 2) })).not.toThrow();
    expect(() => checkParams({ big: new Array(200_000).fill(0) })).toThrow(/more than 100000 values/);
  });
});

describe('console messages never reveal server paths', () => {
  it('scrubs the data directory, the project and any other absolute path', () => {
    const msg = scrubPaths('Cannot open file /srv/claimgraph/data/graph.lbug: No such file (see /usr/lib/x.so, 2020/01/05)', ['/srv/claimgraph/data']);
    expect(msg).not.toMatch(/\/srv|\/usr/);
    expect(msg).toContain('<server path>');
    expect(msg).toContain('2020/01/05');
  });

  it('scrubs store errors on their way out of the use case', async () => {
    const dataDir = '/var/lib/claimgraph-secret-place';
    const store = {
      runConsole: async () => {
        throw new StoreError('QUERY_FAILED', `IO exception: cannot read ${dataDir}/graph.lbug.wal from ${process.cwd()}/cypher`);
      },
    } as unknown as GraphStore;
    const config = loadConfig({}, { CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_CORPUS: '' });
    const deps: Deps = { store, config, logger: pino({ level: 'silent' }), cache: new ResultCache(0) };
    const run = createConsole(deps);
    const err = (await run('ip:x', { query: 'RETURN 1', params: {} }).catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(400);
    expect(err.detail).not.toContain(dataDir);
    expect(err.detail).not.toContain(process.cwd());
    expect(err.detail).toContain('IO exception');
  });

  it('a fake store answering normally passes through the gate', async () => {
    const store = { runConsole: async () => ok } as unknown as GraphStore;
    const deps: Deps = { store, config: loadConfig({}, { CLAIMGRAPH_CORPUS: '' }), logger: pino({ level: 'silent' }), cache: new ResultCache(0) };
    expect(await createConsole(deps)('ip:y', { query: 'RETURN 1', params: {} })).toEqual(ok);
  });
});
