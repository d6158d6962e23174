import lbug from '@ladybugdb/core';
import { ladybugDdl } from './cypher/ddl.ts';
import { LADYBUG_WRITE_QUERIES as Q, columnarStatement } from './cypher/ladybug/store.ts';
import { articleRecords } from './tests/store/fixtures.ts';
const db = new lbug.Database(':memory:', 256 * 1024 * 1024);
const c = new lbug.Connection(db);
for (const s of ladybugDdl()) await c.query(s);
const g = articleRecords(1);
async function run(name: string, q: { text: string; fields: readonly string[] }, rows: object[]) {
  try { const st = columnarStatement(q as any, rows); const ps = await c.prepare(st.text); if (!ps.isSuccess()) throw new Error(ps.getErrorMessage()); const r = await c.execute(ps, st.params as any); console.log(name, JSON.stringify(await (r as any).getAll()).slice(0, 100)); } catch (e) { console.log(name, 'ERR', (e as Error).message.slice(0, 300)); console.log(q.text); }
}
await run('article', Q.article, g.nodes.Article);
await run('actor', Q.actor, g.nodes.Actor);
await run('issue', Q.issue, g.nodes.Issue);
await run('statement', Q.statement, g.nodes.Statement);
for (const [t, q] of Object.entries(Q.rels)) await run(t, q, (g.rels as any)[t]);
