/**
 * Scores an extraction (predictions) against gold annotations, by the rules written in
 * /work/shared/eval/README.md: actors mapped by surface-form overlap, statements paired one to
 * one by token F1 ≥ 0.5 (best pairs first), dates accepted when the predicted date starts with
 * the gold date, positions compared as (actor, issue, stance) triples.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';

// ---- input schemas ---------------------------------------------------------------------------

const partialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

export const goldArticleSchema = z.object({
  article: z.string().min(1),
  title: z.string().optional(),
  source: z.string().optional(),
  url: z.string().nullable().optional(),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
  actors: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      type: z.string(),
      mentions: z.array(z.string()).default([]),
    }),
  ),
  statements: z.array(
    z.object({
      speaker: z.string(),
      kind: z.string(),
      text: z.string(),
      cue: z.string().optional(),
      date: partialDate.nullable().optional(),
      date_basis: z.string().optional(),
      date_evidence: z.string().nullable().optional(),
    }),
  ),
  positions: z.array(z.object({ actor: z.string(), issue: z.string(), stance: z.string() })).default([]),
});
export type GoldArticle = z.infer<typeof goldArticleSchema>;

export const predictionsSchema = z.object({
  articles: z
    .array(
      z.object({
        article: z.string(),
        actors: z
          .array(z.object({ id: z.string(), name: z.string().default(''), mentions: z.array(z.string()).default([]) }))
          .default([]),
        statements: z
          .array(
            z.object({
              speaker: z.string(),
              kind: z.string().optional(),
              text: z.string(),
              date: z.string().nullable().optional(),
            }),
          )
          .default([]),
        positions: z.array(z.object({ actor: z.string(), issue: z.string(), stance: z.string() })).default([]),
      }),
    )
    .default([]),
});
export type Predictions = z.input<typeof predictionsSchema>;

/** A gold file that fails validation, named in the message. */
export class GoldError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'GoldError';
  }
}

const issuesText = (e: z.ZodError) =>
  e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).slice(0, 5).join('; ');

export function parseGold(json: unknown, file: string): GoldArticle {
  const r = goldArticleSchema.safeParse(json);
  if (!r.success) throw new GoldError(file, `not a gold annotation: ${issuesText(r.error)}`);
  return r.data;
}

export function parsePredictions(json: unknown, file = 'predictions'): z.output<typeof predictionsSchema> {
  const r = predictionsSchema.safeParse(json);
  if (!r.success) throw new GoldError(file, `not a predictions file: ${issuesText(r.error)}`);
  return r.data;
}

/** Every `<stem>.gold.json` of a directory, in file-name order, validated. */
export async function loadGold(dir: string): Promise<GoldArticle[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.gold.json')).sort();
  } catch (e) {
    throw new GoldError(dir, `cannot read the gold directory (${(e as Error).message})`);
  }
  if (!names.length) throw new GoldError(dir, 'no *.gold.json files');
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(path, 'utf8'));
      } catch (e) {
        throw new GoldError(path, `not valid JSON (${(e as Error).message})`);
      }
      return parseGold(json, path);
    }),
  );
}

// ---- text comparison -------------------------------------------------------------------------

/** Normalises a surface form or text: accents, case, curly apostrophes, possessive 's, punctuation, a leading "the". */
export function normalise(s: string | null | undefined): string {
  let t = (s ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  t = t.replace(/[‘’`´]/g, "'").replace(/'s\b/g, '');
  t = t.replace(/[^a-z0-9' ]/g, ' ').replace(/'/g, '');
  t = t.split(/\s+/).filter(Boolean).join(' ');
  return t.startsWith('the ') ? t.slice(4) : t;
}

const tokensOf = (s: string) => normalise(s).split(' ').filter(Boolean);

/** Token-multiset F1 of two texts. */
export function tokenF1(a: string, b: string): number {
  const ta = tokensOf(a);
  const tb = tokensOf(b);
  if (!ta.length || !tb.length) return 0;
  const left = new Map<string, number>();
  for (const t of tb) left.set(t, (left.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of ta) {
    const n = left.get(t) ?? 0;
    if (n) {
      common += 1;
      left.set(t, n - 1);
    }
  }
  if (!common) return 0;
  const p = common / ta.length;
  const r = common / tb.length;
  return (2 * p * r) / (p + r);
}

interface NamedActor {
  id: string;
  name: string;
  mentions?: string[];
}

const surfaces = (a: NamedActor) => new Set([a.name, ...(a.mentions ?? [])].map(normalise).filter((s) => s !== ''));

/**
 * predicted actor id → gold actor id: the gold actor sharing most normalised surface forms,
 * half a point more when the names are equal; the first gold actor wins a tie.
 */
export function mapActors(predicted: NamedActor[], gold: NamedActor[]): Map<string, string> {
  const goldSurfaces = gold.map((g) => ({ g, forms: surfaces(g), name: normalise(g.name) }));
  const map = new Map<string, string>();
  for (const p of predicted) {
    const forms = surfaces(p);
    const name = normalise(p.name);
    let best: string | null = null;
    let bestScore = 0;
    for (const { g, forms: gf, name: gname } of goldSurfaces) {
      let shared = 0;
      for (const f of forms) if (gf.has(f)) shared += 1;
      if (shared === 0) continue;
      const score = shared + (name === gname ? 0.5 : 0);
      if (score > bestScore) {
        best = g.id;
        bestScore = score;
      }
    }
    if (best !== null) map.set(p.id, best);
  }
  return map;
}

/** Gold YYYY-MM accepts 2017-12-19; gold 2011-10-21 rejects 2011-10; no gold date accepts anything. */
export function dateAgrees(predicted: string | null | undefined, gold: string | null | undefined): boolean {
  if (!gold) return true;
  if (!predicted) return false;
  return predicted.startsWith(gold);
}

// ---- summary ---------------------------------------------------------------------------------

export interface Prf {
  p: number;
  r: number;
  f1: number;
  tp: number;
  pred: number;
  gold: number;
}

export interface KindScore {
  gold: number;
  recallFound: number;
  recallFull: number;
}

export type Miss =
  | { article: string; type: 'missed'; kind: string; speaker: string; text: string }
  | { article: string; type: 'spurious'; speaker: string; text: string }
  | { article: string; type: 'speaker'; predicted: string; mappedTo: string | null; gold: string; text: string }
  | { article: string; type: 'date'; predicted: string | null; gold: string; text: string };

export interface Summary {
  whoSaidWhatWhen: Prf;
  whoSaidWhat: Prf;
  statementDetection: Prf;
  /** of detected statements */
  speakerAccuracy: number;
  /** of correctly attributed statements */
  dateAccuracy: number;
  byKind: Record<string, KindScore>;
  actors: { recall: number; precision: number; gold: number; pred: number };
  positions: Prf;
  perArticle: { article: string; statements: Prf }[];
  misses: Miss[];
}

export function prf(tp: number, pred: number, gold: number): Prf {
  const p = pred ? tp / pred : 0;
  const r = gold ? tp / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, pred, gold };
}

const ratio = (a: number, b: number) => (b ? a / b : 0);

export function scoreExtraction(gold: GoldArticle[], predictions: Predictions): Summary {
  const pred = parsePredictions(predictions);
  // the last entry wins when an article is predicted twice
  const byArticle = new Map(pred.articles.map((a) => [basename(a.article), a]));
  const c = {
    actorsGold: 0, actorsFound: 0, actorsPred: 0, actorsPredMapped: 0,
    stPred: 0, stGold: 0, matched: 0, speaker: 0, full: 0,
    posPred: 0, posGold: 0, posTp: 0,
  };
  const kinds = new Map<string, { gold: number; found: number; full: number }>([
    ['direct', { gold: 0, found: 0, full: 0 }],
    ['indirect', { gold: 0, found: 0, full: 0 }],
  ]);
  const kindOf = (k: string) => {
    let v = kinds.get(k);
    if (!v) kinds.set(k, (v = { gold: 0, found: 0, full: 0 }));
    return v;
  };
  const perArticle: Summary['perArticle'] = [];
  const misses: Miss[] = [];

  for (const g of gold) {
    const name = basename(g.article);
    const p = byArticle.get(name) ?? { article: name, actors: [], statements: [], positions: [] };
    const amap = mapActors(p.actors, g.actors);

    const foundGold = new Set(amap.values());
    c.actorsGold += g.actors.length;
    c.actorsFound += g.actors.filter((a) => foundGold.has(a.id)).length;
    c.actorsPred += p.actors.length;
    c.actorsPredMapped += p.actors.filter((a) => amap.has(a.id)).length;

    // one-to-one pairing, best token F1 first; ties go to the earlier prediction, then the earlier gold
    const pairs: { s: number; i: number; j: number }[] = [];
    p.statements.forEach((ps, i) =>
      g.statements.forEach((gs, j) => {
        const s = tokenF1(ps.text, gs.text);
        if (s >= 0.5) pairs.push({ s, i, j });
      }),
    );
    pairs.sort((a, b) => b.s - a.s || a.i - b.i || a.j - b.j);
    const usedP = new Set<number>();
    const usedG = new Set<number>();
    let full = 0;
    for (const { i, j } of pairs) {
      if (usedP.has(i) || usedG.has(j)) continue;
      usedP.add(i);
      usedG.add(j);
      c.matched += 1;
      const ps = p.statements[i]!;
      const gs = g.statements[j]!;
      const k = kindOf(gs.kind);
      k.found += 1;
      const mapped = amap.get(ps.speaker) ?? null;
      if (mapped !== gs.speaker) {
        misses.push({ article: name, type: 'speaker', predicted: ps.speaker, mappedTo: mapped, gold: gs.speaker, text: gs.text });
        continue;
      }
      c.speaker += 1;
      if (dateAgrees(ps.date, gs.date)) {
        full += 1;
        k.full += 1;
      } else {
        misses.push({ article: name, type: 'date', predicted: ps.date ?? null, gold: gs.date ?? '', text: gs.text });
      }
    }
    for (const gs of g.statements) kindOf(gs.kind).gold += 1;
    g.statements.forEach((gs, j) => {
      if (!usedG.has(j)) misses.push({ article: name, type: 'missed', kind: gs.kind, speaker: gs.speaker, text: gs.text });
    });
    p.statements.forEach((ps, i) => {
      if (!usedP.has(i)) misses.push({ article: name, type: 'spurious', speaker: ps.speaker, text: ps.text });
    });
    c.stPred += p.statements.length;
    c.stGold += g.statements.length;
    c.full += full;

    const triple = (actor: string, q: { issue: string; stance: string }) => `${actor}|${q.issue}|${q.stance}`;
    const goldPos = new Set(g.positions.map((q) => triple(q.actor, q)));
    // an unmapped predicted actor can never match a gold one
    const predPos = new Set(p.positions.map((q) => triple(amap.get(q.actor) ?? `\u0000${q.actor}`, q)));
    c.posPred += predPos.size;
    c.posGold += goldPos.size;
    for (const t of predPos) if (goldPos.has(t)) c.posTp += 1;

    perArticle.push({ article: g.article, statements: prf(full, p.statements.length, g.statements.length) });
  }

  return {
    whoSaidWhatWhen: prf(c.full, c.stPred, c.stGold),
    whoSaidWhat: prf(c.speaker, c.stPred, c.stGold),
    statementDetection: prf(c.matched, c.stPred, c.stGold),
    speakerAccuracy: ratio(c.speaker, c.matched),
    dateAccuracy: ratio(c.full, c.speaker),
    byKind: Object.fromEntries(
      [...kinds].map(([k, v]) => [k, { gold: v.gold, recallFound: ratio(v.found, v.gold), recallFull: ratio(v.full, v.gold) }]),
    ),
    actors: {
      recall: ratio(c.actorsFound, c.actorsGold),
      precision: ratio(c.actorsPredMapped, c.actorsPred),
      gold: c.actorsGold,
      pred: c.actorsPred,
    },
    positions: prf(c.posTp, c.posPred, c.posGold),
    perArticle,
    misses,
  };
}
