/** Liveness plus the store's counts (a cheap query that proves the store answers). */
import type { z } from 'zod';
import type { HealthResponse } from '../contract.ts';
import type { Deps } from './deps.ts';

export async function health(deps: Deps): Promise<z.infer<typeof HealthResponse>> {
  const counts = await deps.store.counts();
  return { status: 'ok', store: deps.store.kind, counts };
}
