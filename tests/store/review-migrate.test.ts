/**
 * A store made before issue 12 lacks Statement.provenance, Statement.corrections and
 * Actor.provenance: open() adds them (ALTER TABLE … ADD, as for the rule columns), old rows read
 * them as null (= machine), and new writes and replacements carry them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ladybugDdl } from '../../cypher/ddl.ts';
import { LadybugStore, ladybugDbPath } from '../../cypher/ladybug/store.ts';
import { articleRecords } from './fixtures.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** The schema's DDL without the review columns: what the version before issue 12 created. */
function preReviewDdl(): string[] {
  return ladybugDdl().map((s) => s.replace(/,\s*`provenance`\s+STRING/g, '').replace(/,\s*`corrections`\s+STRING\[\]/g, ''));
}

describe('LadybugStore: review columns on an older store', () => {
  it('adds provenance and corrections, reads old rows as machine, and writes new ones with them', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-review-migrate-'));
    expect(preReviewDdl().join('\n')).not.toMatch(/provenance|corrections/);
    const old = new lbug.Database(ladybugDbPath(dir));
    const conn = new lbug.Connection(old);
    const q = async (text: string) => ((await conn.query(text)) as { close?: () => void }).close?.();
    for (const stmt of preReviewDdl()) await q(stmt);
    await q("CREATE (:Statement {id: 'st_old', text: 'old words', kind: 'direct', cue: 'said', start: 0, `end`: 9, date: '2010', granularity: 'year', dateBasis: 'publication', dateFrom: '2010-01-01', dateTo: '2010-12-31', articleId: 'art_old', speakerId: 'someone', speakerMention: 'someone'})");
    await q("CREATE (:Actor {id: 'someone', name: 'Someone', type: 'person', aliases: ['Someone']})");
    await old.close();

    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: 128 * 1024 * 1024 });
    await store.open();
    try {
      const st = (await store.read<{ name: string }>({ text: "CALL table_info('Statement') RETURN name", params: {} })).map((c) => c.name);
      const ac = (await store.read<{ name: string }>({ text: "CALL table_info('Actor') RETURN name", params: {} })).map((c) => c.name);
      expect(st).toEqual(expect.arrayContaining(['provenance', 'corrections']));
      expect(ac).toContain('provenance');
      expect(await store.read({ text: "MATCH (s:Statement {id: 'st_old'}) RETURN s.provenance AS p, s.corrections AS c", params: {} })).toEqual([{ p: null, c: null }]);
      const rec = articleRecords(1);
      await store.write(rec);
      const n = rec.nodes.Statement.length;
      // the way a query asks for machine statements: a missing provenance is machine
      const machine = await store.read<{ n: number }>({ text: "MATCH (s:Statement) WHERE coalesce(s.provenance, 'machine') = 'machine' RETURN count(s) AS n", params: {} });
      expect(Number(machine[0]!.n)).toBe(n + 1);
      // a replacement writes reviewed rows into the migrated table
      const reviewed = { ...rec, nodes: { ...rec.nodes, Statement: rec.nodes.Statement.map((s, i) => (i === 0 ? { ...s, provenance: 'reviewed' as const, corrections: ['cor_0000000000000001'] } : s)) } };
      await store.replaceArticles(reviewed);
      const rows = await store.read<{ p: string; c: string[] }>({ text: "MATCH (s:Statement) WHERE s.provenance = 'reviewed' RETURN s.provenance AS p, s.corrections AS c", params: {} });
      expect(rows).toEqual([{ p: 'reviewed', c: ['cor_0000000000000001'] }]);
    } finally {
      await store.close();
    }
  });
});
