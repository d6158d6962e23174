/**
 * Who says a direct quote: the constructions that hand a quotation to its speaker, and the
 * resolution of that speaker. Every sentence is invented for these tests (no corpus text).
 */
import { describe, expect, it } from 'vitest';
import { titleRunBefore } from '../../ingest/attribution/speakers.ts';
import { extractArticle } from '../../ingest/pipeline.ts';

const run = (text: string) => extractArticle({ file: 't.txt', text, title: 'T', source: 'S', url: null, published: '2016-03-02' });
const quotes = (text: string) => {
  const d = run(text);
  return d.statements.filter((s) => s.kind === 'direct').map((s) => ({ speaker: d.actors.get(s.speakerId)!.name, text: s.text, rule: s.rule }));
};

describe('a comma before an opening quotation introduces it', () => {
  it('"X said, “…”" gives the quote to X', () => {
    const r = quotes('Opening line of the story.\n\nMarta Velasquez said, “We will rebuild the pier before the summer.”');
    expect(r).toEqual([{ speaker: 'Marta Velasquez', text: 'We will rebuild the pier before the summer.', rule: 'quote:intro' }]);
  });
  it('with a question cue and adjuncts before the comma', () => {
    const r = quotes('Opening line of the story.\n\nThe harbor master asked on Friday, “Who will pay for the dredging?”');
    expect(r.map((x) => x.text)).toEqual(['Who will pay for the dredging?']);
    expect(r[0]!.speaker.toLowerCase()).toContain('harbor master');
  });
  it('a quote split by its attribution keeps one speaker for both halves', () => {
    const r = quotes('Opening line of the story.\n\n“The pier is safe,” Marta Velasquez said, “but the boardwalk is not.”');
    expect(r.map((x) => x.speaker)).toEqual(['Marta Velasquez', 'Marta Velasquez']);
  });
});

describe('a definite description finds its antecedent by the title written before a name, not any words before it', () => {
  it('reads only the adjacent title run', () => {
    const t = 'Yesterday harbor press secretary Lena Ortiz spoke; the board aimed its weekly newsletter at Tom Reyes.';
    expect(titleRunBefore(t, t.indexOf('Lena'))).toBe('Yesterday harbor press secretary');
    expect(titleRunBefore(t, t.indexOf('Tom'))).toBe('');
    expect(titleRunBefore('said former Ohio Gov. Ed Kane', 'said former Ohio Gov. Ed Kane'.indexOf('Ed'))).toBe('former Ohio Gov.');
  });
  it('"the newsletter said" is not the person the newsletter was aimed at', () => {
    const r = quotes('Opening line of the story.\n\nThe harbor board aimed its weekly newsletter at Tom Reyes on Monday.\n\n“The pier needs a new owner,” the newsletter said.');
    expect(r).toHaveLength(1);
    expect(r[0]!.speaker).not.toBe('Tom Reyes');
    expect(r[0]!.speaker.toLowerCase()).toContain('newsletter');
  });
});

describe('a pronoun after a quote refers back past the names inside the quote', () => {
  it('"“… Tom Miller …,” he said" is the speaker before, not the man the quote names', () => {
    const r = quotes('Opening line of the story.\n\n“The party needs new faces,” Marco Benedetti says.\n\n“Voters rejected Tom Miller twice. They wanted change,” he points out.');
    expect(r.map((x) => x.speaker)).toEqual(['Marco Benedetti', 'Marco Benedetti']);
  });
  it('a name outside the quote is still the antecedent', () => {
    const r = quotes('Opening line of the story.\n\nTom Miller spoke to the crowd at noon. “We will win,” he said.');
    expect(r.map((x) => x.speaker)).toEqual(['Tom Miller']);
  });
});

describe('a description names a person only through a role noun, matched as a whole word', () => {
  it('"the state said" is not the secretary of state named before', () => {
    const r = quotes('Opening line of the story.\n\nSecretary of state Tom Reyes opened the hearing.\n\n“The fees will rise in May,” the state said.');
    expect(r).toHaveLength(1);
    expect(r[0]!.speaker).not.toBe('Tom Reyes');
  });
  it('"the host said" is still the host named before, and the description is kept as his mention', () => {
    const d = run('Opening line of the story.\n\nRadio host Tom Reyes opened the show.\n\n“We have a great guest,” the host said.');
    const q = d.statements.find((s) => s.kind === 'direct')!;
    expect(d.actors.get(q.speakerId)!.name).toBe('Tom Reyes');
    expect(d.mentions.some((m) => m.actorId === q.speakerId && m.text === 'the host')).toBe(true);
  });
});

describe('a time word is never the speaker', () => {
  it('"X later Thursday told …" is X', () => {
    const r = quotes('Opening line of the story.\n\nRalph Emery later Thursday told the radio station: “Both men should sit down and talk.”');
    expect(r.map((x) => x.speaker)).toEqual(['Ralph Emery']);
  });
  it('"a report published Wednesday said …" is the report', () => {
    const d = run('Opening line of the story.\n\nA county report published Wednesday said the levee had failed twice.');
    const s = d.statements.find((x) => x.kind === 'indirect')!;
    expect(d.actors.get(s.speakerId)!.name.toLowerCase()).toContain('report');
  });
});
