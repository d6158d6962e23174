/**
 * Two ingests at once are serialised: two API uploads racing over the same articles, and a CLI
 * ingest while the server holds the embedded database (the CLI hands the articles to the server).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyGraphRecords } from '../../cypher/schema.ts';
import { extractArticle, loadArticleFiles, toGraphRecords, type ArticleInput } from '../../ingest/index.ts';
import { getJson, postJson, ROOT, serveRecords, type TestServer } from './harness.ts';

const run = promisify(execFile);
const TOKEN = 'concurrent-ingest-token-1234';
let server: TestServer;
let articles: ArticleInput[];
let cleanStatements: number;

beforeAll(async () => {
  server = await serveRecords(emptyGraphRecords(), { CLAIMGRAPH_WRITE_TOKEN: TOKEN });
  articles = (await loadArticleFiles([path.join(ROOT, 'corpus')])).articles;
  cleanStatements = articles.reduce((n, a) => n + toGraphRecords(extractArticle(a)).nodes.Statement.length, 0);
});
afterAll(async () => {
  await server?.stop();
});

const counts = async () => (await getJson(server.url, '/api/health')).body.counts as { nodes: Record<string, number>; rels: Record<string, number> };
const upload = (list: ArticleInput[]) => postJson(server.url, '/api/articles', { articles: list }, { authorization: `Bearer ${TOKEN}` });

describe('concurrent ingests', () => {
  it('two uploads racing over overlapping articles store each article once', async () => {
    const [a, b] = await Promise.all([upload(articles.slice(0, 4)), upload(articles.slice(1))]);
    expect([a.status, b.status].every((s) => s === 201 || s === 200)).toBe(true);
    const results = [...a.body.results, ...b.body.results] as { status: string }[];
    expect(results.filter((r) => r.status === 'failed')).toEqual([]);
    expect(results.filter((r) => r.status === 'ingested')).toHaveLength(articles.length);
    const c = await counts();
    expect(c.nodes.Article).toBe(articles.length);
    expect(c.nodes.Statement).toBe(cleanStatements);
    expect(c.rels.SAID).toBe(cleanStatements);
  });

  it('a CLI ingest while the server holds the database goes through the server, without duplicates', async () => {
    const before = await counts();
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), 'ingest', path.join(ROOT, 'corpus'), '--data-dir', server.dataDir, '--server', server.url],
      { cwd: ROOT, env: { ...process.env, CLAIMGRAPH_WRITE_TOKEN: TOKEN }, timeout: 60_000 },
    );
    expect(stdout).toMatch(new RegExp(`ingested 0 article\\(s\\) through the server \\(${articles.length} already stored, 0 failed\\)`));
    expect(await counts()).toEqual(before);
  });

  it('without a token the CLI says the database is in use and how to proceed', async () => {
    const env = { ...process.env };
    delete env.CLAIMGRAPH_WRITE_TOKEN;
    const err = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), 'ingest', path.join(ROOT, 'corpus'), '--data-dir', server.dataDir], {
      cwd: ROOT,
      env,
      timeout: 60_000,
    }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stderr: string }).stderr).toMatch(/in use by another claimgraph process.*CLAIMGRAPH_WRITE_TOKEN/s);
  });
});
