import lbug from '@ladybugdb/core';
import { ladybugDdl, nodePropNames, relPropNames, propType, ident } from './cypher/ddl.ts';
import { manyArticles } from './tests/store/fixtures.ts';
import fs from 'node:fs';
for (const f of ['/tmp/lb/c9', '/tmp/lb/c9.wal']) fs.rmSync(f, { force: true });
const db = new lbug.Database('/tmp/lb/c9', 256 * 1024 * 1024);
const c = new lbug.Connection(db);
for (const s of ladybugDdl()) await c.query(s);
const N = Number(process.argv[2] ?? 2000);
const recs = manyArticles(0, N);
async function exec(q: string, p: any) { const ps = await c.prepare(q); if (!ps.isSuccess()) throw new Error(ps.getErrorMessage()); const r = await c.execute(ps, p); return (r as any).getAll(); }
function columns(rows: any[], names: string[]) { const o: any = {}; names.forEach((n, j) => (o['c' + j] = rows.map((r) => r[n] ?? null))); return o; }
// nodes
await exec('UNWIND $rows AS r MERGE (n:Actor {id: r.id}) SET n.name = r.name', { rows: recs.nodes.Actor.map(a => ({ id: a.id, name: a.name })) });
await exec('UNWIND $rows AS r MERGE (n:Issue {id: r.id})', { rows: recs.nodes.Issue.map(a => ({ id: a.id })) });
for (const label of ['Article', 'Statement'] as const) {
  const names = nodePropNames(label);
  const cols = names.map((p, j) => `$c${j}[i]`);
  const q = `COPY ${ident(label)} FROM (UNWIND range(1, size($c0)) AS i RETURN ${cols.join(', ')})`;
  const t = performance.now();
  console.log(await exec(q, columns(recs.nodes[label] as any[], names)), label, (performance.now() - t).toFixed(0), 'ms');
}
for (const t of ['SAID', 'REPORTED_IN', 'MENTIONS', 'ABOUT', 'HOLDS_POSITION', 'RELATES'] as const) {
  const names = ['from', 'to', ...relPropNames(t)];
  const cols = names.map((p, j) => `$c${j}[i]`);
  const q = `COPY ${ident(t)} FROM (UNWIND range(1, size($c0)) AS i RETURN ${cols.join(', ')})`;
  const tt = performance.now();
  console.log(await exec(q, columns(recs.rels[t] as any[], names)), t, (performance.now() - tt).toFixed(0), 'ms');
}
console.log(await exec("MATCH (s:Statement {id: 'art-5-st-1'})<-[r:SAID]-(a) RETURN s.text, s.start, s.dateEvidence, r", {x:1}));
console.log(await exec("MATCH (s:Article)-[m:MENTIONS]->(a) WHERE s.id = 'art-5' RETURN m.forms, m.count LIMIT 1", {x:1}));
