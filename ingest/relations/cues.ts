/**
 * The relation vocabulary (ingest/data/relation-cues.json), validated once: verb cues by lemma
 * (with an optional particle or preposition: "call on", "work with"), nominal cues with the
 * prepositions that introduce their ends, hyphenated modifiers ("X-backed"), role nouns for
 * memberships and offices, title prefixes, party labels and the words that block a relation.
 *
 * A bad file fails with a message naming the file and the field (zod's path), never silently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RELATION_KINDS, type RelationKind } from '../../cypher/schema.ts';

export const CUES_FILE = join(import.meta.dirname, '..', 'data', 'relation-cues.json');

const example = z
  .object({
    text: z.string().min(1),
    from: z.string().optional(),
    to: z.string().optional(),
    kind: z.string().optional(),
    none: z.boolean().optional(),
  })
  .strict()
  .refine((e) => e.none || (e.from && e.to), 'an example names both ends or says none: true');

const kindId = z.string().regex(/^[a-z_]+$/);
const words = z.array(z.string().min(1)).min(1);
/** What verb and noun cues share: their lemmas, the kind they express, and its verbal/physical split. */
const eventCue = {
  id: z.string().min(1),
  lemmas: words,
  kind: kindId,
  /** the kind when neither end is military or a state: "X attacked Y" between politicians */
  verbal: kindId.optional(),
  /** lemmas that are physical whatever the ends ("bomb", "kill") */
  physical: z.array(z.string()).optional(),
};

const schema = z
  .object({
    $comment: z.string().optional(),
    kinds: z
      .array(
        z
          .object({
            id: kindId,
            stored: z.enum(RELATION_KINDS),
            symmetric: z.boolean(),
            plover: z.string().min(1),
          })
          .strict(),
      )
      .min(1),
    verbs: z.array(
      z
        .object({
          ...eventCue,
          /** lemmas that are a relation only when physical ("defeat", "expel") */
          militaryOnly: z.array(z.string()).optional(),
          /** lemmas that are this relation only with an infinitive after the object ("asked Y to resign") */
          infinitiveOnly: z.array(z.string()).optional(),
          /** lemmas whose other end may be the subject of their that-clause ("demanded that Y withdraw") */
          thatClause: z.array(z.string()).optional(),
          /** lemmas whose object must be a possessive phrase ("questioned Y's judgment"; "questioned Y about" is an interview) */
          possessiveOnly: z.array(z.string()).optional(),
          passive: z.boolean().optional(),
          examples: z.array(example).min(1),
        })
        .strict(),
    ),
    nouns: z.array(
      z
        .object({
          ...eventCue,
          objectPreps: words,
          fromPreps: z.array(z.string()).optional(),
          between: z.boolean().optional(),
          examples: z.array(example).min(1),
        })
        .strict(),
    ),
    modifiers: z.array(
      z
        .object({
          id: z.string().min(1),
          suffixes: z.array(z.string()).optional(),
          prefixes: z.array(z.string()).optional(),
          kind: kindId,
          examples: z.array(example).min(1),
        })
        .strict(),
    ),
    roles: z
      .object({
        $comment: z.string().optional(),
        member: words,
        office: words,
        groupHeads: words,
        blockers: words,
        /** heads of a phrase that stands for the actor modifying it ("US troops", "Iraqi officials") */
        agents: words,
        /** "X, a Clinton supporter", "X is a critic of Y": role nouns that are a stance toward the body */
        supporterRoles: words,
        opponentRoles: words,
        /** object heads that stand for their of-object ("endorsed the re-election of Y": Y) */
        objectHeads: words,
      })
      .strict(),
    titles: z.array(
      z
        .object({
          id: z.string().min(1),
          forms: words,
          title: z.string(),
          /** an actor id, or "preceding-place": the country/place named right before the title */
          of: z.string().min(1),
          requirePrefix: z.array(z.string()).optional(),
          examples: z.array(example).min(1),
        })
        .strict(),
    ),
    adjectives: z
      .object({
        $comment: z.string().optional(),
        cues: z.array(z.object({ id: z.string().min(1), words, preps: words, kind: kindId, examples: z.array(example).min(1) }).strict()),
      })
      .strict(),
    parties: z
      .object({
        $comment: z.string().optional(),
        words: z.record(z.string(), z.string()),
        letters: z.record(z.string(), z.string()),
      })
      .strict(),
    governors: z
      .object({
        $comment: z.string().optional(),
        block: words,
        hypothetical: words,
        blockingModals: words,
        negators: words,
        notAddressees: words,
        /** verbs whose subject receives what the noun names ("won the endorsement of X": X endorses) */
        receive: words,
        /** what a demand asks to happen to Y that sets the demander against Y ("calls for Y to resign / be replaced") */
        ousting: words,
        /** nouns of the same removal after a demand ("called for the withdrawal of Y") */
        oustingNouns: words,
      })
      .strict(),
  })
  .strict();

export type CueFile = z.infer<typeof schema>;

export interface KindDef {
  id: string;
  stored: RelationKind;
  symmetric: boolean;
  plover: string;
}

export interface VerbCue {
  id: string;
  kind: KindDef;
  verbal: KindDef | null;
  /** words after the verb that must follow it ([] = a direct object) */
  particle: string[];
  lemma: string;
  physical: boolean;
  militaryOnly: boolean;
  /** the relation only when "to" + verb follows the object ("asked Y to resign") */
  infinitiveOnly: boolean;
  /** the other end may be the subject of a that-clause after the verb */
  thatClause: boolean;
  /** an object phrase stands between the verb and its particle ("discuss * with": "discussed the plan with Y") */
  gap: boolean;
  /** the object must be a possessive phrase ("questioned Y's judgment") */
  possessiveOnly: boolean;
  passive: boolean;
}

export interface NounCue {
  id: string;
  kind: KindDef;
  verbal: KindDef | null;
  physical: boolean;
  /** the noun's words, lower-cased ("air strike" has two) */
  words: string[];
  objectPreps: Set<string>;
  fromPreps: Set<string>;
  between: boolean;
}

export interface ModifierCue {
  id: string;
  kind: KindDef;
  suffixes: Set<string>;
  prefixes: Set<string>;
}

export interface TitleCue {
  id: string;
  forms: string[];
  title: string;
  of: string;
  requirePrefix: string[] | null;
}

export interface RoleWords {
  /** lower-cased words ("press secretary" → ["press", "secretary"]) */
  words: string[];
  office: boolean;
}

export interface TitleForm {
  cue: TitleCue;
  form: string;
  /** lower-cased words, abbreviation dots kept ("sen.") */
  words: string[];
}

export interface Vocabulary {
  /** member and office role phrases by their first word, longest first */
  roleFirst: Map<string, RoleWords[]>;
  /** title forms by their first word without its dot ("sen" for "Sen."), longest first */
  titleFirst: Map<string, TitleForm[]>;
  kinds: Map<string, KindDef>;
  /** verb cues by the verb's lemma */
  verbs: Map<string, VerbCue[]>;
  /** noun cues by the noun's last word */
  nouns: Map<string, NounCue[]>;
  modifiers: ModifierCue[];
  memberRoles: Set<string>;
  officeRoles: Set<string>;
  groupHeads: Set<string>;
  roleBlockers: Set<string>;
  agents: Set<string>;
  supporterRoles: Set<string>;
  opponentRoles: Set<string>;
  objectHeads: Set<string>;
  /** copular adjectives ("critical of") by word */
  adjectives: Map<string, { id: string; kind: KindDef; preps: Set<string> }>;
  receive: Set<string>;
  ousting: Set<string>;
  oustingNouns: Set<string>;
  titles: TitleCue[];
  partyWords: Map<string, string>;
  partyLetters: Map<string, string>;
  blockGovernors: Set<string>;
  hypothetical: Set<string>;
  blockingModals: Set<string>;
  negators: Set<string>;
  notAddressees: Set<string>;
  /**
   * Word forms that make a sentence worth tagging, for a cheap test before the tagger runs: null
   * when the word alone is enough, else the words one of which must follow it ("made" needs "a",
   * as in "made a deal with"; "support" as a noun needs "for" / "of" / "from" …).
   */
  triggers: Map<string, Set<string> | null>;
  file: CueFile;
}

export class CueFileError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'CueFileError';
  }
}

/** Inflected forms of a lemma for the trigger test (the tagger's lemma decides the real match). */
function forms(lemma: string): string[] {
  const w = lemma.toLowerCase();
  const out = [w, `${w}s`, `${w}es`, `${w}ed`, `${w}d`, `${w}ing`];
  if (w.endsWith('e')) out.push(`${w.slice(0, -1)}ing`, `${w.slice(0, -1)}ed`);
  if (w.endsWith('y')) out.push(`${w.slice(0, -1)}ies`, `${w.slice(0, -1)}ied`);
  if (/[^aeiou][aeiou][bdgmnprt]$/.test(w)) out.push(`${w}${w.at(-1)}ed`, `${w}${w.at(-1)}ing`);
  return out;
}

/** Irregular past forms the trigger test must know (the tagger lemmatises them). */
const IRREGULAR: Record<string, string[]> = {
  meet: ['met'], fight: ['fought'], strike: ['struck'], shoot: ['shot'], hit: ['hit'], tell: ['told'], speak: ['spoke', 'spoken'],
  write: ['wrote', 'written'], sit: ['sat'], take: ['took', 'taken'], go: ['went', 'gone'], lean: ['leant'], stand: ['stood'], make: ['made'],
  reach: ['reached'], hold: ['held'], overrun: ['overran'], retake: ['retook', 'retaken'], break: ['broke', 'broken'], lay: ['laid'], light: ['lit'], lash: ['lashed'], rejoin: ['rejoined'], join: ['joined'], put: ['put'], win: ['won'], file: ['filed'],
};

export function buildVocabulary(raw: unknown, file = CUES_FILE): Vocabulary {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CueFileError(file, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const d = parsed.data;
  const kinds = new Map(d.kinds.map((k) => [k.id, k]));
  const kind = (id: string, where: string): KindDef => {
    const k = kinds.get(id);
    if (!k) throw new CueFileError(file, `${where}: unknown kind "${id}" (declare it under "kinds")`);
    return k;
  };
  const triggers = new Map<string, Set<string> | null>();
  const trigger = (form: string, next: string | null) => {
    if (triggers.get(form) === null) return;
    if (next === null) triggers.set(form, null);
    else triggers.set(form, new Set([...(triggers.get(form) ?? []), next]));
  };
  // "called for Y to resign" (rules.ts ousterDemandRules)
  for (const f of forms('call')) trigger(f, 'for');
  const verbs = new Map<string, VerbCue[]>();
  for (const v of d.verbs) {
    const k = kind(v.kind, `verbs.${v.id}.kind`);
    const verbal = v.verbal ? kind(v.verbal, `verbs.${v.id}.verbal`) : null;
    const physical = new Set(v.physical ?? []);
    const militaryOnly = new Set(v.militaryOnly ?? []);
    const infinitiveOnly = new Set(v.infinitiveOnly ?? []);
    const thatClause = new Set(v.thatClause ?? []);
    const possessiveOnly = new Set(v.possessiveOnly ?? []);
    for (const l of [...v.lemmas, ...militaryOnly, ...infinitiveOnly, ...possessiveOnly]) {
      const [head, ...rest] = l.toLowerCase().split(/\s+/);
      // "discuss * with": the star stands for the object phrase before the particle
      const gap = rest[0] === '*';
      const particle = gap ? rest.slice(1) : rest;
      if (gap && !particle.length) throw new CueFileError(file, `verbs.${v.id}.lemmas: "${l}" has no particle after its gap`);
      const cue: VerbCue = { id: v.id, kind: k, verbal, particle, lemma: head!, physical: physical.has(l), militaryOnly: militaryOnly.has(l), infinitiveOnly: infinitiveOnly.has(l), thatClause: thatClause.has(head!), gap, possessiveOnly: possessiveOnly.has(l), passive: (v.passive ?? false) && !infinitiveOnly.has(l) && !gap && !possessiveOnly.has(l) };
      verbs.set(head!, [...(verbs.get(head!) ?? []), cue]);
      // a gapped particle is not the next word: the verb alone makes the sentence worth tagging
      for (const f of [...forms(head!), ...(IRREGULAR[head!] ?? [])]) trigger(f, gap ? null : (particle[0] ?? null));
    }
  }
  const nouns = new Map<string, NounCue[]>();
  for (const n of d.nouns) {
    const k = kind(n.kind, `nouns.${n.id}.kind`);
    const verbal = n.verbal ? kind(n.verbal, `nouns.${n.id}.verbal`) : null;
    const physical = new Set(n.physical ?? []);
    for (const l of n.lemmas) {
      const ws = l.toLowerCase().split(/\s+/);
      const cue: NounCue = {
        id: n.id,
        kind: k,
        verbal,
        physical: physical.has(l),
        words: ws,
        objectPreps: new Set(n.objectPreps),
        fromPreps: new Set(n.fromPreps ?? []),
        between: n.between ?? false,
      };
      const last = ws.at(-1)!;
      nouns.set(last, [...(nouns.get(last) ?? []), cue]);
      // a noun counts with the preposition that introduces its other end; symmetric ones alone ("X and Y held talks")
      for (const f of [last, `${last}s`, `${last}es`]) {
        if (cue.kind.symmetric) trigger(f, null);
        // "X's complaints that Y …" (rules.ts contentClauseNounRules)
        else for (const p of [...cue.objectPreps, ...cue.fromPreps, 'between', 'that']) trigger(f, p);
      }
    }
  }
  const modifiers = d.modifiers.map((m) => ({
    id: m.id,
    kind: kind(m.kind, `modifiers.${m.id}.kind`),
    suffixes: new Set((m.suffixes ?? []).map((s) => s.toLowerCase())),
    prefixes: new Set((m.prefixes ?? []).map((s) => s.toLowerCase())),
  }));
  const actorIdPattern = /^[a-z0-9][a-z0-9-]*$/;
  for (const [w, id] of [...Object.entries(d.parties.words), ...Object.entries(d.parties.letters)]) {
    if (!actorIdPattern.test(id)) throw new CueFileError(file, `parties: "${w}" maps to "${id}", not an actor id`);
  }
  const memberRoles = new Set(d.roles.member.map((s) => s.toLowerCase()));
  const officeRoles = new Set(d.roles.office.map((s) => s.toLowerCase()));
  const roleFirst = new Map<string, RoleWords[]>();
  for (const [list, office] of [[memberRoles, false], [officeRoles, true]] as const) {
    for (const r of list) {
      // the tagger splits most hyphenated words ("front - runner"): both forms are looked for
      const forms = r.includes('-') ? [r.split(/\s+/), r.replace(/-/g, ' - ').split(/\s+/)] : [r.split(/\s+/)];
      for (const words of forms) roleFirst.set(words[0]!, [...(roleFirst.get(words[0]!) ?? []), { words, office }].sort((a, b) => b.words.length - a.words.length));
    }
  }
  const titles = d.titles.map((t) => ({ id: t.id, forms: t.forms, title: t.title, of: t.of, requirePrefix: t.requirePrefix ?? null }));
  const titleFirst = new Map<string, TitleForm[]>();
  for (const cue of titles) {
    for (const form of cue.forms) {
      const words = form.toLowerCase().split(/\s+/);
      const key = words[0]!.replace(/\.$/, '');
      titleFirst.set(key, [...(titleFirst.get(key) ?? []), { cue, form, words }].sort((a, b) => b.words.length - a.words.length));
    }
  }
  return {
    roleFirst,
    titleFirst,
    kinds,
    verbs,
    nouns,
    modifiers,
    memberRoles,
    officeRoles,
    groupHeads: new Set(d.roles.groupHeads.map((s) => s.toLowerCase())),
    roleBlockers: new Set(d.roles.blockers.map((s) => s.toLowerCase())),
    agents: new Set(d.roles.agents.map((s) => s.toLowerCase())),
    supporterRoles: new Set(d.roles.supporterRoles.map((s) => s.toLowerCase())),
    opponentRoles: new Set(d.roles.opponentRoles.map((s) => s.toLowerCase())),
    objectHeads: new Set(d.roles.objectHeads.map((s) => s.toLowerCase())),
    adjectives: new Map(d.adjectives.cues.flatMap((a) => a.words.map((w) => [w.toLowerCase(), { id: a.id, kind: kind(a.kind, `adjectives.${a.id}.kind`), preps: new Set(a.preps) }] as const))),
    receive: new Set(d.governors.receive),
    ousting: new Set(d.governors.ousting),
    oustingNouns: new Set(d.governors.oustingNouns),
    titles,
    partyWords: new Map(Object.entries(d.parties.words).map(([k, v]) => [k.toLowerCase(), v])),
    partyLetters: new Map(Object.entries(d.parties.letters)),
    blockGovernors: new Set(d.governors.block),
    hypothetical: new Set(d.governors.hypothetical),
    blockingModals: new Set(d.governors.blockingModals),
    negators: new Set(d.governors.negators),
    notAddressees: new Set(d.governors.notAddressees.map((s) => s.toLowerCase())),
    triggers,
    file: d,
  };
}

let cached: Vocabulary | null = null;

/** The vocabulary of the data file, loaded once. */
export function vocabulary(): Vocabulary {
  if (cached) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(CUES_FILE, 'utf8'));
  } catch (e) {
    throw new CueFileError(CUES_FILE, `cannot read: ${(e as Error).message}`);
  }
  cached = buildVocabulary(raw);
  return cached;
}
