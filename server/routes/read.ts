/**
 * The read routes, as a route table (table.ts): Express routes and their OpenAPI description both
 * derive from it. Each entry parses with the contract, calls the use case, and names its cache key.
 */
import { Router } from 'express';
import { z } from 'zod';
import * as C from '../contract.ts';
import { actorDetail, searchActors } from '../usecases/actors.ts';
import { getArticle } from '../usecases/articles.ts';
import type { Deps } from '../usecases/deps.ts';
import { buildGraph } from '../usecases/graph.ts';
import { health } from '../usecases/health.ts';
import { listIssues, timeline } from '../usecases/issues.ts';
import { listStatements } from '../usecases/statements.ts';
import { stanceChanges, statementFacets, storeVersion, viewStatements } from '../usecases/statement-views.ts';
import { getRoute, mountRoutes, type Route } from './table.ts';

export const IdParam = z.object({ id: z.string().min(1).max(300) });

const key = (name: string) => (i: { query: unknown }) => `${name}:${JSON.stringify(i.query)}`;

export const readRouteTable: readonly Route[] = [
  getRoute({ path: '/api/health', operationId: 'health', summary: 'Liveness and store counts', response: C.HealthResponse, run: (deps) => health(deps) }),
  getRoute({
    path: '/api/actors',
    operationId: 'searchActors',
    summary: 'Actors whose name or alias contains q, ranked exact > prefix > substring, a page at a time (nextCursor)',
    query: C.ActorsQuery,
    response: C.ActorsResponse,
    run: (deps, { query }) => searchActors(deps, query),
  }),
  getRoute({
    path: '/api/actors/{id}',
    operationId: 'actorDetail',
    summary: 'One actor with offices, affiliations, relations, positions and statements (newest first, each list bounded; statementsNextCursor continues the statements)',
    params: IdParam,
    response: C.ActorDetailResponse,
    errors: { '404': 'No such actor' },
    cacheKey: ({ params }) => `actor:${params.id}`,
    run: (deps, { params }) => actorDetail(deps, params.id),
  }),
  getRoute({
    path: '/api/statements',
    operationId: 'listStatements',
    summary: 'Statements by speaker, issue, article, kind and date window (ranges overlapping [from, to]), newest first, a page at a time (nextCursor)',
    query: C.StatementsQuery,
    response: C.StatementsResponse,
    cacheKey: key('statements'),
    run: (deps, { query }) => listStatements(deps, query),
  }),
  getRoute({
    path: '/api/graph',
    operationId: 'graph',
    summary: 'A graphology multigraph export of the actors or claims view, capped (see truncated, totalNodes, totalEdges)',
    query: C.GraphQuery,
    response: C.GraphResponse,
    cacheKey: key('graph'),
    run: (deps, { query }) => buildGraph(deps, query),
  }),
  getRoute({
    path: '/api/issues',
    operationId: 'listIssues',
    summary: 'Issues with statement counts, a page at a time (nextCursor)',
    query: C.IssuesQuery,
    response: C.IssuesResponse,
    cacheKey: key('issues'),
    run: (deps, { query }) => listIssues(deps, query),
  }),
  getRoute({
    path: '/api/timeline',
    operationId: 'timeline',
    summary: 'Statement dates and speakers, oldest first, a page at a time (nextCursor)',
    query: C.TimelineQuery,
    response: C.TimelineResponse,
    cacheKey: key('timeline'),
    run: (deps, { query }) => timeline(deps, query),
  }),
  // the explorer's views (server/usecases/statement-views.ts): one set of facets so graph, list and timeline filter alike
  getRoute({
    path: '/api/views/facets',
    operationId: 'viewFacets',
    summary: "Every statement's filterable facets (speaker, type, the person it rolls up to, dates, issues), no text; oldest first, a page at a time (nextCursor)",
    query: C.FacetsQuery,
    response: C.FacetsResponse,
    cacheKey: key('views:facets'),
    run: (deps, { query }) => statementFacets(deps, query),
  }),
  getRoute({
    path: '/api/views/statements',
    operationId: 'viewStatements',
    summary: 'Filtered statements (the newest page, shown oldest first), each with the person it speaks for (speaks_for relations, else a roll-up by name or office) and that office',
    query: C.StatementsQuery,
    response: C.ViewStatementsResponse,
    cacheKey: key('views:statements'),
    run: (deps, { query }) => viewStatements(deps, query),
  }),
  getRoute({
    path: '/api/views/stance-changes',
    operationId: 'stanceChanges',
    summary: 'Changes of stance per person (or per office) and issue, with the statements before and after',
    query: C.StanceChangesQuery,
    response: C.StanceChangesResponse,
    cacheKey: key('views:stance-changes'),
    run: (deps, { query }) => stanceChanges(deps, query),
  }),
  // polled by open pages: served from the cache, which every write clears
  getRoute({
    path: '/api/version',
    operationId: 'storeVersion',
    summary: "A fingerprint of the store's content that changes when articles are added (polled by open pages)",
    response: C.VersionResponse,
    noStore: true,
    cacheKey: () => 'version',
    run: (deps) => storeVersion(deps),
  }),
  getRoute({
    path: '/api/articles/{id}',
    operationId: 'getArticle',
    summary: 'An article text with the spans of its statements',
    params: IdParam,
    response: C.ArticleResponse,
    errors: { '404': 'No such article' },
    cacheKey: ({ params }) => `article:${params.id}`,
    run: (deps, { params }) => getArticle(deps, params.id),
  }),
];

export function readRoutes(deps: Deps): Router {
  return mountRoutes(Router(), deps, readRouteTable);
}
