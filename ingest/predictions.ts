/** A Doc in the predictions format of the evaluation (../shared/eval/README.md). */
import type { Doc } from './types.ts';

export interface PredictedArticle {
  article: string;
  actors: { id: string; name: string; type: string; mentions: string[] }[];
  statements: { speaker: string; kind: string; text: string; date: string; start: number; end: number; cue: string; rule: string | null }[];
  positions: { actor: string; issue: string; stance: string; date: string }[];
  /** actor-to-actor relations (speaks_about, an actor-to-statement link, and the speaks_for roll-up are left out) */
  relations: { from: string; kind: string; to: string; title: string | null; date: string; evidence: string; rule: string | null }[];
}

export function toPredictions(doc: Doc): PredictedArticle {
  const mentions = new Map<string, Set<string>>();
  for (const m of doc.mentions) {
    const set = mentions.get(m.actorId) ?? new Set<string>();
    set.add(m.text);
    mentions.set(m.actorId, set);
  }
  // actors that speak or are the end of a relation appear even without a mention ("GOP Rep. X" → the party)
  const speakers = new Set([...doc.statements.map((s) => s.speakerId), ...doc.relations.flatMap((r) => [r.from, r.to])]);
  const actors = [...doc.actors.values()]
    .filter((a) => mentions.has(a.id) || speakers.has(a.id))
    .map((a) => ({ id: a.id, name: a.name, type: a.type, mentions: [...(mentions.get(a.id) ?? new Set([a.name]))] }));
  return {
    article: doc.input.file,
    actors,
    statements: doc.statements.map((s) => ({
      speaker: s.speakerId,
      kind: s.kind,
      text: s.text,
      date: (s.date ?? doc.publication).value,
      start: s.start,
      end: s.end,
      cue: s.cue,
      rule: s.rule ?? null,
    })),
    positions: doc.positions.map((p) => ({ actor: p.actorId, issue: p.issue, stance: p.stance, date: p.date.value })),
    relations: doc.relations
      // speaks_about links a speaker to what it names; speaks_for (proxy → person) is a roll-up the
      // graph keeps for queries: neither is one of the eight kinds the shared scorer knows
      .filter((r) => r.kind !== 'speaks_about' && r.kind !== 'speaks_for')
      .map((r) => ({ from: r.from, kind: r.kind, to: r.to, title: r.title, date: r.date.value, evidence: r.evidence, rule: r.rule ?? null })),
  };
}
