/**
 * Typo-tolerant actor search over names and aliases (fuse.js). Ranking: an exact or prefix hit on
 * a name/alias beats fuzzy matches; among equals, the actor who said more comes first.
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

  search(query: string, max = 8): SearchHit[] {
    const q = fold(query);
    if (q.length < 2) return [];
    const hits = new Map<string, SearchHit>();
    // exact / prefix / word-prefix hits first: fuse alone can rank a long alias above an exact short name
    for (const e of this.entries) {
      let best: { form: string; score: number } | null = null;
      for (const [i, form] of e.forms.entries()) {
        const score = form === q ? 0 : form.startsWith(q) ? 0.01 : form.split(' ').some((w) => w.startsWith(q)) ? 0.02 : null;
        if (score !== null && (!best || score < best.score)) best = { form: i === 0 ? e.actor.name : (e.actor.aliases[i - 1] ?? form), score };
      }
      if (best) hits.set(e.actor.id, { actor: e.actor, matched: best.form, score: best.score });
    }
    for (const r of this.fuse.search(q, { limit: max * 2 })) {
      if (hits.has(r.item.actor.id)) continue;
      const idx = r.matches?.[0]?.refIndex ?? 0;
      const matched = idx === 0 ? r.item.actor.name : (r.item.actor.aliases[idx - 1] ?? r.item.actor.name);
      hits.set(r.item.actor.id, { actor: r.item.actor, matched, score: 0.05 + (r.score ?? 1) });
    }
    return [...hits.values()]
      .sort((a, b) => a.score - b.score || b.actor.statements - a.actor.statements || a.actor.name.localeCompare(b.actor.name))
      .slice(0, max);
  }
}
