/** Starting points for the Cypher console, written against the real schema (cypher/schema.ts). */
export interface ExampleQuery {
  title: string;
  query: string;
}

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    title: 'What did each Iraqi prime minister say about US troops?',
    query: `MATCH (a:Actor)-[:SAID]->(s:Statement)-[ab:ABOUT]->(i:Issue {id: 'us-troop-presence'})
WHERE a.description CONTAINS 'Prime Minister'
RETURN a.name AS actor, s.date AS date, ab.stance AS stance, s.text AS said
ORDER BY s.dateFrom`,
  },
  {
    title: 'Whose stance on an issue changed?',
    query: `MATCH (a:Actor)-[p:HOLDS_POSITION]->(i:Issue)
WITH a, i, count(DISTINCT p.stance) AS stances, min(p.dateFrom) AS first, max(p.dateTo) AS last, collect(p.stance) AS history
WHERE stances > 1
RETURN a.name AS actor, i.label AS issue, first, last, history
ORDER BY actor`,
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
];
