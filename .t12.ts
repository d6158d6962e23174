import lbug from '@ladybugdb/core';
import { manyArticles } from './tests/store/fixtures.ts';
import { ladybugDdl, nodePropNames, relPropNames, ident, propType } from './cypher/ddl.ts';
async function fresh() { const db = new lbug.Database(':memory:', 512 * 1024 * 1024); const c = new lbug.Connection(db); for (const s of ladybugDdl()) await c.query(s); return c; }
const recs = manyArticles(0, 4000);
async function setup() {
  const c = await fresh();
  for (const label of ['Actor', 'Statement', 'Issue', 'Article'] as const) {
    const names = nodePropNames(label);
    const ps = await c.prepare(`UNWIND range(1, size($c0)) AS i MERGE (n:${label} {id: $c0[i]})`);
    const rows = label === 'Actor' ? [...new Map(recs.nodes.Actor.map(a => [a.id, a])).values()] : label === 'Issue' ? recs.nodes.Issue.slice(0, 1) : recs.nodes[label];
    await ((await c.execute(ps, { c0: rows.map((r: any) => r.id) })) as any).getAll();
  }
  return c;
}
const rels = recs.rels.SAID; // 20k
const names = ['from', 'to', ...relPropNames('SAID')];
const cols: any = {}; names.forEach((p, j) => (cols['c' + j] = rels.map((s: any) => s[p])));
async function run(label: string, q: string, p: any) { const c = await setup(); const t = performance.now(); try { const ps = await c.prepare(q); if (!ps.isSuccess()) throw new Error(ps.getErrorMessage()); const r = await c.execute(ps, p); const out = await (r as any).getAll(); const n = await ((await c.query('MATCH ()-[r:SAID]->() RETURN count(r) AS n')) as any).getAll(); console.log(label, (performance.now() - t).toFixed(0), 'ms', JSON.stringify(out).slice(0, 80), n); } catch (e) { console.log(label, 'ERR', (e as Error).message.slice(0, 200)); } }
await run('copy WITH-bound lists', `COPY SAID FROM (WITH ${names.map((_, j) => `$c${j} AS c${j}`).join(', ')} UNWIND range(1, size(c0)) AS i RETURN ${names.map((_, j) => `c${j}[i]`).join(', ')})`, cols);
await run('copy cast lists', `COPY SAID FROM (UNWIND range(1, size($c0)) AS i RETURN ${names.map((_, j) => `list_extract(CAST($c${j} AS STRING[]), i)`).join(', ')})`, cols);
await run('match create lists', `UNWIND range(1, size($c0)) AS i MATCH (a:Actor {id: $c0[i]}), (b:Statement {id: $c1[i]}) CREATE (a)-[:SAID {${names.slice(2).map((p, j) => `${ident(p)}: $c${j + 2}[i]`).join(', ')}}]->(b)`, cols);
