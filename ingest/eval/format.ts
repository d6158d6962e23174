/** Plain-text rendering of an evaluation summary (for the `eval` command). */
import type { Miss, Prf, Summary } from './score.ts';

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const LABEL = 24;

function prfRow(name: string, m: Prf): string {
  return `${name.padEnd(LABEL)} P ${pct(m.p)}  R ${pct(m.r)}  F1 ${pct(m.f1)}   (tp ${m.tp}, pred ${m.pred}, gold ${m.gold})`;
}

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function formatMiss(m: Miss): string {
  switch (m.type) {
    case 'missed':
      return `${m.article}: missed ${m.kind} (${m.speaker}) :: ${short(m.text, 80)}`;
    case 'spurious':
      return `${m.article}: spurious (${m.speaker}) :: ${short(m.text, 80)}`;
    case 'speaker':
      return `${m.article}: speaker ${m.predicted} -> ${m.mappedTo ?? '(unmapped)'} != ${m.gold} :: ${short(m.text, 70)}`;
    case 'date':
      return `${m.article}: date ${m.predicted ?? '(none)'} != ${m.gold} :: ${short(m.text, 70)}`;
  }
}

/** The headline table, per-kind and per-article rows; with `verbose`, every miss. */
export function formatSummary(summary: Summary, opts: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(prfRow('who-said-what-when', summary.whoSaidWhatWhen));
  lines.push(prfRow('who-said-what', summary.whoSaidWhat));
  lines.push(prfRow('statement detection', summary.statementDetection));
  lines.push(`${'speaker accuracy'.padEnd(LABEL)} ${pct(summary.speakerAccuracy)}   (of detected statements)`);
  lines.push(`${'date accuracy'.padEnd(LABEL)} ${pct(summary.dateAccuracy)}   (of correctly attributed statements)`);
  for (const [kind, v] of Object.entries(summary.byKind)) {
    lines.push(`${`  ${kind}`.padEnd(LABEL)} found ${pct(v.recallFound)}  fully right ${pct(v.recallFull)}   (gold ${v.gold})`);
  }
  lines.push(
    `${'actors'.padEnd(LABEL)} P ${pct(summary.actors.precision)}  R ${pct(summary.actors.recall)}   (pred ${summary.actors.pred}, gold ${summary.actors.gold})`,
  );
  lines.push(prfRow('positions', summary.positions));
  if (summary.perArticle.length) {
    lines.push('');
    lines.push('who-said-what-when per article');
    const width = Math.max(...summary.perArticle.map((a) => a.article.length), 8);
    for (const a of summary.perArticle) lines.push(`  ${prfRow(a.article.padEnd(width), a.statements).trimEnd()}`);
  }
  if (opts.verbose && summary.misses.length) {
    lines.push('');
    lines.push(`misses (${summary.misses.length})`);
    for (const m of summary.misses) lines.push(`  - ${formatMiss(m)}`);
  }
  return lines.join('\n');
}
