/**
 * One error type for the API (AppError) and one handler that turns anything thrown into an
 * RFC 9457 problem (application/problem+json) carrying the request id — never a stack trace.
 */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type {} from 'pino-http'; // brings the req.log / req.id augmentation
import { ZodError } from 'zod';
import { StoreError } from '../cypher/store.ts';
import type { Problem } from './contract.ts';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(detail, options);
    this.name = 'AppError';
    this.headers = options?.headers ?? {};
  }
  readonly headers: Record<string, string>;
}

/** HTTP status of each store error code: what the caller did wrong vs. what the server cannot do. */
const STORE_STATUS: Record<StoreError['code'], { status: number; title: string }> = {
  QUERY_REFUSED: { status: 400, title: 'Query refused' },
  // A trusted read query failing is a server fault; the console maps it to 400 itself (consoleError).
  QUERY_FAILED: { status: 500, title: 'Query failed' },
  QUERY_TIMEOUT: { status: 408, title: 'Query timed out' },
  RESULT_TOO_LARGE: { status: 413, title: 'Result too large' },
  INVALID_RECORDS: { status: 422, title: 'Invalid records' },
  LOCKED: { status: 503, title: 'Store locked' },
  UNAVAILABLE: { status: 503, title: 'Store unavailable' },
};

function zodDetail(err: ZodError, where: string): string {
  return err.issues
    .map((i) => {
      const path = i.path.map(String).join('.');
      return path ? `${where} parameter '${path}': ${i.message}` : `${where}: ${i.message}`;
    })
    .join('; ');
}

/** Turns a zod error from parsing part of a request into a 400 naming the parameter. */
export function badRequest(err: ZodError, where: 'query' | 'body' | 'path'): AppError {
  return new AppError(400, 'Invalid request', zodDetail(err, where), { cause: err });
}

export function requestId(req: Request): string {
  return String((req as Request & { id?: unknown }).id ?? '');
}

/** For the untrusted console: a query that fails is the caller's mistake, and its message is safe to show. */
export function consoleError(err: unknown): unknown {
  if (err instanceof StoreError && err.code === 'QUERY_FAILED') return new AppError(400, 'Query failed', err.message, { cause: err });
  return err;
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof StoreError) {
    const m = STORE_STATUS[err.code] ?? { status: 500, title: 'Store error' };
    // Server-side store messages may quote internal queries: show them only for client faults.
    const detail = m.status >= 500 && m.status !== 503 ? 'the store failed to answer; see the server log for this request id' : err.message;
    return new AppError(m.status, m.title, detail, { cause: err });
  }
  if (err instanceof ZodError) return badRequest(err, 'body');
  // body-parser errors carry `type` and `status`.
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string; limit?: number };
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'Malformed JSON', 'the request body is not valid JSON');
  if (e?.type === 'entity.too.large')
    return new AppError(413, 'Request body too large', `the request body exceeds the limit of ${e.limit ?? '?'} bytes`);
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError(415, 'Unsupported encoding', e.message ?? 'unsupported body encoding');
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new AppError(status, 'Bad request', e.message ?? 'bad request');
  return new AppError(500, 'Internal server error', 'an unexpected error occurred; see the server log for this request id', {
    cause: err,
  });
}

export function sendProblem(res: Parameters<RequestHandler>[1], req: Request, e: AppError): void {
  const body: Problem = {
    type: 'about:blank',
    title: e.title,
    status: e.status,
    detail: e.detail,
    instance: req.originalUrl,
    requestId: requestId(req),
  };
  for (const [k, v] of Object.entries(e.headers)) res.setHeader(k, v);
  res.status(e.status).type('application/problem+json').send(JSON.stringify(body));
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const e = toAppError(err);
  // Server faults are logged with their cause; client faults only at debug level.
  if (e.status >= 500) req.log?.error({ err: e.cause ?? err }, e.title);
  else req.log?.debug({ status: e.status, detail: e.detail }, e.title);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendProblem(res, req, e);
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'Not found', `no route for ${req.method} ${req.path}`));
};
