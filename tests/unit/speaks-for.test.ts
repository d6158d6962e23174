/** The speaks-for stage: proxy speakers (offices, spokespeople, seats of office) linked to the person they speak for, at the statement's date. */
import { describe, expect, it } from 'vitest';
import { validateGraphRecords } from '../../cypher/schema.ts';
import { runPipeline } from '../../ingest/pipeline.ts';
import { toPredictions } from '../../ingest/predictions.ts';
import { toGraphRecords } from '../../ingest/stages/records.ts';
import { proxyTarget, speaksForStage } from '../../ingest/stages/speaks-for.ts';
import type { Doc } from '../../ingest/types.ts';

const doc = (text: string, published: string): Doc => runPipeline({ file: 'own.txt', text, title: 'Own test article', source: 'Test Wire', url: null, published });
/**
 * "person [title] rule date" for every speaks_for relation of a document, after checking that it
 * leaves from the speaker of the statement it was read from (whatever id the actors stage gave the proxy).
 */
const links = (d: Doc) =>
  d.relations
    .filter((r) => r.kind === 'speaks_for')
    .map((r) => {
      expect(r.from).toBe(d.statements[r.statementIndex!]!.speakerId);
      return `${r.to} [${r.title ?? ''}] ${r.rule} ${r.date.value}`;
    });
const people = (d: Doc) => d.relations.filter((r) => r.kind === 'speaks_for').map((r) => r.to);

describe('proxyTarget', () => {
  it('reads "office of X", "X\'s office", "a spokeswoman for X", "aides to X", compounds', () => {
    expect(proxyTarget('the office of the Iraqi premier')).toBe('iraqi premier');
    expect(proxyTarget('Jane Roe’s press office')).toBe('jane roe');
    expect(proxyTarget('a senior spokeswoman for President Jane Roe')).toBe('president jane roe');
    expect(proxyTarget('aides to the foreign minister')).toBe('foreign minister');
    expect(proxyTarget("the prime minister's office")).toBe('prime minister');
    expect(proxyTarget('a Ruritanian government spokesman')).toBe('ruritanian government');
  });
  it('is null for speakers that are not someone else’s voice', () => {
    for (const s of ['a US official', 'the ministry', 'officials', 'Jane Roe', 'the office', 'spokesman']) expect(proxyTarget(s), s).toBeNull();
  });
  it('never throws and stays fast on odd input', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const bits = ['office', ' of ', "'s", ' the ', 'spokesman', ' for ', 'senior ', '’', 'aides', ' ', 'X', '.', 'press ', 'é'];
    const t0 = process.cpuUsage();
    for (let i = 0; i < 3000; i++) {
      const s = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => bits[Math.floor(rnd() * bits.length)]).join('');
      const t = proxyTarget(s);
      if (t !== null) expect(t.length).toBeGreaterThanOrEqual(3);
    }
    // a regex that backtracks catastrophically would take seconds here (loose bound; not a speed target)
    expect(process.cpuUsage(t0).user / 1e6).toBeLessThan(5);
  });
});

describe('speaks-for stage', () => {
  it('a spokesperson for a bare title speaks for the holder at the statement’s date, not one fixed person', () => {
    const text = 'A spokesman for the prime minister said the government would not accept foreign combat troops on its soil.';
    expect(links(doc(text, '2016-03-02'))).toEqual(['haider-al-abadi [Prime Minister of Iraq] speaks-for.office 2016-03-02']);
    expect(people(doc(text, '2009-06-10'))).toEqual(['nouri-al-maliki']);
  });

  it('the statement’s own date decides, not the publication date', () => {
    const d = doc('A spokesman for the prime minister said in March 2010 that the last combat brigade would go home on time.', '2016-03-02');
    expect(d.statements.map((s) => s.date?.value)).toEqual(['2010-03']);
    expect(links(d)).toEqual(['nouri-al-maliki [Prime Minister of Iraq] speaks-for.office 2010-03']);
  });

  it('a bare title goes to the office holder the article itself names (another country’s prime minister)', () => {
    const d = doc('Turkish Prime Minister Recep Tayyip Erdogan met opposition leaders in Ankara. A spokesman for the prime minister said the meetings had been constructive.', '2012-04-20');
    expect(links(d)).toEqual(['recep-tayyip-erdogan [Prime Minister of Turkey] speaks-for.office 2012-04-20']);
  });

  it('an office that names its holder speaks for that person', () => {
    const d = doc("Maliki's office said in a statement that the security agreement would be honoured to the letter.", '2009-11-15');
    expect(links(d)).toEqual(['nouri-al-maliki [Prime Minister of Iraq] speaks-for.named 2009-11-15']);
  });

  it('an office named by its title and country speaks for its holder then', () => {
    const d = doc('The office of the Iraqi prime minister said the new law would be sent to parliament next week.', '2013-02-11');
    expect(people(d)).toEqual(['nouri-al-maliki']);
  });

  it('a seat of office ("Office of the US President" in the dictionary) speaks for the president at the date', () => {
    const text = 'The White House said on Monday that the drawdown of combat brigades remained on schedule.';
    expect(links(doc(text, '2010-05-03'))).toEqual(['barack-obama [President of the United States] speaks-for.seat 2010-05-03']);
    expect(people(doc(text, '2019-06-03'))).toEqual(['donald-trump']);
  });

  it('links nobody when the proxy speaks for a body or the speaker is no proxy', () => {
    const d = doc('A Pentagon spokesman said the advisers would stay. A US official said talks would continue. Jane Roe said nothing had changed.', '2016-03-02');
    expect(d.statements.length).toBeGreaterThanOrEqual(2);
    expect(links(d)).toEqual([]);
  });

  it('a person only the article knows (found by name, not in the dictionary) is spoken for by name', () => {
    const base = doc('Governor Wilhelmina Quaxley opened the bridge on Friday.', '2022-05-06');
    const actors = new Map(base.actors);
    actors.set('office-of-wilhelmina-quaxley', { id: 'office-of-wilhelmina-quaxley', name: 'the office of Wilhelmina Quaxley', type: 'organization', aliases: [], description: null, affiliation: null, local: true });
    const person = [...actors.values()].find((a) => a.type === 'person' && a.name.includes('Quaxley'));
    expect(person, 'NER finds the governor').toBeDefined();
    const d = speaksForStage({
      ...base,
      actors,
      statements: [{ kind: 'indirect', text: 'the bridge was safe', cue: 'said', speakerId: 'office-of-wilhelmina-quaxley', speakerMention: 'the office of Wilhelmina Quaxley', start: 0, end: 10, attribution: { start: 0, end: 10 } }],
    });
    expect(people(d)).toEqual([person!.id]);
  });

  it('keeps speaks_for out of the predictions but stores it as a RELATES edge the schema accepts', () => {
    const d = doc('A spokeswoman for the prime minister said on Tuesday that the talks would resume. The White House said it welcomed the talks.', '2015-02-03');
    expect(people(d).sort()).toEqual(['barack-obama', 'haider-al-abadi']);
    expect(toPredictions(d).relations.map((r) => r.kind)).not.toContain('speaks_for');
    const rec = toGraphRecords(d);
    validateGraphRecords(rec);
    const edges = rec.rels.RELATES.filter((r) => r.kind === 'speaks_for');
    expect(edges).toHaveLength(2);
    for (const e of edges) {
      // both ends are actor nodes of the batch (the person is added even when the article never names them)
      expect(rec.nodes.Actor.some((a) => a.id === e.from), e.from).toBe(true);
      expect(rec.nodes.Actor.some((a) => a.id === e.to), e.to).toBe(true);
      expect(d.input.text.slice(e.start, e.end)).toBe(e.evidence);
      expect(e.articleId).toBe(d.articleId);
    }
    // the anonymous spokeswoman is scoped to her article; the edge leaves from that scoped id
    const spokes = rec.rels.SAID.find((s) => rec.nodes.Statement.find((x) => x.id === s.to)?.speakerMention.includes('spokeswoman'))!;
    expect(edges.map((e) => e.from)).toContain(spokes.from);
  });

  it('is idempotent per proxy, person and date (two statements, one relation)', () => {
    const d = doc('The White House said the talks would resume. The White House also said that no date had been set.', '2015-02-03');
    expect(d.statements.filter((s) => s.speakerId === 'white-house').length).toBe(2);
    expect(people(d)).toEqual(['barack-obama']);
  });
});
