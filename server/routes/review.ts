/**
 * Review routes (issue 12): thin — parse with contract-review.ts, call usecases/review.ts, send
 * JSON. Writes need the write or the review bearer token, are rate limited and logged (who, op,
 * target); the reads are cached like the other reads (every write clears the cache).
 */
import express, { Router, type Request, type Response } from 'express';
import type { CorrectionAction } from '../../ingest/review/corrections.ts';
import { CorrectionIdParam, CorrectionRequest, CorrectionsQuery, QueueQuery, UndoRequest, type RecordCorrectionResponse } from '../contract-review.ts';
import type { Deps } from '../usecases/deps.ts';
import { listReviews, recordReview, reviewQueue, undoReview } from '../usecases/review.ts';
import { limiter, requireBearer, tokenRole } from './auth.ts';
import { parse } from './validate.ts';

/** A split may carry thousands of anchors: bigger than a console query, far below an upload. */
const BODY_LIMIT = '2mb';

/** What a log line names as the correction's target (ids only: no statement text in the logs). */
function targetOf(a: CorrectionAction): string {
  switch (a.op) {
    case 'statement.add':
      return `${a.articleId}@${a.start}-${a.end}`;
    case 'actor.merge':
      return `${a.from}->${a.into}`;
    case 'actor.split':
    case 'actor.update':
      return a.actor;
    case 'article.reviewed':
      return a.articleId;
    case 'undo':
      return a.correction;
    default:
      return a.target.id;
  }
}

export function reviewRoutes(deps: Deps): Router {
  const { config } = deps;
  const r = Router();
  const guard = [
    limiter(config.rateLimit.windowMs, config.rateLimit.review),
    // the token is checked before the body is read
    requireBearer(
      [
        { role: 'write', token: config.writeToken },
        { role: 'review', token: config.reviewToken },
      ],
      'review writes over HTTP are off: set CLAIMGRAPH_REVIEW_TOKEN (or CLAIMGRAPH_WRITE_TOKEN) on the server to enable them',
    ),
    express.json({ limit: BODY_LIMIT }),
  ];
  const reviewer = (res: Response) => ({ role: tokenRole(res) ?? 'review' });
  const logged = (req: Request, res: Response, out: RecordCorrectionResponse) => {
    const c = out.correction;
    req.log.info(
      { review: { who: c.by, token: reviewer(res).role, op: c.action.op, target: targetOf(c.action), correction: c.id, affected: out.affectedArticles.length } },
      'correction recorded',
    );
  };

  r.post('/review/corrections', ...guard, async (req, res) => {
    const out = await recordReview(deps, parse(CorrectionRequest, req.body, 'body'), reviewer(res));
    logged(req, res, out);
    res.status(201).json(out);
  });
  r.post('/review/corrections/:id/undo', ...guard, async (req, res) => {
    const { id } = parse(CorrectionIdParam, req.params, 'path');
    // an empty body is allowed: express.json leaves req.body undefined without a JSON content type
    const out = await undoReview(deps, id, parse(UndoRequest, req.body ?? {}, 'body'), reviewer(res));
    logged(req, res, out);
    res.status(201).json(out);
  });
  r.get('/review/corrections', async (req, res) => {
    const q = parse(CorrectionsQuery, req.query, 'query');
    res.type('application/json').send(await deps.cache.json(`review:corrections:${JSON.stringify(q)}`, () => listReviews(deps, q)));
  });
  r.get('/review/queue', async (req, res) => {
    const q = parse(QueueQuery, req.query, 'query');
    res.type('application/json').send(await deps.cache.json(`review:queue:${JSON.stringify(q)}`, () => reviewQueue(deps, q)));
  });
  return r;
}
