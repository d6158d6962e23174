/**
 * export:gold (issue 12): a reviewed article is exported from the archive with its corrections in
 * the shared gold format (every span verbatim), and `eval --gold` scores the machine's predictions
 * against it, the corrected statements counting as the reviewer left them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleArchive } from '../../archive/article-archive.ts';
import { CorrectionsLog } from '../../archive/corrections-log.ts';
import { exportGold, goldFileName, type GoldFile } from '../../cli/export-gold.ts';
import { loadGold, parseGold, scoreExtraction } from '../../ingest/eval/score.ts';
import { articleId } from '../../ingest/ids.ts';
import { extractArticle, loadArticleFiles, toGraphRecords, toPredictions } from '../../ingest/index.ts';
import type { ArticleInput } from '../../ingest/types.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
let dir: string;
let dataDir: string;
let articlesDir: string;
let article: ArticleInput;
let id: string;

/** `(tp X, pred Y, gold Z)` of one row of the eval summary. */
function row(out: string, name: string): { tp: number; pred: number; gold: number } {
  const line = out.split('\n').find((l) => l.startsWith(name));
  const m = line && /\(tp (\d+), pred (\d+), gold (\d+)\)/.exec(line);
  if (!m) throw new Error(`no row '${name}' in:\n${out}`);
  return { tp: Number(m[1]), pred: Number(m[2]), gold: Number(m[3]) };
}

const readGold = (out: string): GoldFile => JSON.parse(fs.readFileSync(path.join(out, goldFileName(article.file)), 'utf8')) as GoldFile;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-gold-'));
  dataDir = path.join(dir, 'data');
  articlesDir = path.join(dir, 'articles');
  fs.mkdirSync(articlesDir, { recursive: true });
  const { articles } = await loadArticleFiles([path.join(ROOT, 'corpus')]);
  article = articles[0]!;
  id = articleId(article.text);
  // the article alone, with its manifest entry, for `eval --articles`
  fs.copyFileSync(path.join(ROOT, 'corpus', article.file), path.join(articlesDir, article.file));
  const { text: _text, ...meta } = article;
  fs.writeFileSync(path.join(articlesDir, 'manifest.json'), JSON.stringify([meta]));
  await ArticleArchive.at(dataDir).put([{ articleId: id, input: article }]);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('export:gold', () => {
  it('refuses an article no reviewer has marked reviewed, and names the way out', () => {
    const r = exportGold([article.file], { dataDir, outDir: path.join(dir, 'none') });
    expect(r.written).toEqual([]);
    expect(r.refused[0]!.reason).toMatch(/not been marked reviewed.*--include-unreviewed/);
    const unknown = exportGold(['no-such-file.txt', 'art_0000000000000000'], { dataDir, outDir: path.join(dir, 'none') });
    expect(unknown.refused.map((x) => x.reason)).toEqual([expect.stringContaining('no-such-file.txt'), expect.stringContaining('art_0000000000000000')]);
  });

  it('with --include-unreviewed, the machine extraction is gold in the shared schema, every span verbatim, and scores 100%', async () => {
    const out = path.join(dir, 'machine');
    const r = exportGold([id], { dataDir, outDir: out, includeUnreviewed: true });
    expect(r.refused).toEqual([]);
    expect(r.written[0]).toMatchObject({ articleId: id, reviewed: false });
    const gold = readGold(out);
    parseGold(gold, 'exported');
    const machine = toGraphRecords(extractArticle(article));
    expect(gold.statements.length).toBe(machine.nodes.Statement.length);
    for (const s of gold.statements) expect(article.text).toContain(s.text);
    for (const a of gold.actors) for (const m of a.mentions) expect(article.text).toContain(m);
    for (const p of gold.positions) expect(article.text).toContain(p.evidence);
    const summary = scoreExtraction(await loadGold(out), { articles: [toPredictions(extractArticle(article))] });
    expect(summary.whoSaidWhatWhen.f1).toBe(1);
  });

  it('a reviewed article exports with its corrections, and `npm run eval` counts the corrected statements', async () => {
    const machine = toGraphRecords(extractArticle(article));
    const statements = [...machine.nodes.Statement].sort((a, b) => a.start - b.start);
    const speakers = new Set(statements.map((s) => s.speakerId));
    const moved = statements.find((s) => [...speakers].some((sp) => sp !== s.speakerId))!;
    const newSpeaker = [...speakers].find((sp) => sp !== moved.speakerId)!;
    const deleted = statements.find((s) => s.id !== moved.id)!;
    const anchor = (s: (typeof statements)[number]) => ({ id: s.id, articleId: id, start: s.start, end: s.end, text: s.text });
    const log = CorrectionsLog.at(dataDir);
    await log.append({ action: { op: 'statement.speaker', target: anchor(moved), speaker: { id: newSpeaker } } }, 'tester');
    await log.append({ action: { op: 'statement.delete', target: anchor(deleted) } }, 'tester');
    await log.append({ action: { op: 'article.reviewed', articleId: id, reviewed: true } }, 'tester');

    const out = path.join(dir, 'reviewed');
    // through the npm script, by file name
    const cli = await run('npm', ['run', '--silent', 'export:gold', '--', article.file, '--data-dir', dataDir, '--out', out], { cwd: ROOT });
    expect(cli.stdout).toContain(`wrote ${path.join(out, goldFileName(article.file))} (${statements.length - 1} statements)`);
    const gold = readGold(out);
    expect(gold.statements.length).toBe(statements.length - 1);
    expect(gold.statements.map((s) => s.text)).not.toContain(deleted.text);
    const corrected = gold.statements.find((s) => s.text === moved.text)!;
    const goldSpeaker = gold.actors.find((a) => a.id === corrected.speaker)!;
    expect(machine.nodes.Actor.find((a) => a.id === newSpeaker)!.name).toBe(goldSpeaker.name);

    const evalOut = (await run('npm', ['run', '--silent', 'eval', '--', '--articles', articlesDir, '--gold', out], { cwd: ROOT })).stdout;
    const n = statements.length;
    // the machine still predicts all n; the gold has n - 1, one of them with another speaker
    expect(row(evalOut, 'statement detection')).toEqual({ tp: n - 1, pred: n, gold: n - 1 });
    expect(row(evalOut, 'who-said-what ')).toEqual({ tp: n - 2, pred: n, gold: n - 1 });
  }, 120_000);

  it('the CLI exits 2 when an article is refused', async () => {
    const other = path.join(dir, 'refused');
    const err = await run('npm', ['run', '--silent', 'export:gold', '--', 'missing.txt', '--data-dir', dataDir, '--out', other], { cwd: ROOT }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toContain('refused missing.txt');
  }, 60_000);
});
