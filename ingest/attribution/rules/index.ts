/**
 * The attribution rules, in the order they run on a sentence. Each is one construction with its own
 * example sentences (tests/unit/attribution-rules.test.ts runs every example). To add a construction,
 * write a Rule (ingest/attribution/types.ts) and list it here.
 */
import type { Rule } from '../types.ts';
import { speechNoun } from './speech-noun.ts';
import { accordingTo, asClause, invertedTail, parenthetical } from './tail-frames.ts';
import { coordinatedVerb, participleChain, relativeClause, subjectVerb } from './verb-frames.ts';

export const RULES: readonly Rule[] = [subjectVerb, relativeClause, coordinatedVerb, participleChain, accordingTo, invertedTail, parenthetical, asClause, speechNoun];
