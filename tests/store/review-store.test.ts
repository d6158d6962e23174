/**
 * Corrections in a real LadybugDB store (issue 12): each kind recorded live through
 * archive/review-service.ts shows at once; re-ingesting and re-extracting every article keeps
 * every correction; a rebuild from archive + log gives the same graph as the live-corrected one
 * (counts and rows); corrections made against an older extractor (other boundaries, other ids)
 * still apply by overlap after a rebuild; a correction whose re-application a crash cut is applied
 * at the next open; replaceArticles prunes actors left without edges.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleArchive, archiveBeforeWrite } from '../../archive/article-archive.ts';
import { CorrectionsLog } from '../../archive/corrections-log.ts';
import { openIndexedStore, rebuildIndex, type IndexConfig } from '../../archive/open-indexed-store.ts';
import { correctionStatuses, reapplyCorrections, recordCorrection, type ReviewContext } from '../../archive/review-service.ts';
import { LadybugStore } from '../../cypher/ladybug/store.ts';
import type { GraphStore } from '../../cypher/store.ts';
import { articleId } from '../../ingest/ids.ts';
import { extractArticle, ingestArticles, toGraphRecords } from '../../ingest/index.ts';
import type { CorrectionAction, CorrectionRequest, StatementAnchor } from '../../ingest/review/corrections.ts';
import { makeCorpus } from './helpers/archive-trials.ts';
import { prng } from '../../bench/prng.ts';
import { tmpDirs } from './helpers/tmp-dirs.ts';

const tmp = tmpDirs('claimgraph-review-');

const corpus = makeCorpus(6, 41);
const ids = corpus.map((a) => articleId(a.text));
const cfgOf = (dir: string): IndexConfig => ({ dataDir: dir, store: { kind: 'ladybug', dataDir: dir, bufferPoolBytes: 128 * 1024 * 1024 } });

interface Row {
  id: string;
  articleId: string;
  speakerId: string;
  kind: string;
  start: number;
  end: number;
  text: string;
  date: string;
  granularity: string;
  dateBasis: string;
  provenance: string | null;
  corrections: string[] | null;
}

const STATEMENTS = {
  text:
    'MATCH (a:Actor)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(r:Article) RETURN s.id AS id, r.id AS articleId, a.id AS speakerId, s.kind AS kind, ' +
    's.start AS start, s.`end` AS `end`, s.text AS text, s.date AS date, s.granularity AS granularity, s.dateBasis AS dateBasis, ' +
    's.provenance AS provenance, s.corrections AS corrections ORDER BY id',
  params: {},
};
const statements = (store: GraphStore) => store.read<Row>(STATEMENTS);

/** Everything a comparison of two graphs looks at, order-free. */
async function state(store: GraphStore) {
  const actors = await store.read<{ id: string; name: string; type: string; aliases: string[]; provenance: string | null }>({
    text: 'MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.type AS type, a.aliases AS aliases, a.provenance AS provenance ORDER BY id',
    params: {},
  });
  const about = await store.read({ text: 'MATCH (s:Statement)-[x:ABOUT]->(i:Issue) RETURN s.id AS sid, i.id AS iid, x.stance AS stance ORDER BY sid, iid', params: {} });
  const positions = await store.read<{ aid: string; iid: string; stance: string; ids: string[] }>({
    text: 'MATCH (a:Actor)-[x:HOLDS_POSITION]->(i:Issue) RETURN a.id AS aid, i.id AS iid, x.articleId AS art, x.stance AS stance, x.statementIds AS ids ORDER BY aid, iid, art',
    params: {},
  });
  const relates = await store.read({
    text: 'MATCH (a:Actor)-[x:RELATES]->(b:Actor) RETURN a.id AS aid, b.id AS bid, x.kind AS kind, x.articleId AS art, x.start AS xstart ORDER BY aid, bid, kind, art, xstart',
    params: {},
  });
  const mentions = await store.read({ text: 'MATCH (r:Article)-[m:MENTIONS]->(a:Actor) RETURN r.id AS rid, a.id AS aid, m.count AS n ORDER BY rid, aid', params: {} });
  return {
    counts: await store.counts(),
    statements: await statements(store),
    // aliases and first-written details depend on write order, not on the corrections
    actors: actors.map((a) => ({ ...a, aliases: [...a.aliases].sort() })),
    about,
    positions: positions.map((p) => ({ ...p, ids: [...p.ids].sort() })),
    relates,
    mentions,
  };
}

const anchor = (s: Row): StatementAnchor => ({ id: s.id, articleId: s.articleId, start: s.start, end: s.end, text: s.text });
const inArticle = (rows: Row[], i: number) => rows.filter((s) => s.articleId === ids[i]).sort((a, b) => a.start - b.start);

describe('corrections in a LadybugDB store', () => {
  const dir = tmp();
  let store: GraphStore;
  let ctx: ReviewContext;
  const recorded: { id: string; expect: 'applied' | 'orphaned' | 'undone' }[] = [];
  let live: Awaited<ReturnType<typeof state>>;

  beforeAll(async () => {
    store = (await openIndexedStore(cfgOf(dir))).store;
    await ingestArticles(store, corpus, { beforeWrite: archiveBeforeWrite(ArticleArchive.at(dir)) });
    ctx = { store, dataDir: dir, by: 'tester' };
  }, 120_000);
  afterAll(async () => {
    await store?.close().catch(() => undefined);
  });

  async function record(action: CorrectionAction, expected: 'applied' | 'orphaned' = 'applied') {
    const r = await recordCorrection(ctx, { action } satisfies CorrectionRequest);
    expect(r.outcome.status, JSON.stringify(r.outcome)).toBe(expected);
    recorded.push({ id: r.correction.id, expect: expected });
    return r;
  }

  it('each kind of correction shows in the store at once', async () => {
    const before = await statements(store);
    const a0 = inArticle(before, 0);
    const a1 = inArticle(before, 1);
    const a2 = inArticle(before, 2);
    expect(a0.length).toBeGreaterThanOrEqual(4);

    // speaker
    const sp = await record({ op: 'statement.speaker', target: anchor(a0[0]!), speaker: { name: 'Hedda Rosquist', type: 'person' } });
    expect(sp.affectedArticles).toEqual([ids[0]]);
    let now = await statements(store);
    expect(now.find((s) => s.id === a0[0]!.id)).toMatchObject({ speakerId: 'hedda-rosquist', provenance: 'reviewed', corrections: [sp.correction.id] });

    // date, kind, span, stance
    await record({ op: 'statement.date', target: anchor(a0[1]!), date: '2019-07' });
    const kind = await record({ op: 'statement.kind', target: anchor(a0[2]!), kind: a0[2]!.kind === 'direct' ? 'indirect' : 'direct' });
    const cut = a0[3]!.text.indexOf(' ') + 1;
    await record({ op: 'statement.span', target: anchor(a0[3]!), start: a0[3]!.start + cut, end: a0[3]!.end });
    await record({ op: 'statement.stance', target: anchor(a1[0]!), issue: 'rent-control', stance: 'oppose' });
    now = await statements(store);
    expect(now.find((s) => s.id === a0[1]!.id)).toMatchObject({ date: '2019-07', granularity: 'month', dateBasis: 'explicit' });
    expect(now.find((s) => s.id === a0[2]!.id)!.kind).not.toBe(a0[2]!.kind);
    expect(now.find((s) => s.id === a0[3]!.id)).toMatchObject({ start: a0[3]!.start + cut, text: a0[3]!.text.slice(cut) });
    const stance = await store.read({ text: "MATCH (s:Statement)-[x:ABOUT]->(i:Issue {id: 'rent-control'}) RETURN s.id AS sid, x.stance AS stance", params: {} });
    expect(stance).toEqual([{ sid: a1[0]!.id, stance: 'oppose' }]);
    const pos = await store.read({ text: "MATCH (a:Actor)-[x:HOLDS_POSITION]->(i:Issue {id: 'rent-control'}) RETURN a.id AS aid, x.stance AS stance", params: {} });
    expect(pos).toEqual([{ aid: a1[0]!.speakerId, stance: 'oppose' }]);

    // add, delete
    const text1 = corpus[1]!.text;
    const from = text1.indexOf('most of them');
    const add = await record({ op: 'statement.add', articleId: ids[1]!, start: from, end: from + 'most of them'.length, kind: 'indirect', speaker: { name: 'A resident', type: 'anonymous' } });
    await record({ op: 'statement.delete', target: anchor(a2[0]!) });
    now = await statements(store);
    const added = now.find((s) => s.articleId === ids[1] && s.start === from)!;
    expect(added).toMatchObject({ provenance: 'reviewed', corrections: [add.correction.id] });
    // an anonymous speaker a reviewer names is local to its article, like the extractor's
    expect(added.speakerId).toBe(`resident@${ids[1]!.slice(4, 12)}`);
    expect(now.some((s) => s.id === a2[0]!.id)).toBe(false);

    // actors: merge across articles, split by article, rename
    const x = inArticle(before, 3)[0]!.speakerId;
    const y = inArticle(before, 4)[0]!.speakerId;
    expect(x).not.toBe(y);
    const merge = await record({ op: 'actor.merge', from: x, into: y });
    expect(merge.affectedArticles).toContain(ids[3]);
    now = await statements(store);
    expect(now.some((s) => s.speakerId === x)).toBe(false);
    expect(now.filter((s) => s.articleId === ids[3] && s.speakerId === y).length).toBeGreaterThan(0);
    expect(await store.read({ text: 'MATCH (a:Actor {id: $id}) RETURN a.id AS id', params: { id: x } })).toEqual([]);

    const z = inArticle(before, 5)[0]!.speakerId;
    await record({ op: 'actor.split', actor: z, into: { name: 'Second Namesake', type: 'person' }, statements: [], articles: [ids[5]!] });
    now = await statements(store);
    expect(now.some((s) => s.articleId === ids[5] && s.speakerId === z)).toBe(false);
    expect(now.some((s) => s.articleId === ids[5] && s.speakerId === 'second-namesake')).toBe(true);

    const w = inArticle(before, 2)[1]!.speakerId;
    await record({ op: 'actor.update', actor: w, name: 'Renamed Body', type: 'organization' });
    expect(await store.read({ text: 'MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.type AS type, a.provenance AS p', params: { id: w } })).toEqual([
      { name: 'Renamed Body', type: 'organization', p: 'reviewed' },
    ]);

    await record({ op: 'article.reviewed', articleId: ids[0]!, reviewed: true });
    // an undo: the kind change is withdrawn
    const undo = await record({ op: 'undo', correction: kind.correction.id });
    recorded.find((r) => r.id === kind.correction.id)!.expect = 'undone';
    expect(undo.affectedArticles).toEqual([ids[0]]);
    expect((await statements(store)).find((s) => s.id === a0[2]!.id)!.kind).toBe(a0[2]!.kind);
    // a target that is not there: recorded, and reported orphaned
    await record({ op: 'statement.kind', target: { id: 'st_00000000000000ff', articleId: ids[0]!, start: 0, end: 4, text: corpus[0]!.text.slice(0, 4) }, kind: 'direct' }, 'orphaned');

    const statuses = await correctionStatuses(ctx);
    expect(recorded.map((r) => statuses.get(r.id)?.status), JSON.stringify([...statuses.values()])).toEqual(recorded.map((r) => r.expect));
    live = await state(store);
  }, 300_000);

  it('re-ingesting every article, and re-extracting every article, keep every correction', async () => {
    const { corrections } = CorrectionsLog.at(dir).readAll();
    const again = await ingestArticles(store, corpus, { corrections, beforeWrite: archiveBeforeWrite(ArticleArchive.at(dir)) });
    expect(again.results.every((r) => r.status === 'skipped')).toBe(true);
    expect(await state(store)).toEqual(live);
    const r = await reapplyCorrections(ctx, ids);
    expect(r.replaced.sort()).toEqual([...ids].sort());
    expect(await state(store)).toEqual(live);
  }, 300_000);

  it('a rebuild from archive + log gives the live-corrected graph, and names the orphaned correction', async () => {
    await store.close();
    const report = await rebuildIndex(cfgOf(dir));
    expect(report.sync.corrections.total).toBe(recorded.length);
    expect(report.sync.corrections.orphaned.map((o) => o.id)).toEqual(recorded.filter((r) => r.expect === 'orphaned').map((r) => r.id));
    store = (await openIndexedStore(cfgOf(dir))).store;
    ctx = { ...ctx, store };
    const rebuilt = await state(store);
    expect(rebuilt.counts).toEqual(live.counts);
    expect(rebuilt.statements).toEqual(live.statements);
    expect(rebuilt).toEqual(live);
  }, 300_000);
});

describe('corrections made against another extractor, and after a crash', () => {
  it('anchors from an older extractor (other boundaries, stale ids) still apply by overlap after a rebuild', async () => {
    const dir = tmp();
    let store = (await openIndexedStore(cfgOf(dir))).store;
    await ingestArticles(store, corpus.slice(0, 2), { beforeWrite: archiveBeforeWrite(ArticleArchive.at(dir)) });
    const rows = inArticle(await statements(store), 0);
    await store.close();
    // the "old extractor" saw each statement two characters longer at both ends, under other ids
    const log = CorrectionsLog.at(dir);
    const stale = (s: Row): StatementAnchor => ({ id: `st_${'0'.repeat(15)}${rows.indexOf(s)}`, articleId: s.articleId, start: Math.max(0, s.start - 2), end: s.end + 2, text: '' });
    const c1 = await log.append({ action: { op: 'statement.speaker', target: stale(rows[0]!), speaker: { name: 'Old Reviewer Pick', type: 'person' } } }, 'tester');
    const c2 = await log.append({ action: { op: 'statement.date', target: stale(rows[1]!), date: '2018' } }, 'tester');
    // and one whose statement no extractor finds: reported, not dropped
    const c3 = await log.append({ action: { op: 'statement.delete', target: { id: 'st_0000000000000999', articleId: rows[0]!.articleId, start: 0, end: 3, text: '' } } }, 'tester');
    const report = await rebuildIndex(cfgOf(dir));
    expect(report.sync.corrections.orphaned.map((o) => o.id)).toEqual([c3.id]);
    store = (await openIndexedStore(cfgOf(dir))).store;
    const now = await statements(store);
    expect(now.find((s) => s.id === rows[0]!.id)).toMatchObject({ speakerId: 'old-reviewer-pick', corrections: [c1.id] });
    expect(now.find((s) => s.id === rows[1]!.id)).toMatchObject({ date: '2018', granularity: 'year', corrections: [c2.id] });
    const st = await correctionStatuses({ store, dataDir: dir });
    expect(st.get(c1.id)).toMatchObject({ status: 'applied', reason: expect.stringMatching(/overlap/) });
    expect(st.get(c3.id)?.status).toBe('orphaned');
    await store.close();
  }, 300_000);

  it('a correction logged but never applied (a crash between append and re-application) is applied at the next open', async () => {
    const dir = tmp();
    let store = (await openIndexedStore(cfgOf(dir))).store;
    await ingestArticles(store, corpus.slice(0, 2), { beforeWrite: archiveBeforeWrite(ArticleArchive.at(dir)) });
    const target = inArticle(await statements(store), 1)[0]!;
    // through the service: applied, marker advanced
    await recordCorrection({ store, dataDir: dir }, { action: { op: 'statement.kind', target: anchor(target), kind: target.kind === 'direct' ? 'indirect' : 'direct' } });
    await store.close();
    // straight into the log, as if the process died before re-applying it
    const c = await CorrectionsLog.at(dir).append({ action: { op: 'statement.speaker', target: anchor(target), speaker: { name: 'Late Fix', type: 'person' } } }, 'tester');
    const opened = await openIndexedStore(cfgOf(dir));
    store = opened.store;
    expect(opened.sync.corrections.caughtUp).toBe(1);
    expect((await statements(store)).find((s) => s.id === target.id)).toMatchObject({ speakerId: 'late-fix', corrections: [expect.any(String), c.id] });
    await store.close();
    // nothing left to catch up
    const again = await openIndexedStore(cfgOf(dir));
    expect(again.sync.corrections.caughtUp).toBe(0);
    await again.store.close();
  }, 300_000);
});

describe('GraphStore.replaceArticles (LadybugDB)', () => {
  it('replaces one article’s subgraph, leaves the others, and prunes actors left with no edges', async () => {
    const dir = tmp();
    const store = (await openIndexedStore(cfgOf(dir))).store;
    await ingestArticles(store, corpus.slice(0, 3));
    const before = await state(store);
    const doc = extractArticle(corpus[0]!);
    const rec = toGraphRecords(doc);
    const only = rec.nodes.Statement[0]!.speakerId;
    // the new version: every statement of the article said by one new actor
    const renamed = { ...rec, nodes: { ...rec.nodes, Actor: [...rec.nodes.Actor, { id: 'stand-in', name: 'Stand In', type: 'person' as const, aliases: ['Stand In'], description: null, affiliation: null }] } };
    renamed.rels = {
      ...rec.rels,
      SAID: rec.rels.SAID.map((s) => ({ ...s, from: 'stand-in' })),
      HOLDS_POSITION: [],
      RELATES: rec.rels.RELATES.filter((r) => r.from !== only && r.to !== only),
      MENTIONS: rec.rels.MENTIONS.filter((m) => m.to !== only),
    };
    renamed.nodes.Actor = renamed.nodes.Actor.filter((a) => a.id !== only);
    const summary = await store.replaceArticles(renamed);
    expect(summary.articlesWritten).toEqual([ids[0]]);
    const after = await state(store);
    expect(after.counts.nodes.Article).toBe(3);
    expect(after.counts.nodes.Statement).toBe(before.counts.nodes.Statement);
    expect(after.statements.filter((s) => s.articleId === ids[0]).every((s) => s.speakerId === 'stand-in')).toBe(true);
    expect(after.statements.filter((s) => s.articleId !== ids[0])).toEqual(before.statements.filter((s) => s.articleId !== ids[0]));
    // the old speaker spoke only in that article (the corpus names are per article): gone
    const otherArticles = before.statements.filter((s) => s.articleId !== ids[0]).some((s) => s.speakerId === only);
    expect(after.actors.some((a) => a.id === only)).toBe(otherArticles);
    // replacing with the original brings the first state back
    await store.replaceArticles(rec);
    expect(await state(store)).toEqual(before);
    // and it is idempotent
    await store.replaceArticles(rec);
    expect(await state(store)).toEqual(before);
    await store.close();
  }, 300_000);
});

// seed 8 found actor provenance depending on write order (fixed: snapshots record it); REVIEW_SEEDS=1,2,… runs more
describe('property: live-corrected store == store rebuilt from archive + log', () => {
  for (const seed of (process.env.REVIEW_SEEDS ?? "3,8,17").split(",").map(Number)) {
    it(`seeded random corrections (seed ${seed})`, async () => {
      const r = prng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
      const dir = tmp();
      const list = makeCorpus(6, 100 + seed);
      const artIds = list.map((a) => articleId(a.text));
      let store = (await openIndexedStore(cfgOf(dir))).store;
      await ingestArticles(store, list, { beforeWrite: archiveBeforeWrite(ArticleArchive.at(dir)) });
      const ctx: ReviewContext = { store, dataDir: dir };
      const done: string[] = [];
      const ops: string[] = [];
      for (let k = 0; k < Number(process.env.REVIEW_STEPS ?? 16); k++) {
        const rows = await statements(store);
        const s = pick(rows);
        const speakers = [...new Set(rows.map((x) => x.speakerId))];
        const kinds = ['speaker', 'date', 'kind', 'span', 'stance', 'add', 'delete', 'merge', 'split', 'update', 'undo'] as const;
        const kind = pick(kinds);
        let action: CorrectionAction;
        switch (kind) {
          case 'speaker':
            action = { op: 'statement.speaker', target: anchor(s), speaker: r() < 0.5 ? { id: pick(speakers) } : { name: `Person ${k}`, type: 'person' } };
            break;
          case 'date':
            action = { op: 'statement.date', target: anchor(s), date: pick(['2015', '2016-03', '2017-08-21']) };
            break;
          case 'kind':
            action = { op: 'statement.kind', target: anchor(s), kind: s.kind === 'direct' ? 'indirect' : 'direct' };
            break;
          case 'span':
            action = { op: 'statement.span', target: anchor(s), start: s.start, end: Math.max(s.start + 1, s.end - 1 - Math.floor(r() * 5)) };
            break;
          case 'stance':
            action = { op: 'statement.stance', target: anchor(s), issue: pick(['us-troop-presence', 'rent-control']), stance: pick(['support', 'oppose', null] as const) };
            break;
          case 'add': {
            const i = Math.floor(r() * list.length);
            const at = Math.floor(r() * (list[i]!.text.length - 30));
            action = { op: 'statement.add', articleId: artIds[i]!, start: at, end: at + 20, kind: 'indirect', speaker: { id: pick(speakers) } };
            break;
          }
          case 'delete':
            action = { op: 'statement.delete', target: anchor(s) };
            break;
          case 'merge': {
            const a = pick(speakers);
            const b = pick(speakers.filter((x) => x !== a));
            action = { op: 'actor.merge', from: a, into: b };
            break;
          }
          case 'split':
            action =
              r() < 0.5
                ? { op: 'actor.split', actor: s.speakerId, into: { name: `Split ${k}`, type: 'person' }, statements: [anchor(s)], articles: [] }
                : { op: 'actor.split', actor: s.speakerId, into: { name: `Split ${k}`, type: 'group' }, statements: [], articles: [s.articleId] };
            break;
          case 'update':
            action = { op: 'actor.update', actor: pick(speakers), name: `Renamed ${k}` };
            break;
          case 'undo':
            if (!done.length) continue;
            action = { op: 'undo', correction: pick(done) };
            break;
        }
        const out = await recordCorrection(ctx, { action });
        done.push(out.correction.id);
        ops.push(`${action.op}:${out.outcome.status}`);
      }
      const live = await state(store);
      const statuses = await correctionStatuses(ctx);
      await store.close();
      const report = await rebuildIndex(cfgOf(dir));
      store = (await openIndexedStore(cfgOf(dir))).store;
      const rebuilt = await state(store);
      expect(rebuilt.counts, ops.join(' ')).toEqual(live.counts);
      expect(rebuilt.statements, ops.join(' ')).toEqual(live.statements);
      expect(rebuilt, ops.join(' ')).toEqual(live);
      // the rebuild reports the same corrections orphaned as the live statuses
      expect(report.sync.corrections.orphaned.map((o) => o.id).sort()).toEqual([...statuses.values()].filter((o) => o.status === 'orphaned').map((o) => o.id).sort());
      // and the random run did exercise corrections that applied
      expect(ops.filter((o) => o.endsWith(':applied')).length).toBeGreaterThan(5);
      await store.close();
    }, 300_000);
  }
});

describe('a replacement cut part way (LadybugDB has no transactions): recovered at the next open', () => {
  for (const step of ['replace:deleted', 'Statement']) {
    it(`failure after ${step}`, async () => {
      const dir = tmp();
      const first = (await openIndexedStore(cfgOf(dir))).store;
      await ingestArticles(first, corpus.slice(0, 3), { beforeWrite: archiveBeforeWrite(ArticleArchive.at(dir)) });
      const clean = await state(first);
      await first.close();
      let armed = false;
      const store = new LadybugStore({
        dataDir: dir,
        bufferPoolBytes: 128 * 1024 * 1024,
        onWriteStep: (s) => {
          if (armed && s === step) throw new Error(`cut at ${s}`);
        },
      });
      await store.open();
      const target = inArticle(await statements(store), 1)[0]!;
      armed = true;
      const err = await recordCorrection({ store, dataDir: dir }, { action: { op: 'statement.speaker', target: anchor(target), speaker: { name: 'Cut Short', type: 'person' } } }).catch((e: unknown) => e);
      expect(String(err)).toMatch(/cut at/);
      // the correction is durable even though its re-application failed
      expect(CorrectionsLog.at(dir).readAll().corrections).toHaveLength(1);
      await store.close();
      const opened = await openIndexedStore(cfgOf(dir));
      const after = await state(opened.store);
      expect(after.counts.nodes.Article).toBe(3);
      expect(after.statements.find((s) => s.id === target.id)).toMatchObject({ speakerId: 'cut-short', provenance: 'reviewed' });
      // the other articles are as they were
      expect(after.statements.filter((s) => s.articleId !== ids[1])).toEqual(clean.statements.filter((s) => s.articleId !== ids[1]));
      await opened.store.close();
    }, 300_000);
  }
});

describe('a review writer SIGKILLed at a random moment', () => {
  it('loses no acknowledged correction, and the recovered graph equals a rebuild from archive + log (seeded trials)', async () => {
    const { spawn } = await import('node:child_process');
    const { createRequire } = await import('node:module');
    const { fileURLToPath, pathToFileURL } = await import('node:url');
    const WRITER = fileURLToPath(new URL('./helpers/review-writer.ts', import.meta.url));
    const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const r = prng(77);
    const dir = tmp();
    const first = (await openIndexedStore(cfgOf(dir))).store;
    await ingestArticles(first, corpus.slice(0, 4), { beforeWrite: archiveBeforeWrite(ArticleArchive.at(dir)) });
    await first.close();
    const acked: string[] = [];
    for (let trial = 0; trial < 3; trial++) {
      const wait = 3 + Math.floor(r() * 6);
      const extra = Math.floor(r() * 400);
      await new Promise<void>((resolve, reject) => {
        const proc = spawn(process.execPath, ['--import', TSX, WRITER, dir, String(trial + 1)], { stdio: ['ignore', 'pipe', 'pipe'] });
        let buf = '';
        let stderr = '';
        let n = 0;
        let killing = false;
        proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        proc.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            if (line.startsWith('ack ')) {
              acked.push(line.slice(4));
              n++;
            }
          }
          if (!killing && n >= wait) {
            killing = true;
            setTimeout(() => proc.kill('SIGKILL'), extra);
          }
        });
        proc.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer ended by itself: ${stderr.slice(-2000)}`))));
      });
    }
    // the next writer's start: the in-use marker of a dead process, a probe, then the sync and catch-up
    const { prepareIndex } = await import('../../archive/open-indexed-store.ts');
    const prepared = await prepareIndex(cfgOf(dir));
    const opened = await openIndexedStore(cfgOf(dir));
    const log = CorrectionsLog.at(dir).readAll();
    const inLog = new Set(log.corrections.map((c) => c.id));
    for (const id of acked) expect(inLog.has(id)).toBe(true);
    expect(log.problems.filter((p) => !/torn last line/.test(p))).toEqual([]);
    const recovered = await state(opened.store);
    await opened.store.close();
    prepared.release();
    // the same data directory rebuilt from archive + log alone
    const copy = tmp();
    fs.cpSync(path.join(dir, 'archive'), path.join(copy, 'archive'), { recursive: true });
    await rebuildIndex(cfgOf(copy));
    const again = (await openIndexedStore(cfgOf(copy))).store;
    const rebuilt = await state(again);
    await again.close();
    expect(recovered.counts).toEqual(rebuilt.counts);
    expect(recovered.statements).toEqual(rebuilt.statements);
    expect(recovered).toEqual(rebuilt);
    expect(acked.length).toBeGreaterThanOrEqual(9);
  }, 600_000);
});
