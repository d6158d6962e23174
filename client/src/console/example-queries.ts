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
];
