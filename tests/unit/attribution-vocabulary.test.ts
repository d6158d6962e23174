/** The cue vocabulary: validated at load, inflections generated from lemmas, clear errors naming the file. */
import { describe, expect, it } from 'vitest';
import { VOCABULARY, cueVerbsFor, inflect, parseVocabulary, regularForms } from '../../ingest/attribution/vocabulary.ts';

const minimal = { verbs: { say: ['that'] }, speechNouns: [], anonymousHeads: [], anonymousModifiers: [], documentHeads: [], titles: [], orgHeads: [], bodyHeads: [] };

describe('attribution vocabulary', () => {
  it('generates the inflections of regular and irregular lemmas (none are listed in the data)', () => {
    expect(inflect('say')).toEqual(expect.arrayContaining(['say', 'says', 'said', 'saying']));
    expect(inflect('write')).toEqual(expect.arrayContaining(['wrote', 'written', 'writes']));
    expect(regularForms('quip')).toEqual(['quip', 'quips', 'quipped', 'quipping']);
    expect(regularForms('deny')).toEqual(['deny', 'denies', 'denied', 'denying']);
    expect(regularForms('argue')).toEqual(['argue', 'argues', 'argued', 'arguing']);
    expect(regularForms('stress')).toEqual(['stress', 'stresses', 'stressed', 'stressing']);
  });

  it('the shipped file lists lemmas only, and every form maps back to its lemma', () => {
    for (const key of Object.keys(VOCABULARY.file.verbs)) expect(key).toMatch(/^[a-z]+(?: [a-z]+)?$/);
    expect(VOCABULARY.file.verbs).not.toHaveProperty('said');
    expect(cueVerbsFor(VOCABULARY, 'told').map((v) => v.lemma)).toContain('tell');
    expect(cueVerbsFor(VOCABULARY, 'called', 'call').map((v) => v.lemma)).toEqual(expect.arrayContaining(['call for', 'call on']));
    expect(VOCABULARY.verbs.get('tell')!.features.has('addressee')).toBe(true);
    expect(VOCABULARY.candidate.test('the council said nothing')).toBe(true);
    expect(VOCABULARY.candidate.test('the council met at noon')).toBe(false);
  });

  it('a cue form right after an article or possessive is a noun: the sentence needs no tagging', () => {
    expect(VOCABULARY.candidate.test('An estimated 900 people came to the state fair.')).toBe(false);
    expect(VOCABULARY.candidate.test('Her post drew a crowd.')).toBe(false);
    // the same forms as verbs, and speech nouns with their determiners, still count
    expect(VOCABULARY.candidate.test('The board estimated that 900 people came.')).toBe(true);
    expect(VOCABULARY.candidate.test('The announcement came late.')).toBe(true);
    // a name ending in an accented letter then "a" is no article: "García said"
    expect(VOCABULARY.candidate.test('Ms. García said the vote was close.')).toBe(true);
  });

  it('rejects a bad entry with the file name and where it is', () => {
    expect(() => parseVocabulary({ ...minimal, verbs: { said: ['thatt'] } }, 'my-cues.json')).toThrow(/my-cues\.json: verbs\.said/);
    expect(() => parseVocabulary({ ...minimal, verbs: { Say: ['that'] } }, 'my-cues.json')).toThrow(/my-cues\.json/);
    expect(() => parseVocabulary({ ...minimal, verbs: { say: [] } }, 'c.json')).toThrow(/at least one feature/);
    expect(() => parseVocabulary({ ...minimal, speechVerbs: ['said'] }, 'c.json')).toThrow(/c\.json/);
    expect(() => parseVocabulary(null, 'c.json')).toThrow(/c\.json/);
    expect(parseVocabulary(minimal, 'ok.json').byForm.get('said')?.[0]?.lemma).toBe('say');
  });
});
