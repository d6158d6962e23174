/** Statement listing with filters and paging. */
import type { z } from 'zod';
import * as Q from '../../cypher/queries.ts';
import type { StatementsQuery, StatementsResponse } from '../contract.ts';
import type { Deps } from './deps.ts';
import { statementsWithIssues, toInt } from './views.ts';

export async function listStatements(deps: Deps, query: z.output<typeof StatementsQuery>): Promise<StatementsResponse> {
  const [statements, totals] = await Promise.all([statementsWithIssues(deps.store, Q.listStatements(query)), deps.store.read(Q.countStatements(query))]);
  return { statements, total: toInt(totals[0]?.total) };
}
