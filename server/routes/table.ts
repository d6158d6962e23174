/**
 * One route table for the API: each entry declares its method, path, parameter and response
 * schemas, OpenAPI summary, cache key and use case. Express routes (mountRoutes) and the OpenAPI
 * description (openApiPaths) both derive from the same entries, so they cannot disagree.
 *
 * A router file contributes entries by exporting a `Route[]` (see read.ts's readRouteTable);
 * the app mounts it and openapi.ts lists it.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Deps } from '../usecases/deps.ts';
import { parse } from './validate.ts';

type JsonSchema = Record<string, unknown>;
type Empty = z.ZodObject<Record<string, never>>;

/** A declared route, type-erased so tables of different routes fit one array. */
export interface Route {
  readonly method: 'get';
  /** OpenAPI form, under /api: '/api/actors/{id}' */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly query?: z.ZodObject | undefined;
  readonly params?: z.ZodObject | undefined;
  readonly response: z.ZodType;
  /** documented error statuses beyond the common ones, e.g. { 404: 'No such actor' } */
  readonly errors?: Readonly<Record<string, string>> | undefined;
  /** Cache-Control: no-store (polled endpoints) */
  readonly noStore?: boolean | undefined;
  /** the cache key and the computation for one request; key null: not cached */
  prepare(deps: Deps, req: Request): { key: string | null; compute: () => Promise<unknown> };
}

export interface RouteSpec<Q extends z.ZodObject, P extends z.ZodObject, R extends z.ZodType> {
  path: string;
  operationId: string;
  summary: string;
  query?: Q;
  params?: P;
  response: R;
  errors?: Record<string, string>;
  noStore?: boolean;
  /** the read cache's key for these validated inputs; absent: not cached */
  cacheKey?: (input: { query: z.output<Q>; params: z.output<P> }) => string;
  run: (deps: Deps, input: { query: z.output<Q>; params: z.output<P> }) => Promise<z.output<R>>;
}

/** Declares a GET route; the input types come from its schemas, the result type from its response schema. */
export function getRoute<R extends z.ZodType, Q extends z.ZodObject = Empty, P extends z.ZodObject = Empty>(spec: RouteSpec<Q, P, R>): Route {
  return {
    method: 'get',
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    query: spec.query,
    params: spec.params,
    response: spec.response,
    errors: spec.errors,
    noStore: spec.noStore,
    prepare(deps, req) {
      const input = {
        query: (spec.query ? parse(spec.query, req.query, 'query') : {}) as z.output<Q>,
        params: (spec.params ? parse(spec.params, req.params, 'path') : {}) as z.output<P>,
      };
      return { key: spec.cacheKey ? spec.cacheKey(input) : null, compute: () => spec.run(deps, input) };
    },
  };
}

/** '/api/actors/{id}' → '/actors/:id' (routers are mounted under /api). */
function expressPath(path: string): string {
  return path.replace(/^\/api/, '').replace(/\{(\w+)\}/g, ':$1');
}

/**
 * Mounts the routes on a router. Cached routes send the serialised result from the read cache
 * (keyed by route + validated parameters, computed on a miss), gzip-compressed (once, at caching
 * time) when the client accepts it.
 */
export function mountRoutes(router: Router, deps: Deps, routes: readonly Route[]): Router {
  const send = async (req: Request, res: Response, route: Route) => {
    const { key, compute } = route.prepare(deps, req);
    if (route.noStore) res.setHeader('Cache-Control', 'no-store');
    if (key === null) {
      res.json(await compute());
      return;
    }
    const body = await deps.cache.body(key, compute);
    res.type('application/json');
    res.vary('Accept-Encoding');
    if (body.gzip && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      res.setHeader('Content-Encoding', 'gzip');
      res.send(body.gzip);
    } else {
      res.send(body.json);
    }
  };
  for (const route of routes) router.get(expressPath(route.path), (req, res) => send(req, res, route));
  return router;
}

// ---- OpenAPI --------------------------------------------------------------------------------------

export const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};

export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
export const ok = (schema: z.ZodType, description = 'OK') => ({ description, content: { 'application/json': { schema: jsonSchema(schema, 'output') } } });
export const commonProblems = { '400': problem('Invalid request'), '429': problem('Too many requests'), '500': problem('Server error'), '503': problem('Store unavailable') };

/** One OpenAPI parameter per property of a query/path object schema. */
export function parameters(schema: z.ZodObject, where: 'query' | 'path'): unknown[] {
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: p,
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
  }));
}

/** The OpenAPI `paths` entries of a route table. */
export function openApiPaths(routes: readonly Route[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [...(r.params ? parameters(r.params, 'path') : []), ...(r.query ? parameters(r.query, 'query') : [])];
    const errors = Object.fromEntries(Object.entries(r.errors ?? {}).map(([status, d]) => [status, problem(d)]));
    (paths[r.path] ??= {})[r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(params.length ? { parameters: params } : {}),
      responses: { '200': ok(r.response), ...errors, ...commonProblems },
    };
  }
  return paths;
}
