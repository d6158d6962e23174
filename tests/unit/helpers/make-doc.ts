/** A hand-made pipeline document for stage tests: sentences cut at ". ", mentions found by their surface text. */
import type { ActorType } from '../../../cypher/schema.ts';
import type { Actor, ActorMention, DateValue, Doc, StatementDraft, TimeExpression } from '../../../ingest/types.ts';

export const day = (value: string): DateValue => ({ value, granularity: 'day', from: value, to: value });

export interface DocSpec {
  statements?: { speaker: string; text: string; kind?: 'direct' | 'indirect'; cue?: string; date?: string }[];
  /** [time expression text, YYYY-MM-DD] */
  times?: [string, string][];
}

export function makeDoc(text: string, actors: [surface: string, id: string, type: ActorType][], spec: DocSpec = {}): Doc {
  const sentences = [...text.matchAll(/[^.!?]+(?:[.!?]+["\u201D]?|$)/g)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    paragraph: 0,
  }));
  const mentions: ActorMention[] = [];
  const actorMap = new Map<string, Actor>();
  for (const [surface, id, type] of actors) {
    actorMap.set(id, { id, name: surface, type, aliases: [], description: null, affiliation: null, local: false });
    for (let i = text.indexOf(surface); i >= 0; i = text.indexOf(surface, i + 1)) {
      // mentions do not nest: keep the first (longest listed first) one
      if (mentions.some((m) => m.start < i + surface.length && i < m.end)) continue;
      mentions.push({ start: i, end: i + surface.length, text: surface, actorId: id, via: 'dictionary' });
    }
  }
  const statements: StatementDraft[] = (spec.statements ?? []).map((s) => {
    const start = text.indexOf(s.text);
    if (start < 0) throw new Error(`statement not in text: ${s.text}`);
    const cue = s.cue ?? 'said';
    const cueAt = text.lastIndexOf(cue, start);
    const attribution = cueAt >= 0 ? { start: text.lastIndexOf('.', cueAt) + 1, end: cueAt + cue.length } : { start, end: start };
    const d: StatementDraft = { kind: s.kind ?? 'indirect', text: s.text, start, end: start + s.text.length, cue, speakerId: s.speaker, speakerMention: s.speaker, attribution };
    if (s.date) d.date = day(s.date);
    return d;
  });
  const times: TimeExpression[] = (spec.times ?? []).map(([t, d]) => {
    const start = text.indexOf(t);
    return { start, end: start + t.length, text: t, date: day(d), basis: 'explicit' };
  });
  return {
    input: { file: 't.txt', text, title: 't', source: 's', url: null, published: '2020-05-05' },
    articleId: 'a1',
    publication: day('2020-05-05'),
    paragraphs: [{ start: 0, end: text.length, index: 0 }],
    sentences,
    times,
    actors: actorMap,
    mentions,
    statements,
    positions: [],
    relations: [],
    warnings: [],
  };
}
