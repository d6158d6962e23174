/**
 * The relation rules over one sentence (ingest/relations/sentence.ts), each driven by the cue
 * vocabulary and each naming itself in the relation it yields (`rule`):
 *
 *   verb.<cue>.active     "X attacked Y", "X called on Y", "X and Y met"   (subject → object)
 *   verb.<cue>.passive    "Y was attacked by X", "Y, backed by X"           (by-agent → subject)
 *   verb.<cue>.control    "X worked with Y to fight Z"                      (controller → object)
 *   noun.<cue>.possessor  "X's attack on Y"      noun.<cue>.modifier  "an X strike on Y"
 *   noun.<cue>.support    "X held talks with Y", "X put pressure on Y"      (light verb's subject)
 *   noun.<cue>.by         "attacks by X on Y", "Y is under pressure from X"
 *   noun.<cue>.between    "talks between X and Y"
 *   noun.<cue>.receive    "Y won the endorsement of X"                      (reversed)
 *   mod.<cue>             "an X-backed Y", "Y, a pro-X group", "the X-led Y"
 *   role.apposition       "X, a Pentagon spokesman", "X, the director of Y"  → member_of / holds_office
 *   role.prefix           "Pentagon spokesman X", "Y's X", "Republican Sen. X"
 *   role.of               "X of the University of Y"
 *   role.party-label      "X (R-Tenn.)"
 *   role.possessed-group  "X's Dawa party"
 *   title.<cue>           "Sen. X", "Alphanian President X"                  → holds_office
 *
 * Every event rule checks that its clause is asserted (sentence.ts `unasserted`).
 */
import type { ActorType } from '../../cypher/schema.ts';
import type { VerbGroup } from '../syntax/index.ts';
import type { KindDef, NounCue, VerbCue } from './cues.ts';
import {
  actorEndingAt,
  actorStartingAt,
  afterTimeAdjunct,
  coordinatedAfter,
  coordinatedBefore,
  headSlot,
  phraseAt,
  subjectOf,
  unasserted,
  type RelSentence,
} from './sentence.ts';

export interface Found {
  kind: KindDef;
  from: string;
  to: string;
  rule: string;
  /** token index of the cue (for dates and statements) */
  at: number;
  title: string | null;
}

type Emit = (f: Found) => void;

const MILITARY = /^(?:troops?|forces?|military|militar(?:y|ies)|militants?|fighters?|soldiers?|army|armies|rockets?|missiles?|drones?|bombs?|airstrikes?|strikes?|jets?|warplanes?|artillery|shelling|weapons?|gunmen|insurgents?|raids?|killed|wounded|casualties|convoy|base|bases|militias?)$/;

/** "attacks" only when it is physical: a physical cue, a state or armed group at an end, or military words in the clause. */
function physicalKind(rs: RelSentence, cue: { kind: KindDef; verbal: KindDef | null; physical: boolean }, types: (ActorType | undefined)[], at: number): KindDef {
  if (!cue.verbal || cue.physical) return cue.kind;
  if (types.some((t) => t === 'group')) return cue.kind;
  const tk = rs.tokens;
  for (let k = Math.max(0, at - 12); k < Math.min(tk.length, at + 12); k++) if (MILITARY.test(tk[k]!.lower)) return cue.kind;
  // two states (or a state and its military) fight physically; people and parties attack verbally
  if (types.every((t) => t === 'country')) return cue.kind;
  return cue.verbal;
}

function emitPairs(rs: RelSentence, emit: Emit, kind: KindDef, froms: number[], tos: number[], rule: string, at: number) {
  for (const f of froms) for (const t of tos) {
    const a = rs.slots[f]!;
    const b = rs.slots[t]!;
    if (a.actorId === b.actorId) continue;
    if (kind.stored === 'addresses' && rs.voc.notAddressees.has(b.mention.text.toLowerCase().replace(/^the\s+/, ''))) continue;
    emit({ kind, from: a.actorId, to: b.actorId, rule, at, title: null });
  }
}

/**
 * Where a verb's particle words end ("met with", "worked closely with", "met on Friday with"): the
 * token after them, or -1 when they do not follow. One adverb or a time adjunct may come first.
 */
function particleEnd(rs: RelSentence, j: number, particle: readonly string[], gap = false): number {
  const tk = rs.tokens;
  if (gap) {
    // "discussed the plan with Y", "spoke by phone with Y": a short phrase with no name, verb or clause break, then the particle
    const start = j;
    // ("distanced himself from Y": a reflexive is the object)
    while (j < tk.length && j - start < 6 && tk[j]!.lower !== particle[0] && rs.slotOf[j]! < 0 && rs.verbOf[j]! < 0 && (!/^(?:PUNCT|CCONJ|SCONJ|PRON)$/.test(tk[j]!.pos) || /^(?:him|her|them|it)sel(?:f|ves)$/.test(tk[j]!.lower))) j++;
    if (j === start || tk[j]?.lower !== particle[0]) return -1;
  }
  for (const w of particle) {
    if (tk[j]?.lower !== w) j = afterTimeAdjunct(tk, j);
    if (tk[j]?.pos === 'ADV' && tk[j]!.lower !== w) j++;
    if (tk[j]?.lower !== w) return -1;
    j++;
  }
  return j;
}

/** The object after a verb group (its particle consumed): slot indexes, coordinated. */
function objectAfter(rs: RelSentence, v: VerbGroup, cue: VerbCue): number[] {
  const tk = rs.tokens;
  let j = particleEnd(rs, v.last + 1, cue.particle, cue.gap);
  if (j < 0) return [];
  // "X criticized and mocked Y": the object of the verb coordinated after this one
  if (cue.particle.length === 0 && tk[j]?.lower === 'and' && rs.verbOf[j + 1]! >= 0 && rs.ts.verbs[rs.verbOf[j + 1]!]!.first === j + 1) {
    const next = rs.ts.verbs[rs.verbOf[j + 1]!]!;
    if (!next.passive) j = next.last + 1;
  }
  // "helped fight X", "helped fund X": the next verb (mis-tagged as a noun) has the object, not this one
  if (cue.particle.length === 0 && rs.slotOf[j]! < 0 && tk[j] && tk[j]!.lower === tk[j]!.lemma && rs.voc.verbs.has(tk[j]!.lower)) return [];
  let s = actorStartingAt(rs, j);
  // "endorsed the re-election of Y", "criticized the handling of Y": a head noun that stands for its of-object
  if (s < 0 && cue.particle.length === 0) s = ofObject(rs, j);
  // "demanded that Y withdraw": the subject of the that-clause, when a verb follows it
  if (s < 0 && cue.thatClause && tk[j]?.lower === 'that') {
    const o = actorStartingAt(rs, j + 1);
    let k = o >= 0 ? rs.slots[o]!.last + 1 : -1;
    if (tk[k]?.pos === 'ADV') k++;
    // a demand's clause is subjunctive ("that Y withdraw", "that Y be released"); "insisted that Y will win" reports a claim
    const w = tk[k];
    const subjunctive = w && (w.pos === 'VERB' || w.pos === 'AUX') && w.lower === w.lemma && !rs.voc.blockingModals.has(w.lower) && w.lower !== 'will';
    if (o >= 0 && rs.slots[o]!.first <= j + 2 && subjunctive) return [o];
  }
  if (s < 0) return [];
  const out = coordinatedAfter(rs, s);
  // "spoke to X on Friday and to Y": the particle repeated after "and", within the clause
  if (cue.particle.length) {
    const last = cue.particle.at(-1)!;
    for (let k = rs.slots[out.at(-1)!]!.last + 1; k < rs.tokens.length - 1; k++) {
      const t = rs.tokens[k]!;
      if (t.text === ';' || t.text === '.' || rs.verbOf[k]! >= 0) break;
      if (t.lower === 'and' && rs.tokens[k + 1]!.lower === last) {
        const o = actorStartingAt(rs, k + 2);
        if (o >= 0 && !out.includes(o)) out.push(o);
        break;
      }
    }
  }
  return out;
}

/**
 * "the re-election of Y", "the policies of Y": a determiner, at most two adjectives and a head noun
 * of the vocabulary's `roles.objectHeads`, then "of" and a mention. Returns its slot or -1.
 */
function ofObject(rs: RelSentence, j: number): number {
  const tk = rs.tokens;
  let k = j;
  if (tk[k]?.pos === 'DET') k++;
  for (let n = 0; n < 2 && tk[k]?.pos === 'ADJ'; n++) k++;
  const head = tk[k];
  if (!head || rs.slotOf[k]! >= 0 || !(rs.voc.objectHeads.has(head.lower) || rs.voc.objectHeads.has(head.lemma))) return -1;
  if (tk[k + 1]?.lower !== 'of') return -1;
  // "a commander of the Y": over the object's determiner and title words; "parts of Y territory": Y
  const a = actorStartingAt(rs, k + 2);
  if (a >= 0) return a;
  const o = rs.slotOf[k + 2]!;
  return o >= 0 ? headSlot(rs, o) : -1;
}

/** An object pronoun ("urged him to …", "to back her") standing alone, not a possessive ("her campaign"). */
function objectPronounAt(rs: RelSentence, j: number): boolean {
  const t = rs.tokens[j];
  if (!t || rs.slotOf[j]! >= 0 || !/^(?:him|her)$/.test(t.lower)) return false;
  const next = rs.tokens[j + 1];
  return !next || !/^(?:NOUN|PROPN|ADJ|NUM)$/.test(next.pos);
}

export function verbRules(
  rs: RelSentence,
  emit: Emit,
  resolvePronoun: (tokenIndex: number) => number,
  resolveObjectPronoun: (tokenIndex: number, notActors: readonly string[]) => number = () => -1,
) {
  const voc = rs.voc;
  const tk = rs.tokens;
  rs.ts.verbs.forEach((v, vi) => {
    const head = tk[v.head]!;
    if (head.pos !== 'VERB') return;
    const cues = voc.verbs.get(v.lemma) ?? voc.verbs.get(head.lower);
    if (!cues) return;
    // a particle cue beats the bare verb ("call on" vs "call"); the longest that fits wins
    const fitting = cues.filter((c) => particleEnd(rs, v.last + 1, c.particle, c.gap) >= 0);
    if (!fitting.length) return;
    const best = Math.max(...fitting.map((c) => c.particle.length));
    for (const cue of fitting.filter((c) => c.particle.length === best)) {
      const passiveBy = tk[v.last + 1]?.lower === 'by';
      const reduced = !v.passive && passiveBy && head.lower !== head.lemma && /(?:ed|en)$/.test(head.lower);
      if ((v.passive || reduced) && cue.particle.length === 0) {
        if (!cue.passive && !reduced) continue;
        // "Y was attacked by X", "Y, backed by X"
        const agent = actorStartingAt(rs, v.last + 2);
        if (agent < 0) continue;
        let patient: number[] = [];
        if (reduced) {
          let p = v.first - 1;
          if (tk[p]?.text === ',') p--;
          const s = actorEndingAt(rs, p);
          if (s >= 0) patient = [s];
        } else patient = subjectOf(rs, vi).slots;
        if (!patient.length) continue;
        if (unasserted(rs, v.head, v, [])) continue;
        const agents = coordinatedAfter(rs, agent);
        const kind = physicalKind(rs, cue, [...agents, ...patient].map((s) => rs.slots[s]!.type), v.head);
        emitPairs(rs, emit, kind, agents, patient, `verb.${cue.id}.passive`, v.head);
        continue;
      }
      if (v.passive) continue;
      const sub = subjectOf(rs, vi);
      let subjects = sub.slots;
      let rule = sub.governors.length ? `verb.${cue.id}.control` : `verb.${cue.id}.active`;
      if (!subjects.length) {
        // "he also criticized Y": over adverbs
        let before = v.first - 1;
        while (before > 0 && tk[before]!.pos === 'ADV') before--;
        const p = resolvePronoun(before);
        if (p >= 0) {
          subjects = [p];
          rule = `verb.${cue.id}.pronoun`;
        }
      }
      const why = unasserted(rs, v.head, v, sub.governors);
      if (why) continue;
      let objects = objectAfter(rs, v, cue);
      // "questioned Y's judgment" opposes Y; "questioned Y about …" is an interview
      if (cue.possessiveOnly && objects.length && !/^['’]s?$/.test(tk[rs.slots[objects[0]!]!.last + 1]?.lower ?? '')) continue;
      if (!objects.length && subjects.length && cue.particle.length === 0 && !cue.possessiveOnly && objectPronounAt(rs, v.last + 1)) {
        // "X urged him to quit": the one person the context can mean, never the subject itself
        const o = resolveObjectPronoun(v.last + 1, subjects.map((x) => rs.slots[x]!.actorId));
        if (o >= 0) {
          objects = [o];
          rule = `verb.${cue.id}.object-pronoun`;
        }
      }
      if (!objects.length) {
        // "X and Y met", "X and Y negotiated": a symmetric kind needs no object
        if (cue.kind.symmetric && cue.particle.length === 0 && subjects.length >= 2) {
          const next = tk[v.last + 1];
          if (next && rs.voc.negators.has(next.lower)) continue;
          for (let a = 0; a < subjects.length; a++) for (let b = a + 1; b < subjects.length; b++) emitPairs(rs, emit, cue.kind, [subjects[b]!], [subjects[a]!], `verb.${cue.id}.symmetric`, v.head);
        }
        continue;
      }
      if (!subjects.length) continue;
      // "asked Y to resign", "told Y to apologize": these verbs press only with an infinitive after the object
      if (cue.infinitiveOnly && !(cue.thatClause && tk[v.last + 1]?.lower === 'that')) {
        const after = rs.slots[objects.at(-1)!]!.last + 1;
        if (tk[after]?.lower !== 'to' || tk[after + 1]?.pos !== 'VERB') continue;
      }
      const kind = physicalKind(rs, cue, [...subjects, ...objects].map((s) => rs.slots[s]!.type), v.head);
      // "defeat", "expel": only a military event is a relation (an election win is not)
      if (cue.militaryOnly && kind !== cue.kind) continue;
      emitPairs(rs, emit, kind, subjects, objects, rule, v.head);
    }
  });
}

/**
 * "Sanders praises Obama", "Group backs Roe": a present-tense cue verb the tagger read as a plural
 * noun, standing right between two names (headline and lead style). Only bare direct-object cues;
 * anything between the names (a negator, a modal, an adverb) leaves it to the tagged clause.
 */
export function nounTaggedVerbRules(rs: RelSentence, emit: Emit) {
  const tk = rs.tokens;
  for (let i = 1; i < tk.length - 1; i++) {
    const t = tk[i]!;
    if (t.pos !== 'NOUN' || rs.slotOf[i]! >= 0 || !/[a-z]s$/.test(t.lower) || rs.verbOf[i]! >= 0) continue;
    const cues = (rs.voc.verbs.get(t.lower.slice(0, -1)) ?? rs.voc.verbs.get(t.lower.replace(/es$/, '')) ?? []).filter((c) => c.particle.length === 0 && !c.militaryOnly && !c.possessiveOnly);
    if (!cues.length) continue;
    // "X that blasts Y": a relative pronoun the tagger read as a determiner; its antecedent is the subject
    const relative = /^(?:that|who|which)$/.test(tk[i - 1]!.lower) && i >= 2;
    const left = relative ? actorEndingAt(rs, i - 2) : rs.slotOf[i - 1]!;
    const right = rs.slotOf[i + 1]!;
    if (left < 0 || right < 0 || rs.slots[right]!.first !== i + 1) continue;
    if (unasserted(rs, i, null, [])) continue;
    const subjects = coordinatedBefore(rs, headSlot(rs, left));
    const objects = coordinatedAfter(rs, headSlot(rs, right));
    for (const cue of cues) {
      const kind = physicalKind(rs, cue, [...subjects, ...objects].map((x) => rs.slots[x]!.type), i);
      emitPairs(rs, emit, kind, subjects, objects, `verb.${cue.id}.noun-tagged`, i);
    }
  }
}

/** words that may open a sentence-initial participial adjunct ("Eight years after backing X, Y …") */
const ADJUNCT_OPENER = /^(?:after|since|by|while|when|having|once|in|recently|days|weeks|months|years|decades|two|three|four|five|six|seven|eight|nine|ten|several|a|few|just|only|shortly|soon|later|earlier|long)$/;

/**
 * "Having pressured Y to …, X …", "Eight years after backing Y, X …": a participle opening the
 * sentence has no subject of its own; it is the subject of the main clause after the comma.
 * Only a clean opening (no name, no negator, no "if"/"instead of" before the participle) counts.
 */
export function adjunctSubjectRules(rs: RelSentence, emit: Emit) {
  const tk = rs.tokens;
  if (rs.question) return;
  for (let i = 0; i < Math.min(tk.length - 2, 8); i++) {
    const t = tk[i]!;
    if (!ADJUNCT_OPENER.test(t.lower) && t.pos !== 'NUM') {
      if (!(t.pos === 'VERB' && /ing$/.test(t.lower))) break;
    }
    let c = -1;
    if (t.lower === 'having' && /ed$/.test(tk[i + 1]!.lower)) c = i + 1;
    else if (t.pos === 'VERB' && /ing$/.test(t.lower) && t.lower !== 'having') c = i;
    if (c < 0) continue;
    const w = tk[c]!;
    const cues = (rs.voc.verbs.get(w.lemma) ?? rs.voc.verbs.get(w.lower.replace(/ed$/, '')) ?? rs.voc.verbs.get(w.lower.replace(/d$/, '')) ?? []).filter((q) => q.particle.length === 0);
    if (!cues.length) return;
    const first = actorStartingAt(rs, c + 1);
    if (first < 0 || rs.slots[first]!.first > c + 2) return;
    let objects = coordinatedAfter(rs, first);
    // "backing Y, X …": a comma alone before the main clause's subject does not continue the list
    if (!tk.slice(rs.slots[first]!.last + 1, rs.slots[objects.at(-1)!]!.first).some((x) => x.lower === 'and')) objects = [first];
    let comma = rs.slots[objects.at(-1)!]!.last + 1;
    while (comma < tk.length && comma < rs.slots[objects.at(-1)!]!.last + 12 && tk[comma]!.text !== ',' && rs.slotOf[comma]! < 0) comma++;
    if (tk[comma]?.text !== ',') return;
    let sub = actorStartingAt(rs, comma + 1);
    if (sub < 0 || rs.slots[sub]!.first > comma + 4) return;
    // "…, Pentagon spokesman X left": the person a body-and-role prefix names
    for (let k = rs.slots[sub]!.last + 1; k <= rs.slots[sub]!.last + 3 && k < tk.length; k++) {
      const o = rs.slotOf[k]!;
      if (o >= 0 && rs.slots[o]!.type === 'person' && rs.slots[sub]!.type !== 'person') {
        sub = headSlot(rs, o);
        break;
      }
      if (tk[k]!.pos !== 'NOUN') break;
    }
    let after = rs.slots[sub]!.last + 1;
    if (tk[after]?.pos === 'ADV') after++;
    if (!tk[after] || !(tk[after]!.pos === 'VERB' || tk[after]!.pos === 'AUX')) return;
    for (const cue of cues) {
      const kind = physicalKind(rs, cue, [sub, ...objects].map((x) => rs.slots[x]!.type), c);
      if (cue.militaryOnly && kind !== cue.kind) continue;
      emitPairs(rs, emit, kind, [sub], objects, `verb.${cue.id}.adjunct`, c);
    }
    return;
  }
}

/**
 * "X called for Y to resign", "X is calling for Y to be replaced": demanding Y's removal sets X
 * against Y (the ousting verbs are data: governors.ousting). Subject, negation and modality as for
 * any verb clause.
 */
export function ousterDemandRules(rs: RelSentence, emit: Emit) {
  const tk = rs.tokens;
  const opposes = rs.voc.kinds.get('opposes');
  if (!opposes) return;
  for (let i = 0; i < tk.length - 4; i++) {
    if (tk[i]!.lemma !== 'call' || tk[i + 1]!.lower !== 'for' || rs.verbOf[i]! < 0) continue;
    const o = actorStartingAt(rs, i + 2);
    if (o < 0 || rs.slots[o]!.first > i + 3) continue;
    const objects = coordinatedAfter(rs, o);
    let j = rs.slots[objects.at(-1)!]!.last + 1;
    if (tk[j]?.lower !== 'to') continue;
    j++;
    if (tk[j]?.lemma === 'be') j++;
    const w = tk[j];
    if (!w || !(rs.voc.ousting.has(w.lemma) || rs.voc.ousting.has(w.lower) || rs.voc.ousting.has(w.lower.replace(/e?d$/, '')))) continue;
    if (w.lemma === 'step' && tk[j + 1]?.lower !== 'down' && tk[j + 1]?.lower !== 'aside') continue;
    const vi = rs.verbOf[i]!;
    const v = rs.ts.verbs[vi]!;
    const sub = subjectOf(rs, vi);
    if (!sub.slots.length || unasserted(rs, i, v, sub.governors)) continue;
    emitPairs(rs, emit, opposes, sub.slots, objects, 'verb.call-for-ouster', i);
  }
  // "X called for the withdrawal of Y", "X demanded the resignation of Y": the removal as a noun
  for (let i = 0; i < tk.length - 4; i++) {
    const vi = rs.verbOf[i]!;
    if (vi < 0 || rs.ts.verbs[vi]!.head !== i) continue;
    const prep = DEMAND_VERBS.get(tk[i]!.lemma);
    if (prep === undefined) continue;
    let j = i + 1;
    if (prep) {
      if (tk[j]?.lower !== prep) continue;
      j++;
    }
    if (tk[j]?.pos === 'DET' || (tk[j] && /^(?:his|her|its|their)$/.test(tk[j]!.lower))) j++;
    while (tk[j]?.pos === 'ADJ' && rs.slotOf[j]! < 0) j++;
    const n = tk[j];
    if (!n || !(rs.voc.oustingNouns.has(n.lower) || rs.voc.oustingNouns.has(n.lemma)) || tk[j + 1]?.lower !== 'of') continue;
    const o = actorStartingAt(rs, j + 2);
    if (o < 0) continue;
    const v = rs.ts.verbs[vi]!;
    const sub = subjectOf(rs, vi);
    if (!sub.slots.length || unasserted(rs, i, v, sub.governors)) continue;
    emitPairs(rs, emit, opposes, sub.slots, coordinatedAfter(rs, o), 'noun.call-for-ouster', i);
  }
}

/** demand verbs and the particle their object needs ("call for", "demand" ∅) */
const DEMAND_VERBS = new Map<string, string | null>([['call', 'for'], ['push', 'for'], ['press', 'for'], ['demand', null], ['seek', null], ['urge', null]]);

/**
 * "X's complaints that Y had interfered", "X's accusation that Y lied": a stance noun whose
 * content clause has Y as its subject sets the possessor X against (or behind) Y.
 */
export function contentClauseNounRules(rs: RelSentence, emit: Emit) {
  const tk = rs.tokens;
  for (let i = 2; i < tk.length - 2; i++) {
    if (tk[i + 1]!.lower !== 'that') continue;
    const cues = nounCueAt(rs, i).filter((c) => c.kind.stored === 'opposes' || c.kind.stored === 'supports');
    if (!cues.length) continue;
    let p = i - 1;
    while (p >= 0 && tk[p]!.pos === 'ADJ' && rs.slotOf[p]! < 0) p--;
    if (p < 1 || !/^['’]s?$/.test(tk[p]!.lower)) continue;
    const from = actorEndingAt(rs, p - 1);
    const to = actorStartingAt(rs, i + 2);
    if (from < 0 || to < 0 || rs.slots[to]!.first > i + 3) continue;
    // Y must be the clause's subject: a verb follows its name
    let k = rs.slots[to]!.last + 1;
    if (tk[k]?.pos === 'ADV') k++;
    if (!tk[k] || !(tk[k]!.pos === 'VERB' || tk[k]!.pos === 'AUX')) continue;
    if (unasserted(rs, i, null, [])) continue;
    for (const cue of cues) emitPairs(rs, emit, cue.kind, [from], [headSlot(rs, to)], `noun.${cue.id}.that-clause`, i);
  }
}

const NONE: NounCue[] = [];

/** The noun cue whose words end at token i, longest first. */
function nounCueAt(rs: RelSentence, i: number): NounCue[] {
  const t = rs.tokens[i]!;
  // a plural the tagger read as a verb with no subject: "following calls from X for Y"
  const nominalVerb = t.pos === 'VERB' && /s$/.test(t.lower) && rs.tokens[i + 1]?.pos === 'ADP' && !/^(?:NOUN|PROPN|PRON)$/.test(rs.tokens[i - 1]?.pos ?? '') && rs.slotOf[i - 1]! < 0;
  if (t.pos !== 'NOUN' && t.pos !== 'PROPN' && !nominalVerb) return [];
  // the tagger may leave a capitalised plural unlemmatised ("Talks between …")
  const f = rs.voc.nouns.get(t.lower) ?? (t.lower.endsWith('s') ? rs.voc.nouns.get(t.lower.slice(0, -1)) : undefined);
  const l = t.lemma !== t.lower ? rs.voc.nouns.get(t.lemma) : undefined;
  if (!f && !l) return NONE;
  const byForm = f ?? [];
  const byLemma = l ?? [];
  const cues = [...byForm, ...byLemma.filter((c) => !byForm.some((f) => f.id === c.id && f.words.length === c.words.length))];
  if (!cues.length) return [];
  return cues.filter((c) => c.words.length === 1 || phraseAt(rs, i - c.words.length + 1, c.words.map((w, k) => (k === c.words.length - 1 ? rs.tokens[i]!.lower : w))));
}

export function nounRules(rs: RelSentence, emit: Emit) {
  const tk = rs.tokens;
  const voc = rs.voc;
  for (let i = 0; i < tk.length; i++) {
    const cues = nounCueAt(rs, i);
    if (!cues.length) continue;
    for (const cue of cues) {
      const start = i - cue.words.length + 1;
      // objects: "on Y", "with Y", "between X and Y" (over a time adjunct: "talks this week with Y")
      let j = afterTimeAdjunct(tk, i + 1);
      const prep = tk[j]?.lower;
      let objects: number[] = [];
      let between: number[] = [];
      let byAgent: number[] = [];
      if (prep && cue.between && prep === 'between') {
        const a = actorStartingAt(rs, j + 1);
        if (a >= 0) between = coordinatedAfter(rs, a);
      } else if (prep && cue.objectPreps.has(prep)) {
        const o = actorStartingAt(rs, j + 1);
        if (o >= 0) objects = coordinatedAfter(rs, o);
        if (objects.length) j = rs.slots[objects.at(-1)!]!.last + 1;
      }
      if (prep && cue.fromPreps.has(prep) && !objects.length) {
        const a = actorStartingAt(rs, j + 1);
        if (a >= 0) {
          byAgent = coordinatedAfter(rs, a);
          j = rs.slots[byAgent.at(-1)!]!.last + 1;
          // "attacks by X on Y"
          const p2 = tk[j]?.lower;
          if (p2 && cue.objectPreps.has(p2)) {
            const o = actorStartingAt(rs, j + 1);
            if (o >= 0) objects = coordinatedAfter(rs, o);
          }
        }
      } else if (objects.length && tk[j]?.lower && cue.fromPreps.has(tk[j]!.lower)) {
        const a = actorStartingAt(rs, j + 1);
        if (a >= 0) byAgent = coordinatedAfter(rs, a);
      }
      const assertion = (v: VerbGroup | null, govs: VerbGroup[]) => unasserted(rs, start, v, govs);
      if (between.length >= 2) {
        if (assertion(verbOfIndex(rs, governingVerb(rs, start)), [])) continue;
        for (let a = 0; a < between.length; a++) for (let b = a + 1; b < between.length; b++) emitPairs(rs, emit, cue.kind, [between[a]!], [between[b]!], `noun.${cue.id}.between`, i);
        continue;
      }
      // the killing of Y in an X strike: the agent is the modifier of a following attack noun
      if (cue.id === 'killing-noun' && objects.length && !byAgent.length) {
        const k = rs.slots[objects.at(-1)!]!.last + 1;
        if (/^(?:in|by)$/.test(tk[k]?.lower ?? '')) {
          let m = k + 1;
          while (m < tk.length && (tk[m]!.pos === 'DET' || tk[m]!.pos === 'ADJ')) m++;
          const s = rs.slotOf[m]!;
          if (s >= 0) {
            const h = headSlot(rs, s);
            const after = rs.slots[h]!.last + 1;
            if (after < tk.length && nounCueAt(rs, after).some((c) => c.kind.stored === 'attacks')) byAgent = [h];
            else if (after + 1 < tk.length && nounCueAt(rs, after + 1).some((c) => c.kind.stored === 'attacks')) byAgent = [h];
          }
        }
      }
      // "Y is under pressure from X"
      let under = start - 1;
      while (under >= 0 && tk[under]!.pos === 'ADJ') under--;
      if (tk[under]?.lower === 'under' && byAgent.length) {
        let p = under - 1;
        while (p >= 0 && (rs.verbOf[p]! >= 0 || tk[p]!.pos === 'ADV')) p--;
        const s = actorEndingAt(rs, p);
        if (s >= 0 && !assertion(verbOfIndex(rs, governingVerb(rs, start)), [])) {
          const kind = physicalKind(rs, cue, [rs.slots[s]!.type, ...byAgent.map((b) => rs.slots[b]!.type)], i);
          emitPairs(rs, emit, kind, byAgent, [s], `noun.${cue.id}.by`, i);
        }
        continue;
      }
      // the agent: by-phrase, possessor, modifier, or the subject of the verb the noun is the object of
      let froms = byAgent;
      let rule = `noun.${cue.id}.by`;
      let govs: VerbGroup[] = [];
      let v: VerbGroup | null = null;
      let reversed = false;
      if (!froms.length) {
        let p = start - 1;
        // "the Hamas terror attack", "a US air campaign": adjectives and one common noun between
        while (p >= 0 && tk[p]!.pos === 'ADJ' && rs.slotOf[p]! < 0) p--;
        if (p > 0 && tk[p]!.pos === 'NOUN' && rs.slotOf[p]! < 0 && rs.slotOf[p - 1]! >= 0) p--;
        if (p >= 0 && /^['’]s?$/.test(tk[p]!.lower)) {
          const s = actorEndingAt(rs, p - 1);
          if (s >= 0) {
            froms = coordinatedBefore(rs, s);
            rule = `noun.${cue.id}.possessor`;
          }
        } else if (p >= 0 && rs.slotOf[p]! >= 0) {
          froms = [headSlot(rs, rs.slotOf[p]!)];
          rule = `noun.${cue.id}.modifier`;
        }
      }
      const gv = governingVerb(rs, start);
      if (gv) {
        v = rs.ts.verbs[gv.index]!;
        if (!froms.length) {
          const sub = subjectOf(rs, gv.index);
          froms = sub.slots;
          govs = sub.governors;
          rule = `noun.${cue.id}.support`;
          if (voc.receive.has(v.lemma) && objects.length) {
            // "Y won the endorsement of X": X endorses Y
            reversed = true;
            rule = `noun.${cue.id}.receive`;
          }
        }
      }
      if (froms.length >= 2 && !objects.length && cue.kind.symmetric && rule === `noun.${cue.id}.support`) {
        // "X and Y concluded talks"
        if (assertion(v, govs)) continue;
        for (let a = 0; a < froms.length; a++) for (let b = a + 1; b < froms.length; b++) emitPairs(rs, emit, cue.kind, [froms[b]!], [froms[a]!], `noun.${cue.id}.symmetric`, i);
        continue;
      }
      // "Y received endorsements from X and Z", "Y won support from X": the agents back the subject
      if (gv && v && byAgent.length && !objects.length && froms === byAgent && voc.receive.has(v.lemma) && !NOT_HELD.test(v.lemma)) {
        const sub = subjectOf(rs, gv.index);
        objects = sub.slots.filter((o) => !byAgent.includes(o));
        govs = sub.governors;
        rule = `noun.${cue.id}.receive-from`;
      }
      if (!froms.length || !objects.length) continue;
      if (reversed && NOT_HELD.test(v?.lemma ?? '')) continue;
      if (assertion(v, govs)) continue;
      // the speech verb of the clause ("X announced his support for Y") is not a block; "denied" is
      if (v && voc.blockGovernors.has(v.lemma) && rule !== `noun.${cue.id}.support`) continue;
      if (v && rule === `noun.${cue.id}.support` && voc.blockGovernors.has(v.lemma) && !/^(?:call|demand|press|push|urge)$/.test(v.lemma)) continue;
      const kind = physicalKind(rs, cue, [...froms, ...objects].map((s) => rs.slots[s]!.type), i);
      if (reversed) emitPairs(rs, emit, kind, objects, froms, rule, i);
      else emitPairs(rs, emit, kind, froms, objects, rule, i);
    }
  }
}

/** receiving verbs that do not say the thing is held ("lost the support of X", "courted X's backing") */
const NOT_HELD = /^(?:lose|court|seek|want|need)$/;

const verbOfIndex = (rs: RelSentence, g: { index: number } | null): VerbGroup | null => (g ? rs.ts.verbs[g.index]! : null);

const QUANTITY = /^(?:days|weeks|months|years|hours|rounds|dozens|hundreds|thousands|scores|series|wave|waves|string|number|round|rounds|spate|barrage|couple|lot|lots|flurry|volley|sequence|set)$/;

/** The verb group whose object phrase holds token i ("held [new] talks", "put [intense] pressure"). */
function governingVerb(rs: RelSentence, i: number): { index: number } | null {
  const tk = rs.tokens;
  let p = i - 1;
  let steps = 0;
  // "launched dozens of rocket attacks", "concluded two days of talks", "held a series of talks"
  const quantity = (k: number) => tk[k]?.lower === 'of' && QUANTITY.test(tk[k - 1]?.lower ?? '');
  const modifier = (t: (typeof tk)[number], first: boolean) =>
    /^(?:DET|ADJ|NUM|ADV)$/.test(t.pos) || (t.pos === 'PRON' && /^(?:his|her|its|their|our|my|your)$/.test(t.lower)) || (t.pos === 'NOUN' && first);
  while (p >= 0 && steps < 8) {
    if (quantity(p)) {
      p -= 2;
      steps += 2;
      continue;
    }
    const t = tk[p]!;
    // a verb particle: "stepped up the pressure", "carried out strikes", "called for the impeachment"
    if ((/^(?:up|out|down)$/.test(t.lower) || (t.lower === 'for' && /^(?:call|push|press|ask|appeal|clamor|demand)$/.test(rs.ts.verbs[rs.verbOf[p - 1] ?? -1]?.lemma ?? ''))) && p > 0 && rs.verbOf[p - 1]! >= 0) {
      p--;
      break;
    }
    if (rs.verbOf[p]! >= 0 || rs.slotOf[p]! >= 0 || !modifier(t, steps === 0)) break;
    p--;
    steps++;
  }
  if (p < 0) return null;
  const vi = rs.verbOf[p]!;
  if (vi < 0) return null;
  return { index: vi };
}

/** "an X-backed Y", "the X-led Y", "Y, a pro-X group", "pro-X Y". */
export function modifierRules(rs: RelSentence, emit: Emit, lookupAlias: (s: string) => string | null) {
  const text = rs.text;
  const tk = rs.tokens;
  for (const [si, s] of rs.slots.entries()) {
    const m = s.mention;
    // inside one mention: "Iran-backed militias" known as a whole
    const inner = /^(.+?)[-‐](\w+)\s/.exec(m.text);
    const after = /^[-‐](\w+)\b/.exec(text.slice(m.end, m.end + 24));
    for (const cue of rs.voc.modifiers) {
      if (inner && cue.suffixes.has(inner[2]!.toLowerCase())) {
        const id = lookupAlias(inner[1]!);
        if (id && id !== s.actorId) emit({ kind: cue.kind, from: id, to: s.actorId, rule: `mod.${cue.id}`, at: s.first, title: null });
      }
      if (after && cue.suffixes.has(after[1]!.toLowerCase())) {
        // the modified phrase's actor: the next mention within three words
        let j = s.last + 1;
        while (j < tk.length && tk[j]!.start < m.end + after[0].length) j++;
        let o = actorStartingAt(rs, j);
        // "X-backed fighters of the Y"
        if (o < 0 && rs.voc.agents.has(tk[j]?.lower ?? '') && tk[j + 1]?.lower === 'of') o = actorStartingAt(rs, j + 2);
        if (o >= 0 && o !== si) emit({ kind: cue.kind, from: s.actorId, to: rs.slots[o]!.actorId, rule: `mod.${cue.id}`, at: s.first, title: null });
      }
      if (cue.prefixes.size) {
        const before = /\b(\w+)[-‐]$/.exec(text.slice(Math.max(0, m.start - 8), m.start));
        if (!before || !cue.prefixes.has(before[1]!.toLowerCase())) continue;
        // "Y, a pro-X group": Y before the apposition; "pro-X Y": the next mention
        let p = tk.findIndex((t) => t.end > m.start - before[0].length) - 1;
        let determiner = false;
        while (p >= 0 && (tk[p]!.pos === 'DET' || tk[p]!.pos === 'ADJ')) {
          if (tk[p]!.pos === 'DET') determiner = true;
          p--;
        }
        let target = -1;
        // an apposition opens with a determiner ("Y, a pro-X group"); "…, anti-X delegates seized …" is a new clause
        if (p >= 0 && tk[p]!.text === ',' && determiner) target = actorEndingAt(rs, p - 1);
        if (target < 0) {
          let j = s.last + 1;
          let steps = 0;
          while (j < tk.length && steps < 3 && rs.slotOf[j]! < 0 && (tk[j]!.pos === 'NOUN' || tk[j]!.pos === 'ADJ' || tk[j]!.text === '"' || tk[j]!.text === "''")) {
            j++;
            steps++;
          }
          if (rs.slotOf[j]! >= 0) target = headSlot(rs, rs.slotOf[j]!);
        }
        if (target >= 0 && target !== si) emit({ kind: cue.kind, from: rs.slots[target]!.actorId, to: s.actorId, rule: `mod.${cue.id}`, at: s.first, title: null });
      }
    }
  }
}
