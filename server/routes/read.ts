/** Thin read routes: parse with the contract, call the use case, send JSON. */
import { Router } from 'express';
import { z } from 'zod';
import { ActorsQuery, GraphQuery, StatementsQuery } from '../contract.ts';
import { actorDetail, searchActors } from '../usecases/actors.ts';
import { getArticle } from '../usecases/articles.ts';
import type { Deps } from '../usecases/deps.ts';
import { buildGraph } from '../usecases/graph.ts';
import { health } from '../usecases/health.ts';
import { listIssues, timeline } from '../usecases/issues.ts';
import { listStatements } from '../usecases/statements.ts';
import { parse } from './validate.ts';

export const IdParam = z.object({ id: z.string().min(1).max(300) });

export function readRoutes(deps: Deps): Router {
  const r = Router();
  r.get('/health', async (_req, res) => {
    res.json(await health(deps));
  });
  r.get('/actors', async (req, res) => {
    res.json(await searchActors(deps, parse(ActorsQuery, req.query, 'query')));
  });
  r.get('/actors/:id', async (req, res) => {
    res.json(await actorDetail(deps, parse(IdParam, req.params, 'path').id));
  });
  r.get('/statements', async (req, res) => {
    res.json(await listStatements(deps, parse(StatementsQuery, req.query, 'query')));
  });
  r.get('/graph', async (req, res) => {
    res.json(await buildGraph(deps, parse(GraphQuery, req.query, 'query')));
  });
  r.get('/issues', async (_req, res) => {
    res.json(await listIssues(deps));
  });
  r.get('/timeline', async (_req, res) => {
    res.json(await timeline(deps));
  });
  r.get('/articles/:id', async (req, res) => {
    res.json(await getArticle(deps, parse(IdParam, req.params, 'path').id));
  });
  return r;
}
