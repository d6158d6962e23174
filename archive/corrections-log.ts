/**
 * The corrections log (issue 12): reviewer corrections, one JSON line each, append-only, in the
 * article archive (DATA_DIR/archive/corrections.log) beside the articles they correct. It is part
 * of the system of record: a rebuild re-extracts every archived article and applies these.
 *
 * Durability: `append` resolves only once its line is fsync'd (and, when it created the file, the
 * directory entry too), so an acknowledged correction survives a crash or a power cut. Appends
 * are serialised (one in flight per log), so lines never interleave. A crash mid-append leaves a
 * torn last line: it was never acknowledged, so a read ignores it with a warning and the next
 * append cuts it off before writing. A damaged line elsewhere is reported by its line number and
 * skipped; the good lines around it are kept.
 *
 * Ids are content-derived (hash of at, by, action), so the same record always has the same id.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { hashId } from '../ingest/ids.ts';
import { Correction, type CorrectionRequest } from '../ingest/review/corrections.ts';
import type { ActorType } from '../cypher/schema.ts';
import { ARCHIVE_DIR, ArchiveError } from './article-archive.ts';
import { fsyncDirSync } from './fsync-dir.ts';

export const CORRECTIONS_LOG = 'corrections.log';
export const CORRECTION_FORMAT = 'claimgraph-correction/1' as const;

/** The id of a correction: a hash of when, who and what. */
export function correctionId(at: string, by: string, action: Correction['action']): string {
  return hashId('cor', at, by, JSON.stringify(action));
}

export interface CorrectionsLogOptions {
  /** fsync the file and directory (default true; off only to measure what it costs) */
  fsync?: boolean;
  /** called at each step of an append (tests check the order: write, fsync-file, fsync-dir, done) */
  onStep?: (step: 'write' | 'fsync-file' | 'fsync-dir' | 'done') => void;
}

export interface AppendExtras {
  /** when it was recorded (default: now) */
  at?: Date;
  /** name and type of the graph actors the action names, as the store holds them now */
  actors?: Record<string, { name: string; type: ActorType; provenance?: 'machine' | 'reviewed' }>;
}

export interface ReadResult {
  /** every good line, in log order */
  corrections: Correction[];
  /** damaged lines (by line number) and a torn last line, as messages */
  problems: string[];
  /** true when the last line was torn (an append cut by a crash, never acknowledged) */
  torn: boolean;
}

export class CorrectionsLog {
  readonly dir: string;
  readonly file: string;
  private readonly fsync: boolean;
  private readonly onStep: CorrectionsLogOptions['onStep'];
  private queue: Promise<unknown> = Promise.resolve();
  /** ids in the log (loaded at the first append), so two equal records in one millisecond get distinct ids */
  private ids: Set<string> | null = null;

  constructor(dataDir: string, opts: CorrectionsLogOptions = {}) {
    this.dir = path.join(path.resolve(dataDir), ARCHIVE_DIR);
    this.file = path.join(this.dir, CORRECTIONS_LOG);
    this.fsync = opts.fsync ?? true;
    this.onStep = opts.onStep;
  }

  /** The log of a data directory: one instance per directory, so every writer of a process shares its queue. */
  static at(dataDir: string): CorrectionsLog {
    const key = path.resolve(dataDir);
    let log = instances.get(key);
    if (!log) instances.set(key, (log = new CorrectionsLog(dataDir)));
    return log;
  }

  /**
   * Records a correction durably; resolves with it once its line is on disk. `by` names the
   * reviewer when the request does not.
   */
  append(req: CorrectionRequest, by: string, extras: AppendExtras = {}): Promise<Correction> {
    const run = this.queue.then(() => this.appendNow(req, by, extras));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(req: CorrectionRequest, by: string, extras: AppendExtras): Promise<Correction> {
    const who = req.by ?? by;
    if (!this.ids) this.ids = new Set(this.readAll().corrections.map((c) => c.id));
    let ms = (extras.at ?? new Date()).getTime();
    let at = new Date(ms).toISOString();
    let id = correctionId(at, who, req.action);
    // the same reviewer sending the same action twice in one millisecond: the second is a millisecond later
    while (this.ids.has(id)) {
      at = new Date(++ms).toISOString();
      id = correctionId(at, who, req.action);
    }
    const parsed = Correction.safeParse({
      format: CORRECTION_FORMAT,
      id,
      at,
      by: who,
      why: req.why ?? null,
      action: req.action,
      ...(extras.actors && Object.keys(extras.actors).length ? { actors: extras.actors } : {}),
    });
    if (!parsed.success) throw new ArchiveError(`invalid correction: ${parsed.error.message}`);
    const correction = parsed.data;
    const line = `${JSON.stringify(correction)}\n`;
    try {
      let created = false;
      if (!fs.existsSync(this.dir)) {
        fs.mkdirSync(this.dir, { recursive: true });
        if (this.fsync) fsyncDirSync(path.dirname(this.dir));
      }
      const fh = await fsp.open(this.file, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_APPEND);
      try {
        const { size } = await fh.stat();
        created = size === 0;
        if (size > 0) {
          // a torn last line (a crash mid-append, never acknowledged) is cut off so the new line stands alone
          const tail = await this.tornTail(fh, size);
          if (tail > 0) await fh.truncate(size - tail);
        }
        await fh.write(line);
        this.onStep?.('write');
        if (this.fsync) await fh.sync();
        this.onStep?.('fsync-file');
      } finally {
        await fh.close();
      }
      if (created) {
        if (this.fsync) fsyncDirSync(this.dir);
        this.onStep?.('fsync-dir');
      }
    } catch (e) {
      throw new ArchiveError(`cannot append to the corrections log ${this.file}: ${(e as Error).message}`, { cause: e });
    }
    this.ids.add(id);
    this.onStep?.('done');
    return correction;
  }

  /** Bytes after the last newline (0 when the file ends with one). */
  private async tornTail(fh: fsp.FileHandle, size: number): Promise<number> {
    const chunk = Math.min(size, 64 * 1024);
    let pos = size;
    let tail = 0;
    while (pos > 0) {
      const len = Math.min(chunk, pos);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, pos - len);
      const nl = buf.lastIndexOf(0x0a);
      if (nl >= 0) return tail + (len - nl - 1);
      tail += len;
      pos -= len;
    }
    return tail;
  }

  /** Every correction in log order; damaged lines are reported, never fatal. */
  readAll(): ReadResult {
    let raw: string;
    try {
      raw = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { corrections: [], problems: [], torn: false };
      throw new ArchiveError(`cannot read the corrections log ${this.file}: ${(e as Error).message}`, { cause: e });
    }
    const lines = raw.split('\n');
    // a file ending with a newline splits into a last empty string: not a line
    const last = lines.pop() ?? '';
    const out: ReadResult = { corrections: [], problems: [], torn: false };
    const seen = new Set<string>();
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${this.file}:${i + 1}`;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (e) {
        out.problems.push(`${where}: not valid JSON (${(e as Error).message}); line skipped`);
        return;
      }
      const r = Correction.safeParse(json);
      if (!r.success) {
        out.problems.push(`${where}: not a correction record (${r.error.issues.map((x) => `${x.path.join('.') || 'record'}: ${x.message}`).join('; ')}); line skipped`);
        return;
      }
      if (seen.has(r.data.id)) {
        out.problems.push(`${where}: repeats correction ${r.data.id}; line skipped`);
        return;
      }
      seen.add(r.data.id);
      out.corrections.push(r.data);
    });
    if (last.trim()) {
      out.torn = true;
      out.problems.push(`${this.file}:${lines.length + 1}: torn last line (an append cut by a crash, never acknowledged); ignored`);
    }
    return out;
  }
}

const instances = new Map<string, CorrectionsLog>();
