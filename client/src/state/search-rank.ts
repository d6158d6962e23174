/**
 * Typo-tolerant actor search over names and aliases. Ranking by match tier (exact, prefix, word
 * prefix, whole form within a few typos, word within a few typos, fuse.js fuzzy); among equals,
 * fewer typos, then the actor who said more.
 */
import Fuse from 'fuse.js';
import type { ActorSummary } from '../../../server/contract.ts';

export interface SearchHit {
  actor: ActorSummary;
  /** the name or alias that matched best */
  matched: string;
  score: number;
}

function fold(s: string): string {
  // accents and case must not matter ("Mâliki" == "maliki"); neither does "al-" spacing
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-‐'’`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Entry {
  actor: ActorSummary;
  forms: string[];
}

/** Optimal-string-alignment distance (a swap of neighbours counts once), stopping early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Typos allowed for a query of this length: none under 4 letters, 1 up to 6, then 2. */
export function typoBudget(q: string): number {
  const n = q.replace(/ /g, '').length;
  return n < 4 ? 0 : n <= 6 ? 1 : 2;
}

/**
 * Match tiers, best first: the whole name/alias exactly, a name/alias starting with the query, a
 * word of one starting with it, a whole name/alias within a few typos, a word within a few typos,
 * then whatever fuse.js finds. The tier decides before anything else, so "Malki" finds the alias
 * "Maliki" (one typo of a whole alias) before "militias" (a loose fuzzy match).
 */
export const TIER = { exact: 0, prefix: 1, wordPrefix: 2, typo: 3, wordTypo: 4, fuzzy: 5 } as const;

export class ActorIndex {
  private readonly fuse: Fuse<Entry>;
  private readonly entries: Entry[];

  constructor(actors: readonly ActorSummary[], threshold = 0.4) {
    this.entries = actors.map((actor) => ({ actor, forms: [actor.name, ...actor.aliases].map(fold) }));
    this.fuse = new Fuse(this.entries, {
      keys: ['forms'],
      includeScore: true,
      includeMatches: true,
      ignoreLocation: true,
      threshold,
      minMatchCharLength: 2,
    });
  }

  /** Best tier and typo count of one actor for a folded query, or null. */
  private tierOf(e: Entry, q: string, budget: number): { tier: number; typos: number; form: number } | null {
    let best: { tier: number; typos: number; form: number } | null = null;
    const better = (tier: number, typos: number, form: number) => {
      if (!best || tier < best.tier || (tier === best.tier && typos < best.typos)) best = { tier, typos, form };
    };
    // a dropped letter ("Malki" for "Maliki") is likelier than an extra one ("Malki" for "Mali"):
    // a form shorter than the query costs half a typo more
    const typos = (d: number, matched: string) => d + (matched.length < q.length ? 0.5 : 0);
    const qWords = q.split(' ').length;
    e.forms.forEach((form, i) => {
      if (form === q) better(TIER.exact, 0, i);
      else if (form.startsWith(q)) better(TIER.prefix, 0, i);
      const words = form.split(' ');
      if (words.some((w) => w.startsWith(q))) better(TIER.wordPrefix, 0, i);
      if (!budget) return;
      const d = editDistance(q, form, budget);
      if (d <= budget) better(TIER.typo, typos(d, form), i);
      // runs of as many words as the query has ("nuri malki" against "nouri al maliki" word pairs)
      for (let k = 0; k + qWords <= words.length; k++) {
        const run = words.slice(k, k + qWords).join(' ');
        const dw = editDistance(q, run, budget);
        if (dw <= budget) better(TIER.wordTypo, typos(dw, run), i);
      }
    });
    return best;
  }

  search(query: string, max = 8): SearchHit[] {
    const q = fold(query);
    if (q.length < 2) return [];
    const budget = typoBudget(q);
    const hits = new Map<string, SearchHit & { tier: number; typos: number }>();
    const matchedForm = (e: Entry, i: number) => (i === 0 ? e.actor.name : (e.actor.aliases[i - 1] ?? e.actor.name));
    for (const e of this.entries) {
      const t = this.tierOf(e, q, budget);
      if (t) hits.set(e.actor.id, { actor: e.actor, matched: matchedForm(e, t.form), score: t.tier + t.typos / 10, tier: t.tier, typos: t.typos });
    }
    for (const r of this.fuse.search(q, { limit: max * 2 })) {
      if (hits.has(r.item.actor.id)) continue;
      const idx = r.matches?.[0]?.refIndex ?? 0;
      hits.set(r.item.actor.id, { actor: r.item.actor, matched: matchedForm(r.item, idx), score: TIER.fuzzy + (r.score ?? 1), tier: TIER.fuzzy, typos: 0 });
    }
    return [...hits.values()]
      .sort((a, b) => a.tier - b.tier || a.typos - b.typos || b.actor.statements - a.actor.statements || a.actor.name.localeCompare(b.actor.name) || (a.score - b.score))
      .slice(0, max)
      .map(({ actor, matched, score }) => ({ actor, matched, score }));
  }
}
