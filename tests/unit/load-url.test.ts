/**
 * Attacks on article URLs and dates, against every layer that sees them: the loader's check
 * (checkArticleInput, all ways in), the shared zod fields (manifest entries and API uploads), and
 * the explorer's link rendering. A hostile URL must be refused by all of them on its own.
 */
import { describe, expect, it } from 'vitest';
import { linkableUrl } from '../../client/src/article/original-link.ts';
import { ArticleFields, ManifestEntry, isHttpUrl, isRealDate } from '../../ingest/article-input.ts';
import { checkArticleInput } from '../../ingest/stages/load.ts';
import type { ArticleInput } from '../../ingest/types.ts';
import { ArticleUpload, GraphQuery, StatementsQuery } from '../../server/contract.ts';

const base: ArticleInput = { file: 'x.txt', text: 'The minister said the talks went well.', title: 'T', source: 'S', url: null, published: '2020-05-01' };
const upload = (url: unknown) => ({ text: base.text, title: 'T', source: 'S', published: '2020-05-01', url });

const hostile = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\tjavascript:alert(1)',
  'java\nscript:alert(1)',
  'java\tscript:alert(1)',
  '\u0000javascript:alert(1)',
  'javascript://example.org/%0Aalert(1)',
  'javascript:http://example.org',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'file://host/share/x',
  'vbscript:msgbox(1)',
  'blob:https://example.org/uuid',
  'ftp://example.org/a',
  'ws://example.org/',
  'mailto:a@example.org',
  'about:blank',
  'chrome://settings',
  'view-source:https://example.org',
  'http://',
  'https:',
  '//example.org/no-scheme',
  '/relative/path',
  'example.org/a',
  'https://exa mple.org/',
];
const fine = [
  'https://news.antiwar.com/2011/10/22/iraq-to-continue-talks-with-us-on-keeping-thousands-of-troops/',
  'http://www.wsws.org/articles/2012/feb2012/iraq-f02.shtml',
  'HTTPS://EXAMPLE.ORG/A?b=c&d=e#f',
  'https://example.org:8443/a',
  'http://[::1]:3000/x',
  'https://مثال.إختبار/خبر',
  'https://example.org/a%20b',
];

describe('article URLs: http(s) only, at every layer', () => {
  it.each(hostile)('refuses %j', (url) => {
    expect(isHttpUrl(url)).toBe(false);
    expect(() => checkArticleInput({ ...base, url })).toThrow(/^x\.txt: url ".*" is not an http\(s\) URL/);
    const up = ArticleUpload.safeParse(upload(url));
    expect(up.success).toBe(false);
    expect(up.error!.issues.map((i) => i.path.join('.'))).toEqual(['url']);
    expect(ManifestEntry.safeParse({ file: 'x.txt', published: '2020-05-01', url }).success).toBe(false);
    expect(linkableUrl(url)).toBeNull();
  });

  it('refuses a URL over 2,000 characters at ingest (the client would still link it: it is http)', () => {
    const url = `https://example.org/${'a'.repeat(2100)}`;
    expect(isHttpUrl(url)).toBe(false);
    expect(() => checkArticleInput({ ...base, url })).toThrow(/^x\.txt: url /);
    expect(ArticleUpload.safeParse(upload(url)).error!.issues.map((i) => i.message)).toEqual(['longer than 2000 characters']);
  });

  it.each(fine)('accepts %j and links it', (url) => {
    expect(isHttpUrl(url)).toBe(true);
    expect(checkArticleInput({ ...base, url }).url).toBe(url);
    expect(ArticleUpload.safeParse(upload(url)).success).toBe(true);
    expect(linkableUrl(url)).toMatch(/^https?:\/\//i);
  });

  it('no URL is fine everywhere; an empty or blank one means none', () => {
    for (const url of [null, undefined, '', '   ']) {
      expect(checkArticleInput({ ...base, url: url as string | null }).url).toBeNull();
      expect(linkableUrl(url)).toBeNull();
    }
    expect(ArticleUpload.parse(upload('')).url).toBeNull();
    expect(ArticleUpload.parse({ ...upload(null), url: undefined }).url).toBeUndefined();
  });

  it('the link the client renders is the parsed form, so a browser follows what was checked', () => {
    expect(linkableUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(linkableUrl('HTTPS://Example.ORG')).toBe('https://example.org/');
  });

  it('long hostile URLs are clipped in messages', () => {
    const url = `data:text/html,${'<b>'.repeat(10_000)}`;
    let message = '';
    try {
      checkArticleInput({ ...base, url });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/not an http\(s\) URL/);
    expect(message.length).toBeLessThan(300);
  });
});

describe('fuzz: the server\'s URL rule and the client\'s link rule agree, and nothing but http(s) is ever linked', () => {
  const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const parts = ['http', 'https', 'javascript', 'JaVaScRiPt', 'data', 'file', 'vbscript', 'h\ttp', 'ht\ntps', ':', '//', '/', '\\', '%0a', '%3A', '&#58;', '\u0000', '\u001f', ' ', '\u00a0', '\u2028', '\ufeff', 'example.org', '[::1]', '@', '#', '?', 'alert(1)', 'é', '..', 'x'];
  it('3,000 glued strings', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const r = rng(seed);
      const glue = (n: number) => Array.from({ length: n }, () => parts[Math.floor(r() * parts.length)]).join('');
      // half start like a web address, so both sides of the rule are exercised
      const url = r() < 0.5 ? `${glue(1)}://example.org/${glue(Math.floor(r() * 4))}` : glue(1 + Math.floor(r() * 7));
      const serverOk = ArticleUpload.safeParse(upload(url)).success;
      const href = linkableUrl(url);
      if (href !== null) expect(new URL(href).protocol, url).toMatch(/^https?:$/);
      if (serverOk && url.trim()) {
        accepted++;
        expect(href, url).not.toBeNull();
        expect(() => checkArticleInput({ ...base, url })).not.toThrow();
      }
      if (!serverOk) expect(() => checkArticleInput({ ...base, url }), url).toThrow(/url/);
    }
    // the generator does produce acceptable URLs, so the agreement above was exercised
    expect(accepted).toBeGreaterThan(50);
  });
});

describe('the upload schema is the loader\'s schema', () => {
  it('refuses unknown fields and impossible dates, naming the field', () => {
    const bad = ArticleUpload.safeParse({ ...upload(null), author: 'x' });
    expect(bad.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['author'] });
    for (const published of ['2021-02-30', '2021-13-01', '2023-02-29', '1850-01-01', '2021-2-3']) {
      const r = ArticleUpload.safeParse({ ...upload(null), published });
      expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['published']);
    }
  });

  it('derives from ArticleFields: every rule of the fields holds for uploads', () => {
    for (const key of Object.keys(ArticleFields.shape)) expect(Object.keys(ArticleUpload.shape)).toContain(key);
    expect(Object.keys(ArticleUpload.shape).sort()).toEqual(Object.keys(ArticleFields.shape).sort());
  });
});

describe('date filters of /api/graph and /api/statements', () => {
  it('isRealDate: real dates at any granularity only', () => {
    for (const d of ['2024', '2024-02', '2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01']) expect(isRealDate(d), d).toBe(true);
    for (const d of ['2021-02-30', '2021-13-01', '2021-00', '2021-04-31', '1900-02-29', '2023-02-29', '2021-01-00', '2021-1', '20211', '2021-01-01T00', '', '２０２１']) expect(isRealDate(d), d).toBe(false);
  });

  it.each([GraphQuery, StatementsQuery])('refuses impossible dates and from after to, naming the parameter (%#)', (schema) => {
    const paths = (q: Record<string, string>) => schema.safeParse(q).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths({ from: '2021-02-30' })).toEqual(['from']);
    expect(paths({ to: '2021-13-01' })).toEqual(['to']);
    expect(paths({ from: '2022', to: '2021-06' })).toEqual(['from']);
    expect(paths({ from: '2021-06-02', to: '2021-06-01' })).toEqual(['from']);
    // windows that overlap at their granularity are fine
    expect(paths({ from: '2021-06-15', to: '2021-06' })).toEqual([]);
    expect(paths({ from: '2021', to: '2021-01-01' })).toEqual([]);
    expect(paths({ from: '2021-02-28', to: '2021-02' })).toEqual([]);
  });
});
