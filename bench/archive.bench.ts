/**
 * What the article archive costs an ingest: the same generated articles ingested into a fresh store
 * with no archive, with the archive but no fsync, and with the archive as shipped (fsync of every
 * file, one directory fsync per batch). Rounds interleave the three so machine noise hits each
 * alike; reported: median wall time of the whole ingest, median time inside the archive hook, and
 * the ratios to the no-archive run. Then the archive alone (the same articles put in batches of
 * 100, no extraction, no store), fsync off and on, so its cost is seen apart from the ingest's noise.
 *
 *   tsx bench/archive.bench.ts [--count 500] [--rounds 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ArticleArchive } from '../archive/article-archive.ts';
import { LadybugStore } from '../cypher/ladybug/store.ts';
import { ingestArticles, loadArticleFiles } from '../ingest/index.ts';
import { generateCorpus } from './generate-corpus.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '500' }, rounds: { type: 'string', default: '3' } } });
const count = Number(values.count);
const rounds = Number(values.rounds);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-archive-bench-'));
try {
  await generateCorpus({ out: path.join(root, 'corpus'), count, seed: 3 });
  const { articles } = await loadArticleFiles([path.join(root, 'corpus')]);
  type Mode = 'no archive' | 'archive, no fsync' | 'archive + fsync';
  const modes: Mode[] = ['no archive', 'archive, no fsync', 'archive + fsync'];
  const runs: Record<Mode, { ms: number; hookMs: number; cpuMs: number }[]> = { 'no archive': [], 'archive, no fsync': [], 'archive + fsync': [] };
  for (let r = 0; r < rounds; r++) {
    for (const mode of modes) {
      const dir = path.join(root, `run-${r}-${modes.indexOf(mode)}`);
      const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: 256 * 1024 * 1024 });
      await store.open();
      const archive = mode === 'no archive' ? null : new ArticleArchive(dir, { fsync: mode === 'archive + fsync' });
      let hookMs = 0;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await ingestArticles(store, articles, {
        beforeWrite: archive
          ? async (batch) => {
              const h = performance.now();
              await archive.put(batch);
              hookMs += performance.now() - h;
            }
          : undefined,
      });
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      await store.close();
      runs[mode].push({ ms, hookMs, cpuMs: (cpu.user + cpu.system) / 1000 });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = median(runs['no archive'].map((x) => x.ms));
  console.log(`ingest of ${articles.length} generated articles (batches of 100), median of ${rounds} interleaved rounds:`);
  for (const mode of modes) {
    const ms = median(runs[mode].map((x) => x.ms));
    const hook = median(runs[mode].map((x) => x.hookMs));
    const cpu = median(runs[mode].map((x) => x.cpuMs));
    console.log(
      `  ${mode.padEnd(18)} ${(ms / 1000).toFixed(2)} s wall (×${(ms / base).toFixed(3)}), CPU ${(cpu / 1000).toFixed(2)} s, in the archive ${hook.toFixed(0)} ms (${((hook / articles.length) * 1000).toFixed(0)} µs/article)`,
    );
  }

  const { articleId } = await import('../ingest/ids.ts');
  const batches: { articleId: string; input: (typeof articles)[number] }[][] = [];
  for (let i = 0; i < articles.length; i += 100) batches.push(articles.slice(i, i + 100).map((input) => ({ articleId: articleId(input.text), input })));
  const alone: Record<'off' | 'on', number[]> = { off: [], on: [] };
  for (let r = 0; r < rounds * 2; r++) {
    for (const fsyncOn of [false, true]) {
      const dir = path.join(root, `alone-${r}-${fsyncOn}`);
      const archive = new ArticleArchive(dir, { fsync: fsyncOn });
      const t0 = performance.now();
      for (const b of batches) await archive.put(b);
      alone[fsyncOn ? 'on' : 'off'].push(performance.now() - t0);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const off = median(alone.off);
  const on = median(alone.on);
  console.log(`the archive alone, ${articles.length} articles in batches of 100, median of ${rounds * 2}:`);
  console.log(`  fsync off  ${off.toFixed(0)} ms (${((off / articles.length) * 1000).toFixed(0)} µs/article)`);
  console.log(`  fsync on   ${on.toFixed(0)} ms (${((on / articles.length) * 1000).toFixed(0)} µs/article): fsync adds ${(on - off).toFixed(0)} ms per ${articles.length} articles`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
