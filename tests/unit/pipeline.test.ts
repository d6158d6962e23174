import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateGraphRecords } from '../../cypher/schema.ts';
import { extractArticle, newDoc, runPipeline, STAGES } from '../../ingest/pipeline.ts';
import { toPredictions } from '../../ingest/predictions.ts';
import { toGraphRecords } from '../../ingest/stages/records.ts';
import type { ArticleInput } from '../../ingest/types.ts';

const input: ArticleInput = {
  file: 'sample.txt',
  title: 'Talks resume',
  source: 'Test Wire',
  url: null,
  published: '2021-04-07',
  text: 'BAGHDAD — Talks resumed on Wednesday.\n\n“We expect progress,” a senior US official said. Iraq’s foreign minister said on Tuesday that the trainers would stay.\n\nIran-backed militias rejected any delay.',
};

describe('pipeline', () => {
  it('runs the stages in the documented order', () => {
    expect(STAGES.map((s) => s.name)).toEqual(['segment', 'actors', 'statements', 'dates', 'positions', 'relations', 'speaks-for', 'review']);
  });

  it('stages are pure: the input document is not changed and a re-run gives the same result', () => {
    let doc = newDoc(input);
    for (const stage of STAGES) {
      const before = JSON.stringify({ ...doc, actors: [...doc.actors] });
      const a = stage.run(doc);
      const b = stage.run(doc);
      expect(JSON.stringify({ ...doc, actors: [...doc.actors] })).toBe(before);
      expect(JSON.stringify({ ...a, actors: [...a.actors] })).toBe(JSON.stringify({ ...b, actors: [...b.actors] }));
      doc = a;
    }
  });

  it('can stop after any stage', () => {
    const d = runPipeline(input, 'actors');
    expect(d.mentions.length).toBeGreaterThan(0);
    expect(d.statements).toEqual([]);
  });

  it('dates statements from their governing time expression, else the publication date', () => {
    const d = extractArticle(input);
    const byText = new Map(d.statements.map((s) => [s.text, s]));
    expect(byText.get('We expect progress')?.date?.value).toBe('2021-04-07');
    expect(byText.get('the trainers would stay')?.date?.value).toBe('2021-04-06');
  });
});

describe('graph records', () => {
  it('validate against the schema and carry content-derived ids', () => {
    const r1 = toGraphRecords(extractArticle(input));
    validateGraphRecords(r1);
    const r2 = toGraphRecords(extractArticle({ ...input, title: 'Another title' }));
    expect(r2.nodes.Statement.map((s) => s.id)).toEqual(r1.nodes.Statement.map((s) => s.id));
    expect(r2.nodes.Article[0]!.id).toBe(r1.nodes.Article[0]!.id);
    const r3 = toGraphRecords(extractArticle({ ...input, text: input.text + '\nMore text.' }));
    expect(r3.nodes.Article[0]!.id).not.toBe(r1.nodes.Article[0]!.id);
  });

  it('scopes anonymous sources to their article and keeps provenance on every dated relation', () => {
    const r = toGraphRecords(extractArticle(input));
    const anon = r.nodes.Actor.find((a) => a.type === 'anonymous')!;
    expect(anon.id).toMatch(/@/);
    const articleId = r.nodes.Article[0]!.id;
    for (const rel of [...r.rels.SAID, ...r.rels.HOLDS_POSITION, ...r.rels.RELATES]) expect(rel.articleId).toBe(articleId);
    // every statement's offsets index its exact text in the article
    for (const s of r.nodes.Statement) expect(input.text.slice(s.start, s.end)).toBe(s.text);
    // every rel endpoint exists
    const ids = new Set([...r.nodes.Actor, ...r.nodes.Statement, ...r.nodes.Article, ...r.nodes.Issue].map((n) => n.id));
    for (const t of Object.values(r.rels)) for (const rel of t) expect(ids.has(rel.from) && ids.has(rel.to)).toBe(true);
  });
});

describe('predictions', () => {
  it('match the evaluation format', () => {
    const p = toPredictions(extractArticle(input));
    expect(p.article).toBe('sample.txt');
    const actorIds = new Set(p.actors.map((a) => a.id));
    for (const s of p.statements) {
      expect(actorIds.has(s.speaker)).toBe(true);
      expect(s.kind).toMatch(/^(direct|indirect)$/);
      expect(s.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    }
    for (const a of p.actors) expect(a.mentions.length).toBeGreaterThan(0);
  });

  it('keep every sample article’s statement texts exact substrings', () => {
    const manifest = JSON.parse(readFileSync('corpus/manifest.json', 'utf8')) as { file: string; published: string }[];
    for (const m of manifest) {
      const text = readFileSync(`corpus/${m.file}`, 'utf8');
      const p = toPredictions(extractArticle({ file: m.file, text, title: '', source: '', url: null, published: m.published }));
      for (const s of p.statements) expect(text.slice(s.start, s.end)).toBe(s.text);
    }
  });
});

describe('long articles', () => {
  it('extraction grows about linearly with the article (no quadratic scans): 16× the text costs well under 40× the time', () => {
    const base = readFileSync('corpus/003_d46731e118b8e60d.txt', 'utf8');
    // CPU time of this process, not wall time: the machine is shared
    const timeFor = (copies: number) => {
      const text = Array.from({ length: copies }, () => base).join('\n\n');
      const t0 = process.cpuUsage();
      extractArticle({ ...input, text });
      const d = process.cpuUsage(t0);
      return d.user + d.system;
    };
    timeFor(2); // warm-up
    const small = Math.min(timeFor(5), timeFor(5));
    const large = timeFor(80);
    // a ratio, not a time budget: linear code gives ≈16×; the quadratic scans this guards against gave > 60×
    expect(large / small).toBeLessThan(40);
  }, 120_000);
});
