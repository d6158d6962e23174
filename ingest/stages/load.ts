/**
 * Stage 0, load: files and manifests → checked `ArticleInput`s. Every problem is an InputError
 * naming the file (and, for a manifest, the entry), so one bad article or manifest entry never
 * stops the others.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { clip, describeIssues, isHttpUrl, isRealDay, ManifestEntry } from '../article-input.ts';
import { InputError, type ArticleInput } from '../types.ts';

export { isHttpUrl, isRealDay, ManifestEntry } from '../article-input.ts';

/**
 * Articles above this size are refused: a news article is tens of kilobytes, and extraction of
 * 1 MB takes about 2 s on one core (measured: 566 KB in 1.0 s, 1.7 MB in 3.8 s), the most an
 * ingest should spend on one article.
 */
export const MAX_ARTICLE_BYTES = 1024 * 1024;
/** A single line this long is almost always a dump, not prose. Kept generous. */
export const MAX_LINE_CHARS = 200_000;

/** Decodes bytes as UTF-8 text (a leading BOM is dropped), refusing empty, binary and non-UTF-8 input. */
export function decodeArticleBytes(file: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new InputError(file, 'empty file');
  if (bytes.length > MAX_ARTICLE_BYTES)
    throw new InputError(file, `too large: ${(bytes.length / 1048576).toFixed(1)} MB (limit ${MAX_ARTICLE_BYTES / 1048576} MB per article)`);
  // UTF-16 has NUL bytes in ASCII text: name the encoding rather than calling it binary
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new InputError(file, 'UTF-16 text (byte order mark FF FE / FE FF); convert it to UTF-8');
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

/**
 * Checks an article whatever way it came in (files, API, archive); returns it normalised or
 * throws an InputError naming it. The same predicates as the schemas of ../article-input.ts.
 */
export function checkArticleInput(input: ArticleInput): ArticleInput {
  const { file } = input;
  const text = input.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
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
  if (!isRealDay(input.published)) throw new InputError(file, `impossible publication date ${clip(input.published)} (expected a real YYYY-MM-DD)`);
  const url = input.url?.trim() || null;
  if (url !== null && !isHttpUrl(url))
    throw new InputError(file, `url ${clip(url)} is not an http(s) URL (javascript:, data:, file: and other schemes are refused); fix it or leave it out`);
  const title = input.title.trim() || firstLine(text);
  return { ...input, text, title, source: input.source.trim() || 'unknown', url };
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

// ---- manifests ----------------------------------------------------------------------------------

/** A problem with one manifest entry: `file` is the manifest, `entry` the 0-based index, `article` the file it lists. */
export class ManifestEntryError extends InputError {
  constructor(
    readonly manifest: string,
    readonly entry: number,
    readonly article: string | null,
    readonly problem: string,
  ) {
    super(manifest, `entry [${entry}]${article ? ` (${clip(article)})` : ''}: ${problem}`);
    this.name = 'ManifestEntryError';
  }
}

/** A manifest read entry by entry: the good entries are used whatever is wrong with the others. */
export interface Manifest {
  /** the manifest's path as shown in messages */
  path: string;
  /** the entry used for each listed file name */
  entries: Map<string, { entry: ManifestEntry; index: number }>;
  /** the first bad entry of each file name no good entry lists (that article fails when it is loaded) */
  rejected: Map<string, ManifestEntryError>;
  /** entry problems that cost no article: a file listed again, a bad entry with no file name or superseded by a good one */
  warnings: ManifestEntryError[];
}

/**
 * Parses a manifest's bytes. Throws an InputError naming the manifest only when nothing in it
 * can be used (not UTF-8, not JSON, not an array); a bad entry is recorded and skipped.
 */
export function parseManifest(path: string, bytes: Uint8Array | string): Manifest {
  let raw: string;
  try {
    raw = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(path, 'manifest is not valid UTF-8 text');
  }
  raw = raw.replace(/^\uFEFF/, '');
  if (!raw.trim()) throw new InputError(path, 'manifest is empty (expected a JSON array of {"file", "published": "YYYY-MM-DD"} entries)');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new InputError(path, `manifest is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(json))
    throw new InputError(path, `manifest must be a JSON array of {"file", "published": "YYYY-MM-DD"} entries, not ${json === null ? 'null' : typeof json}`);

  const entries = new Map<string, { entry: ManifestEntry; index: number }>();
  const bad = new Map<string, ManifestEntryError[]>();
  const warnings: ManifestEntryError[] = [];
  json.forEach((value: unknown, index) => {
    const parsed = ManifestEntry.safeParse(value);
    if (!parsed.success) {
      const listed = listedName(value);
      const err = new ManifestEntryError(path, index, listed, describeIssues(parsed.error));
      if (listed === null) warnings.push(err);
      else bad.set(listed, [...(bad.get(listed) ?? []), err]);
      return;
    }
    const name = basename(parsed.data.file);
    const first = entries.get(name);
    if (first) warnings.push(new ManifestEntryError(path, index, name, `lists the file again (first at entry [${first.index}]); this entry is ignored`));
    else entries.set(name, { entry: parsed.data, index });
  });
  const rejected = new Map<string, ManifestEntryError>();
  for (const [name, errs] of bad) {
    const used = entries.get(name);
    if (used) {
      for (const e of errs) warnings.push(new ManifestEntryError(path, e.entry, name, `${e.problem}; ignored, entry [${used.index}] lists the same file and is used`));
    } else {
      rejected.set(name, errs[0]!);
      for (const e of errs.slice(1)) warnings.push(new ManifestEntryError(path, e.entry, name, `${e.problem}; lists the file again (first at entry [${errs[0]!.entry}])`));
    }
  }
  return { path, entries, rejected, warnings };
}

/** The file name a (possibly malformed) entry lists, if it lists one. */
function listedName(value: unknown): string | null {
  const f = (value as { file?: unknown } | null)?.file;
  return typeof f === 'string' && f.trim() ? basename(f.trim()) : null;
}

/** Reads and parses a manifest file; throws an InputError naming it when it cannot be read or used at all. */
export async function readManifest(path: string, shown = path): Promise<Manifest> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InputError(shown, `cannot read manifest: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseManifest(shown, bytes);
}

// ---- files and directories ----------------------------------------------------------------------

export interface LoadResult {
  /** checked articles, ready for extraction */
  articles: ArticleInput[];
  /**
   * One per input that yields no article: an article file (unreadable, binary, no or a bad
   * manifest entry, failed checks) or a path that holds none. `failures.length` is the count
   * of failed inputs to report and exit non-zero on.
   */
  failures: InputError[];
  /** Problems that cost no article: a manifest entry listing a missing file or a file twice, a bad entry for a file not loaded. */
  warnings: InputError[];
  /** @deprecated the same array as `failures`, for callers not yet moved to it */
  errors: InputError[];
}

/** Where the manifest for a directory stands. */
type ManifestState = { manifest: Manifest } | { broken: InputError } | { missing: string };

/**
 * Expands files and directories into checked articles. A directory's `manifest.json` is read
 * automatically; `opts.manifest` overrides it for every path.
 */
export async function loadArticleFiles(paths: string[], opts: { manifest?: string } = {}): Promise<LoadResult> {
  const articles: ArticleInput[] = [];
  const failures: InputError[] = [];
  const warnings: InputError[] = [];

  // 1. the article files, each with the path it is shown by and whether its directory was listed
  const files: { abs: string; dir: string; shownDir: string }[] = [];
  const seenFiles = new Set<string>();
  const scannedDirs = new Set<string>();
  const addFile = (abs: string, shownDir: string) => {
    if (seenFiles.has(abs)) return;
    seenFiles.add(abs);
    files.push({ abs, dir: dirname(abs), shownDir });
  };
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try {
      st = await stat(abs);
    } catch {
      failures.push(new InputError(p, 'no such file or directory'));
      continue;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(abs)).filter((n) => n.endsWith('.txt')).sort();
      } catch (e) {
        failures.push(new InputError(p, `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
        continue;
      }
      scannedDirs.add(abs);
      if (!names.length) failures.push(new InputError(p, 'directory holds no .txt articles'));
      for (const n of names) addFile(join(abs, n), p);
    } else addFile(abs, dirname(p));
  }

  // 2. manifests: the override, or each directory's manifest.json, read once
  let override: ManifestState | undefined;
  if (opts.manifest) override = await manifestState(opts.manifest, opts.manifest);
  const byDir = new Map<string, ManifestState>();
  const manifestFor = async (dir: string, shownDir: string): Promise<ManifestState> => {
    if (override) return override;
    let m = byDir.get(dir);
    if (!m) {
      m = await manifestState(join(dir, 'manifest.json'), join(shownDir, 'manifest.json'));
      byDir.set(dir, m);
    }
    return m;
  };

  // 3. each file: its entry, its bytes, the article checks
  /** per manifest: the names looked up in it and the directories it served */
  const used = new Map<Manifest, { names: Set<string>; dirs: Set<string> }>();
  for (const f of files) {
    const name = basename(f.abs);
    try {
      const state = await manifestFor(f.dir, f.shownDir);
      if ('broken' in state) throw new InputError(name, `not loaded: its manifest cannot be used (${state.broken.message})`);
      if ('missing' in state)
        throw new InputError(name, `no publication date: there is no ${state.missing} (add [{"file": ${clip(name)}, "published": "YYYY-MM-DD"}])`);
      const m = state.manifest;
      const u = used.get(m) ?? { names: new Set<string>(), dirs: new Set<string>() };
      used.set(m, u);
      u.names.add(name);
      u.dirs.add(f.dir);
      const listed = m.entries.get(name);
      if (!listed) {
        const rejected = m.rejected.get(name);
        if (rejected) throw new ManifestEntryError(m.path, rejected.entry, name, `${rejected.problem}; the article is not loaded`);
        throw new InputError(name, `no publication date: not listed in ${m.path} (add {"file": ${clip(name)}, "published": "YYYY-MM-DD"})`);
      }
      const text = decodeArticleBytes(name, await readFile(f.abs));
      const { entry } = listed;
      articles.push(
        checkArticleInput({ file: name, text, title: entry.title ?? '', source: entry.source ?? '', url: entry.url ?? null, published: entry.published }),
      );
    } catch (e) {
      failures.push(e instanceof InputError ? e : new InputError(name, (e as Error).message));
    }
  }

  // 4. what the manifests list that this run did not load
  for (const [m, u] of used) {
    const notes: ManifestEntryError[] = [...m.warnings];
    for (const [name, err] of m.rejected) {
      if (u.names.has(name)) continue;
      const found = await firstExisting([...u.dirs].map((d) => join(d, name)));
      notes.push(found ? err : new ManifestEntryError(m.path, err.entry, name, `${err.problem}; and the listed file does not exist`));
    }
    for (const [name, { index }] of m.entries) {
      if (u.names.has(name)) continue;
      const found = await firstExisting([...u.dirs].map((d) => join(d, name)));
      if (!found) notes.push(new ManifestEntryError(m.path, index, name, 'lists a file that does not exist'));
      else if (scannedDirs.has(dirname(found)) && !name.endsWith('.txt'))
        notes.push(new ManifestEntryError(m.path, index, name, 'lists a file that is not loaded: a directory\'s articles are its .txt files'));
    }
    // in the manifest's order, so a reader can walk down the file
    warnings.push(...notes.sort((a, b) => a.entry - b.entry));
  }
  return { articles, failures, warnings, errors: failures };
}

async function manifestState(path: string, shown: string): Promise<ManifestState> {
  try {
    await stat(path);
  } catch {
    return { missing: shown };
  }
  try {
    return { manifest: await readManifest(path, shown) };
  } catch (e) {
    return { broken: e instanceof InputError ? e : new InputError(shown, (e as Error).message) };
  }
}

async function firstExisting(candidates: string[]): Promise<string | null> {
  for (const c of candidates) {
    try {
      if ((await stat(c)).isFile()) return c;
    } catch {
      /* not there */
    }
  }
  return null;
}
