/**
 * The OpenAPI 3.1 description, generated from the same zod schemas the routes validate with
 * (zod 4's own JSON Schema output, which is the 2020-12 dialect OpenAPI 3.1 uses).
 */
import { z } from 'zod';
import * as C from './contract.ts';
import { ConsoleResponse } from './contract-extra.ts';
import { IdParam } from './routes/read.ts';
import { reviewOpenApiPaths } from './openapi-review.ts';
import { reviewOpenApiPaths } from './openapi-review.ts';

type JsonSchema = Record<string, unknown>;

const json = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};

const problemRef = { $ref: '#/components/schemas/Problem' };
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemRef } } });
const ok = (schema: z.ZodType, description = 'OK') => ({ description, content: { 'application/json': { schema: json(schema, 'output') } } });

/** One OpenAPI parameter per property of a query/path object schema. */
function parameters(schema: z.ZodObject, where: 'query' | 'path'): unknown[] {
  const s = json(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: p,
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
  }));
}

const common = { '400': problem('Invalid request'), '429': problem('Too many requests'), '500': problem('Server error'), '503': problem('Store unavailable') };

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'claimgraph API',
      version: '0.1.0',
      description: 'Who said what, and when: actors, statements, positions and dated relations extracted from news articles. Every error is an RFC 9457 problem (application/problem+json) with the request id.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      schemas: { Problem: json(C.Problem, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths: {
      '/api/health': { get: { operationId: 'health', summary: 'Liveness and store counts', responses: { '200': ok(C.HealthResponse), ...common } } },
      '/api/actors': {
        get: {
          operationId: 'searchActors',
          summary: 'Actors whose name or alias contains q, ranked exact > prefix > substring',
          parameters: parameters(C.ActorsQuery, 'query'),
          responses: { '200': ok(C.ActorsResponse), ...common },
        },
      },
      '/api/actors/{id}': {
        get: {
          operationId: 'actorDetail',
          summary: 'One actor with offices, affiliations, relations, positions and statements (newest first)',
          parameters: parameters(IdParam, 'path'),
          responses: { '200': ok(C.ActorDetailResponse), '404': problem('No such actor'), ...common },
        },
      },
      '/api/statements': {
        get: {
          operationId: 'listStatements',
          summary: 'Statements by speaker, issue, article, kind and date window (ranges overlapping [from, to])',
          parameters: parameters(C.StatementsQuery, 'query'),
          responses: { '200': ok(C.StatementsResponse), ...common },
        },
      },
      '/api/graph': {
        get: {
          operationId: 'graph',
          summary: 'A graphology multigraph export of the actors or claims view, capped',
          parameters: parameters(C.GraphQuery, 'query'),
          responses: { '200': ok(C.GraphResponse), ...common },
        },
      },
      '/api/issues': {
        get: { operationId: 'listIssues', summary: 'Issues with statement counts, a page at a time (nextCursor)', parameters: parameters(C.IssuesQuery, 'query'), responses: { '200': ok(C.IssuesResponse), ...common } },
      },
      '/api/timeline': {
        get: { operationId: 'timeline', summary: 'Statement dates and speakers, oldest first, a page at a time (nextCursor)', parameters: parameters(C.TimelineQuery, 'query'), responses: { '200': ok(C.TimelineResponse), ...common } },
      },
      // the explorer's views (server/usecases/statement-views.ts)
      '/api/views/facets': {
        get: {
          operationId: 'viewFacets',
          summary: 'Every statement\'s filterable facets (speaker, type, the person it rolls up to, dates, issues), no text; oldest first, a page at a time (nextCursor)',
          parameters: parameters(C.FacetsQuery, 'query'),
          responses: { '200': ok(C.FacetsResponse), ...common },
        },
      },
      '/api/views/statements': {
        get: {
          operationId: 'viewStatements',
          summary: 'Filtered statements, oldest first, each with the person it speaks for (speaks_for relations, else a roll-up by name or office) and that office',
          parameters: parameters(C.StatementsQuery, 'query'),
          responses: { '200': ok(C.ViewStatementsResponse), ...common },
        },
      },
      '/api/views/stance-changes': {
        get: {
          operationId: 'stanceChanges',
          summary: 'Changes of stance per person (or per office) and issue, with the statements before and after',
          parameters: parameters(C.StanceChangesQuery, 'query'),
          responses: { '200': ok(C.StanceChangesResponse), ...common },
        },
      },
      '/api/version': {
        get: {
          operationId: 'storeVersion',
          summary: 'A fingerprint of the store\'s content that changes when articles are added (polled by open pages)',
          responses: { '200': ok(C.VersionResponse), ...common },
        },
      },
      '/api/articles/{id}': {
        get: {
          operationId: 'getArticle',
          summary: 'An article text with the spans of its statements',
          parameters: parameters(IdParam, 'path'),
          responses: { '200': ok(C.ArticleResponse), '404': problem('No such article'), ...common },
        },
      },
      '/api/articles': {
        post: {
          operationId: 'uploadArticles',
          summary: 'Ingest articles (bearer token); one result per article',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: json(C.ArticlesUpload, 'input') } } },
          responses: {
            '201': ok(C.IngestResponse, 'At least one article was ingested'),
            '200': ok(C.IngestResponse, 'Nothing new was stored (all skipped or failed)'),
            '401': problem('Missing or wrong bearer token'),
            '403': problem('Writes over HTTP are disabled'),
            '413': problem('Body too large'),
            ...common,
          },
        },
      },
      '/api/cypher': {
        post: {
          operationId: 'console',
          summary: 'Run a read-only Cypher query, bounded in time, rows and bytes',
          requestBody: { required: true, content: { 'application/json': { schema: json(C.CypherRequest, 'input') } } },
          responses: {
            '200': ok(ConsoleResponse),
            '408': problem('Query timed out'),
            '413': problem('Result too large'),
            ...common,
          },
        },
      },
      ...reviewOpenApiPaths(),
      ...reviewOpenApiPaths(),
      '/api/openapi.json': { get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document' } } } },
    },
  };
}
