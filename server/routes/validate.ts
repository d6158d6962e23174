/** Parses one part of a request with a contract schema; a failure becomes a 400 naming the parameter. */
import type { z } from 'zod';
import { badRequest } from '../errors.ts';

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'query' | 'body' | 'path'): z.output<S> {
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!r.success) throw badRequest(r.error, where);
  return r.data;
}
