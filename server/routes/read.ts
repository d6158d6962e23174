/** Thin read routes: parse with the contract, call the use case, send JSON. */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ActorsQuery, FacetsQuery, GraphQuery, IssuesQuery, StanceChangesQuery, StatementsQuery, TimelineQuery } from '../contract.ts';
import { actorDetail, searchActors } from '../usecases/actors.ts';
import { getArticle } from '../usecases/articles.ts';
import type { Deps } from '../usecases/deps.ts';
import { buildGraph } from '../usecases/graph.ts';
import { health } from '../usecases/health.ts';
import { listIssues, timeline } from '../usecases/issues.ts';
import { listStatements } from '../usecases/statements.ts';
import { stanceChanges, statementFacets, storeVersion, viewStatements } from '../usecases/statement-views.ts';
import { parse } from './validate.ts';

export const IdParam = z.object({ id: z.string().min(1).max(300) });

export function readRoutes(deps: Deps): Router {
  const r = Router();
  /**
   * Sends a read result from the cache (keyed by route + validated parameters), computing it on a
   * miss; gzip-compressed (once, at caching time) when the client accepts it.
   */
  const cached = async (req: Request, res: Response, key: string, compute: () => Promise<unknown>) => {
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
  r.get('/health', async (_req, res) => {
    res.json(await health(deps));
  });
  r.get('/actors', async (req, res) => {
    res.json(await searchActors(deps, parse(ActorsQuery, req.query, 'query')));
  });
  r.get('/actors/:id', async (req, res) => {
    const { id } = parse(IdParam, req.params, 'path');
    await cached(req, res, `actor:${id}`, () => actorDetail(deps, id));
  });
  r.get('/statements', async (req, res) => {
    const q = parse(StatementsQuery, req.query, 'query');
    await cached(req, res, `statements:${JSON.stringify(q)}`, () => listStatements(deps, q));
  });
  r.get('/graph', async (req, res) => {
    const q = parse(GraphQuery, req.query, 'query');
    await cached(req, res, `graph:${JSON.stringify(q)}`, () => buildGraph(deps, q));
  });
  r.get('/issues', async (req, res) => {
    const q = parse(IssuesQuery, req.query, 'query');
    await cached(req, res, `issues:${JSON.stringify(q)}`, () => listIssues(deps, q));
  });
  r.get('/timeline', async (req, res) => {
    const q = parse(TimelineQuery, req.query, 'query');
    await cached(req, res, `timeline:${JSON.stringify(q)}`, () => timeline(deps, q));
  });
  // the explorer's views: one set of facets so graph, list and timeline filter alike
  r.get('/views/facets', async (req, res) => {
    const q = parse(FacetsQuery, req.query, 'query');
    await cached(req, res, `views:facets:${JSON.stringify(q)}`, () => statementFacets(deps, q));
  });
  r.get('/views/statements', async (req, res) => {
    const q = parse(StatementsQuery, req.query, 'query');
    await cached(req, res, `views:statements:${JSON.stringify(q)}`, () => viewStatements(deps, q));
  });
  r.get('/views/stance-changes', async (req, res) => {
    const q = parse(StanceChangesQuery, req.query, 'query');
    await cached(req, res, `views:stance-changes:${JSON.stringify(q)}`, () => stanceChanges(deps, q));
  });
  // polled by open pages: served from the cache, which every write clears
  r.get('/version', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    await cached(req, res, 'version', () => storeVersion(deps));
  });
  r.get('/articles/:id', async (req, res) => {
    const { id } = parse(IdParam, req.params, 'path');
    await cached(req, res, `article:${id}`, () => getArticle(deps, id));
  });
  return r;
}
