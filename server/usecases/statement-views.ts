/**
 * The explorer's statement views: light facets of every statement (for filtering everything the
 * same way), the filtered statement list with the person each statement rolls up to, the
 * stance-change list, and the store version the page polls to pick up new articles.
 */
import type { z } from 'zod';
import * as Q from '../../cypher/queries.ts';
import type {
  FacetsQuery,
  FacetsResponse,
  StanceChangesQuery,
  StanceChangesResponse,
  StatementsQuery,
  VersionResponse,
  ViewStatement,
  ViewStatementsResponse,
} from '../contract.ts';
import type { Deps } from './deps.ts';
import { reviewVersion } from './review.ts';
import { OfficeRollUp, type SpeaksForLink, type Tenure } from './office-rollup.ts';
import { detectStanceChanges } from './stance-changes.ts';
import { ChronoCursor, decodeCursor, paged } from './cursor.ts';
import { statementPage } from './statements.ts';
import { issuesByStatement, statementsWithIssues } from './views.ts';

/** Rows per page when the roll-up reads its people, tenures and links (it needs all of them). */
export const ROLLUP_PAGE = 10_000;

/** Reads a keyset-paged query to its end, a page at a time (each page bounded in Cypher). */
async function readAllPages<R, K>(deps: Deps, page: (limit: number, after?: K) => Q.Query<R>, keyOf: (row: R) => K): Promise<R[]> {
  const all: R[] = [];
  let after: K | undefined;
  for (;;) {
    const rows = await deps.store.read(page(ROLLUP_PAGE, after));
    for (const r of rows) all.push(r);
    if (rows.length < ROLLUP_PAGE) return all;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/** The roll-up over the current store (people, holds_office and the speaks_for relations ingest stored). */
export async function loadRollUp(deps: Deps): Promise<OfficeRollUp> {
  const [people, tenures, links] = await Promise.all([
    readAllPages(deps, Q.personForms, (r) => r.id),
    readAllPages(deps, Q.officeTenures, (r): Q.RollUpCursor => [r.dateFrom, r.holderId, r.orgId, r.articleId]),
    readAllPages(deps, Q.speaksForLinks, (r): Q.RollUpCursor => [r.dateFrom, r.proxyId, r.personId, r.articleId]),
  ]);
  return new OfficeRollUp(
    people.map((r) => ({ id: r.id, name: r.name, aliases: r.aliases ?? [] })),
    tenures.map((r) => ({
      holderId: r.holderId,
      holderName: r.holderName,
      title: r.title ?? 'office holder',
      orgId: r.orgId,
      orgName: r.orgName,
      dateFrom: r.dateFrom,
      dateTo: r.dateTo,
      articleId: r.articleId,
    })) satisfies Tenure[],
    links.map((r) => ({
      proxyId: r.proxyId,
      personId: r.personId,
      personName: r.personName,
      title: r.title ?? null,
      rule: r.rule ?? null,
      dateFrom: r.dateFrom,
      dateTo: r.dateTo,
      articleId: r.articleId,
    })) satisfies SpeaksForLink[],
  );
}

/** One page of every statement's facets, oldest first (the page loops over nextCursor). */
export async function statementFacets(deps: Deps, query: z.output<typeof FacetsQuery>): Promise<FacetsResponse> {
  const [rows, rollUp] = await Promise.all([deps.store.read(Q.statementFacets(query.limit + 1, decodeCursor(query.after, ChronoCursor))), loadRollUp(deps)]);
  const page = paged(rows, query.limit, (r) => [r.dateFrom, r.id]);
  const issues = page.items.length ? issuesByStatement(await deps.store.read(Q.statementIssues(page.items.map((r) => r.id)))) : new Map<string, never[]>();
  return {
    statements: page.items.map((r) => {
      const d = { dateFrom: r.dateFrom, dateTo: r.dateTo, articleId: r.articleId };
      const person = rollUp.resolve({ id: r.speakerId, name: r.speakerName, type: r.speakerType }, d);
      return { id: r.id, speakerId: r.speakerId, speakerType: r.speakerType, personId: person?.id ?? null, ...d, issues: issues.get(r.id) ?? [] };
    }),
    nextCursor: page.nextCursor,
  };
}

function withRollUp(rollUp: OfficeRollUp, statements: Awaited<ReturnType<typeof statementsWithIssues>>): ViewStatement[] {
  return statements.map((s) => ({
    ...s,
    speaksFor: rollUp.resolve({ id: s.speaker.id, name: s.speaker.name, type: s.speaker.type }, { dateFrom: s.dateFrom, dateTo: s.dateTo, articleId: s.article.id }),
  }));
}

/** Filtered statements, oldest first, with the person each one rolls up to and that person's office then. */
export async function viewStatements(deps: Deps, query: z.output<typeof StatementsQuery>): Promise<ViewStatementsResponse> {
  const [page, totals, rollUp] = await Promise.all([statementPage(deps, query), deps.store.read(Q.countStatements(query)), loadRollUp(deps)]);
  // the page is the newest `limit` (after the cursor); shown oldest first
  const rows = withRollUp(rollUp, page.items).sort((a, b) => a.dateFrom.localeCompare(b.dateFrom) || a.dateTo.localeCompare(b.dateTo) || a.id.localeCompare(b.id));
  return { statements: rows, total: totals[0]?.total ?? 0, nextCursor: page.nextCursor };
}

/** Most statements the stance-change view reads (the busiest issue of a big store). */
export const STANCE_CHANGE_SCAN = 1000;
/** Issues whose labels the stance-change view looks up (a corpus declares a few dozen). */
const ISSUE_LABELS_LIMIT = 1000;

export async function stanceChanges(deps: Deps, query: z.output<typeof StanceChangesQuery>): Promise<StanceChangesResponse> {
  const filter = { types: query.types, issues: query.issues, from: query.from, to: query.to };
  const [statements, rollUp, issueRows] = await Promise.all([
    statementsWithIssues(deps.store, Q.listStatements({ ...filter, limit: STANCE_CHANGE_SCAN })),
    loadRollUp(deps),
    deps.store.read(Q.listIssues(ISSUE_LABELS_LIMIT)),
  ]);
  const labels = new Map(issueRows.map((r) => [r.id, r.label]));
  const views = withRollUp(rollUp, statements);
  const byId = new Map(views.map((s) => [s.id, s]));
  const wanted = query.issues?.length ? new Set(query.issues) : null;
  const byOffice = query.by === 'office';
  const changes = detectStanceChanges(
    views.filter((s) => !byOffice || s.speaksFor?.office).map((s) => ({
      id: s.id,
      actorId: byOffice ? `office:${s.speaksFor?.office ?? ''}` : (s.speaksFor?.id ?? s.speaker.id),
      dateFrom: s.dateFrom,
      dateTo: s.dateTo,
      issues: s.issues.filter((i) => !wanted || wanted.has(i.id)),
    })),
  );
  return {
    changes: changes
      .map((c) => {
        const before = byId.get(c.beforeId)!;
        const after = byId.get(c.afterId)!;
        const actor = byOffice ? { id: c.actorId, name: after.speaksFor!.office! } : (after.speaksFor ?? { id: after.speaker.id, name: after.speaker.name });
        return { actor: { id: actor.id, name: actor.name }, issue: { id: c.issue, label: labels.get(c.issue) ?? c.issue }, from: c.from, to: c.to, flip: c.flip, before, after };
      })
      .sort((a, b) => Number(b.flip) - Number(a.flip) || a.actor.name.localeCompare(b.actor.name) || a.after.dateFrom.localeCompare(b.after.dateFrom)),
  };
}

export async function storeVersion(deps: Deps): Promise<VersionResponse> {
  const [row] = await deps.store.read(Q.storeVersion());
  const articles = row?.articles ?? 0;
  // issue 12: the corrections log grows with every correction, so open pages refetch after one
  const reviewed = reviewVersion(deps.config.dataDir);
  return { version: `${articles}:${row?.lastId ?? ''}${reviewed ? `:${reviewed}` : ''}`, articles };
}
