/**
 * Kill tests of the system of record: a writer (the CLI `ingest`, or the real server taking
 * `POST /api/articles`) is SIGKILLed at a seeded random moment: after a random delay, inside a
 * LadybugDB checkpoint, or inside an archive write (both caught exactly with SIGSTOP, see
 * helpers/archive-trials.ts), or twice in a row (the second kill hits the restart's own recovery),
 * or during the server's first-start seeding. Then the data directory is opened the way every
 * writer opens it at start (prepareIndex + openIndexedStore: probe after a crash, rebuild from the
 * archive if the store cannot open, then the graph brought in line with the archive), and:
 *  - every acknowledged article (the CLI printed "stored K/N" past it, the server answered it) is in
 *    the archive and in the graph;
 *  - the graph holds exactly the archived articles, with the counts of a clean run of those;
 *  - ingesting the whole corpus again ends at the counts of a clean run of all of it.
 *
 * Default `npm test`: 3 trials. `CLAIMGRAPH_STRESS=1` (`npm run test:stress`): 34 trials over
 * every writer × kill mode. Linux only (/proc, SIGSTOP).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleArchive, archiveBeforeWrite } from '../../archive/article-archive.ts';
import { IN_USE_MARKER, openIndexedStore, prepareIndex, type IndexConfig } from '../../archive/open-indexed-store.ts';
import { LadybugStore } from '../../cypher/ladybug/store.ts';
import type { Counts, GraphStore } from '../../cypher/store.ts';
import { ingestArticles } from '../../ingest/index.ts';
import { articleId } from '../../ingest/ids.ts';
import {
  cleanCounts,
  listing,
  inArchiveWrite,
  inCheckpoint,
  killWhen,
  makeCorpus,
  recordsOf,
  rng,
  startWriter,
  writeCorpus,
  type Writer,
} from './helpers/archive-trials.ts';

const STRESS = process.env.CLAIMGRAPH_STRESS === '1';
/** Articles per trial: the CLI writes them in batches of 100, the server clients post 25 per request. */
const N = STRESS ? 300 : 150;
const TOKEN = 'archive-kill-test-token-0123456789';

type WriterKind = 'cli' | 'server';
type Mode = 'random' | 'checkpoint' | 'archive' | 'twice' | 'seed';
interface Trial {
  seed: number;
  writer: WriterKind;
  mode: Mode;
}

const MODES: Record<WriterKind, Mode[]> = { cli: ['random', 'checkpoint', 'archive', 'twice'], server: ['random', 'checkpoint', 'archive', 'seed'] };
const TRIALS: Trial[] = STRESS
  ? Array.from({ length: 34 }, (_, i) => {
      const writer: WriterKind = i % 2 === 0 ? 'cli' : 'server';
      return { seed: 1000 + i, writer, mode: MODES[writer][(i >> 1) % 4]! };
    })
  : [
      { seed: 1, writer: 'cli', mode: 'checkpoint' },
      { seed: 2, writer: 'server', mode: 'archive' },
      { seed: 3, writer: 'server', mode: 'random' },
    ];

const corpus = makeCorpus(N);
const ids = corpus.map((a) => articleId(a.text));
let records: ReturnType<typeof recordsOf>;
let cleanAll: Counts;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-archive-kill-'));
const corpusDir = path.join(root, 'corpus');
const writers: Writer[] = [];
const outcomes: string[] = [];

beforeAll(async () => {
  writeCorpus(corpusDir, corpus);
  records = recordsOf(corpus);
  // The counts formula against a real clean run of the whole corpus.
  const store = new LadybugStore({ dataDir: path.join(root, 'clean'), bufferPoolBytes: 256 * 1024 * 1024 });
  await store.open();
  await ingestArticles(store, corpus);
  cleanAll = await store.counts();
  await store.close();
  expect(cleanCounts(records, ids)).toEqual(cleanAll);
});

afterAll(() => {
  for (const w of writers) if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
  if (outcomes.length) console.log(`[archive-kill] ${outcomes.length} trial(s)\n${outcomes.join('\n')}`);
  fs.rmSync(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How many leading articles the CLI has acknowledged ("stored K/N" on stderr). */
function cliAcked(w: Writer): number {
  let k = 0;
  for (const l of w.stderr) {
    const m = /^stored (\d+)\/\d+$/.exec(l);
    if (m) k = Math.max(k, Number(m[1]));
  }
  return k;
}

interface Run {
  acked: Set<string>;
  killedAt: string;
}

/**
 * Where a kill lands is seeded in two steps: first wait until the writer has acknowledged `after`
 * units (CLI: batches of 100; server: requests of 25; 0: until it holds the store), so kills spread
 * over the whole run rather than piling up in start-up; then kill in `mode`: after a random delay
 * of up to `spanMs`, or at the 1st/2nd checkpoint or archive write from there on. Returns where.
 */
async function kill(w: Writer, dir: string, mode: Mode, r: () => number, acks: () => number, units: number, spanMs: number): Promise<string> {
  const after = Math.floor(r() * units);
  const ready = (): boolean => (after === 0 ? fs.existsSync(path.join(dir, IN_USE_MARKER)) : acks() >= after);
  while (!ready() && w.proc.exitCode === null && w.proc.signalCode === null) await sleep(2);
  const from = `after ${after} ack(s)`;
  if (mode === 'checkpoint' || mode === 'archive') {
    const skip = Math.floor(r() * 2);
    const files = await killWhen(w, dir, mode === 'checkpoint' ? inCheckpoint : inArchiveWrite, skip);
    await w.exited;
    if (!files) return `${from}, ${mode} #${skip + 1}: the writer finished first`;
    const shown = mode === 'checkpoint' ? Object.entries(files.data).filter(([n]) => n.startsWith('graph.lbug')) : Object.entries(files.staging);
    return `${from}, in ${mode} #${skip + 1} (${shown.map(([n, sz]) => `${n.replace(/^art_[0-9a-f]+/, 'art_…')}:${sz}`).join(' ')})`;
  }
  const ms = Math.round(r() * spanMs);
  await Promise.race([sleep(ms), w.exited]);
  const alive = w.proc.exitCode === null && w.proc.signalCode === null;
  w.proc.kill('SIGKILL');
  await w.exited;
  return `${from} +${ms} ms${alive ? '' : ': the writer had finished'}`;
}

async function runCli(dir: string, mode: Mode, r: () => number): Promise<Run> {
  const acked = new Set<string>();
  const start = () => {
    const w = startWriter('cli/main.ts', ['ingest', corpusDir, '--data-dir', dir], { CLAIMGRAPH_WRITE_TOKEN: undefined });
    writers.push(w);
    return w;
  };
  const batches = N / 100;
  const w = start();
  let killedAt = await kill(w, dir, mode === 'twice' ? 'random' : mode, r, () => cliAcked(w) / 100, batches, 1200);
  const k1 = cliAcked(w);
  killedAt += `, acked ${k1}`;
  ids.slice(0, k1).forEach((id) => acked.add(id));
  if (mode === 'twice') {
    // The restart recovers (probe, catch-up indexing) and ingests again: kill that too, anywhere.
    const w2 = start();
    const ms = Math.round(r() * 5000);
    await Promise.race([sleep(ms), w2.exited]);
    w2.proc.kill('SIGKILL');
    await w2.exited;
    killedAt += `; restart killed +${ms} ms, acked ${cliAcked(w2)}`;
    ids.slice(0, cliAcked(w2)).forEach((id) => acked.add(id));
  }
  return { acked, killedAt };
}

async function runServer(dir: string, mode: Mode, r: () => number): Promise<Run> {
  const acked = new Set<string>();
  const w = startWriter('server/main.ts', [], {
    PORT: '0',
    CLAIMGRAPH_DATA_DIR: dir,
    CLAIMGRAPH_CORPUS: mode === 'seed' ? corpusDir : '',
    CLAIMGRAPH_WRITE_TOKEN: TOKEN,
    CLAIMGRAPH_BUILD_CLIENT: 'never',
    CLAIMGRAPH_CLIENT_DIST: path.join(dir, 'no-client'),
    CLAIMGRAPH_RATE_UPLOAD: '1000000',
    LOG_LEVEL: 'info',
  });
  writers.push(w);
  if (mode === 'seed') {
    // First start on an empty data dir: the corpus is ingested (through the archive) before listening.
    const killedAt = await kill(w, dir, 'random', r, () => 0, 1, 300 + N * 10);
    return { acked, killedAt: `seeding, ${killedAt}` };
  }
  const url = /listening on (http\S+)"/.exec(await w.waitFor(/listening on/))![1]!;
  let posts = 0;
  // Two clients at once, 25 articles per request, each over its own half of the corpus.
  const client = async (from: number, to: number) => {
    for (let i = from; i < to; i += 25) {
      let res: Response;
      try {
        res = await fetch(`${url}/api/articles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify({ articles: corpus.slice(i, Math.min(i + 25, to)) }),
        });
      } catch {
        return; // the server is gone
      }
      const body = (await res.json().catch(() => null)) as { results: { status: string; articleId: string | null }[] } | null;
      if (!body) return;
      expect([200, 201]).toContain(res.status);
      posts++;
      for (const x of body.results) if (x.status === 'ingested' || x.status === 'skipped') acked.add(x.articleId!);
    }
  };
  const clients = Promise.all([client(0, N / 2), client(N / 2, N)]).then(async () => {
    // Every request answered before the kill came: the server waits for more, so kill it now.
    await sleep(300);
    if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
  });
  const killedAt = await kill(w, dir, mode, r, () => posts, N / 25, 600);
  await clients;
  return { acked, killedAt: `${killedAt}, ${posts} answered request(s), acked ${acked.size}` };
}

async function completeIds(store: GraphStore): Promise<string[]> {
  return (await store.read<{ id: string }>({ text: 'MATCH (a:Article) WHERE a.complete = true RETURN a.id AS id', params: {} })).map((x) => x.id).sort();
}

describe.skipIf(process.platform !== 'linux')(`article archive: writers killed at random moments (${TRIALS.length} trials${STRESS ? ', stress' : ''})`, () => {
  // A trial is a few child processes in a row: generous, since the 2 cores are shared.
  it.each(TRIALS)('trial $seed: $writer killed ($mode)', { timeout: 240_000 }, async ({ seed, writer, mode }) => {
    const r = rng(seed);
    const t0 = performance.now();
    const dir = path.join(root, `trial-${seed}`);
    const run = writer === 'cli' ? await runCli(dir, mode, r) : await runServer(dir, mode, r);

    // The next start, as every writer does it.
    const cfg: IndexConfig = { dataDir: dir, store: { kind: 'ladybug', dataDir: dir } };
    const said: string[] = [];
    const say = (_level: string, m: string) => said.push(m);
    const t1 = performance.now();
    const prepared = await prepareIndex(cfg, say);
    const { store, rebuilt, sync } = await openIndexedStore(cfg, say);
    const archive = ArticleArchive.at(dir);
    try {
      const graph = await completeIds(store);
      const archived = archive.ids();
      const missing = [...run.acked].filter((id) => !graph.includes(id));
      expect(missing, 'acknowledged articles missing from the graph').toEqual([]);
      expect([...run.acked].filter((id) => !archived.includes(id)), 'acknowledged articles missing from the archive').toEqual([]);
      expect(graph, 'the graph holds exactly the archived articles').toEqual(archived);
      expect(await store.counts(), 'clean-run counts of the archived articles').toEqual(cleanCounts(records, archived));
      const incomplete = await store.read<{ n: number }>({ text: 'MATCH (a:Article) WHERE a.complete <> true RETURN count(a) AS n', params: {} });
      expect(incomplete[0]!.n).toBe(0);
      expect(listing(archive.stagingDir), 'unfinished archive writes are cleaned').toEqual({});
      outcomes.push(
        `  #${seed} ${writer.padEnd(6)} ${mode.padEnd(10)} killed ${run.killedAt}; next start: ` +
          `${prepared.rebuilt || rebuilt ? `REBUILT from the archive (${said.find((m) => m.startsWith('rebuilding'))?.replace(/^.*?: /, '').slice(0, 300)})` : said.some((m) => m.includes('not closed cleanly')) ? 'probe ok' : 'opened'}` +
          `, indexed ${sync.indexed} archived-only, ${archived.length} archived ⊇ ${run.acked.size} acked — ok`,
      );

      const t2 = performance.now();
      // And the whole corpus again, through the archive: a clean run's counts.
      const again = await ingestArticles(store, corpus, { beforeWrite: archiveBeforeWrite(archive) });
      expect(again.results.filter((x) => x.status === 'failed')).toEqual([]);
      expect(await store.counts()).toEqual(cleanAll);
      expect(archive.ids()).toEqual([...ids].sort());
      outcomes.push(`      (s: writer ${((t1 - t0) / 1000).toFixed(1)}, next start ${((t2 - t1) / 1000).toFixed(1)}, whole corpus again ${((performance.now() - t2) / 1000).toFixed(1)})`);
    } catch (err) {
      outcomes.push(`  #${seed} ${writer} ${mode} killed ${run.killedAt}: FAILED ${(err as Error).message.split('\n')[0]}; said: ${said.join(' / ')}`);
      throw err;
    } finally {
      await store.close();
      prepared.release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
