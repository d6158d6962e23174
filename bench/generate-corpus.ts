/**
 * Writes N synthetic articles (default 10,000) plus a manifest.json into a directory, by
 * recombining the sample corpus's paragraphs with shifted publication dates and varied speaker
 * names — enough variety for load tests of the store and the API, not for extraction quality.
 *
 *   tsx bench/generate-corpus.ts --out /tmp/corpus-10k [--count 10000] [--seed 1] [--from corpus]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { loadArticleFiles } from '../ingest/index.ts';
import type { ManifestEntry } from '../ingest/stages/load.ts';

/** Small seeded PRNG (mulberry32): the same seed gives the same corpus. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Adel', 'Karim', 'Samir', 'Laila', 'Hana', 'Omar', 'Yusuf', 'Rania', 'Tariq', 'Nadia', 'James', 'Sarah', 'Michael', 'Emily', 'Robert', 'Linda', 'David', 'Karen', 'Thomas', 'Julia'];
const LAST = ['al-Hashimi', 'al-Jaburi', 'Barzani', 'al-Amiri', 'Talabani', 'al-Khazali', 'Hakim', 'Allawi', 'Mutlaq', 'Nujaifi', 'Harrison', 'Whitfield', 'Caldwell', 'Brennan', 'Okafor', 'Lindqvist', 'Moreau', 'Castillo', 'Novak', 'Fairbanks'];

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
}

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
  const start = Date.UTC(2008, 0, 1);
  const span = Date.UTC(2024, 11, 31) - start;
  const out: ManifestEntry[] = [];
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const n = 3 + Math.floor(rand() * 6);
    let body = Array.from({ length: n }, () => pick(paragraphs)).join('\n\n');
    // Replace some quoted people with synthetic ones, consistently within the article.
    for (const name of names) {
      if (rand() < 0.5 || !body.includes(name)) continue;
      const fresh = `${pick(FIRST)} ${pick(LAST)}`;
      const surname = name.split(' ').at(-1) as string;
      body = body.replace(new RegExp(`\\b${escapeRe(name)}\\b`, 'g'), fresh);
      body = body.replace(new RegExp(`\\b${escapeRe(surname)}\\b`, 'g'), fresh.split(' ').at(-1) as string);
    }
    const base = pick(manifest);
    const title = `${base.title} (${i + 1})`;
    const published = isoDay(new Date(start + Math.floor(rand() * span)));
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
  const n = await generateCorpus({ out: values.out, count, seed: Number(values.seed), ...(values.from ? { from: values.from } : {}) });
  process.stdout.write(`wrote ${n} articles + manifest.json to ${values.out} in ${Math.round(performance.now() - t0)} ms\n`);
}
