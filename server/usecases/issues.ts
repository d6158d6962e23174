/** Issues (with statement counts) and the light timeline of every statement. */
import * as Q from '../../cypher/queries.ts';
import type { IssuesResponse, TimelineResponse } from '../contract.ts';
import type { Deps } from './deps.ts';
import { toInt } from './views.ts';

export async function listIssues(deps: Deps): Promise<IssuesResponse> {
  const rows = await deps.store.read(Q.listIssues());
  return {
    issues: rows.map((r) => ({
      id: r.id as string,
      label: r.label as string,
      description: r.description as string,
      statements: toInt(r.statements),
    })),
  };
}

export async function timeline(deps: Deps): Promise<TimelineResponse> {
  const rows = await deps.store.read(Q.timeline());
  return {
    statements: rows.map((r) => ({
      id: r.id as string,
      dateFrom: r.dateFrom as string,
      dateTo: r.dateTo as string,
      speakerId: r.speakerId as string,
      kind: r.kind as TimelineResponse['statements'][number]['kind'],
    })),
  };
}
