/**
 * `npm run bench:write-paths`: measures LadybugDB's ways of inserting relationships into a store that already holds articles:
 *  - `UNWIND $rows AS r MATCH (a {id: r.from}) MATCH (b {id: r.to}) CREATE …` (what the store does),
 *  - `COPY SAID FROM (WITH $c0 … UNWIND range(…) RETURN …)` (COPY from a parameterised subquery),
 *  - `COPY SAID FROM '<file>.csv'` (COPY from a file written to a temp directory; writing it is timed),
 * and the cost of one CHECKPOINT. CPU is process CPU (the engine's threads included).
 *
 *   npm run bench:write-paths -- [--articles 2000] [--rows 2000,20000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import lbug, { type LbugValue } from '@ladybugdb/core';
import { ident } from '../cypher/ddl.ts';
import { chunks } from '../cypher/ladybug/batch.ts';
import { LADYBUG_WRITE_QUERIES, LadybugStore, columnarStatement, ladybugDbPath, relRowsStatement } from '../cypher/ladybug/store.ts';
import { emptyGraphRecords, REL_TABLES, type GraphRecords } from '../cypher/schema.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '2000' }, rows: { type: 'string', default: '2000,20000' } } });
const prefill = Number(values.articles);
const sizes = values.rows.split(',').map(Number);

/** Synthetic but schema-valid: `n` articles of 5 statements by actors from a pool of 500. */
function records(from: number, n: number): GraphRecords {
  const g = emptyGraphRecords();
  for (let i = from; i < from + n; i++) {
    const articleId = `art-${i}`;
    g.nodes.Article.push({ id: articleId, file: `${i}.txt`, title: `t ${i}`, source: 's', url: null, published: '2020-01-01', text: `text ${i} `.repeat(200), chars: 1000, complete: true });
    for (let s = 0; s < 5; s++) {
      const actor = `actor-${(i * 7 + s) % 500}`;
      const id = `${articleId}-st-${s}`;
      if (i < 500) g.nodes.Actor.push({ id: actor, name: actor, type: 'person', aliases: [actor], description: null, affiliation: null });
      g.nodes.Statement.push({
        id, text: `statement ${s}`, kind: 'direct', cue: 'said', start: s, end: s + 1, date: '2020-01', granularity: 'month', dateBasis: 'explicit',
        dateEvidence: null, dateFrom: '2020-01-01', dateTo: '2020-01-31', articleId, speakerId: actor, speakerMention: actor,
      });
      g.rels.SAID.push({ from: actor, to: id, date: '2020-01', dateFrom: '2020-01-01', dateTo: '2020-01-31', articleId });
      g.rels.REPORTED_IN.push({ from: id, to: articleId, articleId });
    }
  }
  return g;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-write-paths-'));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
try {
  // Prefill through the store's own write path, then measure on the raw engine.
  const store = new LadybugStore({ dataDir: dir });
  await store.open();
  for (let i = 0; i < prefill; i += 500) await store.write(records(i, Math.min(500, prefill - i)));
  await store.close();
  const db = new lbug.Database(ladybugDbPath(dir), 512 * 2 ** 20, true, false);
  const conn = new lbug.Connection(db);
  const exec = async (text: string, params?: Record<string, unknown>) => {
    const r = params ? await conn.execute(await conn.prepare(text), params as Record<string, LbugValue>) : await conn.query(text);
    for (const x of Array.isArray(r) ? r : [r]) x.close();
  };
  const time = async (fn: () => Promise<void>) => {
    const c = cpu();
    const t = performance.now();
    await fn();
    return { cpuMs: cpu() - c, wallMs: performance.now() - t };
  };
  let next = prefill;
  /** Fresh statements (and their articles) for `rows` new SAID relationships. */
  const fresh = async (rows: number) => {
    const g = records(next, Math.ceil(rows / 5));
    next += Math.ceil(rows / 5);
    for (const part of chunks(g.nodes.Article, 2000)) { const s = columnarStatement(LADYBUG_WRITE_QUERIES.article, part); await exec(s.text, s.params); }
    for (const part of chunks(g.nodes.Statement, 10000)) { const s = columnarStatement(LADYBUG_WRITE_QUERIES.statement, part); await exec(s.text, s.params); }
    return g.rels.SAID.slice(0, rows);
  };
  const csvField = (v: unknown) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
  const cols = ['from', 'to', ...Object.keys(REL_TABLES.SAID.props)];
  const out: string[] = [`prefilled ${prefill} articles; SAID relationships inserted per method (CPU ms / wall ms):`];
  for (const n of sizes) {
    const a = await fresh(n);
    const unwind = await time(async () => {
      for (const part of chunks(a, 2000)) { const s = relRowsStatement('SAID', part); await exec(s.text, s.params); }
    });
    const b = await fresh(n);
    const sub = await time(async () => {
      for (const part of chunks(b, 10000)) { const s = columnarStatement(LADYBUG_WRITE_QUERIES.rels.SAID, part); await exec(s.text, s.params); }
    });
    const c = await fresh(n);
    const file = path.join(dir, `said-${n}.csv`);
    const csv = await time(async () => {
      fs.writeFileSync(file, c.map((r) => cols.map((k) => csvField((r as Record<string, unknown>)[k])).join(',')).join('\n') + '\n');
      // The path is ours (a temp dir); COPY takes no parameter for it.
      await exec(`COPY ${ident('SAID')} FROM '${file}' (HEADER=false)`);
    });
    const f = (t: { cpuMs: number; wallMs: number }) => `${t.cpuMs.toFixed(0)} / ${t.wallMs.toFixed(0)}`;
    out.push(`  ${n} rows: UNWIND MATCH CREATE ${f(unwind)} | COPY FROM (subquery) ${f(sub)} | COPY FROM csv file ${f(csv)}`);
  }
  const ck = await time(() => exec('CHECKPOINT'));
  out.push(`  CHECKPOINT after the inserts: ${ck.cpuMs.toFixed(0)} / ${ck.wallMs.toFixed(0)}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await conn.close();
  await db.close();
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
