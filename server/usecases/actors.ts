/** Actor search and actor detail. */
import { z } from 'zod';
import * as Q from '../../cypher/queries.ts';
import type { ActorDetailResponse, ActorsQuery, ActorsResponse, ActorSummary, RelationView } from '../contract.ts';
import { AppError } from '../errors.ts';
import { ActorSearchCursor, decodeCursor, paged } from './cursor.ts';
import type { Deps } from './deps.ts';
import { statementKey } from './statements.ts';
import { speakerStatements } from './views.ts';

/**
 * Most items of each list an actor page carries (newest first). The busiest actor of a 10,000-
 * article store has thousands of each, which made its page a 3 MB response; the statements
 * endpoint pages through all statements, the graph view shows all relations.
 */
export const ACTOR_STATEMENTS_LIMIT = 200;
export const ACTOR_RELATIONS_LIMIT = 200;
export const ACTOR_POSITIONS_LIMIT = 200;

function summary(r: Q.ActorRow): ActorSummary {
  return { id: r.id, name: r.name, type: r.type, aliases: r.aliases ?? [], description: r.description ?? null, affiliation: r.affiliation ?? null, statements: r.statements };
}

export async function searchActors(deps: Deps, query: z.output<typeof ActorsQuery>): Promise<ActorsResponse> {
  const after = decodeCursor(query.after, ActorSearchCursor);
  const rows = await deps.store.read(Q.searchActors({ ...query, after, limit: query.limit + 1 }));
  const page = paged(rows, query.limit, (r) => [r.rank, r.statements, r.name, r.id]);
  return { actors: page.items.map(summary), nextCursor: page.nextCursor };
}

function relation(r: Q.RelationRow): RelationView {
  return {
    kind: r.kind,
    direction: r.direction,
    other: { id: r.otherId, name: r.otherName, type: r.otherType },
    title: r.title ?? null,
    date: r.date,
    dateFrom: r.dateFrom,
    dateTo: r.dateTo,
    articleId: r.articleId,
    evidence: r.evidence,
  };
}

/** Every query starts from the actor's primary key: the page costs the actor's degree (top-k of each list). */
export async function actorDetail(deps: Deps, id: string): Promise<ActorDetailResponse> {
  const [actorRows, standing, out, inbound, posRows, stRows] = await Promise.all([
    deps.store.read(Q.actorById(id)),
    deps.store.read(Q.actorRelations(id, { direction: 'out', kinds: 'standing', limit: ACTOR_RELATIONS_LIMIT })),
    deps.store.read(Q.actorRelations(id, { direction: 'out', kinds: 'other', limit: ACTOR_RELATIONS_LIMIT })),
    deps.store.read(Q.actorRelations(id, { direction: 'in', kinds: 'all', limit: ACTOR_RELATIONS_LIMIT })),
    deps.store.read(Q.actorPositions(id, ACTOR_POSITIONS_LIMIT)),
    speakerStatements(deps.store, { speaker: id, limit: ACTOR_STATEMENTS_LIMIT + 1 }),
  ]);
  const row = actorRows[0];
  if (!row) throw new AppError(404, 'Actor not found', `no actor with id '${id}'`);
  const byDate = (a: RelationView, b: RelationView) => a.dateFrom.localeCompare(b.dateFrom) || a.kind.localeCompare(b.kind);
  const standingViews = standing.map(relation).sort(byDate);
  const statements = paged(stRows, ACTOR_STATEMENTS_LIMIT, statementKey);
  return {
    actor: summary(row),
    offices: standingViews.filter((r) => r.kind === 'holds_office'),
    affiliations: standingViews.filter((r) => r.kind === 'member_of'),
    // The newest of each direction, shown oldest first like the rest of the page's timelines.
    relations: out.concat(inbound).map(relation).sort(byDate),
    positions: posRows.map((r) => ({
      issue: r.issue,
      issueLabel: r.issueLabel,
      stance: r.stance,
      date: r.date,
      dateFrom: r.dateFrom,
      dateTo: r.dateTo,
      articleId: r.articleId,
      statementIds: r.statementIds ?? [],
      evidence: r.evidence ?? null,
    })),
    statements: statements.items,
    statementsNextCursor: statements.nextCursor,
  };
}
