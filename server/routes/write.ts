/** The console (POST /cypher) and uploads (POST /articles): rate-limited; uploads need the bearer token. */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { CypherRequest } from '../contract.ts';
import { AppError } from '../errors.ts';
import { UploadEnvelope, uploadArticles } from '../usecases/articles.ts';
import { clientKey, createConsole } from '../usecases/console.ts';
import type { Deps } from '../usecases/deps.ts';
import { parse } from './validate.ts';

function limiter(windowMs: number, limit: number): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next, options) =>
      next(
        new AppError(429, 'Too many requests', `at most ${options.limit} requests per ${Math.round(windowMs / 1000)} s on this route`, {
          headers: { 'Retry-After': String(Math.ceil(windowMs / 1000)) },
        }),
      ),
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Bearer-token check in constant time; no token configured means writes over HTTP are off. */
function requireWriteToken(token: string | null): RequestHandler {
  const expected = token === null ? null : digest(token);
  return (req, _res, next) => {
    if (expected === null) {
      next(new AppError(403, 'Writes disabled', 'writes over HTTP are off: set CLAIMGRAPH_WRITE_TOKEN on the server to enable them'));
      return;
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!m || !timingSafeEqual(digest(m[1] as string), expected)) {
      next(
        new AppError(401, 'Unauthorized', 'a valid bearer token is required (Authorization: Bearer <token>)', {
          headers: { 'WWW-Authenticate': 'Bearer realm="claimgraph"' },
        }),
      );
      return;
    }
    next();
  };
}

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
    requireWriteToken(config.writeToken),
    express.json({ limit: config.uploadMaxBytes }),
    async (req, res) => {
      const out = await uploadArticles(deps, parse(UploadEnvelope, req.body, 'body'));
      // 201 when something new was stored; 200 when every article was skipped or failed.
      res.status(out.results.some((x) => x.status === 'ingested') ? 201 : 200).json(out);
    },
  );
  return r;
}
