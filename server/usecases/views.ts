/** Row → API view mappers shared by use cases. */
import { z } from 'zod';
import {
  articleHeadsById,
  graphActorsById,
  listSpeakerStatementIds,
  statementIssues,
  statementsById,
  storageOrder,
  type SpeakerFilter,
  type StatementCursor,
  type StatementIssueRow,
  type StatementRow,
} from '../../cypher/queries.ts';
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

/**
 * One speaker's statements (listStatements' order and rows, with issues), the page's ids read from
 * the SAID relationships and then each statement, its article and issues by primary key, so the
 * cost is the speaker's degree plus the page, not a scan of the Statement table (see
 * listSpeakerStatementIds). A statement whose article is missing is left out, as the join would.
 */
export async function speakerStatements(
  store: GraphStore,
  f: SpeakerFilter & { limit: number; offset?: number | undefined; after?: StatementCursor | undefined },
): Promise<StatementView[]> {
  const page = await store.read(listSpeakerStatementIds(f));
  if (page.length === 0) return [];
  const ids = page.map((r) => r.id);
  // looked up in storage order (much cheaper on LadybugDB), listed in page order
  const lookup = [...page].sort((a, b) => storageOrder(a.node) - storageOrder(b.node)).map((r) => r.id);
  const [own, issueRows, speakers] = await Promise.all([store.read(statementsById(lookup)), store.read(statementIssues(lookup)), store.read(graphActorsById([f.speaker]))]);
  const speaker = speakers[0];
  if (!speaker) return [];
  const articles = new Map((await store.read(articleHeadsById([...new Set(own.map((s) => s.articleId))]))).map((a) => [a.id, a]));
  const byId = new Map(own.map((s) => [s.id, s]));
  const issues = issuesByStatement(issueRows);
  const out: StatementView[] = [];
  for (const id of ids) {
    const s = byId.get(id);
    const ar = s && articles.get(s.articleId);
    if (!s || !ar) continue;
    const row: StatementRow = {
      ...s,
      speakerId: speaker.id,
      speakerName: speaker.name,
      speakerType: speaker.type,
      articleTitle: ar.title,
      articleSource: ar.source,
      articleUrl: ar.url,
      articlePublished: ar.published,
    };
    out.push(statementView(row, issues.get(id) ?? []));
  }
  return out;
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
