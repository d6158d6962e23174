/**
 * The server's write path and the archive: an upload is answered only once its articles are in the
 * archive; an archive that cannot be written refuses the articles (nothing unarchived reaches the
 * graph); and `npm start` on a store that cannot open rebuilds it from the archive and serves it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleArchive, archiveBeforeWrite } from '../../archive/article-archive.ts';
import { IN_USE_MARKER, openIndexedStore } from '../../archive/open-indexed-store.ts';
import { emptyGraphRecords } from '../../cypher/schema.ts';
import { articleId } from '../../ingest/ids.ts';
import { ingestArticles } from '../../ingest/index.ts';
import { cleanCounts, makeCorpus, recordsOf, startWriter } from '../store/helpers/archive-trials.ts';
import { getJson, postJson, serveRecords, type TestServer } from './harness.ts';

const TOKEN = 'archive-upload-token-0123456789';
const corpus = makeCorpus(10, 42);
const ids = corpus.map((a) => articleId(a.text));
let server: TestServer;

beforeAll(async () => {
  server = await serveRecords(emptyGraphRecords(), { CLAIMGRAPH_WRITE_TOKEN: TOKEN });
});
afterAll(async () => {
  await server?.stop();
});

const upload = (list: unknown[]) => postJson(server.url, '/api/articles', { articles: list }, { authorization: `Bearer ${TOKEN}` });
const counts = async () => (await getJson(server.url, '/api/health')).body.counts as { nodes: Record<string, number>; rels: Record<string, number> };

describe('POST /api/articles and the archive', () => {
  it('answers 201 with every ingested article already in the archive, as uploaded', async () => {
    const res = await upload(corpus.slice(0, 4));
    expect(res.status).toBe(201);
    const archive = ArticleArchive.at(server.dataDir);
    for (const r of res.body.results as { status: string; articleId: string }[]) {
      expect(r.status).toBe('ingested');
      expect(archive.has(r.articleId)).toBe(true);
    }
    const stored = archive.read(ids[2]!).article;
    expect(stored).toMatchObject({ text: corpus[2]!.text, title: corpus[2]!.title, published: corpus[2]!.published, url: corpus[2]!.url });
    // A re-upload is skipped, and the archive keeps its first copy.
    const before = fs.readFileSync(archive.fileOf(ids[2]!), 'utf8');
    const again = await upload([{ ...corpus[2]!, title: 'Changed headline' }]);
    expect(again.status).toBe(200);
    expect(again.body.results[0].status).toBe('skipped');
    expect(fs.readFileSync(archive.fileOf(ids[2]!), 'utf8')).toBe(before);
  });

  it('an archive that cannot be written: the articles fail, the graph is unchanged, and writes resume once it can', async () => {
    const archive = ArticleArchive.at(server.dataDir);
    const before = await counts();
    fs.rmSync(archive.stagingDir, { recursive: true });
    fs.writeFileSync(archive.stagingDir, 'in the way');
    try {
      const res = await upload(corpus.slice(4, 6));
      expect(res.status).toBe(200);
      for (const r of res.body.results as { status: string; error: string }[]) {
        expect(r.status).toBe('failed');
        expect(r.error).toMatch(/not stored: cannot archive articles/);
      }
      expect(await counts()).toEqual(before);
      expect(archive.has(ids[4]!)).toBe(false);
    } finally {
      fs.rmSync(archive.stagingDir);
      fs.mkdirSync(archive.stagingDir);
    }
    const res = await upload(corpus.slice(4, 6));
    expect(res.status).toBe(201);
    expect(archive.has(ids[4]!) && archive.has(ids[5]!)).toBe(true);
  });
});

describe('npm start on a store that cannot open', () => {
  it('moves it aside, rebuilds it from the archive with a log line saying so, serves it, and leaves no in-use marker after SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-archive-start-'));
    try {
      const cfg = { dataDir: dir, store: { kind: 'ladybug' as const, dataDir: dir } };
      const { store } = await openIndexedStore(cfg);
      await ingestArticles(store, corpus, { beforeWrite: archiveBeforeWrite(ArticleArchive.at(dir)) });
      await store.close();
      // A WAL committing a checkpoint whose shadow file is gone (issue 9's "unopenable for good").
      const wal = Buffer.alloc(42);
      wal[16] = 1;
      wal.writeBigUInt64LE(1n, 25);
      wal[33] = 0xfe;
      fs.writeFileSync(path.join(dir, 'graph.lbug.wal'), wal);

      const w = startWriter('server/main.ts', [], {
        PORT: '0',
        CLAIMGRAPH_DATA_DIR: dir,
        CLAIMGRAPH_CORPUS: '',
        CLAIMGRAPH_BUILD_CLIENT: 'never',
        CLAIMGRAPH_CLIENT_DIST: path.join(dir, 'no-client'),
        LOG_LEVEL: 'info',
      });
      try {
        const line = await w.waitFor(/listening on/);
        expect(w.stdout.join('\n')).toMatch(/rebuilding the graph from the archive \(10 article\(s\)\): the store cannot open .*shadow file is gone/);
        const url = /listening on (http\S+)"/.exec(line)![1]!;
        const health = (await getJson(url, '/api/health')).body.counts;
        expect(health).toEqual(cleanCounts(recordsOf(corpus), ids));
        expect(fs.existsSync(path.join(dir, IN_USE_MARKER))).toBe(true);
        w.proc.kill('SIGTERM');
        expect((await w.exited).code).toBe(0);
        expect(fs.existsSync(path.join(dir, IN_USE_MARKER))).toBe(false);
        expect(fs.readdirSync(path.join(dir, 'broken'))).toHaveLength(1);
      } finally {
        if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
