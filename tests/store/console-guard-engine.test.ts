/**
 * The guard's lexer against LadybugDB's own: the same texts go to the guard and to a real engine
 * (a child process on a temp database, with no guard, no sandbox and no plan check), and wherever
 * the guard accepts, the engine must read the text the same way. Then a sample of random glued
 * queries the guard accepts is run for real, with a canary file planted where they point: none
 * may return it, and none may plan a table function.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertReadOnlyQuery, INTROSPECTION_CALLS, PURE_FUNCTIONS, tokenize, type Token } from '../../cypher/console/guard.ts';
import { maxDbBytesFor } from '../../cypher/console/ladybug-runner.ts';
import { LadybugStore } from '../../cypher/ladybug/store.ts';
import { fuzzPieces, fuzzQuery, fuzzWrapped, prng } from '../unit/helpers/console-fuzz.ts';
import { articleRecords } from './fixtures.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = `FUZZ-CANARY-${process.pid}`;

interface Outcome {
  ok: boolean;
  err?: string;
  rows?: string;
  fns?: string[];
}

let dir: string;
let canary: string;
let dbPath: string;

/** A bare engine in a child process: prepare, optionally execute and EXPLAIN, report. */
class Engine {
  private proc: ChildProcess | null = null;
  crashes: string[] = [];

  private start(): Promise<void> {
    const script = `
      const lbug = require(${JSON.stringify(path.join(REPO, 'node_modules/@ladybugdb/core/index.js'))});
      const big = (_k, v) => (typeof v === 'bigint' ? Number(v) : v);
      (async () => {
        const db = new lbug.Database(${JSON.stringify(dbPath)}, 256 * 1024 * 1024, true, true, ${maxDbBytesFor(dbPath)});
        await db.init();
        const c = new lbug.Connection(db, 1);
        await c.init();
        const paramsOf = (q) => Object.fromEntries([...q.matchAll(/\\$([A-Za-z0-9_]+)/g)].map((m) => [m[1], 1]));
        const one = async (q, run) => {
          try {
            const ps = await c.prepare(q);
            if (!ps.isSuccess()) return { ok: false, err: ps.getErrorMessage().split('\\n')[0] };
            if (!run) return { ok: true };
            const params = paramsOf(q);
            const ex = await c.prepare('EXPLAIN ' + q);
            let fns = [];
            if (ex.isSuccess()) {
              const er0 = await c.execute(ex, params);
              const er = Array.isArray(er0) ? er0[er0.length - 1] : er0;
              const plan = JSON.stringify(await er.getAll());
              er.close();
              fns = [...plan.matchAll(/Function: ([A-Za-z_]+)/g)].map((m) => m[1]);
            }
            const r = await c.execute(ps, params);
            const rr = Array.isArray(r) ? r[r.length - 1] : r;
            const rows = JSON.stringify(await rr.getAll(), big).slice(0, 200000);
            rr.close();
            return { ok: true, rows, fns };
          } catch (e) {
            return { ok: false, err: String(e && e.message).split('\\n')[0] };
          }
        };
        process.on('message', async ({ qs, run }) => {
          const out = [];
          for (const q of qs) out.push(await one(q, run));
          process.send(out);
        });
        process.send('ready');
      })();`;
    this.proc = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
    return new Promise((resolve, reject) => {
      this.proc!.once('message', () => resolve());
      this.proc!.once('exit', (code) => reject(new Error(`engine probe exited at start (${code})`)));
    });
  }

  async askMany(qs: string[], run = false): Promise<Outcome[]> {
    if (!this.proc || this.proc.exitCode !== null) await this.start();
    const proc = this.proc!;
    return new Promise<Outcome[]>((resolve) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000 + qs.length * 20);
      const onExit = (_code: number | null, signal: string | null) => {
        clearTimeout(timer);
        proc.off('message', onMessage);
        this.crashes.push(`${signal ?? 'exit'}: ${qs.length === 1 ? qs[0] : `one of ${qs.length}`}`);
        this.proc = null;
        resolve(qs.map(() => ({ ok: false, err: `crashed (${signal})` })));
      };
      const onMessage = (m: Outcome[]) => {
        clearTimeout(timer);
        proc.off('exit', onExit);
        resolve(m);
      };
      proc.once('message', onMessage);
      proc.once('exit', onExit);
      proc.send({ qs, run });
    });
  }

  async ask(q: string, run = false): Promise<Outcome> {
    return (await this.askMany([q], run))[0]!;
  }

  stop(): void {
    this.proc?.kill('SIGKILL');
  }
}

const engine = new Engine();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-lexer-'));
  canary = path.join(dir, 'canary.csv');
  fs.writeFileSync(canary, `${SECRET},a\n${SECRET},b\n`);
  const store = new LadybugStore({ dataDir: path.join(dir, 'data'), bufferPoolBytes: 128 * 1024 * 1024 });
  await store.open();
  await store.write(articleRecords(1));
  dbPath = store.dbPath;
  await store.close();
});
afterAll(() => {
  engine.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function guardAccepts(q: string): Token[] | null {
  try {
    return assertReadOnlyQuery(q);
  } catch {
    return null;
  }
}

describe('guard lexer vs LadybugDB lexer', () => {
  it('whitespace: the guard skips exactly the characters the engine skips', async () => {
    const disagree: string[] = [];
    const cps: number[] = [];
    for (let cp = 0; cp < 0x3100; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (/[A-Za-z0-9_$'"`]/.test(String.fromCodePoint(cp))) continue; // glued to RETURN these form other tokens for both
      cps.push(cp);
    }
    const answers = await engine.askMany(cps.map((cp) => `RETURN${String.fromCodePoint(cp)}1`));
    for (const [i, cp] of cps.entries()) {
      const ch = String.fromCodePoint(cp);
      const q = `RETURN${ch}1`;
      // The guard reads the character as whitespace when it is left with exactly RETURN, 1.
      const tokens = guardAccepts(q);
      const guardSpace = tokens !== null && tokens.length === 2;
      const engineSpace = answers[i]!.ok && (tokens === null || tokens.length === 2 || !(tokens[1]?.kind === 'punct'));
      if (guardSpace !== engineSpace && !(tokens && tokens.length > 2)) {
        disagree.push(`U+${cp.toString(16)}: guard ${guardSpace ? 'skips' : 'refuses'} it, engine ${answers[i]!.ok ? 'accepts' : 'refuses'} ${JSON.stringify(q)}`);
      }
      if (guardSpace && !answers[i]!.ok) disagree.push(`U+${cp.toString(16)} skipped by the guard, refused by the engine`);
      void ch;
    }
    for (const cp of [0xfeff, 0x200b, 0x0085, 0x2060]) {
      const q = `RETURN${String.fromCodePoint(cp)}1`;
      expect(guardAccepts(q), q).toBeNull();
      expect((await engine.ask(q)).ok, q).toBe(false);
    }
    expect(disagree).toEqual([]);
  });

  it('comments: where a block or line comment ends', async () => {
    const alphabet = ['*', '/', ' ', 'a', '\n', '\r'];
    const bodies = [''];
    for (let len = 1; len <= 4; len++) for (const b of bodies.filter((x) => x.length === len - 1)) for (const c of alphabet) bodies.push(b + c);
    let compared = 0;
    for (const body of bodies) {
      for (const q of [`RETURN 1 /*${body}*/ + 1 /* */`, `RETURN 1 //${body}\n+ 1`, `RETURN 1 /*${body} + 1`]) {
        const tokens = guardAccepts(q);
        if (!tokens) continue;
        const values = tokens.map((t) => t.value).join(' ');
        const want = values === 'RETURN 1' ? 1 : values === 'RETURN 1 + 1' ? 2 : null;
        if (want === null) continue; // not an expression the guard can predict
        const got = await engine.ask(q, true);
        expect(got.ok, `${JSON.stringify(q)}: guard read ${values}, engine: ${got.err}`).toBe(true);
        expect(Object.values(JSON.parse(got.rows!)[0] as object)[0], JSON.stringify(q)).toBe(want);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('numbers and parameters: whatever the guard lexes as one number the engine reads as that number', async () => {
    const alphabet = ['0', '1', '.', 'e', '-', 'E', '9'];
    const texts = [''];
    for (let len = 1; len <= 4; len++) for (const b of texts.filter((x) => x.length === len - 1)) for (const c of alphabet) texts.push(b + c);
    let compared = 0;
    for (const n of texts.slice(1)) {
      const q = `RETURN ${n} AS v`;
      const tokens = guardAccepts(q);
      const parts = tokens?.slice(1, -2) ?? [];
      if (parts.length !== 1 || parts[0]!.kind !== 'number') continue;
      const got = await engine.ask(q, true);
      compared++;
      // `00.5` is one token for both; the engine then fails to convert it (its lexer and the guard's agree).
      if (!got.ok && /^Conversion exception/.test(got.err ?? '')) continue;
      expect(got.ok, `${q}: ${got.err}`).toBe(true);
      expect(JSON.parse(got.rows!)[0].v, q).toBeCloseTo(Number(parts[0]!.raw), 10);
    }
    expect(compared).toBeGreaterThan(20);
    for (const q of ['RETURN $1 AS v', 'RETURN $0 AS v', 'RETURN $a1 AS v']) {
      expect(guardAccepts(q), q).not.toBeNull();
      expect((await engine.ask(q, true)).ok, q).toBe(true);
    }
  });

  it('strings: the guard accepts only escapes the engine knows, and decodes them the same way', async () => {
    const alphabet = ['\\', "'", '"', 'a', 'u', 'x', '0', '4', '1', 'n', 'q'];
    const bodies = [''];
    for (let len = 1; len <= 3; len++) for (const b of bodies.filter((x) => x.length === len - 1)) for (const c of alphabet) bodies.push(b + c);
    bodies.push('\\u0041', '\\U00000041', '\\x41', '\\u004', 'a\\\\');
    let compared = 0;
    for (const body of bodies) {
      const q = `RETURN '${body}' AS v`;
      const tokens = guardAccepts(q);
      if (!tokens || tokens.length !== 4) continue;
      const got = await engine.ask(q, true);
      expect(got.ok, `${JSON.stringify(q)}: ${got.err}`).toBe(true);
      expect(JSON.parse(got.rows!)[0].v, JSON.stringify(q)).toBe(tokens[1]!.value);
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('names: a backtick name with doubled backticks is one token for both', async () => {
    const q = 'WITH 1 AS `a``b` RETURN `a``b` AS v';
    expect(tokenize(q).filter((t) => t.kind === 'quoted').map((t) => t.value)).toEqual(['a``b', 'a``b']);
    expect(await engine.ask(q, true)).toMatchObject({ ok: true, rows: '[{"v":1}]' });
  });
});

describe("the guard's function allow-list against the engine's catalogue", () => {
  it('allows only scalar/aggregate/rewrite functions, and refuses every table function in every spelling and position', async () => {
    const got = await engine.ask('CALL show_functions() RETURN name, type', true);
    const rows = JSON.parse(got.rows!) as { name: string; type: string }[];
    const types = new Map<string, Set<string>>();
    for (const r of rows) (types.get(r.name.toUpperCase()) ?? types.set(r.name.toUpperCase(), new Set()).get(r.name.toUpperCase())!).add(r.type);
    const table = [...types].filter(([, t]) => [...t].some((x) => /TABLE|COPY/.test(x))).map(([n]) => n);
    expect(table.length).toBeGreaterThan(20);
    for (const name of PURE_FUNCTIONS) {
      const t = types.get(name);
      // Neo4j-only names are simply unknown to LadybugDB; none may be a table function there.
      if (t) expect([...t].every((x) => /SCALAR|AGGREGATE|REWRITE/.test(x)), `${name}: ${[...t]}`).toBe(true);
    }
    for (const name of table) {
      const lower = name.toLowerCase();
      for (const q of [
        `RETURN ${lower}('x')`,
        `RETURN \`${lower}\`('x')`,
        `MATCH (a) WHERE ${name} ('x') RETURN a`,
        `LOAD FROM ${lower}('x') RETURN *`,
        ...(INTROSPECTION_CALLS.has(name) ? [] : [`CALL ${lower}('x') RETURN *`, `CALL \`${name}\`() RETURN *`]),
      ]) {
        expect(guardAccepts(q), q).toBeNull();
      }
    }
  });
});

describe('random glued queries the guard accepts, run for real against a planted canary', () => {
  it('none reads the canary or plans a table function', async () => {
    const rand = prng(7);
    const pieces = fuzzPieces(canary);
    const accepted: string[] = [];
    for (let n = 0; n < 40_000 && accepted.length < 300; n++) {
      const q = fuzzQuery(rand, pieces);
      if (guardAccepts(q)) accepted.push(q);
    }
    // Valid shapes too: the file clause wrapped in comments/strings with random glue, so that many run.
    const wrapped: string[] = [];
    for (let n = 0; n < 20_000 && wrapped.length < 300; n++) {
      const q = fuzzWrapped(rand, canary);
      if (guardAccepts(q)) wrapped.push(q);
    }
    accepted.push(...wrapped);
    // and the bypasses, unguarded: the probe must be able to see a leak at all
    const control = await engine.ask(`UNWIND [1] AS x WITH x LIMIT 1LOAD FROM "${canary}" (header=false) RETURN *`, true);
    expect(control.rows, 'the control leak did not reproduce: the probe would not notice one').toContain(SECRET);
    expect(accepted.length).toBeGreaterThan(300);
    let ran = 0;
    for (const q of accepted) {
      const got = await engine.ask(q, true);
      expect(JSON.stringify(got), JSON.stringify(q)).not.toContain(SECRET);
      for (const fn of got.fns ?? []) expect(['READ_FTABLE', 'SHOW_TABLES', 'TABLE_INFO', 'SHOW_FUNCTIONS', 'DB_VERSION', 'SHOW_INDEXES'], JSON.stringify(q)).toContain(fn);
      if (got.ok) ran++;
    }
    expect(ran).toBeGreaterThan(100);
    console.log(`${accepted.length} accepted random queries run: ${ran} executed, ${accepted.length - ran} refused by the engine; engine crashes: ${engine.crashes.length}`);
  });
});
