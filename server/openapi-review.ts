/**
 * OpenAPI path descriptions of the review API (issue 12), self-contained so openapi.ts includes
 * them with one spread whatever shape its own path table takes. Generated from the same zod
 * schemas the review routes validate with (contract-review.ts).
 */
import { z } from 'zod';
import * as R from './contract-review.ts';

type JsonSchema = Record<string, unknown>;

const json = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: json(schema, 'output') } } });

function parameters(schema: z.ZodObject, where: 'query' | 'path'): unknown[] {
  const s = json(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: p }));
}

const common = { '400': problem('Invalid request'), '429': problem('Too many requests'), '500': problem('Server error'), '503': problem('Store unavailable') };
const guarded = {
  '401': problem('Missing or wrong bearer token'),
  '403': problem('Review writes over HTTP are disabled (no write or review token configured)'),
  '404': problem('The named article, actor or correction does not exist'),
  '413': problem('Body too large'),
};

/** The review paths, keyed like openapi.ts's `paths`. */
export function reviewOpenApiPaths(): Record<string, unknown> {
  return {
    '/api/review/corrections': {
      post: {
        operationId: 'recordCorrection',
        summary: 'Record a reviewer correction (bearer: write or review token); it is in the log (fsync\'d) and applied to the graph before the answer',
        security: [{ bearer: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: json(R.CorrectionRequest, 'input') } } },
        responses: { '201': ok(R.RecordCorrectionResponse, 'Recorded and applied; outcomes say what became of each correction of the affected articles'), ...guarded, ...common },
      },
      get: {
        operationId: 'listCorrections',
        summary: 'Corrections in log order with their status (applied, orphaned, undone), by article, statement or actor',
        parameters: parameters(R.CorrectionsQuery, 'query'),
        responses: { '200': ok(R.CorrectionsResponse, 'OK'), ...common },
      },
    },
    '/api/review/corrections/{id}/undo': {
      post: {
        operationId: 'undoCorrection',
        summary: 'Withdraw a correction (appends an undo; the log stays append-only)',
        security: [{ bearer: [] }],
        parameters: parameters(R.CorrectionIdParam, 'path'),
        requestBody: { required: false, content: { 'application/json': { schema: json(R.UndoRequest, 'input') } } },
        responses: { '201': ok(R.RecordCorrectionResponse, 'Undone'), '409': problem('Already undone'), ...guarded, ...common },
      },
    },
    '/api/review/queue': {
      get: {
        operationId: 'reviewQueue',
        summary: 'Statements that need review, most uncertain first (unresolved speaker, rare rule, stance disagreement, publication date), with counts per reason',
        parameters: parameters(R.QueueQuery, 'query'),
        responses: { '200': ok(R.QueueResponse, 'OK'), ...common },
      },
    },
  };
}
