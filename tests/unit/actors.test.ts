import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../ingest/pipeline.ts';

const actorsOf = (text: string, published = '2020-03-01') => runPipeline({ file: 't.txt', text, title: 'T', source: 'S', url: null, published }, 'actors');

describe('actors stage', () => {
  it('maps dictionary aliases, demonyms and capital metonyms to one canonical actor', () => {
    const d = actorsOf('Washington and Baghdad disagree. U.S. troops stay; Iraqi lawmakers object; the United States waits.');
    const us = d.mentions.filter((m) => m.actorId === 'united-states').map((m) => m.text);
    expect(us).toEqual(expect.arrayContaining(['Washington', 'United States']));
    expect(d.mentions.find((m) => m.text === 'Baghdad')?.actorId).toBe('iraq');
  });

  it('finds people no dictionary knows, after titles, by first names, or before a speech verb', () => {
    const d = actorsOf('Col. Dana Whitfield arrived. Later Yasmin Haddad said the bridge was closed. Karim Touma, an analyst, disagreed.');
    const people = [...d.actors.values()].filter((a) => a.type === 'person').map((a) => a.name);
    expect(people).toEqual(expect.arrayContaining(['Dana Whitfield', 'Yasmin Haddad', 'Karim Touma']));
  });

  it('reads a two-author byline as two people, and never runs a name across a line break', () => {
    const d = actorsOf('By Dana Whitfield and Omar Haddad\n\nToday the talks resumed.');
    const people = [...d.actors.values()].filter((a) => a.type === 'person').map((a) => a.name);
    expect(people).toEqual(['Dana Whitfield', 'Omar Haddad']);
  });

  it('finds organisations by their head word and does not take sentence starters for names', () => {
    const d = actorsOf('The Center for Regional Security Studies published a report. But Monday was quiet.');
    const names = [...d.actors.values()].map((a) => a.name);
    expect(names).toContain('Center for Regional Security Studies');
    expect(names.some((n) => /Monday|But/.test(n))).toBe(false);
  });

  it('links a surname to the full name seen earlier in the article', () => {
    const d = actorsOf('Lena Okafor, a fellow at the Brookings Institution, spoke. Okafor said little.');
    const ids = d.mentions.filter((m) => /Okafor/.test(m.text)).map((m) => m.actorId);
    expect(new Set(ids).size).toBe(1);
    expect(ids).toHaveLength(2);
  });

  it('reads roles and affiliations from appositives', () => {
    const d = actorsOf('Lena Okafor, a senior fellow at the Brookings Institution, said the plan was sound.');
    const a = [...d.actors.values()].find((x) => x.name === 'Lena Okafor')!;
    expect(a.description).toBe('senior fellow at the Brookings Institution');
    expect(a.affiliation).toBe(d.mentions.find((m) => /Brookings/.test(m.text))!.actorId);
  });

  it('resolves a misspelt name after a title to the office holder at that date', () => {
    const d = actorsOf('US Defense Secretary Jim Mattiss said the fight goes on.', '2017-11-20');
    expect(d.mentions.find((m) => m.text === 'Jim Mattiss')?.actorId).toBe('jim-mattis');
  });

  it('resolves an office phrase without a name to the holder at the publication date', () => {
    expect(actorsOf('Iraq’s foreign minister arrived.', '2024-01-24').mentions.find((m) => /foreign minister/.test(m.text))?.actorId).toBe('fuad-hussein');
    expect(actorsOf('Iraq’s foreign minister arrived.', '2012-01-24').mentions.find((m) => /foreign minister/.test(m.text))?.actorId).toBe('hoshyar-zebari');
  });
});
