/**
 * Writes N synthetic articles (default 10,000) plus a manifest.json into a directory, by
 * recombining the sample corpus's paragraphs — enough variety for load tests of the store and the
 * API, not for extraction quality. The distributions follow what a news archive looks like:
 *  - speakers drawn from a pool that grows with the corpus (one per ~3 articles), by a Zipf law
 *    (exponent ~1.05): a few hubs quoted in thousands of articles, most actors in one or two;
 *  - publication dates over 15 years (2010–2024), volume growing over time;
 *  - article lengths long-tailed (mostly 3–8 paragraphs, a few of 20–40).
 * Deterministic: the same --seed and sample corpus give byte-identical files.
 *
 *   tsx bench/generate-corpus.ts --out /tmp/corpus-10k [--count 10000] [--seed 1] [--from corpus]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { loadArticleFiles } from '../ingest/index.ts';
import type { ManifestEntry } from '../ingest/stages/load.ts';
import { prng } from './prng.ts';

const rng = prng;

const FIRST = ['Adel', 'Karim', 'Samir', 'Laila', 'Hana', 'Omar', 'Yusuf', 'Rania', 'Tariq', 'Nadia', 'James', 'Sarah', 'Michael', 'Emily', 'Robert', 'Linda', 'David', 'Karen', 'Thomas', 'Julia', 'Amira', 'Bashir', 'Farid', 'Ines', 'Jonas', 'Marta', 'Pavel', 'Rosa', 'Stefan', 'Yara'];
/** Surnames are built from syllables, so that a 100k corpus can have tens of thousands of distinct speakers. */
const ONSETS = ['B', 'D', 'F', 'G', 'H', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'V', 'Z', 'Br', 'Kr', 'St', 'Tr', 'Gh'];
const SYLLABLES = ['a', 'e', 'i', 'o', 'u', 'ar', 'en', 'ol', 'ir', 'us', 'an', 'et', 'ov', 'ak', 'im'];
const CODAS = ['ri', 'ni', 'son', 'vic', 'ez', 'ani', 'ov', 'berg', 'ali', 'ski', 'do', 'ter'];

/** The `n` distinct synthetic speakers of a corpus, in a seeded order (rank 0 is the biggest hub). */
export function speakerPool(n: number, rand: () => number): string[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const names = new Set<string>();
  // Bounded: the name space (30 × 20 × 15² × 12 ≈ 1.6M, plus three-syllable forms) is far larger than any pool asked for.
  for (let tries = 0; names.size < n && tries < n * 50; tries++) {
    const middle = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(SYLLABLES)).join('');
    names.add(`${pick(FIRST)} ${pick(ONSETS)}${middle}${pick(CODAS)}`);
  }
  return [...names];
}

/** Samples ranks 0…n-1 with P(r) ∝ 1/(r+1)^s (binary search over the cumulative weights). */
export function zipfSampler(n: number, s: number, rand: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / Math.pow(r + 1, s);
  return () => {
    const u = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Person-like names the sample corpus quotes (two or three capitalised words before a speech verb). */
function speakerNames(texts: string[]): string[] {
  const names = new Set<string>();
  const re = /\b([A-Z][a-z]+(?: (?:al-)?[A-Z][a-z]+){1,2})(?:,[^,]{1,60},)? (?:said|told|says|added|stated|announced)\b/g;
  const titles = /^(?:(?:Secretary|General|Adviser|State|President|Minister|Prime|Defense|Defence|Spokesman|Colonel|Major|Lieutenant|Ambassador) )+/;
  for (const t of texts) for (const m of t.matchAll(re)) names.add((m[1] as string).replace(titles, ''));
  return [...names].filter((n) => n.includes(' ') && !/^(The|A|An|In|On|US|Iraq|Iraqi|American)\b/.test(n));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export interface GenerateOptions {
  out: string;
  count?: number;
  seed?: number;
  from?: string;
  /** distinct synthetic speakers (default: one per 3 articles, at least 200) */
  actors?: number;
}

/** Publication dates span 2010-01-01 … 2024-12-31. */
export const FIRST_DAY = Date.UTC(2010, 0, 1);
export const LAST_DAY = Date.UTC(2024, 11, 31);

/** Generates the corpus; returns the number of articles written. */
export async function generateCorpus(opts: GenerateOptions): Promise<number> {
  const count = opts.count ?? 10_000;
  const from = opts.from ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../corpus');
  const rand = rng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

  // the project's own loader: a bad sample corpus fails here with the file named
  const { articles: manifest, errors } = await loadArticleFiles([from]);
  if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
  const texts = manifest.map((m) => m.text);
  // Paragraphs long enough to be prose (skips the language tag, headline and blank-ish lines).
  const paragraphs = texts.flatMap((t) => t.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 120));
  const names = speakerNames(texts);
  if (paragraphs.length === 0) throw new Error(`no paragraphs found in ${from}`);

  fs.mkdirSync(opts.out, { recursive: true });
  const span = LAST_DAY - FIRST_DAY;
  const pool = speakerPool(opts.actors ?? Math.max(200, Math.round(count / 3)), rand);
  const speaker = zipfSampler(pool.length, 1.05, rand);
  const out: ManifestEntry[] = [];
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    // Long-tailed length: 3–8 paragraphs, one article in 20 of 20–40.
    const n = rand() < 0.05 ? 20 + Math.floor(rand() * 21) : 3 + Math.floor(rand() * 6);
    let body = Array.from({ length: n }, () => pick(paragraphs)).join('\n\n');
    // Most quoted people become synthetic speakers drawn by popularity, consistently within the article.
    for (const name of names) {
      if (rand() < 0.15 || !body.includes(name)) continue;
      const fresh = pool[speaker()] as string;
      const surname = name.split(' ').at(-1) as string;
      body = body.replace(new RegExp(`\\b${escapeRe(name)}\\b`, 'g'), fresh);
      body = body.replace(new RegExp(`\\b${escapeRe(surname)}\\b`, 'g'), fresh.split(' ').at(-1) as string);
    }
    const base = pick(manifest);
    const title = `${base.title} (${i + 1})`;
    // Volume growing over the 15 years (an archive gets more per year): a third uniform, the rest
    // with density ∝ t (inverse CDF: √u).
    const u = rand();
    const published = isoDay(new Date(FIRST_DAY + Math.floor((rand() < 1 / 3 ? u : Math.sqrt(u)) * span)));
    const file = `${String(i).padStart(width, '0')}_synthetic.txt`;
    fs.writeFileSync(path.join(opts.out, file), `English\n\n${title}\n\n${body}\n`);
    out.push({ file, title, source: base.source, url: null, published });
  }
  fs.writeFileSync(path.join(opts.out, 'manifest.json'), JSON.stringify(out, null, 1));
  return count;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      count: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      from: { type: 'string' },
      actors: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write('usage: tsx bench/generate-corpus.ts --out DIR [--count N] [--seed S] [--from corpus]\n');
    process.exit(1);
  }
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) {
    process.stderr.write(`--count must be a positive integer, got ${values.count}\n`);
    process.exit(1);
  }
  const t0 = performance.now();
  const n = await generateCorpus({
    out: values.out,
    count,
    seed: Number(values.seed),
    ...(values.from ? { from: values.from } : {}),
    ...(values.actors ? { actors: Number(values.actors) } : {}),
  });
  process.stdout.write(`wrote ${n} articles + manifest.json to ${values.out} in ${Math.round(performance.now() - t0)} ms\n`);
}
