/**
 * The relations stage on a hand-made document with a small invented cast: what the news-form and
 * recall tests run each sentence through. Offices are off, so only the sentence's own words count.
 */
import type { ActorType } from '../../../cypher/schema.ts';
import { makeRelationsStage } from '../../../ingest/stages/relations.ts';
import type { Doc } from '../../../ingest/types.ts';
import { makeDoc, type DocSpec } from './make-doc.ts';

const stage = makeRelationsStage({ officeMatches: () => [] });

export const CAST: [string, string, ActorType][] = [
  ['Jane Roe', 'jane-roe', 'person'],
  ['John Doe', 'john-doe', 'person'],
  ['Max Poe', 'max-poe', 'person'],
  ['Mary Major', 'mary-major', 'person'],
  ['the Sierra Club', 'sierra-club', 'organization'],
  ['Gamma Front', 'gamma-front', 'group'],
  ['Alphanian', 'alphania', 'country'],
  ['Omega', 'omega', 'organization'],
];

/** `kind:from>to` of every relation but speaks_about, sorted. */
export const triples = (doc: Doc) => doc.relations.filter((r) => r.kind !== 'speaks_about').map((r) => `${r.kind}:${r.from}>${r.to}`).sort();

export const runRelations = (text: string, spec?: DocSpec) => triples(stage(makeDoc(text, CAST, spec)));
