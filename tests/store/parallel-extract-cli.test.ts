/**
 * The CLI's extraction workers under tsx, as the product runs (issue 10): `ingest --workers 2`
 * and `rebuild --workers 1` give the store the same graph as `--workers 0`, and a bad
 * `--workers` value stops the command before it touches the store.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../cypher/open-store.ts';
import { tmpDirs } from './helpers/tmp-dirs.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = tmpDirs('claimgraph-parallel-cli-');

const cli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), ...args, '--data-dir', dataDir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CLAIMGRAPH_WRITE_TOKEN: '', CLAIMGRAPH_INGEST_WORKERS: '' },
    timeout: 180_000,
  });

/** The stored graph as sorted rows (ids and the fields extraction decides). */
async function graph(dataDir: string): Promise<string[]> {
  const store = await openStore({ kind: 'ladybug', dataDir });
  try {
    const rows = await store.read({
      text: 'MATCH (s:Statement) RETURN s.id AS id, s.speakerId AS speaker, s.text AS text, s.date AS date ORDER BY id',
      params: {},
    });
    const actors = await store.read({ text: 'MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.aliases AS aliases ORDER BY id', params: {} });
    return [...rows, ...actors].map((r) => JSON.stringify(r));
  } finally {
    await store.close();
  }
}

describe('cli --workers', () => {
  it('ingest with 2 workers and rebuild with 1 store what in-process extraction stores', async () => {
    const inProcess = tmp();
    const pooled = tmp();
    const a = cli(inProcess, 'ingest', path.join(ROOT, 'corpus'), '--workers', '0');
    expect(a.status, a.stderr).toBe(0);
    const b = cli(pooled, 'ingest', path.join(ROOT, 'corpus'), '--workers', '2');
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/ingested 5 article\(s\)/);
    expect(b.stderr).not.toMatch(/extracting in-process|worker died/);
    const expected = await graph(inProcess);
    expect(expected.length).toBeGreaterThan(10);
    expect(await graph(pooled)).toEqual(expected);
    const r = cli(pooled, 'rebuild', '--workers', '1');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/extracting in-process|worker died/);
    expect(await graph(pooled)).toEqual(expected);
  }, 240_000);

  it('a bad --workers stops before the store is opened', () => {
    const dataDir = tmp();
    const r = cli(dataDir, 'ingest', path.join(ROOT, 'corpus'), '--workers', 'many');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--workers must be a whole number/);
    expect(fs.existsSync(path.join(dataDir, 'graph.lbug'))).toBe(false);
  }, 60_000);
});
