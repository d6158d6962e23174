/**
 * Parallel extraction in the batch loader (issue 10, ingest/parallel/): what reaches the store,
 * the archive hook and every callback is the same, in the same order, whatever the worker count;
 * the issue set and the corrections reach the workers; a bad article fails alone; a worker that
 * dies fails (after one retry alone) only the article that killed it; a worker that cannot load
 * leaves extraction in-process; extraction runs at most a couple of batches ahead of the store.
 * Worker counts are compared with each other in one run (extraction itself changes under other
 * work), never with stored expected output.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctionId } from '../../archive/corrections-log.ts';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import type { GraphRecords } from '../../cypher/schema.ts';
import type { GraphStore } from '../../cypher/store.ts';
import { DEFAULT_ISSUE_SET, extractArticle, ingestArticles, loadArticleFiles, toGraphRecords, type ArticleInput, type IssueSet } from '../../ingest/index.ts';
import type { AcceptedArticle, IngestOptions, IngestReport } from '../../ingest/load-into-store.ts';
import { extractOne } from '../../ingest/parallel/extract-one.ts';
import { ExtractPool, parseWorkerCount, WORKERS_ENV, workerCountFromEnv } from '../../ingest/parallel/extract-pool.ts';
import { Correction as CorrectionSchema, type Correction } from '../../ingest/review/corrections.ts';
/** what makes the test worker kill its thread (tests/unit/parallel-extract-test-worker.ts) */
const KILL_MARK = 'KILL_WORKER';

const TEST_WORKER = new URL('./parallel-extract-test-worker.ts', import.meta.url);
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-parallel-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Everything an ingest shows the outside, in the order it showed it. */
interface Seen {
  writes: GraphRecords[];
  archived: AcceptedArticle[][];
  events: string[];
  report: IngestReport;
}

/** A store that keeps what it is given (a deep copy: the loader must not change it afterwards). */
function recordingStore(writes: GraphRecords[], onWrite?: () => void): GraphStore {
  const stored = new Set<string>();
  const store: Pick<GraphStore, 'kind' | 'write'> = {
    kind: 'ladybug',
    write: async (records) => {
      onWrite?.();
      writes.push(structuredClone(records));
      const fresh = records.nodes.Article.map((a) => a.id).filter((id) => !stored.has(id));
      fresh.forEach((id) => stored.add(id));
      return { articlesWritten: fresh } as Awaited<ReturnType<GraphStore['write']>>;
    },
  };
  return store as GraphStore;
}

async function ingestSeen(inputs: ArticleInput[], opts: IngestOptions): Promise<Seen> {
  const writes: GraphRecords[] = [];
  const archived: AcceptedArticle[][] = [];
  const events: string[] = [];
  const report = await ingestArticles(recordingStore(writes), inputs, {
    ...opts,
    beforeWrite: async (a) => {
      events.push(`archive ${a.map((x) => x.articleId).join(',')}`);
      archived.push(structuredClone(a));
    },
    onProgress: (done, total, file) => events.push(`progress ${done}/${total} ${file}`),
    onReview: (id, outcomes) => events.push(`review ${id} ${JSON.stringify(outcomes)}`),
    onBatch: (results) => events.push(`batch ${JSON.stringify(results)}`),
  });
  return { writes, archived, events, report };
}

/** The parts of a report that must not depend on the worker count. */
const outcome = (s: Seen) => ({ writes: s.writes, archived: s.archived, events: s.events, results: s.report.results, articles: s.report.articles, actors: s.report.actors, statements: s.report.statements });

function expectSameAcross(runs: Seen[]) {
  const [base, ...rest] = runs.map(outcome);
  for (const r of rest) {
    // the per-article results first: a readable diff when they differ
    expect(r.results).toStrictEqual(base!.results);
    // byte-identical as JSON, and deep-equal beyond JSON (undefined fields, types)
    expect(JSON.stringify(r)).toBe(JSON.stringify(base));
    expect(r).toStrictEqual(base);
  }
}

let sample: ArticleInput[];
let generated: ArticleInput[];
beforeAll(async () => {
  sample = (await loadArticleFiles([path.resolve(import.meta.dirname, '../../corpus')])).articles;
  const dir = tmp();
  await generateCorpus({ out: dir, count: 30, seed: 11 });
  generated = (await loadArticleFiles([dir])).articles;
}, 60_000);

describe('worker counts give the same ingest', () => {
  it('on the sample corpus: same records, archive hook, callbacks and report with 0, 1 and 2 workers', async () => {
    const runs = [];
    for (const workers of [0, 1, 2]) runs.push(await ingestSeen(sample, { workers, batchSize: 2 }));
    expect(runs.map((r) => r.report.extraction.workers)).toEqual([0, 1, 2]);
    expect(runs[0]!.report.articles).toBe(sample.length);
    expect(runs[0]!.writes.length).toBe(Math.ceil(sample.length / 2));
    expectSameAcross(runs);
  }, 60_000);

  it('on a generated corpus with duplicates and a bad article: identical, the bad one failing alone, named', async () => {
    const bad: ArticleInput = { ...generated[3]!, file: 'broken-date.txt', published: 'not a date' };
    // a duplicate inside a batch (skipped by the loader) and one across batches (skipped by the store)
    const inputs = [...generated.slice(0, 5), generated[1]!, bad, ...generated.slice(5), generated[0]!];
    const runs = [];
    for (const workers of [0, 1, 2]) runs.push(await ingestSeen(inputs, { workers, batchSize: 8 }));
    expectSameAcross(runs);
    const results = runs[2]!.report.results;
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.file).toBe('broken-date.txt');
    expect(failed[0]!.error).toMatch(/^broken-date\.txt: /);
    expect(results.filter((r) => r.status === 'skipped')).toHaveLength(2);
    expect(runs[2]!.report.articles).toBe(generated.length);
    // in input order
    expect(results.map((r) => r.file)).toEqual(inputs.map((i) => i.file));
  }, 120_000);

  it('the issue set and the corrections reach the workers', async () => {
    const first = sample[0]!;
    const machine = toGraphRecords(extractArticle(first));
    const actor = machine.nodes.Actor[0]!;
    const at = '2026-01-01T00:00:00.000Z';
    const action = { op: 'actor.update' as const, actor: actor.id, name: 'Renamed By Review' };
    const corrections: Correction[] = [CorrectionSchema.parse({ format: 'claimgraph-correction/1', id: correctionId(at, 'tester', action), at, by: 'tester', why: null, action })];
    // the default issues under other ids: positions the workers read against the default set would show
    const issues: IssueSet = { ...DEFAULT_ISSUE_SET, source: 'test', issues: DEFAULT_ISSUE_SET.issues.map((i) => ({ ...i, id: `copy-${i.id}` })) };
    const runs = [];
    for (const workers of [0, 2]) runs.push(await ingestSeen(sample, { workers, batchSize: 2, corrections, issues }));
    expectSameAcross(runs);
    const written = runs[1]!.writes.flatMap((w) => w.nodes.Actor);
    expect(written.find((a) => a.id === actor.id)?.name).toBe('Renamed By Review');
    expect(runs[1]!.events.some((e) => e.startsWith(`review ${machine.nodes.Article[0]!.id}`))).toBe(true);
    const issueIds = runs[1]!.writes.flatMap((w) => w.nodes.Issue.map((i) => i.id));
    expect(issueIds.length).toBeGreaterThan(0);
    expect(issueIds.every((id) => id.startsWith('copy-'))).toBe(true);
  }, 60_000);
});

describe('workers that die or do not load', () => {
  it('a worker killed by one article: the others are extracted as in-process, that one fails alone, named', async () => {
    const killer: ArticleInput = { ...generated[2]!, file: 'killer.txt', text: `${generated[2]!.text}\n\n${KILL_MARK}` };
    const inputs = [...generated.slice(0, 12), killer, ...generated.slice(12, 20)];
    const problems: string[] = [];
    const pool = new ExtractPool({ workers: 2, entry: TEST_WORKER, onProblem: (m) => problems.push(m) });
    let out;
    try {
      out = await pool.extract(inputs);
    } finally {
      await pool.close();
    }
    const expected = inputs.map((a) => extractOne(a, {}));
    expect(out.filter((o) => !o.ok).map((o) => o.file)).toEqual(['killer.txt']);
    const failure = out[12]!;
    expect(failure.ok).toBe(false);
    if (!failure.ok) expect(failure.error).toMatch(/^killer\.txt: extraction worker died on this article/);
    expect(out.filter((_, i) => i !== 12)).toStrictEqual(expected.filter((_, i) => i !== 12));
    const stats = pool.stats();
    // the chunk it killed, then the retry of the killer alone
    expect(stats.crashes).toBe(2);
    expect(stats.retried).toBeGreaterThan(1);
    expect(problems).toHaveLength(2);
  }, 120_000);

  it('through the loader: acknowledged batches stay written, only the killer fails', async () => {
    const killer: ArticleInput = { ...generated[2]!, file: 'killer.txt', text: `${generated[2]!.text}\n\n${KILL_MARK}` };
    const inputs = [...generated.slice(0, 10), killer, ...generated.slice(10, 20)];
    const ref = await ingestSeen(inputs.filter((a) => a !== killer), { workers: 0, batchSize: 5 });
    const run = await ingestSeen(inputs, { workers: 2, batchSize: 5, workerEntry: TEST_WORKER });
    expect(run.report.results.filter((r) => r.status === 'failed').map((r) => r.file)).toEqual(['killer.txt']);
    expect(run.report.extraction.crashes).toBe(2);
    const ids = (s: Seen) => s.writes.flatMap((w) => w.nodes.Article.map((a) => a.id));
    expect(ids(run)).toEqual(ids(ref));
    expect(run.writes.flatMap((w) => w.nodes.Statement)).toStrictEqual(ref.writes.flatMap((w) => w.nodes.Statement));
  }, 120_000);

  it('a worker that cannot load: extraction goes on in-process, same outcome, the reason told', async () => {
    process.env.PARALLEL_EXTRACT_FAIL_LOAD = '1';
    const problems: string[] = [];
    let run;
    try {
      run = await ingestSeen(sample, { workers: 1, batchSize: 2, workerEntry: TEST_WORKER, onWorkerProblem: (m) => problems.push(m) });
    } finally {
      delete process.env.PARALLEL_EXTRACT_FAIL_LOAD;
    }
    expect(run.report.extraction.fallback).toMatch(/did not start .*does not load/);
    expect(problems.some((p) => p.includes('extracting in-process'))).toBe(true);
    expectSameAcross([await ingestSeen(sample, { workers: 0, batchSize: 2 }), run]);
  }, 60_000);
});

describe('bounded and configured', () => {
  it('extraction runs at most two batches ahead of the store', async () => {
    const log = path.join(tmp(), 'extracted.log');
    fs.writeFileSync(log, '');
    process.env.PARALLEL_EXTRACT_LOG = log;
    const batchSize = 4;
    const ahead: number[] = [];
    const writes: GraphRecords[] = [];
    let written = 0;
    try {
      const store = recordingStore(writes, () => {
        const extracted = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
        ahead.push(extracted - written);
        written += batchSize;
      });
      // a slow store: the workers would run far ahead if nothing held them
      const slow: GraphStore = { ...store, write: async (r) => (await new Promise((res) => setTimeout(res, 150)), store.write(r)) };
      await ingestArticles(slow, generated.slice(0, 28), { workers: 2, batchSize, workerEntry: TEST_WORKER });
    } finally {
      delete process.env.PARALLEL_EXTRACT_LOG;
    }
    expect(writes).toHaveLength(7);
    // the batch being written plus at most two more, extracted or in hand
    expect(Math.max(...ahead)).toBeLessThanOrEqual(3 * batchSize);
    // and it did run ahead (the pipelining is real)
    expect(Math.max(...ahead)).toBeGreaterThan(batchSize);
  }, 120_000);

  it('worker counts from a flag or the environment are validated', () => {
    expect(parseWorkerCount('0', '--workers')).toBe(0);
    expect(parseWorkerCount(' 3 ', '--workers')).toBe(3);
    for (const bad of ['', '-1', '1.5', 'two', '65', '0x2']) expect(() => parseWorkerCount(bad, '--workers')).toThrow(/--workers must be a whole number/);
    expect(workerCountFromEnv({})).toBeUndefined();
    expect(workerCountFromEnv({ [WORKERS_ENV]: '2' })).toBe(2);
    expect(() => workerCountFromEnv({ [WORKERS_ENV]: 'many' })).toThrow(new RegExp(WORKERS_ENV));
  });

  it('the loader takes its worker count from the environment when no option gives one', async () => {
    process.env[WORKERS_ENV] = '1';
    try {
      const run = await ingestSeen(sample.slice(0, 2), { batchSize: 1 });
      expect(run.report.extraction.workers).toBe(1);
      expect(run.report.articles).toBe(2);
      process.env[WORKERS_ENV] = 'lots';
      await expect(ingestSeen(sample.slice(0, 1), {})).rejects.toThrow(new RegExp(WORKERS_ENV));
    } finally {
      delete process.env[WORKERS_ENV];
    }
    // unset, a small ingest extracts in-process (a pool is not worth its start)
    expect((await ingestSeen(sample.slice(0, 2), {})).report.extraction.workers).toBe(0);
  }, 60_000);
});
