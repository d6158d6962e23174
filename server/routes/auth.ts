/** Guards shared by the write routes: a per-route rate limit and a constant-time bearer-token check. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors.ts';

export function limiter(windowMs: number, limit: number): RequestHandler {
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

/** A token a route accepts, with the role name logged for the requests it authorises. */
export interface AcceptedToken {
  role: string;
  token: string | null;
}

/** The role of the token that authorised this request (set by requireBearer). */
export function tokenRole(res: Response): string | undefined {
  const role: unknown = res.locals.tokenRole;
  return typeof role === 'string' ? role : undefined;
}

/**
 * Bearer-token check in constant time (digests compared, so lengths never leak). With no token
 * configured the route is off (403, naming `disabledHint`); a missing or wrong token is a 401.
 * Every configured token is compared, so the time does not say which one was near. A token of
 * `refused` (a narrower role, e.g. the review token on uploads) is recognised and answered 403.
 */
export function requireBearer(accepted: AcceptedToken[], disabledHint: string, refused: AcceptedToken[] = []): RequestHandler {
  const known = (list: AcceptedToken[]) => list.filter((a): a is { role: string; token: string } => a.token !== null).map((a) => ({ role: a.role, digest: digest(a.token) }));
  const expected = known(accepted);
  const forbidden = known(refused);
  return (req, res, next) => {
    if (expected.length === 0) {
      next(new AppError(403, 'Writes disabled', disabledHint));
      return;
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const given = m ? digest(m[1] as string) : null;
    let role: string | undefined;
    for (const e of expected) if (given && timingSafeEqual(given, e.digest)) role ??= e.role;
    let narrower: string | undefined;
    for (const e of forbidden) if (given && timingSafeEqual(given, e.digest)) narrower ??= e.role;
    if (role === undefined && narrower !== undefined) {
      next(new AppError(403, 'Forbidden', `the ${narrower} token does not allow this route`));
      return;
    }
    if (role === undefined) {
      next(
        new AppError(401, 'Unauthorized', 'a valid bearer token is required (Authorization: Bearer <token>)', {
          headers: { 'WWW-Authenticate': 'Bearer realm="claimgraph"' },
        }),
      );
      return;
    }
    res.locals.tokenRole = role;
    next();
  };
}

/** Uploads: the write token only (the review token gets a 403); no write token means writes over HTTP are off. */
export function requireWriteToken(token: string | null, reviewToken: string | null = null): RequestHandler {
  return requireBearer(
    [{ role: 'write', token }],
    'writes over HTTP are off: set CLAIMGRAPH_WRITE_TOKEN on the server to enable them',
    [{ role: 'review', token: reviewToken }],
  );
}
