/**
 * Machinery of the archive kill tests: a seeded corpus of small articles written for these tests
 * (invented people and places, not the sample articles), the graph counts a clean run of any subset
 * of it gives, writer processes (the CLI ingest, the real server) and ways to SIGKILL them at a
 * seeded random moment or in a given on-disk state (the SIGSTOP technique of
 * ladybug-checkpoint-crash.test.ts: freeze, check the files, then kill or let go).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NODE_LABELS, REL_TYPES, type GraphRecords } from '../../../cypher/schema.ts';
import type { Counts } from '../../../cypher/store.ts';
import { extractArticle, toGraphRecords, type ArticleInput } from '../../../ingest/index.ts';
import { prng } from '../../../bench/prng.ts';
import { freeze } from './spawn.ts';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export const rng = prng;

const FIRST = ['Mirela', 'Tobiah', 'Ysolde', 'Kasimir', 'Oona', 'Bertrand', 'Zofia', 'Eamon', 'Ludmila', 'Ravindra', 'Petronella', 'Anselm'];
const LAST = ['Vantongeren', 'Okonkwo-Reyes', 'Halvorsen', 'Quispe', 'Draganova', 'Achterberg', 'Nakashima', 'Ferreira-Lutz', 'Oyelaran', 'Kowalczyk'];
const PLACES = ['Port Elsmere', 'Vaddenholm', 'Kirrawee', 'San Telmo de Arriba', 'Ostrava-Lhota', 'Millbrook Falls'];
const BODIES = ['the harbour authority', 'the regional water board', 'the teachers union', 'the transit commission', 'the farmers cooperative'];
const TOPICS = ['the new ferry timetable', 'the reservoir expansion', 'the school closures', 'the tram extension', 'the grain subsidy'];

/** n small articles (about 700 characters, three or four statements each) and their manifest entries. */
export function makeCorpus(n: number, seed = 7): ArticleInput[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: ArticleInput[] = [];
  for (let i = 0; i < n; i++) {
    const a = `${pick(FIRST)} ${pick(LAST)}`;
    let b = `${pick(FIRST)} ${pick(LAST)}`;
    if (b === a) b = `${pick(FIRST)} ${pick(LAST)}-Moss`;
    const place = pick(PLACES);
    const body = pick(BODIES);
    const topic = pick(TOPICS);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 27);
    const year = 2001 + Math.floor(r() * 20);
    const count = 3 + i;
    const text = [
      `${a}, who chairs ${body} in ${place}, said on Monday that ${topic} would be delayed by at least ${count} weeks.`,
      `"We cannot sign off on something nobody has costed," ${a} told reporters outside the town hall.`,
      `${b}, a councillor from the opposition bench, said the delay was "a gift to the contractors" and called for an inquiry.`,
      `According to ${body}, ${count * 7} residents wrote in during the consultation, most of them about ${topic}.`,
      `"Item ${i} stays on the agenda until the money is found," ${b} said.`,
    ].join('\n\n');
    out.push({
      file: `${String(i).padStart(4, '0')}-local-news.txt`,
      text,
      title: `Row over ${topic} in ${place} (${i})`,
      source: 'Kill Test Gazette',
      url: `https://example.org/news/${i}`,
      published: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    });
  }
  return out;
}

/** Writes a corpus as files plus manifest.json (what `npm run ingest` and the first-start seed read). */
export function writeCorpus(dir: string, articles: ArticleInput[]): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const a of articles) fs.writeFileSync(path.join(dir, a.file), a.text);
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify(articles.map(({ file, title, source, url, published }) => ({ file, title, source, url, published }))),
  );
}

/** Each article's id and graph records, extracted once (the same code the writers run). */
export function recordsOf(articles: ArticleInput[]): Map<string, GraphRecords> {
  const m = new Map<string, GraphRecords>();
  for (const a of articles) {
    const doc = extractArticle(a);
    m.set(doc.articleId, toGraphRecords(doc));
  }
  return m;
}

/**
 * Counts a clean run of exactly `ids` gives: nodes are merged by id across articles, relationships
 * are per article. (Checked against a real clean run in the test.)
 */
export function cleanCounts(records: Map<string, GraphRecords>, ids: Iterable<string>): Counts {
  const nodes = Object.fromEntries(NODE_LABELS.map((l) => [l, new Set<string>()])) as Record<(typeof NODE_LABELS)[number], Set<string>>;
  const rels = Object.fromEntries(REL_TYPES.map((t) => [t, 0])) as Counts['rels'];
  for (const id of ids) {
    const rec = records.get(id);
    if (!rec) throw new Error(`no records for ${id}`);
    for (const l of NODE_LABELS) for (const n of rec.nodes[l]) nodes[l].add(n.id);
    for (const t of REL_TYPES) rels[t] += rec.rels[t].length;
  }
  return { nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, nodes[l].size])) as Counts['nodes'], rels };
}

export interface Writer {
  proc: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first line (stdout or stderr) matching; rejects when the writer exits first. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
}

export function startWriter(script: string, args: string[], env: Record<string, string | undefined>): Writer {
  const proc = spawn(process.execPath, ['--import', TSX, path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  const feed = (into: string[]) => {
    let buf = '';
    return (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        into.push(line);
        for (const w of [...waiters]) if (w.re.test(line)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(line));
      }
    };
  };
  proc.stdout!.on('data', feed(stdout));
  proc.stderr!.on('data', feed(stderr));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    proc,
    stdout,
    stderr,
    exited,
    waitFor(re, timeoutMs = 60_000) {
      const seen = [...stdout, ...stderr].find((l) => re.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`writer printed no ${re}; stderr: ${stderr.slice(-5).join(' | ')}`)), timeoutMs);
        waiters.push({ re, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then(() =>
          setTimeout(() => {
            clearTimeout(timer);
            reject(new Error(`writer exited before ${re}; stdout: ${stdout.slice(-3).join(' | ')} stderr: ${stderr.slice(-5).join(' | ')}`));
          }, 50),
        );
      });
    },
  };
}

export function listing(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    try {
      out[name] = fs.statSync(path.join(dir, name)).size;
    } catch {
      // removed meanwhile
    }
  }
  return out;
}

/**
 * Polls the data directory every millisecond; when `state(files)` holds, freezes the writer,
 * checks again on the frozen files, and SIGKILLs it (the `skip` first frozen matches are let go,
 * so a seed can pick the 1st, 2nd… occurrence). Resolves with what was on disk when it was killed,
 * or null when the writer exited first.
 */
export function killWhen(
  w: Writer,
  dataDir: string,
  state: (files: { data: Record<string, number>; staging: Record<string, number> }) => boolean,
  skip = 0,
): Promise<{ data: Record<string, number>; staging: Record<string, number> } | null> {
  const pid = w.proc.pid!;
  const look = () => ({ data: listing(dataDir), staging: listing(path.join(dataDir, 'archive', 'staging')) });
  let exited = false;
  void w.exited.then(() => (exited = true));
  return new Promise((resolve) => {
    let busy = false;
    let done = false;
    let matches = 0;
    const finish = (v: ReturnType<typeof look> | null) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      resolve(v);
    };
    void w.exited.then(() => finish(null));
    const timer = setInterval(() => {
      if (busy || done || exited) return;
      if (!state(look())) return;
      busy = true;
      void (async () => {
        try {
          await freeze(pid);
          const files = look();
          if (state(files) && matches++ >= skip) {
            w.proc.kill('SIGKILL');
            finish(files);
          } else process.kill(pid, 'SIGCONT');
        } catch {
          // exited meanwhile
        } finally {
          busy = false;
        }
      })();
    }, 1);
  });
}

/** A checkpoint is under way: its shadow file exists. */
export const inCheckpoint = (f: { data: Record<string, number> }) => 'graph.lbug.shadow' in f.data;
/** An archive write is under way: a temp file in staging/. */
export const inArchiveWrite = (f: { staging: Record<string, number> }) => Object.keys(f.staging).some((n) => n.endsWith('.tmp'));
