/**
 * Regression: a data directory made by an older version lacks columns the schema has since gained
 * (Statement.rule, RELATES.rule). `CREATE … IF NOT EXISTS` kept its tables as they were, so every
 * write with the new columns failed; open() now adds the missing columns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ladybugColumnMigrations, ladybugDdl } from '../../cypher/ddl.ts';
import { LadybugStore, ladybugDbPath } from '../../cypher/ladybug/store.ts';
import { articleRecords } from './fixtures.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** The schema's DDL with the `rule` columns taken out: what the previous version created. */
function olderDdl(): string[] {
  return ladybugDdl().map((s) => s.replace(/,\s*`?rule`?\s+STRING/g, ''));
}

describe('LadybugStore column migration', () => {
  it('plans ALTER TABLE … ADD for exactly the columns a table lacks', () => {
    const stmts = ladybugColumnMigrations(new Map([['Statement', new Set(['id', 'text'])]]));
    expect(stmts.length).toBeGreaterThan(0);
    expect(stmts.every((s) => s.startsWith('ALTER TABLE `Statement` ADD '))).toBe(true);
    expect(stmts.some((s) => /ADD `rule` STRING$/.test(s))).toBe(true);
    expect(stmts.some((s) => /ADD `text`/.test(s))).toBe(false);
    expect(ladybugColumnMigrations(new Map())).toEqual([]);
  });

  it('opens a store made without the newer columns, keeps its rows and takes new writes', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-migrate-'));
    expect(olderDdl().join('\n')).not.toMatch(/`?rule`? STRING/);
    const old = new lbug.Database(ladybugDbPath(dir));
    const conn = new lbug.Connection(old);
    for (const stmt of olderDdl()) await (await conn.query(stmt) as { close?: () => void }).close?.();
    await (await conn.query("CREATE (:Article {id: 'old-1', file: 'old.txt', title: 'Old', source: 'S', published: '2010-01-01', text: 'x', complete: true})") as { close?: () => void }).close?.();
    await old.close();

    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: 128 * 1024 * 1024 });
    await store.open();
    try {
      const cols = await store.read<{ name: string }>({ text: "CALL table_info('Statement') RETURN name", params: {} });
      expect(cols.map((c) => c.name)).toContain('rule');
      const before = await store.counts();
      expect(before.nodes.Article).toBe(1);
      await store.write(articleRecords(1));
      const after = await store.counts();
      expect(after.nodes.Article).toBe(2);
      expect(after.nodes.Statement).toBeGreaterThan(0);
      const old1 = await store.read<{ rule: string | null }>({ text: 'MATCH (s:Statement) RETURN s.rule AS rule LIMIT 1', params: {} });
      expect(old1).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
