/**
 * Stage 2, actors: every actor mention in the article, from
 *   1. the curated dictionary (canonical names, aliases, demonyms, capital metonyms),
 *   2. office titles resolved to their holder at the publication date ("Iraq's foreign minister"),
 *   3. rule-based NER for names no dictionary knows (people after titles, known first names,
 *      appositives; organisations by their head word: "… Institute", "Centre for …"),
 *   4. short forms of names seen in full earlier ("Randa Slim" … "Slim").
 * Anonymous sources and documents become actors only when they speak (statements stage).
 */
import { allActors, longestAliasMatches, officeMatches, type DictActor } from '../dictionary.ts';
import { FIRST_TOKEN_STOP, isTitleToken, SENTENCE_STARTERS } from '../text/names.ts';
import { firstNameGender, ORG_HEADS, SPEECH_VERBS } from '../text/lexicon.ts';
import { editDistance, kebab, surnameKey } from '../text/normalize.ts';
import type { Actor, ActorMention, Doc } from '../types.ts';

const NAME_TOKEN = String.raw`(?:(?:al|el|Al|El|bin|ibn|Abu|abu|Ibn|Bin)-)?[A-Z][a-z]+(?:[-'’][A-Za-z]+)*\.?|[A-Z]\.|[A-Z]{2,5}`;
const CONNECTOR = String.raw`(?:al|el|bin|ibn|abu|de|van|von|da|di|of|for|and|on|the|&)`;
// names never run across a line break (a byline is followed by a blank line and the body)
const CANDIDATE = new RegExp(String.raw`(?<![\w’'-])(?:${NAME_TOKEN})(?:[^\S\n]+(?:${CONNECTOR}[^\S\n]+)*(?:${NAME_TOKEN}))*`, 'g');

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

/** Decides whether a capitalised candidate is a person or an organisation, and trims titles. */
function classifyCandidate(text: string, toks: Tok[]): { kind: 'person' | 'organization'; toks: Tok[]; titled: boolean; title: string } | null {
  // organisations: a head word ("Institute", "Centre") anywhere, with connectors inside
  const heads = toks.filter((t) => ORG_HEADS.has(t.text.toLowerCase().replace(/[.,]$/, '')));
  if (heads.length && toks.length >= 2) {
    let i = 0;
    while (i < toks.length && (SENTENCE_STARTERS.has(toks[i]!.text) || isConnector(toks[i]!.text))) i++;
    let j = toks.length;
    while (j > i && isConnector(toks[j - 1]!.text)) j--;
    const kept = toks.slice(i, j);
    if (kept.length >= 2 && kept.some((t) => ORG_HEADS.has(t.text.toLowerCase()))) return { kind: 'organization', toks: kept, titled: false, title: '' };
  }
  // people: strip leading titles and sentence-starters; connectors only inside names ("bin", "al")
  let i = 0;
  const titleToks: string[] = [];
  while (i < toks.length) {
    const t = toks[i]!.text;
    if (isTitleToken(t)) titleToks.push(t);
    else if (!(FIRST_TOKEN_STOP.has(t) || /^(of|for|and|on|the|&)$/.test(t))) break;
    i++;
  }
  let kept = toks.slice(i);
  const cut = kept.findIndex((t) => /^(of|for|and|on|the|&)$/.test(t.text) || FIRST_TOKEN_STOP.has(t.text) || isTitleToken(t.text));
  if (cut >= 0) kept = kept.slice(0, cut);
  if (!kept.length || kept.length > 4) return null;
  if (kept.some((t) => /^[A-Z]{2,}$/.test(t.text))) return null; // acronyms are not names
  const titled = titleToks.length > 0;
  const first = kept[0]!.text.replace(/\.$/, '');
  const knownFirst = firstNameGender(first) !== undefined;
  const after = text.slice(kept[kept.length - 1]!.end, kept[kept.length - 1]!.end + 40);
  const before = text.slice(Math.max(0, kept[0]!.start - 4), kept[0]!.start);
  const speechAfter = /^,?\s+([a-z]+)/.exec(after);
  const cueAfter = !!speechAfter && SPEECH_VERBS.has(speechAfter[1]!);
  const appositive = /^,\s+(a|an|the|who|director|head|chief|former|senior|analyst|professor|spokes\w+)\b/.test(after);
  // a short line that is just a name (a byline or credit: "By Jane Doe," / "Jane Doe Reuters")
  const lineStart = text.lastIndexOf('\n', kept[0]!.start) + 1;
  const lineEndRaw = text.indexOf('\n', kept[0]!.start);
  const line = text.slice(lineStart, lineEndRaw < 0 ? text.length : lineEndRaw);
  const byline = /\bBy\s+$/.test(before) || (line.length <= 50 && kept[0]!.start - lineStart <= 3 && !/[.!?]$/.test(line.trim()));
  if (kept.length === 1) return titled && /^[A-Z][a-z]+/.test(first) ? { kind: 'person', toks: kept, titled, title: titleToks.join(' ') } : null;
  if (knownFirst || titled || cueAfter || appositive || (byline && kept.length <= 3)) return { kind: 'person', toks: kept, titled, title: titleToks.join(' ') };
  return null;
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

  // 3. NER for the rest
  const people: Actor[] = [];
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
        if (classifyCandidate(text, left)?.kind === 'person' && classifyCandidate(text, right)?.kind === 'person') {
          parts.push([from, at]);
          from = at + a[0].length;
        }
      }
      parts.push([from, e0]);
    }
    for (const [s, e] of parts) {
      const toks = tokensOf(text, s, e).map((t) => ({ ...t, text: t.text.replace(/[,;:]$/, '') }));
      if (!toks.length) continue;
      const c = classifyCandidate(text, toks);
      if (!c) continue;
      const ms = c.toks[0]!.start;
      const me = c.toks[c.toks.length - 1]!.start + c.toks[c.toks.length - 1]!.text.length;
      const surface = text.slice(ms, me);
      let actor: Actor | undefined;
      if (c.kind === 'person') {
        // a title before the name: resolve to the office holder when the names are close ("Jim Mats" → Jim Mattis)
        const office = offices.find((o) => o.end <= ms && ms - o.end <= 3 && o.holder);
        if (office?.holder && namesClose(surface, office.holder.name)) actor = fromDict(office.holder);
        actor ??= nearDictionaryPerson(surface);
      }
      actor ??= {
        id: kebab(surface),
        name: surface,
        type: c.kind,
        aliases: [surface],
        description: c.title ? c.title : null,
        affiliation: null,
        local: false,
      };
      if (actor.type === 'person' && !actor.local) people.push(actor);
      add({ start: ms, end: me, text: surface, actorId: actor.id, via: actor.id === kebab(surface) ? 'ner' : 'office' }, actor);
    }
  }

  // 4. short forms ("Slim" after "Randa Slim") of people found by NER
  const bySurname = new Map<string, Actor>();
  for (const p of people) {
    const last = p.name.split(/\s+/).pop()!;
    if (last.length >= 3 && !bySurname.has(last)) bySurname.set(last, p);
  }
  if (bySurname.size) {
    const re = new RegExp(String.raw`(?<![\w’'-])(${[...bySurname.keys()].map(escapeRe).join('|')})(?![\w-])`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (overlaps(m.index, m.index + m[0].length)) continue;
      const a = bySurname.get(m[1]!)!;
      add({ start: m.index, end: m.index + m[0].length, text: m[0], actorId: a.id, via: 'ner' }, a);
    }
  }

  mentions.sort((a, b) => a.start - b.start);
  describeFromAppositives(text, mentions, actorsById);
  // every surface form becomes an alias of its actor (for search and for predictions' mentions)
  for (const m of mentions) {
    const a = actorsById.get(m.actorId)!;
    if (!a.aliases.includes(m.text)) a.aliases = [...a.aliases, m.text];
  }
  return { ...doc, actors: actorsById, mentions };
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
    return sa.length >= 4 && editDistance(sa, sb) <= (sa.length >= 6 ? 2 : 1);
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
