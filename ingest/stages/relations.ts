/**
 * Relations stage: dated actor-to-actor relations read off sentences that mention two actors.
 *
 *   "X and Y concluded talks", "X negotiates with Y"        → negotiates_with
 *   "X pressed/urged/called on Y", "Y is under pressure from X" → pressures
 *   "X launched attacks against Y", "X targeted Y"          → attacks
 *   "X backed Y", "X-backed Y"                               → supports
 *   "X accused/denounced/condemned Y"                        → opposes
 *   "X, a member/leader of Y", "Y leader X"                  → member_of
 *   "Iraqi Prime Minister X", "X, the US ambassador to Iraq" → holds_office (title at the date)
 *   "X told Y"                                               → addresses
 *
 * The date is that of the statement whose attribution governs the relation, else the nearest
 * time expression of the sentence, else the publication date.
 */
import type { ActorMention, DateValue, Doc, RelationDraft, Sentence, Span, Stage } from '../types.ts';
import type { RelationKind } from '../../cypher/schema.ts';
import { officeMatches as dictionaryOfficeMatches, type OfficeMatch } from '../dictionary.ts';
import { normalise } from '../positions/lexicon.ts';
import { mentionsBySentence, nearestTimeInSentence } from '../positions/by-sentence.ts';

type OfficeFinder = (text: string, date: string) => (Pick<OfficeMatch, 'start' | 'end' | 'text' | 'office' | 'modifier'> & { holder?: { id: string } })[];

/** Words allowed between a verb and its object mention ("urged the Iraqi government"). */
const DET = String.raw`(?:(?:the|its|their|his|her|a)\s+)?`;

interface VerbPattern {
  kind: RelationKind;
  /** matches the text between subject and object, anchored at the object (ends with `$`) */
  active: RegExp;
}

/** "SUBJECT … verb OBJECT": the verb phrase must end right before the object mention. */
const ACTIVE: VerbPattern[] = [
  {
    kind: 'negotiates_with',
    active: new RegExp(
      String.raw`\b(?:negotiat\w*|(?:held|holds?|holding|concluded|conclude|began|begin|resumed|resume|opened|open|intensified)\s+(?:\w+\s+){0,2}?(?:talks|negotiations|dialogue)|talks|dialogue|negotiations|met|meeting|agreed|agreement)\s+with\s+${DET}$`,
    ),
  },
  {
    kind: 'pressures',
    active: new RegExp(
      String.raw`\b(?:press(?:ed|ing|es)?|pressur(?:ed|ing|es|e)|urg(?:ed|ing|es|e)|call(?:ed|ing|s)?\s+on|push(?:ed|ing|es)?|(?:(?:intensified|increased|put|putting|stepped up|mounting)\s+)?(?:the\s+)?pressure\s+on)\s+${DET}$`,
    ),
  },
  {
    kind: 'attacks',
    active: new RegExp(
      String.raw`\b(?:(?:launch\w*|carried out|carry out|conduct\w*|mount\w*)\s+(?:[\w,-]+\s+){0,5}?(?:attacks?|strikes?|airstrikes?|raids?)\s+(?:against|on)|attack(?:ed|ing|s)?|struck|strik(?:es|ing)|target(?:ed|ing|s)?|bomb(?:ed|ing|s)?|shell(?:ed|ing|s)?)\s+${DET}$`,
    ),
  },
  {
    kind: 'supports',
    active: new RegExp(
      String.raw`\b(?:back(?:ed|s|ing)|support(?:ed|s|ing)?|arm(?:ed|s|ing)|fund(?:ed|s|ing)|provided\s+(?:\w+\s+)?(?:funds|support|aid|weapons|arms|assistance)\s+to)\s+${DET}$`,
    ),
  },
  {
    kind: 'opposes',
    active: new RegExp(
      String.raw`\b(?:accus(?:ed|es|ing|e)|denounc(?:ed|es|ing|e)|condemn(?:ed|s|ing)?|criticis(?:ed|es|ing|e)|criticiz(?:ed|es|ing|e)|blam(?:ed|es|ing|e)|oppos(?:ed|es|ing))\s+${DET}$`,
    ),
  },
  { kind: 'addresses', active: new RegExp(String.raw`\b(?:told|tells|spoke\s+(?:to|with)|wrote\s+to|addressed|sent\s+(?:a\s+)?(?:letter|message)\s+to)\s+${DET}$`) },
];

/** "OBJECT is under pressure from SUBJECT", "pressed by SUBJECT": the relation runs backwards. */
const PASSIVE: VerbPattern[] = [
  { kind: 'pressures', active: new RegExp(String.raw`\b(?:under\s+(?:\w+\s+)?pressure\s+from|(?:pressed|pressured|urged)\s+by)\s+${DET}$`) },
  { kind: 'attacks', active: new RegExp(String.raw`\b(?:attacked|targeted|struck|bombed)\s+by\s+${DET}$`) },
  { kind: 'supports', active: new RegExp(String.raw`\b(?:backed|supported|funded|armed)\s+by\s+${DET}$`) },
];

/** A subject right before a preposition is the object of something else. */
const PREPOSITION_BEFORE = /\b(?:with|against|on|from|for|by|into|inside|in|at|of|over|between|among|than)\s+(?:the\s+)?$/;

/** How many words a subject may stand before the verb phrase. */
const SUBJECT_WINDOW = 20;

/** Role nouns of an appositive ("X, a member of Y", "X, the director of … at Y"). */
const ROLE = /\b(?:member|leader|head|chief|spokes(?:man|woman|person)|official|director|commander|founder|chairman|chair|president|secretary|minister|ambassador|adviser|advisor|analyst|fellow|researcher|envoy|representative|figure|lawmaker|senator|general)s?\b/;

const wordCount = (s: string) => s.match(/[\w'-]+/g)?.length ?? 0;

function dateFor(doc: Doc, sentence: Span, at: number): DateValue {
  const st = doc.statements.find((s) => s.attribution.start <= at && at <= s.attribution.end && s.date);
  if (st?.date) return st.date;
  return nearestTimeInSentence(doc, sentence, at);
}

export function makeRelationsStage(opts: { officeMatches?: OfficeFinder } = {}): Stage {
  const offices: OfficeFinder = opts.officeMatches ?? safeDictionaryOffices;
  return (doc) => {
    const text = doc.input.text;
    const norm = normalise(text);
    const out: RelationDraft[] = [];
    const seen = new Set<string>();
    const add = (sentence: Sentence, kind: RelationKind, from: string, to: string, at: number, title: string | null = null, date?: DateValue) => {
      if (from === to) return;
      const key = `${kind}|${from}|${to}|${title ?? ''}|${sentence.start}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({
        kind,
        from,
        to,
        title,
        date: date ?? dateFor(doc, sentence, at),
        evidence: text.slice(sentence.start, sentence.end).trim(),
        start: sentence.start,
        end: sentence.end,
      });
    };
    const typeOf = (id: string) => doc.actors.get(id)?.type;

    const bySentence = mentionsBySentence(doc.sentences, doc.mentions);
    // office titles are found once over the whole text, then handed to their sentences
    const allOffices = offices(text, doc.publication.from);
    for (const [si, sentence] of doc.sentences.entries()) {
      const ms = [...(bySentence[si] ?? [])].sort((a, b) => a.start - b.start);
      const sentenceOffices = allOffices
        .filter((o) => o.start >= sentence.start && o.end <= sentence.end)
        .map((o) => ({ ...o, start: o.start - sentence.start, end: o.end - sentence.start }));

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
        if (!person) continue;
        // a bare title ("Prime Minister X") does not say whose: only its holder at the date counts
        const bare = o.office.bareTitles.some((t) => normalise(t) === normalise(o.text).replace(/^the\s+/, ''));
        if (bare && o.holder?.id !== person.actorId) continue;
        // the title as the article gives it, at its date (tenures are the dictionary's business)
        add(sentence, 'holds_office', person.actorId, o.office.of, start, o.office.title, doc.publication);
      }

      if (ms.length < 2) continue;
      for (let j = 0; j < ms.length; j++) {
        const obj = ms[j]!;
        // verb patterns: the text before the object ends with the verb phrase
        // the verb phrase sits just before its object: the end-anchored patterns only need a short window
        const windowStart = Math.max(sentence.start, obj.start - 120);
        const upTo = norm.slice(windowStart, obj.start);
        for (const [patterns, backwards] of [
          [ACTIVE, false],
          [PASSIVE, true],
        ] as const) {
          for (const p of patterns) {
            const m = p.active.exec(upTo);
            if (!m) continue;
            const verbAt = windowStart + m.index;
            const subj = subjectBefore(norm, ms, j, verbAt, sentence.start);
            if (!subj) continue;
            const head = headOf(norm, ms, j);
            for (const s of coordinated(norm, ms, subj)) {
              if (backwards) add(sentence, p.kind, head.actorId, s.actorId, verbAt);
              else add(sentence, p.kind, s.actorId, head.actorId, verbAt);
            }
          }
        }
        if (j === 0) continue;
        const prev = ms[j - 1]!;
        const mid = norm.slice(prev.end, obj.start);
        // "X-backed Y"
        if (/^-backed\s+(?:[\w-]+\s+){0,2}$/.test(mid) || /^-backed$/.test(mid)) add(sentence, 'supports', prev.actorId, obj.actorId, prev.start);
        // "X and Y concluded talks / agreed / are negotiating …"
        if (/^\s*and\s+$/.test(mid)) {
          const after = norm.slice(obj.end, sentence.end);
          if (/^\s*(?:[\w-]+\s+){0,5}?(?:concluded|agreed|negotiat\w*|held\s+talks|(?:begin|began|start|started|resume|resumed|hold|intensified)\s+(?:\w+\s+){0,2}?talks)\b/.test(after)) {
            add(sentence, 'negotiates_with', prev.actorId, obj.actorId, obj.end);
          }
          if (/(?:talks|negotiations|dialogue)\s+between\s+(?:the\s+)?$/.test(norm.slice(sentence.start, prev.start))) {
            add(sentence, 'negotiates_with', prev.actorId, obj.actorId, prev.start);
          }
        }
        // "X, a member of Y", "X, the director of … at Y"
        const appositive = /^\s*,\s*(?:who\s+is\s+(?:now\s+)?)?(?:a|an|the)?\s*([^,;]{0,100}?)\s+(?:of|at|for|with|from|in)\s+(?:the\s+)?$/.exec(mid);
        const role = appositive?.[1] ?? '';
        if (appositive && ROLE.test(role) && !/\bformer\b|\bex-/.test(role) && typeOf(prev.actorId) === 'person') {
          const to = typeOf(obj.actorId);
          if (to === 'organization' || to === 'group') add(sentence, 'member_of', prev.actorId, obj.actorId, prev.start);
        }
        // "Iraqiya leader Ayad Allawi", "the Sunni-based Iraqiya bloc's spokesman X"
        const prefixed = /^(?:'s)?\s+(?:[\w-]+\s+)?(leader|member|spokes(?:man|woman|person)|official|commander|chief|head|figure|lawmaker)\s+$/.exec(mid);
        if (prefixed && typeOf(obj.actorId) === 'person') {
          const to = typeOf(prev.actorId);
          if (to === 'organization' || to === 'group') add(sentence, 'member_of', obj.actorId, prev.actorId, prev.start);
        }
      }
    }
    // who speaks about whom: the actors named inside a statement, linked from its speaker
    const aboutSeen = new Set<string>();
    for (const st of doc.statements) {
      for (const m of doc.mentions) {
        if (m.start < st.start || m.end > st.end || m.actorId === st.speakerId) continue;
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
    return { ...doc, relations: [...doc.relations, ...out] };
  };
}

/**
 * The subject of a verb phrase at `verbAt`: the nearest mention before it, in the same sentence,
 * not itself a modifier ("Iran-backed") or the object of a preposition, with no other mention
 * between it and the verb, at most SUBJECT_WINDOW words away.
 */
function subjectBefore(norm: string, ms: ActorMention[], objIndex: number, verbAt: number, sentenceStart: number): ActorMention | null {
  for (let i = objIndex - 1; i >= 0; i--) {
    const m = ms[i]!;
    if (m.end > verbAt) continue;
    const between = norm.slice(m.end, verbAt);
    if (wordCount(between) > SUBJECT_WINDOW) return null;
    // a pronoun in between is the verb's own subject ("… to Jordan, then it targeted …")
    if (/\b(?:he|she|it|they|we|i)\b/.test(between)) return null;
    // a modifier ("U.S.-linked", "Iran-backed"): look further back
    if (norm[m.end] === '-') continue;
    if (PREPOSITION_BEFORE.test(norm.slice(Math.max(sentenceStart, m.start - 30), m.start))) continue;
    // the object of an earlier verb ("… told Y that …") still counts as the subject of a clause
    return m;
  }
  return null;
}

/** The head of a run of adjacent mentions ("Iraqi Prime Minister Nouri al-Maliki"): the last one. */
function headOf(norm: string, ms: ActorMention[], j: number): ActorMention {
  let k = j;
  while (k + 1 < ms.length && /^\s*$/.test(norm.slice(ms[k]!.end, ms[k + 1]!.start))) k++;
  return ms[k]!;
}

/** A subject with the ones coordinated before it ("Turkey and Saudi Arabia provided …"). */
function coordinated(norm: string, ms: ActorMention[], subj: ActorMention): ActorMention[] {
  const out = [subj];
  let k = ms.indexOf(subj);
  while (k > 0 && /^\s*(?:,|and|,\s*and)\s*$/.test(norm.slice(ms[k - 1]!.end, ms[k]!.start))) {
    k--;
    out.push(ms[k]!);
  }
  return out;
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
