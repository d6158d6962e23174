/** Actor search and actor detail. */
import { z } from 'zod';
import * as Q from '../../cypher/queries.ts';
import type { ActorDetailResponse, ActorsQuery, ActorsResponse, ActorSummary, RelationView } from '../contract.ts';
import { AppError } from '../errors.ts';
import type { Deps } from './deps.ts';
import { statementsWithIssues, toInt } from './views.ts';

type Row = Record<string, unknown>;

/**
 * Most items of each list an actor page carries (newest first). The busiest actor of a 10,000-
 * article store has thousands of each, which made its page a 3 MB response; the statements
 * endpoint pages through all statements, the graph view shows all relations.
 */
export const ACTOR_STATEMENTS_LIMIT = 200;
export const ACTOR_RELATIONS_LIMIT = 200;
export const ACTOR_POSITIONS_LIMIT = 200;

function summary(r: Row): ActorSummary {
  return {
    id: r.id as string,
    name: r.name as string,
    type: r.type as ActorSummary['type'],
    aliases: Array.isArray(r.aliases) ? (r.aliases as string[]) : [],
    description: (r.description as string | null) ?? null,
    affiliation: (r.affiliation as string | null) ?? null,
    statements: toInt(r.statements),
  };
}

export async function searchActors(deps: Deps, query: z.output<typeof ActorsQuery>): Promise<ActorsResponse> {
  const rows = await deps.store.read(Q.searchActors(query));
  return { actors: rows.map(summary) };
}

function relation(r: Row): RelationView {
  return {
    kind: r.kind as RelationView['kind'],
    direction: r.direction as RelationView['direction'],
    other: { id: r.otherId as string, name: r.otherName as string, type: r.otherType as RelationView['other']['type'] },
    title: (r.title as string | null) ?? null,
    date: r.date as string,
    dateFrom: r.dateFrom as string,
    dateTo: r.dateTo as string,
    articleId: r.articleId as string,
    evidence: r.evidence as string,
  };
}

export async function actorDetail(deps: Deps, id: string): Promise<ActorDetailResponse> {
  const [actorRows, standing, out, inbound, posRows, stRows] = await Promise.all([
    deps.store.read(Q.actorById(id)),
    deps.store.read(Q.actorRelations(id, { direction: 'out', kinds: 'standing', limit: ACTOR_RELATIONS_LIMIT })),
    deps.store.read(Q.actorRelations(id, { direction: 'out', kinds: 'other', limit: ACTOR_RELATIONS_LIMIT })),
    deps.store.read(Q.actorRelations(id, { direction: 'in', kinds: 'all', limit: ACTOR_RELATIONS_LIMIT })),
    deps.store.read(Q.actorPositions(id, ACTOR_POSITIONS_LIMIT)),
    statementsWithIssues(deps.store, Q.listStatements({ speaker: id, limit: ACTOR_STATEMENTS_LIMIT, offset: 0 })),
  ]);
  const row = actorRows[0];
  if (!row) throw new AppError(404, 'Actor not found', `no actor with id '${id}'`);
  const byDate = (a: RelationView, b: RelationView) => a.dateFrom.localeCompare(b.dateFrom) || a.kind.localeCompare(b.kind);
  const standingViews = standing.map(relation).sort(byDate);
  return {
    actor: summary(row),
    offices: standingViews.filter((r) => r.kind === 'holds_office'),
    affiliations: standingViews.filter((r) => r.kind === 'member_of'),
    // The newest of each direction, shown oldest first like the rest of the page's timelines.
    relations: [...out, ...inbound].map(relation).sort(byDate),
    positions: posRows.map((r) => ({
      issue: r.issue as string,
      issueLabel: r.issueLabel as string,
      stance: r.stance as ActorDetailResponse['positions'][number]['stance'],
      date: r.date as string,
      dateFrom: r.dateFrom as string,
      dateTo: r.dateTo as string,
      articleId: r.articleId as string,
      statementIds: Array.isArray(r.statementIds) ? (r.statementIds as string[]) : [],
      evidence: (r.evidence as string | null) ?? null,
    })),
    statements: stRows,
  };
}
