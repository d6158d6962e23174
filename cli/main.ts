/**
 * claimgraph's command line: `ingest` (into the configured store), `extract` (predictions JSON,
 * no store), `eval` (score an extraction against gold annotations).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { openStore } from '../cypher/open-store.ts';
import { StoreError } from '../cypher/store.ts';
import { formatSummary } from '../ingest/eval/format.ts';
import { loadGold, scoreExtraction } from '../ingest/eval/score.ts';
import { extractArticle, ingestArticles, loadArticleFiles, toPredictions, type ArticleInput } from '../ingest/index.ts';
import { ConfigError, loadConfig } from '../server/config.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

function fail(message: string): never {
  process.stderr.write(`claimgraph: ${message}\n`);
  process.exit(1);
}

async function extractAll(paths: string[], manifest?: string) {
  const { articles, errors } = await loadArticleFiles(paths, { manifest });
  for (const e of errors) process.stderr.write(`warning: ${e.message}\n`);
  return { predictions: { articles: articles.map((a) => toPredictions(extractArticle(a))) }, errors };
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
  return counts.failed && !counts.ingested && !counts.skipped ? 1 : 0;
}

interface IngestResultLike {
  status: 'ingested' | 'skipped' | 'failed';
  statements: number;
  error: string | null;
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
  .action(async (paths: string[], opts: { manifest?: string; dataDir?: string; server?: string }) => {
    let config;
    try {
      config = loadConfig(process.env, opts.dataDir ? { CLAIMGRAPH_DATA_DIR: opts.dataDir } : {});
    } catch (e) {
      fail(e instanceof ConfigError ? e.message : String(e));
    }
    const t0 = performance.now();
    const { articles, errors } = await loadArticleFiles(paths, { manifest: opts.manifest });
    for (const e of errors) process.stderr.write(`skipped ${e.message}\n`);
    let store;
    try {
      store = await openStore(config.store);
    } catch (e) {
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
    const report = await ingestArticles(store, articles, {
      onProgress: (done, _total, file) => process.stderr.isTTY && articles.length > 1 && bar.update(done, { file }),
    });
    bar.stop();
    await store.close();
    for (const r of report.results) if (r.status === 'failed') process.stderr.write(`failed ${r.error}\n`);
    const skipped = report.results.filter((r) => r.status === 'skipped').length;
    const failed = report.results.filter((r) => r.status === 'failed').length + errors.length;
    process.stdout.write(
      `ingested ${report.articles} article(s) (${skipped} already stored, ${failed} failed): ` +
        `${report.actors} actors, ${report.statements} statements in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    if (failed && !report.articles && !skipped) process.exitCode = 1;
  });

program
  .command('extract')
  .description('print the extraction of articles without touching the store')
  .argument('<paths...>', 'article files or directories')
  .option('--json', 'print the predictions format of the evaluation (../shared/eval/README.md)')
  .option('--manifest <file>', 'manifest to use instead of each directory\'s manifest.json')
  .action(async (paths: string[], opts: { json?: boolean; manifest?: string }) => {
    const { predictions } = await extractAll(paths, opts.manifest);
    if (opts.json) {
      process.stdout.write(JSON.stringify(predictions, null, 2) + '\n');
      return;
    }
    for (const a of predictions.articles) {
      process.stdout.write(`\n${a.article}: ${a.actors.length} actors, ${a.statements.length} statements, ${a.positions.length} positions\n`);
      const names = new Map(a.actors.map((x) => [x.id, x.name]));
      for (const s of a.statements) process.stdout.write(`  ${s.date}  ${(names.get(s.speaker) ?? s.speaker).padEnd(28)} ${s.kind === 'direct' ? '“' : '~'} ${s.text.slice(0, 90)}\n`);
    }
  });

program
  .command('eval')
  .description('score the extraction of annotated articles against gold annotations')
  .option('--articles <dir>', 'directory of articles', resolve(repoRoot, 'corpus'))
  .option('--manifest <file>', 'manifest (default: the articles directory\'s manifest.json)')
  .option('--gold <dir>', 'directory of <stem>.gold.json files', resolve(repoRoot, '../shared/eval/gold'))
  .option('--verbose', 'list every miss')
  .action(async (opts: { articles: string; manifest?: string; gold: string; verbose?: boolean }) => {
    let gold;
    try {
      gold = await loadGold(opts.gold);
    } catch (e) {
      fail((e as Error).message);
    }
    const { predictions } = await extractAll([opts.articles], opts.manifest);
    process.stdout.write(formatSummary(scoreExtraction(gold, predictions), { verbose: opts.verbose }) + '\n');
  });

await program.parseAsync(process.argv);
