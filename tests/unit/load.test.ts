import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArticleInput, decodeArticleBytes, isRealDay, loadArticleFiles } from '../../ingest/stages/load.ts';
import type { ArticleInput } from '../../ingest/types.ts';

const base: ArticleInput = { file: 'a.txt', text: 'The minister said the talks went well.', title: 'T', source: 'S', url: null, published: '2020-05-01' };

describe('load stage', () => {
  it('accepts real calendar days only', () => {
    expect(isRealDay('2024-02-29')).toBe(true);
    expect(isRealDay('2023-02-29')).toBe(false);
    expect(isRealDay('2021-13-01')).toBe(false);
  });

  it('refuses empty, binary and non-UTF-8 bytes, naming the file', () => {
    expect(() => decodeArticleBytes('e.txt', new Uint8Array())).toThrow(/e\.txt: empty file/);
    expect(() => decodeArticleBytes('b.txt', new Uint8Array([0x48, 0, 0x49]))).toThrow(/b\.txt: binary/);
    expect(() => decodeArticleBytes('l.txt', new Uint8Array([0x48, 0xe9, 0x20, 0x41]))).toThrow(/l\.txt: not valid UTF-8/);
    expect(decodeArticleBytes('ok.txt', new TextEncoder().encode('\uFEFFبغداد 🙂'))).toBe('بغداد 🙂');
  });

  it('checks article inputs: whitespace, HTML, long lines, dates', () => {
    expect(() => checkArticleInput({ ...base, text: '  \n\t ' })).toThrow(/a\.txt: no text/);
    expect(() => checkArticleInput({ ...base, text: '<html><body><p>x</p></body></html>' })).toThrow(/HTML/);
    expect(() => checkArticleInput({ ...base, text: 'x'.repeat(300_000) })).toThrow(/single line/);
    expect(() => checkArticleInput({ ...base, published: '2021-02-30' })).toThrow(/impossible publication date/);
    expect(() => checkArticleInput({ ...base, published: '' })).toThrow(/no publication date/);
    expect(checkArticleInput({ ...base, title: '', text: 'Headline here\r\nBody.' })).toMatchObject({ title: 'Headline here', text: 'Headline here\nBody.' });
  });

  it('reads a directory with its manifest, and reports bad files without stopping', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cg-load-'));
    await writeFile(join(dir, 'good.txt'), 'Officials said the talks would resume.');
    await writeFile(join(dir, 'undated.txt'), 'No date for this one.');
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'manifest.json'), JSON.stringify([{ file: 'good.txt', title: 'Good', source: 'Wire', published: '2019-03-04' }, { file: 'empty.txt', published: '2019-03-04' }]));
    const { articles, errors } = await loadArticleFiles([dir]);
    expect(articles.map((a) => a.file)).toEqual(['good.txt']);
    expect(articles[0]).toMatchObject({ title: 'Good', source: 'Wire', published: '2019-03-04' });
    const messages = errors.map((e) => e.message).sort();
    expect(messages).toEqual([expect.stringMatching(/^empty\.txt: empty file/), expect.stringMatching(/^undated\.txt: no publication date/)]);
  });

  it('names a malformed manifest and the entry at fault', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cg-load-'));
    await writeFile(join(dir, 'a.txt'), 'Text.');
    await writeFile(join(dir, 'bad.json'), JSON.stringify([{ file: 'a.txt', published: '2019-02-31' }]));
    const { articles, failures } = await loadArticleFiles([dir], { manifest: join(dir, 'bad.json') });
    expect(articles).toEqual([]);
    expect(failures.map((e) => e.message)).toEqual([expect.stringMatching(/bad\.json: entry \[0\] \("a\.txt"\): published: "2019-02-31" is not a real calendar date.*not loaded/)]);
    await writeFile(join(dir, 'bad.json'), '{not json');
    const r2 = await loadArticleFiles([dir], { manifest: join(dir, 'bad.json') });
    expect(r2.failures.map((e) => e.message)).toEqual([expect.stringMatching(/^a\.txt: not loaded: .*bad\.json: manifest is not valid JSON/)]);
  });
});
