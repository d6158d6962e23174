/** Row → API view mappers shared by use cases. */
import { statementIssues } from '../../cypher/queries.ts';
import type { CypherQuery, GraphStore } from '../../cypher/store.ts';
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

/** Groups statementIssues rows by statement id. */
export function issuesByStatement(rows: Row[]): Map<string, StatementView['issues']> {
  const m = new Map<string, StatementView['issues']>();
  for (const r of rows) {
    const id = r.statementId as string;
    const list = m.get(id) ?? [];
    list.push({ id: r.id as string, stance: r.stance as StatementView['issues'][number]['stance'] });
    m.set(id, list);
  }
  for (const list of m.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  return m;
}

/** Runs a statements page query plus the issues of the statements it returned. */
export async function statementsWithIssues(store: GraphStore, query: CypherQuery): Promise<StatementView[]> {
  const rows = await store.read(query);
  if (rows.length === 0) return [];
  const issues = issuesByStatement(await store.read(statementIssues(rows.map((r) => r.id as string))));
  return rows.map((r) => statementView({ ...r, issues: issues.get(r.id as string) ?? [] }));
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
