/**
 * Keyset cursors on the wire: the sort key of a page's last row, as base64url JSON. Opaque to
 * clients; checked with zod on the way back in (a bad one is a 400 naming the parameter).
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, schema: S, param = 'after'): z.output<S> | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError(400, 'Invalid request', `query parameter '${param}': not a cursor this list handed out (use its nextCursor as is)`);
  return r.data;
}

/**
 * Rows of a page fetched with LIMIT pageSize + 1: the page, and the cursor of its last row when
 * the extra row shows that more follow.
 */
export function paged<R>(rows: R[], pageSize: number, keyOf: (row: R) => readonly (string | number)[]): { items: R[]; nextCursor: string | null } {
  if (rows.length <= pageSize) return { items: rows, nextCursor: null };
  const items = rows.slice(0, pageSize);
  return { items, nextCursor: encodeCursor(keyOf(items[pageSize - 1]!)) };
}

export const StatementCursor = z.tuple([z.string(), z.string(), z.string()]);
export const ChronoCursor = z.tuple([z.string(), z.string()]);
export const IssueCursor = z.tuple([z.number(), z.string()]);
export const ActorSearchCursor = z.tuple([z.number(), z.number(), z.string(), z.string()]);
