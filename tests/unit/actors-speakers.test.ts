import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runPipeline } from '../../ingest/pipeline.ts';
import { speakerForPhrase, speakerHead } from '../../ingest/stages/actors.ts';
import type { Actor } from '../../ingest/types.ts';

/** Resolves the phrase `phrase` (its first occurrence in `text`) after the actors stage. */
function speaker(text: string, phrase: string, known?: Map<string, Actor>) {
  const d = runPipeline({ file: 't.txt', text, title: 'T', source: 'S', url: null, published: '2016-03-01' }, 'actors');
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`no "${phrase}" in the text`);
  return speakerForPhrase(text, { start, end: start + phrase.length }, known ?? d.actors, d.mentions);
}

describe('speakerForPhrase', () => {
  it('returns a named or described actor in the phrase, cutting appositives and relative clauses', () => {
    const r = speaker('Walt Pemberton, a rancher, said so.', 'Walt Pemberton, a rancher,');
    expect(r?.actor.id).toBe('walt-pemberton');
    expect(r?.rule).toBe('mention');
    expect(speakerHead('and Walt Pemberton, who runs the ranch,').head).toBe('Walt Pemberton');
  });

  it('gives a party-state tag to the person named just before it', () => {
    const text = 'Sen. Ann Tully (D-Mass.) said the bill would pass.';
    expect(speaker(text, '(D-Mass.)')?.actor.id).toBe('ann-tully');
  });

  it('makes common-noun and quantified sources actors of their own: groups or unnamed individuals', () => {
    const text = 'Police said the road was closed. Critics say it is late. Nearly 8 in 10 voters said yes. A reporter asked why. Some insiders disagree.';
    const police = speaker(text, 'Police');
    expect(police).toMatchObject({ rule: 'group', created: true });
    expect(police?.actor).toMatchObject({ name: 'Police', type: 'group', local: true });
    expect(speaker(text, 'Nearly 8 in 10 voters')?.actor.type).toBe('group');
    expect(speaker(text, 'A reporter')).toMatchObject({ rule: 'anonymous', actor: { name: 'reporter', type: 'anonymous' } });
    expect(speaker(text, 'Some insiders')?.actor.name).toBe('Some insiders');
  });

  it('names someone by relation to a person: "his lawyer", "a spokeswoman for X", "X\'s campaign"', () => {
    const text = 'Walt Pemberton denied it. His lawyer said the case was weak. A spokeswoman for Ada Kell said nothing. Pemberton’s campaign objected.';
    expect(speaker(text, 'His lawyer')?.actor.name).toBe("Walt Pemberton's lawyer");
    expect(speaker(text, 'A spokeswoman for Ada Kell')?.actor.name).toBe('spokeswoman for Ada Kell');
    expect(speaker(text, 'Pemberton’s campaign')?.actor).toMatchObject({ name: 'Walt Pemberton campaign', type: 'organization' });
  });

  it('makes coordinated and referred-back pairs one collective actor with its members', () => {
    const text = 'Walt Pemberton and Ada Kell said in a joint statement that talks would go on. Later the two leaders met.';
    const pair = speaker(text, 'Walt Pemberton and Ada Kell');
    expect(pair).toMatchObject({ rule: 'collective', members: ['walt-pemberton', 'ada-kell'] });
    const back = speaker(text, 'the two leaders');
    expect(back?.actor.id).toBe(pair?.actor.id);
  });

  it('makes documents speakers, and "the poll" the poll named before', () => {
    const text = 'A new Quinnipiac poll released Thursday found a tie. The poll also said voters were tired.';
    const first = speaker(text, 'A new Quinnipiac poll released Thursday');
    expect(first).toMatchObject({ rule: 'document', actor: { name: 'new Quinnipiac poll' } });
    const known = new Map(runPipeline({ file: 't.txt', text, title: 'T', source: 'S', url: null, published: '2016-03-01' }, 'actors').actors);
    known.set(first!.actor.id, first!.actor);
    expect(speaker(text, 'The poll', known)?.actor.id).toBe(first!.actor.id);
  });

  it('keeps an unresolvable phrase as an actor named by the phrase, never dropping it', () => {
    const r = speaker('The view from the back row was that nobody knew.', 'The view from the back row');
    expect(r).toMatchObject({ rule: 'unresolved', created: true, actor: { local: true } });
    expect(r?.actor.name).toBe('view from the back row');
  });

  it('returns null for pronouns and for clause fragments a frame finder cut wrongly', () => {
    const text = 'He said so. She has since left. Mr said it. Wearing a shirt said nothing. A self- said it.';
    expect(speaker(text, 'He')).toBeNull();
    expect(speaker(text, 'She has since')).toBeNull();
    expect(speaker(text, 'Mr')).toBeNull();
    expect(speaker('They were wearing a shirt.', 'wearing a shirt')).toBeNull();
    expect(speaker(text, 'A self-')).toBeNull();
  });
});

describe('the people vocabulary', () => {
  it('is checked at load: a bad entry names the file and the field', async () => {
    const { parsePeopleVocabulary } = await import('../../ingest/text/names.ts');
    const good = JSON.parse(readFileSync('ingest/data/people.json', 'utf8'));
    expect(() => parsePeopleVocabulary(good, 'people.json')).not.toThrow();
    expect(() => parsePeopleVocabulary({ ...good, titles: 'governor' }, 'my/people.json')).toThrow(/^my\/people\.json: titles: /);
    expect(() => parsePeopleVocabulary({ ...good, bodyHeads: { poll: 'survey' } }, 'p.json')).toThrow(/p\.json: bodyHeads\.poll/);
    expect(() => parsePeopleVocabulary([], 'p.json')).toThrow(/p\.json/);
  });
});

describe('speaker phrases from real-looking clauses', () => {
  it('finds the person a bare role description refers to nearby, when the description has no other clue', () => {
    const text = 'Walt Pemberton, a retired neurosurgeon, toured Iowa. Hours later the retired neurosurgeon said he was staying.';
    expect(speaker(text, 'the retired neurosurgeon')?.actor.id).toBe('walt-pemberton');
  });

  it('does not throw on odd input and stays null or an actor', () => {
    const odd = ['', ' ', '—', '(', '’s', '“', 'the the the', '123 456', 'A'.repeat(300), 'and and', 'D-', '(R-'];
    for (const phrase of odd) {
      const text = `x ${phrase} said y.`;
      const r = speakerForPhrase(text, { start: 2, end: 2 + phrase.length }, new Map(), []);
      expect(r === null || typeof r.actor.id === 'string').toBe(true);
    }
  });
});

describe('the campaign', () => {
  it('is the campaign of the candidate named last nearby', () => {
    const text = 'Republican presidential candidate Walt Pemberton spoke in Iowa. The campaign said it raised $2 million.';
    expect(speaker(text, 'The campaign')?.actor).toMatchObject({ name: 'Walt Pemberton campaign', type: 'organization' });
  });
});
