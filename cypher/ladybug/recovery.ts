/**
 * Recovery of a LadybugDB checkpoint interrupted by a crash, for the one shape that
 * @ladybugdb/core 0.19.1 cannot recover by itself.
 *
 * How a checkpoint works (LadybugDB src/storage/checkpointer.cpp, wal.cpp, wal_replayer.cpp):
 *  1. take `<db>.checkpoint.intent.lock` and `<db>.checkpoint.apply.lock` (fcntl locks);
 *  2. if a WAL exists, rename `<db>.wal` to the frozen WAL `<db>.wal.checkpoint`;
 *  3. write every page to be replaced into `<db>.shadow`, then fsync it;
 *  4. COMMIT POINT: append a CHECKPOINT record to the frozen WAL or, when there was no WAL at
 *     step 2 (e.g. the checkpoint that commits a COPY), to a fresh `<db>.wal`, and fsync it;
 *  5. copy the shadow pages over the data file in place, fsync; 6. clear the WAL, delete the
 *     shadow file and the lock files.
 * After a crash between 4 and 6, the committed checkpoint lives in the shadow file (and the data
 * file may be half-overwritten): recovery must replay the shadow file. 0.19.1 does so when the
 * CHECKPOINT record is in the frozen WAL, but when it is in the active WAL it first DELETES the
 * shadow file (measured with strace: stat .wal.checkpoint → absent, stat .wal, unlink .shadow, …)
 * and then fails with "Cannot open file <db>.shadow: No such file or directory" — on that open and
 * on every later one, the committed pages being gone.
 *
 * The recovery below hands that state to the engine's own, working path: a WAL that holds nothing
 * but its header and one CHECKPOINT record (no committed data) is renamed to the frozen-WAL name,
 * which is exactly what step 2 would have produced; the engine then replays the shadow file and
 * removes both. Nothing is ever deleted here. It only acts when no process holds a lock on the
 * database files (a live writer goes through the same state for a few milliseconds).
 */
import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from '../store.ts';

/** WALRecordType::CHECKPOINT_RECORD in LadybugDB/Kùzu. */
const CHECKPOINT_RECORD = 0xfe;

export interface CheckpointRecovery {
  /**
   * `locked`: another process holds the database; the caller must not open it, because 0.19.1
   * deletes the shadow file of that process's running checkpoint before it even tries the lock
   * (measured: a second read-write open unlinked a live writer's shadow file, then failed on the lock).
   */
  action: 'none' | 'completed-checkpoint' | 'locked';
  /** Files found beside the database before recovery (name: bytes). */
  files: Record<string, number>;
}

export function sidecars(dbPath: string) {
  return {
    wal: `${dbPath}.wal`,
    frozenWal: `${dbPath}.wal.checkpoint`,
    shadow: `${dbPath}.shadow`,
    intentLock: `${dbPath}.checkpoint.intent.lock`,
    applyLock: `${dbPath}.checkpoint.apply.lock`,
  };
}

function size(p: string): number | null {
  try {
    return fs.statSync(p).size;
  } catch {
    return null;
  }
}

/**
 * True when `buf` is a WAL holding only its header (database id, checksum flag) and a single
 * CHECKPOINT record: 16-byte id + 1-byte flag [+ 8-byte checksum], then u64 length 1 + type byte
 * [+ 8-byte checksum]. Measured on 0.19.1: 42 bytes with checksums on (the default).
 */
export function isCheckpointOnlyWal(buf: Buffer): boolean {
  if (buf.length < 17 || buf[16]! > 1) return false;
  const sum = buf[16] === 1 ? 8 : 0;
  const header = 17 + sum;
  if (buf.length !== header + 9 + sum) return false;
  return buf.readBigUInt64LE(header) === 1n && buf[header + 8] === CHECKPOINT_RECORD;
}

/**
 * Pids holding a lock on each inode, from /proc/locks (Linux); null when unknown. LadybugDB holds
 * an fcntl write lock on the data file while a read-write Database is open, and on the checkpoint
 * lock files during a checkpoint. A pid of 0 is a holder outside this pid namespace.
 */
function lockHolders(): Map<number, Set<number>> | null {
  let text: string;
  try {
    text = fs.readFileSync('/proc/locks', 'utf8');
  } catch {
    return null;
  }
  const holders = new Map<number, Set<number>>();
  for (const line of text.split('\n')) {
    const m = /\s(-?\d+)\s+[0-9a-f]+:[0-9a-f]+:(\d+)\s/.exec(line);
    if (!m) continue;
    const ino = Number(m[2]);
    if (!holders.has(ino)) holders.set(ino, new Set());
    holders.get(ino)!.add(Number(m[1]));
  }
  return holders;
}

/** Pids holding a lock on any of `paths`; null when unknown. */
function holdersOf(paths: string[]): Set<number> | null {
  const all = lockHolders();
  if (!all) return null;
  const out = new Set<number>();
  for (const p of paths) {
    try {
      for (const pid of all.get(fs.statSync(p).ino) ?? []) out.add(pid);
    } catch {
      // absent: nothing to hold
    }
  }
  return out;
}

/**
 * True when another process has the database open (its fcntl lock on the data file), false when
 * none has, null when this platform cannot tell. Nothing is opened: callers that must not touch a
 * live database (moving a broken one aside, probing it) ask this first.
 */
export function heldByAnotherProcess(dbPath: string): boolean | null {
  const holders = holdersOf([dbPath]);
  if (!holders) return null;
  return [...holders].some((pid) => pid !== process.pid);
}

function fsyncPath(p: string, flags: string): void {
  const fd = fs.openSync(p, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Runs before the database is opened; see the file comment. Throws StoreError when it must not go on. */
export function recoverInterruptedCheckpoint(dbPath: string): CheckpointRecovery {
  const f = sidecars(dbPath);
  const dir = path.dirname(dbPath);
  const base = path.basename(dbPath);
  const files: Record<string, number> = {};
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (name.startsWith(base)) files[name] = size(path.join(dir, name)) ?? -1;
  }
  const none: CheckpointRecovery = { action: 'none', files };
  // Another process has the database open read-write (the engine's own lock test, done first).
  const dbHolders = holdersOf([dbPath]);
  if (dbHolders && [...dbHolders].some((pid) => pid !== process.pid)) return { action: 'locked', files };
  const holders = holdersOf([dbPath, f.intentLock, f.applyLock, f.wal, f.shadow]);
  const walSize = size(f.wal);
  const shadowSize = size(f.shadow);
  // The frozen-WAL path, a shadow with no commit record, or a WAL of ordinary commits: the engine
  // recovers these itself (measured).
  if (walSize === null || size(f.frozenWal) !== null) return none;
  const wal = fs.readFileSync(f.wal);
  if (!isCheckpointOnlyWal(wal)) return none;

  const listing = Object.entries(files)
    .map(([n, s]) => `${n} (${s} B)`)
    .join(', ');
  // This process holds the files (another store open on the same directory): its checkpoint may
  // be between steps 4 and 6 right now. Leave it alone.
  if (holders && holders.size > 0) return none;

  if (shadowSize === null || shadowSize === 0) {
    // The CHECKPOINT record is durable but its pages are gone: an earlier open by 0.19.1 deleted
    // the shadow file. The data file may be half-overwritten; nothing can prove otherwise.
    throw new StoreError(
      'UNAVAILABLE',
      `cannot recover LadybugDB at ${dbPath}: its WAL commits a checkpoint whose shadow file is gone ` +
        `(an earlier open by @ladybugdb/core 0.19.1 deleted it after a crash during a checkpoint). ` +
        `The committed pages are lost and the data file may be half-written; re-ingest into an empty --data-dir. Files: ${listing}`,
    );
  }
  if (holders === null) {
    throw new StoreError(
      'UNAVAILABLE',
      `LadybugDB at ${dbPath} holds a checkpoint interrupted after its commit point, which @ladybugdb/core 0.19.1 ` +
        `would destroy on open, and this platform has no /proc/locks to prove that no process is using it. ` +
        `With every claimgraph process stopped, rename ${path.basename(f.wal)} to ${path.basename(f.frozenWal)} and open again. Files: ${listing}`,
    );
  }
  // Make the WAL durable under its new name before the engine acts on it.
  fsyncPath(f.wal, 'r+');
  fs.renameSync(f.wal, f.frozenWal);
  fsyncPath(dir, 'r');
  return { action: 'completed-checkpoint', files };
}
