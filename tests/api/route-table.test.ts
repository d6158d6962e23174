/** The route table is the one source of the GET routes and their OpenAPI description. */
import express from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readRouteTable } from '../../server/routes/read.ts';
import { getRoute, mountRoutes, openApiPaths } from '../../server/routes/table.ts';
import { openApiDocument } from '../../server/openapi.ts';
import { ResultCache, type Deps } from '../../server/usecases/deps.ts';

describe('route table', () => {
  it('describes every GET route it mounts, with the parameters its schemas declare', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string }[] }>> };
    const ids = new Set<string>();
    for (const r of readRouteTable) {
      const op = doc.paths[r.path]?.get;
      expect(op, r.path).toBeDefined();
      expect(op!.operationId).toBe(r.operationId);
      expect(ids.has(r.operationId), `duplicate operationId ${r.operationId}`).toBe(false);
      ids.add(r.operationId);
      const declared = [...Object.keys(r.params?.shape ?? {}).map((n) => `path:${n}`), ...Object.keys(r.query?.shape ?? {}).map((n) => `query:${n}`)].sort();
      expect((op!.parameters ?? []).map((p) => `${p.in}:${p.name}`).sort(), r.path).toEqual(declared);
      // every path parameter of the template is declared
      for (const m of r.path.matchAll(/\{(\w+)\}/g)) expect(declared).toContain(`path:${m[1]}`);
    }
  });

  it('mounts an entry as an Express route that validates, caches by key and documents itself', async () => {
    let runs = 0;
    const route = getRoute({
      path: '/api/things/{id}',
      operationId: 'thing',
      summary: 'a thing',
      params: z.object({ id: z.string().regex(/^t\d+$/) }),
      query: z.object({ n: z.coerce.number().int().default(1) }),
      response: z.object({ id: z.string(), n: z.number() }),
      cacheKey: ({ params, query }) => `thing:${params.id}:${query.n}`,
      run: async (_deps, { params, query }) => {
        runs++;
        return { id: params.id, n: query.n };
      },
    });
    const deps = { cache: new ResultCache(1 << 20) } as Pick<Deps, 'cache'>;
    const app = express();
    app.set('query parser', 'simple');
    app.use('/api', mountRoutes(express.Router(), deps as Deps, [route]));
    app.use((err: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(err.status ?? 500).json({ status: err.status ?? 500 });
    });
    const server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      expect(await (await fetch(`${base}/api/things/t1?n=2`)).json()).toEqual({ id: 't1', n: 2 });
      expect(await (await fetch(`${base}/api/things/t1?n=2`)).json()).toEqual({ id: 't1', n: 2 });
      expect(runs).toBe(1);
      expect((await fetch(`${base}/api/things/x1`)).status).toBe(400);
      expect((await fetch(`${base}/api/things/t1?n=abc`)).status).toBe(400);
    } finally {
      server.close();
    }
    const paths = openApiPaths([route]);
    expect(Object.keys(paths)).toEqual(['/api/things/{id}']);
    expect(JSON.stringify(paths['/api/things/{id}'])).toContain('"name":"n"');
  });
});
