/**
 * A small hand-made graph with known answers: two articles, four actors, five statements,
 * two issues, dated relations and positions. Used to check the read routes exactly.
 */
import { emptyGraphRecords, type GraphRecords, type StatementNode } from '../../cypher/schema.ts';

const A1_TEXT =
  'Iraqi Prime Minister Nouri al-Maliki said: "US troops will leave by the end of the year." ' +
  'Barack Obama said "We keep our promise." Maliki also told reporters that immunity is not possible.';
const A2_TEXT = 'Mohammed Shia al-Sudani said "The coalition mission must end." A US official said talks would continue.';

function stmt(p: Partial<StatementNode> & Pick<StatementNode, 'id' | 'text' | 'speakerId' | 'articleId' | 'date' | 'dateFrom' | 'dateTo'>, source: string): StatementNode {
  const start = source.indexOf(p.text);
  if (start < 0) throw new Error(`fixture text not found: ${p.text}`);
  return {
    kind: 'direct',
    cue: 'said',
    granularity: 'day',
    dateBasis: 'publication',
    dateEvidence: null,
    speakerMention: p.speakerId,
    start,
    end: start + p.text.length,
    ...p,
  };
}

export const FIXTURE_IDS = {
  article1: 'fixture-article-2011',
  article2: 'fixture-article-2024',
  maliki: 'nouri-al-maliki',
  obama: 'barack-obama',
  sudani: 'mohammed-shia-al-sudani',
  official: 'us-official',
  us: 'united-states',
  troops: 'us-troop-presence',
  immunity: 'immunity',
} as const;

export function fixtureRecords(): GraphRecords {
  const r = emptyGraphRecords();
  const I = FIXTURE_IDS;
  r.nodes.Article.push(
    { id: I.article1, file: 'a1.txt', title: 'Iraq talks 2011', source: 'Test Wire', url: 'https://example.org/a1', published: '2011-10-22', text: A1_TEXT, chars: A1_TEXT.length, complete: true },
    { id: I.article2, file: 'a2.txt', title: 'Iraq talks 2024', source: 'Test Wire', url: null, published: '2024-01-25', text: A2_TEXT, chars: A2_TEXT.length, complete: true },
  );
  r.nodes.Actor.push(
    { id: I.maliki, name: 'Nouri al-Maliki', type: 'person', aliases: ['Maliki', 'al-Maliki'], description: 'Prime Minister of Iraq', affiliation: null },
    { id: I.obama, name: 'Barack Obama', type: 'person', aliases: ['Obama'], description: 'President of the United States', affiliation: I.us },
    { id: I.sudani, name: 'Mohammed Shia al-Sudani', type: 'person', aliases: ['Sudani', 'al-Sudani'], description: null, affiliation: null },
    { id: I.official, name: 'US official', type: 'anonymous', aliases: ['a US official'], description: null, affiliation: I.us },
    { id: I.us, name: 'United States', type: 'country', aliases: ['US', 'Washington'], description: null, affiliation: null },
  );
  r.nodes.Issue.push(
    { id: I.troops, label: 'US troop presence', description: 'support: US troops stay; oppose: they leave' },
    { id: I.immunity, label: 'Immunity for US troops', description: 'support: immunity granted' },
  );
  const s = [
    stmt({ id: 's1', text: 'US troops will leave by the end of the year.', speakerId: I.maliki, articleId: I.article1, date: '2011-10-22', dateFrom: '2011-10-22', dateTo: '2011-10-22', dateEvidence: 'on Saturday' }, A1_TEXT),
    stmt({ id: 's2', text: 'We keep our promise.', speakerId: I.obama, articleId: I.article1, date: '2011-10', granularity: 'month', dateBasis: 'relative', dateFrom: '2011-10-01', dateTo: '2011-10-31' }, A1_TEXT),
    stmt({ id: 's3', text: 'immunity is not possible', kind: 'indirect', cue: 'told reporters', speakerId: I.maliki, articleId: I.article1, date: '2011-10-22', dateFrom: '2011-10-22', dateTo: '2011-10-22' }, A1_TEXT),
    stmt({ id: 's4', text: 'The coalition mission must end.', speakerId: I.sudani, articleId: I.article2, date: '2024-01-25', dateFrom: '2024-01-25', dateTo: '2024-01-25' }, A2_TEXT),
    stmt({ id: 's5', text: 'talks would continue', kind: 'indirect', speakerId: I.official, articleId: I.article2, date: '2024', granularity: 'year', dateBasis: 'explicit', dateFrom: '2024-01-01', dateTo: '2024-12-31' }, A2_TEXT),
  ];
  r.nodes.Statement.push(...s);
  for (const st of s) {
    r.rels.SAID.push({ from: st.speakerId, to: st.id, date: st.date, dateFrom: st.dateFrom, dateTo: st.dateTo, articleId: st.articleId });
    r.rels.REPORTED_IN.push({ from: st.id, to: st.articleId, articleId: st.articleId });
  }
  r.rels.ABOUT.push(
    { from: 's1', to: I.troops, stance: 'oppose', articleId: I.article1 },
    { from: 's3', to: I.immunity, stance: 'oppose', articleId: I.article1 },
    { from: 's4', to: I.troops, stance: 'oppose', articleId: I.article2 },
    { from: 's2', to: I.troops, stance: 'neutral', articleId: I.article1 },
  );
  r.rels.HOLDS_POSITION.push(
    { from: I.maliki, to: I.troops, stance: 'oppose', date: '2011-10-22', dateFrom: '2011-10-22', dateTo: '2011-10-22', articleId: I.article1, statementIds: ['s1'], evidence: 'US troops will leave' },
    { from: I.sudani, to: I.troops, stance: 'oppose', date: '2024-01-25', dateFrom: '2024-01-25', dateTo: '2024-01-25', articleId: I.article2, statementIds: ['s4'], evidence: null },
  );
  const rel = (from: string, to: string, kind: GraphRecords['rels']['RELATES'][number]['kind'], articleId: string, date: string, dateFrom: string, dateTo: string, title: string | null = null) =>
    r.rels.RELATES.push({ from, to, kind, articleId, date, dateFrom, dateTo, title, evidence: `${from} ${kind} ${to}`, start: 0, end: 10 });
  rel(I.maliki, I.obama, 'negotiates_with', I.article1, '2011-10-22', '2011-10-22', '2011-10-22');
  rel(I.obama, I.us, 'holds_office', I.article1, '2011', '2011-01-01', '2011-12-31', 'President');
  rel(I.official, I.us, 'member_of', I.article2, '2024-01-25', '2024-01-25', '2024-01-25');
  rel(I.sudani, I.us, 'pressures', I.article2, '2024-01-25', '2024-01-25', '2024-01-25');
  r.rels.MENTIONS.push({ from: I.article1, to: I.maliki, articleId: I.article1, forms: ['Maliki'], count: 2 });
  return r;
}
