/** Row → API view mappers shared by use cases. */
import { z } from 'zod';
import { statementIssues, type StatementIssueRow, type StatementRow } from '../../cypher/queries.ts';
import { nodeSchemas } from '../../cypher/schema.ts';
import type { CypherQuery, GraphStore } from '../../cypher/store.ts';
import type { StatementView } from '../contract.ts';

/** Store numbers may arrive as bigint from hand-written queries; typed rows need no such care. */
export function toInt(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : Number(v ?? 0);
}

const S = nodeSchemas.Statement.shape;
const A = nodeSchemas.Actor.shape;
const R = nodeSchemas.Article.shape;

/**
 * The statement columns (listStatements' RETURN) checked at run time, for callers whose queries are
 * not typed: the row types of cypher/queries.ts need no check. Extra columns are dropped.
 */
export const StatementRowSchema = z.object({
  id: S.id,
  text: S.text,
  kind: S.kind,
  cue: S.cue,
  date: S.date,
  granularity: S.granularity,
  dateBasis: S.dateBasis,
  dateEvidence: S.dateEvidence,
  dateFrom: S.dateFrom,
  dateTo: S.dateTo,
  start: S.start,
  end: S.end,
  provenance: S.provenance,
  corrections: S.corrections,
  speakerId: A.id,
  speakerName: A.name,
  speakerType: A.type,
  articleId: R.id,
  articleTitle: R.title,
  articleSource: R.source,
  articleUrl: R.url,
  articlePublished: R.published,
}) satisfies z.ZodType<StatementRow>;

/** Groups statementIssues rows by statement id. */
export function issuesByStatement(rows: readonly StatementIssueRow[]): Map<string, StatementView['issues']> {
  const m = new Map<string, StatementView['issues']>();
  for (const r of rows) {
    const list = m.get(r.statementId) ?? [];
    list.push({ id: r.id, stance: r.stance });
    m.set(r.statementId, list);
  }
  for (const list of m.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  return m;
}

/**
 * Runs a statements page query plus the issues of the statements it returned (a page's worth of
 * ids). A query typed with StatementRow is trusted; an untyped one has its rows checked.
 */
export async function statementsWithIssues(store: GraphStore, query: CypherQuery<StatementRow> | CypherQuery): Promise<StatementView[]> {
  const raw = await store.read<StatementRow | Record<string, unknown>>(query);
  if (raw.length === 0) return [];
  const rows = raw.map((r) => StatementRowSchema.parse(r));
  const issues = issuesByStatement(await store.read(statementIssues(rows.map((r) => r.id))));
  return rows.map((r) => statementView(r, issues.get(r.id) ?? []));
}

/** A statement row and its issues as the API shows it; an untyped row (with `issues`) is checked first. */
export function statementView(r: StatementRow, issues: StatementView['issues']): StatementView;
export function statementView(r: Record<string, unknown> & { issues: StatementView['issues'] }): StatementView;
export function statementView(row: StatementRow | (Record<string, unknown> & { issues: StatementView['issues'] }), given?: StatementView['issues']): StatementView {
  const r = given ? (row as StatementRow) : StatementRowSchema.parse(row);
  const issues = given ?? (row as { issues: StatementView['issues'] }).issues;
  return {
    id: r.id,
    text: r.text,
    kind: r.kind,
    cue: r.cue,
    date: r.date,
    granularity: r.granularity,
    dateBasis: r.dateBasis,
    dateEvidence: r.dateEvidence ?? null,
    dateFrom: r.dateFrom,
    dateTo: r.dateTo,
    start: r.start,
    end: r.end,
    speaker: { id: r.speakerId, name: r.speakerName, type: r.speakerType },
    article: { id: r.articleId, title: r.articleTitle, source: r.articleSource, url: r.articleUrl ?? null, published: r.articlePublished },
    issues,
    // issue 12: older rows lack both (machine, uncorrected)
    provenance: r.provenance === 'reviewed' ? 'reviewed' : 'machine',
    corrections: r.corrections ?? [],
  };
}
