/**
 * The explorer's statement views: light facets of every statement (for filtering everything the
 * same way), the filtered statement list with the person each statement rolls up to, the
 * stance-change list, and the store version the page polls to pick up new articles.
 */
import type { z } from 'zod';
import * as Q from '../../cypher/queries.ts';
import type { Stance } from '../../cypher/schema.ts';
import type {
  FacetsResponse,
  StanceChangesQuery,
  StanceChangesResponse,
  StatementsQuery,
  VersionResponse,
  ViewStatement,
  ViewStatementsResponse,
} from '../contract.ts';
import type { Deps } from './deps.ts';
import { OfficeRollUp, type SpeaksForLink, type Tenure } from './office-rollup.ts';
import { detectStanceChanges } from './stance-changes.ts';
import { issuesByStatement, statementsWithIssues, toInt } from './views.ts';

type Row = Record<string, unknown>;

/** The roll-up over the current store (people, holds_office and the speaks_for relations ingest stored). */
export async function loadRollUp(deps: Deps): Promise<OfficeRollUp> {
  const [people, tenures, links] = await Promise.all([deps.store.read(Q.personForms()), deps.store.read(Q.officeTenures()), deps.store.read(Q.speaksForLinks())]);
  return new OfficeRollUp(
    people.map((r) => ({ id: r.id as string, name: r.name as string, aliases: Array.isArray(r.aliases) ? (r.aliases as string[]) : [] })),
    tenures.map((r) => ({
      holderId: r.holderId as string,
      holderName: r.holderName as string,
      title: (r.title as string | null) ?? 'office holder',
      orgId: r.orgId as string,
      orgName: r.orgName as string,
      dateFrom: r.dateFrom as string,
      dateTo: r.dateTo as string,
      articleId: r.articleId as string,
    })) satisfies Tenure[],
    links.map((r) => ({
      proxyId: r.proxyId as string,
      personId: r.personId as string,
      personName: r.personName as string,
      title: (r.title as string | null) ?? null,
      rule: (r.rule as string | null) ?? null,
      dateFrom: r.dateFrom as string,
      dateTo: r.dateTo as string,
      articleId: r.articleId as string,
    })) satisfies SpeaksForLink[],
  );
}

export async function statementFacets(deps: Deps): Promise<FacetsResponse> {
  const [rows, about, rollUp] = await Promise.all([deps.store.read(Q.statementFacets()), deps.store.read(Q.allAbout()), loadRollUp(deps)]);
  const issues = issuesByStatement(about);
  return {
    statements: rows.map((r: Row) => {
      const d = { dateFrom: r.dateFrom as string, dateTo: r.dateTo as string, articleId: r.articleId as string };
      const person = rollUp.resolve({ id: r.speakerId as string, name: r.speakerName as string, type: r.speakerType as string }, d);
      return {
        id: r.id as string,
        speakerId: r.speakerId as string,
        speakerType: r.speakerType as FacetsResponse['statements'][number]['speakerType'],
        personId: person?.id ?? null,
        ...d,
        issues: issues.get(r.id as string) ?? [],
      };
    }),
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
  const [statements, totals, rollUp] = await Promise.all([
    statementsWithIssues(deps.store, Q.listStatements(query)),
    deps.store.read(Q.countStatements(query)),
    loadRollUp(deps),
  ]);
  const rows = withRollUp(rollUp, statements).sort((a, b) => a.dateFrom.localeCompare(b.dateFrom) || a.dateTo.localeCompare(b.dateTo) || a.id.localeCompare(b.id));
  return { statements: rows, total: toInt(totals[0]?.total) };
}

/** Most statements the stance-change view reads (the busiest issue of a big store). */
export const STANCE_CHANGE_SCAN = 1000;

export async function stanceChanges(deps: Deps, query: z.output<typeof StanceChangesQuery>): Promise<StanceChangesResponse> {
  const filter = { types: query.types, issues: query.issues, from: query.from, to: query.to };
  const [statements, rollUp, issueRows] = await Promise.all([
    statementsWithIssues(deps.store, Q.listStatements({ ...filter, limit: STANCE_CHANGE_SCAN, offset: 0 })),
    loadRollUp(deps),
    deps.store.read(Q.listIssues()),
  ]);
  const labels = new Map(issueRows.map((r) => [r.id as string, r.label as string]));
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
      issues: s.issues.filter((i) => !wanted || wanted.has(i.id)) as { id: string; stance: Stance }[],
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
  const articles = toInt(row?.articles);
  return { version: `${articles}:${(row?.lastId as string | null) ?? ''}`, articles };
}
