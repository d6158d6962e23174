/** A directory's entries (a new file, a rename, a hard link) are durable only once the directory itself is fsync'd. */
import fs from 'node:fs';

export function fsyncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
