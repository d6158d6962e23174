import lbug from '@ladybugdb/core';
import { manyArticles } from './tests/store/fixtures.ts';
const db = new lbug.Database(':memory:', 256 * 1024 * 1024);
const c = new lbug.Connection(db);
const recs = manyArticles(0, 1000);
const rows = recs.nodes.Statement;
console.log('rows', rows.length);
async function time(label: string, q: string, p: any) {
  try {
  const ps = await c.prepare(q);
  if (!ps.isSuccess()) throw new Error(ps.getErrorMessage());
  const t = performance.now();
  const r = await c.execute(ps, p);
  console.log(label, (performance.now() - t).toFixed(0), 'ms', JSON.stringify(await (r as any).getAll()).slice(0, 100));
  } catch (e) { console.log(label, 'ERR', (e as Error).message.slice(0, 200)); }
}
await time('structs', 'UNWIND $rows AS r RETURN count(*)', { rows });
await time('2-field structs', 'UNWIND $rows AS r RETURN count(*)', { rows: rows.map(r => ({ id: r.id, text: r.text })) });
await time('one string list', 'UNWIND $ids AS r RETURN count(*)', { ids: rows.map(r => r.id) });
await time('one int list', 'UNWIND $ids AS r RETURN count(*)', { ids: rows.map(r => r.start) });
await time('json', 'UNWIND CAST($j AS JSON[]) AS r RETURN count(*)', { j: lbug.json(rows as any) });
await time('json str', 'RETURN json_array_length($j)', { j: JSON.stringify(rows) });
const cols: any = {};
for (const k of Object.keys(rows[0]!)) cols[k] = rows.map((r: any) => r[k]);
await time('col lists indexed', 'UNWIND range(1, size($id)) AS i RETURN count(*), max($text[i]), max($start[i]), max($id[i])', cols);
await time('json cast struct', 'UNWIND CAST($j AS JSON[]) AS r WITH CAST(r AS STRUCT(id STRING, text STRING, start INT64)) AS s RETURN count(*), max(s.id), max(s.start)', { j: lbug.json(rows as any) });
await time('json as struct list', 'UNWIND CAST($j AS STRUCT(id STRING, text STRING, start INT64)[]) AS s RETURN count(*), max(s.id), max(s.start)', { j: lbug.json(rows as any) });
await time('string json cast', 'UNWIND CAST(CAST($j AS JSON) AS STRUCT(id STRING, text STRING, start INT64)[]) AS s RETURN count(*), max(s.id), max(s.start)', { j: JSON.stringify(rows) });
