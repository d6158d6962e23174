/**
 * speech-noun: a speech act named by a noun with its owner — "X's announcement (on Friday) that
 * CLAUSE", "X's call for NP", "its demands for NP", "the claim by X that CLAUSE".
 */
import type { Span } from '../../types.ts';
import { contentEnd, npAt, npWithAttachments, skipAdjuncts, tokSpan } from '../clause.ts';
import type { Frame, Rule } from '../types.ts';
import { subjectOf } from '../../syntax/index.ts';

const POSSESSIVE_PRONOUN = /^(?:its|their|his|her|our)$/;

export const speechNoun: Rule = {
  name: 'speech-noun',
  construction: "X's <speech noun> that CLAUSE | X's <speech noun> of/for NP | its <speech noun> … | <speech noun> by X that …",
  examples: [
    { sentence: "Parents were angered by the mayor's announcement on Monday that the pool would close.", frames: [{ speaker: 'the mayor', cue: 'announcement', content: 'the pool would close' }] },
    { sentence: 'The ruling prompted claims in the local press that the judge was biased.', frames: [{ speaker: 'the local press', cue: 'claims', content: 'the judge was biased' }] },
    { sentence: 'The tenants renewed their demands for lower rents.', frames: [{ speaker: 'The tenants', cue: 'demands', content: 'lower rents' }] },
  ],
  apply(ctx) {
    const ts = ctx.tagged;
    const tk = ts.tokens;
    const nouns = new Set(ctx.vocab.file.speechNouns);
    const out: Frame[] = [];
    for (let i = 1; i < tk.length; i++) {
      const t = tk[i]!;
      if (ctx.inQuote[i] || t.pos !== 'NOUN' || !nouns.has(t.lower)) continue;
      let speaker: Span | null = null;
      const np = ts.nps.find((n) => n.first <= i && i <= n.last);
      if (!np || np.last !== i) continue;
      // "X's announcement": the possessor inside the chunk
      const poss = tk.slice(np.first, i).findIndex((x) => x.pos === 'PART' && /^['’]s?$/.test(x.lower));
      if (poss > 0) speaker = { start: tk[np.first]!.start, end: tk[np.first + poss - 1]!.end };
      else if (POSSESSIVE_PRONOUN.test(tk[np.first]!.lower)) {
        // "its demands": the clause's subject owns it
        const v = [...ts.verbs].reverse().find((g) => g.last < np.first && !g.nonFinite);
        const s = v ? subjectOf(ts, v) : null;
        if (s) speaker = { start: s.start, end: s.end };
      }
      let p = speaker ? skipAdjuncts(ts, i + 1, ctx.inQuote) : i + 1;
      if (!speaker && (tk[p]?.lower === 'by' || tk[p]?.lower === 'from' || tk[p]?.lower === 'in')) {
        const by = npAt(ts, p + 1);
        if (by) {
          const end = npWithAttachments(ts, by, 2);
          speaker = { start: by.start, end: tk[end - 1]!.end };
          p = skipAdjuncts(ts, end, ctx.inQuote);
        }
      }
      if (!speaker) continue;
      const link = tk[p]?.lower;
      if (link !== 'that' && link !== 'of' && link !== 'for') continue;
      let end = contentEnd(ctx, p + 1, null, link === 'that' ? 'that' : 'object');
      // "of/for NP": the object, up to the clause's comma
      if (end <= p + 1) continue;
      out.push({ rule: 'speech-noun', sentence: ctx.index, speakerSpan: speaker, cue: t.text, cueSpan: { start: t.start, end: t.end }, contents: [tokSpan(ts, p + 1, end)], tail: false, speakerId: null });
    }
    return out;
  },
};
