import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../ingest/pipeline.ts';
import type { Doc } from '../../ingest/types.ts';

const actorsOf = (text: string, published = '2016-03-01') => runPipeline({ file: 't.txt', text, title: 'T', source: 'S', url: null, published }, 'actors');
const idAt = (d: Doc, surface: string, nth = 0) => d.mentions.filter((m) => m.text === surface)[nth]?.actorId;
const people = (d: Doc) => [...d.actors.values()].filter((a) => a.type === 'person').map((a) => a.name);

describe('names no dictionary knows', () => {
  it('takes the name after a compound title and keeps the title as the description', () => {
    const d = actorsOf('Former Nebraska Gov. Walt Pemberton spoke first. Then Senate Majority Leader Rosa Quillfeather took questions, and Homeland Security Secretary Ike Danforth left.');
    expect(people(d)).toEqual(expect.arrayContaining(['Walt Pemberton', 'Rosa Quillfeather', 'Ike Danforth']));
    expect(d.actors.get('walt-pemberton')?.description).toBe('Former Nebraska Gov.');
    expect(people(d).some((n) => /Gov|Leader|Secretary|Senate/.test(n))).toBe(false);
  });

  it('reads names with inner capitals, apostrophes, hyphens and particles whole', () => {
    const d = actorsOf('Sen. Angus MacTavish, Rep. Fiona O’Dwyer, Mayor Lucia Ortiz-Varela and Judge Pieter van der Berg met Gov. Dale DeWitt.');
    expect(people(d)).toEqual(expect.arrayContaining(['Angus MacTavish', 'Fiona O’Dwyer', 'Lucia Ortiz-Varela', 'Dale DeWitt']));
    expect(people(d).some((n) => /^Mac$|^O$|^De$/.test(n))).toBe(false);
  });

  it('does not read an organisation, a common word after a title, or a plural source as a person', () => {
    const d = actorsOf('The Center for Coastal Policy Studies hired staff. Police said the road was closed. Critics said the plan failed. General Motors said sales rose.');
    expect(people(d)).toEqual([]);
    expect([...d.actors.values()].map((a) => a.name)).toContain('Center for Coastal Policy Studies');
  });

  it('takes a lone capitalised word as a person before a speech verb, but not a common word', () => {
    const d = actorsOf('“We will win,” Quillfeather said. Tower said nothing, and the tower fell.');
    expect(people(d)).toContain('Quillfeather');
    expect(people(d)).not.toContain('Tower');
  });

  it('keeps "X of Place" as the person, not the place', () => {
    const d = actorsOf('Sen. Orla Brannigan of Vermont objected.');
    expect(people(d)).toEqual(['Orla Brannigan']);
  });
});

describe('surnames and honorifics', () => {
  it('links a surname, an honorific form and a titled form to the person named in full, even before the full name', () => {
    const d = actorsOf('Pemberton wins. Walt Pemberton, a rancher, said he was pleased. Mr. Pemberton later left; Gov. Pemberton returns Monday.');
    const ids = d.mentions.filter((m) => /Pemberton/.test(m.text)).map((m) => m.actorId);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids)).toEqual(new Set(['walt-pemberton']));
  });

  it('sends a shared surname to the most recent full mention, or to the one the honorific fits', () => {
    const d = actorsOf('Martha Quillfeather met her husband, Thomas Quillfeather. Quillfeather said he was tired. Later Mrs. Quillfeather said she was not.');
    const said = d.mentions.filter((m) => m.text === 'Quillfeather').map((m) => m.actorId);
    expect(said[0]).toBe('thomas-quillfeather'); // named last before
    expect(said[1]).toBe('martha-quillfeather'); // "Mrs."
  });

  it('links a first name alone to the only person of the article called so', () => {
    const d = actorsOf('Rosalind Achterberg spoke in Ohio. Supporters chanted “Rosalind!” as Achterberg left.');
    expect(idAt(d, 'Rosalind', 0)).toBe('rosalind-achterberg');
  });

  it('does not link a surname inside another name', () => {
    const d = actorsOf('Walt Pemberton spoke. Kyle Pemberton, his nephew, said little.');
    expect(idAt(d, 'Kyle Pemberton')).toBe('kyle-pemberton');
  });
});

describe('definite descriptions', () => {
  it('links "the <state> <role>" to the person described so earlier, and not to another with the same role', () => {
    const d = actorsOf('Nebraska Gov. Walt Pemberton and Idaho Gov. Ada Kell met. The Nebraska governor said little. Kell left; the governor was tired.');
    const nominal = d.mentions.filter((m) => m.via === 'nominal');
    expect(nominal.find((m) => m.text === 'The Nebraska governor')?.actorId).toBe('walt-pemberton');
    expect(nominal.find((m) => m.text === 'the governor')?.actorId).toBe('ada-kell'); // the governor named last
  });

  it('reads roles from appositives, premodifiers and party-state tags', () => {
    const d = actorsOf('Orla Brannigan, the Republican nominee, spoke. Billionaire developer Hal Strick listened. Sen. Ann Tully (D-Mass.) left. The nominee smiled; the billionaire did not; the Massachusetts senator waved.');
    const of = (t: string) => d.mentions.find((m) => m.text === t)?.actorId;
    expect(of('The nominee')).toBe('orla-brannigan');
    expect(of('the billionaire')).toBe('hal-strick');
    expect(of('the Massachusetts senator')).toBe('ann-tully');
  });

  it('tells a former office from a current one', () => {
    const d = actorsOf('Former President Hal Strick and President Ada Kell spoke. The former president said the president was wrong.');
    expect(d.mentions.find((m) => m.text === 'The former president')?.actorId).toBe('hal-strick');
    expect(d.mentions.find((m) => m.text === 'the president')?.actorId).toBe('ada-kell');
  });

  it('leaves a description no one in the article fits unlinked', () => {
    const d = actorsOf('Walt Pemberton, a rancher, spoke. The senator disagreed.');
    expect(d.mentions.find((m) => m.text === 'The senator')).toBeUndefined();
  });

  it('links "the newspaper" to the news organisation named before it', () => {
    const d = actorsOf('The Springfield Gazette published the letter on Monday. The newspaper said it stood by the story.');
    const paper = d.mentions.find((m) => m.text === 'The newspaper');
    expect(paper?.actorId).toBe(d.mentions.find((m) => /Springfield Gazette/.test(m.text))?.actorId);
  });
});

describe('shared surnames', () => {
  it('reads an honorific or a title before a shared surname rather than taking the one named last', () => {
    const d = actorsOf('Hillary Clinton campaigned with her husband, Bill Clinton. Mrs. Clinton spoke first. Former President Clinton spoke next. Secretary Clinton closed.');
    const clintons = d.mentions.filter((m) => m.text === 'Clinton').map((m) => m.actorId);
    expect(clintons).toEqual(['hillary-clinton', 'bill-clinton', 'hillary-clinton']);
  });
});

describe('robustness', () => {
  it('never throws and keeps mentions inside the text, sorted and non-overlapping, on random news-like text', () => {
    // seeded, so a failure is reproducible
    let seed = 20161108;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ['Gov.', 'Sen.', 'Mr.', 'Mrs.', 'Former', 'Ohio', 'Senate', 'Majority', 'Leader', 'the', 'governor', 'said', 'Walt', 'Pemberton', 'McAllister', 'O’Dwyer', 'de', 'van', 'Jr.', 'III', '(R-Ohio)', ',', '.', '\n\n', '“', '”', 'and', 'Clinton', 'Hillary', 'Bill', 'police', 'The', 'Center', 'for', 'Studies', 'Bush', 'Iraq', 'the Republican nominee', 'the billionaire', '’s', '-', 'al-', 'Abu', 'President', 'U.S.', 'A.', 'J.'];
    for (let n = 0; n < 60; n++) {
      const words = Array.from({ length: 20 + Math.floor(rnd() * 200) }, () => pieces[Math.floor(rnd() * pieces.length)]!);
      const text = words.join(rnd() < 0.5 ? ' ' : '  ');
      const d = actorsOf(text);
      let end = 0;
      for (const m of d.mentions) {
        expect(m.start).toBeGreaterThanOrEqual(end);
        expect(m.end).toBeLessThanOrEqual(text.length);
        expect(text.slice(m.start, m.end)).toBe(m.text);
        expect(d.actors.has(m.actorId)).toBe(true);
        end = m.end;
      }
    }
  });
});
