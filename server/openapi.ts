/**
 * The OpenAPI 3.1 description, generated from the same zod schemas the routes validate with
 * (zod 4's own JSON Schema output, which is the 2020-12 dialect OpenAPI 3.1 uses). The GET routes
 * come from their route table (routes/table.ts), the same entries Express mounts; another router
 * contributes by exporting its own `Route[]` and adding `...openApiPaths(itsTable)` below.
 */
import * as C from './contract.ts';
import { ConsoleResponse } from './contract-extra.ts';
import { readRouteTable } from './routes/read.ts';
import { commonProblems, jsonSchema, ok, openApiPaths, problem } from './routes/table.ts';
import { reviewOpenApiPaths } from './openapi-review.ts';

const json = jsonSchema;
const common = commonProblems;

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
      schemas: { Problem: jsonSchema(C.Problem, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths: {
      // GET routes: from their route table (server/routes/read.ts)
      ...openApiPaths(readRouteTable),
      // the write routes (server/routes/write.ts), described here
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
      '/api/openapi.json': { get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document' } } } },
    },
  };
}
