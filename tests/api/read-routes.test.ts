/** Every read route against a hand-made graph with known answers; every response checked against the OpenAPI document. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IDS as I, fixtureRecords } from './fixture.ts';
import { getJson, serveRecords, type TestServer } from './harness.ts';
import { OpenApiValidator } from './openapi-validator.ts';

let srv: TestServer;
let api: OpenApiValidator;

beforeAll(async () => {
  srv = await serveRecords(fixtureRecords(), { CLAIMGRAPH_GRAPH_CAP: 10 });
  api = new OpenApiValidator((await getJson(srv.url, '/api/openapi.json')).body);
});
afterAll(async () => {
  await srv?.stop();
});

/** GET and validate against the documented schema for that path and status. */
async function get(p: string, pathKey = p.split('?')[0]!) {
  const r = await getJson(srv.url, p);
  api.check(pathKey, 'get', r.status, r.headers.get('content-type'), r.body);
  return r;
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document listing every route', async () => {
    const r = await getJson(srv.url, '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health', '/api/actors', '/api/actors/{id}', '/api/statements', '/api/graph', '/api/issues', '/api/timeline', '/api/articles/{id}', '/api/articles', '/api/cypher',
        '/api/views/facets', '/api/views/statements', '/api/views/stance-changes', '/api/version',
      ]),
    );
  });
});

describe('GET /api/health', () => {
  it('reports the store and its counts', async () => {
    const r = await get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body.store).toBe('ladybug');
    expect(r.body.counts.nodes).toMatchObject({ Article: 2, Actor: 5, Statement: 5, Issue: 2 });
    expect(r.body.counts.rels.RELATES).toBe(4);
  });
});

describe('GET /api/actors', () => {
  it('matches aliases case-insensitively', async () => {
    const r = await get('/api/actors?q=WASHINGTON');
    expect(r.body.actors.map((a: { id: string }) => a.id)).toEqual([I.us]);
  });

  it('ranks exact > prefix > substring', async () => {
    // "us": exact alias of united-states, prefix of "US official" (which has more statements); no other form contains it
    const r = await get('/api/actors?q=us');
    expect(r.body.actors.map((a: { id: string }) => a.id)).toEqual([I.us, I.official]);
    // "sudani": prefix of the alias "Sudani", substring of nothing else; "al-": prefix of aliases of two actors
    const sub = await get('/api/actors?q=shia');
    expect(sub.body.actors.map((a: { id: string }) => a.id)).toEqual([I.sudani]);
    // "al": prefix of "al-Maliki"/"al-Sudani" beats substring of "US official"/"Barack Obama"? (no "al" there) — compare with "ama"
    const ama = await get('/api/actors?q=ama');
    expect(ama.body.actors.map((a: { id: string }) => a.id)).toEqual([I.obama]);
    const o = await get('/api/actors?q=o');
    const ids = o.body.actors.map((a: { id: string }) => a.id);
    // "Obama" starts with o (prefix) and ranks before actors that merely contain an o
    expect(ids[0]).toBe(I.obama);
    expect(ids).toEqual(expect.arrayContaining([I.maliki, I.sudani, I.official]));
    const r2 = await get('/api/actors?q=mal');
    expect(r2.body.actors[0].id).toBe(I.maliki); // prefix of alias "Maliki"
  });

  it('pages search results with a cursor', async () => {
    const all = (await get('/api/actors?q=o')).body.actors.map((a: { id: string }) => a.id);
    const first = await get('/api/actors?q=o&limit=2');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await get(`/api/actors?q=o&limit=50&after=${first.body.nextCursor}`);
    expect([...first.body.actors, ...rest.body.actors].map((a: { id: string }) => a.id)).toEqual(all);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('filters by type and limits', async () => {
    const r = await get('/api/actors?type=person&limit=2');
    expect(r.body.actors).toHaveLength(2);
    for (const a of r.body.actors) expect(a.type).toBe('person');
    // ordered by statement count: Maliki (2) first
    expect(r.body.actors[0]).toMatchObject({ id: I.maliki, statements: 2 });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=501', 'limit'],
    ['type=alien', 'type'],
    [`q=${'x'.repeat(201)}`, 'q'],
  ])('rejects %s with a 400 problem naming %s', async (qs, param) => {
    const r = await get(`/api/actors?${qs}`, '/api/actors');
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body.detail).toContain(`'${param}'`);
    expect(r.body.requestId).toBe(r.headers.get('x-request-id'));
  });
});

describe('GET /api/actors/:id', () => {
  it('returns offices, affiliations, relations, positions and statements newest first', async () => {
    const r = await get(`/api/actors/${I.obama}`, '/api/actors/{id}');
    expect(r.status).toBe(200);
    expect(r.body.actor).toMatchObject({ id: I.obama, name: 'Barack Obama', statements: 1, affiliation: I.us });
    expect(r.body.offices).toEqual([expect.objectContaining({ kind: 'holds_office', title: 'President', direction: 'out', other: { id: I.us, name: 'United States', type: 'country' } })]);
    expect(r.body.relations).toEqual([expect.objectContaining({ kind: 'negotiates_with', direction: 'in', other: expect.objectContaining({ id: I.maliki }) })]);
    expect(r.body.statements.map((s: { id: string }) => s.id)).toEqual(['s2']);

    const m = await get(`/api/actors/${I.maliki}`, '/api/actors/{id}');
    expect(m.body.positions).toEqual([expect.objectContaining({ issue: I.troops, issueLabel: 'US troop presence', stance: 'oppose', statementIds: ['s1'] })]);
    expect(m.body.statements.map((s: { id: string }) => s.id).sort()).toEqual(['s1', 's3']);
    const s1 = m.body.statements.find((s: { id: string }) => s.id === 's1');
    expect(s1.article).toMatchObject({ id: I.article1, title: 'Iraq talks 2011' });
    expect(s1.issues).toEqual([{ id: I.troops, stance: 'oppose' }]);

    const su = await get(`/api/actors/${I.sudani}`, '/api/actors/{id}');
    expect(su.body.relations).toEqual([expect.objectContaining({ kind: 'pressures', direction: 'out', other: expect.objectContaining({ id: I.us }) })]);
    expect(su.body.offices).toEqual([]);

    const o = await get(`/api/actors/${I.official}`, '/api/actors/{id}');
    expect(o.body.affiliations).toEqual([expect.objectContaining({ kind: 'member_of', other: expect.objectContaining({ id: I.us }) })]);
  });

  it('answers 404 problem for an unknown actor', async () => {
    const r = await get('/api/actors/nobody-at-all', '/api/actors/{id}');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ status: 404, title: 'Actor not found' });
  });
});

describe('GET /api/statements', () => {
  it('lists all, newest first, with a total', async () => {
    const r = await get('/api/statements');
    expect(r.body.total).toBe(5);
    const froms = r.body.statements.map((s: { dateFrom: string }) => s.dateFrom);
    expect([...froms].sort().reverse()).toEqual(froms);
  });

  it('filters by speaker, issue, article and kind', async () => {
    expect((await get(`/api/statements?speaker=${I.maliki}`)).body.total).toBe(2);
    expect((await get(`/api/statements?issue=${I.troops}`)).body.statements.map((s: { id: string }) => s.id).sort()).toEqual(['s1', 's2', 's4']);
    expect((await get(`/api/statements?article=${I.article2}`)).body.total).toBe(2);
    const ind = await get('/api/statements?kind=indirect');
    expect(ind.body.statements.map((s: { id: string }) => s.id).sort()).toEqual(['s3', 's5']);
  });

  it('keeps statements whose date range overlaps [from, to]', async () => {
    // s2 covers all of October 2011; only it overlaps 2011-10-05
    const day = await get('/api/statements?from=2011-10-05&to=2011-10-05');
    expect(day.body.statements.map((s: { id: string }) => s.id)).toEqual(['s2']);
    // s5 covers all of 2024, s4 is 2024-01-25
    const y = await get('/api/statements?from=2024-06');
    expect(y.body.statements.map((s: { id: string }) => s.id)).toEqual(['s5']);
    expect((await get('/api/statements?from=2011&to=2011')).body.total).toBe(3);
  });

  it('pages with limit and offset', async () => {
    const all = (await get('/api/statements')).body.statements.map((s: { id: string }) => s.id);
    const page = await get('/api/statements?limit=2&offset=2');
    expect(page.body.total).toBe(5);
    expect(page.body.statements.map((s: { id: string }) => s.id)).toEqual(all.slice(2, 4));
  });

  it('pages with a keyset cursor: the pages add up to the whole list, in order, without repeats', async () => {
    const all = (await get('/api/statements')).body.statements.map((s: { id: string }) => s.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { body: { statements: { id: string }[]; nextCursor: string | null; total: number } } = await get(`/api/statements?limit=2${after ? `&after=${after}` : ''}`);
      expect(page.body.total).toBe(5);
      expect(page.body.statements.length).toBeLessThanOrEqual(2);
      for (const s of page.body.statements) seen.push(s.id);
      after = page.body.nextCursor;
      pages++;
    } while (after !== null && pages < 10);
    expect(seen).toEqual(all);
    expect(pages).toBe(3);
    // the same for one speaker: the actor page's cursor continues its statements here
    const m = await get(`/api/statements?speaker=${I.maliki}&limit=1`);
    expect(m.body.nextCursor).toEqual(expect.any(String));
    const rest = await get(`/api/statements?speaker=${I.maliki}&limit=1&after=${m.body.nextCursor}`);
    expect([m.body.statements[0].id, rest.body.statements[0].id].sort()).toEqual(['s1', 's3']);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not hand out', async () => {
    for (const bad of ['nope', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const r = await get(`/api/statements?after=${bad}`, '/api/statements');
      expect(r.status).toBe(400);
      expect(r.body.detail).toContain("'after'");
    }
  });

  it.each([
    ['from=yesterday', 'from'],
    ['to=2011-1', 'to'],
    ['kind=rumour', 'kind'],
    ['offset=-1', 'offset'],
    ['limit=1001', 'limit'],
  ])('rejects %s naming %s', async (qs, param) => {
    const r = await get(`/api/statements?${qs}`, '/api/statements');
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain(`'${param}'`);
  });
});

describe('GET /api/graph', () => {
  const keys = (g: { nodes: { key: string }[] }) => g.nodes.map((n) => n.key).sort();

  it('actors view: every actor, RELATES edges with their attributes', async () => {
    const r = await get('/api/graph');
    expect(r.status).toBe(200);
    expect(r.body.graph.options).toEqual({ type: 'directed', multi: true, allowSelfLoops: true });
    expect(keys(r.body.graph)).toEqual([I.obama, I.sudani, I.maliki, I.us, I.official].sort());
    expect(r.body.graph.edges).toHaveLength(4);
    const e = r.body.graph.edges.find((x: { source: string; target: string }) => x.source === I.obama && x.target === I.us);
    expect(e.attributes).toMatchObject({ kind: 'holds_office', title: 'President', dateFrom: '2011-01-01', articleId: I.article1 });
    const m = r.body.graph.nodes.find((n: { key: string }) => n.key === I.maliki);
    expect(m.attributes).toMatchObject({ label: 'Nouri al-Maliki', actorType: 'person', statements: 2 });
    expect(m.attributes.size).toBeGreaterThan(0);
    expect(r.body).toMatchObject({ truncated: false, totalNodes: 5, totalEdges: 4 });
  });

  it('actors view: date window, types and centre actor', async () => {
    const y2024 = await get('/api/graph?from=2024');
    expect(keys(y2024.body.graph)).toEqual([I.sudani, I.us, I.official].sort());
    const persons = await get('/api/graph?types=person');
    expect(persons.body.graph.edges.map((e: { attributes: { kind: string } }) => e.attributes.kind)).toEqual(['negotiates_with']);
    const centred = await get(`/api/graph?actor=${I.sudani}`);
    expect(keys(centred.body.graph)).toEqual([I.sudani, I.us].sort());
  });

  it('claims view: SAID, ABOUT and HOLDS_POSITION edges', async () => {
    const r = await get(`/api/graph?view=claims&issues=${I.troops}&stances=oppose`);
    const g = r.body.graph;
    const byType = (t: string) => g.edges.filter((e: { attributes: { edgeType: string } }) => e.attributes.edgeType === t);
    expect(byType('SAID').map((e: { target: string }) => e.target).sort()).toEqual(['statement:s1', 'statement:s4']);
    expect(byType('ABOUT').every((e: { attributes: { stance: string } }) => e.attributes.stance === 'oppose')).toBe(true);
    expect(byType('HOLDS_POSITION')).toHaveLength(2);
    expect(g.nodes.find((n: { key: string }) => n.key === `issue:${I.troops}`).attributes.nodeType).toBe('issue');
  });

  it('one-actor view: the centre\'s relations both ways and its neighbours, sized by their statements', async () => {
    const r = await get(`/api/graph?actor=${I.us}`);
    // every relation of the fixture touches the United States except Maliki -> Obama
    expect(keys(r.body.graph)).toEqual([I.us, I.obama, I.sudani, I.official].sort());
    expect(r.body.graph.edges).toHaveLength(3);
    const o = r.body.graph.nodes.find((n: { key: string }) => n.key === I.obama);
    expect(o.attributes.statements).toBe(1);
    expect(r.body.truncated).toBe(false);
    // an unknown centre is an empty view, not an error
    const none = await get('/api/graph?actor=nobody-at-all');
    expect(none.body.graph.nodes).toEqual([]);
  });

  it('actors view above the cap keeps the actors with most statements + relations', async () => {
    // statements + relations: US 0+3, Maliki 2+1, Obama 1+2, Sudani 1+1, official 1+1
    const r = await get('/api/graph?limit=3');
    expect(r.body).toMatchObject({ truncated: true, totalNodes: 5, totalEdges: 4, cap: 3 });
    expect(keys(r.body.graph)).toEqual([I.us, I.maliki, I.obama].sort());
  });

  it('cuts to the cap by degree and says so', async () => {
    const r = await get('/api/graph?view=claims&limit=3');
    expect(r.body.truncated).toBe(true);
    expect(r.body.graph.nodes).toHaveLength(3);
    expect(r.body.totalNodes).toBeGreaterThan(3);
    expect(r.body.cap).toBe(3);
    const kept = new Set(r.body.graph.nodes.map((n: { key: string }) => n.key));
    for (const e of r.body.graph.edges) {
      expect(kept.has(e.source) && kept.has(e.target)).toBe(true);
      // above the cap, parallel edges are merged and say how many they stand for
      expect(e.attributes).toMatchObject({ aggregated: true, count: expect.any(Number) });
    }
    // the configured cap (10) bounds a larger limit
    const big = await get('/api/graph?view=claims&limit=1000');
    expect(big.body.cap).toBe(10);
    expect(big.body.graph.nodes.length).toBeLessThanOrEqual(10);
  });

  it.each([
    ['view=table', 'view'],
    ['types=person,alien', 'types'],
    ['stances=maybe', 'stances'],
    ['limit=0', 'limit'],
    ['from=2011-13-45x', 'from'],
  ])('rejects %s naming %s', async (qs, param) => {
    const r = await get(`/api/graph?${qs}`, '/api/graph');
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain(`'${param}`);
  });
});

describe('GET /api/issues, /api/timeline', () => {
  it('lists issues with statement counts', async () => {
    const r = await get('/api/issues');
    expect(r.body.issues).toEqual([
      expect.objectContaining({ id: I.troops, statements: 3 }),
      expect.objectContaining({ id: I.immunity, statements: 1 }),
    ]);
  });
  it('lists every statement, oldest first', async () => {
    const r = await get('/api/timeline');
    expect(r.body.statements).toHaveLength(5);
    expect(r.body.statements[0]).toMatchObject({ dateFrom: '2011-10-01', speakerId: I.obama, kind: 'direct' });
    expect(r.body.nextCursor).toBeNull();
    // in pages of 2: the same list
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const p: { body: { statements: { id: string }[]; nextCursor: string | null } } = await get(`/api/timeline?limit=2${after ? `&after=${after}` : ''}`);
      for (const s of p.body.statements) ids.push(s.id);
      after = p.body.nextCursor;
    } while (after !== null && ids.length < 10);
    expect(ids).toEqual(r.body.statements.map((s: { id: string }) => s.id));
  });
  it('pages issues', async () => {
    const first = await get('/api/issues?limit=1');
    expect(first.body.issues.map((i: { id: string }) => i.id)).toEqual([I.troops]);
    const second = await get(`/api/issues?limit=1&after=${first.body.nextCursor}`);
    expect(second.body.issues.map((i: { id: string }) => i.id)).toEqual([I.immunity]);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('GET /api/articles/:id', () => {
  it('returns the text and statement spans that index into it', async () => {
    const r = await get(`/api/articles/${I.article1}`, '/api/articles/{id}');
    expect(r.body.article).toMatchObject({ id: I.article1, file: 'a1.txt', url: 'https://example.org/a1' });
    expect(r.body.spans).toHaveLength(3);
    for (const s of r.body.spans) expect(s.end).toBeGreaterThan(s.start);
    const s1 = r.body.spans.find((s: { statementId: string }) => s.statementId === 's1');
    expect(r.body.article.text.slice(s1.start, s1.end)).toBe('US troops will leave by the end of the year.');
    expect(s1).toMatchObject({ speakerId: I.maliki, speakerName: 'Nouri al-Maliki' });
  });
  it('answers 404 for an unknown article', async () => {
    const r = await get('/api/articles/missing', '/api/articles/{id}');
    expect(r.status).toBe(404);
  });
});

// ---- the explorer's views (issue 11): proxies rolled up to office holders, stance changes, facets --

describe('explorer views', () => {
  let views: TestServer;
  const iraq = 'iraq';
  const office = 'office-of-iraq-prime-minister@a2';
  const spokes = 'spokesperson-for-the-prime-minister@a2';

  beforeAll(async () => {
    const r = fixtureRecords();
    const a1 = r.nodes.Article.find((a) => a.id === I.article1)!;
    const a2 = r.nodes.Article.find((a) => a.id === I.article2)!;
    r.nodes.Actor.push(
      { id: iraq, name: 'Iraq', type: 'country', aliases: [], description: null, affiliation: null },
      { id: office, name: 'office of Iraq Prime Minister Mohammed Shia-al-Sudani', type: 'organization', aliases: [], description: null, affiliation: null },
      { id: spokes, name: 'spokesperson for the prime minister', type: 'anonymous', aliases: [], description: null, affiliation: null },
    );
    const span = (text: string, inText: string) => ({ start: inText.indexOf(text), end: inText.indexOf(text) + text.length });
    const extra = [
      // the office speaks (named holder), the spokesperson too (office named): both are al-Sudani's
      { id: 's6', text: 'The coalition mission must end.', speakerId: office, articleId: I.article2, date: '2024-01-10', dateFrom: '2024-01-10', dateTo: '2024-01-10', ...span('The coalition mission must end.', a2.text) },
      { id: 's7', text: 'talks would continue', speakerId: spokes, articleId: I.article2, date: '2024-01-25', dateFrom: '2024-01-25', dateTo: '2024-01-25', ...span('talks would continue', a2.text) },
      // Maliki later supports what he opposed (s1): a reversal
      { id: 's8', text: 'immunity is not possible', speakerId: I.maliki, articleId: I.article1, date: '2011-12', dateFrom: '2011-12-01', dateTo: '2011-12-31', ...span('immunity is not possible', a1.text) },
    ];
    for (const s of extra) {
      // same key order as the fixture's statements: the embedded store's batch insert is order-sensitive
      const { start, end, ...rest } = s;
      r.nodes.Statement.push({ kind: 'direct', cue: 'said', granularity: 'day', dateBasis: 'publication', dateEvidence: null, speakerMention: s.speakerId, start, end, ...rest });
      r.rels.SAID.push({ from: s.speakerId, to: s.id, date: s.date, dateFrom: s.dateFrom, dateTo: s.dateTo, articleId: s.articleId });
      r.rels.REPORTED_IN.push({ from: s.id, to: s.articleId, articleId: s.articleId });
    }
    r.rels.ABOUT.push(
      { from: 's6', to: I.troops, stance: 'oppose', articleId: I.article2 },
      { from: 's7', to: I.troops, stance: 'neutral', articleId: I.article2 },
      { from: 's8', to: I.troops, stance: 'support', articleId: I.article1 },
    );
    const holds = (from: string, articleId: string, date: string) =>
      r.rels.RELATES.push({ from, to: iraq, kind: 'holds_office', title: 'Prime Minister of Iraq', articleId, date, dateFrom: date, dateTo: date, evidence: 'Prime Minister', start: 0, end: 5 });
    holds(I.maliki, I.article1, '2011-10-22');
    holds(I.sudani, I.article2, '2024-01-25');
    views = await serveRecords(r);
  });
  afterAll(async () => {
    await views?.stop();
  });
  const vget = async (p: string) => {
    const r = await getJson(views.url, p);
    expect(r.status, p).toBe(200);
    // every view response matches its OpenAPI description
    api.check(p.split('?')[0]!, 'get', r.status, r.headers.get('content-type'), r.body);
    return r.body;
  };

  it('rolls proxy speakers up to the office holder, by name or by office, with the office held then', async () => {
    const b = await vget(`/api/views/statements?issues=${I.troops}`);
    const by = new Map(b.statements.map((s: { id: string; speaksFor: unknown }) => [s.id, s.speaksFor]));
    expect(by.get('s6')).toEqual({ id: I.sudani, name: 'Mohammed Shia al-Sudani', via: 'name', office: 'Prime Minister of Iraq' });
    expect(by.get('s7')).toEqual({ id: I.sudani, name: 'Mohammed Shia al-Sudani', via: 'office', office: 'Prime Minister of Iraq' });
    expect(by.get('s1')).toEqual({ id: I.maliki, name: 'Nouri al-Maliki', via: 'self', office: 'Prime Minister of Iraq' });
    // an unnamed official speaks for nobody
    expect((await vget('/api/views/statements')).statements.find((s: { id: string }) => s.id === 's5').speaksFor).toBeNull();
    // oldest first
    const froms = b.statements.map((s: { dateFrom: string }) => s.dateFrom);
    expect([...froms].sort()).toEqual(froms);
  });

  it('filters statements by type, issue and stance (one ABOUT edge), and dates', async () => {
    const ids = async (q: string) => (await vget(`/api/views/statements?${q}`)).statements.map((s: { id: string }) => s.id).sort();
    expect(await ids(`issues=${I.troops}&stances=support`)).toEqual(['s8']);
    // s3 opposes immunity, not troops: "oppose on troops" excludes it
    expect(await ids(`issues=${I.troops}&stances=oppose`)).toEqual(['s1', 's4', 's6']);
    expect(await ids(`issues=${I.troops}&types=organization,anonymous`)).toEqual(['s6', 's7']);
    expect(await ids(`stances=oppose&from=2024-01&to=2024-01`)).toEqual(['s4', 's6']);
    // the plain list takes the same filters
    expect((await vget(`/api/statements?issues=${I.troops}&stances=oppose`)).total).toBe(3);
  });

  it('the server list and the page\'s facet filter agree on every filter combination', async () => {
    const { FacetIndex } = await import('../../client/src/state/facet-filters.ts');
    const facets = new FacetIndex((await vget('/api/views/facets')).statements);
    expect(facets.facets).toHaveLength(8);
    // in pages of 3 (oldest first): the same facets
    const paged: string[] = [];
    for (let after: string | null = null, n = 0; n === 0 || (after !== null && n < 10); n++) {
      const p: { statements: { id: string }[]; nextCursor: string | null } = await vget(`/api/views/facets?limit=3${after ? `&after=${after}` : ''}`);
      for (const f of p.statements) paged.push(f.id);
      after = p.nextCursor;
    }
    expect(paged).toEqual(facets.facets.map((f) => f.id));
    expect(facets.byId.get('s6')!.personId).toBe(I.sudani);
    const combos: { q: string; f: Parameters<typeof facets.passing>[0] }[] = [];
    for (const issues of [[], [I.troops], [I.immunity]])
      for (const stances of [[], ['oppose'], ['support', 'neutral']] as const)
        for (const types of [[], ['person'], ['anonymous', 'organization']] as const)
          for (const range of [null, { from: '2011-10', to: '2011-12' }, { from: '2024-01', to: '2024-12' }]) {
            const q = new URLSearchParams();
            if (issues.length) q.set('issues', issues.join(','));
            if (stances.length) q.set('stances', stances.join(','));
            if (types.length) q.set('types', types.join(','));
            if (range) {
              q.set('from', `${range.from}-01`);
              q.set('to', `${range.to}-31`);
            }
            combos.push({ q: q.toString(), f: { issues, stances: [...stances], types: [...types], range } });
          }
    for (const c of combos) {
      const server = (await vget(`/api/views/statements?${c.q}&limit=1000`)).statements.map((s: { id: string }) => s.id).sort();
      const page = facets.passing(c.f).map((s) => s.id).sort();
      expect(page, c.q).toEqual(server);
    }
  });

  it('lists stance changes per person and per office, with the statements before and after', async () => {
    const person = (await vget('/api/views/stance-changes')).changes;
    expect(person).toHaveLength(1);
    expect(person[0]).toMatchObject({ actor: { id: I.maliki }, issue: { id: I.troops, label: 'US troop presence' }, from: 'oppose', to: 'support', flip: true });
    expect([person[0].before.id, person[0].after.id]).toEqual(['s1', 's8']);
    const offices = (await vget(`/api/views/stance-changes?by=office&issues=${I.troops}`)).changes;
    // Maliki opposes, then supports; then his successor's office opposes again
    expect(offices.map((c: { actor: { name: string }; before: { id: string }; after: { id: string } }) => [c.actor.name, c.before.id, c.after.id])).toEqual([
      ['Prime Minister of Iraq', 's1', 's8'],
      ['Prime Minister of Iraq', 's8', 's6'],
    ]);
    // restricted to another issue: nothing changed there
    expect((await vget(`/api/views/stance-changes?issues=${I.immunity}`)).changes).toEqual([]);
  });

  it('rejects bad view parameters with a problem naming them', async () => {
    const r = await getJson(views.url, '/api/views/stance-changes?by=planet');
    expect(r.status).toBe(400);
    api.check('/api/views/stance-changes', 'get', 400, r.headers.get('content-type'), r.body);
    expect(JSON.stringify(r.body)).toContain('by');
    expect((await getJson(views.url, '/api/views/statements?stances=maybe')).status).toBe(400);
  });

  it('the version is a cheap fingerprint of the articles', async () => {
    const v = await vget('/api/version');
    expect(v).toMatchObject({ articles: 2 });
    expect(typeof v.version).toBe('string');
    expect((await vget('/api/version')).version).toBe(v.version);
  });
});

// ---- bounded graph views at scale: parallel relations merged in the query -------------------------

describe('graph views above their budgets', () => {
  let big: TestServer;
  const PARALLEL = 2100; // more than ONE_ACTOR_EDGES (2000)
  const dayOf = (i: number) => `2012-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

  beforeAll(async () => {
    const r = fixtureRecords();
    for (let i = 0; i < PARALLEL; i++) {
      const day = dayOf(i);
      r.rels.RELATES.push({ from: I.maliki, to: I.us, kind: i % 3 ? 'pressures' : 'attacks', articleId: I.article1, date: day, dateFrom: day, dateTo: day, title: null, evidence: `evidence ${i}`, start: 0, end: 5 });
    }
    big = await serveRecords(r, { CLAIMGRAPH_GRAPH_CAP: 10 });
  });
  afterAll(async () => {
    await big?.stop();
  });

  it('one-actor view of an actor with more relations than it lists: one edge per (other actor, direction, kind), counted', async () => {
    const r = await getJson(big.url, `/api/graph?actor=${I.maliki}`);
    expect(r.status).toBe(200);
    api.check('/api/graph', 'get', r.status, r.headers.get('content-type'), r.body);
    const rel = r.body.graph.edges.filter((e: { attributes: { edgeType: string } }) => e.attributes.edgeType === 'RELATES');
    const toUs = rel.filter((e: { target: string }) => e.target === I.us);
    expect(toUs.map((e: { attributes: { kind: string; count: number } }) => [e.attributes.kind, e.attributes.count]).sort()).toEqual([
      ['attacks', 700],
      ['pressures', 1400],
    ]);
    // the range of each group is that of its relations
    const days = (kind: string) => Array.from({ length: PARALLEL }, (_, i) => i).filter((i) => (i % 3 ? 'pressures' : 'attacks') === kind).map(dayOf).sort();
    for (const e of toUs) {
      const d = days(e.attributes.kind);
      expect(e.attributes).toMatchObject({ aggregated: true, dateFrom: d[0], dateTo: d.at(-1), evidence: null });
    }
    expect(r.body).toMatchObject({ truncated: true, totalEdges: PARALLEL + 1 });
  });

  it('actors view above its cap merges parallel relations in the query and keeps the counts through the cut', async () => {
    const r = await getJson(big.url, '/api/graph?limit=3');
    expect(r.body).toMatchObject({ truncated: true, cap: 3, totalEdges: PARALLEL + 4 });
    const g = r.body.graph;
    expect(g.nodes).toHaveLength(3);
    const counts = g.edges.map((e: { attributes: { count: number } }) => e.attributes.count);
    // Maliki and the United States are the two best-connected actors: their 2,100 relations are in two edges
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThanOrEqual(PARALLEL);
    expect(g.edges.length).toBeLessThanOrEqual(6);
  });
});
