/** The Cypher console: untrusted, read-only, bounded by the configured limits (the store enforces them). */
import type { z } from 'zod';
import type { ConsoleResult } from '../../cypher/store.ts';
import type { CypherRequest } from '../contract.ts';
import { consoleError } from '../errors.ts';
import type { Deps } from './deps.ts';

export async function runConsole(deps: Deps, req: z.output<typeof CypherRequest>): Promise<ConsoleResult> {
  try {
    return await deps.store.runConsole(req.query, req.params, deps.config.console);
  } catch (err) {
    throw consoleError(err);
  }
}
