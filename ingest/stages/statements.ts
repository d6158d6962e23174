/**
 * Stage 3, statements: direct quotes and reported speech, each attributed to a speaker.
 *
 * Per sentence we find attribution *frames* (a speaker phrase, a cue, and the reported content):
 *   "X said (that) …", "… , X said." / "said X", "according to X, …" / "…, according to X",
 *   "…, as reported by X", "X's announcement that …", "accusations in X that …",
 *   speech acts with an object ("X accused Y of …", "X called for …", "urging them to …"),
 *   participle chains ("…, stressing that …, adding that …").
 * Quotes take the speaker of the frame that contains or introduces them, or continue the previous
 * quote of the paragraph. Speaker phrases are resolved to actors: named mentions, pronouns and
 * nominals ("the official", "the prime minister") by recency, anonymous sources ("a senior US
 * official") and documents ("the joint statement") as actors of their own.
 */
import { resolveOffice } from '../dictionary.ts';
import {
  ANON_HEADS,
  ANON_MODIFIERS,
  BODY_HEADS,
  OBJECT_VERBS,
  SPEECH_NOUNS,
  SPEECH_VERBS,
  TAIL_REPORT_VERBS,
  THAT_ONLY_VERBS,
  firstNameGender,
} from '../text/lexicon.ts';
import { kebab } from '../text/normalize.ts';
import { findQuotes, isModifierScareQuote, quoteMask, quoteTextSpan, type QuoteSpan } from '../text/quotes.ts';
import type { Actor, ActorMention, Doc, Sentence, Span, StatementDraft } from '../types.ts';
import { sentenceAt } from './segment.ts';
import { fromDict } from './actors.ts';

interface Frame {
  sentence: number;
  speakerSpan: Span;
  cue: string;
  cueSpan: Span;
  /** reported content (may contain quotes); null for frames that only introduce or close a quote */
  contents: Span[];
  kind: 'verb' | 'tail' | 'according' | 'nominal' | 'object';
  speakerId: string | null;
  speakerText: string;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
/** Phrases that sit between a speech verb and its content ("said in a statement on Tuesday that"). */
const SKIP_AFTER_VERB = new RegExp(
  String.raw`^(?:\s*,)?\s+(?:` +
    [
      String.raw`in (?:a|an|the|his|her|their|its) (?:joint |written |televised |brief |separate |recent )?(?:statement|interview|tweet|post|speech|briefing|news conference|press conference|letter|op-ed|address|message|report|meeting|call)(?: (?:with|to|on|issued|posted|released|published)(?: [A-Za-z’'.-]+){1,6}?)?(?=\s+(?:that|on|last|this|earlier|in)\b|\s*[,:“".]|$)`,
      String.raw`(?:on|last|this|next|earlier|late|early)(?: on)? (?:${DAYS}|week|month|year|summer|winter|spring|autumn|fall|weekend)(?: (?:morning|evening|night|afternoon))?`,
      String.raw`(?:on |in )?(?:${MONTHS})(?: \d{1,2})?(?:,? \d{4})?`,
      String.raw`(?:${DAYS})(?![’']s)(?: (?:morning|evening|night|afternoon))?`,
      String.raw`(?:earlier|later|previously|recently|again|also|repeatedly|publicly|privately|separately|yesterday|today)`,
      String.raw`(?:to |told )?(?:reporters|journalists|the media|the press|lawmakers|the BBC|CNN)`,
      // where it was said: "on Telegram", "on its website", "in a post on X", "via a spokesman"
      String.raw`(?:on|via|through|in|at) (?:Telegram|Twitter|X|Facebook|Instagram|television|TV|state TV|state television|social media|radio)`,
      String.raw`(?:on|via|through|in|at|from) (?:its|the|their|his|her|a|an) [\w’'-]+(?: [\w’'-]+)?(?= that\b| ?[,:“"])`,
      String.raw`(?:in|from|at) (?:Baghdad|Washington|Tehran|Erbil|Brussels|London|Paris|Ankara|Riyadh|Damascus|Beirut|Doha|the White House|the Pentagon)`,
    ].join('|') +
    ')',
);

const TRAILING_TIME = new RegExp(
  String.raw`\s+(?:(?:earlier|later)\s+)?(?:(?:this|last|next)\s+(?:week|month|year|summer|winter|spring|autumn|fall)|on\s+(?:${DAYS})|yesterday|today)$`,
);
const AUX_ADVERB = /(?:\s+(?:has|have|had|is|was|were|are|will|would|also|further|later|again|then|previously|repeatedly|reportedly|apparently|recently|once|still|had\s+also|has\s+also|[a-z]+ly))+\s*$/;
const LEADING_ADVERBIAL = new RegExp(
  // a dateline ("BAGHDAD —", "BAGHDAD, Jan 5 (Reuters) -") or a leading adverbial ("Last summer,")
  String.raw`^(?:[A-Z][A-Z./'’ ]+(?:,\s*[A-Z][a-z]{2,}\.?\s+\d{1,2})?(?:\s*\([^)]*\))?\s*[—–-]+\s*)?(?:(?:Moreover|However|Meanwhile|Indeed|Also|Still|Reportedly|Recently|Separately|Earlier|Later|Instead|But|And|Yet|So|Now|Then|Last (?:summer|winter|spring|autumn|fall|year|month|week|${DAYS})|On (?:${DAYS})|In (?:${MONTHS})(?: \d{4})?|Earlier (?:on |this )?\w+|This (?:week|month|year))\s*,?\s+)*`,
);
const PRONOUNS = /^(he|she|they|it|we|i)$/i;
const DETERMINERS = new Set(['a', 'an', 'the', 'one', 'two', 'three', 'four', 'five', 'several', 'some', 'many', 'other', 'both', 'these', 'those', 'another', 'few', 'most']);
const APPOSITIVE_START = /^(?:a|an|the|who|which|also|now|director|head|chief|former|senior|analyst|professor|spokes\w+|deputy|leader|member|president|minister|commander|[a-z]+ed|[a-z]+en)\b/i;
const SPLIT_MARKERS = /,\s+(?:adding|stressing|saying|noting|insisting|warning|arguing|emphasi[sz]ing|explaining|citing|as reported by|according to)\b|,\s+(?:and\s+)?that\s+|\s+and\s+that\s+|,\s+and\s+(?=·)|·\s+(?=(?:a|an)\s)|\s+and\s+(?=(?:their|his|her|its|the)\s+\w+\s+(?:[a-z]+ed|took|made|went|began|left|gave|came|held|met)\b)|,\s+(?=(?:a|an)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:that|which|to|of)\b)|,?\s+(?:and|but)\s+(?=(?:also\s+)?(?:said|warned|added|urged|called|accused|insisted|stressed|vowed|pledged|told|denied|declared|announced|noted|argued)\b)|;\s+/g;

export function statements(doc: Doc): Doc {
  const text = doc.input.text;
  // stages never mutate their input: actors are copied before aliases and roles are added
  const actorsById = new Map([...doc.actors].map(([k, v]) => [k, { ...v, aliases: [...v.aliases] }]));
  const out: StatementDraft[] = [];
  const ctx = new Resolver(doc, actorsById, out);

  let colonFrame: Frame | null = null; // "X said:" ending a paragraph introduces the next one's quote
  const sentencesOfParagraph = new Map<number, (readonly [Sentence, number])[]>();
  doc.sentences.forEach((s, i) => {
    const list = sentencesOfParagraph.get(s.paragraph) ?? [];
    list.push([s, i]);
    sentencesOfParagraph.set(s.paragraph, list);
  });
  for (const para of doc.paragraphs) {
    const quotes = findQuotes(text, para);
    const mask = quoteMask(quotes, para.start, para.end);
    const masked = maskText(text, mask, para.start, para.end);
    const sentIdx = (sentencesOfParagraph.get(para.index) ?? []).filter(([s]) => s.start >= para.start && s.end <= para.end);
    const frames: Frame[] = [];
    for (const [s, i] of sentIdx) frames.push(...findFrames(text, masked, para.start, s, i, ctx));
    const introducer = colonFrame;
    const lastFrame = frames[frames.length - 1];
    colonFrame = lastFrame && /:\s*$/.test(text.slice(lastFrame.cueSpan.end, para.end)) && /^[^“"]*:\s*$/.test(text.slice(lastFrame.cueSpan.end, para.end)) ? lastFrame : null;

    // statements in text order so pronouns and "the official" see what came before
    type Item = { pos: number; run: () => void };
    const items: Item[] = [];
    for (const f of frames) {
      for (const c of f.contents) items.push({ pos: c.start, run: () => emitIndirect(f, c) });
    }
    for (const q of quotes) items.push({ pos: q.start, run: () => emitQuote(q) });
    items.sort((a, b) => a.pos - b.pos);
    for (const it of items) it.run();

    function emitIndirect(f: Frame, c: Span) {
      const speaker = ctx.resolveFrame(f);
      if (!speaker) return;
      const content = trimContent(text, c);
      if (!content) return;
      const hasQuote = mask.subarray(content.start - para.start, content.end - para.start).some((x) => x === 1);
      if (hasQuote ? !substantialOutsideQuotes(text, content, mask, para.start) : text.slice(content.start, content.end).split(/\s+/).length < 2) return; // almost all quote: the quote carries it
      out.push({
        kind: 'indirect',
        start: content.start,
        end: content.end,
        text: text.slice(content.start, content.end),
        cue: f.cue,
        speakerId: speaker.id,
        speakerMention: f.speakerText,
        attribution: spanUnion(f.speakerSpan, f.cueSpan),
      });
    }

    function emitQuote(q: QuoteSpan) {
      if (isModifierScareQuote(text, q)) return;
      let span: Span = quoteTextSpan(text, q);
      if (span.end <= span.start) return;
      let frame: Frame | undefined;
      if (q.depth === 1) {
        // a quote inside a quote: "… Blinken said ‘we are …’ …"
        const before = text.slice(Math.max(para.start, q.start - 80), q.start - 1);
        const m = /([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|he|she|they)\s+(said|says|told \w+|added|wrote)\s*,?\s*:?\s*$/.exec(before);
        if (!m) return;
        const spStart = q.start - 1 - before.length + m.index;
        frame = mkFrame(ctx, text, -1, { start: spStart, end: spStart + m[1]!.length }, m[2]!, { start: spStart + m[1]!.length + 1, end: spStart + m[0].trimEnd().length }, [], 'verb');
      }
      if (!q.closed && !frame) {
        // a quote left open may end in its own attribution: "“… the talks, the official added."
        const inner = text.slice(q.start, q.end);
        const m = /,\s+((?:the|a|an)\s+[\w’' -]{1,40}?|he|she|they|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(said|added|says|adds|told [\w ]{1,30}?|explained|noted|continued|stressed|warned)\s*\.?\s*$/.exec(inner);
        if (m) {
          const spStart = q.start + m.index + m[0].indexOf(m[1]!);
          span = quoteTextSpan(text, { start: q.start, end: q.start + m.index });
          frame = mkFrame(ctx, text, -1, { start: spStart, end: spStart + m[1]!.length }, m[2]!, { start: spStart + m[1]!.length + 1, end: spStart + m[1]!.length + 1 + m[2]!.length }, [], 'tail');
        }
      }
      frame ??= pickFrameForQuote(q, frames, doc, text);
      if (!frame && introducer && q.start - 1 <= para.start) frame = introducer;
      let speaker = frame ? ctx.resolveFrame(frame) : null;
      let cue = frame?.cue ?? '';
      let mention = frame?.speakerText ?? '';
      let attribution = frame ? spanUnion(frame.speakerSpan, frame.cueSpan) : { start: q.start, end: q.start };
      if (!speaker) {
        // continuation: the paragraph's (or the previous paragraph's) last quote by the same voice
        const prev = out[out.length - 1];
        const words = text.slice(span.start, span.end).split(/\s+/).length;
        // a short quote continues the voice only as a whole sentence of its own ("“We'll keep talking.”")
        const wholeSentence = /[.!?]$/.test(text.slice(span.start, span.end)) && /(?:^|[.!?”"’']\s+)$/.test(text.slice(para.start, q.start - 1));
        if (!prev || (words < 4 && !wholeSentence)) return;
        const prevPara = doc.sentences[sentenceAt(doc.sentences, prev.start)]?.paragraph ?? -99;
        const gap = para.index - prevPara;
        const quoteStartsPara = q.start - 1 <= para.start;
        if (!(gap === 0 || (gap === 1 && quoteStartsPara))) return;
        speaker = actorsById.get(prev.speakerId) ?? null;
        cue = prev.cue;
        mention = prev.speakerMention;
        attribution = prev.attribution;
        if (!speaker) return;
      }
      out.push({
        kind: 'direct',
        start: span.start,
        end: span.end,
        text: text.slice(span.start, span.end),
        cue,
        speakerId: speaker.id,
        speakerMention: mention,
        attribution,
      });
    }
  }

  // the same span found by two frames: keep the first
  const seen = new Set<string>();
  const unique = out.filter((s) => {
    // the same span found by two frames, or a standfirst repeating a sentence of the body
    const k = `${s.kind}:${s.start}:${s.end}`;
    const k2 = `${s.kind}:${s.speakerId}:${s.text}`;
    if (seen.has(k) || seen.has(k2)) return false;
    seen.add(k);
    seen.add(k2);
    return true;
  });
  for (const a of ctx.created) if (!actorsById.has(a.id)) actorsById.set(a.id, a);
  return { ...doc, actors: actorsById, mentions: [...doc.mentions, ...ctx.newMentions].sort((a, b) => a.start - b.start), statements: unique };
}

// ---------------------------------------------------------------------------------------------
// frames

function maskText(text: string, mask: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += mask[i - start] ? (text[i] === ' ' ? ' ' : '·') : text[i];
  return s;
}

function mkFrame(ctx: Resolver, text: string, sentence: number, speakerSpan: Span, cue: string, cueSpan: Span, contents: Span[], kind: Frame['kind']): Frame {
  const speakerText = text.slice(speakerSpan.start, speakerSpan.end).trim();
  return { sentence, speakerSpan, cue, cueSpan, contents, kind, speakerId: null, speakerText };
}

const NOUN_ALT = [...SPEECH_NOUNS].join('|');
/** "X's announcement (on Friday) that / of / for …" */
const POSS_RE = new RegExp(String.raw`((?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)[’']s?\s+(?:[a-z]+\s+)?(${NOUN_ALT})(?:\s+(?:on|last|earlier|this)\s+\w+)?\s+(that|of|for)\s+`, 'g');
/** "its demands for …", "their claim that …" */
const PRON_RE = new RegExp(String.raw`\b(?:its|their|his|her)\s+(?:[a-z]+\s+)?(${NOUN_ALT})\s+(that|for|of)\s+`, 'g');
/** "accusations in the American media that …" */
const IN_RE = new RegExp(String.raw`\b(${NOUN_ALT})\s+(?:in|by|from)\s+((?:the\s+)?[^,.;·]{1,60}?)\s+that\s+`, 'g');

/** All attribution frames of one sentence. `masked` is the paragraph with quoted text replaced. */
function findFrames(text: string, masked: string, paraStart: number, s: Span, si: number, ctx: Resolver): Frame[] {
  const frames: Frame[] = [];
  const ms = masked.slice(s.start - paraStart, s.end - paraStart);
  const abs = (i: number) => s.start + i;
  const sentenceEnd = contentEnd(text, s);

  // "according to X" and "as reported by X"
  const accRe = /\b([Aa]ccording to|as reported by|[Aa]s reported by)\s+((?:the |a |an )?[^,.;·]{1,80}?)(?=,|\.|;|$|\s+(?:and|citing|who)\b)/g;
  for (let m = accRe.exec(ms); m; m = accRe.exec(ms)) {
    const spStart = m.index + m[0].length - m[2]!.length;
    const speakerSpan = { start: abs(spStart), end: abs(spStart + m[2]!.trimEnd().length) };
    const cueSpan = { start: abs(m.index), end: abs(m.index + m[1]!.length) };
    const before = ms.slice(0, m.index);
    let content: Span | null = null;
    if (!before.replace(LEADING_ADVERBIAL, '').replace(/[\s,]/g, '')) {
      // "According to X, CONTENT."
      const after = ms.slice(m.index + m[0].length);
      const c = /^\s*(?:\([^)]*\))?\s*,\s*/.exec(after);
      if (c) content = { start: abs(m.index + m[0].length + c[0].length), end: sentenceEnd };
    } else {
      // "CONTENT, according to X."
      const lead = LEADING_ADVERBIAL.exec(ms)?.[0].length ?? 0;
      const end = before.replace(/[\s,]+$/, '').length;
      content = { start: abs(lead), end: abs(end) };
    }
    frames.push({ sentence: si, speakerSpan, cue: m[1]!.toLowerCase(), cueSpan, contents: content ? [content] : [], kind: 'according', speakerId: null, speakerText: text.slice(speakerSpan.start, speakerSpan.end) });
  }

  // nominal cues: "X's announcement (on Friday) that …", "accusations in X that …"
  const possRe = POSS_RE;
  possRe.lastIndex = 0;
  for (let m = possRe.exec(ms); m; m = possRe.exec(ms)) {
    const sp = { start: abs(m.index), end: abs(m.index + m[1]!.length) };
    const cStart = abs(m.index + m[0].length);
    // "X's announcement that CLAUSE" reports a clause; "X's call for / announcement of NP" an object, up to the comma
    const objRest = ms.slice(m.index + m[0].length);
    const objStop = Math.min(/[,;]/.exec(objRest)?.index ?? objRest.length, /,[”"]/.exec(text.slice(cStart, s.end))?.index ?? objRest.length);
    const objEnd = m[3] === 'that' ? sentenceEnd : abs(m.index + m[0].length + objStop);
    const contents = m[3] === 'that' ? splitContent(text, masked, paraStart, { start: cStart, end: sentenceEnd }) : [{ start: cStart, end: Math.min(objEnd, sentenceEnd) }];
    frames.push({ sentence: si, speakerSpan: sp, cue: m[2]!, cueSpan: { start: abs(m.index + m[0].indexOf(m[2]!)), end: abs(m.index + m[0].indexOf(m[2]!) + m[2]!.length) }, contents, kind: 'nominal', speakerId: null, speakerText: text.slice(sp.start, sp.end) });
  }
  const pronRe = PRON_RE;
  pronRe.lastIndex = 0;
  for (let m = pronRe.exec(ms); m; m = pronRe.exec(ms)) {
    const sp = mainSubjectSpan(ctx, text, s, abs(m.index));
    if (!sp) continue;
    const cStart = abs(m.index + m[0].length);
    const objRest = ms.slice(m.index + m[0].length);
    const stop = Math.min(/[,;]/.exec(objRest)?.index ?? objRest.length, /,[”"]/.exec(text.slice(cStart, s.end))?.index ?? objRest.length);
    const contents = m[2] === 'that' ? splitContent(text, masked, paraStart, { start: cStart, end: sentenceEnd }) : [{ start: cStart, end: Math.min(abs(m.index + m[0].length + stop), sentenceEnd) }];
    const cueAt = abs(m.index + m[0].indexOf(m[1]!));
    frames.push({ sentence: si, speakerSpan: sp, cue: m[1]!, cueSpan: { start: cueAt, end: cueAt + m[1]!.length }, contents, kind: 'nominal', speakerId: null, speakerText: text.slice(sp.start, sp.end) });
  }
  const inRe = IN_RE;
  inRe.lastIndex = 0;
  for (let m = inRe.exec(ms); m; m = inRe.exec(ms)) {
    const spStart = m.index + m[0].indexOf(m[2]!, m[1]!.length);
    const sp = { start: abs(spStart), end: abs(spStart + m[2]!.length) };
    frames.push({ sentence: si, speakerSpan: sp, cue: m[1]!, cueSpan: { start: abs(m.index), end: abs(m.index + m[1]!.length) }, contents: splitContent(text, masked, paraStart, { start: abs(m.index + m[0].length), end: sentenceEnd }), kind: 'nominal', speakerId: null, speakerText: text.slice(sp.start, sp.end) });
  }

  // speech verbs
  const verbRe = /\b([a-z]+(?: (?:for|out|to|against|on))?)\b/g;
  let lastSubject: Span | null = null;
  for (let m = verbRe.exec(ms); m; m = verbRe.exec(ms)) {
    let word = m[1]!;
    if (word.includes(' ') && !OBJECT_VERBS.has(word) && word !== 'pointed out') word = word.split(' ')[0]!;
    const isPointedOut = word === 'pointed out';
    if (!SPEECH_VERBS.has(word) && !OBJECT_VERBS.has(word) && !isPointedOut) continue;
    if (/\b(?:to|not|never|would|could|should|must|may|might|can|cannot)\s+$/.test(ms.slice(0, m.index)) && !/ing$/.test(word)) continue; // "refused to say", "may claim"
    // a noun, not a verb: "the warning", "a greater say", "made demands", "its repeated calls"
    if (/\b(?:the|a|an|its|his|her|their|our|my|your|this|these|those|no|any|some|several|many|such|own|greater|more|less|new|fresh|final|public|repeated|renewed|similar|earlier|latest|recent|strong|made|make|makes|making|issued|voiced|heeded|rejected|ignored|dismissed)\s+$/i.test(ms.slice(0, m.index))) continue;
    const vStart = m.index;
    const vEnd = m.index + word.length;
    const cueSpan = { start: abs(vStart), end: abs(vEnd) };
    // a verb inside reported content is part of what was reported ("… said the government has not asked …")
    if (frames.some((f) => f.kind === 'verb' && f.contents.some((c) => c.start <= cueSpan.start && cueSpan.end <= c.end))) continue;
    // subject
    let prefix = ms.slice(0, vStart).replace(AUX_ADVERB, '');
    let speakerSpan: Span | null = null;
    let afterSubject: Span | null = null;
    const quoteBefore = /·[\s,]*$/.test(prefix) || /[”"’][\s,]*$/.test(prefix);
    if (quoteBefore || !prefix.trim() || /[,;]\s*$/.test(prefix) && /^[\s,]*$/.test(prefix.replace(/^.*[·”"]/, ''))) {
      // "…,” said X, a former …" / "…, said X."
      const after = ms.slice(vEnd);
      const sm = /^\s+((?:the |a |an )?[A-Za-z][\w’'.-]*(?:\s+(?!that\b|in\b|on\b|to\b)[\w’'.-]+){0,5}?)\s*(?=,|\.|$|\s+(?:in|on|at|who|to|that)\b)/.exec(after);
      if (quoteBefore && sm) {
        speakerSpan = { start: abs(vEnd + sm.index + sm[0].indexOf(sm[1]!)), end: abs(vEnd + sm.index + sm[0].indexOf(sm[1]!) + sm[1]!.length) };
        afterSubject = speakerSpan;
      }
    }
    // "The vote was symbolic, said Hayder al-Khoei, a fellow at …": the clause before is what was said
    let invertedContent: Span | null = null;
    if (!speakerSpan && !quoteBefore && TAIL_REPORT_VERBS.has(word) && /,\s*$/.test(prefix)) {
      const sm = /^\s+((?:the |a |an )?[A-Z][\w’'.-]*(?:\s+(?!that\b|in\b|on\b|to\b)[\w’'.-]+){0,5}?)\s*(?=,|\.|$|\s+(?:in|on|at|who|to)\b)/.exec(ms.slice(vEnd));
      const before = prefix.replace(/[\s,]+$/, '');
      const lead = LEADING_ADVERBIAL.exec(before)?.[0].length ?? 0;
      if (sm && before.length - lead > 0 && looksLikeClause(before.slice(lead)) && !/·/.test(before.slice(-2))) {
        const st = vEnd + sm.index + sm[0].indexOf(sm[1]!);
        speakerSpan = { start: abs(st), end: abs(st + sm[1]!.length) };
        afterSubject = speakerSpan;
        invertedContent = { start: abs(lead), end: abs(before.length) };
      }
    }
    const trimmedPrefix = prefix.replace(/\s+$/, '');
    const participle = /ing$/.test(word);
    let byClause: Span | null = null;
    if (!speakerSpan && participle && (/,$/.test(trimmedPrefix) || /(?:^|\s)(?:and|but)$/.test(trimmedPrefix))) {
      speakerSpan = lastSubject ?? mainSubjectSpan(ctx, text, s, abs(vStart)); // ", stressing that …": the clause's speaker goes on
    } else if (!speakerSpan && participle && /^(?:By|After|In|While|Before)$/.test(trimmedPrefix.trim())) {
      // "By indicating that CLAUSE, X was signalling …": the speaker follows the clause
      const rest0 = ms.slice(vEnd);
      const th = /^\s+that\s+([^,;]+)/.exec(rest0);
      if (th) {
        byClause = { start: abs(vEnd + th[0].length - th[1]!.length), end: abs(vEnd + th[0].length) };
        speakerSpan = firstMentionSpan(ctx, { start: byClause.end, end: s.end }, s.end);
      }
    } else if (!speakerSpan && /(?:^|[\s,])(?:and|but)$/.test(trimmedPrefix)) {
      // "X imposed sanctions and threatened …": the subject of the clause the "and" continues
      const clause = trimmedPrefix.replace(/\s*(?:and|but)$/, '');
      const from = abs(lastBoundary(clause.replace(/[,;]\s*$/, '')));
      speakerSpan = lastSubject ?? firstMentionSpan(ctx, { start: from, end: s.end }, abs(vStart)) ?? mainSubjectSpan(ctx, text, s, abs(vStart));
    } else if (!speakerSpan && /(?:^|\s)(?:that|which|who)$/.test(trimmedPrefix)) {
      // "a joint statement that emphasized …": the relative clause's antecedent speaks
      const head = trimmedPrefix.replace(/\s*(?:that|which|who)$/, '');
      const c0 = lastBoundary(head.replace(/,$/, ''));
      let np = head.slice(c0).replace(/^\s*(?:issuing|issued|releasing|released|in)\s+/, '');
      // a long clause before "that": its antecedent is the noun phrase at its end ("… approved a security agreement that")
      const npWords = np.trim().split(/\s+/);
      if (npWords.length > 8) np = ' ' + (/(?:\b(?:a|an|the|its|their|his|her)\s+)?(?:\S+\s+){0,3}\S+$/.exec(np.trim())?.[0] ?? '');
      if (np.trim() && np.trim().split(/\s+/).length <= 8) {
        const st = head.length - np.length;
        speakerSpan = { start: abs(st + (np.length - np.trimStart().length)), end: abs(head.length) };
      }
    }
    if (byClause) {
      if (speakerSpan) frames.push(mkFrame(ctx, text, si, speakerSpan, word, cueSpan, [byClause], 'verb'));
      continue;
    }
    if (!speakerSpan) {
      // the noun phrase before the verb, skipping an appositive ", the director of …,"
      const trimmed = prefix.replace(/\s+$/, '');
      const cutAt = Math.max(trimmed.lastIndexOf('·') + 1, trimmed.lastIndexOf('”') + 1, lastBoundary(trimmed));
      let np = trimmed.slice(cutAt);
      let npStart = cutAt;
      if (/,$/.test(trimmed)) {
        // appositive: "X, the director of Y, said"
        const segs = trimmed.slice(0, -1);
        const c1 = segs.lastIndexOf(',');
        const lastSeg = segs.slice(c1 + 1);
        if (c1 > 0 && APPOSITIVE_START.test(lastSeg.trim())) {
          const head = segs.slice(0, c1);
          const c0 = Math.max(head.lastIndexOf('·') + 1, lastBoundary(head));
          np = head.slice(c0);
          npStart = c0;
        } else if (c1 > 0 && mentionsIn(ctx.doc.mentions, abs(c1 + 1), abs(segs.length)).some((m) => ctx.doc.actors.get(m.actorId)?.type === 'person')) {
          // "A spokesman for the ministry, John Kirby, said": the name between the commas speaks
          np = lastSeg;
          npStart = c1 + 1;
        } else {
          np = '';
        }
      }
      const lead = /^[\s,]*(?:(?:and|but|while|as|when|because|then|so|yet)\s+)?/.exec(np)![0].length;
      const leadAdv = LEADING_ADVERBIAL.exec(np.slice(lead))?.[0].length ?? 0;
      let npText = np.slice(lead + leadAdv).trim();
      const andCut = /^(.*\b(?:has|have|had|been|was|were|is|are|will|would)\b.*\s)(?:and|but)\s+(?=\S)/.exec(npText);
      if (andCut) {
        npText = npText.slice(andCut[0].length);
        np = np.slice(0, lead + leadAdv) + ' '.repeat(np.slice(lead + leadAdv).length - np.slice(lead + leadAdv).trimStart().length) + np.slice(lead + leadAdv).trimStart().slice(andCut[0].length);
        npStart += andCut[0].length;
      }
      if (npText && npText.split(/\s+/).length <= 14 && !/·/.test(npText)) {
        const st = npStart + lead + leadAdv + (np.slice(lead + leadAdv).length - np.slice(lead + leadAdv).trimStart().length);
        speakerSpan = { start: abs(st), end: abs(st + npText.length) };
      } else if (/(?:^|[\s,])(?:and|but)\s*$/.test(prefix) || /ing$/.test(word) || !npText) {
        // "… and warned that", ", urging them to": the clause's subject speaks
        speakerSpan = lastSubject ?? firstMentionSpan(ctx, s, abs(vStart));
      }
    }
    if (!speakerSpan) continue;
    if (!/ing$/.test(word) || !lastSubject) lastSubject = speakerSpan;
    // content after the verb
    let pos = vEnd;
    let rest = ms.slice(pos);
    if (/^(?:told|tells|tell|telling)$/.test(word)) {
      // the addressee: "told reporters", "told USA Today", "told his Iraqi counterpart on Tuesday that …"
      const o =
        /^\s+(?:[\w’'.-]+\s+){1,8}?(?=that\b)/.exec(rest) ??
        /^\s+(?:the media|reporters|journalists|the press|lawmakers|him|her|them|us|me|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})/.exec(rest);
      if (o) pos += o[0].length;
    }
    for (let k = 0; k < 4; k++) {
      const sk = SKIP_AFTER_VERB.exec(ms.slice(pos));
      if (!sk || !sk[0].trim()) break;
      pos += sk[0].length;
    }
    rest = ms.slice(pos);
    const obj = OBJECT_VERBS.get(word);
    const that = /^\s*,?\s*(?:that\b\s*,?|:)\s*/.exec(rest);
    let contents: Span[] = [];
    let kind: Frame['kind'] = 'verb';
    if (afterSubject) {
      kind = 'tail';
      if (invertedContent) contents = [invertedContent];
    } else if (that) {
      contents = splitContent(text, masked, paraStart, { start: abs(pos + that[0].length), end: sentenceEnd });
    } else if (obj) {
      kind = 'object';
      let from = pos;
      if (obj.skipObject) {
        const o = /^\s+[\w’'. -]{1,40}?\s+(?:not\s+)?to\s+/.exec(rest);
        if (!o) continue;
        from = pos + o[0].length;
      }
      const body = ms.slice(from);
      const stopMasked = /,|;|\s+(?:and|but|while)\s+(?:[a-z]+ed|then|also|said|says)\b|\s+—/.exec(body);
      const stopQuoted = /,[”"]/.exec(text.slice(abs(from), sentenceEnd));
      const stop = stopQuoted && (!stopMasked || stopQuoted.index < stopMasked.index) ? stopQuoted : stopMasked;
      const start = obj.withVerb ? abs(vStart) : abs(from + (body.length - body.trimStart().length));
      let end = Math.min(stop ? abs(from + stop.index) : sentenceEnd, sentenceEnd);
      // "declared victory earlier this month": the time belongs to the speech act, not its object
      const trailingTime = TRAILING_TIME.exec(text.slice(start, end));
      if (trailingTime) end = start + trailingTime.index;
      if (end > start) contents = [{ start, end }];
    } else if ((/^\s*[.,]?\s*$/.test(rest) || (/^\s*,/.test(rest) && /,\s*$/.test(ms.slice(0, speakerSpan.start - s.start)))) && TAIL_REPORT_VERBS.has(word)) {
      // "CONTENT, CNN reported."
      const before = ms.slice(0, speakerSpan.start - s.start).replace(/[\s,]+$/, '');
      const lead = LEADING_ADVERBIAL.exec(before)?.[0].length ?? 0;
      if (before.length - lead > 0 && !/·/.test(before.slice(-3))) contents = [{ start: abs(lead), end: abs(before.length) }];
      kind = 'tail';
    } else if (THAT_ONLY_VERBS.has(word) || isPointedOut) {
      contents = [];
    } else if (/^\s*[A-Za-z0-9]/.test(rest) && !/^\s*(?:to|in|on|at|of|for|with|by|from|about|it\s*[.,]|so\b)/.test(rest) && looksLikeClause(rest)) {
      // "X said the talks …" (no "that"): only when a clause follows, not an object ("claimed the lives of …")
      contents = splitContent(text, masked, paraStart, { start: abs(pos + (rest.length - rest.trimStart().length)), end: sentenceEnd });
    }
    frames.push(mkFrame(ctx, text, si, speakerSpan, isPointedOut ? 'pointed out' : word, cueSpan, contents, kind));
  }
  // a speaker-verb frame does not also credit its outlet ("X said …, according to CNN"), and speech
  // reported inside someone's reported speech is theirs to report ("Kirby said the statement says …")
  const verbFrames = frames.filter((f) => f.kind === 'verb' && f.contents.length);
  return frames.filter((f) => {
    if (f.kind === 'according' && f.cueSpan.start > s.start + 3 && verbFrames.some((g) => g.contents.some((c) => f.contents.some((d) => overlap(c, d))))) return false;
    if (verbFrames.some((g) => g !== f && g.contents.some((c) => c.start <= f.cueSpan.start && f.cueSpan.end <= c.end))) return false;
    return true;
  });
}

const FINITE = /\b(?:is|are|was|were|has|have|had|will|would|could|can|cannot|should|may|might|must|did|does|do|won’t|can’t|isn’t|wasn’t|aren’t)\b|[’']s\b|\b[a-z]{3,}ed\b/;
/** Reported content without "that" must be a clause (a finite verb), not an object noun phrase. */
function looksLikeClause(s: string): boolean {
  return FINITE.test(s.split(/[.;]/)[0] ?? '');
}

/** The subject of a sentence's main clause: the first mention after any leading subordinate clause. */
function mainSubjectSpan(ctx: Resolver, text: string, s: Span, before: number): Span | null {
  const body = text.slice(s.start, before);
  const sub = /^(?:(?:As|When|While|After|Before|Since|Although|Though|Because|If|Despite|Following|Amid|Once)\b[^,]*,\s*)/.exec(body);
  const from = s.start + (sub ? sub[0].length : 0);
  // the subject noun phrase: from the clause start through the mentions of its first words
  const firstWords = /^\s*(?:\S+\s+){0,7}\S+/.exec(text.slice(from, before))?.[0] ?? '';
  const ms = mentionsIn(ctx.doc.mentions, from, Math.min(before, from + firstWords.length));
  if (!ms.length) {
    const m = mentionsIn(ctx.doc.mentions, from, before)[0];
    return m ? { start: m.start, end: m.end } : null;
  }
  const firstVerb = /\s(?:is|are|was|were|has|have|had|will|would|[a-z]{3,}ed|[a-z]{3,}s)\s/.exec(text.slice(ms[0]!.end, before));
  const limit = firstVerb ? ms[0]!.end + firstVerb.index : before;
  const inNp = ms.filter((x) => x.end <= limit);
  return { start: from, end: (inNp[inNp.length - 1] ?? ms[0]!).end };
}

function lastBoundary(s: string): number {
  let b = 0;
  const re = /(?:[,;:—(]|\bthat\b|\bwhile\b|\bbut\b|\bwhen\b|\bas\b|\band\b(?=\s+(?:the|a|an)\s))\s*/g;
  for (let m = re.exec(s); m; m = re.exec(s)) b = m.index + m[0].length;
  return b;
}

function firstMentionSpan(ctx: Resolver, s: Span, before: number): Span | null {
  const m = mentionsIn(ctx.doc.mentions, s.start, before)[0];
  return m ? { start: m.start, end: m.end } : null;
}

/** End of a sentence's content: the final period outside quotes is not part of a statement. */
function contentEnd(text: string, s: Span): number {
  let e = s.end;
  while (e > s.start && /[\s]/.test(text[e - 1]!)) e--;
  if (text[e - 1] === '.' || text[e - 1] === '!' || text[e - 1] === '?') e--;
  return e;
}

function splitContent(text: string, masked: string, paraStart: number, c: Span): Span[] {
  if (c.end <= c.start) return [];
  const seg = masked.slice(c.start - paraStart, c.end - paraStart);
  const out: Span[] = [];
  let from = 0;
  SPLIT_MARKERS.lastIndex = 0;
  for (let m = SPLIT_MARKERS.exec(seg); m; m = SPLIT_MARKERS.exec(seg)) {
    out.push({ start: c.start + from, end: c.start + m.index });
    // a following "that"-clause continues as its own statement; "adding that" etc. make their own frames
    const thatCont = /^,?\s+(?:and\s+)?that\s+$/.test(m[0]);
    if (!thatCont) return out.filter((x) => x.end > x.start);
    from = m.index + m[0].length;
  }
  out.push({ start: c.start + from, end: c.end });
  return out.filter((x) => x.end > x.start);
}

function trimContent(text: string, c: Span): Span | null {
  let { start, end } = c;
  while (start < end && /[\s,:]/.test(text[start]!)) start++;
  while (end > start && /[\s,;:—]/.test(text[end - 1]!)) end--;
  return end - start >= 3 ? { start, end } : null;
}

/** Reported content around a quote is a statement of its own when it says something outside the quote: a clause ("the strike was a “…”") or several content words. */
function substantialOutsideQuotes(text: string, c: Span, mask: Uint8Array, paraStart: number): boolean {
  let s = '';
  for (let i = c.start; i < c.end; i++) s += mask[i - paraStart] ? ' ' : text[i];
  const words = s.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));
  const content = unquotedWords(text, c, mask, paraStart);
  if (content >= 3) return true;
  // a noun-phrase subject whose predicate is the quote: "the United States “cannot be trusted”"
  if (content >= 2 && /^(?:the\s+)?[A-Z]/.test(s.trim()) && FINITE.test(text.slice(c.start, c.end)) && !FINITE.test(s)) return true;
  return words.length >= 3 && FINITE.test(s) && !/^(?:it|they|he|she|we|i|this|that)(?:\s+(?:would|will|could|should|must|may|might|is|was|are|were|be|been|have|has|had|not|also|still|never))+\s*(?:an?|the)?\s*$/i.test(s.replace(/\s+/g, ' ').trim());
}

const FUNCTION_WORDS = new Set('a an the of to in on at for with by from and or but as that this it its their his her new would will be is was'.split(' '));
/** Content words of the reported content outside its quotes. */
function unquotedWords(text: string, c: Span, mask: Uint8Array, paraStart: number): number {
  let s = '';
  for (let i = c.start; i < c.end; i++) s += mask[i - paraStart] ? ' ' : text[i];
  return s.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w) && !FUNCTION_WORDS.has(w.toLowerCase())).length;
}

const overlap = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Index of the first mention starting at or after `offset` (mentions are sorted by start). */
function firstMentionAt(mentions: readonly ActorMention[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Mentions lying inside [start, end): a binary search, then a walk (articles can be long). */
export function mentionsIn(mentions: readonly ActorMention[], start: number, end: number): ActorMention[] {
  const out: ActorMention[] = [];
  for (let i = firstMentionAt(mentions, start); i < mentions.length && mentions[i]!.start < end; i++) {
    if (mentions[i]!.end <= end) out.push(mentions[i]!);
  }
  return out;
}
const spanUnion = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });

function pickFrameForQuote(q: QuoteSpan, frames: Frame[], doc: Doc, text: string): Frame | undefined {
  const openMark = q.start - 1;
  const closeMark = q.closed ? q.end : q.end - 1;
  const sOpen = sentenceAt(doc.sentences, openMark);
  const sClose = sentenceAt(doc.sentences, closeMark);
  // (a) the quote sits inside a frame's reported content
  const inside = frames.find((f) => f.contents.some((c) => c.start <= q.start && q.end <= c.end + 2));
  if (inside) return inside;
  // (b) the frame right after the closing mark ("…,” he said.)
  const tail = frames.find((f) => f.sentence === sClose && f.cueSpan.start >= q.end && /^[\s”"'’,]*$/.test(textBetween(text, q.end, Math.min(f.speakerSpan.start, f.cueSpan.start))));
  if (tail) return tail;
  // (c) a frame that introduces it ("X said: “…”", "X said that “…”")
  const head = frames.find((f) => f.sentence === sOpen && f.cueSpan.end <= openMark && /^[\s,:]*(?:that)?[\s,:]*(?:[a-z]+\s+){0,6}$/.test(textBetween(text, f.cueSpan.end, openMark).replace(SKIP_TAIL_RE, '')));
  if (head) return head;
  // (d) any frame of the sentence(s) it sits in, the nearest one
  const near = frames.filter((f) => f.sentence === sOpen || f.sentence === sClose);
  return near.sort((a, b) => Math.abs(a.cueSpan.start - q.start) - Math.abs(b.cueSpan.start - q.start))[0];
}
/** How far back (characters) "the official", "the newspaper" look for their antecedent. */
const NOMINAL_LOOKBACK = 6000;
const SKIP_TAIL_RE = /\b(?:in (?:a|an) \w+(?: with [\w ]+)?|on \w+|last \w+)\b/g;
const textBetween = (text: string, a: number, b: number) => (b > a ? text.slice(a, b) : '');

const TITLE_ABBREVIATIONS: Record<string, string> = { gen: 'general', lt: 'lieutenant', brig: 'brigadier', maj: 'major', adm: 'admiral', col: 'colonel', sen: 'senator', rep: 'representative', amb: 'ambassador', gov: 'governor', sgt: 'sergeant', capt: 'captain', pres: 'president' };
/** "Gen. Joseph Votel" is "the general" later on. */
function expandTitles(s: string): string {
  return s.replace(/\b(Gen|Lt|Brig|Maj|Adm|Col|Sen|Rep|Amb|Gov|Sgt|Capt|Pres)\./gi, (_, t: string) => TITLE_ABBREVIATIONS[t.toLowerCase()]!);
}

// ---------------------------------------------------------------------------------------------
// speaker resolution

class Resolver {
  readonly created: Actor[] = [];
  readonly newMentions: ActorMention[] = [];
  constructor(
    readonly doc: Doc,
    readonly actors: Map<string, Actor>,
    readonly statements: StatementDraft[],
  ) {}

  private get(id: string): Actor | undefined {
    return this.actors.get(id) ?? this.created.find((a) => a.id === id);
  }

  private local(name: string, type: Actor['type'], span: Span, idHint?: string): Actor {
    const id = idHint ?? kebab(name.replace(/^(the|a|an)\s+/i, ''));
    let a = this.get(id);
    if (!a) {
      a = { id, name: name.replace(/^(?:the|a|an)\s+/i, ''), type, aliases: [name], description: null, affiliation: null, local: true };
      this.created.push(a);
      this.actors.set(id, a);
    } else if (!a.aliases.includes(name)) a.aliases.push(name);
    this.newMentions.push({ start: span.start, end: span.end, text: name, actorId: id, via: type === 'anonymous' ? 'anonymous' : 'nominal' });
    return a;
  }

  resolveFrame(f: Frame): Actor | null {
    if (f.speakerId) return this.get(f.speakerId) ?? null;
    const a = this.resolve(f.speakerSpan);
    if (a) f.speakerId = a.id;
    return a;
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
      const existing = [...this.actors.values(), ...this.created].filter((a) => a.local && /statement|document|communiqu|memo|readout|declaration|letter|resolution|decree|order|report/i.test(a.name));
      if (/^(?:the|its|their)\b/i.test(headPart) && existing.length) {
        const a = existing[existing.length - 1]!;
        this.newMentions.push({ start: span.start, end: span.end, text: headPart, actorId: a.id, via: 'nominal' });
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
            this.newMentions.push({ start: span.start, end: span.end, text: headPart, actorId: prior.id, via: 'nominal' });
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

  private nominal(head: string, span: Span): Actor | null {
    const text = this.doc.input.text;
    // antecedents: the mentions of the last few thousand characters, nearest first
    const windowStart = Math.max(0, span.start - NOMINAL_LOOKBACK);
    const before = [...mentionsIn(this.doc.mentions, windowStart, span.start), ...this.newMentions.filter((m) => m.start >= windowStart && m.end <= span.start)].sort((a, b) => b.start - a.start);
    const headWord = head.split(' ').pop()!;
    // the voices of the last few statements are the most salient antecedents
    const recentSpeakers = this.statements.slice(-3).reverse().map((st) => ({ actorId: st.speakerId, start: st.start }));
    for (const m of [...recentSpeakers, ...before]) {
      const a = this.get(m.actorId);
      if (!a) continue;
      // the title written just before the name counts ("Pentagon press secretary John Kirby")
      const titleBefore = /([A-Za-z.’' ]{0,40})$/.exec(text.slice(Math.max(0, m.start - 40), m.start))?.[1] ?? '';
      const hay = expandTitles(`${a.name} ${a.description ?? ''} ${a.aliases.join(' ')} ${a.type === 'person' ? titleBefore.split(/\b(?:that|said|told|and|the media)\b/).pop() : ''}`).toLowerCase();
      if (hay.includes(head) || (headWord.length > 4 && hay.includes(headWord))) return a;
      // "the group", "the militia": an armed or political group, not any organisation mentioned last
      if (/^(group|militia|faction|movement|outfit)$/.test(headWord) && a.type === 'group') return a;
      if (/^organi[sz]ation$/.test(headWord) && (a.type === 'group' || a.type === 'organization')) return a;
      if (/^(newspaper|paper|daily|outlet|broadcaster|network|agency)$/.test(headWord) && a.type === 'organization' && /news|press|times|post|today|journal|cnn|bbc|reuters|afp|associated|agency|newspaper/i.test(hay)) return a;
    }
    const office = resolveOffice(head, this.doc.publication.from);
    if (office?.holder) {
      const a = this.get(office.holder.id) ?? fromDict(office.holder);
      if (!this.actors.has(a.id)) this.actors.set(a.id, a);
      this.newMentions.push({ start: span.start, end: span.end, text: text.slice(span.start, span.end), actorId: a.id, via: 'office' });
      return a;
    }
    return null;
  }

  private recentAnonymous(head: string, plural: boolean): Actor | null {
    const stem = head.replace(/s$/, '');
    for (let i = this.statements.length - 1; i >= 0; i--) {
      const a = this.get(this.statements[i]!.speakerId);
      if (a?.type === 'anonymous' && a.name.toLowerCase().includes(stem) && /s$/.test(a.name.split(/\s+/).pop()!) === plural) return a;
    }
    const created = [...this.created].reverse().find((a) => a.type === 'anonymous' && a.name.toLowerCase().includes(stem));
    return created ?? null;
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
      const inS = [...mentionsIn(this.doc.mentions, s.start, upTo), ...this.newMentions.filter((m) => m.start >= s.start && m.end <= upTo)].sort((a, b) => a.start - b.start);
      if (k === si && last && lastPara >= para - 1 && fits(this.get(last.speakerId)) && last.start >= s.start - 1) return this.get(last.speakerId)!;
      const cand = inS.map((m) => this.get(m.actorId)).filter(fits);
      if (k < si && last && lastPara >= s.paragraph && last.start >= s.start && fits(this.get(last.speakerId))) return this.get(last.speakerId)!;
      if (cand.length) return cand[0]!;
    }
    if (last && lastPara >= para - 1 && fits(this.get(last.speakerId))) return this.get(last.speakerId)!;
    return null;
  }
}
