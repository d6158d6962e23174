import lbug from '@ladybugdb/core';
import { manyArticles } from './tests/store/fixtures.ts';
import { ladybugDdl, nodePropNames, propType, ident } from './cypher/ddl.ts';
async function fresh() { const db = new lbug.Database(':memory:', 512 * 1024 * 1024); const c = new lbug.Connection(db); for (const s of ladybugDdl()) await c.query(s); return c; }
async function exec(c: any, label: string, q: string, p: any) { const t = performance.now(); try { const ps = await c.prepare(q); if (!ps.isSuccess()) throw new Error(ps.getErrorMessage()); const r = await c.execute(ps, p); await r.getAll(); console.log(label, (performance.now() - t).toFixed(0), 'ms'); } catch (e) { console.log(label, 'ERR ' + (e as Error).message.slice(0, 300)); } }
const st = manyArticles(0, 4000).nodes.Statement; // 20k
const names = nodePropNames('Statement');
console.log(st.length, 'statements');
{ const c = await fresh(); await exec(c, 'struct rows COPY', `COPY Statement FROM (UNWIND $rows AS r RETURN ${names.map(p => `r.${ident(p)}`).join(', ')})`, { rows: st }); }
{ const c = await fresh(); const cols: any = {}; names.forEach((p, j) => (cols['c' + j] = st.map((s: any) => s[p]))); await exec(c, 'column lists CREATE', `UNWIND range(1, size($c0)) AS i CREATE (n:Statement {${names.map((p, j) => `${ident(p)}: $c${j}[i]`).join(', ')}})`, cols); }
{ const c = await fresh(); const rows = st.map((s: any) => names.map(p => s[p] === null ? null : String(s[p])));
  await exec(c, 'string-list rows COPY', `COPY Statement FROM (UNWIND $rows AS r RETURN ${names.map((p, j) => propType('Statement', p) === 'STRING' ? `r[${j + 1}]` : `CAST(r[${j + 1}] AS ${propType('Statement', p)})`).join(', ')})`, { rows }); }
