/**
 * Input hygiene attacks on the real server: impossible date filters get a 400 problem naming the
 * parameter; uploads with a non-http(s) URL, an impossible date or unknown fields fail alone,
 * naming the article and the field, and the store's counts show nothing else changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRecords } from './fixture.ts';
import { getJson, postJson, serveRecords, type TestServer } from './harness.ts';
import { OpenApiValidator } from './openapi-validator.ts';

const TOKEN = 'hygiene-write-token-0123456789';
let srv: TestServer;
let api: OpenApiValidator;

beforeAll(async () => {
  srv = await serveRecords(fixtureRecords(), { CLAIMGRAPH_WRITE_TOKEN: TOKEN, CLAIMGRAPH_RATE_UPLOAD: 1000 });
  api = new OpenApiValidator((await getJson(srv.url, '/api/openapi.json')).body);
});
afterAll(async () => {
  await srv?.stop();
});

const counts = async () => (await getJson(srv.url, '/api/health')).body.counts;
const get = async (p: string) => {
  const r = await getJson(srv.url, p);
  api.check(p.split('?')[0]!, 'get', r.status, r.headers.get('content-type'), r.body);
  return r;
};
const upload = async (articles: unknown[]) => {
  const r = await postJson(srv.url, '/api/articles', { articles }, { Authorization: `Bearer ${TOKEN}` });
  api.check('/api/articles', 'post', r.status, r.headers.get('content-type'), r.body);
  return r;
};
const article = (n: number, extra: Record<string, unknown> = {}) => ({
  file: `hygiene-${n}.txt`,
  text: `The defence minister said on Monday that round ${n} of the talks "went as planned", officials said.`,
  title: `Hygiene ${n}`,
  source: 'Test Wire',
  url: null,
  published: '2019-05-04',
  ...extra,
});

describe('date filters: impossible dates and reversed windows are 400, naming the parameter', () => {
  const bad: [string, string][] = [
    ['from=2021-02-30', 'from'],
    ['to=2021-13-01', 'to'],
    ['from=2021-00', 'from'],
    ['to=2021-04-31', 'to'],
    ['from=2023-02-29', 'from'],
    ['from=2021-1-1', 'from'],
    ['from=yesterday', 'from'],
    ['from=2021-01-01%27%20OR%201=1', 'from'],
    ['from=2021&from=2022', 'from'],
    ['from=2022&to=2021-06', 'from'],
    ['from=2021-06-02&to=2021-06-01', 'from'],
  ];
  for (const route of ['/api/graph', '/api/statements']) {
    it.each(bad)(`${route}?%s → 400 naming '%s'`, async (query, param) => {
      const before = await counts();
      const r = await get(`${route}?${query}`);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({ status: 400, title: 'Invalid request' });
      expect(r.body.detail).toContain(`query parameter '${param}'`);
      expect(await counts()).toEqual(before);
    });

    it(`${route}: real windows still answer 200, at any granularity`, async () => {
      for (const q of ['from=2011&to=2011', 'from=2011-10&to=2011-10-31', 'from=2024-02-29', 'from=2011-10-22&to=2011-10', 'to=2024']) {
        const r = await get(`${route}?${q}`);
        expect(r.status, q).toBe(200);
      }
      const all = await get(`${route}?from=2000&to=2030`);
      const one = await get(`${route}?from=2011&to=2011`);
      // the window filters: the 2011 article only, not everything and not nothing
      const n = (b: any) => (route === '/api/graph' ? b.graph.nodes.length : b.total);
      expect(n(one.body)).toBeGreaterThan(0);
      expect(n(one.body)).toBeLessThan(n(all.body));
    });
  }
});

describe('POST /api/articles: one schema with the loader', () => {
  const refused: [string, Record<string, unknown>, RegExp][] = [
    ['javascript: URL', { url: 'javascript:alert(document.cookie)' }, /'url': "javascript:alert\(document\.cookie\)" is not an http\(s\) URL/],
    ['mixed-case, padded javascript: URL', { url: '  JaVaScRiPt:alert(1)' }, /'url': .* is not an http\(s\) URL/],
    ['tab inside the scheme', { url: 'java\tscript:alert(1)' }, /'url': .* is not an http\(s\) URL/],
    ['data: URL', { url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' }, /'url': "data:text\/html.* is not an http\(s\) URL/],
    ['file: URL', { url: 'file:///etc/passwd' }, /'url': "file:\/\/\/etc\/passwd" is not an http\(s\) URL/],
    ['scheme-relative URL', { url: '//evil.example/x' }, /'url': .* is not an http\(s\) URL/],
    ['URL of the wrong type', { url: { href: 'https://x.org' } }, /'url': expected an http\(s\) URL, got object/],
    ['impossible date', { published: '2021-02-30' }, /'published': "2021-02-30" is not a real calendar date/],
    ['impossible month', { published: '2021-13-01' }, /'published': "2021-13-01" is not a real calendar date/],
    ['date with a time', { published: '2021-02-03T00:00:00Z' }, /'published': .* is not a date YYYY-MM-DD/],
    ['missing date', { published: undefined }, /'published': required/],
    ['unknown field', { autor: 'typo' }, /unrecognized key.*autor/i],
  ];
  it.each(refused)('%s → that article fails, naming it and the field; the good one beside it is stored', async (_name, extra, message) => {
    const before = await counts();
    const n = Math.floor(Math.random() * 1e9);
    const r = await upload([article(n, extra), article(n + 1)]);
    expect(r.status).toBe(201);
    const [bad, good] = r.body.results;
    expect(bad).toMatchObject({ file: `hygiene-${n}.txt`, status: 'failed', articleId: null, statements: 0 });
    expect(bad.error).toMatch(message);
    expect(good).toMatchObject({ file: `hygiene-${n + 1}.txt`, status: 'ingested' });
    const after = await counts();
    expect(after.nodes.Article).toBe(before.nodes.Article + 1);
    expect(after.nodes.Statement).toBe(before.nodes.Statement + good.statements);
  });

  it('an http(s) URL is stored and served as given', async () => {
    const url = 'https://example.org/2019/05/04/talks?ref=wire#top';
    const r = await upload([article(7001, { url })]);
    expect(r.body.results[0]).toMatchObject({ status: 'ingested' });
    const page = await getJson(srv.url, `/api/articles/${r.body.results[0].articleId}`);
    expect(page.body.article.url).toBe(url);
  });

  it('an empty URL means none', async () => {
    const r = await upload([article(7002, { url: '' })]);
    expect(r.body.results[0]).toMatchObject({ status: 'ingested' });
    const page = await getJson(srv.url, `/api/articles/${r.body.results[0].articleId}`);
    expect(page.body.article.url).toBeNull();
  });

  it('a UTF-8 BOM at the start of an uploaded text is dropped, so offsets index the stored text', async () => {
    const a = article(7003);
    const r = await upload([{ ...a, text: '\uFEFF' + a.text }]);
    const res = r.body.results[0];
    expect(res.status).toBe('ingested');
    const page = await getJson(srv.url, `/api/articles/${res.articleId}`);
    expect(page.body.article.text).toBe(a.text);
    for (const s of page.body.spans) expect(s.end).toBeLessThanOrEqual(a.text.length);
  });
});
