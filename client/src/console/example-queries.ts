/**
 * Starting points for the Cypher console, written against the real schema (cypher/schema.ts) and
 * filled from the loaded data (the most discussed issue), so nothing assumes one topic.
 */
export interface ExampleQuery {
  title: string;
  query: string;
}

/** A Cypher string literal (ids are plain, but a user's issue file may say anything). */
const lit = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function exampleQueries(data: { issue: { id: string; label: string } | null }): ExampleQuery[] {
  const issue = data.issue;
  const out: ExampleQuery[] = [];
  if (issue) {
    out.push({
      title: `What did each office holder say about ${issue.label}, in date order?`,
      query: `MATCH (a:Actor)-[o:RELATES {kind: 'holds_office'}]->(org:Actor)
MATCH (a)-[:SAID]->(s:Statement)-[ab:ABOUT]->(i:Issue {id: ${lit(issue.id)}})
RETURN DISTINCT o.title AS office, org.name AS of, a.name AS holder, s.date AS date, ab.stance AS stance, s.text AS said
ORDER BY office, date`,
    });
  }
  out.push(
    {
      title: 'Whose stance on an issue changed?',
      // pairs of dated positions with different stances (portable: no list indexing, which differs between stores)
      query: `MATCH (a:Actor)-[p1:HOLDS_POSITION]->(i:Issue)<-[p2:HOLDS_POSITION]-(a)
WHERE p1.stance <> p2.stance AND p1.dateFrom < p2.dateFrom
RETURN a.name AS actor, i.label AS issue, p1.stance AS before, p1.date AS since, p2.stance AS after, p2.date AS by
ORDER BY actor, issue, since`,
    },
    {
      title: 'Who said the most (statements per actor)',
      query: `MATCH (a:Actor)-[:SAID]->(s:Statement)
RETURN a.name AS actor, a.type AS type, count(s) AS statements
ORDER BY statements DESC
LIMIT 20`,
    },
    {
      title: 'Relations between actors (as a graph)',
      query: `MATCH (a:Actor)-[r:RELATES]->(b:Actor)
RETURN a, r, b
LIMIT 100`,
    },
  );
  return out;
}

/** The examples before any data is known (and for the schema test). */
export const EXAMPLE_QUERIES: readonly ExampleQuery[] = exampleQueries({ issue: { id: 'example-issue', label: 'an issue' } });
