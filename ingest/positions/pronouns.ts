/**
 * Pronoun holders for narrative stances: "he"/"she" (a subject) and "his"/"her" (a possessor) in
 * narrative text stand for the one person of that gender named earlier in the sentence, else in
 * the sentence before. Two candidates, or a pronoun inside a direct quote, resolve nothing: a wrong
 * holder costs more than a missed one.
 */
import type { Actor, ActorMention, Sentence, Span } from '../types.ts';
import { firstNameGender } from '../text/lexicon.ts';

const PRONOUN = /\b(?:he|she|his|her)\b/gi;

function genderOf(p: string): 'male' | 'female' {
  return /^(?:he|his)$/i.test(p) ? 'male' : 'female';
}

/** Pronoun mentions per sentence (same indexing as `sentences`), resolved as described above. */
export function pronounMentions(
  text: string,
  sentences: readonly Sentence[],
  bySentence: readonly (readonly ActorMention[])[],
  actors: ReadonlyMap<string, Actor>,
  quotes: readonly Span[],
  /** only sentences for which this holds are resolved (the others get none): a cost cut, not a rule */
  wanted: (index: number) => boolean = () => true,
): ActorMention[][] {
  const fits = (m: ActorMention, gender: 'male' | 'female') => {
    const a = actors.get(m.actorId);
    if (a?.type !== 'person') return false;
    const g = firstNameGender(a.name.split(/\s+/)[0] ?? '');
    return !g || g === 'unknown' || g === gender;
  };
  const quoted = (at: number) => quotes.some((q) => q.start <= at && at < q.end);
  const resolved: ActorMention[][] = [];
  sentences.forEach((s, i) => {
    const out: ActorMention[] = [];
    const here = bySentence[i] ?? [];
    // the sentence before, with its own resolved pronouns ("X spoke. He vowed … His call …")
    if (!wanted(i)) {
      resolved.push(out);
      return;
    }
    const previous = [...(bySentence[i - 1] ?? []), ...(resolved[i - 1] ?? [])];
    for (const m of text.slice(s.start, s.end).matchAll(PRONOUN)) {
      const start = s.start + (m.index ?? 0);
      if (quoted(start)) continue;
      const gender = genderOf(m[0]);
      const before = here.filter((x) => x.end <= start && fits(x, gender));
      const pool = before.length ? before : previous.filter((x) => fits(x, gender));
      const ids = new Set(pool.map((x) => x.actorId));
      if (ids.size !== 1) continue;
      out.push({ start, end: start + m[0].length, text: m[0], actorId: [...ids][0]!, via: 'pronoun' });
    }
    resolved.push(out);
  });
  return resolved;
}
