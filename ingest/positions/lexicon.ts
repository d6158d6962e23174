/**
 * Compatibility exports for modules outside the positions stage: the text normalisation shared
 * with the relations stage, and the default issue list. The vocabulary itself lives in
 * vocabulary.ts (general stance words) and issue-set.ts (issues).
 */
import { DEFAULT_ISSUE_SET, type IssueDef } from './issue-set.ts';

export { normalise } from './matcher.ts';

/** The issues of the default set, in the file's order. */
export const ISSUES: readonly IssueDef[] = DEFAULT_ISSUE_SET.issues;
