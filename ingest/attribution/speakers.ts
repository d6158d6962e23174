/**
 * Speaker resolution: the phrase a frame names as its speaker → an actor. Strategies run in order and
 * the first that returns an actor wins:
 *   pronoun       he/she/they/it/we by recency (the last speaker, then the subjects of the sentences before) and gender
 *   document      "the joint statement", "a resolution": a document actor of its own, named by its first, fuller mention
 *   anonymous     "a senior US official", "the two officials", "nearly 8 in 10 voters", "police": a local anonymous source
 *   possessive    "Abadi's office", "the minister's spokesman": the body speaks, not its possessor
 *   mention       a named mention inside the phrase (person first, else the one holding the head word)
 *   nominal       "the prime minister", "the Indiana governor": a recent antecedent whose name/title fits, else the office holder
 *   name          an unknown capitalised name: a local person
 *   body          "some elements within the government": a local group
 *   unresolved    anything else: a local actor named by the phrase itself (never drop a statement)
 */
import { resolveOffice } from '../dictionary.ts';
import { fromDict, speakerForPhrase } from '../stages/actors.ts';
import { sentenceAt } from '../stages/segment.ts';
import { ANON_HEADS, ANON_MODIFIERS, BODY_HEADS, firstNameGender } from '../text/lexicon.ts';
import { findQuotes, type QuoteSpan } from '../text/quotes.ts';
import { ROLE_GROUPS, SOURCE_HEADS } from '../text/names.ts';
import { spansWithin } from '../text/sorted.ts';
import { kebab } from '../text/normalize.ts';
import type { Actor, ActorMention, Doc, Span, StatementDraft } from '../types.ts';
import type { Frame } from './types.ts';

const PRONOUNS = /^(he|she|they|it|we|i)$/i;
/** speakerForPhrase rules whose answer does not depend on what the article said before */
const PHRASE_DECIDES = new Set(['mention', 'collective', 'name']);
const DETERMINERS = new Set(['a', 'an', 'the', 'one', 'two', 'three', 'four', 'five', 'several', 'some', 'many', 'other', 'both', 'these', 'those', 'another', 'few', 'most']);

/** Mentions lying inside [start, end) (articles can be long: a binary search, then a walk). */
export const mentionsIn = (mentions: readonly ActorMention[], start: number, end: number): ActorMention[] => spansWithin(mentions, start, end);
export const spanUnion = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });

/** A speaker phrase that is only a time expression ("Thursday", "a week", "this month"). */
const TIME_SPEAKER = /^(?:(?:a|an|the|this|last|next|that|one|later|earlier)\s+)*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|january|february|march|april|june|july|august|september|october|november|december|week|month|year|weekend|morning|afternoon|evening|night)s?(?:\s+(?:later|earlier|ago))?$/i;

/** How far back (characters) "the official", "the newspaper" look for their antecedent. */
const NOMINAL_LOOKBACK = 6000;

const TITLE_ABBREVIATIONS: Record<string, string> = { gen: 'general', lt: 'lieutenant', brig: 'brigadier', maj: 'major', adm: 'admiral', col: 'colonel', sen: 'senator', rep: 'representative', amb: 'ambassador', gov: 'governor', sgt: 'sergeant', capt: 'captain', pres: 'president' };
/** "Gen. Joseph Votel" is "the general" later on. */
function expandTitles(s: string): string {
  return s.replace(/\b(Gen|Lt|Brig|Maj|Adm|Col|Sen|Rep|Amb|Gov|Sgt|Capt|Pres)\./gi, (_, t: string) => TITLE_ABBREVIATIONS[t.toLowerCase()]!);
}

/** Words that end a title run: a title is never a determiner, preposition, pronoun, conjunction or reporting verb. */
const TITLE_RUN_STOP = /^(?:the|a|an|at|to|in|on|with|by|from|for|and|or|but|nor|that|this|these|those|their|his|her|its|our|my|your|as|than|about|against|when|while|after|before|is|was|are|were|has|had|have|be|been|who|whom|which|said|says|told|asked|called|met|like|including|without|between|over|under|into|then|also|if|whether|because|not)$/i;

/**
 * The title written right before a name ("Pentagon press secretary" before "John Kirby", "former
 * Ohio Gov." before a governor's name): the adjacent words up to punctuation or a function word.
 * Words further back are the sentence, not a title ("their Friday editorial at Clinton" gives none).
 */
export function titleRunBefore(text: string, at: number): string {
  const window = text.slice(Math.max(0, at - 60), at);
  const words = window.split(/(\s+)/);
  const out: string[] = [];
  for (let i = words.length - 1; i >= 0 && out.length < 5; i--) {
    const w = words[i]!;
    if (!w) continue;
    if (/^\s+$/.test(w)) {
      if (/\n/.test(w)) break;
      continue;
    }
    if (!/^[A-Za-z][A-Za-z.’'-]*$/.test(w) || TITLE_RUN_STOP.test(w)) break;
    out.unshift(w);
  }
  // the window's first word may be cut off
  if (out.length && at > 60 && /\S/.test(text[at - 61] ?? ' ') && window.startsWith(out[0]!)) out.shift();
  return out.join(' ');
}

/** Does `hay` hold `words` as whole words ("hill" is not in "hillary")? */
const hasWords = (hay: string, words: string): boolean => {
  let i = hay.indexOf(words);
  while (i >= 0) {
    if (!/[a-z0-9]/.test(hay[i - 1] ?? ' ') && !/[a-z0-9]/.test(hay[i + words.length] ?? ' ')) return true;
    i = hay.indexOf(words, i + 1);
  }
  return false;
};

// ---------------------------------------------------------------------------------------------
// speaker resolution

/** The one actor per article that holds statements whose speaker no strategy resolved. */
export const UNRESOLVED_SPEAKER_ID = 'unresolved-speaker';

export class Resolver {
  readonly created: Actor[] = [];
  readonly newMentions: ActorMention[] = [];
  constructor(
    readonly doc: Doc,
    readonly actors: Map<string, Actor>,
    readonly statements: StatementDraft[],
  ) {}

  /** Mentions this stage adds, kept sorted by start so look-ups are binary searches (long articles). */
  private addMention(m: ActorMention): void {
    const list = this.newMentions;
    let i = list.length;
    while (i > 0 && list[i - 1]!.start > m.start) i--;
    list.splice(i, 0, m);
  }

  private get(id: string): Actor | undefined {
    // every created actor is also in `actors` (see `local`)
    return this.actors.get(id);
  }

  private local(name: string, type: Actor['type'], span: Span, idHint?: string): Actor {
    const id = idHint ?? kebab(name.replace(/^(the|a|an)\s+/i, ''));
    let a = this.get(id);
    if (!a) {
      a = { id, name: name.replace(/^(?:the|a|an)\s+/i, ''), type, aliases: [name], description: null, affiliation: null, local: true };
      this.created.push(a);
      this.actors.set(id, a);
    } else if (!a.aliases.includes(name)) a.aliases.push(name);
    this.addMention({ start: span.start, end: span.end, text: name, actorId: id, via: type === 'anonymous' ? 'anonymous' : 'nominal' });
    return a;
  }

  /** The frame's speaker; every frame gets one (see `unresolved`). */
  resolveFrame(f: Frame): Actor {
    if (f.speakerId) {
      const known = this.get(f.speakerId);
      if (known) return known;
    }
    // "Priebus later Thursday told", "a report published Wednesday said": a time word is never the speaker;
    // the words before it in the clause hold who spoke
    if (TIME_SPEAKER.test(this.doc.input.text.slice(f.speakerSpan.start, f.speakerSpan.end).trim())) f.speakerSpan = this.widenLeft(f.speakerSpan);
    // The actors stage's phrase reader decides first where the phrase itself names the speaker (a
    // mention, a relational or collective source, a new name). Descriptions that refer back ("the
    // group", "the statement", "the two officials") go to the strategies below, which know the
    // article's earlier speakers; the phrase reading is their fallback.
    const viaPhrase = speakerForPhrase(this.doc.input.text, f.speakerSpan, this.actors, this.doc.mentions, { date: this.doc.publication.from });
    const decisive = viaPhrase && PHRASE_DECIDES.has(viaPhrase.rule);
    const a = (decisive ? this.adopt(viaPhrase) : null) ?? this.resolve(f.speakerSpan) ?? (viaPhrase ? this.adopt(viaPhrase) : this.unresolved(f.speakerSpan));
    f.speakerId = a.id;
    return a;
  }

  /** The span grown leftwards over the words of its clause (up to punctuation, a line break or 8 words). */
  private widenLeft(span: Span): Span {
    const text = this.doc.input.text;
    const sentence = this.doc.sentences[sentenceAt(this.doc.sentences, span.start)];
    const from = Math.max(sentence?.start ?? 0, span.start - 80);
    const m = /(?:[^\s,.;:()“”"—–]+[^\S\n]+){1,8}$/.exec(text.slice(from, span.start));
    return m ? { start: span.start - m[0].length, end: span.end } : span;
  }

  /** Takes a phrase reading of the actors stage: its new local actor and the phrase's mention. */
  private adopt(r: NonNullable<ReturnType<typeof speakerForPhrase>>): Actor {
    if (r.created && !this.actors.has(r.actor.id)) {
      this.created.push(r.actor);
      this.actors.set(r.actor.id, r.actor);
    }
    this.addMention(r.mention);
    return this.actors.get(r.actor.id) ?? r.actor;
  }

  resolve(span: Span): Actor | null {
    const text = this.doc.input.text;
    let raw = text.slice(span.start, span.end).trim();
    raw = raw.replace(/^(?:and|but|while|as|then|so|despite|after|before|with|without|under|following|amid|since|unlike|like|by|for|from|in|on|at)\s+/i, '').replace(/[’']s$/, '');
    // cut relative clauses and trailing prepositional phrases that are not part of the head
    const headPart = raw.replace(/,.*$/, '').replace(/\s+(?:who|which|that|in an interview|in a statement)\b.*$/, '').trim();
    if (!headPart) return null;
    const words = headPart.split(/\s+/);
    const lower = words.map((w) => w.toLowerCase().replace(/[^a-z.-]/g, ''));

    if (PRONOUNS.test(headPart)) return this.pronoun(headPart.toLowerCase(), span.start);

    // documents: "the joint statement", "the document", "the communique"
    if (/^(?:the|a|an|its|their)?\s*(?:joint\s+)?(?:[\w.-]+\s+)?(?:statement|document|communiqu[eé]|memo|memorandum|readout|declaration|letter|resolution|decree|order|report)$/i.test(headPart)) {
      const existing = [...this.actors.values()].filter((a) => a.local && /statement|document|communiqu|memo|readout|declaration|letter|resolution|decree|order|report/i.test(a.name));
      if (/^(?:the|its|their)\b/i.test(headPart) && existing.length) {
        const a = existing[existing.length - 1]!;
        this.addMention({ start: span.start, end: span.end, text: headPart, actorId: a.id, via: 'nominal' });
        return a;
      }
      // "the statement" after "issued a joint statement": name the document by its first, fuller mention
      const kind = /(statement|document|communiqu[eé]|memo|memorandum|readout|declaration|letter|resolution|decree|order|report)$/i.exec(headPart)![1]!;
      const earlier = [...text.slice(Math.max(0, span.start - 2000), span.start).matchAll(new RegExp(String.raw`\b(?:a|an|the)\s+((?:[\w.-]+\s+){1,2}${kind})\b`, 'gi'))].pop();
      const name = /^(?:the|its|their)\b/i.test(headPart) && earlier && !/^(?:the|this|that)\b/i.test(earlier[1]!) ? earlier[1]! : headPart;
      const a = this.local(name, 'organization', span);
      if (name !== headPart && !a.aliases.includes(headPart)) a.aliases.push(headPart);
      return a;
    }

    const mentions = mentionsIn(this.doc.mentions, span.start, span.end);
    const headWord = lower[words.length - 1] ?? '';
    const det = DETERMINERS.has(lower[0] ?? '');

    // anonymous sources: "a senior US official", "US officials", "the two officials", "Iraqi and Western officials"
    const prepIdx = lower.findIndex((w, i) => i > 0 && /^(for|of|at|in|with|from|to|on|close|familiar|representing|who|speaking|briefed)$/.test(w));
    const npHeadEnd = prepIdx > 0 ? prepIdx : words.length;
    const anonHeadIdx = ANON_HEADS.has(lower[npHeadEnd - 1] ?? '') ? npHeadEnd - 1 : -1;
    if (anonHeadIdx >= 0) {
      const mods = lower.slice(det ? 1 : 0, anonHeadIdx);
      const modsOk = mods.every((w) => ANON_MODIFIERS.has(w) || w === 'and' || /^\d+$/.test(w) || /^[a-z]+-?$/.test(w));
      const orgMention = mentions.find((m) => {
        const a = this.get(m.actorId);
        return a && (a.type === 'organization' || a.type === 'group') && m.end <= span.start + raw.indexOf(words[anonHeadIdx]!);
      });
      const head = lower[anonHeadIdx]!;
      const plural = /s$/.test(head) || head === 'people';
      if (orgMention && plural && /^(leaders|officials|members|spokesmen|representatives)$/.test(head)) {
        return this.get(orgMention.actorId)!; // "Iraqiya leaders", "Pentagon officials": the organisation speaks
      }
      const headAt = span.start + raw.indexOf(headPart) + headPart.split(/\s+/).slice(0, anonHeadIdx).join(' ').length;
      const personMention = mentions.find((m) => this.get(m.actorId)?.type === 'person' && m.start < headAt);
      if (!personMention && modsOk) {
        const definite = lower[0] === 'the' && mods.every((w) => /^\d+$/.test(w) || ['two', 'three', 'four', 'several', 'same'].includes(w));
        if (definite) {
          const prior = this.recentAnonymous(head, plural);
          if (prior) {
            this.addMention({ start: span.start, end: span.end, text: headPart, actorId: prior.id, via: 'nominal' });
            return prior;
          }
        }
        const trailing = raw.slice(headPart.length);
        const name = /^\s+for\s+/.test(trailing) ? raw : headPart;
        const idWords = lower.slice(det && !definite ? 1 : definite ? 1 : 0).filter((w) => !/^(two|three|four|several|some|many)$/.test(w));
        return this.local(name, 'anonymous', span, kebab(idWords.join(' ')) || undefined);
      }
    }

    // "the office of X", "a body representing the groups", "some elements within the Iraq government"
    if (/^(?:the\s+)?office of\b/i.test(raw)) return this.local(raw.replace(/^the\s+/i, ''), 'organization', span);
    // "Abadi's office", "the minister's spokesman": the body speaks, not its possessor
    const possessed = /^(.+?)[’']s\s+((?:[a-z-]+\s+){0,2}(office|spokes(?:man|woman|person)|ministry|government|cabinet|team|campaign|aides?|camp|party|bloc|movement|militia|forces))$/i.exec(headPart);
    if (possessed && mentions.some((m) => m.start < span.start + raw.indexOf(headPart) + possessed[1]!.length + 1)) {
      return this.local(headPart, ANON_HEADS.has(possessed[3]!.toLowerCase()) ? 'anonymous' : 'organization', span);
    }

    // named mentions: a person first, else the mention that holds the head word
    const person = mentions.find((m) => this.get(m.actorId)?.type === 'person');
    if (person) return this.get(person.actorId)!;
    const headEnd = span.start + raw.indexOf(headPart) + headPart.length;
    const headMention = mentions.find((m) => m.end >= headEnd - 1);
    if (headMention && !(det && lower[0] !== 'the' && words.length > 3)) return this.get(headMention.actorId)!;

    // nominals: "the prime minister", "the newspaper", "the minister"
    if (lower[0] === 'the' && words.length <= 4) {
      const nominal = this.nominal(lower.slice(1).join(' '), span);
      if (nominal) return nominal;
    }
    // an unknown capitalised name
    if (/^[A-Z][a-z]+(?:\s+(?:al-)?[A-Z][\w’'-]+){1,3}$/.test(headPart)) return this.local(headPart, 'person', span);
    // an indefinite body: "a body representing the groups", "some elements within the Iraq government"
    const bodyHead = lower[npHeadEnd - 1] ?? '';
    const possessor = /[’']s$/.test(words[0] ?? '') || mentions.some((m) => m.start === span.start + raw.indexOf(headPart));
    if ((det || possessor) && words.length >= 2 && raw.split(/\s+/).length <= 9 && BODY_HEADS.has(bodyHead)) {
      return this.local(raw, 'group', span);
    }
    if (headMention) return this.get(headMention.actorId)!;
    return null;
  }

  /**
   * A speaker no strategy resolved keeps its statement: a local actor named by the phrase itself
   * ("some advocates for stem cell research"), or one "unresolved speaker" of the article for a
   * pronoun with no antecedent.
   */
  unresolved(span: Span): Actor {
    const raw = this.doc.input.text.slice(span.start, span.end).trim().replace(/^(?:and|but)\s+/i, '').replace(/[’']s$/, '');
    const phrase = raw.replace(/,.*$/, '').trim();
    if (!phrase || PRONOUNS.test(phrase) || phrase.split(/\s+/).length > 12 || !/[A-Za-z]/.test(phrase)) return this.local('unresolved speaker', 'anonymous', span, UNRESOLVED_SPEAKER_ID);
    const plural = /s$/i.test(phrase.split(/\s+/).pop() ?? '');
    const type: Actor['type'] = /^[A-Z]/.test(phrase.replace(/^(?:the|a|an)\s+/i, '')) && !plural ? 'person' : plural ? 'group' : 'anonymous';
    return this.local(phrase, type, span);
  }

  private nominal(head: string, span: Span): Actor | null {
    const text = this.doc.input.text;
    // antecedents: the mentions of the last few thousand characters, nearest first
    const windowStart = Math.max(0, span.start - NOMINAL_LOOKBACK);
    const before = [...mentionsIn(this.doc.mentions, windowStart, span.start), ...mentionsIn(this.newMentions, windowStart, span.start)].sort((a, b) => b.start - a.start);
    const headWord = head.split(' ').pop()!;
    const personHead = [headWord, headWord.replace(/s$/, '')].some((w) => ROLE_GROUPS.has(w) || SOURCE_HEADS.has(w));
    // the voices of the last few statements are the most salient antecedents
    const recentSpeakers = this.statements.slice(-3).reverse().map((st) => ({ actorId: st.speakerId, start: st.start }));
    for (const m of [...recentSpeakers, ...before]) {
      const a = this.get(m.actorId);
      if (!a) continue;
      // the title written just before the name counts ("Pentagon press secretary John Kirby")
      const titleBefore = a.type === 'person' ? titleRunBefore(text, m.start) : '';
      const hay = expandTitles(`${a.name} ${a.description ?? ''} ${a.aliases.join(' ')} ${titleBefore}`).toLowerCase();
      // a person is described by a role ("the host", "the governor"), never by "the rally" or "the state"
      if (a.type === 'person' && !personHead) continue;
      const fits =
        hasWords(hay, head) ||
        (headWord.length > 4 && hasWords(hay, headWord)) ||
        // "the group", "the militia": an armed or political group, not any organisation mentioned last
        (/^(group|militia|faction|movement|outfit)$/.test(headWord) && a.type === 'group') ||
        (/^organi[sz]ation$/.test(headWord) && (a.type === 'group' || a.type === 'organization')) ||
        (/^(newspaper|paper|daily|outlet|broadcaster|network|agency)$/.test(headWord) && a.type === 'organization' && /news|press|times|post|today|journal|cnn|bbc|reuters|afp|associated|agency|newspaper/i.test(hay));
      if (fits) {
        // the description is a mention of its antecedent ("the host" is the host named before): the graph keeps it
        const phrase = text.slice(span.start, span.end).trim();
        if (/^\S+\s+\S/.test(phrase)) this.addMention({ start: span.start, end: span.end, text: phrase, actorId: a.id, via: 'nominal' });
        return a;
      }
    }
    const office = resolveOffice(head, this.doc.publication.from);
    if (office?.holder) {
      const a = this.get(office.holder.id) ?? fromDict(office.holder);
      if (!this.actors.has(a.id)) this.actors.set(a.id, a);
      this.addMention({ start: span.start, end: span.end, text: text.slice(span.start, span.end), actorId: a.id, via: 'office' });
      return a;
    }
    return null;
  }

  private recentAnonymous(head: string, plural: boolean): Actor | null {
    const stem = head.replace(/s$/, '');
    for (let i = this.statements.length - 1; i >= Math.max(0, this.statements.length - 50); i--) {
      const a = this.get(this.statements[i]!.speakerId);
      if (a?.type === 'anonymous' && a.name.toLowerCase().includes(stem) && /s$/.test(a.name.split(/\s+/).pop()!) === plural) return a;
    }
    const created = this.created.slice(-50).reverse().find((a) => a.type === 'anonymous' && a.name.toLowerCase().includes(stem));
    return created ?? null;
  }

  /** Quotations of each paragraph, found on first use (only pronoun resolution asks). */
  private readonly quotesOfParagraph = new Map<number, QuoteSpan[]>();
  private inQuotation(paragraph: number, at: number): boolean {
    let qs = this.quotesOfParagraph.get(paragraph);
    if (!qs) {
      const para = this.doc.paragraphs[paragraph];
      qs = para ? findQuotes(this.doc.input.text, para) : [];
      this.quotesOfParagraph.set(paragraph, qs);
    }
    return qs.some((q) => q.start <= at && at < q.end);
  }

  private pronoun(p: string, at: number): Actor | null {
    const sentences = this.doc.sentences;
    const si = sentenceAt(sentences, at);
    const para = sentences[si]?.paragraph ?? 0;
    const wantPlural = p === 'they' || p === 'we';
    const gender = p === 'he' ? 'male' : p === 'she' ? 'female' : undefined;
    const fits = (a: Actor | undefined): a is Actor => {
      if (!a) return false;
      if (wantPlural) return a.type !== 'person';
      if (p === 'it') return a.type === 'organization' || a.type === 'country' || a.type === 'group';
      if (a.type !== 'person') return false;
      const g = firstNameGender(a.name.split(/\s+/)[0] ?? '');
      return !gender || !g || g === 'unknown' || g === gender;
    };
    // the last speaker, if it spoke in this or the previous paragraph
    const last = this.statements[this.statements.length - 1];
    const lastPara = last ? sentences.find((s) => s.start <= last.start && last.start < s.end)?.paragraph ?? -9 : -9;
    // subjects (first actor mention) of this sentence and the ones before, nearest first
    for (let k = si; k >= 0 && k >= si - 3; k--) {
      const s = sentences[k]!;
      if (para - s.paragraph > 1) break;
      const upTo = k === si ? at : s.end;
      // a name inside a quotation is what the quoted voice talks about, not who "he" is ("“… Bush got fewer votes,” he points out")
      const inS = [...mentionsIn(this.doc.mentions, s.start, upTo), ...mentionsIn(this.newMentions, s.start, upTo)].filter((m) => !this.inQuotation(s.paragraph, m.start)).sort((a, b) => a.start - b.start);
      if (k === si && last && lastPara >= para - 1 && fits(this.get(last.speakerId)) && last.start >= s.start - 1) return this.get(last.speakerId)!;
      const cand = inS.map((m) => this.get(m.actorId)).filter(fits);
      if (k < si && last && lastPara >= s.paragraph && last.start >= s.start && fits(this.get(last.speakerId))) return this.get(last.speakerId)!;
      if (cand.length) return cand[0]!;
    }
    if (last && lastPara >= para - 1 && fits(this.get(last.speakerId))) return this.get(last.speakerId)!;
    return null;
  }
}
