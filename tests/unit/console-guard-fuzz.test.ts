/**
 * Property test of the console guard: thousands of random glued queries (seeded, so a failure
 * replays). Whatever the guard accepts, every dangerous word in the text must be where the engine
 * also sees it as harmless: inside a string, a `quoted name` or a comment, or a whole identifier
 * in a property/label/alias position, never swallowed into a number or parameter (the `1LOAD` and
 * `$1LOAD` bypasses), and never a call of anything but a known pure function.
 */
import { describe, expect, it } from 'vitest';
import { assertReadOnlyQuery, INTROSPECTION_CALLS, PURE_FUNCTIONS, type Token } from '../../cypher/console/guard.ts';
import { StoreError } from '../../cypher/store.ts';
import { DANGER, fuzzPieces, fuzzQuery, prng } from './helpers/console-fuzz.ts';

const CASES = 20_000;
const CLAUSE_WORDS = new Set(['LOAD', 'COPY', 'CALL', 'ATTACH', 'INSTALL', 'EXPORT', 'IMPORT']);

/** Why an accepted query is unsafe, or null. */
function violation(q: string, tokens: Token[]): string | null {
  const tokenAt = (i: number) => tokens.findIndex((t) => t.offset <= i && i < t.offset + t.raw.length);
  for (const m of q.matchAll(DANGER)) {
    const k = tokenAt(m.index);
    if (k < 0) continue; // whitespace or comment
    const t = tokens[k]!;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const called = next?.kind === 'punct' && next.value === '(' && next.offset === t.offset + t.raw.length + (q.slice(t.offset + t.raw.length, next.offset).length);
    if (t.kind === 'string') continue;
    if (t.kind === 'number') return `${JSON.stringify(m[0])} inside the number token ${JSON.stringify(t.raw)}`;
    // `$name` is `$` + one identifier for the engine too; `$1…` ends at the first letter.
    if (t.kind === 'param' && /^\$[0-9]/.test(t.raw)) return `${JSON.stringify(m[0])} inside the parameter token ${JSON.stringify(t.raw)}`;
    if (t.kind === 'param') continue;
    if (t.kind === 'quoted' || t.kind === 'word') {
      const name = t.kind === 'word' ? t.value : t.value.toUpperCase();
      if (next?.kind === 'punct' && next.value === '(' && called) {
        const viaCall = prev?.kind === 'word' && prev.value === 'CALL';
        if (viaCall ? !INTROSPECTION_CALLS.has(name) : !PURE_FUNCTIONS.has(name)) return `call of ${t.raw}()`;
      }
      if (t.kind === 'word' && CLAUSE_WORDS.has(t.value) && t.offset === m.index && t.raw.length === m[0].length) {
        const exempt =
          (prev?.kind === 'punct' && (prev.value === '.' || prev.value === ':')) ||
          (prev?.kind === 'word' && prev.value === 'AS') ||
          (next?.kind === 'punct' && next.value === ':');
        if (!exempt && !(t.value === 'CALL' && next && INTROSPECTION_CALLS.has(next.kind === 'word' ? next.value : next.value.toUpperCase()))) {
          return `${t.raw} as a clause keyword`;
        }
      }
    }
  }
  return null;
}

describe('console guard under random token glueing', () => {
  it(`accepts no query whose file clause or file function the engine would see (${CASES} seeded cases)`, () => {
    const rand = prng(20260603);
    const pieces = fuzzPieces('/tmp/claimgraph-canary.csv');
    let accepted = 0;
    const refusedBy = new Map<string, number>();
    for (let n = 0; n < CASES; n++) {
      const q = fuzzQuery(rand, pieces);
      let tokens: Token[];
      try {
        tokens = assertReadOnlyQuery(q);
      } catch (err) {
        // Never a crash of the guard itself: only a refusal.
        expect(err, JSON.stringify(q)).toBeInstanceOf(StoreError);
        expect((err as StoreError).code).toBe('QUERY_REFUSED');
        const why = (err as Error).message.replace(/\(line.*$/, '').replace(/".*?"/g, '…').slice(0, 40);
        refusedBy.set(why, (refusedBy.get(why) ?? 0) + 1);
        continue;
      }
      accepted++;
      const v = violation(q, tokens);
      expect(v, `accepted ${JSON.stringify(q)}`).toBeNull();
    }
    // The generator must produce accepted queries too, or the property says nothing.
    expect(accepted).toBeGreaterThan(CASES / 50);
    console.log(`${accepted} of ${CASES} random queries accepted; top refusals: ${[...refusedBy].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${v}× ${k}`).join('; ')}`);
  });

  it('the known bypasses are among the shapes the generator builds, and each is refused', () => {
    for (const q of [
      'UNWIND [1] AS x WITH x LIMIT 1LOAD FROM "/etc/passwd" (header=false, delim=":", file_format="csv") RETURN *',
      'UNWIND [1] AS x WITH x LIMIT $1LOAD FROM "/etc/passwd" (header=false, delim=":", file_format="csv") RETURN *',
      "MATCH (a) WITH a LIMIT 1CALL `read_csv_serial`('/etc/passwd') RETURN *",
      "MATCH (a) WITH a LIMIT 1 CALL `read_csv_serial`('/etc/passwd') RETURN *",
    ]) {
      expect(() => assertReadOnlyQuery(q), q).toThrow(StoreError);
    }
  });
});
