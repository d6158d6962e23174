/**
 * Who says a direct quote: the constructions that hand a quotation to its speaker, and the
 * resolution of that speaker. Every sentence is invented for these tests (no corpus text).
 */
import { describe, expect, it } from 'vitest';
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
