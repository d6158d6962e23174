/**
 * Extraction throughput (`npm run bench`): our pipeline against a plain full compromise
 * part-of-speech tagging pass over the same text, on one core. Target: extraction ≥ 5× faster by
 * CPU time; per-stage CPU cost and the share of sentences the attribution stage tags are printed.
 *
 *   BENCH_MB   corpus size in MB (default 2)
 *   BENCH_RUNS timed runs per pass, median reported (default 3)
 */
import { join } from 'node:path';
import nlp from 'compromise';
import { extractArticle, loadArticleFiles, STAGES, type ArticleInput } from '../ingest/index.ts';
import { newDoc } from '../ingest/pipeline.ts';
import { VOCABULARY } from '../ingest/attribution/vocabulary.ts';
import { addDays, fmtYmd, parseYmd } from '../ingest/dates/calendar.ts';

const CORPUS = join(import.meta.dirname, '..', 'corpus');
const TARGET_BYTES = Number(process.env.BENCH_MB ?? 2) * 1024 * 1024;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

/** The sample articles (read by the project's own loader) repeated to the target size. */
async function buildCorpus(): Promise<ArticleInput[]> {
  const { articles: samples, errors } = await loadArticleFiles([CORPUS]);
  if (errors.length || !samples.length) throw new Error(`cannot read the sample corpus: ${errors.map((e) => e.message).join('; ')}`);
  const out: ArticleInput[] = [];
  let bytes = 0;
  for (let copy = 0; bytes < TARGET_BYTES; copy++) {
    for (const s of samples) {
      // each copy is published on another day, so relative dates resolve differently
      const published = fmtYmd(addDays(parseYmd(s.published), (copy * 37) % 900));
      out.push({ ...s, file: `${copy}_${s.file}`, published });
      bytes += Buffer.byteLength(s.text, 'utf8');
    }
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Runs `pass` RUNS times after one warm-up over `warm`; returns the median wall-clock ms, the
 * median CPU ms of this process (less sensitive to other processes sharing the cores) and a
 * checksum that keeps the work observable.
 */
function time(pass: (articles: ArticleInput[]) => number, articles: ArticleInput[], warm: ArticleInput[]) {
  pass(warm);
  const ms: number[] = [];
  const cpu: number[] = [];
  let check = 0;
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    check = pass(articles);
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(ms), cpu: median(cpu), all: ms, check };
}

function report(name: string, r: ReturnType<typeof time>, what: string) {
  const s = r.ms / 1000;
  console.log(
    `${name.padEnd(20)}${s.toFixed(2).padStart(7)} s (cpu ${(r.cpu / 1000).toFixed(2)} s)   ${(articles.length / s).toFixed(0).padStart(5)} articles/s   ${(mb / s).toFixed(2).padStart(6)} MB/s   (${r.check} ${what}; runs ${r.all.map((x) => x.toFixed(0)).join(', ')} ms)`,
  );
}

const extraction = (articles: ArticleInput[]) => {
  let statements = 0;
  for (const a of articles) statements += extractArticle(a).statements.length;
  return statements;
};

// nlp(text) runs compromise's whole tagger; counting tagged terms makes sure the result is used
const compromiseTagging = (articles: ArticleInput[]) => {
  let tagged = 0;
  for (const a of articles) for (const sentence of nlp(a.text).docs) for (const term of sentence) if (term.tags?.size) tagged++;
  return tagged;
};

const articles = await buildCorpus();
const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text, 'utf8'), 0);
const mb = bytes / (1024 * 1024);
const warm = articles.slice(0, 10);
console.log(`corpus: ${articles.length} articles, ${mb.toFixed(2)} MB; ${RUNS} timed runs per pass after a warm-up; median shown`);

const ours = time(extraction, articles, warm);
report('extraction', ours, 'statements');
const rssAfterExtraction = process.resourceUsage().maxRSS / 1024;

// where the extraction time goes: one pass, stage by stage, by CPU time of this process
const perStage = new Map<string, number>(STAGES.map((s) => [s.name, 0]));
for (const a of articles) {
  let doc = newDoc(a);
  for (const stage of STAGES) {
    const c0 = process.cpuUsage();
    doc = stage.run(doc);
    const c = process.cpuUsage(c0);
    perStage.set(stage.name, perStage.get(stage.name)! + (c.user + c.system) / 1000);
  }
}
const stageTotal = [...perStage.values()].reduce((x, y) => x + y, 0);
console.log(
  `  by stage (cpu)    ${[...perStage].map(([n, ms]) => `${n} ${((100 * ms) / stageTotal).toFixed(0)}% (${(ms / articles.length).toFixed(1)} ms/article)`).join(', ')}`,
);
const taggedShare = (() => {
  // how much of the text the attribution stage hands to the tagger (sentences holding a cue candidate)
  let all = 0;
  let tagged = 0;
  for (const a of articles.slice(0, 50)) {
    const doc = newDoc(a);
    const seg = STAGES.find((s) => s.name === 'segment')!.run(doc);
    for (const s of seg.sentences) {
      all++;
      if (VOCABULARY.candidate.test(a.text.slice(s.start, s.end))) tagged++;
    }
  }
  return all ? tagged / all : 0;
})();
console.log(`  tagged sentences  ${(100 * taggedShare).toFixed(0)}% of sentences hold a cue candidate and are POS-tagged (wink-nlp); the rest never are`);

const tagging = time(compromiseTagging, articles, warm);
report('compromise tagging', tagging, 'tagged terms');

const ratio = tagging.ms / ours.ms;
const cpuRatio = tagging.cpu / ours.cpu;
// judged by CPU time: wall clock moves with whatever else shares the cores
console.log(
  `ratio               extraction is ${cpuRatio.toFixed(1)}× the speed of full tagging by CPU time (${ratio.toFixed(1)}× by wall clock) (target ≥ 5× by CPU: ${cpuRatio >= 5 ? 'met' : 'NOT met'})`,
);
console.log(`peak RSS            ${rssAfterExtraction.toFixed(0)} MB after extraction, ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB overall`);
