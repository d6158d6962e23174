/**
 * Stage speaks-for (after relations): a statement whose speaker is a proxy — an office ("the
 * office of X", "the prime minister's office"), a spokesperson or aide ("a spokeswoman for X",
 * "X's press secretary"), a seat of office ("the White House", whose dictionary description is
 * "Office of the US President") — is linked to the person it speaks for by a dated `speaks_for`
 * relation, proxy → person, at the statement's date. So statements roll up to the person (and
 * the office) in views and plain Cypher queries.
 *
 * Whom it speaks for: a person named in the proxy's name ("the office of Prime Minister Jane
 * Roe" → Jane Roe), else the holder at the statement's date of the office it names, preferring
 * a holder this article mentions ("a spokesman for the prime minister" in an article about
 * Ruritania's prime minister → that prime minister), else the dictionary's default reading of
 * the title (ingest/data/offices.json). Nothing is guessed: a proxy for a body ("a Pentagon
 * spokesman") or for an office with no known holder at the date gets no relation.
 */
import { getActor, longestAliasMatches, officeMatches, officesHeld, resolveOffice, type DictActor } from '../dictionary.ts';
import type { Actor, DateValue, Doc, RelationDraft, Span, StatementDraft } from '../types.ts';

/** Folds a name for matching: accents off, lower case, straight apostrophes, punctuation → space. */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// the nouns that make a speaker someone else's voice
const PROXY_NOUN = String.raw`(?:press |media )?(?:office|spokes(?:person|man|woman|people|men|women)|press secretary|press service|secretariat|chief of staff|aides?|advisers?|advisors?|representatives?|cabinet|(?:presidential |re-?election )?campaign)`;
const LEAD = String.raw`(?:(?:the|a|an|one) )?(?:(?:senior|chief|top|deputy|official|private) )*`;
// case-insensitive, but the target keeps its case: the dictionary reads "Iraqi" and "US" by their capitals
const OF_FORM = new RegExp(String.raw`^${LEAD}${PROXY_NOUN} (?:of|for|to) (?:the )?(.+)$`, 'i');
const POSSESSIVE_FORM = new RegExp(String.raw`^(?:the )?(.+?) ?'s? ${LEAD}${PROXY_NOUN}$`, 'i');
// "a Ruritanian government spokesman", "the presidential office": only kept when the words name a person or office
const COMPOUND_FORM = new RegExp(String.raw`^${LEAD}(.+?) ${PROXY_NOUN}$`, 'i');

/** The words a proxy speaker's name points at, as written ("the office of the Iraqi premier" → "Iraqi premier"), or null. */
export function proxyTargetText(name: string): string | null {
  const n = name.replace(/[‘’`]/g, "'").replace(/[.,;:]+$/, '').replace(/\s+/g, ' ').trim();
  const m = OF_FORM.exec(n) ?? POSSESSIVE_FORM.exec(n) ?? COMPOUND_FORM.exec(n);
  const target = m?.[1]?.replace(/'s?$/, '').replace(/^(?:the|a|an) /i, '').trim();
  // "the office", "his spokesman": no one named (pronouns are the actors stage's business)
  return target && target.length >= 3 && !/^(?:the|a|an|his|her|its|their|our|my|your|this|that)$/i.test(target) ? target : null;
}

/**
 * What a proxy speaker's name stands for, folded ("office of X" → "x", "the prime minister's
 * office" → "prime minister", "a spokeswoman for the premier" → "premier"); null when the name is
 * not a proxy form.
 */
export function proxyTarget(name: string): string | null {
  const t = proxyTargetText(name);
  return t ? foldName(t) : null;
}

/** "Office of the US President" (a dictionary description) → "US President". */
function seatTarget(description: string | null): string | null {
  const m = description ? /^(?:the )?(?:office|residence|seat) of (?:the )?(.+)$/i.exec(description.trim()) : null;
  return m?.[1] ?? null;
}

export interface SpeaksFor {
  personId: string;
  /** the office it speaks for, when one is known at the date */
  title: string | null;
  rule: 'speaks-for.named' | 'speaks-for.office' | 'speaks-for.seat';
}

const words = (s: string) => foldName(s).replace(/'s\b/g, '').split(' ').filter(Boolean);

function containsPhrase(hay: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const TITLE_WORDS = new Set(['the', 'of', 'a', 'an', 'prime', 'minister', 'president', 'office', 's']);

/** A person the dictionary knows, or one the article names in full: a one-word "person" ("Twitter") is more likely a mistyped organisation. */
function namesPerson(doc: Doc, id: string): boolean {
  const a = doc.actors.get(id);
  return a?.type === 'person' && (words(a.name).length >= 2 || getActor(id)?.type === 'person');
}

/** A person of this article (named in full or by an alias of four letters or more) named inside `target`. */
function personNamedIn(doc: Doc, target: string, day: string, within?: Span): string | null {
  let best: { id: string; len: number } | null = null;
  // the article's own reading of the name where the proxy is named ("Mrs. Clinton's aides": which Clinton)
  if (within) {
    const ft = foldName(target);
    for (const m of doc.mentions) {
      if (m.start < within.start || m.end > within.end || !namesPerson(doc, m.actorId)) continue;
      const fm = foldName(m.text).replace(/'s$/, '');
      if (fm.length >= 4 && ft.includes(fm) && (!best || fm.length > best.len)) best = { id: m.actorId, len: fm.length };
    }
    if (best) return best.id;
  }
  for (const m of longestAliasMatches(target, { date: day })) {
    // a bare surname out of context is a guess (which Clinton?) unless the article knows only that one
    if (m.actor.type !== 'person' || (m.kind === 'short' && !doc.actors.has(m.actor.id))) continue;
    const len = m.end - m.start;
    if (!best || len > best.len) best = { id: m.actor.id, len };
  }
  if (best) return best.id;
  // people only this article knows (found by NER): whole names or aliases inside the target. A
  // form counts only with the surname of a full name in it: a one-word "person" ("Twitter") is
  // more likely a mistyped organisation, and an alias like "Secretary of State" names an office
  const tw = words(target);
  for (const a of doc.actors.values()) {
    if (a.type !== 'person') continue;
    const nw = words(a.name);
    const surname = nw.length >= 2 ? nw[nw.length - 1]! : null;
    if (!surname) continue;
    for (const form of [a.name, ...a.aliases]) {
      const fw = words(form);
      if (fw.join('').length < 4 || fw.every((w) => TITLE_WORDS.has(w)) || !fw.includes(surname)) continue;
      const len = fw.join(' ').length;
      if (containsPhrase(tw, fw) && (!best || len > best.len)) best = { id: a.id, len };
    }
  }
  return best?.id ?? null;
}

/** The people an article mentions, in order of first mention (computed once per article). */
const mentionedPeople = new WeakMap<Doc, string[]>();
function peopleOf(doc: Doc): string[] {
  let list = mentionedPeople.get(doc);
  if (!list) {
    list = [...new Set(doc.mentions.map((m) => m.actorId))].filter((id) => doc.actors.get(id)?.type === 'person');
    mentionedPeople.set(doc, list);
  }
  return list;
}

/** The holder at `day` of the office `target` names; a holder the article mentions comes first. */
function officeHolderFor(doc: Doc, target: string, day: string): { personId: string; title: string } | null {
  const bare = words(target).filter((w) => w !== 'the').join(' ');
  // a bare title ("the prime minister"): whichever person mentioned in the article held an office of that title then
  for (const id of peopleOf(doc)) {
    const office = officesHeld(id, day).find((o) => o.titles.some((t) => foldName(t) === bare));
    if (office) return { personId: id, title: office.title };
  }
  const qualified = officeMatches(target, day).find((o) => o.holder && o.modifier === null && !o.nameFollows);
  if (qualified?.holder) return { personId: qualified.holder.id, title: qualified.office.title };
  const r = resolveOffice(target, day);
  return r?.holder ? { personId: r.holder.id, title: r.office.title } : null;
}

/** Whom a statement's speaker speaks for at `day` (YYYY-MM-DD), or null when it is not a proxy. */
export function speaksFor(doc: Doc, speaker: Actor, mention: string, day: string, within?: Span): SpeaksFor | null {
  if (speaker.type === 'person') return null;
  // the words of the text first: the actor's name may already be a reading of them at the
  // publication date ("spokesman for <holder then>"), while this reads them at the statement's date
  for (const name of [mention, speaker.name]) {
    const target = proxyTargetText(name);
    if (!target) continue;
    const named = personNamedIn(doc, target, day, within);
    if (named && named !== speaker.id) return { personId: named, title: officesHeld(named, day)[0]?.title ?? null, rule: 'speaks-for.named' };
    const held = officeHolderFor(doc, target, day);
    if (held) return { ...held, rule: 'speaks-for.office' };
  }
  const seat = seatTarget(speaker.description);
  const held = seat ? officeHolderFor(doc, seat, day) : null;
  return held ? { ...held, rule: 'speaks-for.seat' } : null;
}

const fromDict = (a: DictActor): Actor => ({ id: a.id, name: a.name, type: a.type, aliases: [...a.aliases], description: a.description, affiliation: a.affiliation, local: false });

export function speaksForStage(doc: Doc): Doc {
  const relations: RelationDraft[] = [];
  const actors = new Map(doc.actors);
  const seen = new Set<string>();
  // one resolution per speaker, mention and day: a long article repeats its proxies
  const resolved = new Map<string, SpeaksFor | null>();
  doc.statements.forEach((s: StatementDraft, i) => {
    const speaker = doc.actors.get(s.speakerId);
    if (!speaker || speaker.type === 'person') return;
    const date: DateValue = s.date ?? doc.publication;
    const memo = `${s.speakerId}\u0000${s.speakerMention}\u0000${date.from}`;
    if (!resolved.has(memo)) resolved.set(memo, speaksFor(doc, speaker, s.speakerMention, date.from, s.attribution));
    const link = resolved.get(memo)!;
    if (!link) return;
    const key = `${s.speakerId}|${link.personId}|${date.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (!actors.has(link.personId)) {
      const known = getActor(link.personId);
      if (!known) return;
      actors.set(link.personId, fromDict(known));
    }
    // evidence: the attribution clause that names the proxy (the statement itself when it has none)
    const span = s.attribution.end > s.attribution.start ? s.attribution : s;
    relations.push({
      kind: 'speaks_for',
      from: s.speakerId,
      to: link.personId,
      title: link.title,
      date,
      evidence: doc.input.text.slice(span.start, span.end),
      start: span.start,
      end: span.end,
      rule: link.rule,
      statementIndex: i,
    });
  });
  return relations.length ? { ...doc, actors, relations: [...doc.relations, ...relations] } : doc;
}
