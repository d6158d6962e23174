/**
 * The review API (issue 12) against the real server: guarded writes (401/403/400/429), every
 * correction kind changing what the read routes return, provenance visible in Cypher, undo,
 * orphaned corrections reported, the queue's counts and order, and corrections surviving a
 * restart and a rebuild from the archive. The console stays read-only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildIndex } from '../../archive/open-indexed-store.ts';
import { emptyGraphRecords } from '../../cypher/schema.ts';
import { loadArticleFiles } from '../../ingest/index.ts';
import { startServer, type RunningServer } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { fixtureRecords, FIXTURE_IDS } from './fixture.ts';
import { getJson, postJson, ROOT, serveRecords, type TestServer } from './harness.ts';
import { OpenApiValidator } from './openapi-validator.ts';

const WRITE = 'review-test-write-token-0123456789';
const REVIEW = 'review-test-review-token-abcdefghij';
const auth = (t: string) => ({ authorization: `Bearer ${t}` });

interface St {
  id: string;
  text: string;
  kind: 'direct' | 'indirect';
  date: string;
  start: number;
  end: number;
  speaker: { id: string; name: string };
  article: { id: string };
  issues: { id: string; stance: string }[];
  provenance: string;
  corrections: string[];
}

const anchor = (s: St) => ({ id: s.id, articleId: s.article.id, start: s.start, end: s.end, text: s.text });

/** The first sentence of `text` (without its full stop) that no statement of `taken` overlaps. */
function freeSentence(text: string, taken: readonly St[]): { start: number; end: number } {
  for (const m of text.matchAll(/[^.\n]{30,}\./g)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const end = m.index + m[0].length - 1;
    if (!taken.some((s) => s.start < end && start < s.end)) return { start, end };
  }
  throw new Error('no sentence free of statements');
}

// ---- guards -----------------------------------------------------------------------------------

describe('review writes are guarded', () => {
  let open: TestServer;
  let off: TestServer;
  let limited: TestServer;
  const someAction = { op: 'article.reviewed', articleId: 'art_0000000000000000' };
  beforeAll(async () => {
    open = await serveRecords(fixtureRecords(), { CLAIMGRAPH_WRITE_TOKEN: WRITE, CLAIMGRAPH_REVIEW_TOKEN: REVIEW });
    off = await serveRecords(fixtureRecords());
    limited = await serveRecords(fixtureRecords(), { CLAIMGRAPH_REVIEW_TOKEN: REVIEW, CLAIMGRAPH_RATE_REVIEW: 2 });
  });
  afterAll(async () => {
    await open?.stop();
    await off?.stop();
    await limited?.stop();
  });

  it('401 without a token or with a wrong one, naming the scheme', async () => {
    const none = await postJson(open.url, '/api/review/corrections', { action: someAction });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.headers.get('content-type')).toMatch(/problem\+json/);
    const wrong = await postJson(open.url, '/api/review/corrections', { action: someAction }, auth(`${REVIEW}x`));
    expect(wrong.status).toBe(401);
    const undo = await postJson(open.url, '/api/review/corrections/cor_0123456789abcdef/undo', {}, auth('not-the-token-at-all'));
    expect(undo.status).toBe(401);
  });

  it('403 when no write or review token is configured, and for the review token on uploads', async () => {
    const r = await postJson(off.url, '/api/review/corrections', { action: someAction }, auth(REVIEW));
    expect(r.status).toBe(403);
    expect(r.body.detail).toContain('CLAIMGRAPH_REVIEW_TOKEN');
    const upload = await postJson(open.url, '/api/articles', { articles: [{ text: 'x', title: 't', source: 's', published: '2020-01-01' }] }, auth(REVIEW));
    expect(upload.status).toBe(403);
  });

  it('both tokens pass the check (the unknown article is then a 404, not a 401)', async () => {
    for (const t of [WRITE, REVIEW]) {
      const r = await postJson(open.url, '/api/review/corrections', { action: someAction }, auth(t));
      expect(r.status).toBe(404);
      expect(r.body.detail).toContain('art_0000000000000000');
    }
  });

  it('400 on bad bodies, naming the field', async () => {
    const target = { id: 's1', articleId: 'art_0000000000000000', start: 0, end: 5, text: 'Iraqi' };
    const cases: [unknown, string][] = [
      [{}, "'action'"],
      [{ action: { op: 'statement.fly', target } }, "'action.op'"],
      [{ action: { op: 'statement.kind', target, kind: 'shouted' } }, "'action.kind'"],
      [{ action: { op: 'statement.span', target, start: 9, end: 3 } }, "'action.end'"],
      [{ action: { op: 'statement.kind', target: { ...target, articleId: 'fixture' }, kind: 'direct' } }, "'action.target.articleId'"],
      [{ action: { op: 'actor.merge', from: 'a', into: 'a' } }, "'action.into'"],
      [{ action: someAction, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const r = await postJson(open.url, '/api/review/corrections', body, auth(REVIEW));
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.detail, JSON.stringify(body)).toContain(field);
    }
    const badId = await postJson(open.url, '/api/review/corrections/nope/undo', {}, auth(REVIEW));
    expect(badId.status).toBe(400);
    expect(badId.body.detail).toContain("'id'");
    const badQuery = await getJson(open.url, '/api/review/queue?reason=boredom');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.detail).toContain("'reason'");
    const badCursor = await getJson(open.url, '/api/review/queue?cursor=AAAA');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.detail).toContain("'cursor'");
  });

  it('429 past the review limit, with Retry-After; reads are not limited', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await postJson(limited.url, '/api/review/corrections', {}, auth(REVIEW));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 429, 429]);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await getJson(limited.url, '/api/review/queue')).status).toBe(200);
  });

  it('the review token is validated at boot', () => {
    expect(() => loadConfig({ CLAIMGRAPH_REVIEW_TOKEN: 'short' })).toThrow(/CLAIMGRAPH_REVIEW_TOKEN.*at least 16/);
    expect(() => loadConfig({ CLAIMGRAPH_REVIEW_TOKEN: WRITE, CLAIMGRAPH_WRITE_TOKEN: WRITE })).toThrow(/must differ from CLAIMGRAPH_WRITE_TOKEN/);
    expect(() => loadConfig({ CLAIMGRAPH_RATE_REVIEW: '0' })).toThrow(/CLAIMGRAPH_RATE_REVIEW/);
    expect(loadConfig({ CLAIMGRAPH_REVIEW_TOKEN: REVIEW })).toMatchObject({ reviewToken: REVIEW, writeToken: null, rateLimit: { review: 120 } });
  });

  it('the OpenAPI document describes the review routes', async () => {
    const doc = (await getJson(open.url, '/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/review/corrections', '/api/review/corrections/{id}/undo', '/api/review/queue']));
    expect(doc.paths['/api/review/corrections'].post.security).toEqual([{ bearer: [] }]);
  });
});

// ---- the queue on a hand-made graph (exact answers) ------------------------------------------

describe('GET /api/review/queue on a known graph', () => {
  let server: TestServer;
  beforeAll(async () => {
    const r = fixtureRecords();
    const I = FIXTURE_IDS;
    // s1..s5 of the fixture, plus: an unresolved speaker, rules of known frequencies, a disagreement
    const unresolved = 'unresolved-speaker@deadbeef';
    r.nodes.Actor.push({ id: unresolved, name: 'unresolved speaker', type: 'anonymous', aliases: [], description: null, affiliation: null });
    const common = 'subject-verb:that';
    const base = r.nodes.Statement[0]!;
    const extra = Array.from({ length: 200 }, (_, i) => ({ ...base, id: `x${String(i).padStart(3, '0')}`, rule: common, dateBasis: 'explicit' as const, speakerId: I.obama }));
    r.nodes.Statement.push(...extra);
    for (const s of extra) {
      r.rels.SAID.push({ from: I.obama, to: s.id, date: s.date, dateFrom: s.dateFrom, dateTo: s.dateTo, articleId: s.articleId });
      r.rels.REPORTED_IN.push({ from: s.id, to: s.articleId, articleId: s.articleId });
    }
    const byId = new Map(r.nodes.Statement.map((s) => [s.id, s]));
    byId.get('s1')!.rule = 'quote:rare-one'; // rare: fires once in 205 statements
    byId.get('s3')!.rule = common;
    // s5 (publication? no: explicit) moves to the unresolved speaker
    const s5 = byId.get('s5')!;
    s5.speakerId = unresolved;
    r.rels.SAID = r.rels.SAID.map((x) => (x.to === 's5' ? { ...x, from: unresolved } : x));
    // Maliki: s1 opposes troops; s3 now supports them (same article, same speaker): both disagree
    r.rels.ABOUT.push({ from: 's3', to: I.troops, stance: 'support', articleId: I.article1 });
    server = await serveRecords(r);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('counts each reason and orders by it: unresolved, rare rule, disagreement, publication date', async () => {
    const q = await getJson(server.url, '/api/review/queue?limit=50');
    expect(q.status).toBe(200);
    // s1: rare + disagree + publication; s2: relative date; s3: disagree + publication; s4: publication; s5: unresolved (explicit)
    expect(q.body.counts).toEqual({ 'unresolved-speaker': 1, 'rare-rule': 1, 'stance-disagreement': 2, 'publication-date': 3, total: 4 });
    const items = q.body.items as { statement: St; reasons: string[]; score: number }[];
    expect(items.map((i) => i.statement.id)).toEqual(['s5', 's1', 's3', 's4']);
    expect(items.map((i) => i.reasons)).toEqual([['unresolved-speaker'], ['rare-rule', 'stance-disagreement', 'publication-date'], ['stance-disagreement', 'publication-date'], ['publication-date']]);
    expect(items[1]!.statement.speaker.id).toBe(FIXTURE_IDS.maliki);
    expect(q.body.nextCursor).toBeNull();
  });

  it('filters by reason and pages with a cursor, without repeats or gaps', async () => {
    const only = await getJson(server.url, '/api/review/queue?reason=stance-disagreement');
    expect(only.body.items.map((i: { statement: St }) => i.statement.id)).toEqual(['s1', 's3']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { statement: St }[]; nextCursor: string | null } } = await getJson(server.url, `/api/review/queue?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((i) => i.statement.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['s5', 's1', 's3', 's4']);
  });
});

// ---- corrections on real articles ---------------------------------------------------------------

describe('corrections change what the API returns, and persist', () => {
  let dataDir: string;
  let server: RunningServer;
  let a0: string;
  let a1: string;
  const env = () => ({ PORT: 0, CLAIMGRAPH_DATA_DIR: dataDir, CLAIMGRAPH_CORPUS: '', CLAIMGRAPH_CLIENT_DIST: path.join(dataDir, 'no-client'), CLAIMGRAPH_WRITE_TOKEN: WRITE, CLAIMGRAPH_REVIEW_TOKEN: REVIEW });
  const start = async () => (server = await startServer(loadConfig({}, env()), pino({ level: 'silent' })));
  const url = () => server.url;
  let api: OpenApiValidator;
  /** every review response is checked against the served OpenAPI document */
  const checked = async <R extends { status: number; headers: Headers; body: unknown }>(key: string, method: 'get' | 'post', r: Promise<R>): Promise<R> => {
    const res = await r;
    api.check(key, method, res.status, res.headers.get('content-type'), res.body);
    return res;
  };
  const record = (action: unknown, why?: string) =>
    checked('/api/review/corrections', 'post', postJson(url(), '/api/review/corrections', { by: 'tester', ...(why ? { why } : {}), action }, auth(REVIEW)));
  const undo = (id: string, body: unknown, token: string) => checked('/api/review/corrections/{id}/undo', 'post', postJson(url(), `/api/review/corrections/${id}/undo`, body, auth(token)));
  const review = (p: string) => checked(p.startsWith('/api/review/queue') ? '/api/review/queue' : '/api/review/corrections', 'get', getJson(url(), p));
  const statements = async (article: string): Promise<St[]> => (await getJson(url(), `/api/statements?article=${article}&limit=1000`)).body.statements;
  const byId = async (article: string, id: string) => (await statements(article)).find((s) => s.id === id);
  const cypherCount = async (query: string) => {
    const r = await postJson(url(), '/api/cypher', { query });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return Number(r.body.rows[0][0]);
  };
  const reviewedCount = () => cypherCount("MATCH (s:Statement) WHERE s.provenance = 'reviewed' RETURN count(s)");
  const ids: Partial<Record<'speaker' | 'speakerStatement' | 'add' | 'orphanAdd' | 'orphanKind', string>> = {};

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-review-'));
    await start();
    const { articles } = await loadArticleFiles([path.join(ROOT, 'corpus')]);
    // the whole sample corpus: the queue once crashed LadybugDB on it (an EXISTS subquery)
    const up = await postJson(url(), '/api/articles', { articles }, auth(WRITE));
    expect(up.status).toBe(201);
    [a0, a1] = (up.body.results as { articleId: string }[]).map((r) => r.articleId) as [string, string];
    api = new OpenApiValidator((await getJson(url(), '/api/openapi.json')).body);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('statement.speaker: the statement moves to the new speaker in the list, both actor pages and the graph; provenance is reviewed', async () => {
    const list = await statements(a0);
    expect(list.every((s) => s.provenance === 'machine' && s.corrections.length === 0)).toBe(true);
    const st = list.find((s) => s.speaker.id === 'leon-panetta')!;
    const version = (await getJson(url(), '/api/version')).body.version;
    const r = await record({ op: 'statement.speaker', target: anchor(st), speaker: { id: 'barack-obama' } }, 'Obama said it, not Panetta');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids.speaker = r.body.correction.id;
    ids.speakerStatement = st.id;
    expect(r.body.correction).toMatchObject({ by: 'tester', why: 'Obama said it, not Panetta', action: { op: 'statement.speaker' } });
    expect(r.body.affectedArticles).toEqual([a0]);
    expect(r.body.outcomes).toContainEqual(expect.objectContaining({ id: ids.speaker, status: 'applied' }));
    expect(r.body.statement).toMatchObject({ id: st.id, speaker: { id: 'barack-obama' }, provenance: 'reviewed', corrections: [ids.speaker] });
    expect(await byId(a0, st.id)).toMatchObject({ speaker: { id: 'barack-obama' }, provenance: 'reviewed' });
    const spans = (await getJson(url(), `/api/articles/${a0}`)).body.spans as { statementId: string; provenance: string; speakerId: string }[];
    expect(spans.find((x) => x.statementId === st.id)).toMatchObject({ provenance: 'reviewed', speakerId: 'barack-obama' });
    expect(spans.filter((x) => x.provenance === 'reviewed').length).toBe(1);
    const obama = (await getJson(url(), '/api/actors/barack-obama')).body;
    expect(obama.statements.map((s: St) => s.id)).toContain(st.id);
    const panetta = (await getJson(url(), '/api/actors/leon-panetta')).body;
    expect(panetta.statements.map((s: St) => s.id)).not.toContain(st.id);
    const graph = (await getJson(url(), '/api/graph?view=claims')).body.graph;
    const edgesTo = graph.edges.filter((e: { target: string }) => e.target === `statement:${st.id}`).map((e: { source: string }) => e.source);
    expect(edgesTo).toContain('barack-obama');
    expect(edgesTo).not.toContain('leon-panetta');
    expect(await reviewedCount()).toBe(1);
    expect((await getJson(url(), '/api/version')).body.version).not.toBe(version);
  });

  it('statement.kind, .date and .stance change the statement in place', async () => {
    const list = await statements(a0);
    const direct = list.find((s) => s.kind === 'direct' && s.provenance === 'machine')!;
    const k = await record({ op: 'statement.kind', target: anchor(direct), kind: 'indirect' });
    expect(k.status).toBe(201);
    expect((await byId(a0, direct.id))!.kind).toBe('indirect');

    const dated = list.find((s) => s.provenance === 'machine' && s.id !== direct.id && s.date !== '2011-10-20')!;
    const d = await record({ op: 'statement.date', target: anchor(dated), date: '2011-10-20', evidence: null });
    expect(d.status).toBe(201);
    expect(await byId(a0, dated.id)).toMatchObject({ date: '2011-10-20', dateFrom: '2011-10-20', dateTo: '2011-10-20' });

    // a statement whose speaker supports the same issue elsewhere in the article: opposing it makes a disagreement
    const supports = (x: St, issue: string) => x.issues.some((i) => i.id === issue && i.stance === 'support');
    const withIssue = list.find(
      (s) => s.provenance === 'machine' && s.id !== direct.id && s.id !== dated.id && s.issues.some((i) => i.stance === 'support' && list.some((o) => o.id !== s.id && o.speaker.id === s.speaker.id && supports(o, i.id))),
    )!;
    const issue = withIssue.issues.find((i) => i.stance === 'support' && list.some((o) => o.id !== withIssue.id && o.speaker.id === withIssue.speaker.id && supports(o, i.id)))!.id;
    const s = await record({ op: 'statement.stance', target: anchor(withIssue), issue, stance: 'oppose' });
    expect(s.status).toBe(201);
    expect((await byId(a0, withIssue.id))!.issues).toContainEqual({ id: issue, stance: 'oppose' });
    expect(await reviewedCount()).toBe(4);
  });

  it('statement.span: the text follows the new span', async () => {
    const text: string = (await getJson(url(), `/api/articles/${a0}`)).body.article.text;
    const st = (await statements(a0)).find((s) => s.provenance === 'machine' && s.text.includes(' ') && s.end - s.start > 20)!;
    const cut = st.start + st.text.lastIndexOf(' ');
    const r = await record({ op: 'statement.span', target: anchor(st), start: st.start, end: cut });
    expect(r.status).toBe(201);
    const after = await byId(a0, st.id);
    expect(after).toMatchObject({ start: st.start, end: cut, text: text.slice(st.start, cut) });
  });

  it('statement.add and statement.delete add and remove a statement', async () => {
    const text: string = (await getJson(url(), `/api/articles/${a1}`)).body.article.text;
    const before = await statements(a1);
    const free = freeSentence(text, before);
    const add = await record({ op: 'statement.add', articleId: a1, start: free.start, end: free.end, kind: 'indirect', speaker: { name: 'Reviewer Added Source', type: 'organization' }, cue: 'said' });
    expect(add.status, JSON.stringify(add.body)).toBe(201);
    ids.add = add.body.correction.id;
    expect(add.body.statement).toMatchObject({ provenance: 'reviewed', kind: 'indirect', speaker: { name: 'Reviewer Added Source' }, start: free.start, end: free.end });
    const added = await byId(a1, add.body.statement.id);
    expect(added?.text).toBe(text.slice(free.start, free.end));
    const found = (await getJson(url(), '/api/actors?q=reviewer%20added')).body.actors;
    expect(found.map((a: { name: string }) => a.name)).toContain('Reviewer Added Source');

    const victim = before.find((s) => s.provenance === 'machine')!;
    const del = await record({ op: 'statement.delete', target: anchor(victim) });
    expect(del.status).toBe(201);
    expect(del.body.statement).toBeNull();
    const after = await statements(a1);
    expect(after.map((s) => s.id)).not.toContain(victim.id);
    expect(after.length).toBe(before.length);
  });

  it('actor.update, actor.merge and actor.split reshape the actors', async () => {
    const up = await record({ op: 'actor.update', actor: 'leon-panetta', name: 'Leon E. Panetta' });
    expect(up.status).toBe(201);
    expect((await getJson(url(), '/api/actors/leon-panetta')).body.actor.name).toBe('Leon E. Panetta');

    const list = await statements(a1);
    const from = list.find((s) => s.speaker.id.endsWith('@' + a1.slice(4, 12)) && list.some((o) => o.speaker.id !== s.speaker.id && !o.speaker.id.includes('@')))!.speaker.id;
    const into = list.find((s) => !s.speaker.id.includes('@') && s.speaker.id !== from)!.speaker.id;
    const moved = list.filter((s) => s.speaker.id === from).map((s) => s.id);
    const m = await record({ op: 'actor.merge', from, into });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    expect((await getJson(url(), `/api/actors/${encodeURIComponent(from)}`)).status).toBe(404);
    const intoPage = (await getJson(url(), `/api/actors/${encodeURIComponent(into)}`)).body;
    for (const id of moved) expect(intoPage.statements.map((s: St) => s.id)).toContain(id);

    const splitFrom = (await statements(a1)).filter((s) => s.speaker.id === into);
    const part = splitFrom[0]!;
    const sp = await record({ op: 'actor.split', actor: into, into: { name: 'Split Off Speaker', type: 'person' }, statements: [anchor(part)] });
    expect(sp.status, JSON.stringify(sp.body)).toBe(201);
    const now = await byId(a1, part.id);
    expect(now?.speaker.name).toBe('Split Off Speaker');
    const rest = (await getJson(url(), `/api/actors/${encodeURIComponent(into)}`)).body.statements.map((s: St) => s.id);
    expect(rest).not.toContain(part.id);
  });

  it('undo restores the machine statement; undoing twice is a conflict', async () => {
    const before = await reviewedCount();
    const r = await undo(ids.speaker!, { why: 'it was Panetta' }, WRITE);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.correction.action).toEqual({ op: 'undo', correction: ids.speaker });
    expect(await byId(a0, ids.speakerStatement!)).toMatchObject({ speaker: { id: 'leon-panetta' }, provenance: 'machine', corrections: [] });
    const panetta = (await getJson(url(), '/api/actors/leon-panetta')).body.statements as St[];
    expect(panetta.map((p) => p.id)).toContain(ids.speakerStatement);
    expect(await reviewedCount()).toBe(before - 1);
    const again = await undo(ids.speaker!, {}, REVIEW);
    expect(again.status).toBe(409);
    const unknown = await undo('cor_0123456789abcdef', {}, REVIEW);
    expect(unknown.status).toBe(404);
  });

  it('a correction whose target is gone is reported as orphaned in the listing', async () => {
    const text: string = (await getJson(url(), `/api/articles/${a0}`)).body.article.text;
    const list = await statements(a0);
    const free = freeSentence(text, list);
    const add = await record({ op: 'statement.add', articleId: a0, start: free.start, end: free.end, kind: 'direct', speaker: { id: 'barack-obama' } });
    expect(add.status).toBe(201);
    const kind = await record({ op: 'statement.kind', target: anchor(add.body.statement), kind: 'indirect' });
    expect(kind.status).toBe(201);
    const withdrawn = await undo(add.body.correction.id, {}, REVIEW);
    expect(withdrawn.status).toBe(201);
    const listed = (await review(`/api/review/corrections?article=${a0}&limit=500`)).body.items as { correction: { id: string }; status: string; reason: string | null }[];
    ids.orphanAdd = add.body.correction.id;
    ids.orphanKind = kind.body.correction.id;
    const orphan = listed.find((i) => i.correction.id === kind.body.correction.id)!;
    expect(orphan.status).toBe('orphaned');
    expect(orphan.reason).toBeTruthy();
    expect(listed.find((i) => i.correction.id === add.body.correction.id)!.status).toBe('undone');
    expect(listed.find((i) => i.correction.id === ids.speaker)!.status).toBe('undone');
  });

  it('lists corrections by article, statement and actor, in log order, paged', async () => {
    const all: { correction: { id: string; action: { op: string } }; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: typeof all; nextCursor: string | null } } = await review(`/api/review/corrections?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(all.map((i) => i.correction.id)).size).toBe(all.length);
    // 11 in the first tests, 3 for the orphan
    expect(all.length).toBe(14);
    expect(all.filter((i) => i.status === 'undone').map((i) => i.correction.id).sort()).toEqual([ids.speaker, ids.orphanAdd].sort());
    expect(all.filter((i) => i.status === 'orphaned').map((i) => i.correction.id)).toEqual([ids.orphanKind]);
    const byActor = (await review('/api/review/corrections?actor=leon-panetta')).body.items;
    expect(byActor.map((i: { correction: { action: { op: string } } }) => i.correction.action.op)).toEqual(['actor.update']);
    const byStatement = (await review(`/api/review/corrections?statement=${ids.speakerStatement}`)).body.items;
    // the speaker correction and its undo
    expect(byStatement.map((i: { correction: { id: string } }) => i.correction.id)[0]).toBe(ids.speaker);
    expect(byStatement.length).toBe(2);
    const ofA1 = (await review(`/api/review/corrections?article=${a1}`)).body.items;
    expect(ofA1.length).toBeGreaterThanOrEqual(3);
  });

  it('the console stays read-only and shows provenance', async () => {
    const before = await reviewedCount();
    const w = await postJson(url(), '/api/cypher', { query: "MATCH (s:Statement) SET s.provenance = 'reviewed' RETURN count(s)" });
    expect(w.status).toBe(400);
    expect(await reviewedCount()).toBe(before);
    expect(before).toBeGreaterThan(0);
  });

  it('the queue leaves reviewed statements out', async () => {
    const q = (await review('/api/review/queue?limit=500')).body;
    const items = q.items as { statement: St; reasons: string[]; score: number }[];
    expect(items.length).toBe(q.counts.total);
    expect(items.every((i) => i.statement.provenance === 'machine')).toBe(true);
    for (let i = 1; i < items.length; i++) expect(items[i - 1]!.score).toBeGreaterThanOrEqual(items[i]!.score);
    expect(q.counts['stance-disagreement']).toBeGreaterThan(0);
    for (const reason of ['unresolved-speaker', 'rare-rule', 'stance-disagreement', 'publication-date'])
      expect(items.filter((i) => i.reasons.includes(reason)).length).toBe(q.counts[reason]);
    for (const i of items.filter((x) => x.reasons.includes('unresolved-speaker'))) expect(i.statement.speaker.id.startsWith('unresolved-speaker@')).toBe(true);
    // disagreement recomputed from the statement list: same speaker, article and issue, support against oppose
    const all = (await getJson(url(), '/api/statements?limit=1000')).body.statements as St[];
    const sided = (x: St) => x.issues.filter((i) => i.stance !== 'neutral');
    const expected = all
      .filter((x) => x.provenance === 'machine')
      .filter((x) => all.some((o) => o.id !== x.id && o.speaker.id === x.speaker.id && o.article.id === x.article.id && sided(o).some((oi) => sided(x).some((xi) => xi.id === oi.id && xi.stance !== oi.stance))))
      .map((x) => x.id)
      .sort();
    expect(items.filter((i) => i.reasons.includes('stance-disagreement')).map((i) => i.statement.id).sort()).toEqual(expected);
  });

  it('every correction survives a restart and a rebuild from the archive', async () => {
    const snapshot = async () => ({
      a0: (await statements(a0)).map((s) => ({ ...s })).sort((x, y) => x.id.localeCompare(y.id)),
      a1: (await statements(a1)).map((s) => ({ ...s })).sort((x, y) => x.id.localeCompare(y.id)),
      reviewed: await reviewedCount(),
      counts: (await getJson(url(), '/api/health')).body.counts,
    });
    const before = await snapshot();
    await server.close();
    await start();
    expect(await snapshot()).toEqual(before);
    await server.close();
    await rebuildIndex({ dataDir, store: { kind: 'ladybug', dataDir } }, { reason: 'test' });
    await start();
    expect(await snapshot()).toEqual(before);
  });
});

// an empty graph answers an empty queue (no rules, no statements)
describe('an empty store', () => {
  it('has an empty queue and no corrections', async () => {
    const s = await serveRecords(emptyGraphRecords());
    try {
      const q = await getJson(s.url, '/api/review/queue');
      expect(q.body).toEqual({ counts: { 'unresolved-speaker': 0, 'rare-rule': 0, 'stance-disagreement': 0, 'publication-date': 0, total: 0 }, items: [], nextCursor: null });
      expect((await getJson(s.url, '/api/review/corrections')).body).toEqual({ items: [], nextCursor: null });
    } finally {
      await s.stop();
    }
  });
});
