/** Issues (with statement counts) and the light timeline of statements, both paged by keyset cursors. */
import type { z } from 'zod';
import * as Q from '../../cypher/queries.ts';
import type { IssuesQuery, IssuesResponse, TimelineQuery, TimelineResponse } from '../contract.ts';
import { ChronoCursor, decodeCursor, IssueCursor, paged } from './cursor.ts';
import type { Deps } from './deps.ts';

export async function listIssues(deps: Deps, query: z.output<typeof IssuesQuery>): Promise<IssuesResponse> {
  const rows = await deps.store.read(Q.listIssues(query.limit + 1, decodeCursor(query.after, IssueCursor)));
  const page = paged(rows, query.limit, (r) => [r.statements, r.id]);
  return { issues: page.items.map((r) => ({ id: r.id, label: r.label, description: r.description, statements: r.statements })), nextCursor: page.nextCursor };
}

export async function timeline(deps: Deps, query: z.output<typeof TimelineQuery>): Promise<TimelineResponse> {
  const rows = await deps.store.read(Q.timeline(query.limit + 1, decodeCursor(query.after, ChronoCursor)));
  const page = paged(rows, query.limit, (r) => [r.dateFrom, r.id]);
  return {
    statements: page.items.map((r) => ({ id: r.id, dateFrom: r.dateFrom, dateTo: r.dateTo, speakerId: r.speakerId, kind: r.kind })),
    nextCursor: page.nextCursor,
  };
}
