/** Hand-built GraphRecords for store tests (no dependency on the extractor). */
import { emptyGraphRecords, REL_TYPES, type GraphRecords } from '../../cypher/schema.ts';

/** Text with everything a naive CSV writer gets wrong: commas, quotes, newlines, backslashes, Arabic, emoji. */
export const NASTY = 'He said, "no deal" \u2014 \\ not now;\nالعراق 🇮🇶 \'end\'\r\n, "';

export interface FixtureOptions {
  /** Actor ids spoken by this article; shared ids across articles exercise alias merging. */
  actors?: string[];
  statements?: number;
  /** Extra alias put on every actor of this article. */
  alias?: string;
}

/** One article's subgraph: `n` makes the ids unique; actors are shared by id across articles. */
export function articleRecords(n: number, opts: FixtureOptions = {}): GraphRecords {
  const g = emptyGraphRecords();
  const articleId = `art-${n}`;
  const actors = opts.actors ?? ['nouri-al-maliki', 'us-government'];
  const nStatements = opts.statements ?? 3;
  g.nodes.Article.push({
    id: articleId,
    file: `article-${n}.txt`,
    title: `Talks, round ${n}`,
    source: 'Test Wire',
    url: n % 2 ? null : `https://example.org/${n}`,
    published: '2008-11-17',
    text: `Article ${n}. ${NASTY}`,
    chars: 100 + n,
    complete: true,
  });
  for (const a of actors) {
    g.nodes.Actor.push({
      id: a,
      name: a.replace(/-/g, ' '),
      type: a.includes('government') ? 'organization' : 'person',
      aliases: [a.toUpperCase(), ...(opts.alias ? [opts.alias] : [])],
      description: n === 0 ? null : `desc of ${a} from ${n}`,
      affiliation: null,
    });
  }
  g.nodes.Issue.push({ id: 'us-troop-presence', label: 'US troop presence', description: 'support = troops stay' });
  for (let s = 0; s < nStatements; s++) {
    const speaker = actors[s % actors.length]!;
    const sid = `${articleId}-st-${s}`;
    g.nodes.Statement.push({
      id: sid,
      text: `Statement ${s}: ${NASTY}`,
      kind: s % 2 ? 'indirect' : 'direct',
      cue: 'said',
      start: s * 10,
      end: s * 10 + 9,
      date: '2008-11',
      granularity: 'month',
      dateBasis: 'explicit',
      dateEvidence: s % 2 ? null : 'in November',
      dateFrom: '2008-11-01',
      dateTo: '2008-11-30',
      articleId,
      speakerId: speaker,
      speakerMention: speaker,
    });
    g.rels.SAID.push({ from: speaker, to: sid, date: '2008-11', dateFrom: '2008-11-01', dateTo: '2008-11-30', articleId });
    g.rels.REPORTED_IN.push({ from: sid, to: articleId, articleId });
    g.rels.ABOUT.push({ from: sid, to: 'us-troop-presence', stance: 'oppose', articleId });
  }
  for (const a of actors) {
    g.rels.MENTIONS.push({ from: articleId, to: a, articleId, forms: [a, `${a}, "quoted"`], count: 2 });
    g.rels.HOLDS_POSITION.push({
      from: a,
      to: 'us-troop-presence',
      date: '2008-11',
      dateFrom: '2008-11-01',
      dateTo: '2008-11-30',
      articleId,
      stance: 'mixed',
      statementIds: g.nodes.Statement.filter((s) => s.speakerId === a).map((s) => s.id),
      evidence: n % 2 ? null : NASTY,
    });
  }
  if (actors.length >= 2) {
    g.rels.RELATES.push({
      from: actors[0]!,
      to: actors[1]!,
      date: '2008-11-17',
      dateFrom: '2008-11-17',
      dateTo: '2008-11-17',
      articleId,
      kind: 'negotiates_with',
      title: null,
      evidence: NASTY,
      start: 0,
      end: 5,
    });
  }
  return g;
}

/** Concatenates several articles' records into one batch. */
export function mergeRecords(...parts: GraphRecords[]): GraphRecords {
  const g = emptyGraphRecords();
  for (const p of parts) {
    g.nodes.Article.push(...p.nodes.Article);
    g.nodes.Actor.push(...p.nodes.Actor);
    g.nodes.Statement.push(...p.nodes.Statement);
    g.nodes.Issue.push(...p.nodes.Issue);
    for (const t of REL_TYPES) (g.rels[t] as unknown[]).push(...p.rels[t]);
  }
  return g;
}

/** A batch of `count` articles starting at `from`, each speaking through actors drawn from a pool. */
export function manyArticles(from: number, count: number, statements = 5): GraphRecords {
  const parts: GraphRecords[] = [];
  for (let i = from; i < from + count; i++) {
    parts.push(articleRecords(i, { actors: [`actor-${i % 50}`, `actor-${(i * 7 + 1) % 50}`, `actor-${(i * 13 + 2) % 50}`], statements }));
  }
  return mergeRecords(...parts);
}
