/**
 * The store's share of ingest at scale, without extraction: pre-extracted batches (one
 * GraphRecords JSON per line, e.g. written by `--dump` below from a generated corpus) are written
 * to a fresh LadybugDB store, replayed `--passes` times with ids suffixed per pass (new articles,
 * statements; the same actors, so hubs grow) up to `--count` articles. Prints CPU and wall per 1k
 * articles along the run, RSS, checkpoints, the store on disk, and +1,000 articles after a reopen.
 * For when extraction (the larger share of ingest CPU) would make a full `bench:scale` run too long.
 *
 *   tsx bench/scale-store-only.ts --dump <corpus dir> --records /tmp/records.ndjson
 *   tsx bench/scale-store-only.ts --records /tmp/records.ndjson --count 100000 [--dir /tmp/x]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LadybugStore } from '../cypher/ladybug/store.ts';
import { emptyGraphRecords, NODE_LABELS, REL_TYPES, type GraphRecords } from '../cypher/schema.ts';

const { values } = parseArgs({
  options: {
    dump: { type: 'string' },
    records: { type: 'string' },
    count: { type: 'string', default: '100000' },
    dir: { type: 'string', default: path.join(os.tmpdir(), 'claimgraph-store-only') },
  },
});
if (!values.records) throw new Error('--records <file.ndjson> is required');

if (values.dump) {
  const { loadArticleFiles, extractArticle, toGraphRecords, checkArticleInput } = await import('../ingest/index.ts');
  const { articles } = await loadArticleFiles([values.dump]);
  const fd = fs.openSync(values.records, 'w');
  for (let i = 0; i < articles.length; i += 100) {
    const b = emptyGraphRecords();
    for (const a of articles.slice(i, i + 100)) {
      const r = toGraphRecords(extractArticle(checkArticleInput(a)));
      for (const l of NODE_LABELS) (b.nodes[l] as unknown[]).push(...r.nodes[l]);
      for (const t of REL_TYPES) (b.rels[t] as unknown[]).push(...r.rels[t]);
    }
    fs.writeSync(fd, `${JSON.stringify(b)}\n`);
  }
  fs.closeSync(fd);
  process.stdout.write(`dumped ${articles.length} articles to ${values.records}\n`);
  process.exit(0);
}

const lines = fs.readFileSync(values.records, 'utf8').split('\n').filter(Boolean);
const perPass = lines.length * 100;
const count = Number(values.count);

/** Batch `i` of pass `p`: articles and statements renamed so that each pass adds new ones. */
function batch(p: number, i: number): GraphRecords {
  const g = JSON.parse(lines[i] as string) as GraphRecords;
  if (p === 0) return g;
  const s = (id: string) => `${id}~${p}`;
  for (const a of g.nodes.Article) a.id = s(a.id);
  for (const st of g.nodes.Statement) {
    st.id = s(st.id);
    st.articleId = s(st.articleId);
  }
  const articleSide: Record<string, ('from' | 'to')[]> = { SAID: ['to'], REPORTED_IN: ['from', 'to'], MENTIONS: ['from'], ABOUT: ['from'], HOLDS_POSITION: [], RELATES: [] };
  for (const t of REL_TYPES) {
    for (const r of g.rels[t] as { from: string; to: string; articleId: string; statementIds?: string[] }[]) {
      for (const side of articleSide[t] ?? []) r[side] = s(r[side]);
      r.articleId = s(r.articleId);
      if (r.statementIds) r.statementIds = r.statementIds.map(s);
    }
  }
  return g;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const du = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('graph.lbug')).reduce((a, n) => a + fs.statSync(path.join(dir, n)).size, 0) / 2 ** 20;

fs.rmSync(values.dir, { recursive: true, force: true });
const load0 = os.loadavg().map((l) => l.toFixed(1)).join(' ');
const store = new LadybugStore({ dataDir: values.dir });
await store.open();
const c0 = cpu();
const t0 = performance.now();
let written = 0;
let mark = { cpu: c0, wall: t0 };
const per1k: { at: number; cpu: number; wall: number; rssMb: number }[] = [];
outer: for (let p = 0; ; p++) {
  for (let i = 0; i < lines.length; i++) {
    if (written >= count) break outer;
    await store.write(batch(p, i));
    written += 100;
    if (written % 1000 === 0) {
      const c = cpu();
      const w = performance.now();
      per1k.push({ at: written, cpu: c - mark.cpu, wall: (w - mark.wall) / 1000, rssMb: process.memoryUsage().rss / 2 ** 20 });
      mark = { cpu: c, wall: w };
      if (written % 10_000 === 0) {
        const last = per1k.slice(-10);
        process.stderr.write(
          `${written}: last 10k ${last.reduce((a, x) => a + x.cpu, 0).toFixed(1)} CPU s, ${last.reduce((a, x) => a + x.wall, 0).toFixed(1)} s wall, rss ${per1k.at(-1)!.rssMb.toFixed(0)} MiB, checkpoints ${store.checkpointStats.count}, load ${os.loadavg()[0]!.toFixed(1)}\n`,
        );
      }
    }
  }
  if (p === 0 && written < count && perPass === 0) break;
}
const tc = performance.now();
await store.close();
const closeS = (performance.now() - tc) / 1000;
const total = { cpu: cpu() - c0, wall: (performance.now() - t0) / 1000 };
const window = (from: number, to: number) => per1k.filter((x) => x.at > from && x.at <= to).reduce((a, x) => ({ cpu: a.cpu + x.cpu, wall: a.wall + x.wall }), { cpu: 0, wall: 0 });
const w = Math.min(10_000, Math.floor(written / 5));
const first = window(0, w);
const last = window(written - w, written);
const disk = du(values.dir);

// +1,000 articles into the built store, after a reopen (the next pass's first 10 batches).
const c1 = cpu();
const t1 = performance.now();
const again = new LadybugStore({ dataDir: values.dir });
await again.open();
const passes = Math.ceil(written / perPass);
for (let i = 0; i < 10; i++) await again.write(batch(passes + 1, i));
await again.close();
const plus = { cpu: cpu() - c1, wall: (performance.now() - t1) / 1000 };

const rss = Math.max(...per1k.map((x) => x.rssMb), process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  [
    `store-only (LadybugDB), ${written} articles from ${values.records} (${perPass} per pass); load average ${load0} → ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    `  write: ${total.wall.toFixed(0)} s wall, ${total.cpu.toFixed(0)} s CPU (close incl. final checkpoint ${closeS.toFixed(1)} s); peak RSS ${rss.toFixed(0)} MiB; ${disk.toFixed(0)} MiB on disk`,
    `  checkpoints ${store.checkpointStats.count} (${(store.checkpointStats.ms / 1000).toFixed(1)} s wall)`,
    `  per 1k, first ${w / 1000}k: ${(first.cpu / (w / 1000)).toFixed(2)} CPU s (${(first.wall / (w / 1000)).toFixed(2)} s wall); last ${w / 1000}k: ${(last.cpu / (w / 1000)).toFixed(2)} CPU s (${(last.wall / (w / 1000)).toFixed(2)} s wall); last/first CPU ${(last.cpu / first.cpu).toFixed(2)}×`,
    `  +1,000 articles after reopen: ${plus.wall.toFixed(1)} s wall, ${plus.cpu.toFixed(1)} s CPU`,
  ].join('\n') + '\n',
);
fs.writeFileSync(path.join(path.dirname(values.dir), `store-only-${written}.json`), JSON.stringify({ written, total, closeS, rss, disk, per1k, plus, checkpoints: store.checkpointStats }, null, 1));
