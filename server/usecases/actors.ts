/** Actor search and actor detail. */
import { z } from 'zod';
import * as Q from '../../cypher/queries.ts';
import type { ActorDetailResponse, ActorsQuery, ActorsResponse, ActorSummary, RelationView } from '../contract.ts';
import { AppError } from '../errors.ts';
import type { Deps } from './deps.ts';
import { statementsWithIssues, toInt } from './views.ts';

type Row = Record<string, unknown>;

/** Most statements an actor page lists; the statements endpoint pages through the rest. */
export const ACTOR_STATEMENTS_LIMIT = 200;

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
  const [actorRows, relRows, posRows, stRows] = await Promise.all([
    deps.store.read(Q.actorById(id)),
    deps.store.read(Q.actorRelations(id)),
    deps.store.read(Q.actorPositions(id)),
    statementsWithIssues(deps.store, Q.listStatements({ speaker: id, limit: ACTOR_STATEMENTS_LIMIT, offset: 0 })),
  ]);
  const row = actorRows[0];
  if (!row) throw new AppError(404, 'Actor not found', `no actor with id '${id}'`);
  const relations = relRows.map(relation).sort((a, b) => a.dateFrom.localeCompare(b.dateFrom) || a.kind.localeCompare(b.kind));
  const isOut = (k: RelationView['kind']) => (r: RelationView) => r.direction === 'out' && r.kind === k;
  return {
    actor: summary(row),
    offices: relations.filter(isOut('holds_office')),
    affiliations: relations.filter(isOut('member_of')),
    relations: relations.filter((r) => !isOut('holds_office')(r) && !isOut('member_of')(r)),
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
