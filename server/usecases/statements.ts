/** Statement listing with filters, paged by a keyset cursor (or, for older clients, an offset). */
import type { z } from 'zod';
import * as Q from '../../cypher/queries.ts';
import type { StatementsQuery, StatementsResponse, StatementView } from '../contract.ts';
import { decodeCursor, paged, StatementCursor } from './cursor.ts';
import type { Deps } from './deps.ts';
import { speakerStatements, statementsWithIssues } from './views.ts';

type Query = z.output<typeof StatementsQuery>;

/** The sort key listStatements orders by (dateFrom DESC, dateTo DESC, id): the next page's cursor. */
export const statementKey = (s: StatementView) => [s.dateFrom, s.dateTo, s.id] as const;

/** One page of statements (newest first), fetched with one row more than asked to know whether more follow. */
export async function statementPage(deps: Deps, query: Query): Promise<{ items: StatementView[]; nextCursor: string | null }> {
  const after = decodeCursor(query.after, StatementCursor);
  const rows = Q.speakerOnly(query)
    ? await speakerStatements(deps.store, { ...query, after, limit: query.limit + 1 })
    : await statementsWithIssues(deps.store, Q.listStatements({ ...query, after, limit: query.limit + 1 }));
  return paged(rows, query.limit, statementKey);
}

export async function listStatements(deps: Deps, query: Query): Promise<StatementsResponse> {
  const count = Q.speakerOnly(query) ? Q.countSpeakerStatements(query) : Q.countStatements(query);
  const [page, totals] = await Promise.all([statementPage(deps, query), deps.store.read(count)]);
  return { statements: page.items, total: totals[0]?.total ?? 0, nextCursor: page.nextCursor };
}
