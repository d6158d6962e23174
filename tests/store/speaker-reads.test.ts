/**
 * Issue 10 reads on LadybugDB: SAID carries its statement's id (filled by the store from the `to`
 * end, on every write path and at open for older stores), a speaker's statements read from SAID
 * alone give exactly what the joined listStatements gives (pages, cursors, windows, counts), and
 * the read pool answers concurrent reads each with its own result.
 */
import lbug from '@ladybugdb/core';
import { describe, expect, it } from 'vitest';
import { ladybugDdl } from '../../cypher/ddl.ts';
import { LadybugStore, ladybugDbPath } from '../../cypher/ladybug/store.ts';
import * as Q from '../../cypher/queries.ts';
import type { GraphRecords } from '../../cypher/schema.ts';
import { speakerStatements, statementsWithIssues } from '../../server/usecases/views.ts';
import { manyArticles } from './fixtures.ts';
import { tmpDirs } from './helpers/tmp-dirs.ts';

const tmp = tmpDirs('claimgraph-speaker-reads-');
const BUFFER = 128 * 1024 * 1024;

/** Spreads the fixture's statements over days and years (same day for some, so ids break ties). */
function spreadDates(g: GraphRecords): GraphRecords {
  const dateOf = new Map<string, { date: string; dateFrom: string; dateTo: string }>();
  g.nodes.Statement.forEach((s, i) => {
    const y = 2005 + (i % 7);
    const m = String(1 + ((i * 5) % 12)).padStart(2, '0');
    const d = String(1 + ((i * 3) % 4)).padStart(2, '0');
    // one statement in five is dated by year only: a range, so dateTo breaks dateFrom ties
    const v = i % 5 === 0 ? { date: String(y), dateFrom: `${y}-01-01`, dateTo: `${y}-12-31` } : { date: `${y}-${m}-${d}`, dateFrom: `${y}-${m}-${d}`, dateTo: `${y}-${m}-${d}` };
    dateOf.set(s.id, v);
    Object.assign(s, v, { granularity: i % 5 === 0 ? 'year' : 'day' });
  });
  for (const r of g.rels.SAID) Object.assign(r, dateOf.get(r.to));
  return g;
}

const mismatched = { text: 'MATCH (a:Actor)-[r:SAID]->(s:Statement) WHERE r.statementId IS NULL OR r.statementId <> s.id RETURN count(r) AS n', params: {} };
const saidCount = { text: 'MATCH (:Actor)-[r:SAID]->(:Statement) RETURN count(r) AS n', params: {} };

describe('SAID.statementId', () => {
  it.each([
    ['UNWIND CREATE', 50_000],
    ['COPY', 1],
  ])('is the statement id on every SAID row written by %s, and after replaceArticles', async (_path, copyMinRows) => {
    const store = new LadybugStore({ dataDir: tmp(), bufferPoolBytes: BUFFER, copyMinRows });
    await store.open();
    try {
      await store.write(manyArticles(0, 12, 4));
      expect(Number((await store.read<{ n: number }>(saidCount))[0]!.n)).toBe(48);
      expect(Number((await store.read<{ n: number }>(mismatched))[0]!.n)).toBe(0);
      await store.replaceArticles(manyArticles(3, 1, 6));
      expect(Number((await store.read<{ n: number }>(saidCount))[0]!.n)).toBe(50);
      expect(Number((await store.read<{ n: number }>(mismatched))[0]!.n)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('is added and filled at open in a store whose SAID has no such column', async () => {
    const dir = tmp();
    const old = new lbug.Database(ladybugDbPath(dir));
    const conn = new lbug.Connection(old);
    const q = async (text: string) => ((await conn.query(text)) as { close?: () => void }).close?.();
    const oldDdl = ladybugDdl().map((s) => s.replace(/,\s*`statementId`\s+STRING/g, ''));
    expect(oldDdl.join('\n')).not.toContain('`statementId`');
    for (const stmt of oldDdl) await q(stmt);
    await q("CREATE (:Actor {id: 'someone', name: 'Someone', type: 'person', aliases: ['Someone']})");
    for (const id of ['st_a', 'st_b']) {
      await q(`CREATE (:Statement {id: '${id}', text: 'words', kind: 'direct', cue: 'said', start: 0, \`end\`: 5, date: '2010', granularity: 'year', dateBasis: 'publication', dateFrom: '2010-01-01', dateTo: '2010-12-31', articleId: 'art_old', speakerId: 'someone', speakerMention: 'someone'})`);
      await q(`MATCH (a:Actor {id: 'someone'}), (s:Statement {id: '${id}'}) CREATE (a)-[:SAID {date: '2010', dateFrom: '2010-01-01', dateTo: '2010-12-31', articleId: 'art_old'}]->(s)`);
    }
    await old.close();

    const store = new LadybugStore({ dataDir: dir, bufferPoolBytes: BUFFER });
    await store.open();
    try {
      const rows = await store.read<{ id: string }>({ text: 'MATCH (:Actor)-[r:SAID]->(:Statement) RETURN r.statementId AS id ORDER BY id', params: {} });
      expect(rows.map((r) => r.id)).toEqual(['st_a', 'st_b']);
    } finally {
      await store.close();
    }
  });
});

describe("a speaker's statements from SAID alone", () => {
  it('match the joined listStatements page by page, with cursors, windows, offsets and counts', async () => {
    const store = new LadybugStore({ dataDir: tmp(), bufferPoolBytes: BUFFER, readers: 2 });
    await store.open();
    try {
      await store.write(spreadDates(manyArticles(0, 60, 5)));
      const speakers = (await store.read<{ id: string; n: number }>({ text: 'MATCH (a:Actor)-[:SAID]->(:Statement) RETURN a.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 6', params: {} }));
      expect(speakers.length).toBeGreaterThan(3);
      let compared = 0;
      for (const { id } of speakers) {
        for (const win of [{}, { from: '2007', to: '2009-06' }, { from: '2010-03-02' }]) {
          let after: Q.StatementCursor | undefined;
          const seen = new Set<string>();
          for (let page = 0; page < 50; page++) {
            const fast = await speakerStatements(store, { speaker: id, ...win, limit: 7, after });
            const joined = await statementsWithIssues(store, Q.listStatements({ speaker: id, ...win, limit: 7, after }));
            expect(fast).toEqual(joined);
            compared += fast.length;
            for (const s of fast) {
              expect(seen.has(s.id)).toBe(false);
              seen.add(s.id);
            }
            const last = fast.at(-1);
            if (!last || fast.length < 7) break;
            after = [last.dateFrom, last.dateTo, last.id];
          }
          const [fastCount] = await store.read(Q.countSpeakerStatements({ speaker: id, ...win }));
          const [joinedCount] = await store.read(Q.countStatements({ speaker: id, ...win }));
          expect(fastCount).toEqual(joinedCount);
          expect(Number(fastCount!.total)).toBe(seen.size);
        }
        // an old client's offset
        expect(await speakerStatements(store, { speaker: id, limit: 5, offset: 4 })).toEqual(await statementsWithIssues(store, Q.listStatements({ speaker: id, limit: 5, offset: 4 })));
      }
      expect(compared).toBeGreaterThan(50);
      expect(await speakerStatements(store, { speaker: 'nobody-at-all', limit: 5 })).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('the read pool', () => {
  it('answers concurrent reads on several connections, each with its own result', async () => {
    const store = new LadybugStore({ dataDir: tmp(), bufferPoolBytes: BUFFER, readers: 3 });
    await store.open();
    try {
      await store.write(manyArticles(0, 30, 4));
      const ids = (await store.read<{ id: string }>({ text: 'MATCH (a:Actor) RETURN a.id AS id ORDER BY id', params: {} })).map((r) => r.id);
      const one = (id: string) => store.read(Q.countSpeakerStatements({ speaker: id }));
      const sequential = [];
      for (const id of ids) sequential.push(await one(id));
      const concurrent = await Promise.all([...ids, ...ids, ...ids].map(one));
      expect(concurrent).toEqual([...sequential, ...sequential, ...sequential]);
      // a write meanwhile is seen by reads that start after it
      const before = Number((await store.read<{ n: number }>(saidCount))[0]!.n);
      await Promise.all([store.write(manyArticles(100, 2, 4)), ...ids.map(one)]);
      const after = await Promise.all(Array.from({ length: 6 }, () => store.read<{ n: number }>(saidCount)));
      for (const r of after) expect(Number(r[0]!.n)).toBe(before + 8);
    } finally {
      await store.close();
    }
  });
});
