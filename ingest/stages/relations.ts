/**
 * Relations stage: dated actor-to-actor relations read off the clause structure of each sentence
 * (ingest/syntax tags, ingest/relations rules), driven by the cue vocabulary of
 * ingest/data/relation-cues.json:
 *
 *   "X and Y held talks", "X met with Y", "talks between X and Y"     → negotiates_with
 *   "X urged / called on Y", "Y is under pressure from X"             → pressures
 *   "X launched strikes on Y", "the killing of Y in an X strike"      → attacks (physical only)
 *   "X backed Y", "an X-backed Y", "Y, backed by X"                    → supports
 *   "X accused / criticized Y", "X's attacks on Y" (between politicians) → opposes
 *   "X, a member/spokesman of Y", "Y spokesman X", "X (R-Tenn.)"       → member_of
 *   "Iraqi Prime Minister X", "Sen. X", "X, the director of Y"         → holds_office (title at the date)
 *   "X told Y", "X wrote to Y"                                         → addresses
 *
 * Only what is asserted: negated, modal, conditional, questioned clauses and those governed by
 * "denied", "refused to", "hopes to" … give nothing; a relation inside a quote or reported clause
 * keeps the statement it came from (`statementIndex`) and that statement's date. Each relation
 * names the rule that produced it (`rule`).
 *
 * The date is that of the statement whose attribution or content holds the relation, else the
 * nearest time expression of the sentence, else the publication date.
 */
import type { ActorMention, DateValue, Doc, RelationDraft, Sentence, Span, Stage } from '../types.ts';
import type { Actor } from '../types.ts';
import type { RelationKind } from '../../cypher/schema.ts';
import { dictionary, getActor, lookupAlias, officeMatches as dictionaryOfficeMatches, type OfficeMatch } from '../dictionary.ts';
import { normalise } from '../positions/lexicon.ts';
import { mentionsBySentence, nearestTimeInSentence } from '../positions/by-sentence.ts';
import { vocabulary, type Vocabulary } from '../relations/cues.ts';
import { buildSentence, type RelSentence } from '../relations/sentence.ts';
import { adjunctSubjectRules, contentClauseNounRules, modifierRules, nounRules, nounTaggedVerbRules, ousterDemandRules, verbRules, type Found } from '../relations/rules.ts';
import { roleRules } from '../relations/roles.ts';
import { firstStartingAt } from '../text/sorted.ts';
import { UNRESOLVED_SPEAKER_ID } from '../attribution/speakers.ts';
import { firstNameGender } from '../text/lexicon.ts';

type OfficeFinder = (text: string, date: string) => (Pick<OfficeMatch, 'start' | 'end' | 'text' | 'office' | 'modifier'> & { holder?: { id: string } })[];

const PRONOUNS = /^(?:he|she|they|we|it)$/;
const WORD = /[a-z][a-z'-]*/g;
/** a pronoun that can stand for the one named actor of the sentence ("X urged him", "she praised X") */
const OBJECT_PRONOUN = /\b(?:him|her|he|she|i)\b/;
const ROLE_WORD = /[a-z][a-z-]*/g;
/** the words right before a name that make a title or party rule possible (lower-cased text) */
const TITLE_OR_PARTY_BEFORE = /\b(?:sens?|reps?|gov|govs|lt|senators?|representatives?|congress(?:man|woman)|president|vice president|prime minister|minister|secretary|governor|mayor|chancellor|king|attorney general|ag|republican|democratic|democrat|gop|nominee|candidate|front-runner|hopeful|chairman|chairwoman|director|spokes(?:man|woman|person)|leader|speaker|whip|chief|head|manager|rivals?|opponents?|challengers?|critics?|allies|ally|supporters?|ambassador|general|gen|adm|col|commander|correspondent|columnist|host|anchor|editor|reporter|analyst|strategist|adviser|advisor|aide|official|member|press secretary)\b[\s.,'’a-z-]{0,30}$/;
/** a statement introduced by a denial asserts nothing of what it denies */
const DENIAL_CUE = /^(?:deni|deny|reject|dismiss|refut|disput|rebut|contest)/i;

export function makeRelationsStage(opts: { officeMatches?: OfficeFinder } = {}): Stage {
  const offices: OfficeFinder = opts.officeMatches ?? safeDictionaryOffices;
  return (doc) => {
    const text = doc.input.text;
    const norm = normalise(text);
    const out: RelationDraft[] = [];
    const seen = new Set<string>();
    const voc = vocabulary();
    let actors = doc.actors;
    const add = (
      sentence: Sentence,
      kind: RelationKind,
      from: string,
      to: string,
      at: number,
      title: string | null,
      date: DateValue | undefined,
      rule: string,
      statementIndex?: number,
      symmetric = false,
    ) => {
      if (from === to) return;
      // a title in a sentence dated years back ("in 1984, Sen. X …") is not an office held at the article's date
      if (kind === 'holds_office' && rule.startsWith('title.') && currentTimes.some((t) => t.date.to < pastLimit)) return;
      const [a, b] = symmetric && from > to ? [to, from] : [from, to];
      const key = `${kind}|${a}|${b}|${sentence.start}`;
      if (seen.has(key)) return;
      // both ends must be actors of the article: an office's body the text never names ("Russia" for
      // "the Russian president") comes from the dictionary; an end it does not know drops the relation
      if (!ensureActor(from) || !ensureActor(to)) return;
      // a pronoun no one resolved ("she told Y") names no actor to relate
      if (from === UNRESOLVED_SPEAKER_ID || to === UNRESOLVED_SPEAKER_ID) return;
      seen.add(key);
      out.push({
        kind,
        from,
        to,
        title,
        date: date ?? dateFor(doc, current, currentTimes, sentence, at),
        evidence: text.slice(sentence.start, sentence.end).trim(),
        start: sentence.start,
        end: sentence.end,
        rule,
        ...(statementIndex === undefined ? {} : { statementIndex }),
      });
    };
    const typeOf = (id: string) => actors.get(id)?.type;
    /** a dictionary actor a rule names without a mention ("GOP Rep. X" → the Republican Party) */
    const ensureActor = (id: string): boolean => {
      if (actors.has(id)) return true;
      const d = getActor(id);
      if (!d) return false;
      if (actors === doc.actors) actors = new Map(doc.actors);
      const actor: Actor = { id: d.id, name: d.name, type: d.type, aliases: d.aliases, description: d.description, affiliation: d.affiliation, local: false };
      actors.set(id, actor);
      return true;
    };

    /** a US state named before a governor's title, as an article-local actor (the dictionary holds no states) */
    const stateActor = (name: string): string | null => {
      const id = `us-state-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`;
      const known = actors.get(id);
      if (known) return known.type === 'person' ? null : id;
      if (actors === doc.actors) actors = new Map(doc.actors);
      actors.set(id, { id, name, type: 'organization', aliases: [name], description: 'US state', affiliation: null, local: true });
      return id;
    };
    const officeOf = (personId: string, words: string) => {
      const w = words.toLowerCase().replace(/\.$/, '');
      const held = safeOfficesHeld(personId, doc.publication.from).find((o) => o.titles.some((t) => t.toLowerCase() === w) || o.bareTitles.some((t) => t.toLowerCase() === w));
      return held ? { of: held.of, title: held.title } : null;
    };
    const bySentence = mentionsBySentence(doc.sentences, doc.mentions);
    // office titles are found once over the whole text, then handed to their sentences
    const allOffices = [...offices(text, doc.publication.from)].sort((a, b) => a.start - b.start);
    let officeAt = 0;
    const statementsIn = statementsBySentence(doc);
    let current: number[] = [];
    const timesIn = timesBySentence(doc);
    // four years before publication (a term): a sentence dated earlier tells history, not the present office
    const pastLimit = `${Number(doc.publication.from.slice(0, 4)) - 4}${doc.publication.from.slice(4)}`;
    let currentTimes: Doc['times'] = [];
    for (const [si, sentence] of doc.sentences.entries()) {
      const ms = [...(bySentence[si] ?? [])].sort((a, b) => a.start - b.start);
      current = statementsIn[si] ?? [];
      currentTimes = timesIn[si] ?? [];
      // offices in order: one sweep over the article
      while (officeAt < allOffices.length && allOffices[officeAt]!.start < sentence.start) officeAt++;
      const sentenceOffices = [];
      for (let k = officeAt; k < allOffices.length && allOffices[k]!.start < sentence.end; k++) {
        const o = allOffices[k]!;
        if (o.end <= sentence.end) sentenceOffices.push({ ...o, start: o.start - sentence.start, end: o.end - sentence.start });
      }

      // holds_office from the office dictionary: "Iraqi Prime Minister X", "X, the US ambassador to Iraq"
      for (const o of sentenceOffices) {
        const start = sentence.start + o.start;
        const end = sentence.start + o.end;
        // former / incoming / then-: not the office at this date
        if (o.modifier || /\b(?:former|ex|then|late|interim)[\s-]+$/i.test(text.slice(Math.max(0, start - 12), start))) continue;
        // the person named right after the title, or in apposition before it ("X, the US envoy");
        // a title standing alone ("the prime minister") names no one new: the dictionary resolved it
        const named = ms.filter((m) => m.via !== 'office' && typeOf(m.actorId) === 'person');
        const person =
          named.find((m) => m.start >= end && /^[\s,]{0,3}$/.test(text.slice(end, m.start))) ??
          [...named].reverse().find((m) => m.end <= start && /^\s*,\s*(?:the\s+|a\s+)?$/i.test(text.slice(m.end, start)));
        // a bare title ("Prime Minister X") does not say whose: only its holder at the date counts
        const bare = o.office.bareTitles.some((t) => normalise(t) === normalise(o.text).replace(/^the\s+/, ''));
        if (!person) {
          // "Iraq's foreign minister" with no name: the holder at the date, as the actors stage resolved it
          const holder = o.holder?.id;
          // not an office someone is to take ("to serve as President of …", "the next president")
          // nor one run for ("the nominee for President of …", "his campaign for the presidency"), nor "the first president of …"
          const prospective =
            /\b(?:as|be|become|becoming|elected|next|future|first|a|an)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, start - 20), start)) ||
            /\b(?:candidates?|nominees?|campaign(?:s|ing)?|run(?:s|ning)?|ran|bids?|race|contenders?|hopefuls?)\s+for\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, start - 30), start));
          const resolved = holder && !bare && !prospective && ms.some((m) => m.via === 'office' && m.actorId === holder && m.start < end && start < m.end);
          if (resolved && !/spokes|press secretary/i.test(o.office.title)) add(sentence, 'holds_office', holder, o.office.of, start, o.office.title, doc.publication, 'office.holder');
          continue;
        }
        if (bare && o.holder?.id !== person.actorId) continue;
        // the title as the article gives it, at its date (tenures are the dictionary's business)
        // spokesmen and press secretaries are members of their body, not office holders of it
        if (/spokes|press secretary/i.test(o.office.title)) add(sentence, 'member_of', person.actorId, o.office.of, start, null, doc.publication, 'office.dictionary-spokesperson');
        else add(sentence, 'holds_office', person.actorId, o.office.of, start, o.office.title, doc.publication, 'office.dictionary');
      }

      if (!worthTagging(voc, text, norm, sentence, ms, typeOf)) continue;
      const rs = buildSentence(text, sentence, ms, typeOf, voc);
      const found: Found[] = [];
      const emit = (f: Found) => found.push(f);
      const resolvePronoun = (ti: number) => pronounSpeaker(doc, current, rs, ti, bySentence[si - 1] ?? [], actors);
      const resolveObject = (ti: number, notActors: readonly string[]) => objectPronoun(rs, ti, notActors, bySentence[si - 1] ?? [], typeOf);
      verbRules(rs, emit, resolvePronoun, resolveObject);
      nounRules(rs, emit);
      nounTaggedVerbRules(rs, emit);
      adjunctSubjectRules(rs, emit);
      ousterDemandRules(rs, emit);
      contentClauseNounRules(rs, emit);
      modifierRules(rs, emit, (surface) => lookupAlias(surface)?.id ?? null);
      roleRules(rs, emit, { member: voc.kinds.get('member_of')!, office: voc.kinds.get('holds_office')!, support: voc.kinds.get('supports')!, oppose: voc.kinds.get('opposes')! }, ensureActor, officeOf, stateActor);
      for (const f of found) {
        // an end a rule names by dictionary alias alone ("Iran-backed") must be an actor of the article
        if (!ensureActor(f.from) || !ensureActor(f.to)) continue;
        const at = rs.tokens[f.at]?.start ?? sentence.start;
        const st = statementAt(doc, current, at);
        if (st && DENIAL_CUE.test(doc.statements[st.index]!.cue)) continue;
        add(sentence, f.kind.stored, f.from, f.to, at, f.title, st?.date, f.rule, st?.index, f.kind.symmetric);
      }
    }
    // who speaks about whom: the actors named inside a statement, linked from its speaker
    const aboutSeen = new Set<string>();
    const byStart = [...doc.mentions].sort((a, b) => a.start - b.start);
    for (const st of doc.statements) {
      // the mentions inside the statement: binary search to its start, then walk to its end
      for (let k = firstStartingAt(byStart, st.start); k < byStart.length && byStart[k]!.start < st.end; k++) {
        const m = byStart[k]!;
        if (m.end > st.end || m.actorId === st.speakerId) continue;
        const key = `${st.start}:${st.speakerId}>${m.actorId}`;
        if (aboutSeen.has(key)) continue;
        aboutSeen.add(key);
        out.push({
          kind: 'speaks_about',
          from: st.speakerId,
          to: m.actorId,
          title: null,
          date: st.date ?? doc.publication,
          evidence: st.text.length > 300 ? `${st.text.slice(0, 297)}…` : st.text,
          start: st.start,
          end: st.end,
        });
      }
    }
    return { ...doc, actors, relations: [...doc.relations, ...out] };
  };
}

function dateFor(doc: Doc, inSentence: readonly number[], times: Doc['times'], sentence: Span, at: number): DateValue {
  for (const i of inSentence) {
    const st = doc.statements[i]!;
    if (st.attribution.start <= at && at <= st.attribution.end && st.date) return st.date;
  }
  // the sentence's own time expressions only (the shared helper scans the whole article)
  return nearestTimeInSentence({ times, publication: doc.publication }, sentence, at);
}

/** For each sentence, the time expressions inside it, in one pass. */
function timesBySentence(doc: Doc): Doc['times'][] {
  const out: Doc['times'][] = doc.sentences.map(() => []);
  const times = [...doc.times].sort((a, b) => a.start - b.start);
  let k = 0;
  doc.sentences.forEach((s, i) => {
    while (k < times.length && times[k]!.start < s.start) k++;
    for (let j = k; j < times.length && times[j]!.start < s.end; j++) out[i]!.push(times[j]!);
  });
  return out;
}

/** The statement whose content or attribution holds an offset (the claim a relation belongs to). */
function statementAt(doc: Doc, inSentence: readonly number[], at: number): { index: number; date: DateValue | undefined } | null {
  for (const index of inSentence) {
    const st = doc.statements[index]!;
    if ((st.start <= at && at < st.end) || (st.attribution.start <= at && at < st.attribution.end)) return { index, date: st.date };
  }
  return null;
}

/** For each sentence, the statements whose text or attribution overlaps it (indexes), in one pass. */
function statementsBySentence(doc: Doc): number[][] {
  const out: number[][] = doc.sentences.map(() => []);
  const starts = doc.sentences.map((s) => s.start);
  const first = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  doc.statements.forEach((st, i) => {
    const from = Math.min(st.start, st.attribution.start);
    const to = Math.max(st.end, st.attribution.end);
    for (let k = first(from); k < doc.sentences.length && doc.sentences[k]!.start < to; k++) out[k]!.push(i);
  });
  return out;
}

/**
 * A pronoun subject resolved as the statements stage resolved it: when the pronoun is the speaker
 * of a statement whose attribution covers it ("…, he told CNN"), it stands for that speaker.
 * Adds a slot for it and returns its index, else -1.
 */
function pronounSpeaker(doc: Doc, inSentence: readonly number[], rs: RelSentence, ti: number, previous: readonly ActorMention[], actors: ReadonlyMap<string, Actor>): number {
  const t = rs.tokens[ti];
  if (!t) return -1;
  const slot = (actorId: string) => {
    const mention: ActorMention = { start: t.start, end: t.end, text: t.text, actorId, via: 'pronoun' };
    rs.slots.push({ actorId, type: actors.get(actorId)?.type, mention, first: ti, last: ti });
    return rs.slots.length - 1;
  };
  const quotedIn = inSentence.map((i) => doc.statements[i]!).find((s) => s.kind === 'direct' && s.start <= t.start && t.end <= s.end);
  // "I" inside a direct quote is the quote's speaker ("I endorse Y," X said)
  if (t.text === 'I') return quotedIn && actors.get(quotedIn.speakerId)?.type === 'person' ? slot(quotedIn.speakerId) : -1;
  if (!PRONOUNS.test(t.lower)) return -1;
  let st: Doc['statements'][number] | undefined;
  for (const i of inSentence) {
    const s = doc.statements[i]!;
    if (s.attribution.start <= t.start && t.end <= s.attribution.end && s.speakerMention.toLowerCase() === t.lower) st = s;
  }
  if (st) return slot(st.speakerId);
  // "he"/"she" outside quotes: the one person of that gender named before it in this sentence,
  // else in the sentence before; two candidates resolve nothing (a wrong end costs more than a miss)
  if (quotedIn || !/^(?:he|she)$/.test(t.lower)) return -1;
  const gender = t.lower === 'he' ? 'male' : 'female';
  const fits = (id: string) => {
    const a = actors.get(id);
    if (a?.type !== 'person') return false;
    const g = firstNameGender(a.name.split(/\s+/)[0] ?? '');
    return !g || g === 'unknown' || g === gender;
  };
  const here = new Set(rs.slots.filter((s) => s.mention.end <= t.start && fits(s.actorId)).map((s) => s.actorId));
  const candidates = here.size ? here : new Set(previous.filter((m) => fits(m.actorId)).map((m) => m.actorId));
  return candidates.size === 1 ? slot([...candidates][0]!) : -1;
}

/**
 * An object pronoun ("urged him", "to back her") resolved only when the context leaves one
 * candidate: exactly one person other than the clause's subject is named earlier in this sentence
 * or in the one before. Two candidates (or none) resolve nothing: a wrong end costs more than a miss.
 * Adds a slot for it and returns its index, else -1.
 */
function objectPronoun(rs: RelSentence, ti: number, notActors: readonly string[], previous: readonly ActorMention[], typeOf: (id: string) => string | undefined): number {
  const t = rs.tokens[ti];
  if (!t) return -1;
  const candidates = new Set<string>();
  for (const m of previous) if (typeOf(m.actorId) === 'person') candidates.add(m.actorId);
  for (const s of rs.slots) if (s.mention.end <= t.start && s.type === 'person') candidates.add(s.actorId);
  for (const id of notActors) candidates.delete(id);
  if (candidates.size !== 1) return -1;
  const actorId = [...candidates][0]!;
  const mention: ActorMention = { start: t.start, end: t.end, text: t.text, actorId, via: 'pronoun' };
  rs.slots.push({ actorId, type: 'person', mention, first: ti, last: ti });
  return rs.slots.length - 1;
}

/**
 * Whether a sentence can hold a relation, before paying for tagging: two mentions and a cue or
 * role word, or a person named right after a title or party word ("Sen. X", "GOP Rep. X") or
 * before a party label or a party apposition ("X (R-Tenn.)", "X, a Republican strategist").
 */
export function worthTagging(voc: Vocabulary, text: string, norm: string, sentence: Span, ms: readonly ActorMention[], typeOf: (id: string) => string | undefined): boolean {
  // one name and an object pronoun ("X urged him to quit") can hold a relation too
  if (ms.length >= 2 || (ms.length === 1 && OBJECT_PRONOUN.test(norm.slice(sentence.start, sentence.end)))) {
    WORD.lastIndex = sentence.start;
    let need: Set<string> | null | undefined;
    for (let m = WORD.exec(norm); m && m.index < sentence.end; m = WORD.exec(norm)) {
      const w = m[0];
      if (need?.has(w)) return true;
      need = voc.triggers.get(w);
      if (need === null || voc.supporterRoles.has(w) || voc.opponentRoles.has(w) || voc.adjectives.has(w)) return true;
      if (/-(?:backed|led|funded|supported|armed|trained|allied|aligned)$|^(?:pro|anti)-/.test(w)) return true;
    }
  }
  for (const m of ms) {
    // "the US-led coalition" known as one name: the modifier inside it
    if (/[-‐](?:backed|led|funded|supported|armed|trained|allied|aligned|sponsored)\s/i.test(m.text)) return true;
    if (typeOf(m.actorId) !== 'person') continue;
    const before = norm.slice(Math.max(sentence.start, m.start - 40), m.start);
    if (TITLE_OR_PARTY_BEFORE.test(before)) return true;
    const after = text.slice(m.end, Math.min(sentence.end, m.end + 48));
    if (/^\s*\([RDI](?:-|\))/.test(after) || /^,\s+[RDI]-[A-Z]/.test(after) || /^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:Republican|Democratic|GOP|Democrat)\b/.test(after)) return true;
    // an apposition or copula with a role: "X, a professor at Y", "X is a spokesman for Y"
    if (ms.length >= 2 && /^(?:,|\s+(?:is|was|has been|had been|became|remains)\b)/.test(after)) {
      const window = norm.slice(m.end, Math.min(sentence.end, m.end + 90));
      ROLE_WORD.lastIndex = 0;
      for (let r = ROLE_WORD.exec(window); r; r = ROLE_WORD.exec(window)) {
        const w = r[0].replace(/e?s$/, '');
        if (voc.memberRoles.has(r[0]) || voc.officeRoles.has(r[0]) || voc.memberRoles.has(w) || voc.officeRoles.has(w) || voc.roleFirst.has(r[0])) return true;
      }
    }
    // a person's group: "X's Dawa party", "X's Sairoun bloc"
    if (/^['’]s?\s/.test(after) && ms.some((o) => o.start > m.end && o.start - m.end <= 4 && typeOf(o.actorId) !== 'person')) return true;
    // a prefix naming a body: "Pentagon spokesman X", "Fox News' X"
    if (ms.length >= 2 && /(?:['’]s?|\b[a-z]+)\s*$/.test(before) && ms.some((o) => o.end <= m.start && m.start - o.end <= 30 && typeOf(o.actorId) !== 'person' && typeOf(o.actorId) !== 'country')) return true;
  }
  return false;
}

function safeOfficesHeld(actorId: string, date: string) {
  try {
    return dictionary().officesHeld(actorId, date);
  } catch {
    return [];
  }
}

/** The office dictionary, when its data files are there (a missing dictionary means no offices). */
function safeDictionaryOffices(text: string, date: string) {
  try {
    return dictionaryOfficeMatches(text, date);
  } catch {
    return [];
  }
}

export const relations: Stage = makeRelationsStage();
