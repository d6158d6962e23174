/**
 * Stage 0, load: files and manifests → checked `ArticleInput`s. Every problem is an InputError
 * naming the file, so one bad article never stops the others.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError, type ArticleInput } from '../types.ts';

/**
 * Articles above this size are refused: a news article is tens of kilobytes, and extraction of
 * 1 MB takes about 2 s on one core (measured: 566 KB in 1.0 s, 1.7 MB in 3.8 s), the most an
 * ingest should spend on one article.
 */
export const MAX_ARTICLE_BYTES = 1024 * 1024;
/** A single line this long is almost always a dump, not prose. Kept generous. */
export const MAX_LINE_CHARS = 200_000;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isRealDay, 'not a real calendar date');

export const ManifestEntry = z.object({
  file: z.string().min(1),
  title: z.string().min(1).optional(),
  source: z.string().optional(),
  url: z.string().nullable().optional(),
  published: isoDay,
});
export const Manifest = z.array(ManifestEntry);
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export function isRealDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d && y >= 1900 && y <= 2100;
}

/** Decodes bytes as UTF-8 text, refusing empty, binary and non-UTF-8 input. */
export function decodeArticleBytes(file: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new InputError(file, 'empty file');
  if (bytes.length > MAX_ARTICLE_BYTES)
    throw new InputError(file, `too large: ${(bytes.length / 1048576).toFixed(1)} MB (limit ${MAX_ARTICLE_BYTES / 1048576} MB per article)`);
  if (bytes.includes(0)) throw new InputError(file, 'binary file (contains NUL bytes), expected UTF-8 plain text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(file, `not valid UTF-8 text (first bad byte near offset ${firstBadUtf8(bytes)}); convert it to UTF-8`);
  }
  return text.replace(/^\uFEFF/, '');
}

function firstBadUtf8(bytes: Uint8Array): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // binary search for the shortest invalid prefix (ignoring a truncated tail sequence)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      dec.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/** Checks an article (from a file or the API); returns it normalised or throws an InputError naming it. */
export function checkArticleInput(input: ArticleInput): ArticleInput {
  const { file } = input;
  const text = input.text.replace(/\r\n?/g, '\n');
  if (!text.trim()) throw new InputError(file, 'no text (empty or whitespace only)');
  if (Buffer.byteLength(text, 'utf8') > MAX_ARTICLE_BYTES)
    throw new InputError(file, `too large: over ${MAX_ARTICLE_BYTES / 1048576} MB of text`);
  // eslint-disable-next-line no-control-regex
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 0 && controls / text.length > 0.001) throw new InputError(file, 'binary content (control characters), expected plain text');
  if (looksLikeHtml(text)) throw new InputError(file, 'looks like HTML markup; give the article as plain text');
  let longest = 0;
  for (const line of text.split('\n')) longest = Math.max(longest, line.length);
  if (longest > MAX_LINE_CHARS) throw new InputError(file, `a single line of ${longest} characters (limit ${MAX_LINE_CHARS}); is this prose?`);
  if (!input.published) throw new InputError(file, 'no publication date (add it to manifest.json as "published": "YYYY-MM-DD")');
  if (!isRealDay(input.published)) throw new InputError(file, `impossible publication date "${input.published}" (expected a real YYYY-MM-DD)`);
  const title = input.title.trim() || firstLine(text);
  return { ...input, text, title, source: input.source.trim() || 'unknown', url: input.url ?? null };
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return true;
  const tags = text.slice(0, 20000).match(/<\/?(p|div|span|a|br|html|body|head|script|style|table|li|ul|h[1-6])\b[^>]*>/gi)?.length ?? 0;
  return tags >= 5;
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? 'untitled';
}

/** Reads and validates a manifest file; errors name the manifest and the entry. */
export async function readManifest(path: string): Promise<Map<string, ManifestEntry>> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError(path, `cannot read manifest: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new InputError(path, `manifest is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(path, `malformed manifest at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return new Map(parsed.data.map((e) => [basename(e.file), e]));
}

export interface LoadResult {
  articles: ArticleInput[];
  errors: InputError[];
}

/**
 * Expands files and directories into checked articles. A directory's `manifest.json` is read
 * automatically; `opts.manifest` overrides it for every path.
 */
export async function loadArticleFiles(paths: string[], opts: { manifest?: string } = {}): Promise<LoadResult> {
  const articles: ArticleInput[] = [];
  const errors: InputError[] = [];
  let override: Map<string, ManifestEntry> | undefined;
  if (opts.manifest) {
    try {
      override = await readManifest(opts.manifest);
    } catch (e) {
      errors.push(e as InputError);
      return { articles, errors };
    }
  }
  const manifests = new Map<string, Map<string, ManifestEntry> | null>();
  const manifestFor = async (dir: string) => {
    if (override) return override;
    if (!manifests.has(dir)) {
      const p = join(dir, 'manifest.json');
      try {
        await stat(p);
        manifests.set(dir, await readManifest(p));
      } catch (e) {
        if (e instanceof InputError) errors.push(e);
        manifests.set(dir, null);
      }
    }
    return manifests.get(dir) ?? undefined;
  };

  const files: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try {
      st = await stat(abs);
    } catch {
      errors.push(new InputError(p, 'no such file or directory'));
      continue;
    }
    if (st.isDirectory()) {
      const names = (await readdir(abs)).filter((n) => n.endsWith('.txt')).sort();
      if (!names.length) errors.push(new InputError(p, 'directory holds no .txt articles'));
      files.push(...names.map((n) => join(abs, n)));
    } else files.push(abs);
  }

  for (const f of files) {
    const name = basename(f);
    try {
      const bytes = await readFile(f);
      const text = decodeArticleBytes(name, bytes);
      const entry = (await manifestFor(dirname(f)))?.get(name);
      if (!entry) throw new InputError(name, 'no publication date: the file is not listed in manifest.json (add {"file", "published": "YYYY-MM-DD"})');
      articles.push(
        checkArticleInput({
          file: name,
          text,
          title: entry.title ?? '',
          source: entry.source ?? '',
          url: entry.url ?? null,
          published: entry.published,
        }),
      );
    } catch (e) {
      errors.push(e instanceof InputError ? e : new InputError(name, (e as Error).message));
    }
  }
  return { articles, errors };
}
