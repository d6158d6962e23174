/**
 * Removes server paths from messages that go back to console users: engine errors quote the
 * database file ("Cannot open file /srv/claimgraph/data/graph.lbug …"), crash output names the
 * project's files. Known roots are replaced first, then any absolute path of two or more parts.
 */
import os from 'node:os';
import path from 'node:path';

const ABSOLUTE_PATH = /(?<![\w.:/-])(?:\/[\w.@+~-]+){2,}\/?/g;

export function scrubPaths(message: string, roots: string[] = []): string {
  let out = message;
  const known = [...roots, os.tmpdir(), os.homedir(), process.cwd()]
    .filter((r) => r && r !== '/')
    .flatMap((r) => [path.resolve(r), r])
    .sort((a, b) => b.length - a.length);
  for (const r of known) out = out.split(r).join('<server path>');
  return out.replace(ABSOLUTE_PATH, '<server path>');
}
