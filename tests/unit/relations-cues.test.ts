/**
 * Every rule of ingest/data/relation-cues.json carries its own example sentences (made up, never
 * from an annotated corpus); each is run through the relations stage here: the named relation
 * must come out (with its kind), and a `none` example must give nothing between its actors.
 * Plus the vocabulary's validation: a broken file fails naming the file and the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActorType } from '../../cypher/schema.ts';
import { buildVocabulary, CUES_FILE, CueFileError, vocabulary } from '../../ingest/relations/cues.ts';
import { makeRelationsStage } from '../../ingest/stages/relations.ts';
import { segment } from '../../ingest/stages/segment.ts';
import { makeDoc } from './helpers/make-doc.ts';

const stage = makeRelationsStage({ officeMatches: () => [] });

/** The invented actors of the examples, by surface form. */
const ACTORS: [string, string, ActorType][] = [
  ['Alpha Ministry', 'alpha-ministry', 'organization'],
  ['Beta Council', 'beta-council', 'organization'],
  ['Delta Coalition', 'delta-coalition', 'organization'],
  ['Gamma Front', 'gamma-front', 'group'],
  ['Alphanian', 'alphania', 'country'],
  ['Jane Roe', 'jane-roe', 'person'],
  ['John Doe', 'john-doe', 'person'],
  ['Mary Major', 'mary-major', 'person'],
  ['Rex Brown', 'rex-brown', 'person'],
];

interface Example {
  text: string;
  from?: string;
  to?: string;
  kind?: string;
  none?: boolean;
}

const raw = JSON.parse(readFileSync(CUES_FILE, 'utf8')) as Record<string, unknown>;
const voc = vocabulary();
const groups: [string, { id: string; kind: string; examples: Example[] }[]][] = [
  ['verbs', raw.verbs as never],
  ['nouns', raw.nouns as never],
  ['modifiers', raw.modifiers as never],
  ['titles', (raw.titles as { id: string; examples: Example[] }[]).map((t) => ({ ...t, kind: 'holds_office' }))],
  ['adjectives', (raw.adjectives as { cues: never[] }).cues],
];

describe('relation cue examples', () => {
  for (const [group, cues] of groups) {
    for (const cue of cues) {
      for (const ex of cue.examples) {
        it(`${group}.${cue.id}: ${ex.text}`, () => {
          // the pipeline's own sentence splitter ("Sen." does not end a sentence)
          const doc = stage(segment(makeDoc(ex.text, ACTORS)));
          const rels = doc.relations.filter((r) => r.kind !== 'speaks_about');
          if (ex.none) {
            expect(rels.map((r) => `${r.kind}:${r.from}>${r.to}`)).toEqual([]);
            return;
          }
          const kind = voc.kinds.get(ex.kind ?? cue.kind)!.stored;
          const hit = rels.find((r) => r.kind === kind && ((r.from === ex.from && r.to === ex.to) || (voc.kinds.get(ex.kind ?? cue.kind)!.symmetric && r.from === ex.to && r.to === ex.from)));
          expect(hit, `${kind}:${ex.from}>${ex.to} in ${JSON.stringify(rels.map((r) => `${r.kind}:${r.from}>${r.to}`))}`).toBeDefined();
          // the relation names the rule that found it
          expect(hit!.rule).toMatch(/^[a-z-]+\.[a-z-]+/);
        });
      }
    }
  }
});

describe('relation vocabulary validation', () => {
  it('names the file and the field of a bad entry', () => {
    const bad = structuredClone(raw) as { verbs: { kind: string }[] };
    bad.verbs[0]!.kind = 'befriends';
    expect(() => buildVocabulary(bad, 'x/relation-cues.json')).toThrow(CueFileError);
    expect(() => buildVocabulary(bad, 'x/relation-cues.json')).toThrow(/x\/relation-cues\.json: verbs\.meet\.kind: unknown kind "befriends"/);
    expect(() => buildVocabulary({ ...raw, verbs: 'nope' }, 'y.json')).toThrow(/y\.json: verbs/);
    expect(() => buildVocabulary({ ...raw, kinds: [{ id: 'x', stored: 'likes', symmetric: true, plover: 'p' }] }, 'z.json')).toThrow(/z\.json: kinds\.0\.stored/);
  });

  it('declares every kind it uses, stored as a schema kind', () => {
    for (const k of voc.kinds.values()) expect(['negotiates_with', 'pressures', 'attacks', 'supports', 'opposes', 'member_of', 'holds_office', 'addresses']).toContain(k.stored);
  });
});
