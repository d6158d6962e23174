/**
 * Tagger slips around cue verbs, fixed in the attribution wing's own copy of a sentence (the memoised
 * tags other stages read are left alone):
 *   - a cue form tagged as a noun or adjective where it can only be the verb: after its subject and
 *     before its complement ("Six in 10 say/NOUN he is …", "Labor leaders point/NOUN out that …",
 *     "the Tribune reports/NOUN.", "is promising/ADJ to …", "…, promising/ADJ to …");
 *   - a capitalised word tagged as a verb right before a cue verb at the start of a clause is a name
 *     ("Cook/VERB said …", "Bush/VERB told …");
 *   - a headline verb in title case after a name ("Clinton Says Russians Hacked DNC").
 */
import { withTags, type Pos, type TaggedSentence, type Token } from '../syntax/index.ts';
import { cueVerbsFor, type Vocabulary } from './vocabulary.ts';

const DETERMINER = /^(?:a|an|the|this|that|these|those|his|her|its|their|our|my|your|no|every|each|any|some|another|whose)$/;
const SUBJECT_PRONOUN = /^(?:i|we|you|he|she|they|it|some|many|most|others|few|both|all|none|several|one)$/;
const TITLE_CASE_MIN = 0.6;
/** sentence-opening adverbs and imperatives that are no names ("Later said …" does not occur, "Also said" is rare, "Consider …") */
const CLAUSE_OPENER = /^(?:also|later|then|still|again|never|often|once|now|just|only|even|instead|meanwhile|here|there|so|yet|please|consider|let|imagine|note|read|ask|tell|say|see|look)$/;

/** Does a (subject) phrase end at token i: a noun, a name, a number, "%", a subject pronoun? */
function endsSubject(tk: Token[], i: number): boolean {
  const t = tk[i];
  if (!t) return false;
  if (t.pos === 'PRON') return SUBJECT_PRONOUN.test(t.lower);
  if (!/^(?:NOUN|PROPN|NUM)$/.test(t.pos) && t.text !== '%') return false;
  // "the state", "an estimated": no subject is a lone determiner's noun phrase head before another noun
  return !DETERMINER.test(t.lower);
}

/** What may follow a cue verb: a complementiser, a subject, an infinitive, the particle, or the clause's end. */
function opensComplement(tk: Token[], i: number, particles: Set<string>): boolean {
  const n = tk[i];
  if (!n) return true;
  if (particles.has(n.lower)) return true;
  // "that" right before a verb is a relative pronoun ("the press reports that hurt him"), not a complementiser
  if (n.lower === 'that') return !(/^(?:VERB|AUX)$/.test(tk[i + 1]?.pos ?? '') && !/ing$/.test(tk[i + 1]!.lower));
  if (n.lower === 'to') return tk[i + 1]?.pos === 'VERB' || tk[i + 1]?.pos === 'AUX';
  if (/^[.,;:!?]$/.test(n.text)) return true;
  if (/^(?:PRON|DET|PROPN|NUM)$/.test(n.pos)) return true;
  return false;
}

export function fixCueTags(ts: TaggedSentence, vocab: Vocabulary): TaggedSentence {
  const tk = ts.tokens;
  const changes = new Map<number, { pos: Pos; lemma?: string }>();
  const words = tk.filter((t) => /^[A-Za-z]/.test(t.text));
  const titleCase = words.length > 2 && words.filter((t) => /^[A-Z]/.test(t.text)).length > TITLE_CASE_MIN * words.length;
  for (let i = 0; i < tk.length; i++) {
    const t = tk[i]!;
    const lower = t.lower;
    const entries = cueVerbsFor(vocab, lower);
    if (entries.length && t.pos !== 'VERB') {
      const lemma = entries[0]!.lemma.split(' ')[0]!;
      const particles = new Set(entries.map((e) => e.particle).filter((p): p is string => !!p));
      const prev = tk[i - 1];
      const ing = lower.endsWith('ing');
      const capital = /^[A-Z]/.test(t.text);
      let verb = false;
      if (titleCase && capital && t.pos === 'PROPN') {
        // a headline: "Mike Pence Calls for …", "Rubio Says …" (a name before it, a complement after)
        verb = !!prev && prev.pos === 'PROPN' && /^[A-Z]/.test(prev.text) && !!tk[i + 1] && (/^[A-Z]/.test(tk[i + 1]!.text) || particles.has(tk[i + 1]!.lower));
      } else if (!capital && (t.pos === 'NOUN' || t.pos === 'ADJ')) {
        if (ing) {
          // "is promising to …", "…, promising to …", "wasn't so much saying that …"
          const before = prev && (prev.pos === 'AUX' || prev.text === ',' || (prev.pos === 'ADV' && tk[i - 2]?.pos === 'AUX'));
          verb = !!before && opensComplement(tk, i + 1, particles) && !/^[.,;:!?]$/.test(tk[i + 1]?.text ?? '.');
        } else {
          // "Six in 10 say he …", "Pew notes that …", "the Chicago Tribune reports."
          // ("the press reports." stays a noun; "X, a consultant, notes that …" follows an appositive's comma)
          // ("… denies any wrongdoing and points/NOUN out that …": a coordinated verb before its particle or "that")
          const afterAppositive = (prev?.text === ',' || prev?.pos === 'CCONJ') && (tk[i + 1]?.lower === 'that' || particles.has(tk[i + 1]?.lower ?? ''));
          verb = (endsSubject(tk, i - 1) || afterAppositive) && opensComplement(tk, i + 1, particles) && !(tk[i - 2] && DETERMINER.test(tk[i - 2]!.lower) && tk[i - 1]!.pos === 'NOUN' && /^[.,;:!?]$/.test(tk[i + 1]?.text ?? '.'));
        }
      }
      if (verb) changes.set(i, { pos: 'VERB', lemma });
    }
    // "Cook/VERB said", "Jolly/ADV said": a capitalised word starting a clause right before a finite cue verb is a name;
    // "Grant/VERB Young said": so is one before a surname
    if (/^(?:VERB|ADV|ADJ|NOUN)$/.test(t.pos) && /^[A-Z][a-z]+$/.test(t.text) && !CLAUSE_OPENER.test(lower) && !titleCase && (i === 0 || /^[,;:(“"‘]$/.test(tk[i - 1]!.text))) {
      const n = tk[i + 1];
      if (n && n.pos === 'VERB' && cueVerbsFor(vocab, n.lower, n.lemma).length && n.lower !== n.lemma) changes.set(i, { pos: 'PROPN', lemma: lower });
      else if (i === 0 && t.pos !== 'NOUN' && n && n.pos === 'PROPN' && /^[A-Z][a-z]+$/.test(n.text) && tk.slice(i + 2).some((x) => x.pos === 'VERB' && cueVerbsFor(vocab, x.lower, x.lemma).length > 0)) changes.set(i, { pos: 'PROPN', lemma: lower });
    }
  }
  return withTags(ts, changes);
}
