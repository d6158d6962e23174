/**
 * The command line against a hostile manifest: the good entries are ingested, each bad one is
 * named by manifest, index and file, the run exits non-zero, and the store holds exactly the good
 * articles; fixing the manifest and ingesting again adds the rest and loses nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../cypher/open-store.ts';
import { ROOT } from './harness.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-hygiene-cli-'));
const dataDir = path.join(dir, 'data');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BOM = '\uFEFF';
const write = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), body);
write('a.txt', 'The defence minister said on Monday that the talks "went as planned".');
write('b.txt', BOM + 'A spokesman for the ministry said the delegation would return next month.');
write('c.txt', 'Officials said on Tuesday that the agreement "is not final".');
write('d.txt', 'The envoy said the two sides had agreed on a timetable.');
const entries = [
  { file: 'a.txt', published: '2020-01-05', url: 'https://example.org/a' },
  { file: 'b.txt', published: '2020-01-06', title: 'B', source: 'Wire' },
  { file: 'c.txt', published: '2021-02-30' },
  { file: 'ghost.txt', published: '2020-01-01' },
  { file: 'a.txt', published: '2020-01-07' },
  { file: 'd.txt', published: '2020-01-08', url: 'javascript:alert(document.cookie)' },
];
write('manifest.json', BOM + JSON.stringify(entries));

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_WRITE_TOKEN: '' },
    timeout: 120_000,
  });

async function storedFiles(): Promise<string[]> {
  const store = await openStore({ kind: 'ladybug', dataDir });
  try {
    const rows = await store.read({ text: 'MATCH (a:Article) RETURN a.file AS file ORDER BY file', params: {} });
    return rows.map((r) => r.file as string);
  } finally {
    await store.close();
  }
}

describe('npm run ingest / extract with bad manifest entries', () => {
  it('extract: prints the good articles, names each bad entry, exits non-zero', () => {
    const r = cli('extract', dir, '--json');
    expect(r.status).not.toBe(0);
    expect(JSON.parse(r.stdout).articles.map((a: { article: string }) => a.article).sort()).toEqual(['a.txt', 'b.txt']);
    const m = path.join(dir, 'manifest.json');
    expect(r.stderr).toContain(`${m}: entry [2] ("c.txt"): published: "2021-02-30" is not a real calendar date`);
    expect(r.stderr).toContain(`${m}: entry [5] ("d.txt"): url: "javascript:alert(document.cookie)" is not an http(s) URL`);
    expect(r.stderr).toContain(`${m}: entry [3] ("ghost.txt"): lists a file that does not exist`);
    expect(r.stderr).toContain(`${m}: entry [4] ("a.txt"): lists the file again (first at entry [0])`);
  });

  it('ingest: stores exactly the good articles and exits non-zero', async () => {
    const r = cli('ingest', dir);
    expect(r.status, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/entry \[2\] \("c\.txt"\)/);
    expect(r.stderr).toMatch(/entry \[5\] \("d\.txt"\)/);
    expect(await storedFiles()).toEqual(['a.txt', 'b.txt']);
  });

  it('after fixing the manifest, a second ingest adds the rest and keeps the first two', async () => {
    write('manifest.json', JSON.stringify([entries[0], entries[1], { file: 'c.txt', published: '2021-02-28' }, { ...entries[5], url: 'https://example.org/d' }]));
    const r = cli('ingest', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(await storedFiles()).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt']);
  });
});
