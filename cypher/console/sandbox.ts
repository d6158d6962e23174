/**
 * How a console worker process is started: the second, parser-independent layer of the console.
 *
 * Whatever the guard lets through, the worker should not be able to read a file beyond the
 * database. Modes, strongest first (`auto` picks the first that works here):
 *
 *  - `bwrap`: bubblewrap (Debian package `bubblewrap`) puts the worker in fresh mount, pid, network,
 *    IPC and UTS namespaces whose file system holds only the runtime (/usr, the node binary), the
 *    project's code (cypher/, node_modules/, package.json, tsconfig.json), read-only, the
 *    database directory, read-only, and an empty /tmp. No /etc, /home, /root, /work data, no
 *    network. When the server runs as root and those paths are world-readable, bwrap itself is
 *    started as uid/gid 65534 (nobody), so the worker has no privilege on the host either; otherwise
 *    it keeps the server's uid, without capabilities, inside its own user namespace.
 *  - `uid` (root without bwrap): the worker runs as uid/gid 65534 in `/`. It cannot read the
 *    server's own files (0600/0700, e.g. a token file or data owned by root), but world-readable
 *    files such as /etc/passwd remain readable to it: a weaker fallback, said so in the README.
 *  - `none`: plain child process with the server's rights (no namespaces available, not root).
 *
 * Memory: the worker's data segment is capped with RLIMIT_DATA (util-linux `prlimit`), which
 * counts the engine's buffer pool and mappings as well as Node's heap, so a query that allocates
 * past it gets an allocation error (or the process dies) instead of taking the host's memory.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type SandboxMode = 'auto' | 'bwrap' | 'uid' | 'none';

export interface SandboxPlan {
  mode: Exclude<SandboxMode, 'auto'>;
  /** uid the worker runs as on the host (null: the server's). */
  uid: number | null;
  /** RLIMIT_DATA of the worker in bytes (null: not enforced, prlimit missing). */
  dataLimitBytes: number | null;
  /** Human-readable description for logs and health. */
  describe: string;
}

export interface SpawnSpec {
  /** The node binary and its arguments for the worker script. */
  nodeArgs: string[];
  /** Directory holding the database file: bound read-only into the sandbox. */
  dbDir: string;
  /** Files and directories of the project the worker needs (code, node_modules): bound read-only. */
  codePaths: string[];
  dataLimitBytes: number | null;
}

const NOBODY = 65534;

function which(bin: string): string | null {
  for (const dir of ['/usr/bin', '/bin', '/usr/local/bin', ...(process.env.PATH ?? '').split(':')]) {
    if (!dir) continue;
    const p = path.join(dir, bin);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

let bwrapWorks: boolean | null = null;
/** bubblewrap is installed and can create namespaces here (it cannot inside some containers). */
function bwrapUsable(bwrap: string): boolean {
  if (bwrapWorks !== null) return bwrapWorks;
  try {
    execFileSync(bwrap, ['--ro-bind', '/', '/', '--unshare-all', '--die-with-parent', '/bin/true'], { stdio: 'ignore', timeout: 10_000 });
    bwrapWorks = true;
  } catch {
    bwrapWorks = false;
  }
  return bwrapWorks;
}

/** `p` and every directory above it can be reached (and `p` read) by any user. */
export function worldReadable(p: string): boolean {
  let cur = path.resolve(p);
  try {
    const st = fs.statSync(cur);
    if (!(st.mode & 0o004) || (st.isDirectory() && !(st.mode & 0o001))) return false;
    for (;;) {
      const parent = path.dirname(cur);
      if (parent === cur) return true;
      cur = parent;
      if (!(fs.statSync(cur).mode & 0o001)) return false;
    }
  } catch {
    return false;
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Chooses the strongest mode available for these paths. */
export function planSandbox(requested: SandboxMode, spec: Pick<SpawnSpec, 'dbDir' | 'codePaths' | 'dataLimitBytes'>): SandboxPlan {
  const prlimit = which('prlimit');
  const dataLimitBytes = prlimit && spec.dataLimitBytes ? spec.dataLimitBytes : null;
  const mem = dataLimitBytes
    ? `, data segment capped at ${Math.round(dataLimitBytes / 2 ** 20)} MiB`
    : spec.dataLimitBytes && !prlimit
      ? ', memory not capped (prlimit missing)'
      : ', memory not capped';
  const dbFile = fs.existsSync(spec.dbDir) ? fs.readdirSync(spec.dbDir).map((f) => path.join(spec.dbDir, f)) : [];
  const othersCanRead = [spec.dbDir, ...dbFile, ...spec.codePaths, process.execPath].every(worldReadable);
  const bwrap = which('bwrap');
  if ((requested === 'auto' || requested === 'bwrap') && bwrap && bwrapUsable(bwrap)) {
    const uid = isRoot() && othersCanRead ? NOBODY : null;
    return {
      mode: 'bwrap',
      uid,
      dataLimitBytes,
      describe: `bubblewrap namespaces (runtime, code and database read-only; no other files, no network), ${uid === null ? "server's uid without capabilities" : 'uid 65534'}${mem}`,
    };
  }
  if (requested === 'bwrap') {
    throw new Error('CLAIMGRAPH console sandbox "bwrap" requested but bubblewrap is missing or cannot create namespaces here (apt-get install bubblewrap)');
  }
  if ((requested === 'auto' || requested === 'uid') && isRoot() && othersCanRead) {
    return { mode: 'uid', uid: NOBODY, dataLimitBytes, describe: `uid 65534 without namespaces (world-readable host files stay readable)${mem}` };
  }
  if (requested === 'uid') throw new Error('console sandbox "uid" needs a root server and a world-readable database directory');
  return { mode: 'none', uid: null, dataLimitBytes, describe: `no sandbox (the worker has the server's file access)${mem}` };
}

/** bwrap arguments that recreate the host's /lib, /bin… symlinks (merged /usr) or bind them. */
function systemDirs(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const d of ['/lib', '/lib64', '/lib32', '/libx32', '/bin', '/sbin']) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(d);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) args.push('--symlink', fs.readlinkSync(d), d);
    else if (st.isDirectory()) args.push('--ro-bind', d, d);
  }
  return args;
}

/** Starts the worker under the plan, with an IPC channel (JSON) and a minimal environment. */
export function spawnSandboxed(plan: SandboxPlan, spec: SpawnSpec): ChildProcess {
  let argv: string[] = spec.nodeArgs;
  if (plan.mode === 'bwrap') {
    const binds: string[] = [];
    const node = process.execPath;
    if (!node.startsWith('/usr/')) binds.push('--ro-bind', node, node);
    for (const p of spec.codePaths) if (fs.existsSync(p)) binds.push('--ro-bind', p, p);
    binds.push('--ro-bind', spec.dbDir, spec.dbDir);
    argv = [
      which('bwrap')!,
      // An empty /tmp first: binds under /tmp (a test's database) are mounted on top of it.
      '--tmpfs', '/tmp',
      ...systemDirs(),
      ...binds,
      '--proc', '/proc',
      '--dev', '/dev',
      '--unshare-all',
      '--die-with-parent',
      '--new-session',
      '--cap-drop', 'ALL',
      '--chdir', '/tmp',
      ...spec.nodeArgs,
    ];
  }
  if (plan.dataLimitBytes) argv = [which('prlimit')!, `--data=${plan.dataLimitBytes}:${plan.dataLimitBytes}`, '--', ...argv];
  return spawn(argv[0]!, argv.slice(1), {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
    // Nothing of the server's environment (the write token, Neo4j password…) reaches the worker.
    env: { PATH: '/usr/bin:/bin', HOME: '/tmp', TMPDIR: '/tmp', LANG: 'C.UTF-8' },
    cwd: plan.mode === 'none' ? undefined : '/',
    ...(plan.uid !== null ? { uid: plan.uid, gid: plan.uid } : {}),
  });
}
