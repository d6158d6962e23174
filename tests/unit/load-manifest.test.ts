/**
 * Attacks on the manifest: every bad entry costs its own article at most, is named by manifest,
 * index and listed file, and never costs the good entries; fuzzed bytes never escape as anything
 * but an InputError.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestEntryError, loadArticleFiles, parseManifest } from '../../ingest/stages/load.ts';
import { InputError } from '../../ingest/types.ts';

const BOM = '\uFEFF';
const good = (file: string, published = '2019-03-04') => ({ file, title: `T ${file}`, source: 'Wire', published });
const prose = (n: number) => `The minister said on Monday that talks number ${n} would resume next week.`;

async function corpusDir(files: Record<string, string | Uint8Array>, manifest: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cg-manifest-'));
  for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
  if (manifest !== undefined) await writeFile(join(dir, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return dir;
}

describe('a bad entry costs only its own article', () => {
  // each attack: the entry for b.txt; a.txt and c.txt have good entries around it
  const attacks: [string, unknown, RegExp][] = [
    ['impossible day', { file: 'b.txt', published: '2021-02-30' }, /published: "2021-02-30" is not a real calendar date/],
    ['impossible month', { file: 'b.txt', published: '2021-13-01' }, /published: "2021-13-01" is not a real calendar date/],
    ['not leap', { file: 'b.txt', published: '2023-02-29' }, /not a real calendar date/],
    ['year out of range', { file: 'b.txt', published: '0202-01-01' }, /not a real calendar date/],
    ['missing published', { file: 'b.txt', title: 'x' }, /published: required/],
    ['null published', { file: 'b.txt', published: null }, /published: expected a date YYYY-MM-DD, got null/],
    ['numeric published', { file: 'b.txt', published: 20190304 }, /published: expected a date YYYY-MM-DD, got number/],
    ['slashed date', { file: 'b.txt', published: '04/03/2019' }, /"04\/03\/2019" is not a date YYYY-MM-DD/],
    ['date with time', { file: 'b.txt', published: '2019-03-04T10:00:00Z' }, /is not a date YYYY-MM-DD/],
    ['unknown field (typo)', { file: 'b.txt', publised: '2019-03-04', published: '2019-03-04' }, /unknown field "publised"/],
    ['several unknown fields', { file: 'b.txt', published: '2019-03-04', author: 'x', tags: [] }, /unknown fields "author", "tags"/],
    ['title of the wrong type', { file: 'b.txt', published: '2019-03-04', title: 7 }, /title: expected a title, got number/],
    ['source as an object', { file: 'b.txt', published: '2019-03-04', source: { name: 'x' } }, /source: expected a source name, got object/],
    ['javascript: url', { file: 'b.txt', published: '2019-03-04', url: 'javascript:alert(document.cookie)' }, /url: "javascript:alert\(document\.cookie\)" is not an http\(s\) URL/],
    ['data: url', { file: 'b.txt', published: '2019-03-04', url: 'data:text/html,<script>alert(1)</script>' }, /url: "data:text\/html.*is not an http\(s\) URL/],
    ['file: url', { file: 'b.txt', published: '2019-03-04', url: 'file:///etc/passwd' }, /url: "file:\/\/\/etc\/passwd" is not an http\(s\) URL/],
    ['url of the wrong type', { file: 'b.txt', published: '2019-03-04', url: ['https://x.org'] }, /url: expected an http\(s\) URL, got an array/],
  ];
  it.each(attacks)('%s: reported by manifest, index and file; the others load', async (_name, entry, message) => {
    const dir = await corpusDir({ 'a.txt': prose(1), 'b.txt': prose(2), 'c.txt': prose(3) }, [good('a.txt'), entry, good('c.txt')]);
    const r = await loadArticleFiles([dir]);
    expect(r.articles.map((a) => a.file)).toEqual(['a.txt', 'c.txt']);
    expect(r.failures).toHaveLength(1);
    const f = r.failures[0]!;
    expect(f).toBeInstanceOf(ManifestEntryError);
    expect(f).toMatchObject({ manifest: join(dir, 'manifest.json'), entry: 1, article: 'b.txt' });
    expect(f.message).toContain(`${join(dir, 'manifest.json')}: entry [1] ("b.txt"): `);
    expect(f.message).toMatch(message);
    expect(r.warnings).toEqual([]);
  });

  it('entries that are not objects or name no file are warnings, and do not hide the good entries', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1), 'c.txt': prose(3) }, [good('a.txt'), 'b.txt', null, 42, [], { published: '2019-01-01' }, { file: '', published: '2019-01-01' }, good('c.txt')]);
    const r = await loadArticleFiles([dir]);
    expect(r.articles.map((a) => a.file)).toEqual(['a.txt', 'c.txt']);
    expect(r.failures).toEqual([]);
    expect(r.warnings.map((w) => (w as ManifestEntryError).entry)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.warnings[0]!.message).toMatch(/entry \[1\]: expected an object/);
    expect(r.warnings[4]!.message).toMatch(/entry \[5\]: file: required/);
    expect(r.warnings[5]!.message).toMatch(/entry \[6\]: file: empty file name/);
  });

  it('a bad entry for a file this run does not load is a warning, not a failure', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1) }, [good('a.txt'), { file: 'gone.txt', published: '2021-02-30' }]);
    const r = await loadArticleFiles([join(dir, 'a.txt')]);
    expect(r.articles.map((a) => a.file)).toEqual(['a.txt']);
    expect(r.failures).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/entry \[1\] \("gone\.txt"\): published: "2021-02-30" is not a real.*; and the listed file does not exist$/)]);
  });
});

describe('listed files that are missing or listed twice', () => {
  it('warns for a listed file that does not exist, and loads the rest', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1) }, [good('a.txt'), good('ghost.txt')]);
    const r = await loadArticleFiles([dir]);
    expect(r.articles).toHaveLength(1);
    expect(r.failures).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual([`${join(dir, 'manifest.json')}: entry [1] ("ghost.txt"): lists a file that does not exist`]);
  });

  it('warns for a listed file that exists but is not a .txt article of the directory', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1), 'b.md': prose(2) }, [good('a.txt'), good('b.md')]);
    const r = await loadArticleFiles([dir]);
    expect(r.articles).toHaveLength(1);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/entry \[1\] \("b\.md"\): lists a file that is not loaded/)]);
  });

  it('a file listed twice: the first good entry is used, the repeat is a warning naming both', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1) }, [good('a.txt', '2019-01-01'), good('a.txt', '2020-01-01')]);
    const r = await loadArticleFiles([dir]);
    expect(r.articles.map((a) => a.published)).toEqual(['2019-01-01']);
    expect(r.failures).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/entry \[1\] \("a\.txt"\): lists the file again \(first at entry \[0\]\)/)]);
  });

  it('listed twice, first entry bad: the good one is used and the bad one is still reported', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1) }, [{ file: 'a.txt', published: '2019-02-30' }, good('a.txt', '2019-03-01')]);
    const r = await loadArticleFiles([dir]);
    expect(r.articles.map((a) => a.published)).toEqual(['2019-03-01']);
    expect(r.failures).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/entry \[0\] \("a\.txt"\): published: "2019-02-30" .*ignored, entry \[1\] lists the same file and is used/)]);
  });

  it('listed twice under different paths (sub/a.txt, a.txt) is still the same article file', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1) }, [good('sub/a.txt'), good('a.txt')]);
    const r = await loadArticleFiles([dir]);
    expect(r.articles).toHaveLength(1);
    expect(r.warnings).toHaveLength(1);
  });

  it('an entry cannot pull in a file from outside the directory (../, absolute paths)', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cg-manifest-parent-'));
    await writeFile(join(parent, 'outside.txt'), prose(9));
    const dir = join(parent, 'corpus');
    await mkdir(dir);
    await writeFile(join(dir, 'a.txt'), prose(1));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify([good('a.txt'), good('../outside.txt'), good(join(parent, 'outside.txt'))]));
    const r = await loadArticleFiles([dir]);
    expect(r.articles.map((a) => a.file)).toEqual(['a.txt']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/entry \[1\] \("outside\.txt"\): lists a file that does not exist/),
      expect.stringMatching(/entry \[2\] \("outside\.txt"\): lists the file again/),
    ]);
  });

  it('a file given twice on the command line is loaded once', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1) }, [good('a.txt')]);
    const r = await loadArticleFiles([dir, join(dir, 'a.txt'), dir]);
    expect(r.articles).toHaveLength(1);
    expect(r.failures).toEqual([]);
  });
});

describe('byte order marks', () => {
  it('accepts a UTF-8 BOM in the manifest and in the articles, and keeps it out of the text', async () => {
    const dir = await corpusDir({ 'a.txt': BOM + prose(1), 'b.txt': prose(2) }, BOM + JSON.stringify([good('a.txt'), good('b.txt')]));
    const r = await loadArticleFiles([dir]);
    expect(r.failures).toEqual([]);
    expect(r.articles.map((a) => a.text.startsWith('The minister'))).toEqual([true, true]);
  });

  it('a BOM in an override manifest too', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1) }, undefined);
    await writeFile(join(dir, 'm.json'), BOM + JSON.stringify([good('a.txt')]));
    const r = await loadArticleFiles([dir], { manifest: join(dir, 'm.json') });
    expect(r.articles).toHaveLength(1);
  });

  it('names UTF-16 as such (manifest and article)', async () => {
    const utf16 = (s: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(s, 'utf16le')]);
    const dir = await corpusDir({ 'a.txt': utf16(prose(1)), 'b.txt': prose(2) }, [good('a.txt'), good('b.txt')]);
    const r = await loadArticleFiles([dir]);
    expect(r.articles.map((a) => a.file)).toEqual(['b.txt']);
    expect(r.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^a\.txt: UTF-16 text/)]);
    await writeFile(join(dir, 'manifest.json'), utf16(JSON.stringify([good('b.txt')])));
    const r2 = await loadArticleFiles([join(dir, 'b.txt')]);
    expect(r2.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^b\.txt: not loaded: .*manifest is not valid UTF-8/)]);
  });
});

describe('a manifest nothing can be read from', () => {
  const broken: [string, string, RegExp][] = [
    ['not JSON', '[{"file": "a.txt",', /manifest is not valid JSON/],
    ['an object', '{"file": "a.txt", "published": "2019-01-01"}', /must be a JSON array.*not object/],
    ['null', 'null', /must be a JSON array.*not null/],
    ['empty', '   ', /manifest is empty/],
  ];
  it.each(broken)('%s: each article fails once, naming the manifest', async (_n, body, message) => {
    const dir = await corpusDir({ 'a.txt': prose(1), 'b.txt': prose(2) }, body);
    const r = await loadArticleFiles([dir]);
    expect(r.articles).toEqual([]);
    expect(r.failures.map((f) => f.file)).toEqual(['a.txt', 'b.txt']);
    for (const f of r.failures) {
      expect(f.message).toContain(join(dir, 'manifest.json'));
      expect(f.message).toMatch(message);
    }
  });

  it('a missing override manifest: each article fails naming it', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1) }, [good('a.txt')]);
    const r = await loadArticleFiles([dir], { manifest: join(dir, 'nope.json') });
    expect(r.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^a\.txt: no publication date: there is no .*nope\.json/)]);
  });

  it('a directory without manifest.json says so per article', async () => {
    const dir = await corpusDir({ 'a.txt': prose(1) }, undefined);
    const r = await loadArticleFiles([dir]);
    expect(r.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^a\.txt: no publication date: there is no .*manifest\.json/)]);
  });
});

describe('failures are countable: one per article or path that yields nothing', () => {
  it('a mixed directory', async () => {
    const dir = await corpusDir(
      {
        'ok1.txt': prose(1),
        'ok2.txt': BOM + prose(2),
        'empty.txt': '',
        'binary.txt': new Uint8Array([0x48, 0, 1, 2]),
        'latin1.txt': new Uint8Array([0x48, 0xe9, 0x20, 0x41]),
        'unlisted.txt': prose(3),
        'baddate.txt': prose(4),
        'badurl.txt': prose(5),
        'html.txt': '<html><body><p>x</p></body></html>',
      },
      [
        good('ok1.txt'),
        good('ok2.txt'),
        good('empty.txt'),
        good('binary.txt'),
        good('latin1.txt'),
        { file: 'baddate.txt', published: '2021-02-30' },
        { ...good('badurl.txt'), url: 'javascript:alert(1)' },
        good('html.txt'),
        good('ghost.txt'),
        good('ok1.txt'),
      ],
    );
    await mkdir(join(dir, 'emptydir'));
    const r = await loadArticleFiles([dir, join(dir, 'emptydir'), join(dir, 'missing-path')]);
    expect(r.articles.map((a) => a.file).sort()).toEqual(['ok1.txt', 'ok2.txt']);
    // 7 bad articles + an empty directory + a missing path
    expect(r.failures).toHaveLength(9);
    expect(r.failures.every((f) => f instanceof InputError)).toBe(true);
    expect(r.errors).toBe(r.failures);
    // the missing listed file and the repeat of ok1.txt, in the manifest's order
    expect(r.warnings.map((w) => (w as ManifestEntryError).entry)).toEqual([8, 9]);
  });
});

describe('fuzz: parseManifest', () => {
  // a small deterministic PRNG so a failure reproduces
  const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const junk = (r: () => number): unknown => {
    const pick = Math.floor(r() * 12);
    const dates = ['2021-02-30', '2021-13-01', '2021-00-10', '99999-01-01', '', '2021-1-1', '\u0662\u0660\u0662\u0661-01-01', '2020-02-29T00:00'];
    const date = dates[Math.floor(r() * dates.length)];
    switch (pick) {
      case 0: return { file: `bad${Math.floor(r() * 1e6)}.txt`, published: date };
      case 1: return { file: `bad${Math.floor(r() * 1e6)}.txt` };
      case 2: return { file: `bad${Math.floor(r() * 1e6)}.txt`, published: '2020-01-01', ['x' + Math.floor(r() * 100)]: 1 };
      case 3: return { file: r() > 0.5 ? 7 : null, published: '2020-01-01' };
      case 4: return { file: `bad${Math.floor(r() * 1e6)}.txt`, published: '2020-01-01', url: ['javascript:x', ' data:,x', 'file:///x', 'http://', 'vbscript:x', 'JaVaScRiPt:x'][Math.floor(r() * 6)] };
      case 5: return [1, 2];
      case 6: return 'string entry';
      case 7: return null;
      case 8: return { __proto__: { published: '2020-01-01' }, file: `bad${Math.floor(r() * 1e6)}.txt` };
      case 9: return { file: `bad${Math.floor(r() * 1e6)}.txt`, published: '2020-01-01', title: { toString: 1 } };
      case 10: return { file: `bad${Math.floor(r() * 1e6)}.txt`, published: 2020 };
      default: return { constructor: 'x', file: `bad${Math.floor(r() * 1e6)}.txt`, published: '2020-01-01' };
    }
  };

  it('200 random manifests: exactly the good entries are used, every bad one is accounted for', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const goodNames = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, i) => `g${seed}-${i}.txt`);
      const entries: unknown[] = goodNames.map((f) => good(f));
      const badCount = Math.floor(r() * 8);
      for (let i = 0; i < badCount; i++) entries.splice(Math.floor(r() * (entries.length + 1)), 0, junk(r));
      const m = parseManifest('m.json', JSON.stringify(entries));
      expect([...m.entries.keys()].sort(), `seed ${seed}`).toEqual([...goodNames].sort());
      expect(m.rejected.size + m.warnings.length, `seed ${seed}`).toBe(badCount);
      for (const e of [...m.rejected.values(), ...m.warnings]) {
        expect(e.message.startsWith('m.json: entry [')).toBe(true);
        expect(entries[e.entry]).not.toEqual(good(e.article ?? ''));
      }
    }
  });

  it('random byte damage never escapes as anything but an InputError', () => {
    const base = Buffer.from(JSON.stringify([good('a.txt'), good('b.txt'), { file: 'c.txt', published: '2019-02-31', url: 'https://x.org' }]));
    for (let seed = 1; seed <= 500; seed++) {
      const r = rng(seed);
      const bytes = Buffer.from(base);
      const hits = 1 + Math.floor(r() * 4);
      for (let i = 0; i < hits; i++) bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
      try {
        const m = parseManifest('m.json', bytes);
        for (const { entry } of m.entries.values()) expect(entry.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      } catch (e) {
        expect(e, `seed ${seed}`).toBeInstanceOf(InputError);
        expect((e as Error).message.startsWith('m.json: ')).toBe(true);
      }
    }
  });
});
