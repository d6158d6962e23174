/** HTTP hygiene: headers, request ids, problems, CORS, static client with SPA fallback, rate limits. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRecords } from './fixture.ts';
import { getJson, postJson, serveRecords, type TestServer } from './harness.ts';

let plain: TestServer;
let withCors: TestServer;

beforeAll(async () => {
  plain = await serveRecords(fixtureRecords());
  withCors = await serveRecords(fixtureRecords(), { CLAIMGRAPH_CORS_ORIGINS: 'http://allowed.example:5173', CLAIMGRAPH_RATE_CONSOLE: 2 });
});
afterAll(async () => {
  await plain?.stop();
  await withCors?.stop();
});

describe('security headers', () => {
  it('sends helmet headers with a CSP fit for the client and no x-powered-by', async () => {
    const r = await fetch(`${plain.url}/api/health`);
    expect(r.headers.get('x-powered-by')).toBeNull();
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});

describe('request id', () => {
  it('echoes a caller-supplied id, in the header and in problems', async () => {
    const r = await getJson(plain.url, '/api/actors?limit=0', { headers: { 'X-Request-Id': 'trace-123.abc' } });
    expect(r.headers.get('x-request-id')).toBe('trace-123.abc');
    expect(r.body.requestId).toBe('trace-123.abc');
  });
  it('generates a UUID when absent or unsafe', async () => {
    const a = await fetch(`${plain.url}/api/health`);
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const b = await fetch(`${plain.url}/api/health`, { headers: { 'X-Request-Id': 'bad id\twith "quotes"' } });
    expect(b.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('problems', () => {
  const isProblem = (r: { status: number; headers: Headers; body: any }, status: number) => {
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ type: 'about:blank', status, requestId: r.headers.get('x-request-id') });
    expect(typeof r.body.title).toBe('string');
    expect(typeof r.body.detail).toBe('string');
    expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at |node_modules/);
  };
  it('404 for an unknown API route', async () => {
    const r = await getJson(plain.url, '/api/does-not-exist');
    isProblem(r, 404);
    expect(r.body.detail).toContain('/api/does-not-exist');
  });
  it('404 for an unknown non-API route when no client is built', async () => {
    isProblem(await getJson(plain.url, '/some/page'), 404);
  });
  it('400 for malformed JSON', async () => {
    const r = await postJson(plain.url, '/api/cypher', '{"query": ');
    isProblem(r, 400);
    expect(r.body.title).toBe('Malformed JSON');
  });
  it('400 naming the body field for a bad body', async () => {
    const r = await postJson(plain.url, '/api/cypher', { query: '' });
    isProblem(r, 400);
    expect(r.body.detail).toContain("'query'");
  });
  it('413 for a console body over its limit', async () => {
    const r = await postJson(plain.url, '/api/cypher', { query: 'RETURN 1', params: { pad: 'x'.repeat(1_200_000) } });
    isProblem(r, 413);
  });
  it('405-ish: a write verb on a read route is a 404 problem, not an HTML page', async () => {
    isProblem(await postJson(plain.url, '/api/health', {}), 404);
  });
});

describe('CORS', () => {
  it('is off unless configured', async () => {
    const r = await fetch(`${plain.url}/api/health`, { headers: { Origin: 'http://allowed.example:5173' } });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
  it('allows only the configured origins', async () => {
    const ok = await fetch(`${withCors.url}/api/health`, { headers: { Origin: 'http://allowed.example:5173' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://allowed.example:5173');
    expect(ok.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const no = await fetch(`${withCors.url}/api/health`, { headers: { Origin: 'http://evil.example' } });
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${withCors.url}/api/cypher`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://allowed.example:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('rate limit', () => {
  it('answers 429 problem with Retry-After past the console limit', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await postJson(withCors.url, '/api/cypher', { query: '' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 429, 429]);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last!.body.status).toBe(429);
    // other routes are not limited
    expect((await fetch(`${withCors.url}/api/health`)).status).toBe(200);
  });
});

describe('static client', () => {
  let srv: TestServer;
  beforeAll(async () => {
    const dist = fs.mkdtempSync(path.join(plain.dataDir, 'dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>claimgraph test client</title>');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    srv = await serveRecords(fixtureRecords(), { CLAIMGRAPH_CLIENT_DIST: dist });
  });
  afterAll(async () => {
    await srv?.stop();
  });
  it('serves files and falls back to index.html for client routes, not for /api', async () => {
    const js = await fetch(`${srv.url}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const page = await fetch(`${srv.url}/actors/nouri-al-maliki`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('claimgraph test client');
    const api = await getJson(srv.url, '/api/nope');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
