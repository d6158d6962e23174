/** Response schemas the API needs beyond contract.ts (for OpenAPI and response validation). */
import { z } from 'zod';

/** A console value is any JSON value; nodes/relationships are tagged objects ($kind). */
const ConsoleValue = z.unknown().meta({ description: 'JSON value; nodes and relationships are objects tagged with $kind' });

export const ConsoleResponse = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(ConsoleValue)),
  truncated: z.boolean(),
  elapsedMs: z.number(),
});
export type ConsoleResponse = z.infer<typeof ConsoleResponse>;
