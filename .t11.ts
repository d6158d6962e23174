import lbug from '@ladybugdb/core';
import { manyArticles } from './tests/store/fixtures.ts';
import { ladybugDdl, nodePropNames, ident } from './cypher/ddl.ts';
async function fresh() { const db = new lbug.Database(':memory:', 512 * 1024 * 1024); const c = new lbug.Connection(db); for (const s of ladybugDdl()) await c.query(s); return c; }
const st = manyArticles(0, 4000).nodes.Statement; // 20k
const names = nodePropNames('Statement');
for (const chunk of [500, 1000, 2500]) {
  const c = await fresh();
  const ps = await c.prepare(`COPY Statement FROM (UNWIND $rows AS r RETURN ${names.map(p => `r.${ident(p)}`).join(', ')})`);
  const t = performance.now();
  for (let i = 0; i < st.length; i += chunk) await ((await c.execute(ps, { rows: st.slice(i, i + chunk) } as any)) as any).getAll();
  console.log('struct COPY chunk', chunk, (performance.now() - t).toFixed(0), 'ms');
}
for (const chunk of [1000, 5000]) {
  const c = await fresh();
  const ps = await c.prepare(`UNWIND range(1, size($c0)) AS i CREATE (n:Statement {${names.map((p, j) => `${ident(p)}: $c${j}[i]`).join(', ')}})`);
  const t = performance.now();
  for (let i = 0; i < st.length; i += chunk) { const part = st.slice(i, i + chunk); const cols: any = {}; names.forEach((p, j) => (cols['c' + j] = part.map((s: any) => s[p]))); await ((await c.execute(ps, cols)) as any).getAll(); }
  console.log('column CREATE chunk', chunk, (performance.now() - t).toFixed(0), 'ms');
}
