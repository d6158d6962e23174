/** The "is the built client stale?" check main.ts uses before deciding to run vite build. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientIsStale } from '../../server/client-build.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-client-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const touch = (p: string, secondsAgo: number) => {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  if (!fs.existsSync(p)) fs.writeFileSync(p, '');
  const t = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(p, t, t);
};

describe('clientIsStale', () => {
  const client = path.join(root, 'client');
  const dist = path.join(client, 'dist');
  it('is stale when there is no build', () => {
    touch(path.join(client, 'src', 'main.ts'), 100);
    expect(clientIsStale(client, dist)).toBe(true);
  });
  it('is fresh when the build is newer than every source', () => {
    touch(path.join(dist, 'index.html'), 10);
    expect(clientIsStale(client, dist)).toBe(false);
  });
  it('is stale again when a source changes after the build', () => {
    touch(path.join(client, 'src', 'deep', 'graph.ts'), 1);
    expect(clientIsStale(client, dist)).toBe(true);
  });
  it('ignores files inside dist and node_modules', () => {
    touch(path.join(client, 'src', 'deep', 'graph.ts'), 100);
    touch(path.join(client, 'node_modules', 'x.js'), 0);
    touch(path.join(dist, 'assets', 'app.js'), 0);
    expect(clientIsStale(client, dist)).toBe(false);
  });
});
