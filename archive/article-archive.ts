/**
 * The article archive: claimgraph's system of record. Every accepted article is written here,
 * durably, before it is acknowledged; the graph database is an index rebuilt from it.
 *
 * Why a top-level `archive/` and not `cypher/archive/`: the archive must not depend on the graph
 * engine (the engine is what it protects against), and it stores the pipeline's input, keyed by
 * the pipeline's own article id (ingest/ids.ts). `cypher/` sits below `ingest/` (ingest imports
 * cypher/schema.ts), so it cannot import ingest; this file imports only node and ingest's ids
 * and types. `archive/index-sync.ts` and `archive/open-indexed-store.ts` tie it to the stores.
 *
 * Layout, inside CLAIMGRAPH_DATA_DIR:
 *
 *   archive/README.txt               what this directory is (for a human finding it)
 *   archive/articles/art_<16 hex>.json   one immutable file per article, named by its id
 *   archive/issue-sets/is_<16 hex>.json  a declared issue set articles were read against (by content)
 *   archive/staging/                 temp files being written (a leftover is an unacknowledged write)
 *   archive/corrections.log          reviewer corrections, append-only JSON lines (archive/corrections-log.ts)
 *
 * Why one file per article rather than an append-only log: a file is written to staging/,
 * fsync'd, then hard-linked to its final name (an atomic, first-writer-wins publish) and the
 * directory fsync'd; a crash leaves either the whole file under its final name or nothing, so
 * there is no torn tail to detect and truncate, no in-memory index to rebuild (deduplication is a
 * stat), and one damaged file costs one article, not the records after it. Articles are
 * content-addressed and never change, which a log does not exploit; corrections are ordered events
 * and will get the log. The cost: one fsync per article; the fsyncs of a batch run concurrently
 * (ext4 groups them into few journal commits) and the directory is fsync'd once per batch. A flat
 * directory, not git-style shards: shards would add one directory fsync per shard per batch.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { articleId } from '../ingest/ids.ts';
import type { IssueSet } from '../ingest/positions/issue-set.ts';
import type { ArticleInput } from '../ingest/types.ts';
import { fsyncDirSync } from './fsync-dir.ts';

export const ARCHIVE_DIR = 'archive';
export const ARTICLE_FORMAT = 'claimgraph-article/1';

/** One archived article: the checked input plus when it was accepted (rebuilds replay in that order). */
export interface ArchivedArticle {
  format: typeof ARTICLE_FORMAT;
  id: string;
  /** ISO time of acceptance */
  accepted: string;
  /** position within its accepted batch (orders articles accepted in the same millisecond) */
  seq: number;
  /** true when copied from an existing graph (an install older than the archive) */
  backfilled?: boolean;
  /**
   * the declared issue set (archive/issue-sets/<id>.json) its positions were read against; absent:
   * the built-in set of the running version
   */
  issues?: string;
  article: ArticleInput;
}

export interface ArchiveOptions {
  /**
   * fsync files and directories (default true). Off only for measuring what durability costs:
   * without it an acknowledged article can be lost by a power cut (not by a process crash).
   */
  fsync?: boolean;
}

export interface PutResult {
  /** ids newly archived by this call */
  written: string[];
  /** ids the archive already held (their first version is kept) */
  present: string[];
}

export class ArchiveError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchiveError';
  }
}

const ID = /^art_[0-9a-f]{16}$/;
const ISSUE_SET_ID = /^is_[0-9a-f]{16}$/;
const FILE = /^(art_[0-9a-f]{16})\.json$/;
/** Concurrent file writes of a batch: enough to keep libuv's 4 threads busy with fsyncs. */
const CONCURRENCY = 8;

const README = `This directory is claimgraph's system of record.

articles/  one file per accepted article (art_<id>.json, the id is a hash of the text). Files are
           written once and never changed; back this directory up, and never edit it by hand.
issue-sets/ the declared issue sets (issues.json) articles were read against, by content.
corrections.log  reviewers' corrections, one JSON line each, append-only; every rebuild applies them.
staging/   files being written; a leftover one was never acknowledged and is removed at start.

The graph database beside it (graph.lbug*) is an index: \`npm run rebuild\` recreates it from here.
`;

async function fsyncFile(p: string, flags: 'r' | 'r+'): Promise<void> {
  const fh = await fsp.open(p, flags);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class ArticleArchive {
  readonly root: string;
  readonly articlesDir: string;
  readonly stagingDir: string;
  readonly issueSetsDir: string;
  private readonly fsync: boolean;
  private ready = false;

  constructor(dataDir: string, opts: ArchiveOptions = {}) {
    this.root = path.join(path.resolve(dataDir), ARCHIVE_DIR);
    this.articlesDir = path.join(this.root, 'articles');
    this.stagingDir = path.join(this.root, 'staging');
    this.issueSetsDir = path.join(this.root, 'issue-sets');
    this.fsync = opts.fsync ?? true;
  }

  /** The archive of a data directory (one instance per directory and options, shared by its writers). */
  static at(dataDir: string, opts: ArchiveOptions = {}): ArticleArchive {
    const key = `${path.resolve(dataDir)}\u0000${opts.fsync ?? true}`;
    let a = instances.get(key);
    if (!a) instances.set(key, (a = new ArticleArchive(dataDir, opts)));
    return a;
  }

  fileOf(id: string): string {
    if (!ID.test(id)) throw new ArchiveError(`not an article id: ${JSON.stringify(id)}`);
    return path.join(this.articlesDir, `${id}.json`);
  }

  /** True once the archive's directory exists (an install older than the archive has none). */
  exists(): boolean {
    return fs.existsSync(this.articlesDir);
  }

  has(id: string): boolean {
    return fs.existsSync(this.fileOf(id));
  }

  /** Ids of every archived article (a listing: files are not read). */
  ids(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.articlesDir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new ArchiveError(`cannot list the article archive ${this.articlesDir}: ${(e as Error).message}`, { cause: e });
    }
    const ids: string[] = [];
    for (const n of names) {
      const m = FILE.exec(n);
      if (m) ids.push(m[1] as string);
    }
    return ids.sort();
  }

  /** Creates the directories (durably: their entries are fsync'd into their parents) once per process. */
  private ensureDirs(): void {
    if (this.ready) return;
    const created = !fs.existsSync(this.articlesDir);
    try {
      fs.mkdirSync(this.articlesDir, { recursive: true });
      fs.mkdirSync(this.stagingDir, { recursive: true });
      const readme = path.join(this.root, 'README.txt');
      if (!fs.existsSync(readme)) fs.writeFileSync(readme, README);
      if (created && this.fsync) {
        fsyncDirSync(this.root);
        fsyncDirSync(path.dirname(this.root));
      }
    } catch (e) {
      throw new ArchiveError(`cannot create the article archive at ${this.root}: ${(e as Error).message}`, { cause: e });
    }
    this.ready = true;
  }

  /**
   * Archives articles, durably, before the caller acknowledges them: each file is complete and
   * fsync'd, and its directory entry fsync'd, when this resolves. An id already archived keeps its
   * first version (like the graph, which keeps the first copy of an article). Each article's id
   * must be the pipeline's id of its text: the archive is content-addressed.
   */
  async put(articles: readonly { articleId: string; input: ArticleInput }[], opts: { backfilled?: boolean; issues?: IssueSet } = {}): Promise<PutResult> {
    this.ensureDirs();
    // A declared issue set is archived (durably) before the articles that name it.
    const issues = opts.issues && opts.issues.source !== 'default' ? await this.putIssueSet(opts.issues) : undefined;
    const accepted = new Date().toISOString();
    const result: PutResult = { written: [], present: [] };
    const todo: { id: string; file: string; tmp: string; body: string }[] = [];
    const seen = new Set<string>();
    articles.forEach(({ articleId: id, input }, seq) => {
      if (seen.has(id)) return;
      seen.add(id);
      const actual = articleId(input.text);
      if (actual !== id) throw new ArchiveError(`${input.file}: its text hashes to ${actual}, not ${id}: refusing to archive it under a wrong id`);
      const file = this.fileOf(id);
      if (fs.existsSync(file)) {
        result.present.push(id);
        return;
      }
      const record: ArchivedArticle = {
        format: ARTICLE_FORMAT,
        id,
        accepted,
        seq,
        ...(opts.backfilled ? { backfilled: true } : {}),
        ...(issues ? { issues } : {}),
        article: { file: input.file, title: input.title, source: input.source, url: input.url, published: input.published, text: input.text },
      };
      const tmp = path.join(this.stagingDir, `${id}.${process.pid}.${++tmpCounter}.tmp`);
      todo.push({ id, file, tmp, body: JSON.stringify(record) + '\n' });
    });
    if (todo.length === 0) return result;
    try {
      await inParallel(todo, CONCURRENCY, async (t) => {
        const fh = await fsp.open(t.tmp, 'wx');
        try {
          await fh.writeFile(t.body);
          if (this.fsync) await fh.sync();
        } finally {
          await fh.close();
        }
      });
      for (const t of todo) {
        if (this.publish(t.tmp, t.file)) result.written.push(t.id);
        else result.present.push(t.id);
      }
      if (this.fsync && result.written.length) fsyncDirSync(this.articlesDir);
    } catch (e) {
      for (const t of todo) {
        try {
          fs.rmSync(t.tmp, { force: true });
        } catch {
          // the staging directory itself is unusable: nothing of ours to remove
        }
      }
      throw new ArchiveError(`cannot archive articles in ${this.articlesDir}: ${(e as Error).message}`, { cause: e });
    }
    return result;
  }

  /** Archives an issue set by content; returns its id. */
  private async putIssueSet(set: IssueSet): Promise<string> {
    const body = `${JSON.stringify({ issues: set.issues, elsewhere: set.elsewhere })}\n`;
    const id = `is_${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
    const file = path.join(this.issueSetsDir, `${id}.json`);
    if (fs.existsSync(file)) return id;
    const tmp = path.join(this.stagingDir, `${id}.${process.pid}.${++tmpCounter}.tmp`);
    try {
      const created = !fs.existsSync(this.issueSetsDir);
      fs.mkdirSync(this.issueSetsDir, { recursive: true });
      if (created && this.fsync) fsyncDirSync(this.root);
      const fh = await fsp.open(tmp, 'wx');
      try {
        await fh.writeFile(body);
        if (this.fsync) await fh.sync();
      } finally {
        await fh.close();
      }
      this.publish(tmp, file);
      if (this.fsync) fsyncDirSync(this.issueSetsDir);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw new ArchiveError(`cannot archive the issue set of ${set.source} in ${this.issueSetsDir}: ${(e as Error).message}`, { cause: e });
    }
    return id;
  }

  /** The archived issue set `id` as its JSON (`{issues, elsewhere}`) and the file it came from. */
  readIssueSet(id: string): { json: unknown; file: string } {
    if (!ISSUE_SET_ID.test(id)) throw new ArchiveError(`not an issue set id: ${JSON.stringify(id)}`);
    const file = path.join(this.issueSetsDir, `${id}.json`);
    try {
      return { json: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, file };
    } catch (e) {
      throw new ArchiveError(`${file}: cannot read the archived issue set: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Moves a complete temp file to its final name; false when another writer got there first. */
  private publish(tmp: string, file: string): boolean {
    try {
      // link(2) fails if the name exists: first writer wins, atomically.
      fs.linkSync(tmp, file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        fs.rmSync(tmp, { force: true });
        return false;
      }
      // Filesystems without hard links: rename (atomic too; a racing writer's copy is replaced by an equal text).
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EMLINK') {
        fs.renameSync(tmp, file);
        return true;
      }
      throw e;
    }
    fs.rmSync(tmp, { force: true });
    return true;
  }

  /** Reads and checks one archived article; throws ArchiveError naming the file and the problem. */
  read(id: string): ArchivedArticle {
    const file = this.fileOf(id);
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ArchiveError(`${file}: cannot read: ${(e as Error).message}`, { cause: e });
    }
    let rec: ArchivedArticle;
    try {
      rec = JSON.parse(raw) as ArchivedArticle;
    } catch (e) {
      throw new ArchiveError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    const a = rec?.article;
    if (rec?.format !== ARTICLE_FORMAT || rec.id !== id || !a || typeof a.text !== 'string' || typeof a.published !== 'string' || typeof a.file !== 'string') {
      throw new ArchiveError(`${file}: not a ${ARTICLE_FORMAT} record for ${id}`);
    }
    if (articleId(a.text) !== id) throw new ArchiveError(`${file}: its text does not hash to ${id} (the file was altered or damaged)`);
    if (rec.issues !== undefined && !ISSUE_SET_ID.test(rec.issues)) throw new ArchiveError(`${file}: names an issue set id that is not one: ${JSON.stringify(rec.issues)}`);
    return { ...rec, article: { file: a.file, title: a.title ?? '', source: a.source ?? '', url: a.url ?? null, published: a.published, text: a.text } };
  }

  /**
   * Every archived article in acceptance order (ids given: those only). A damaged file is reported
   * in `problems` and skipped, never removed.
   */
  readAll(ids: readonly string[] = this.ids()): { articles: ArchivedArticle[]; problems: string[] } {
    const articles: ArchivedArticle[] = [];
    const problems: string[] = [];
    for (const id of ids) {
      try {
        articles.push(this.read(id));
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    articles.sort((x, y) => (x.accepted < y.accepted ? -1 : x.accepted > y.accepted ? 1 : x.seq - y.seq || (x.id < y.id ? -1 : 1)));
    return { articles, problems };
  }

  /**
   * Removes temp files left by a writer that died before publishing them (never acknowledged).
   * Only files of processes no longer alive: a live writer's temp file is left alone.
   */
  cleanStaging(): number {
    let names: string[];
    try {
      names = fs.readdirSync(this.stagingDir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const n of names) {
      const pid = Number(/\.(\d+)\.\d+\.tmp$/.exec(n)?.[1]);
      if (pid && pid !== process.pid && alive(pid)) continue;
      if (pid === process.pid) continue;
      fs.rmSync(path.join(this.stagingDir, n), { force: true });
      removed++;
    }
    return removed;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const instances = new Map<string, ArticleArchive>();
/** Temp names are <id>.<pid>.<n>: unique per process across every instance (two may share a directory). */
let tmpCounter = 0;

/**
 * Turns `put` into the loader's `beforeWrite` hook (ingest/load-into-store.ts); `issues`: the issue
 * set the loader reads positions against (a declared one is archived with the articles, so that a
 * rebuild reads them against it again).
 */
export function archiveBeforeWrite(archive: ArticleArchive, issues?: IssueSet): (articles: { articleId: string; input: ArticleInput }[]) => Promise<void> {
  return async (articles) => {
    await archive.put(articles, { issues });
  };
}
