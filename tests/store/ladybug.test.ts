import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LadybugStore } from '../../cypher/ladybug/store.ts';
import { openStore } from '../../cypher/open-store.ts';
import { NODE_LABELS, REL_TYPES, emptyGraphRecords } from '../../cypher/schema.ts';
import { StoreError, type Counts } from '../../cypher/store.ts';
import { NASTY, articleRecords, manyArticles, mergeRecords } from './fixtures.ts';
import { startChild } from './helpers/spawn.ts';

let dir: string;
let store: LadybugStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-store-'));
  store = new LadybugStore({ dataDir: dir, bufferPoolBytes: 256 * 1024 * 1024 });
  await store.open();
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function total(c: Counts): number {
  return Object.values(c.nodes).reduce((a, b) => a + b, 0) + Object.values(c.rels).reduce((a, b) => a + b, 0);
}

describe('LadybugStore', () => {
  it('creates every table of the schema, with every declared property', async () => {
    const tables = await store.read<{ name: string; type: string }>({ text: 'CALL show_tables() RETURN name, type', params: {} });
    expect(tables.map((t) => t.name).sort()).toEqual([...NODE_LABELS, ...REL_TYPES].sort());
    const cols = await store.read<{ name: string }>({ text: "CALL table_info('Statement') RETURN name", params: {} });
    expect(cols.map((c) => c.name)).toContain('speakerMention');
    const c = await store.counts();
    expect(total(c)).toBe(0);
  });

  it('openStore returns an open ladybug store', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-open-'));
    const s = await openStore({ kind: 'ladybug', dataDir: other });
    try {
      expect(s.kind).toBe('ladybug');
      expect((await s.counts()).nodes.Article).toBe(0);
    } finally {
      await s.close();
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('writes records and counts them; text survives byte for byte', async () => {
    const summary = await store.write(mergeRecords(articleRecords(1), articleRecords(2)));
    expect(summary).toEqual({ articlesWritten: ['art-1', 'art-2'], articlesSkipped: [] });
    const c = await store.counts();
    expect(c.nodes).toEqual({ Article: 2, Actor: 2, Statement: 6, Issue: 1 });
    expect(c.rels).toEqual({ SAID: 6, REPORTED_IN: 6, MENTIONS: 4, ABOUT: 6, HOLDS_POSITION: 4, RELATES: 2 });
    const [rel] = await store.read<{ e: string; forms: string[] }>({
      text: 'MATCH (:Actor)-[r:RELATES]->(:Actor) WHERE r.articleId = $a RETURN r.evidence AS e',
      params: { a: 'art-2' },
    });
    expect(rel!.e).toBe(NASTY);
    const [m] = await store.read<{ forms: string[]; n: number }>({
      text: "MATCH (:Article)-[m:MENTIONS]->(a:Actor {id: 'us-government'}) WHERE m.articleId = 'art-1' RETURN m.forms AS forms, m.`count` AS n",
      params: {},
    });
    expect(m).toEqual({ forms: ['us-government', 'us-government, "quoted"'], n: 2 });
    const [st] = await store.read<{ s: Record<string, unknown> }>({ text: "MATCH (s:Statement {id: 'art-1-st-1'}) RETURN s", params: {} });
    expect(st!.s).toMatchObject({ text: `Statement 1: ${NASTY}`, start: 10, end: 19, dateEvidence: null, _label: 'Statement' });
    expect(typeof st!.s.start).toBe('number');
    expect(await store.hasArticle('art-1')).toBe(true);
    expect(await store.hasArticle('art-9')).toBe(false);
  });

  it('columns with no value in a batch (all null, all empty lists) are written as null / []', async () => {
    const g = articleRecords(3);
    for (const m of g.rels.MENTIONS) m.forms = [];
    for (const a of g.nodes.Actor) a.aliases = [];
    for (const h of g.rels.HOLDS_POSITION) h.evidence = null;
    await store.write(g);
    const rows = await store.read<{ forms: string[]; url: string | null; ev: string | null }>({
      text: 'MATCH (a:Article)-[m:MENTIONS]->(:Actor) MATCH (:Actor)-[h:HOLDS_POSITION]->(:Issue) RETURN m.forms AS forms, a.url AS url, h.evidence AS ev LIMIT 1',
      params: {},
    });
    expect(rows).toEqual([{ forms: [], url: null, ev: null }]);
  });

  it('re-writing the same records changes no count (idempotent)', async () => {
    const batch = mergeRecords(articleRecords(1), articleRecords(2));
    await store.write(batch);
    const before = await store.counts();
    const again = await store.write(batch);
    expect(again).toEqual({ articlesWritten: [], articlesSkipped: ['art-1', 'art-2'] });
    // A batch mixing a stored article and a new one writes only the new one.
    const mixed = await store.write(mergeRecords(articleRecords(2), articleRecords(3)));
    expect(mixed).toEqual({ articlesWritten: ['art-3'], articlesSkipped: ['art-2'] });
    const after = await store.counts();
    expect(after.nodes.Article).toBe(before.nodes.Article + 1);
    expect(after.rels.SAID).toBe(before.rels.SAID + 3);
  });

  it('actors shared by two articles are merged, their aliases united', async () => {
    await store.write(articleRecords(1, { alias: 'Maliki' }));
    await store.write(articleRecords(2, { alias: 'al-Maliki', actors: ['nouri-al-maliki'] }));
    const rows = await store.read<{ aliases: string[]; description: string | null }>({
      text: "MATCH (a:Actor {id: 'nouri-al-maliki'}) RETURN a.aliases AS aliases, a.description AS description",
      params: {},
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.aliases.sort()).toEqual(['Maliki', 'NOURI-AL-MALIKI', 'al-Maliki'].sort());
    // First non-null description kept.
    expect(rows[0]!.description).toBe('desc of nouri-al-maliki from 1');
    expect((await store.counts()).nodes.Actor).toBe(2);
  });

  it('two concurrent write() calls are serialised without duplicates', async () => {
    const a = mergeRecords(articleRecords(1), articleRecords(2));
    const b = mergeRecords(articleRecords(2), articleRecords(3));
    const [ra, rb] = await Promise.all([store.write(a), store.write(b), store.write(a)]);
    expect(ra!.articlesWritten).toEqual(['art-1', 'art-2']);
    expect(rb!.articlesWritten).toEqual(['art-3']);
    const c = await store.counts();
    expect(c.nodes).toEqual({ Article: 3, Actor: 2, Statement: 9, Issue: 1 });
    expect(c.rels.SAID).toBe(9);
    const dup = await store.read<{ n: number }>({
      text: 'MATCH (s:Statement)-[r:REPORTED_IN]->(a:Article) WITH s, count(r) AS k WHERE k > 1 RETURN count(s) AS n',
      params: {},
    });
    expect(dup[0]!.n).toBe(0);
  });

  it('reads are answered while a large write runs', async () => {
    await store.write(articleRecords(1));
    let writeDone = false;
    const writing = store.write(manyArticles(100, 800)).then((r) => {
      writeDone = true;
      return r;
    });
    const seen: number[] = [];
    while (!writeDone) {
      const [row] = await store.read<{ n: number }>({ text: 'MATCH (a:Article) WHERE a.complete = true RETURN count(a) AS n', params: {} });
      seen.push(row!.n);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await writing).articlesWritten).toHaveLength(800);
    expect(seen.length).toBeGreaterThan(1);
    // Complete articles only ever go from 1 to 801, all at once (flipped by one statement).
    expect(seen.every((n) => n === 1 || n === 801)).toBe(true);
    expect(await store.hasArticle('art-500')).toBe(true);
  });

  it('close() then open() again keeps the data, and the console works on the reopened store', async () => {
    await store.write(articleRecords(1));
    const before = await store.counts();
    await store.runConsole('RETURN 1', {}, { timeoutMs: 10_000, maxRows: 10, maxBytes: 10_000 });
    await store.close();
    await store.open();
    expect(await store.counts()).toEqual(before);
    const r = await store.runConsole('MATCH (a:Article) RETURN a.id AS id', {}, { timeoutMs: 10_000, maxRows: 10, maxBytes: 10_000 });
    expect(r.rows).toEqual([['art-1']]);
  });

  it('refuses invalid records before writing anything', async () => {
    const bad = articleRecords(1);
    bad.nodes.Statement[0]!.kind = 'shouted' as never;
    await expect(store.write(bad)).rejects.toMatchObject({ code: 'INVALID_RECORDS' });
    const orphan = emptyGraphRecords();
    orphan.rels.REPORTED_IN.push({ from: 'x', to: 'y', articleId: 'not-in-batch' });
    await expect(store.write(orphan)).rejects.toMatchObject({ code: 'INVALID_RECORDS' });
    expect(total(await store.counts())).toBe(0);
  });

  it('a write that fails half way leaves no trace of its articles', async () => {
    await store.write(articleRecords(1));
    const before = await store.counts();
    const broken = articleRecords(2);
    // Endpoint missing from the batch and the store: the relationship COPY fails after the nodes went in.
    broken.rels.RELATES.push({ ...broken.rels.RELATES[0]!, to: 'nobody-known' });
    await expect(store.write(broken)).rejects.toBeInstanceOf(StoreError);
    expect(await store.counts()).toEqual(before);
    expect(await store.hasArticle('art-2')).toBe(false);
    // And the store still takes writes.
    expect((await store.write(articleRecords(2))).articlesWritten).toEqual(['art-2']);
  });

  it('opening a database already open in another process fails with LOCKED and a clear message', async () => {
    const child = startChild('open', dir);
    const line = await child.waitFor((l) => l.startsWith('{'));
    await child.exited;
    const r = JSON.parse(line) as { ok: boolean; code: string; message: string };
    expect(r.ok).toBe(false);
    expect(r.code).toBe('LOCKED');
    expect(r.message).toContain(dir);
    expect(r.message).toMatch(/in use by another claimgraph process/);
  });

  it('bulk write: figures for 2,000 articles in batches of 500', async () => {
    const t0 = performance.now();
    for (let i = 0; i < 4; i++) await store.write(manyArticles(i * 500, 500));
    const ms = performance.now() - t0;
    const c = await store.counts();
    const rels = Object.values(c.rels).reduce((x, y) => x + y, 0);
    expect(c.nodes.Article).toBe(2000);
    expect(c.rels.SAID).toBe(10_000);
    console.log(`[bulk] ${c.nodes.Article} articles, ${total(c)} records (${rels} rels) in ${ms.toFixed(0)} ms: ${((c.nodes.Article / ms) * 1000).toFixed(0)} articles/s, ${((rels / ms) * 1000).toFixed(0)} rels/s`);
  });
});
