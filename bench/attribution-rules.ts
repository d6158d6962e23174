/**
 * How often each attribution rule fires over a directory of articles (`npx tsx bench/attribution-rules.ts DIR`),
 * and how many statements are attributed through a bare pronoun ("he said") — the share a gold
 * standard that leaves pronoun sources out (PolNeAR) counts against precision.
 *   --json FILE   also write { rules: {rule: count}, pronoun, total } to FILE
 */
import { writeFileSync } from 'node:fs';
import { extractArticle, loadArticleFiles } from '../ingest/index.ts';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const dirs = args.filter((a, i) => !a.startsWith('--') && (jsonAt < 0 || i !== jsonAt + 1));
if (!dirs.length) {
  console.error('usage: tsx bench/attribution-rules.ts DIR... [--json FILE]');
  process.exit(2);
}
const { articles, errors } = await loadArticleFiles(dirs);
for (const e of errors) console.error(`warning: ${e.message}`);
const byRule = new Map<string, { n: number; direct: number; pronoun: number }>();
let total = 0;
let pronoun = 0;
const PRONOUN = /^(?:he|she|they|it|we|i|you)$/i;
for (const a of articles) {
  for (const s of extractArticle(a).statements) {
    const rule = s.rule ?? '(none)';
    const r = byRule.get(rule) ?? { n: 0, direct: 0, pronoun: 0 };
    r.n++;
    if (s.kind === 'direct') r.direct++;
    const viaPronoun = PRONOUN.test(s.speakerMention.trim());
    if (viaPronoun) r.pronoun++;
    byRule.set(rule, r);
    total++;
    if (viaPronoun) pronoun++;
  }
}
console.log(`${articles.length} articles, ${total} statements; ${pronoun} (${((100 * pronoun) / Math.max(1, total)).toFixed(1)}%) attributed through a bare pronoun`);
console.log(`${'rule'.padEnd(32)}${'fires'.padStart(7)}${'direct'.padStart(8)}${'pronoun'.padStart(9)}`);
for (const [rule, r] of [...byRule].sort((x, y) => y[1].n - x[1].n)) console.log(`${rule.padEnd(32)}${String(r.n).padStart(7)}${String(r.direct).padStart(8)}${String(r.pronoun).padStart(9)}`);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ total, pronoun, rules: Object.fromEntries([...byRule].map(([k, v]) => [k, v.n])) }, null, 1));
