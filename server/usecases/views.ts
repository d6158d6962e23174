/** Row → API view mappers shared by use cases. */
import type { StatementView } from '../contract.ts';

type Row = Record<string, unknown>;

/** Kùzu and Neo4j both hand back nulls for OPTIONAL MATCH misses inside collect(); drop them. */
export function issuesOf(v: unknown): StatementView['issues'] {
  if (!Array.isArray(v)) return [];
  return (v as { id: unknown; stance: unknown }[])
    .filter((x) => x && typeof x.id === 'string' && typeof x.stance === 'string')
    .map((x) => ({ id: x.id as string, stance: x.stance as StatementView['issues'][number]['stance'] }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function toInt(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : Number(v ?? 0);
}

export function statementView(r: Row): StatementView {
  return {
    id: r.id as string,
    text: r.text as string,
    kind: r.kind as StatementView['kind'],
    cue: r.cue as string,
    date: r.date as string,
    granularity: r.granularity as StatementView['granularity'],
    dateBasis: r.dateBasis as StatementView['dateBasis'],
    dateEvidence: (r.dateEvidence as string | null) ?? null,
    dateFrom: r.dateFrom as string,
    dateTo: r.dateTo as string,
    start: toInt(r.start),
    end: toInt(r.end),
    speaker: { id: r.speakerId as string, name: r.speakerName as string, type: r.speakerType as StatementView['speaker']['type'] },
    article: {
      id: r.articleId as string,
      title: r.articleTitle as string,
      source: r.articleSource as string,
      url: (r.articleUrl as string | null) ?? null,
      published: r.articlePublished as string,
    },
    issues: issuesOf(r.issues),
  };
}
