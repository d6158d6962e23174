/** The console (POST /cypher) and uploads (POST /articles): rate-limited; uploads need the bearer token. */
import express, { Router } from 'express';
import { CypherRequest } from '../contract.ts';
import { UploadEnvelope, uploadArticles } from '../usecases/articles.ts';
import { clientKey, createConsole } from '../usecases/console.ts';
import type { Deps } from '../usecases/deps.ts';
import { limiter, requireWriteToken } from './auth.ts';
import { parse } from './validate.ts';

export function writeRoutes(deps: Deps): Router {
  const { config } = deps;
  const r = Router();
  const runConsole = createConsole(deps);
  r.post('/cypher', limiter(config.rateLimit.windowMs, config.rateLimit.console), express.json({ limit: '1mb' }), async (req, res) => {
    res.json(await runConsole(clientKey(req.ip, req.get('authorization')), parse(CypherRequest, req.body, 'body')));
  });
  r.post(
    '/articles',
    limiter(config.rateLimit.windowMs, config.rateLimit.upload),
    // The token is checked before the (possibly large) body is read.
    requireWriteToken(config.writeToken, config.reviewToken),
    express.json({ limit: config.uploadMaxBytes }),
    async (req, res) => {
      const out = await uploadArticles(deps, parse(UploadEnvelope, req.body, 'body'));
      // 201 when something new was stored; 200 when every article was skipped or failed.
      res.status(out.results.some((x) => x.status === 'ingested') ? 201 : 200).json(out);
    },
  );
  return r;
}
