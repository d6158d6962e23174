/**
 * Stage 2, actors: every actor mention in the article, from
 *   1. the curated dictionary (canonical names, aliases, demonyms, capital metonyms),
 *   2. office titles resolved to their holder at the publication date ("Iraq's foreign minister"),
 *   3. rule-based NER for names no dictionary knows: people after (compound) titles and
 *      honorifics ("Former Ohio Gov. X", "Senate Majority Leader X", "Mr. X"), known first names,
 *      appositives, speech verbs; organisations by their head word ("… Institute", "Centre for …"),
 *   4. surnames of people named in full earlier (or later) in the article ("Slim" after "Randa
 *      Slim"; "Mrs. Clinton" is the woman of the two Clintons, else the one named last),
 *   5. definite descriptions of people named in the article ("the Indiana governor", "the
 *      Republican nominee", "the billionaire") from the titles, appositives and offices seen for
 *      them, and of organisations ("the newspaper", "the department"), as 'nominal' mentions.
 * Speaker phrases no mention covers ("police", "his lawyer", "nearly 8 in 10 voters") become
 * actors only when they speak: the statements stage asks `speakerForPhrase` (below).
 */
import { firstStartingAt, lowerBound, spansWithin } from '../text/sorted.ts';
import { allActors, getActor, longestAliasMatches, officeMatches, officesHeld, type DictActor } from '../dictionary.ts';
import {
  BODY_HEAD_KINDS,
  expandTitleWord,
  FIRST_TOKEN_STOP,
  honorificGender,
  isAmbiguousTitle,
  isPersonTitle,
  isTitleQualifier,
  isTitleToken,
  regionName,
  RELATIONAL_HEADS,
  ROLE_GROUPS,
  SENTENCE_STARTERS,
  SOURCE_HEADS,
  wordKey,
  ABBREVIATED_TITLES,
} from '../text/names.ts';
import { firstNameGender, isLexiconWord, lexiconTags, ORG_HEADS, SPEECH_VERBS } from '../text/lexicon.ts';
import { editDistance, kebab, surnameKey } from '../text/normalize.ts';
import type { Actor, ActorMention, Doc } from '../types.ts';

// A capitalised name token: "Smith", "McConnell", "DeSantis", "O'Neill", "al-Maliki", "Ros-Lehtinen", "J.", "III"
// (a possessive "'s" is never part of it).
// (a dot after a word that is no abbreviation ends the name: "… said Cruz. Trump …" is two names;
// candidates are split there, as a regex alternation of every abbreviation is slow)
const NAME_TOKEN = String.raw`(?:(?:al|el|Al|El|bin|ibn|Abu|abu|Ibn|Bin)-)?(?:[A-Z][’'](?=[A-Z]))?[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:[-’'](?![sS]\b)[A-Za-z]+)*\.?|[A-Z]\.|[A-Z]{2,5}`;
const ABBREVIATIONS = new Set(ABBREVIATED_TITLES);
const SENTENCE_DOT = /([A-Za-z’'-]{2,})\.(?=\s)/g;
const CONNECTOR = String.raw`(?:al|el|bin|ibn|abu|de|del|della|der|du|la|le|van|von|da|di|ten|of|for|and|on|the|&)`;
// names never run across a line break (a byline is followed by a blank line and the body)
const CANDIDATE = new RegExp(String.raw`(?<![\w’'-])(?:${NAME_TOKEN})(?:[^\S\n]+(?:${CONNECTOR}[^\S\n]+)*(?:${NAME_TOKEN}))*`, 'g');
/** lower-case particles inside a person's name: "Bill de Blasio", "Chris Van Hollen", "Osama bin Laden" */
const PARTICLE = /^(?:al|el|bin|ibn|abu|de|del|della|der|du|la|le|van|von|da|di|ten)$/;
const GENERATION = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;

export function fromDict(a: DictActor): Actor {
  return {
    id: a.id,
    name: a.name,
    type: a.type,
    aliases: [...a.aliases],
    description: a.description ?? null,
    affiliation: a.affiliation ?? null,
    local: false,
  };
}

interface Tok {
  text: string;
  start: number;
  end: number;
}

function tokensOf(text: string, start: number, end: number): Tok[] {
  const out: Tok[] = [];
  const re = /\S+/g;
  const s = text.slice(start, end);
  for (let m = re.exec(s); m; m = re.exec(s)) out.push({ text: m[0], start: start + m.index, end: start + m.index + m[0].length });
  return out;
}

const isConnector = (t: string) => /^(al|el|bin|ibn|abu|de|van|von|da|di|of|for|and|on|the|&)$/.test(t);
const isOrgHead = (t: string) => ORG_HEADS.has(t.toLowerCase().replace(/[.,]$/, ''));

/** Facts about the article a candidate is read in (built once per article). */
interface ArticleWords {
  /** words that also occur in lower case in the article ("tower", "police"): common words, not names */
  readonly lowerWords: Set<string>;
}

/** The article's lower-case words, collected on first use (only some candidates need them). */
function articleWords(text: string): ArticleWords {
  let set: Set<string> | undefined;
  return {
    get lowerWords() {
      return (set ??= new Set(text.match(/(?<![\w’'-])[a-z][a-z-]+/g) ?? []));
    },
  };
}

/** A common English word rather than a name: in lower case elsewhere in the article, or a non-name word of compromise's lexicon. */
function isCommonWord(tok: string, words: ArticleWords): boolean {
  const w = tok.replace(/[.,;:]$/, '').toLowerCase();
  if (words.lowerWords.has(w)) return true;
  if (SOURCE_HEADS.has(w) || BODY_HEAD_KINDS.has(w) || ROLE_GROUPS.has(w)) return true;
  return isLexiconWord(w) || (w.endsWith('s') && isLexiconWord(w.slice(0, -1)));
}

interface Classified {
  kind: 'person' | 'organization';
  toks: Tok[];
  titled: boolean;
  /** the title before the name, as written ("Former Ohio Gov.", "Senate Majority Leader") */
  title: string;
  /** gender from an honorific ("Mrs. Clinton"), null for "Dr.", undefined without one */
  gender: 'male' | 'female' | null | undefined;
  /** a single word after an ambiguous title ("General Motors"): a person only as a known surname */
  weak?: boolean;
}

/** Can this token be part of a person's name (`last`: the surname, which may double as a title word: "Steve King")? */
function nameLike(t: string, last: boolean): boolean {
  if (GENERATION.test(t)) return true;
  if (!/^(?:[A-Z]|(?:al|el|bin|ibn|abu)-)/.test(t) || isConnector(t) || FIRST_TOKEN_STOP.has(t) || FIRST_TOKEN_STOP.has(t.replace(/\.$/, ''))) return false;
  if (isOrgHead(t) || /^[A-Z]{2,}$/.test(t)) return false;
  // an abbreviated title is never a name ("Maj. Gen." before a name the dictionary took)
  if (/\.$/.test(t) && (isPersonTitle(t) || isTitleToken(t) || honorificGender(t) !== undefined)) return false;
  if (last) return true;
  return !isPersonTitle(t) && !isTitleQualifier(t) && !isTitleToken(t);
}

/** Decides whether a capitalised candidate is a person or an organisation, and splits off titles. */
function classifyCandidate(text: string, toks: Tok[], words: ArticleWords): Classified | null {
  // trailing words that end no name ("… Jane Doe Monday", "… of the")
  let e = toks.length;
  while (e > 0 && (isConnector(toks[e - 1]!.text) || SENTENCE_STARTERS.has(toks[e - 1]!.text) || /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(toks[e - 1]!.text))) e--;
  // leading sentence starters ("But", "The") that are no titles
  let b = 0;
  while (b < e && !isPersonTitle(toks[b]!.text) && !isTitleQualifier(toks[b]!.text) && (SENTENCE_STARTERS.has(toks[b]!.text) || isConnector(toks[b]!.text))) b++;
  const all = toks.slice(b, e);
  if (!all.length) return null;
  // "Sen. Sherrod Brown of Ohio", "Darran Whiting of Liberty Baptist Church": a person, then where from
  const of = all.findIndex((t, i) => i >= 2 && (t.text === 'of' || t.text === 'from'));
  if (of > 0) {
    const left = classifyCandidate(text, all.slice(0, of), words);
    if (left?.kind === 'person' && (left.titled || left.toks.length >= 2)) return left;
  }

  // the name is the run of name tokens at the end; before it may stand a (compound) title
  let j = all.length;
  if (nameLike(all[j - 1]!.text, true)) j--;
  for (;;) {
    if (j > 0 && nameLike(all[j - 1]!.text, false)) {
      j--;
      continue;
    }
    // particles inside a name ("Pieter van der Berg"): only with a name word before them
    let k = j;
    while (k > 0 && PARTICLE.test(all[k - 1]!.text)) k--;
    if (k < j && j < all.length && k > 0 && nameLike(all[k - 1]!.text, false)) {
      j = k;
      continue;
    }
    break;
  }
  while (j < all.length && PARTICLE.test(all[j]!.text)) j++;
  // a generation suffix alone is no name
  let name = all.slice(j);
  if (name.length && GENERATION.test(name[0]!.text)) name = [];
  // a title word alone is no name ("… Secretary", "Brig. Gen.")
  if (name.length === 1 && (isPersonTitle(name[0]!.text) || isTitleToken(name[0]!.text)) && j > 0) name = [];
  const titleToks = all.slice(0, j);
  const titleText = titleToks.map((t) => t.text);
  let lastStrong = -1;
  titleText.forEach((t, i) => {
    if (isPersonTitle(t)) lastStrong = i;
  });
  const strong = lastStrong >= 0;
  const lastTitle = titleText[titleText.length - 1];
  const adjacent = lastTitle !== undefined && (isPersonTitle(lastTitle) || isTitleToken(lastTitle) || isTitleQualifier(lastTitle));
  const honorific = titleText.map(honorificGender).find((g) => g !== undefined);
  const title = titleText.join(' ');

  // organisations: a head word ("Institute", "Centre") with the name words around it
  const orgHead = all.findIndex((t) => isOrgHead(t.text));
  // "Supreme Court Justice X" is a person: a title word after the organisation's head
  const titledPerson = strong && adjacent && name.length >= 1 && name.length <= 4 && (orgHead < 0 || orgHead < lastStrong);
  if (orgHead >= 0 && all.length >= 2 && !titledPerson) {
    let i = 0;
    while (i < all.length && (SENTENCE_STARTERS.has(all[i]!.text) || isConnector(all[i]!.text))) i++;
    let k = all.length;
    while (k > i && isConnector(all[k - 1]!.text)) k--;
    const kept = all.slice(i, k);
    if (kept.length >= 2 && kept.some((t) => isOrgHead(t.text))) return { kind: 'organization', toks: kept, titled: false, title: '', gender: undefined };
  }
  if (!name.length || name.length > 4) return null;
  if (titledPerson) {
    // a single word after a word title is a name only if it is no common word ("General Motors", "Chief Justice")
    if (name.length === 1 && honorific === undefined && !/\.$/.test(lastTitle!) && isCommonWord(name[0]!.text, words)) return null;
    return { kind: 'person', toks: name, titled: true, title, gender: honorific, weak: name.length === 1 && isAmbiguousTitle(lastTitle!) };
  }
  // no title: the words before the name are qualifiers at most ("Republican Donald Trump")
  const first = name[0]!.text.replace(/\.$/, '');
  const knownFirst = firstNameGender(first) !== undefined;
  const after = text.slice(name[name.length - 1]!.end, name[name.length - 1]!.end + 40);
  const before = text.slice(Math.max(0, name[0]!.start - 4), name[0]!.start);
  const speechAfter = /^(?:[’']s\b)?,?\s+(?:(?:also|later|then|has|had|have|would|will|once|recently|previously|repeatedly|reportedly|told|again)\s+)?([a-z]+)/.exec(after);
  const cueAfter = !!speechAfter && SPEECH_VERBS.has(speechAfter[1]!);
  const appositive = /^,\s+(a|an|the|who|director|head|chief|former|senior|analyst|professor|spokes\w+)\b/.test(after);
  // a short line that is just a name (a byline or credit: "By Jane Doe," / "Jane Doe Reuters")
  const lineStart = text.lastIndexOf('\n', name[0]!.start) + 1;
  const lineEndRaw = text.indexOf('\n', name[0]!.start);
  const line = text.slice(lineStart, lineEndRaw < 0 ? text.length : lineEndRaw);
  const byline = /\bBy\s+$/.test(before) || (line.length <= 50 && name[0]!.start - lineStart <= 3 && !/[.!?]$/.test(line.trim()));
  if (name.length === 1) {
    // a lone word is a person before a speech verb unless it is a common word ("Police said", "Critics say")
    if (cueAfter && /^[A-Z][a-z]/.test(first) && !isCommonWord(first, words)) return { kind: 'person', toks: name, titled: false, title, gender: undefined };
    return null;
  }
  if (name.some((t) => /^[A-Z]{2,}$/.test(t.text) && !GENERATION.test(t.text))) return null; // acronyms are not names
  if (knownFirst || cueAfter || appositive || (byline && name.length <= 3)) return { kind: 'person', toks: name, titled: false, title, gender: undefined };
  return null;
}

/** Last name-like word of a name: "Bill de Blasio" → "Blasio", "Martin Luther King Jr." → "King". */
function surnameOf(name: string): string | undefined {
  const toks = name.replace(/[’']s$/, '').split(/\s+/).filter((t) => t && !GENERATION.test(t.replace(/,$/, '')));
  const last = toks[toks.length - 1]?.replace(/[.,]$/, '');
  return last && last.length >= 2 && /^[A-Z]/.test(last) && toks.length >= 2 ? last : undefined;
}

export function actors(doc: Doc): Doc {
  const text = doc.input.text;
  const published = doc.publication.from;
  // stages never mutate their input: actors are copied before aliases and roles are added
  const actorsById = new Map([...doc.actors].map(([k, v]) => [k, { ...v, aliases: [...v.aliases] }]));
  const mentions: ActorMention[] = [];
  // characters already inside a mention (a mask, so overlap checks cost the mention's length, not the mention count)
  const covered = new Uint8Array(text.length);
  const overlaps = (s: number, e: number) => {
    for (let i = s; i < e; i++) if (covered[i]) return true;
    return false;
  };
  const add = (m: ActorMention, actor: Actor) => {
    if (!actorsById.has(actor.id)) actorsById.set(actor.id, actor);
    mentions.push(m);
    covered.fill(1, m.start, m.end);
  };
  const words = articleWords(text);
  /** honorific or title right before a position ("Mrs. ", "Sen. ", "former President ") */
  const titleBefore = (at: number) => /(?:^|[\s(“"])((?:[A-Z][\w.]*\.?\s+){0,3}?[A-Z][a-z]*\.?)\s+$/.exec(text.slice(Math.max(0, at - 40), at))?.[1] ?? '';

  // 1. dictionary names and aliases (longest match wins)
  const dictHits = longestAliasMatches(text, { date: published });
  // 2. office titles: standalone ones name the holder; before a name they only help resolve it
  const offices = officeMatches(text, published);
  for (const o of offices) {
    const nameAfter = /^\s+(?:(?:al|el)-)?[A-Z][a-z]/.test(text.slice(o.end, o.end + 6));
    if (nameAfter || !o.holder) continue;
    if (dictHits.some((h) => h.start < o.end && h.end > o.start && h.end - h.start > o.end - o.start)) continue;
    add({ start: o.start, end: o.end, text: text.slice(o.start, o.end), actorId: o.holder.id, via: 'office' }, fromDict(o.holder));
  }
  for (const h of dictHits) {
    if (overlaps(h.start, h.end)) continue;
    add({ start: h.start, end: h.end, text: text.slice(h.start, h.end), actorId: h.actor.id, via: 'dictionary' }, fromDict(h.actor));
  }

  // short names used before the full name ("Obama's announcement" in a standfirst, "Barack Obama" later)
  const found = new Map<string, DictActor>();
  for (const h of dictHits) found.set(h.actor.id, h.actor);
  const shortForms = new Map<string, DictActor>();
  for (const a of found.values()) for (const sn of a.shortNames ?? []) if (sn.length >= 4 && !shortForms.has(sn)) shortForms.set(sn, a);
  if (shortForms.size) {
    const re = new RegExp(String.raw`(?<![\w’'-])(${[...shortForms.keys()].map(escapeRe).join('|')})(?![\w-])`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (overlaps(m.index, m.index + m[0].length)) continue;
      const a = shortForms.get(m[1]!)!;
      add({ start: m.index, end: m.index + m[0].length, text: m[0], actorId: a.id, via: 'dictionary' }, fromDict(a));
    }
  }

  // 3. NER for the rest: names of several words now, lone words once the surnames are known
  const singles: { start: number; end: number; surface: string; c: Classified }[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const start = m.index;
    const end = start + m[0].replace(/[.,]$/, '').length;
    // split the candidate at dictionary hits: "US Defense Secretary Jim Mats" → "Defense Secretary Jim Mats"
    const segments: [number, number][] = [];
    let segStart = -1;
    for (let i = start; i <= end; i++) {
      const free = i < end && !covered[i];
      if (free && segStart < 0) segStart = i;
      else if (!free && segStart >= 0) {
        segments.push([segStart, i]);
        segStart = -1;
      }
    }
    // a sentence ends inside the candidate: "… said Cruz. Trump …"
    for (let k = 0; k < segments.length; k++) {
      const [s0, e0] = segments[k]!;
      const seg = text.slice(s0, e0);
      if (!seg.includes('.')) continue;
      SENTENCE_DOT.lastIndex = 0;
      for (let d = SENTENCE_DOT.exec(seg); d; d = SENTENCE_DOT.exec(seg)) {
        if (ABBREVIATIONS.has(d[1]!.toLowerCase())) continue;
        const cut = s0 + d.index + d[0].length;
        const next = /\S/.exec(text.slice(cut, e0));
        if (!next) break;
        segments.splice(k, 1, [s0, cut], [cut + next.index, e0]);
        break;
      }
    }
    // "By Jane Doe and John Roe": a person's name ends at "and"; what follows is classified again
    const parts: [number, number][] = [];
    for (const [s0, e0] of segments) {
      let from = s0;
      const seg = text.slice(s0, e0);
      // only the candidate's own text is searched (a search over the rest of the article would be quadratic)
      for (const a of seg.includes('and') || seg.includes('&') ? seg.matchAll(/[^\S\n]+(?:and|&)[^\S\n]+(?=[A-Z])/g) : []) {
        const at = s0 + a.index;
        const left = tokensOf(text, from, at);
        const right = tokensOf(text, at + a[0].length, e0);
        if (classifyCandidate(text, left, words)?.kind === 'person' && classifyCandidate(text, right, words)?.kind === 'person') {
          parts.push([from, at]);
          from = at + a[0].length;
        }
      }
      parts.push([from, e0]);
    }
    for (const [s, e] of parts) {
      const toks = tokensOf(text, s, e).map((t) => ({ ...t, text: t.text.replace(/[,;:]$/, '') }));
      if (!toks.length) continue;
      // most candidates are one capitalised word opening a sentence ("The", "But", "Monday"): no name
      if (toks.length === 1 && FIRST_TOKEN_STOP.has(toks[0]!.text)) continue;
      const c = classifyCandidate(text, toks, words);
      if (!c) continue;
      const ms = c.toks[0]!.start;
      const me = c.toks[c.toks.length - 1]!.start + c.toks[c.toks.length - 1]!.text.replace(/,$/, '').length;
      const surface = text.slice(ms, me).replace(/\.$/, (d) => (/\b[A-Z][a-z]?\.$|Jr\.$|Sr\.$/.test(text.slice(ms, me)) ? d : ''));
      if (c.kind === 'person' && c.toks.length === 1) {
        singles.push({ start: ms, end: ms + surface.length, surface, c });
        continue;
      }
      let actor: Actor | undefined;
      if (c.kind === 'person') {
        // a title before the name: resolve to the office holder when the names are close ("Jim Mats" → Jim Mattis)
        const office = offices.find((o) => o.end <= ms && ms - o.end <= 3 && o.holder);
        if (office?.holder && namesClose(surface, office.holder.name)) actor = fromDict(office.holder);
        actor ??= nearDictionaryPerson(surface);
      }
      const id = kebab(surface);
      actor ??= actorsById.get(id) ?? {
        id,
        name: surface,
        type: c.kind,
        aliases: [surface],
        description: c.title ? c.title : null,
        affiliation: null,
        local: false,
      };
      add({ start: ms, end: ms + surface.length, text: surface, actorId: actor.id, via: actor.id === id ? 'ner' : 'office' }, actor);
    }
  }

  // 4. surnames ("Slim" after "Randa Slim", "Mr. Ryan" after "Paul Ryan") of the people named in full
  // surname → each person of that surname → the offsets of their full mentions, ascending
  const fullMentions = new Map<string, Map<Actor, number[]>>();
  const index = (key: string, a: Actor, at: number) => {
    let byActor = fullMentions.get(key);
    if (!byActor) fullMentions.set(key, (byActor = new Map()));
    const list = byActor.get(a) ?? [];
    if (list[list.length - 1] !== at) list.push(at);
    byActor.set(a, list);
  };
  mentions.sort((a, b) => a.start - b.start);
  const fullNamed = new Map<Actor, number[]>();
  for (const m of mentions) {
    const a = actorsById.get(m.actorId);
    if (!a || a.type !== 'person' || !/\s/.test(m.text.trim())) continue;
    for (const key of new Set([surnameOf(m.text), surnameOf(a.name)])) if (key) index(key, a, m.start);
    const list = fullNamed.get(a) ?? [];
    list.push(m.start);
    fullNamed.set(a, list);
  }
  // a first name alone ("Hillary", "Bernie") names the one person of the article called so
  const firstNames = new Map<string, Set<Actor>>();
  for (const a of fullNamed.keys()) {
    const first = a.name.split(/\s+/)[0]!;
    if (first.length < 3 || !/^[A-Z][a-z]+$/.test(first) || isPersonTitle(first)) continue;
    const set = firstNames.get(first) ?? new Set<Actor>();
    set.add(a);
    firstNames.set(first, set);
  }
  for (const [first, set] of firstNames) {
    if (set.size !== 1 || fullMentions.has(first)) continue;
    const a = [...set][0]!;
    fullMentions.set(first, new Map([[a, fullNamed.get(a)!]]));
  }
  /** the last offset in `list` before `at`, or -1 (binary search: the lists grow with the article) */
  const lastBefore = (list: number[], at: number): number => {
    const i = lowerBound(list, at, (x) => x);
    return i > 0 ? list[i - 1]! : -1;
  };
  const pickBySurname = (key: string, at: number, gender: 'male' | 'female' | null | undefined, title: string): Actor | undefined => {
    const byActor = fullMentions.get(key);
    if (!byActor?.size) return undefined;
    let cands = [...byActor.keys()];
    if (cands.length === 1) return cands[0];
    if (gender) {
      // those whose first name says the gender, else those it does not rule out
      const g = (a: Actor) => firstNameGender(a.name.split(/\s+/)[0] ?? '');
      const sure = cands.filter((a) => g(a) === gender);
      const fit = sure.length ? sure : cands.filter((a) => g(a) !== (gender === 'male' ? 'female' : 'male'));
      if (fit.length) cands = fit;
    }
    if (title) {
      // "Secretary Clinton", "former President Clinton": the one whose titles say so
      const want = title.split(/\s+/).map(expandTitleWord).filter((w) => ROLE_GROUPS.has(w));
      const fit = cands.filter((a) => want.some((w) => profileOf(a).has(w)));
      if (want.length && fit.length) cands = fit;
    }
    // the one named in full last before, else the one named first after
    let best: Actor | undefined;
    let bestAt = -1;
    for (const a of cands) {
      const p = lastBefore(byActor.get(a)!, at);
      if (p > bestAt) [best, bestAt] = [a, p];
    }
    if (best) return best;
    return cands.reduce((x, y) => (byActor.get(x)![0]! <= byActor.get(y)![0]! ? x : y));
  };
  const profiles = new Map<string, Set<string>>();
  const profileOf = (a: Actor): Set<string> => {
    let p = profiles.get(a.id);
    if (!p) profiles.set(a.id, (p = describeWords(`${a.description ?? ''}`, published).all));
    return p;
  };
  const addSingle = (start: number, end: number, surface: string, actor: Actor, via: ActorMention['via']) => {
    if (overlaps(start, end)) return;
    add({ start, end, text: surface, actorId: actor.id, via }, actor);
  };
  for (const s of singles) {
    const key = s.surface.replace(/\.$/, '');
    const a = pickBySurname(key, s.start, s.c.gender, s.c.title);
    if (a) {
      addSingle(s.start, s.end, s.surface, a, 'ner');
      continue;
    }
    if (s.c.weak) continue;
    const id = kebab(s.surface);
    const actor = actorsById.get(id) ?? { id, name: s.surface, type: 'person' as const, aliases: [s.surface], description: s.c.title || null, affiliation: null, local: false };
    if (actor.type === 'person') addSingle(s.start, s.end, s.surface, actor, 'ner');
  }
  // the dictionary gives a shared surname to the one named last; an honorific or a title says otherwise
  // ("Mrs. Clinton" after "Bill Clinton" is Hillary Clinton, "former President Clinton" is Bill)
  for (const m of mentions) {
    if (m.via !== 'dictionary' || /\s/.test(m.text) || actorsById.get(m.actorId)?.type !== 'person') continue;
    const byActor = fullMentions.get(m.text);
    if (!byActor || byActor.size < 2) continue;
    const tb = titleBefore(m.start);
    if (!tb) continue;
    const gender = tb.split(/\s+/).map(honorificGender).find((g) => g !== undefined);
    const a = pickBySurname(m.text, m.start, gender, tb);
    if (a && a.id !== m.actorId) m.actorId = a.id;
  }
  if (fullMentions.size) {
    const re = new RegExp(String.raw`(?<![\w’'-])(${[...fullMentions.keys()].map(escapeRe).join('|')})(?![\w-]|[’'][a-rt-z])`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = m.index;
      const e = s + m[0].length;
      if (overlaps(s, e)) continue;
      // part of another name ("Nick Ryan", "Ryan Rideout"), or a common word opening a sentence ("Price rose")
      const prevWord = /([A-Z][\w’'.-]*)\s+$/.exec(text.slice(Math.max(0, s - 30), s))?.[1];
      if (prevWord && !isPersonTitle(prevWord) && !isTitleToken(prevWord) && !isTitleQualifier(prevWord) && !SENTENCE_STARTERS.has(prevWord) && !FIRST_TOKEN_STOP.has(prevWord) && !/[.!?:]\s*$/.test(text.slice(s - prevWord.length - 3, s - prevWord.length))) continue;
      if (/^\s+(?:[A-Z][a-z]|[A-Z]\.)/.test(text.slice(e, e + 4)) && !/^\s+(?:(?:[A-Z][a-z]+day)\b)/.test(text.slice(e, e + 12))) continue;
      if (isSentenceStart(text, s) && isCommonWord(m[1]!, words) && !/^(?:[’']s)?,?\s+(?:[a-z]+\s+)?(?:said|says|told|added|wrote)\b/.test(text.slice(e, e + 30))) continue;
      const tb = titleBefore(s);
      const gender = tb.split(/\s+/).map(honorificGender).find((g) => g !== undefined);
      const a = pickBySurname(m[1]!, s, gender, tb);
      if (a) addSingle(s, e, m[0], a, 'ner');
    }
  }

  mentions.sort((a, b) => a.start - b.start);
  describeFromAppositives(text, mentions, actorsById);

  // 5. definite descriptions of the people and bodies named so far
  profiles.clear();
  const nominals = nominalMentions(text, published, mentions, actorsById, overlaps);
  for (const n of nominals) add(n, actorsById.get(n.actorId)!);
  mentions.sort((a, b) => a.start - b.start);

  // every surface form becomes an alias of its actor (for search and for predictions' mentions)
  const aliasSets = new Map<Actor, Set<string>>();
  for (const m of mentions) {
    const a = actorsById.get(m.actorId)!;
    let set = aliasSets.get(a);
    if (!set) aliasSets.set(a, (set = new Set(a.aliases)));
    set.add(m.text);
  }
  for (const [a, set] of aliasSets) if (set.size !== a.aliases.length) a.aliases = [...set];
  return { ...doc, actors: actorsById, mentions };
}

/** At the start of the text, a line, or a sentence (quotes and brackets in between allowed). */
function isSentenceStart(text: string, at: number): boolean {
  const raw = text.slice(Math.max(0, at - 6), at);
  if (/\n[^\S\n]*["“‘'(]*[^\S\n]*$/u.test(raw)) return true;
  const before = raw.replace(/["“”‘’'(\s]+$/u, '');
  return before === '' || /[.!?:]$/.test(before);
}

// ---- descriptions of people ----------------------------------------------------------------------

const FORMER_WORDS = /^(?:former|ex|then|late|onetime|one-time|erstwhile|previous|retired)$/;
const YEAR_RANGE = /\b((?:19|20)\d{2})\s*[–-]\s*((?:19|20)\d{2})\b|\bsince\s+((?:19|20)\d{2})\b|\buntil\s+((?:19|20)\d{2})\b/g;

/**
 * The words that describe someone, split into what they are at `date` and what they were:
 * "Former Ohio Gov." → was governor (of Ohio); "US Senator (Florida)" → is senator, florida;
 * "Prime Minister of Iraq 2006–2014; Vice President 2014–2015" read at 2016 → was both.
 */
export function describeWords(phrase: string, date: string): { current: Set<string>; former: Set<string>; all: Set<string> } {
  const current = new Set<string>();
  const former = new Set<string>();
  const year = Number(date.slice(0, 4));
  for (const segment of phrase.split(/;/)) {
    let state: 'current' | 'former' | 'future' = 'current';
    for (const y of segment.matchAll(YEAR_RANGE)) {
      const [, from, to, since, until] = y;
      if (since) state = year >= Number(since) ? 'current' : 'future';
      else if (until) state = year <= Number(until) ? 'current' : 'former';
      else if (from && to) state = year < Number(from) ? 'future' : year > Number(to) ? 'former' : 'current';
    }
    if (state === 'future') continue;
    let wasFormer = state === 'former';
    const ws = segment
      .replace(YEAR_RANGE, ' ')
      .split(/[^\p{L}\p{N}.’'-]+/u)
      .filter(Boolean)
      .map((w) => expandTitleWord(w.replace(/^ex-/i, 'ex ').replace(/[’']s$/, '')));
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      if (FORMER_WORDS.test(w) || w.startsWith('ex ')) {
        wasFormer = true;
        if (w.startsWith('ex ')) (former as Set<string>).add(w.slice(3));
        continue;
      }
      const set = wasFormer ? former : current;
      set.add(w);
      const two = i + 1 < ws.length ? `${w} ${ws[i + 1]}` : '';
      if (two && ROLE_GROUPS.has(two)) set.add(two);
    }
  }
  return { current, former, all: new Set([...current, ...former]) };
}

const FUNCTION_WORDS = new Set(
  'the a an and or but of to in on at for from with by as is was are were be been has had have that which who whom whose this these those his her their its our my your he she they it we i said says told say also not no'.split(' '),
);

/** A person's description as the article and the dictionary give it, read at the date. */
function personProfile(a: Actor, own: ActorMention[], text: string, date: string): { current: Set<string>; former: Set<string> } {
  const phrases: string[] = [a.description ?? ''];
  for (const o of officesHeld(a.id, date)) phrases.push(`${o.title} ${getActor(o.of)?.aliases.join(' ') ?? ''}`);
  // titles come with the first mentions (and a bound keeps the cost per person constant)
  for (const m of own.slice(0, 12)) {
    // the words right before the name: "presumptive Republican presidential nominee Donald Trump"
    // (on the same line, within the sentence, ending in a title or role noun)
    // (words are read by splitting, not by an end-anchored regex, which backtracks at every start)
    const before = text.slice(Math.max(0, m.start - 80), m.start);
    const line = before.slice(before.lastIndexOf('\n') + 1);
    const ws: string[] = [];
    if (/[^\S\n]$/.test(line)) {
      const parts = line.split(/[^\S\n]+/);
      parts.pop();
      for (let i = parts.length - 1; i >= 0 && ws.length < 7 && /^[\p{L}.’'-]+$/u.test(parts[i]!); i--) ws.unshift(parts[i]!);
    }
    let k = ws.length;
    while (k > 0 && !FUNCTION_WORDS.has(ws[k - 1]!.toLowerCase()) && !(k < ws.length && /[.]$/.test(ws[k - 1]!) && !isPersonTitle(ws[k - 1]!) && !isTitleToken(ws[k - 1]!))) k--;
    const pre = ws.slice(k);
    const lastWord = pre[pre.length - 1];
    if (lastWord && (ROLE_GROUPS.has(expandTitleWord(lastWord)) || isPersonTitle(lastWord))) phrases.push(pre.join(' '));
    // an appositive after it: "Mike Pence, the Indiana governor," / "(R-Ohio)"
    const after = text.slice(m.end, m.end + 120);
    const app = /^,\s+(?:who\s+is\s+|now\s+)?((?:the|a|an)\s+[^,;()“”"]{2,90}?)(?=,|;|\.\s|\.$|\)|$)/.exec(after);
    if (app) phrases.push(app[1]!);
    // a party-state tag: "(R-Fla.)", ", D-N.Y.,"
    const party = /^,?\s*\(?([RDI])\s*-\s*([A-Z][A-Za-z.]{1,12})/.exec(after);
    if (party) phrases.push(`${party[1] === 'R' ? 'republican' : party[1] === 'D' ? 'democrat' : 'independent'} ${regionName(party[2]!) ?? ''}`);
  }
  const current = new Set<string>();
  const former = new Set<string>();
  for (const p of phrases) {
    const d = describeWords(p, date);
    d.current.forEach((w) => current.add(w));
    d.former.forEach((w) => former.add(w));
  }
  return { current, former };
}

const PARTY_WORDS: Record<string, string> = { democratic: 'democrat', democrat: 'democrat', republican: 'republican', gop: 'republican' };
const MEDIA_HEADS = /^(?:newspaper|paper|daily|outlet|network|broadcaster|magazine|publication|site|website|wire|agency|channel)$/;
const MEDIA_NAME = /\b(?:news|press|times|post|journal|tribune|herald|gazette|daily|magazine|cnn|msnbc|bbc|reuters|afp|associated|agency|newspaper|broadcast|television|radio|network|politico|breitbart|huffington|register|examiner|star|globe|monitor|review|weekly|standard|beacon|hill|axios|vox|slate|atlantic|yorker)\b/i;

interface Description {
  start: number;
  end: number;
  /** the words between "the" and the head ("Indiana", "presumptive Republican presidential") */
  mods: string[];
  head: string;
  /** capitalised words of an "of/for/from X" after the head ("the governor of Ohio") */
  suffix: string[];
}

let descriptionHeads: Set<string> | undefined;
const THE = /\b[Tt]he\s+/g;
const WORD = /[\w.’'-]+/y;
const GAP = /[^\S]+/y;
const DESCRIPTION_SUFFIX = /\s+(?:of|for|from)\s+(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})/y;

/**
 * "the [up to four modifier words] ROLE [of X]" in a text, left to right. Words are read one by one
 * after each "the" and looked up (a regex alternation of every role noun costs several times more).
 */
function* definiteDescriptions(text: string): Generator<Description> {
  const heads = (descriptionHeads ??= new Set([...ROLE_GROUPS.keys(), ...BODY_HEAD_KINDS.keys()]));
  THE.lastIndex = 0;
  for (let m = THE.exec(text); m; m = THE.exec(text)) {
    const toks: { start: number; text: string }[] = [];
    let pos = m.index + m[0].length;
    while (toks.length < 6) {
      WORD.lastIndex = pos;
      const w = WORD.exec(text);
      if (!w) break;
      toks.push({ start: pos, text: w[0] });
      GAP.lastIndex = pos + w[0].length;
      if (!GAP.exec(text)) break;
      pos = GAP.lastIndex;
    }
    // the shortest run of modifiers before a head; a two-word head ("vice president") before a one-word one
    for (let k = 0; k < toks.length && k <= 4; k++) {
      let head: string | undefined;
      let headEnd = 0;
      const one = toks[k]!.text.replace(/\.+$/, '');
      const two = k + 1 < toks.length ? `${toks[k]!.text} ${toks[k + 1]!.text.replace(/\.+$/, '')}`.toLowerCase() : '';
      if (two && heads.has(two)) {
        head = two;
        headEnd = toks[k + 1]!.start + toks[k + 1]!.text.replace(/\.+$/, '').length;
      } else if (heads.has(one.toLowerCase())) {
        head = one.toLowerCase();
        headEnd = toks[k]!.start + one.length;
      }
      if (!head) continue;
      DESCRIPTION_SUFFIX.lastIndex = headEnd;
      const suf = DESCRIPTION_SUFFIX.exec(text);
      const end = suf ? DESCRIPTION_SUFFIX.lastIndex : headEnd;
      yield { start: m.index, end, mods: toks.slice(0, k).map((t) => t.text), head, suffix: suf ? suf[1]!.split(/\s+/).filter((w) => /^[A-Z]/.test(w)) : [] };
      THE.lastIndex = Math.max(THE.lastIndex, end);
      break;
    }
  }
}

/**
 * Definite descriptions linked to the actor they describe in this article: "the Indiana governor"
 * → the person last named with "Gov." or "governor" and "Indiana" in their titles, appositives or
 * offices at the date; "the newspaper" → the news organisation last named. Nothing is guessed:
 * a description no one in the article fits is left to the statements stage.
 */
function nominalMentions(
  text: string,
  date: string,
  mentions: ActorMention[],
  actorsById: Map<string, Actor>,
  overlaps: (s: number, e: number) => boolean,
): ActorMention[] {
  const out: ActorMention[] = [];
  const people = [...new Set(mentions.map((m) => m.actorId))].map((id) => actorsById.get(id)!).filter((a) => a?.type === 'person');
  if (!mentions.length) return out;
  const byActor = new Map<string, ActorMention[]>();
  for (const m of mentions) {
    const list = byActor.get(m.actorId) ?? [];
    list.push(m);
    byActor.set(m.actorId, list);
  }
  // profiles are built when a description first needs them (most articles have few descriptions)
  const profileCache = new Map<string, { current: Set<string>; former: Set<string> }>();
  const profiles = {
    get(id: string) {
      let p = profileCache.get(id);
      if (!p) profileCache.set(id, (p = personProfile(actorsById.get(id)!, byActor.get(id) ?? [], text, date)));
      return p;
    },
  };
  const groupWords = new Map<number, string[]>();
  for (const [w, g] of ROLE_GROUPS) groupWords.set(g, [...(groupWords.get(g) ?? []), w]);
  // last mention of each actor before a position: mentions are sorted, walk them with the matches
  let mi = 0;
  const lastAt = new Map<string, number>();
  const all = [...mentions];
  for (const m of definiteDescriptions(text)) {
    const { start, end } = m;
    while (mi < all.length && all[mi]!.start < start) {
      lastAt.set(all[mi]!.actorId, all[mi]!.start);
      mi++;
    }
    const mods = m.mods;
    if (mods.some((w) => FUNCTION_WORDS.has(w.toLowerCase()) || /[,;:]$/.test(w) || /^\d/.test(w))) continue;
    // a title before a name ("the Indiana governor Mike Pence") belongs to the name
    if (/^\s+(?:[A-Z][a-z]|[A-Z]\.)/.test(text.slice(end, end + 3)) && !m.suffix.length) continue;
    if (overlaps(start, end)) continue;
    const head = m.head;
    const suffix = m.suffix;
    const proper = [...mods.filter((w) => /^[A-Z]/.test(w)), ...suffix].map((w) => wordKey(w).replace(/[’']s$/, ''));
    const wantsFormer = mods.some((w) => FORMER_WORDS.test(w.toLowerCase()) || /^ex-/i.test(w));
    let found: Actor | undefined;
    // "the Indiana governor, Mike Pence,": the name right after it
    const next = all[mi];
    if (next && next.start <= end + 3 && /^,\s*$/.test(text.slice(end, next.start))) {
      const a = actorsById.get(next.actorId);
      if (a && (ROLE_GROUPS.has(head) ? a.type === 'person' : a.type !== 'person')) found = a;
    }
    const group = ROLE_GROUPS.get(head);
    if (!found && group !== undefined) {
      const fits = (a: Actor) => {
        const p = profiles.get(a.id)!;
        const set = wantsFormer ? p.former : p.current;
        const hasHead = groupWords.get(group)!.some((w) => set.has(w));
        if (!hasHead) return false;
        const allWords = new Set([...p.current, ...p.former, ...a.name.toLowerCase().split(/\s+/)]);
        return proper.every((w) => allWords.has(w) || (PARTY_WORDS[w] !== undefined && [...allWords].some((x) => PARTY_WORDS[x] === PARTY_WORDS[w])));
      };
      // the people named so far, most recently named first: the first that fits
      const tried = new Set<string>();
      for (let k = mi - 1; k >= 0 && k >= mi - 5000 && !found && tried.size < people.length; k--) {
        const id = all[k]!.actorId;
        if (tried.has(id)) continue;
        const a = actorsById.get(id);
        if (a?.type !== 'person') continue;
        tried.add(id);
        if (fits(a)) found = a;
      }
    } else if (!found && BODY_HEAD_KINDS.get(head) !== 'document') {
      // bodies: the last organisation whose name holds the head word, or a news organisation for "the newspaper"
      let best = -1;
      for (const [id, at] of lastAt) {
        const a = actorsById.get(id);
        if (!a || at <= best || a.type === 'person' || a.type === 'country' || a.local) continue;
        const nameWords = a.name.toLowerCase();
        const ok = new RegExp(String.raw`\b${escapeRe(head)}\b`).test(nameWords) || (MEDIA_HEADS.test(head) && (MEDIA_NAME.test(a.name) || /newspaper|broadcaster|news agency|daily|media/i.test(a.description ?? '')));
        if (!ok || !proper.every((w) => nameWords.includes(w))) continue;
        best = at;
        found = a;
      }
    }
    if (!found) continue;
    out.push({ start, end, text: text.slice(start, end), actorId: found.id, via: 'nominal' });
  }
  return out;
}

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Two renderings of one person's name: same first name and a surname within two edits, or the same surname. */
export function namesClose(a: string, b: string): boolean {
  const ta = a.toLowerCase().split(/\s+/);
  const tb = b.toLowerCase().split(/\s+/);
  const sa = surnameKey(a);
  const sb = surnameKey(b);
  if (sa && sa === sb) return true;
  return ta[0] === tb[0] && editDistance(sa, sb) <= 2;
}

let dictPeopleBySurname: Map<string, DictActor[]> | undefined;
/** A dictionary person whose full name differs only by spelling ("Haider al-Abbadi" ~ "Haider al-Abadi"). */
function nearDictionaryPerson(surface: string): Actor | undefined {
  if (!dictPeopleBySurname) {
    dictPeopleBySurname = new Map();
    for (const a of allActors()) {
      if (a.type !== 'person') continue;
      const first = a.name.split(/\s+/)[0]!.toLowerCase();
      const list = dictPeopleBySurname.get(first) ?? [];
      list.push(a);
      dictPeopleBySurname.set(first, list);
    }
  }
  const toks = surface.split(/\s+/);
  if (toks.length < 2) return undefined;
  const cands = dictPeopleBySurname.get(toks[0]!.toLowerCase()) ?? [];
  const sa = surnameKey(surface);
  const hits = cands.filter((c) => {
    const sb = surnameKey(c.name);
    // one edit ("Abbadi" ~ "Abadi"); two only in long names ("Carson" is not "Cardin")
    return sa.length >= 4 && editDistance(sa, sb) <= (sa.length >= 9 ? 2 : 1);
  });
  return hits.length === 1 ? fromDict(hits[0]!) : undefined;
}

/**
 * Roles and affiliations from appositives and titles: "Randa Slim, director of the … Program at
 * the Middle East Institute," → description "director of the … Program", affiliation the institute;
 * "Pentagon press secretary John Kirby" → description "Pentagon press secretary".
 */
export function describeFromAppositives(text: string, mentions: ActorMention[], actors: Map<string, Actor>): void {
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const a = actors.get(m.actorId);
    if (!a || a.type !== 'person') continue;
    const after = text.slice(m.end, m.end + 220);
    const app = /^,\s+((?:(?:the|a|an)\s+)?(?:former\s+|senior\s+|deputy\s+|acting\s+)?[a-z][\w’' -]*?(?:director|head|chief|analyst|fellow|professor|spokes\w+|adviser|advisor|researcher|editor|correspondent|ambassador|minister|secretary|commander|leader|member|president|chairman|chairwoman|expert|officer|envoy|official|lawmaker|scholar|founder|coordinator|manager)\b[^,;.]*?)(?=,|;|\.\s|$)/i.exec(after);
    if (app) {
      const role = app[1]!.trim();
      const roleStart = m.end + app[0].indexOf(app[1]!);
      const org = mentions.find((o, j) => j > i && o.start >= roleStart && o.end <= roleStart + role.length && actors.get(o.actorId)?.type !== 'person' && actors.get(o.actorId)?.type !== 'country');
      if (!a.description) a.description = role.replace(/^(?:the|a|an)\s+/i, '');
      if (org && !a.affiliation) a.affiliation = org.actorId;
      continue;
    }
    // a lower-case or titled role right before the name
    const before = /((?:[A-Z][\w.’']*\s+)?(?:press secretary|spokes(?:man|woman|person)|ambassador|envoy|analyst|commander|adviser|advisor|director)\s+)$/i.exec(text.slice(Math.max(0, m.start - 60), m.start));
    if (before && !a.description) a.description = before[1]!.trim();
  }
}

// ---- speaker phrases -----------------------------------------------------------------------------

/** What `speakerForPhrase` found for a speaker phrase. */
export interface SpeakerResolution {
  /** the speaking actor: one of `known` or a new article-local actor (then `created`) */
  actor: Actor;
  created: boolean;
  /** the mention to record for the phrase (its head: relative clauses and appositives cut off) */
  mention: ActorMention;
  /** which rule decided (traceable in the output): see SPEAKER_RULES */
  rule: SpeakerRule;
  /** for a collective speaker ("A and B", "the two leaders"): the member actors' ids */
  members?: string[];
}

export const SPEAKER_RULES = [
  'mention', // a named or described actor inside the phrase ("Rep. Ann Lee", "the Indiana governor")
  'relational', // someone by relation ("his lawyer", "a spokeswoman for X", "the Clinton campaign")
  'collective', // "A and B", "the two leaders", "both candidates"
  'document', // "the report", "a new poll", "exit polls", "a resolution"
  'group', // a common-noun group ("police", "critics", "nearly 8 in 10 voters")
  'anonymous', // an unnamed individual ("a reporter", "one strategist", "a senior official")
  'name', // a capitalised name no earlier stage knew ("Gallup", "Schoen")
  'unresolved', // anything else: an actor named by the phrase itself, never dropped
] as const;
export type SpeakerRule = (typeof SPEAKER_RULES)[number];

const PRONOUN_PHRASE = /^(?:he|she|they|it|we|i|you|who|whom|which|that|this|these|those|one another|each other)$/i;
const LEAD_WORDS = /^(?:(?:and|but|or|so|yet|while|as|though|although|when|whereas|because|since|after|before|then|even|also|only|meanwhile|now|still|in|on|at|by|from|with|for|of|to|according|that|which|who|whom|where|what|said|says|added|wrote|told)\s+)+/i;
const PERSONAL_PRONOUN = /^(?:he|she|they|we|i|you|it)$/i;
/** a party-state tag left as the whole phrase: "(D-Nev.)", "R-Fla." */
const PARTY_TAG = /^\(?[RDI]\s*-\s*[A-Z][A-Za-z.]{0,12}\)?$|^\(?[RDI]\)?$/;
const DETERMINER = /^(?:the|a|an|this|that|these|those|its|their|his|her|our|my|your)$/i;
const NUMBER_WORD = /^(?:\d[\d,.]*%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|dozens|half|third|quarter|two-thirds|three-quarters|[a-z]+-(?:one|two|three|four|five|six|seven|eight|nine))$/i;

/** The head of a speaker phrase: no leading conjunction, no relative clause or appositive after a comma. */
export function speakerHead(phrase: string): { head: string; offset: number } {
  let s = phrase;
  let offset = 0;
  const lead = /^[\s“"‘'(—–-]+/.exec(s)?.[0] ?? '';
  s = s.slice(lead.length);
  offset += lead.length;
  const conj = LEAD_WORDS.exec(s)?.[0] ?? '';
  if (conj && conj.length < s.length) {
    s = s.slice(conj.length);
    offset += conj.length;
  }
  // "Jane Doe, a spokeswoman for X," / "X (R-Ohio)": the head is before the comma or bracket, unless
  // the phrase opens with a relational noun ("a spokeswoman for X, Jane Doe")
  const cut = s.search(/\s*(?:,|\(|\s[—–]\s|\s+(?:who|which|whose|whom|that)\b|\s+in\s+(?:a|an|the|his|her|their)\s+(?:statement|interview|letter|tweet|post|speech)\b)/);
  if (cut > 0) s = s.slice(0, cut);
  s = s.replace(/[’']s$/, '').replace(/[\s,.;:”"’']+$/, '');
  return { head: s, offset };
}

/**
 * The actor a speaker phrase names, for the statements stage: `span` is the frame's subject
 * phrase ("Sen. Ann Lee (D-Mass.)", "his lawyer", "nearly 8 in 10 voters", "A and B"). Returns
 * null only for a bare pronoun or relative pronoun (resolved by the caller) and for empty text;
 * every other phrase becomes an actor (`rule: 'unresolved'` when nothing better fits).
 * `known` holds the actors of the article so far (including local ones made by earlier calls),
 * `mentions` the article's mentions sorted by start, `opts.date` the publication date (YYYY-MM-DD,
 * for the offices people held then). Cost: bounded by the mentions of the few thousand characters
 * before the phrase, so a statements stage may call it for every frame.
 */
export function speakerForPhrase(
  text: string,
  span: { start: number; end: number },
  known: ReadonlyMap<string, Actor>,
  mentions: readonly ActorMention[],
  opts: { date?: string } = {},
): SpeakerResolution | null {
  const raw = text.slice(span.start, span.end);
  const { head, offset } = speakerHead(raw);
  if (!head || PRONOUN_PHRASE.test(head)) return null;
  const hs = span.start + offset;
  const he = hs + head.length;
  const inHead = mentionsWithin(mentions, hs, he);
  const words = head.split(/\s+/);
  const lower = words.map((w) => w.toLowerCase().replace(/[^a-z0-9%.'’-]/g, ''));
  // "Sen. Ann Lee (D-Mass.) said": a party tag speaks for the person named right before it
  if (PARTY_TAG.test(head)) {
    const i = firstStartingAt(mentions, hs) - 1;
    const prev = mentions[i];
    const a = prev && hs - prev.end <= 4 ? known.get(prev.actorId) : undefined;
    if (a?.type === 'person') return { actor: a, created: false, mention: { ...prev! }, rule: 'mention' };
    return null;
  }
  if (!isSpeakerPhrase(words, lower, inHead.length > 0)) return null;
  const mention = (actorId: string, via: ActorMention['via'] = 'nominal'): ActorMention => ({ start: hs, end: he, text: head, actorId, via });
  const local = (name: string, type: Actor['type'], rule: SpeakerRule, members?: string[]): SpeakerResolution => {
    const clean = name.replace(/^(?:the|a|an)\s+/i, '').replace(/\s+/g, ' ').trim();
    const id = kebab(clean) || 'unnamed-speaker';
    const existing = known.get(id);
    const actor = existing ?? { id, name: clean, type, aliases: [head], description: null, affiliation: null, local: true };
    const r: SpeakerResolution = { actor, created: !existing, mention: mention(id, type === 'anonymous' ? 'anonymous' : 'nominal'), rule };
    if (members) r.members = members;
    return r;
  };
  // the noun phrase's head: the word before its first post-modifier ("the results of the latest poll",
  // "a survey released Thursday", "voters in 11 states")
  const post = lower.findIndex((w, i) => i > 0 && POST_MODIFIER.test(w));
  const headNoun = (post > 0 ? lower[post - 1] : lower[lower.length - 1]) ?? '';
  const singular = headNoun.replace(/(?<=[^s])s$/, '');

  // 1. coordinated speakers: "A and B" (two named actors), a collective actor of both
  const and = / (?:and|&) /.exec(head);
  if (and && inHead.length >= 2) {
    const left = inHead.filter((m) => m.end <= hs + and.index);
    const right = inHead.filter((m) => m.start >= hs + and.index + and[0].length);
    if (left.length && right.length && !head.slice(0, and.index).includes(',') === true) {
      const members = [...new Set([...left, ...right].map((m) => m.actorId))];
      if (members.length >= 2) return collective(members, known, head, hs, he);
    }
  }
  // 2. "the two leaders", "both men", "both candidates": the two people named last
  if (/^(?:the two|both(?: the)?|the pair of|the)\s+(?:\w+\s+)?(?:men|women|leaders|candidates|presidents|senators|rivals|sides|politicians|nominees|campaigns)$/i.test(head) && /^(?:the two|both)/i.test(head)) {
    const before: string[] = [];
    for (let i = firstStartingAt(mentions, hs) - 1; i >= 0 && before.length < 2 && hs - mentions[i]!.start < 3000; i--) {
      const a = known.get(mentions[i]!.actorId);
      if (a?.type === 'person' && !before.includes(a.id)) before.push(a.id);
    }
    if (before.length === 2) return collective(before.reverse(), known, head, hs, he);
  }

  // 3. relational: "Trump's lawyer", "his campaign", "a spokeswoman for Clinton", "attorneys for the family"
  const rel = relationalSpeaker(text, head, hs, lower, inHead, known, mentions);
  if (rel) return local(rel.name, rel.type, 'relational');

  // 4. a named or described actor holds the head: a person first, else the mention that ends the head
  const person = inHead.find((m) => known.get(m.actorId)?.type === 'person');
  const last = inHead.find((m) => m.end >= he - 1);
  const sourceHead = isSourceNoun(headNoun) || isSourceNoun(singular) || /^(?:those|people)\s+(?:surveyed|polled|questioned|interviewed|asked|familiar|close|briefed)\b/i.test(head);
  if (person && !(sourceHead && person.end < he - headNoun.length)) return { actor: known.get(person.actorId)!, created: false, mention: mention(person.actorId, person.via), rule: 'mention' };
  if (last && !sourceHead) return { actor: known.get(last.actorId)!, created: false, mention: mention(last.actorId, last.via), rule: 'mention' };

  // 5. "the retired neurosurgeon", "the candidate": a description the actors stage could not pin down
  // (its modifiers unmatched) names the last person nearby whose titles hold its head noun
  if (/^the$/i.test(words[0] ?? '') && words.length <= 6 && ROLE_GROUPS.has(headNoun) && post < 0) {
    const near = describedNearby(text, hs, headNoun, known, mentions, opts.date ?? '');
    if (near) return { actor: near, created: false, mention: mention(near.id), rule: 'mention' };
  }
  // 6. documents: "the report", "a new poll", "exit polls", "White House pool reports""
  const lastTwo = (post > 0 ? lower.slice(0, post) : lower).slice(-2).join(' ');
  const docHead = BODY_HEAD_KINDS.get(lastTwo) === 'document' ? lastTwo : BODY_HEAD_KINDS.get(headNoun) === 'document' ? headNoun : BODY_HEAD_KINDS.get(singular) === 'document' ? singular : undefined;
  if (docHead) {
    // "the poll" after "a new CNN poll": the same document
    if (/^(?:the|this|that|its|their)$/i.test(words[0] ?? '') && words.length <= 3) {
      const prior = [...known.values()].reverse().find((a) => a.local && a.type === 'organization' && new RegExp(String.raw`\b${escapeRe(docHead)}s?$`, 'i').test(a.name));
      if (prior) return { actor: prior, created: false, mention: mention(prior.id), rule: 'document' };
    }
    return local(trimDescription(post > 0 ? words.slice(0, post).join(' ') : head), 'organization', 'document');
  }
  // 7. bodies: "the campaign" is the campaign of the candidate named last nearby (or the campaign
  // spoken of before); "the company", "the committee" otherwise stand for themselves
  if (headNoun === 'campaign' && /^the$/i.test(words[0] ?? '') && words.length <= 3) {
    const from = firstStartingAt(mentions, hs - DESCRIBED_LOOKBACK);
    for (let i = firstStartingAt(mentions, hs) - 1; i >= from; i--) {
      const a = known.get(mentions[i]!.actorId);
      if (a && a.type !== 'person' && /\bcampaign$/i.test(a.name)) return { actor: a, created: false, mention: mention(a.id), rule: 'relational' };
    }
    const candidate = describedNearby(text, hs, 'candidate', known, mentions, opts.date ?? '');
    if (candidate) return local(`${candidate.name} campaign`, 'organization', 'relational');
  }
  const bodyKind = BODY_HEAD_KINDS.get(headNoun);
  if (bodyKind && DETERMINER.test(words[0] ?? '') && words.length <= 5) return local(trimDescription(head), bodyKind === 'group' ? 'group' : 'organization', 'group');

  // 8. common-noun and quantified sources: "police", "critics", "some insiders", "nearly 8 in 10 voters", "74 percent"
  const quantified = /^(?:(?:nearly|almost|about|roughly|around|more than|less than|fewer than|at least|over|only|just|some)\s+)?(?:\S+\s+(?:in|of|out of)\s+\S+|\S+\s+percent|\S+%)\b/i.test(head) && words.some((w) => NUMBER_WORD.test(w.toLowerCase()) || /\d/.test(w));
  if (sourceHead || quantified) {
    const plural = headNoun !== singular || /^(?:police|people|staff|clergy|troops|authorities|media)$/.test(headNoun) || quantified;
    const indefinite = /^(?:a|an|one|another)$/i.test(words[0] ?? '');
    if (!plural || indefinite) return local(trimDescription(head), 'anonymous', 'anonymous');
    return local(trimDescription(head), 'group', 'group');
  }
  if (/^(?:some|others|many|most|several|few|all|both|another|one|none)$/i.test(head)) return local(head.toLowerCase(), 'group', 'group');

  // 9. a capitalised name nobody recognised ("Gallup", "Schoen", "BuzzFeed")
  if (/^(?:[A-Z][\w’'.&-]*)(?:\s+(?:[A-Z][\w’'.&-]*|of|for|and|the|de|van|von|al-\w+))*$/.test(head) && words.length <= 5 && !FIRST_TOKEN_STOP.has(words[0]!)) {
    const personish = words.length >= 2 ? firstNameGender(words[0]!) !== undefined : !/[a-z][A-Z]|^[A-Z]{2,}$/.test(head) && !isLexiconWord(head);
    return local(head, personish ? 'person' : 'organization', 'name');
  }
  // 10. anything else is still a speaker: named by its own words
  return local(trimDescription(head).split(/\s+/).slice(0, 8).join(' '), 'anonymous', 'unresolved');
}

/** How far back (characters) a speaker phrase looks for the people it may describe. */
const DESCRIBED_LOOKBACK = 3000;

/** The last person mentioned in the few thousand characters before `at` whose titles hold the role noun. */
function describedNearby(text: string, at: number, role: string, known: ReadonlyMap<string, Actor>, mentions: readonly ActorMention[], date: string): Actor | undefined {
  const group = ROLE_GROUPS.get(role);
  if (group === undefined) return undefined;
  const words = [...ROLE_GROUPS].filter(([, g]) => g === group).map(([w]) => w);
  const from = firstStartingAt(mentions, at - DESCRIBED_LOOKBACK);
  const to = firstStartingAt(mentions, at);
  const own = new Map<string, ActorMention[]>();
  for (let i = from; i < to; i++) {
    const m = mentions[i]!;
    if (known.get(m.actorId)?.type !== 'person') continue;
    const list = own.get(m.actorId) ?? [];
    list.push(m);
    own.set(m.actorId, list);
  }
  for (let i = to - 1; i >= from; i--) {
    const a = known.get(mentions[i]!.actorId);
    if (a?.type !== 'person') continue;
    const p = personProfile(a, own.get(a.id)!, text, date || '9999-12-31');
    if (words.some((w) => p.current.has(w))) return a;
  }
  return undefined;
}

/** Words after a noun phrase's head that start its post-modifiers. */
const POST_MODIFIER = /^(?:of|from|by|in|on|at|with|for|to|among|across|released|published|conducted|compiled|issued|posted|obtained|reviewed|cited|taken|surveyed|polled|who|which|that|familiar|close|representing)$/;

/** A noun that names people who can speak: "critics", "a reporter", "the moderator", "an Iowa Democrat". */
const isSourceNoun = (w: string): boolean => SOURCE_HEADS.has(w) || (ROLE_GROUPS.has(w) && !BODY_HEAD_KINDS.has(w));

/**
 * Is this plausibly a speaker at all, or a fragment a frame finder cut wrongly ("she has since",
 * "wearing a shirt", "Mr", "a self-")? Fragments give null: a wrong actor is worse than none.
 */
function isSpeakerPhrase(words: string[], lower: string[], hasMention: boolean): boolean {
  const first = words[0]!;
  if (/-$/.test(words[words.length - 1]!)) return false;
  if (PERSONAL_PRONOUN.test(first.replace(/[’'](?:ve|re|m|ll|d|s)$/i, ''))) return false; // "she issued a statement", "they've"
  if ((/^(?:there|here|then|now)$/i.test(first) || /^(?:years?|weeks?|months?|days?|time|times|today|yesterday)$/.test(first)) && words.length <= 2) return false;
  if (lower.every((w) => NUMBER_WORD.test(w) || /^(?:am|pm|a\.m\.|p\.m\.)$/.test(w))) return false; // "60", "two", "00 am"
  if (words.length === 1 && first.replace(/[^A-Za-z]/g, '').length < 3) return false; // "U", "Mo"
  if (words.length === 1 && regionName(first) !== undefined && /[.]|^[A-Z][a-z]{1,4}$/.test(first) && !/^[A-Z][a-z]{5,}$/.test(first)) return false; // "Calif", "N.C"
  if (words.length === 1 && !hasMention) {
    if (isPersonTitle(first) || isTitleToken(first) || honorificGender(first) !== undefined) return false; // "Sen", "Mr"
    if (/^[A-Z][a-z]+$/.test(first) && isLexiconWord(first) && !isSourceNoun(lower[0]!) && !BODY_HEAD_KINDS.has(lower[0]!)) return false; // "So", "Small"
  }
  // a verb, auxiliary or adverb first: a clause, not a noun phrase ("has always", "wearing a shirt", "would end")
  if (/^[a-z]/.test(first) && !DETERMINER.test(first) && !NUMBER_WORD.test(first) && !isSourceNoun(lower[0]!) && !BODY_HEAD_KINDS.has(lower[0]!)) {
    const tag = lexiconTags(lower[0]!);
    if (/Verb|Auxiliary|Modal|Copula|Adverb|Preposition|Conjunction|Pronoun|Gerund|Infinitive|PastTense|PresentTense|Negative/.test(tag)) {
      if (!/^(?:some|many|most|several|few|all|both|other|others|another|one|none|any|each|every|more|nearly|almost|about|roughly|around|only|just|over|at|less|fewer)$/.test(lower[0]!)) return false;
    }
    if (!tag && /(?:ing|ed)$/.test(lower[0]!) && !lower.some((w) => isSourceNoun(w) || BODY_HEAD_KINDS.has(w))) return false;
  }
  return true;
}

/** Drops determiners and quantifiers from a description used as a name ("nearly 8 in 10 voters" stays whole). */
function trimDescription(head: string): string {
  return head.replace(/^(?:the|a|an|this|that|these|those)\s+/i, '').trim();
}

const mentionsWithin = (mentions: readonly ActorMention[], start: number, end: number): ActorMention[] => spansWithin(mentions, start, end);

/** A collective speaker: one article-local group actor for the members together (same id whatever the wording). */
function collective(members: string[], known: ReadonlyMap<string, Actor>, head: string, hs: number, he: number): SpeakerResolution {
  const names = members.map((id) => known.get(id)?.name ?? id);
  const name = names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const id = kebab(name);
  const existing = known.get(id);
  const actor: Actor = existing ?? { id, name, type: 'group', aliases: [head], description: null, affiliation: null, local: true };
  return { actor, created: !existing, mention: { start: hs, end: he, text: head, actorId: id, via: 'nominal' }, rule: 'collective', members };
}

/**
 * Someone named by relation to a person or body: "Trump's lawyer", "his campaign", "a
 * spokeswoman for Clinton", "attorneys for the family". The possessor is a mention in the phrase,
 * or for "his"/"her"/"their" the last fitting actor named before it.
 */
function relationalSpeaker(
  text: string,
  head: string,
  hs: number,
  lower: string[],
  inHead: ActorMention[],
  known: ReadonlyMap<string, Actor>,
  mentions: readonly ActorMention[],
): { name: string; type: Actor['type'] } | null {
  // "X's [modifiers] lawyer" / "his campaign manager"
  const poss = /^(.+?)[’']s?\s+((?:[\w-]+\s+){0,2}?)([\w-]+(?:\s+(?:manager|director|secretary|of staff))?)$/.exec(head) ?? /^(his|her|their|its)\s+((?:[\w-]+\s+){0,2}?)([\w-]+(?:\s+(?:manager|director|secretary|of staff))?)$/i.exec(head);
  let relHead: string | undefined;
  let owner: Actor | undefined;
  let ownerText = '';
  if (poss) {
    relHead = poss[3]!.toLowerCase();
    if (!RELATIONAL_HEADS.has(relHead) && !BODY_HEAD_KINDS.has(relHead)) return null;
    const possessor = poss[1]!;
    if (/^(?:his|her|their|its)$/i.test(possessor)) owner = lastFitting(possessor.toLowerCase(), hs, known, mentions, text);
    else {
      const m = inHead.find((x) => x.start < hs + possessor.length + 1);
      owner = m ? known.get(m.actorId) : undefined;
      ownerText = possessor.replace(/^the\s+/i, '');
    }
    const label = `${poss[2] ?? ''}${poss[3]}`.trim();
    if (owner) return { name: relHead === 'campaign' || relHead === 'office' || relHead === 'team' || relHead === 'staff' ? `${owner.name} ${label}` : `${owner.name}'s ${label}`, type: relType(relHead) };
    if (ownerText && /^[A-Z]/.test(ownerText)) return { name: `${ownerText}'s ${label}`, type: relType(relHead) };
    return null;
  }
  // "[a|the|two] [modifiers] spokeswoman for X", "attorneys for the family", "a lawyer representing X"
  const forIdx = lower.findIndex((w, i) => i > 0 && /^(?:for|to|of|representing|with|close)$/.test(w));
  if (forIdx > 0) {
    relHead = lower[forIdx - 1]!;
    if (!RELATIONAL_HEADS.has(relHead) && !SOURCE_HEADS.has(relHead)) return null;
    const ownerStart = hs + head.split(/\s+/).slice(0, forIdx + 1).join(' ').length + 1;
    const m = inHead.find((x) => x.start >= ownerStart);
    owner = m ? known.get(m.actorId) : undefined;
    const label = head.split(/\s+/).slice(0, forIdx).join(' ').replace(/^(?:the|a|an|one)\s+/i, '');
    if (owner && (RELATIONAL_HEADS.has(relHead) || owner.type !== 'person')) return { name: `${label} for ${owner.name}`, type: relType(relHead) };
    if (RELATIONAL_HEADS.has(relHead)) return { name: head.replace(/^(?:the|a|an|one)\s+/i, ''), type: relType(relHead) };
  }
  return null;
}

const relType = (h: string): Actor['type'] => (BODY_HEAD_KINDS.has(h) || /^(?:office|team|staff|campaign)$/.test(h) ? 'organization' : /s$/.test(h) && h !== 'counsel' ? 'group' : 'anonymous');

/** "his" → the last man named before (by first-name gender when known), "their"/"its" → the last body. */
function lastFitting(pronoun: string, at: number, known: ReadonlyMap<string, Actor>, mentions: readonly ActorMention[], _text: string): Actor | undefined {
  const want = pronoun === 'his' ? 'male' : pronoun === 'her' ? 'female' : undefined;
  for (let i = firstStartingAt(mentions, at) - 1; i >= 0 && at - mentions[i]!.start < 1500; i--) {
    const a = known.get(mentions[i]!.actorId);
    if (!a) continue;
    if (pronoun === 'its' || pronoun === 'their') {
      if (a.type !== 'person') return a;
      continue;
    }
    if (a.type !== 'person') continue;
    const g = firstNameGender(a.name.split(/\s+/)[0] ?? '');
    if (!want || !g || g === 'unknown' || g === want) return a;
  }
  return undefined;
}
