/**
 * Host pids of a process and all its descendants (bwrap → prlimit → node), read from /proc:
 * the console bench and the sandbox test sum memory or check uids over the whole tree.
 */
import fs from 'node:fs';

export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const t of fs.readdirSync(`/proc/${out[i]}/task`)) {
        const kids = fs.readFileSync(`/proc/${out[i]}/task/${t}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // the process exited while we read
    }
  }
  return out;
}
