import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GoldError,
  dateAgrees,
  loadGold,
  mapActors,
  normalise,
  scoreExtraction,
  tokenF1,
  type GoldArticle,
  type Predictions,
} from '../../ingest/eval/score.ts';
import { formatSummary } from '../../ingest/eval/format.ts';

const GOLD_DIR = '/work/shared/eval/gold';
const OFFICIAL = '/work/shared/eval/score.mjs';

let gold: GoldArticle[];
let tmp: string;

beforeAll(async () => {
  gold = await loadGold(GOLD_DIR);
  tmp = mkdtempSync(join(tmpdir(), 'eval-score-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The official scorer's JSON summary for these predictions. */
function official(name: string, predictions: Predictions): unknown {
  const file = join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(predictions));
  return JSON.parse(execFileSync('node', [OFFICIAL, '--gold', GOLD_DIR, '--pred', file, '--json'], { encoding: 'utf8' }));
}

function ours(predictions: Predictions): unknown {
  const { misses: _misses, ...rest } = scoreExtraction(gold, predictions);
  return rest;
}

/** Gold turned into a prediction file, each article passed through `edit`. */
function fromGold(edit: (a: ReturnType<typeof goldAsPrediction>, i: number) => ReturnType<typeof goldAsPrediction> = (a) => a): Predictions {
  return { articles: gold.map((g, i) => edit(goldAsPrediction(g), i)) };
}
function goldAsPrediction(g: GoldArticle) {
  return {
    article: g.article,
    actors: g.actors.map((a) => ({ id: a.id, name: a.name, type: a.type, mentions: [...a.mentions] })),
    statements: g.statements.map((s) => ({ speaker: s.speaker, kind: s.kind, text: s.text, date: s.date ?? null })),
    positions: g.positions.map((p) => ({ actor: p.actor, issue: p.issue, stance: p.stance })),
  };
}

const VARIANTS: Record<string, () => Predictions> = {
  perfect: () => fromGold(),
  empty: () => ({ articles: [] }),
  'speakers rotated': () =>
    fromGold((a) => ({ ...a, statements: a.statements.map((s, i, all) => ({ ...s, speaker: all[(i + 1) % all.length]!.speaker })) })),
  'dates dropped or coarsened': () =>
    fromGold((a) => ({
      ...a,
      statements: a.statements.map((s, i) => ({ ...s, date: i % 3 === 0 ? null : i % 3 === 1 ? (s.date ?? '').slice(0, 4) : '1999-01-01' })),
    })),
  'texts truncated': () =>
    fromGold((a) => ({
      ...a,
      statements: a.statements.map((s, i) => {
        const words = s.text.split(' ');
        return { ...s, text: words.slice(0, Math.max(1, Math.ceil(words.length * (i % 2 ? 0.4 : 0.7)))).join(' ') };
      }),
    })),
  'actors renamed': () =>
    fromGold((a) => {
      const rename = (id: string) => `pred-${id}`;
      return {
        ...a,
        // a third become unrecognisable, a third keep only their last mention, a third their first
        actors: a.actors.map((x, i) =>
          i % 3 === 0
            ? { ...x, id: rename(x.id), name: `Unknown ${i}`, mentions: [] }
            : { ...x, id: rename(x.id), name: x.mentions.at(i % 3 === 1 ? -1 : 0) ?? x.name, mentions: [] },
        ),
        statements: a.statements.map((s) => ({ ...s, speaker: rename(s.speaker) })),
        positions: a.positions.map((p) => ({ ...p, actor: rename(p.actor) })),
      };
    }),
  'one article missing, duplicates and spurious statements': () => {
    const p = fromGold((a, i) => ({
      ...a,
      statements: [
        ...a.statements,
        ...a.statements.slice(0, 2).map((s) => ({ ...s })),
        { speaker: a.actors[0]?.id ?? 'x', kind: 'direct', text: `Something nobody said in article ${i}.`, date: '2020' },
      ],
      positions: [...a.positions, ...a.positions, { actor: 'nobody', issue: 'us-troop-presence', stance: 'oppose' }],
    }));
    p.articles!.shift();
    return p;
  },
  'positions flipped, statements reordered': () =>
    fromGold((a) => ({
      ...a,
      statements: [...a.statements].reverse(),
      positions: a.positions.map((p, i) => (i % 2 ? { ...p, stance: p.stance === 'support' ? 'oppose' : 'support' } : p)),
    })),
};

describe('scoreExtraction agrees with the official scorer', () => {
  for (const [name, make] of Object.entries(VARIANTS)) {
    it(`on predictions: ${name}`, () => {
      const predictions = make();
      const expected = official(name.replace(/\W+/g, '-'), predictions);
      expect(ours(predictions)).toEqual(expected);
    });
  }

  it('gives the figures one expects on the extremes', () => {
    const perfect = scoreExtraction(gold, VARIANTS.perfect!());
    expect(perfect.whoSaidWhatWhen.f1).toBe(1);
    expect(perfect.actors.recall).toBe(1);
    expect(perfect.misses).toEqual([]);
    const empty = scoreExtraction(gold, VARIANTS.empty!());
    expect(empty.whoSaidWhatWhen.tp).toBe(0);
    expect(empty.statementDetection.gold).toBe(gold.reduce((n, g) => n + g.statements.length, 0));
    expect(empty.misses.every((m) => m.type === 'missed')).toBe(true);
    const dates = scoreExtraction(gold, VARIANTS['dates dropped or coarsened']!());
    expect(dates.whoSaidWhat.f1).toBe(1);
    expect(dates.dateAccuracy).toBeLessThan(0.5);
    expect(dates.misses.some((m) => m.type === 'date')).toBe(true);
  });
});

describe('scoring rules', () => {
  it('normalises case, accents, apostrophes, possessives and a leading "the"', () => {
    expect(normalise('The  Prime Minister’s Office')).toBe('prime minister office');
    expect(normalise('Nouri al-Mālikī')).toBe('nouri al maliki');
    expect(normalise("Iraq's")).toBe('iraq');
  });
  it('token F1 counts repeated tokens once each', () => {
    expect(tokenF1('a a b', 'a b b')).toBeCloseTo(2 / 3);
    expect(tokenF1('', 'a')).toBe(0);
  });
  it('maps actors by shared surface forms, name match breaking ties', () => {
    const map = mapActors(
      [{ id: 'p1', name: 'Maliki', mentions: ['the prime minister'] }, { id: 'p2', name: 'Nobody' }],
      [
        { id: 'g1', name: 'Prime Minister', mentions: [] },
        { id: 'g2', name: 'Nouri al-Maliki', mentions: ['Maliki', 'Prime Minister'] },
      ],
    );
    expect(map.get('p1')).toBe('g2');
    expect(map.has('p2')).toBe(false);
  });
  it('accepts a finer predicted date, never a coarser one', () => {
    expect(dateAgrees('2017-12-19', '2017-12')).toBe(true);
    expect(dateAgrees('2011-10', '2011-10-21')).toBe(false);
    expect(dateAgrees(null, '2011')).toBe(false);
  });
});

describe('loadGold', () => {
  it('names the file that is not a gold annotation', async () => {
    const dir = mkdtempSync(join(tmp, 'gold-'));
    writeFileSync(join(dir, 'a.gold.json'), JSON.stringify({ article: 'a.txt', published: '2020-01-01', actors: [], statements: [] }));
    writeFileSync(join(dir, 'b.gold.json'), JSON.stringify({ article: 'b.txt', published: 'yesterday', actors: [], statements: [] }));
    await expect(loadGold(dir)).rejects.toThrow(/b\.gold\.json.*published/);
    await expect(loadGold(dir)).rejects.toBeInstanceOf(GoldError);
    writeFileSync(join(dir, 'b.gold.json'), '{ not json');
    await expect(loadGold(dir)).rejects.toThrow(/b\.gold\.json: not valid JSON/);
    await expect(loadGold(join(dir, 'missing'))).rejects.toThrow(/cannot read/);
  });
});

describe('formatSummary', () => {
  it('shows the headline rows, per-kind and per-article rows, and misses when verbose', () => {
    const summary = scoreExtraction(gold, VARIANTS['dates dropped or coarsened']!());
    const out = formatSummary(summary, { verbose: true });
    const f1 = (100 * summary.whoSaidWhatWhen.f1).toFixed(1);
    expect(out).toMatch(new RegExp(`^who-said-what-when .*F1 +${f1.replace('.', '\\.')}`, 'm'));
    expect(out).toMatch(/^ {2}direct +found/m);
    expect(out).toMatch(/^actors +P 100\.0 +R 100\.0/m);
    for (const g of gold) expect(out).toContain(g.article);
    expect(out).toMatch(/date 1999-01-01 != /);
    expect(formatSummary(summary)).not.toMatch(/misses/);
  });
});
