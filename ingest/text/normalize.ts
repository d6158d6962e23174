/** String helpers shared by the stages: ids, comparison keys, token edit distance. */

/** kebab-case id from a name: "Nouri al-Maliki" → "nouri-al-maliki". */
export function kebab(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´']/g, '')
    .replace(/\bu\.s\.?/g, 'us')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Comparison key: case, accents, apostrophes, dots and a leading "the" folded away. */
export function foldKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/\./g, '')
    .replace(/[^a-z0-9' -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The last name-like token: "Nouri al-Maliki" → "maliki", "Mohammed Shia al-Sudani" → "sudani". */
export function surnameKey(name: string): string {
  const toks = name.split(/\s+/).filter(Boolean);
  const last = toks[toks.length - 1] ?? '';
  return last.toLowerCase().replace(/^(al|el|al-|el-)/, '').replace(/^.*-(al|el)-/, '').replace(/^.*-/, '').replace(/[^a-z]/g, '');
}
