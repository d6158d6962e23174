/**
 * claimgraph's command line: `ingest` (into the article archive, then the configured store),
 * `extract` (predictions JSON, no store), `eval` (score an extraction against gold annotations),
 * `rebuild` (recreate the graph from the archive), `export-gold` (reviewed articles as gold annotations).
 *
 * Exit codes: 0 all went well; 1 the command could not run (bad configuration, store in use,
 * an unusable issues or gold file); 2 it ran, but some articles failed (each named on stderr, and counted).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ArticleArchive, archiveBeforeWrite } from '../archive/article-archive.ts';
import { CorrectionsLog } from '../archive/corrections-log.ts';
import type { Say } from '../archive/index-sync.ts';
import { openIndexedStore, prepareIndex, rebuildIndex, type IndexConfig } from '../archive/open-indexed-store.ts';
import { StoreError } from '../cypher/store.ts';
import { GoldExportError, exportGold } from './export-gold.ts';
import { formatSummary } from '../ingest/eval/format.ts';
import { loadGold, scoreExtraction } from '../ingest/eval/score.ts';
import { extractArticle, findIssuesFile, ingestArticles, loadArticleFiles, loadIssueSet, toPredictions, type ArticleInput, type IssueSet } from '../ingest/index.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { parseWorkerCount, workerCountFromEnv, WORKERS_ENV } from '../ingest/parallel/extract-pool.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

function fail(message: string): never {
  process.stderr.write(`claimgraph: ${message}\n`);
  process.exit(1);
}

/** Exit code of a command that ran but lost some articles (see the file comment). */
const SOME_FAILED = 2;

function reportFailures(failed: number, total: number): void {
  if (!failed) return;
  process.stderr.write(`claimgraph: ${failed} of ${total} article(s) failed (named above)\n`);
  process.exitCode = SOME_FAILED;
}

const sayOnStderr: Say = (level, message) => process.stderr.write(`${level === 'info' ? '' : `${level}: `}${message}\n`);

function indexConfig(config: ReturnType<typeof loadConfig>): IndexConfig {
  return {
    dataDir: config.dataDir,
    store: config.store.kind === 'ladybug' ? { kind: 'ladybug', dataDir: config.store.dataDir } : { ...config.store, password: config.store.password ?? '' },
  };
}

/**
 * The issue set of a run: `--issues FILE`, else an `issues.json` beside the corpus (next to its
 * manifest), else the default one (undefined). A bad entry is a warning; an unusable file stops.
 */
function issueSetFor(paths: string[], opts: { issues?: string; manifest?: string }): IssueSet | undefined {
  try {
    const file = opts.issues ?? findIssuesFile(paths, opts.manifest);
    if (!file) return undefined;
    const { set, problems } = loadIssueSet(file);
    for (const p of problems) process.stderr.write(`warning: ${p}\n`);
    process.stderr.write(`issues: ${set.issues.length} from ${file}\n`);
    return set;
  } catch (e) {
    fail((e as Error).message);
  }
}

async function extractAll(paths: string[], manifest?: string, issues?: IssueSet) {
  const { articles, errors, warnings } = await loadArticleFiles(paths, { manifest });
  for (const w of warnings) process.stderr.write(`warning: ${w.message}\n`);
  for (const e of errors) process.stderr.write(`warning: ${e.message}\n`);
  // One article the extractor chokes on is named and counted; the others are still extracted.
  const out: ReturnType<typeof toPredictions>[] = [];
  let failed = errors.length;
  for (const a of articles) {
    try {
      out.push(toPredictions(extractArticle(a, { issues })));
    } catch (e) {
      failed++;
      process.stderr.write(`failed ${a.file}: extraction error: ${(e as Error).message}\n`);
    }
  }
  return { predictions: { articles: out }, errors, failed, total: articles.length + errors.length };
}

/** POST /api/articles in batches of the API's limit; returns the exit code. */
async function ingestThroughServer(url: string, token: string, articles: ArticleInput[], loadFailures: number): Promise<number> {
  process.stderr.write(`the database is held by the server: sending ${articles.length} article(s) to ${url}\n`);
  const t0 = performance.now();
  const counts = { ingested: 0, skipped: 0, failed: loadFailures, statements: 0 };
  for (let i = 0; i < articles.length; i += 100) {
    const batch = articles.slice(i, i + 100).map(({ file, text, title, source, url: u, published }) => ({ file, text, title, source, url: u, published }));
    let res: Response;
    try {
      res = await fetch(`${url}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ articles: batch }),
      });
    } catch (e) {
      fail(`cannot reach the server at ${url}: ${(e as Error).message}`);
    }
    const body = (await res.json().catch(() => ({}))) as { results?: IngestResultLike[]; title?: string; detail?: string };
    if (!res.ok || !body.results) fail(`the server refused the articles (${res.status}): ${body.detail ?? body.title ?? 'no detail'}`);
    for (const r of body.results) {
      counts[r.status]++;
      counts.statements += r.statements;
      if (r.status === 'failed') process.stderr.write(`failed ${r.error}\n`);
    }
  }
  process.stdout.write(
    `ingested ${counts.ingested} article(s) through the server (${counts.skipped} already stored, ${counts.failed} failed): ${counts.statements} statements in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  if (counts.failed) process.stderr.write(`claimgraph: ${counts.failed} of ${articles.length + loadFailures} article(s) failed (named above)\n`);
  return counts.failed ? SOME_FAILED : 0;
}

interface IngestResultLike {
  status: 'ingested' | 'skipped' | 'failed';
  statements: number;
  error: string | null;
}

/** `--workers N`, else $CLAIMGRAPH_INGEST_WORKERS, validated (undefined: the loader's default). */
function workersOption(flag: string | undefined): number | undefined {
  try {
    return flag === undefined ? workerCountFromEnv() : parseWorkerCount(flag, '--workers');
  } catch (e) {
    fail((e as Error).message);
  }
}

const program = new Command()
  .name('claimgraph')
  .description('Who said what, and when: a claim-tracking knowledge graph of news articles.')
  .showHelpAfterError();

program
  .command('ingest')
  .description('extract articles (files or directories of .txt with a manifest.json) and write them into the store')
  .argument('<paths...>', 'article files or directories')
  .option('--manifest <file>', 'manifest to use instead of each directory\'s manifest.json')
  .option('--data-dir <dir>', 'database directory (default: $CLAIMGRAPH_DATA_DIR or ./data)')
  .option('--server <url>', 'running server to send the articles to when it holds the database (default: http://127.0.0.1:$PORT)')
  .option('--issues <file>', 'issues file to read positions against (default: issues.json beside the manifest, else the built-in US–Iraq set)')
  .option('--workers <n>', `extraction worker threads, 0 to extract in-process (default: $${WORKERS_ENV}, else one per core but one for 500+ articles)`)
  .action(async (paths: string[], opts: { manifest?: string; dataDir?: string; server?: string; issues?: string; workers?: string }) => {
    let config;
    try {
      config = loadConfig(process.env, opts.dataDir ? { CLAIMGRAPH_DATA_DIR: opts.dataDir } : {});
    } catch (e) {
      fail(e instanceof ConfigError ? e.message : String(e));
    }
    const workers = workersOption(opts.workers);
    const t0 = performance.now();
    const issues = issueSetFor(paths, opts);
    const { articles, errors, warnings } = await loadArticleFiles(paths, { manifest: opts.manifest });
    for (const w of warnings) process.stderr.write(`warning: ${w.message}\n`);
    for (const e of errors) process.stderr.write(`skipped ${e.message}\n`);
    let store;
    let release = () => undefined as void;
    try {
      // The archive is the system of record: a store that cannot open is rebuilt from it.
      const prepared = await prepareIndex(indexConfig(config), sayOnStderr);
      release = prepared.release;
      store = (await openIndexedStore(indexConfig(config), sayOnStderr)).store;
    } catch (e) {
      release();
      // The embedded database admits one process. With a server holding it, hand the articles to
      // the server (its write queue serialises them with the API's own writes) when a token is set.
      if (e instanceof StoreError && e.code === 'LOCKED' && config.writeToken) {
        const url = opts.server ?? `http://127.0.0.1:${config.port}`;
        process.exitCode = await ingestThroughServer(url, config.writeToken, articles, errors.length);
        return;
      }
      fail(
        e instanceof StoreError
          ? `${e.message}${e.code === 'LOCKED' ? ' — or set CLAIMGRAPH_WRITE_TOKEN (as the server has it) to send the articles to the running server.' : ''}`
          : `cannot open the store: ${(e as Error).message}`,
      );
    }
    const bar = new cliProgress.SingleBar(
      { format: 'ingesting [{bar}] {value}/{total} {file}', hideCursor: true, noTTYOutput: false, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    if (process.stderr.isTTY && articles.length > 1) bar.start(articles.length, 0, { file: '' });
    let acknowledged = 0;
    const report = await ingestArticles(store, articles, {
      onProgress: (done, _total, file) => process.stderr.isTTY && articles.length > 1 && bar.update(done, { file }),
      issues,
      // Archived (fsync'd) before the graph write: only then is an article acknowledged.
      beforeWrite: archiveBeforeWrite(ArticleArchive.at(config.dataDir), issues),
      // reviewers' corrections apply to every article written (issue 12)
      corrections: CorrectionsLog.at(config.dataDir).readAll().corrections,
      workers,
      onWorkerProblem: (m) => process.stderr.write(`warning: ${m}\n`),
      // Without a progress bar, one line per stored batch: the articles before it are safe.
      onBatch: (results) => {
        acknowledged += results.length;
        if (!process.stderr.isTTY) process.stderr.write(`stored ${acknowledged}/${articles.length}\n`);
      },
    });
    bar.stop();
    await store.close();
    release();
    for (const r of report.results) if (r.status === 'failed') process.stderr.write(`failed ${r.error}\n`);
    const skipped = report.results.filter((r) => r.status === 'skipped').length;
    const failed = report.results.filter((r) => r.status === 'failed').length + errors.length;
    process.stdout.write(
      `ingested ${report.articles} article(s) (${skipped} already stored, ${failed} failed): ` +
        `${report.actors} actors, ${report.statements} statements in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    reportFailures(failed, articles.length + errors.length);
  });

program
  .command('extract')
  .description('print the extraction of articles without touching the store')
  .argument('<paths...>', 'article files or directories')
  .option('--json', 'print the predictions format of the evaluation (../shared/eval/README.md)')
  .option('--manifest <file>', 'manifest to use instead of each directory\'s manifest.json')
  .option('--issues <file>', 'issues file to read positions against (default: issues.json beside the manifest, else the built-in US–Iraq set)')
  .action(async (paths: string[], opts: { json?: boolean; manifest?: string; issues?: string }) => {
    const { predictions, failed, total } = await extractAll(paths, opts.manifest, issueSetFor(paths, opts));
    if (opts.json) {
      process.stdout.write(JSON.stringify(predictions, null, 2) + '\n');
      // on stderr: the JSON on stdout stays whole
      reportFailures(failed, total);
      return;
    }
    for (const a of predictions.articles) {
      process.stdout.write(`\n${a.article}: ${a.actors.length} actors, ${a.statements.length} statements, ${a.positions.length} positions\n`);
      const names = new Map(a.actors.map((x) => [x.id, x.name]));
      for (const s of a.statements) process.stdout.write(`  ${s.date}  ${(names.get(s.speaker) ?? s.speaker).padEnd(28)} ${s.kind === 'direct' ? '“' : '~'} ${s.text.slice(0, 90)}  [${s.rule ?? '-'}]\n`);
    }
    reportFailures(failed, total);
  });

program
  .command('eval')
  .description('score the extraction of annotated articles against gold annotations')
  .option('--articles <dir>', 'directory of articles', resolve(repoRoot, 'corpus'))
  .option('--manifest <file>', 'manifest (default: the articles directory\'s manifest.json)')
  .option('--gold <dir>', 'directory of <stem>.gold.json files', resolve(repoRoot, '../shared/eval/gold'))
  .option('--verbose', 'list every miss')
  .option('--issues <file>', 'issues file (default: issues.json beside the articles, else the built-in set)')
  .action(async (opts: { articles: string; manifest?: string; gold: string; verbose?: boolean; issues?: string }) => {
    let gold;
    try {
      gold = await loadGold(opts.gold);
    } catch (e) {
      fail((e as Error).message);
    }
    const { predictions } = await extractAll([opts.articles], opts.manifest, issueSetFor([opts.articles], opts));
    process.stdout.write(formatSummary(scoreExtraction(gold, predictions), { verbose: opts.verbose }) + '\n');
  });

program
  .command('rebuild')
  .description('recreate the graph from the article archive (the old store is moved to <data-dir>/broken/, the archive is kept)')
  .option('--data-dir <dir>', 'data directory (default: $CLAIMGRAPH_DATA_DIR or ./data)')
  .option('--workers <n>', `extraction worker threads, 0 to extract in-process (default: $${WORKERS_ENV}, else one per core but one for 500+ articles)`)
  .action(async (opts: { dataDir?: string; workers?: string }) => {
    let config;
    try {
      config = loadConfig(process.env, opts.dataDir ? { CLAIMGRAPH_DATA_DIR: opts.dataDir } : {});
    } catch (e) {
      fail(e instanceof ConfigError ? e.message : String(e));
    }
    // The rebuild's loader (archive/index-sync.ts) takes its worker count from the environment.
    const workers = workersOption(opts.workers);
    if (workers !== undefined) process.env[WORKERS_ENV] = String(workers);
    const cfg = indexConfig(config);
    let prepared;
    try {
      // Marks the store in use while it is rebuilt: a crash meanwhile is caught at the next start.
      prepared = await prepareIndex(cfg, sayOnStderr);
    } catch (e) {
      fail(e instanceof StoreError ? `${e.message}` : `cannot rebuild: ${(e as Error).message}`);
    }
    if (prepared.rebuilt) {
      prepared.release();
      return;
    }
    const total = ArticleArchive.at(config.dataDir).ids().length;
    const bar = new cliProgress.SingleBar(
      { format: 'indexing [{bar}] {value}/{total}', hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    if (process.stderr.isTTY && total > 1) bar.start(total, 0);
    try {
      const r = await rebuildIndex(cfg, {
        say: (level, message) => {
          if (level !== 'info') sayOnStderr(level, message);
        },
        reason: 'asked for',
        onProgress: (done) => process.stderr.isTTY && total > 1 && bar.update(done),
      });
      bar.stop();
      process.stdout.write(
        `rebuilt the graph from ${r.sync.archived} archived article(s): ${r.counts.nodes.Article} articles, ${r.counts.nodes.Actor} actors, ` +
          `${r.counts.nodes.Statement} statements in ${(r.sync.ms / 1000).toFixed(1)} s${r.movedTo ? `; the old store is in ${r.movedTo}` : ''}\n`,
      );
      for (const f of r.sync.failed) process.stderr.write(`failed ${f.error}\n`);
      if (r.sync.corrections.total) {
        process.stdout.write(`applied ${r.sync.corrections.total - r.sync.corrections.orphaned.length} of ${r.sync.corrections.total} correction(s); ${r.sync.corrections.orphaned.length} orphaned (named above, kept in the log)\n`);
      }
      reportFailures(r.sync.failed.length + r.sync.problems.length, r.sync.archived);
    } catch (e) {
      bar.stop();
      fail(e instanceof StoreError ? e.message : `cannot rebuild: ${(e as Error).message}`);
    }
    prepared.release();
  });

program
  .command('export-gold')
  .description('write reviewed articles (corrections applied) as <stem>.gold.json in the shared evaluation\'s gold format, for `eval --gold`')
  .argument('<articles...>', 'article ids (art_…) or file names')
  .option('--data-dir <dir>', 'data directory (default: $CLAIMGRAPH_DATA_DIR or ./data)')
  .option('--out <dir>', 'directory to write the gold files to (default: <data-dir>/gold)')
  .option('--include-unreviewed', 'also export articles no reviewer has marked reviewed')
  .action((refs: string[], opts: { dataDir?: string; out?: string; includeUnreviewed?: boolean }) => {
    let config;
    try {
      config = loadConfig(process.env, opts.dataDir ? { CLAIMGRAPH_DATA_DIR: opts.dataDir } : {});
    } catch (e) {
      fail(e instanceof ConfigError ? e.message : String(e));
    }
    const outDir = opts.out ?? resolve(config.dataDir, 'gold');
    let r;
    try {
      r = exportGold(refs, { dataDir: config.dataDir, outDir, includeUnreviewed: opts.includeUnreviewed === true });
    } catch (e) {
      fail(e instanceof GoldExportError ? e.message : `cannot export: ${(e as Error).message}`);
    }
    for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
    for (const w of r.written) process.stdout.write(`wrote ${w.file} (${w.statements} statements${w.reviewed ? '' : ', not reviewed'})\n`);
    for (const f of r.refused) process.stderr.write(`refused ${f.ref}: ${f.reason}\n`);
    reportFailures(r.refused.length, refs.length);
  });

await program.parseAsync(process.argv);
