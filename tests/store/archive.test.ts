/**
 * The article archive (archive/): what it writes and refuses, how the graph is kept an index of it
 * (backfill of an older install, catch-up after a crash), rebuilds (asked for, and automatic when
 * the store cannot open), and the CLI's exit codes. The random kills are in archive-kill.test.ts.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveError, ArticleArchive, archiveBeforeWrite } from '../../archive/article-archive.ts';
import { syncIndex } from '../../archive/index-sync.ts';
import { IN_USE_MARKER, openIndexedStore, prepareIndex, rebuildIndex, type IndexConfig } from '../../archive/open-indexed-store.ts';
import { LadybugStore } from '../../cypher/ladybug/store.ts';
import { StoreError, type GraphStore } from '../../cypher/store.ts';
import { articleId } from '../../ingest/ids.ts';
import { ingestArticles, parseIssueSet, type ArticleInput } from '../../ingest/index.ts';
import { cleanCounts, makeCorpus, recordsOf, ROOT, writeCorpus } from './helpers/archive-trials.ts';
import { startChild } from './helpers/spawn.ts';

const run = promisify(execFile);
const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-archive-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const corpus = makeCorpus(12, 99);
const ids = corpus.map((a) => articleId(a.text));
const records = recordsOf(corpus);
const BUFFER = 128 * 1024 * 1024;
const cfgOf = (dir: string): IndexConfig => ({ dataDir: dir, store: { kind: 'ladybug', dataDir: dir } });
const accepted = (list: ArticleInput[]) => list.map((input) => ({ articleId: articleId(input.text), input }));

async function graphIds(store: GraphStore): Promise<string[]> {
  return (await store.read<{ id: string }>({ text: 'MATCH (a:Article) WHERE a.complete = true RETURN a.id AS id', params: {} })).map((r) => r.id).sort();
}

/** A data directory whose archive and graph hold `list`, written the way the CLI writes them. */
async function ingested(list: ArticleInput[]): Promise<string> {
  const dir = tmp();
  const { store } = await openIndexedStore(cfgOf(dir));
  await ingestArticles(store, list, { beforeWrite: archiveBeforeWrite(ArticleArchive.at(dir)) });
  await store.close();
  return dir;
}

/**
 * The state issue 9 found unopenable for good: a WAL committing a checkpoint whose shadow file an
 * earlier open by @ladybugdb/core 0.19.1 deleted (42 bytes: header with checksum, CHECKPOINT record).
 */
function breakStore(dir: string): void {
  const wal = Buffer.alloc(42);
  wal[16] = 1; // checksums on
  wal.writeBigUInt64LE(1n, 25);
  wal[33] = 0xfe; // CHECKPOINT_RECORD
  fs.writeFileSync(path.join(dir, 'graph.lbug.wal'), wal);
}

function archiveSnapshot(dir: string): Record<string, string> {
  const a = ArticleArchive.at(dir);
  return Object.fromEntries(a.ids().map((id) => [id, fs.readFileSync(a.fileOf(id), 'utf8')]));
}

describe('ArticleArchive', () => {
  it('writes one immutable file per article, named by the id of its text; a second copy keeps the first', async () => {
    const dir = tmp();
    const archive = new ArticleArchive(dir);
    const put = await archive.put(accepted(corpus.slice(0, 3)));
    expect(put.written.sort()).toEqual(ids.slice(0, 3).sort());
    expect(archive.ids()).toEqual(ids.slice(0, 3).sort());
    expect(fs.readdirSync(archive.stagingDir)).toEqual([]);
    const rec = archive.read(ids[1]!);
    expect(rec.article).toEqual(corpus[1]);
    expect(rec.seq).toBe(1);
    // Same text, another title: the archive, like the graph, keeps the first.
    const again = await archive.put(accepted([{ ...corpus[1]!, title: 'Another headline' }, corpus[3]!]));
    expect(again).toEqual({ written: [ids[3]], present: [ids[1]] });
    expect(archive.read(ids[1]!).article.title).toBe(corpus[1]!.title);
    // Acceptance order: the first batch, then the second.
    expect(archive.readAll().articles.map((a) => a.id)).toEqual([ids[0], ids[1], ids[2], ids[3]]);
  });

  it('two writers racing over the same articles: one whole copy of each, first writer wins, no temp file left', async () => {
    const dir = tmp();
    const a = new ArticleArchive(dir);
    const b = new ArticleArchive(dir);
    const titled = (t: string) => corpus.map((x) => ({ ...x, title: `${t} ${x.title}` }));
    const [ra, rb] = await Promise.all([a.put(accepted(titled('A'))), b.put(accepted(titled('B')))]);
    expect([...ra.written, ...rb.written].sort()).toEqual([...ids].sort());
    expect([...ra.present, ...rb.present].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const rec = a.read(id);
      expect(rec.article.title).toMatch(ra.written.includes(id) ? /^A / : /^B /);
    }
    expect(fs.readdirSync(a.stagingDir)).toEqual([]);
  });

  it('refuses an id that is not the hash of the text, writing nothing', async () => {
    const archive = new ArticleArchive(tmp());
    await expect(archive.put([{ articleId: ids[0]!, input: corpus[1]! }])).rejects.toThrow(/hashes to .* refusing/);
    expect(archive.ids()).toEqual([]);
    expect(() => archive.fileOf('../../etc/passwd')).toThrow(ArchiveError);
  });

  it('names a damaged file and skips it, deleting nothing', async () => {
    const dir = tmp();
    const archive = new ArticleArchive(dir);
    await archive.put(accepted(corpus.slice(0, 3)));
    const file = archive.fileOf(ids[0]!);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('said on Monday', 'said on Tuesday'));
    fs.writeFileSync(archive.fileOf(ids[2]!), '{"format":"claimgraph-article/1", "id": tru');
    const { articles, problems } = archive.readAll();
    expect(articles.map((a) => a.id)).toEqual([ids[1]]);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(new RegExp(`${ids[0]}\\.json: its text does not hash`));
    expect(problems.join('\n')).toMatch(new RegExp(`${ids[2]}\\.json: not valid JSON`));
    expect(archive.ids()).toHaveLength(3);
  });

  it('removes the temp files of dead writers at start, not those of a live one', async () => {
    const dir = tmp();
    const archive = new ArticleArchive(dir);
    await archive.put(accepted(corpus.slice(0, 1)));
    const dead = path.join(archive.stagingDir, `${ids[5]}.999999999.1.tmp`);
    const live = path.join(archive.stagingDir, `${ids[6]}.${process.ppid}.1.tmp`);
    fs.writeFileSync(dead, '{"half');
    fs.writeFileSync(live, '{"half');
    expect(archive.cleanStaging()).toBe(1);
    expect(fs.readdirSync(archive.stagingDir)).toEqual([path.basename(live)]);
  });

  it('an archive that cannot be written fails the batch: nothing reaches the graph unarchived', async () => {
    const dir = tmp();
    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    await store.open();
    try {
      // The archive's place is taken by a file: every write into it fails.
      fs.writeFileSync(path.join(dir, 'archive'), 'not a directory');
      const report = await ingestArticles(store, corpus.slice(0, 3), { beforeWrite: archiveBeforeWrite(new ArticleArchive(dir)) });
      expect(report.results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
      expect(report.results[0]!.error).toMatch(/not stored: cannot create the article archive/);
      expect((await store.counts()).nodes.Article).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('the graph as an index of the archive', () => {
  it('an install older than the archive: its graph articles are archived at the first open, then survive a rebuild', async () => {
    const dir = tmp();
    const legacy = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    await legacy.open();
    await ingestArticles(legacy, corpus.slice(0, 5)); // no archive: the old write path
    const before = await legacy.counts();
    await legacy.close();
    expect(fs.existsSync(path.join(dir, 'archive'))).toBe(false);

    const said: string[] = [];
    const { store, sync } = await openIndexedStore(cfgOf(dir), (_l, m) => said.push(m));
    expect(sync.backfilled).toBe(5);
    expect(said.join('\n')).toMatch(/archived 5 article\(s\) that were only in the graph/);
    expect(await graphIds(store)).toEqual(ArticleArchive.at(dir).ids());
    await store.close();
    const archived = ArticleArchive.at(dir).readAll().articles;
    expect(archived.every((a) => a.backfilled)).toBe(true);
    expect(archived.map((a) => a.article.text).sort()).toEqual(corpus.slice(0, 5).map((a) => a.text).sort());

    const snapshot = archiveSnapshot(dir);
    const r = await rebuildIndex(cfgOf(dir));
    expect(r.movedTo).not.toBeNull();
    expect(fs.existsSync(path.join(r.movedTo!, 'graph.lbug'))).toBe(true);
    expect(r.counts).toEqual(before);
    expect(archiveSnapshot(dir)).toEqual(snapshot);
  });

  it('an archived article whose graph write never happened (a crash in between) is indexed at the next open', async () => {
    const dir = await ingested(corpus.slice(0, 4));
    // What a kill between the archive's fsync and the graph write leaves.
    await ArticleArchive.at(dir).put(accepted(corpus.slice(4, 7)));
    const { store, sync } = await openIndexedStore(cfgOf(dir));
    try {
      expect(sync.indexed).toBe(3);
      expect(await graphIds(store)).toEqual(ids.slice(0, 7).sort());
      expect(await store.counts()).toEqual(cleanCounts(records, ids.slice(0, 7)));
    } finally {
      await store.close();
    }
  });

  it('a store that cannot open is moved aside and rebuilt from the archive, with clean-run counts', async () => {
    const dir = await ingested(corpus);
    breakStore(dir);
    // The store alone refuses for good (recovery.ts names the lost shadow file).
    const raw = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    await expect(raw.open()).rejects.toThrow(/shadow file is gone/);
    await raw.close();

    const snapshot = archiveSnapshot(dir);
    const said: string[] = [];
    const { store, rebuilt } = await openIndexedStore(cfgOf(dir), (_l, m) => said.push(m));
    try {
      expect(rebuilt).toBe(true);
      expect(said.join('\n')).toMatch(/rebuilding the graph from the archive \(12 article\(s\)\): the store cannot open .*shadow file is gone.*old store is kept in .*broken/);
      expect(await store.counts()).toEqual(cleanCounts(records, ids));
    } finally {
      await store.close();
    }
    expect(archiveSnapshot(dir)).toEqual(snapshot);
    const broken = fs.readdirSync(path.join(dir, 'broken'));
    expect(broken).toHaveLength(1);
    expect(fs.readdirSync(path.join(dir, 'broken', broken[0]!)).sort()).toEqual(['graph.lbug', 'graph.lbug.wal']);
  });

  it('after an unclean stop, the store is first opened in a child process; one that fails there is rebuilt', async () => {
    const dir = await ingested(corpus);
    fs.writeFileSync(path.join(dir, IN_USE_MARKER), '{"pid": 999999999}\n'); // a writer that died holding it
    const said: string[] = [];
    let prepared = await prepareIndex(cfgOf(dir), (_l, m) => said.push(m));
    expect(prepared.rebuilt).toBe(false);
    expect(said.join('\n')).toMatch(/not closed cleanly.*\n.*the graph store opens/);
    prepared.release();
    expect(fs.existsSync(path.join(dir, IN_USE_MARKER))).toBe(false);

    breakStore(dir);
    fs.writeFileSync(path.join(dir, IN_USE_MARKER), '{"pid": 999999999}\n');
    said.length = 0;
    prepared = await prepareIndex(cfgOf(dir), (_l, m) => said.push(m));
    expect(prepared.rebuilt).toBe(true);
    expect(said.join('\n')).toMatch(/rebuilding the graph from the archive/);
    expect(fs.existsSync(path.join(dir, IN_USE_MARKER))).toBe(true);
    const { store } = await openIndexedStore(cfgOf(dir));
    try {
      expect(await store.counts()).toEqual(cleanCounts(records, ids));
    } finally {
      await store.close();
      prepared.release();
    }
  });

  it('neither a rebuild nor a start touches a store another process holds', async () => {
    const dir = await ingested(corpus.slice(0, 3));
    const holder = startChild('hold', dir);
    try {
      await holder.waitFor((l) => l === 'held');
      const files = fs.readdirSync(dir).sort();
      await expect(rebuildIndex(cfgOf(dir))).rejects.toSatisfy((e: unknown) => e instanceof StoreError && e.code === 'LOCKED');
      await expect(prepareIndex(cfgOf(dir))).rejects.toSatisfy((e: unknown) => e instanceof StoreError && e.code === 'LOCKED');
      expect(fs.readdirSync(dir).sort()).toEqual(files);
    } finally {
      holder.proc.kill('SIGKILL');
      await holder.exited;
    }
  });

  it('articles read against a declared issue set are rebuilt against that set, not the built-in one', async () => {
    const { set } = parseIssueSet(
      {
        issues: [
          { id: 'ferry-timetable', label: 'Ferry timetable', terms: ['ferry timetable'] },
          { id: 'tram-extension', label: 'Tram extension', terms: ['tram extension'] },
          { id: 'school-closures', label: 'School closures', terms: ['school closures'] },
        ],
      },
      'declared-issues.json',
    );
    const dir = tmp();
    const { store } = await openIndexedStore(cfgOf(dir));
    await ingestArticles(store, corpus, { issues: set, beforeWrite: archiveBeforeWrite(ArticleArchive.at(dir), set) });
    const issueIds = async (s: GraphStore) => (await s.read<{ id: string }>({ text: 'MATCH (i:Issue) RETURN i.id AS id', params: {} })).map((r) => r.id).sort();
    const before = { counts: await store.counts(), issues: await issueIds(store) };
    await store.close();
    expect(before.issues.length).toBeGreaterThan(0);
    expect(before.issues.every((i) => ['ferry-timetable', 'tram-extension', 'school-closures'].includes(i))).toBe(true);
    expect(fs.readdirSync(ArticleArchive.at(dir).issueSetsDir)).toHaveLength(1);

    await rebuildIndex(cfgOf(dir));
    const again = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    await again.open();
    try {
      expect(await issueIds(again)).toEqual(before.issues);
      expect(await again.counts()).toEqual(before.counts);
    } finally {
      await again.close();
    }
  });

  it('syncIndex on a graph in line with the archive changes nothing', async () => {
    const dir = await ingested(corpus.slice(0, 6));
    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    await store.open();
    try {
      const before = await store.counts();
      const sync = await syncIndex(ArticleArchive.at(dir), store);
      expect(sync).toMatchObject({ backfilled: 0, indexed: 0, failed: [], problems: [], archived: 6 });
      expect(await store.counts()).toEqual(before);
    } finally {
      await store.close();
    }
  });
});

describe('CLI: exit codes and rebuild', () => {
  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), ...args], { cwd: ROOT, timeout: 60_000, env: { ...process.env, CLAIMGRAPH_WRITE_TOKEN: '' } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  /** Three good articles, one empty file and one the manifest does not list. */
  function mixedCorpus(): string {
    const dir = path.join(tmp(), 'in');
    writeCorpus(dir, corpus.slice(0, 3));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '   \n');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as object[];
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify([...manifest, { file: 'empty.txt', published: '2020-01-01' }]));
    fs.writeFileSync(path.join(dir, 'unlisted.txt'), corpus[5]!.text);
    return dir;
  }

  it('ingest: exit 2 naming how many failed; the good articles are archived and stored', async () => {
    const input = mixedCorpus();
    const data = tmp();
    const r = await cli(['ingest', input, '--data-dir', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty\.txt/);
    expect(r.stderr).toMatch(/unlisted\.txt/);
    expect(r.stderr).toMatch(/claimgraph: 2 of 5 article\(s\) failed/);
    expect(r.stdout).toMatch(/ingested 3 article\(s\) \(0 already stored, 2 failed\)/);
    expect(ArticleArchive.at(data).ids()).toEqual(ids.slice(0, 3).sort());
    expect(fs.existsSync(path.join(data, IN_USE_MARKER))).toBe(false);

    // All good: exit 0 (re-ingesting is a no-op).
    const ok = await cli(['ingest', path.join(input, corpus[0]!.file), '--manifest', path.join(input, 'manifest.json'), '--data-dir', data]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ingested 0 article\(s\) \(1 already stored, 0 failed\)/);
  });

  it('extract: exit 2 naming how many failed, with the JSON of the good ones intact on stdout', async () => {
    const r = await cli(['extract', mixedCorpus(), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/claimgraph: 2 of 5 article\(s\) failed/);
    expect((JSON.parse(r.stdout) as { articles: unknown[] }).articles).toHaveLength(3);
  });

  it('rebuild: recreates the graph from the archive and says where the old store went', async () => {
    const data = await ingested(corpus.slice(0, 4));
    const r = await cli(['rebuild', '--data-dir', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rebuilt the graph from 4 archived article\(s\): 4 articles, .*the old store is in .*broken/);
    const store = new LadybugStore({ dataDir: data, bufferPoolBytes: BUFFER });
    await store.open();
    try {
      expect(await store.counts()).toEqual(cleanCounts(records, ids.slice(0, 4)));
    } finally {
      await store.close();
    }
  });
});
