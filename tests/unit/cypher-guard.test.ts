import { describe, expect, it } from 'vitest';
import { assertReadOnlyQuery, tokenize } from '../../cypher/console/guard.ts';
import { StoreError } from '../../cypher/store.ts';

function refusal(q: string): string {
  try {
    assertReadOnlyQuery(q);
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('QUERY_REFUSED');
    return (err as Error).message;
  }
  throw new Error(`not refused: ${q}`);
}

const ACCEPTED = [
  'MATCH (n) RETURN n',
  "MATCH (a:Actor)-[r:SAID]->(s:Statement) WHERE s.text CONTAINS 'create' AND a.name STARTS WITH 'N' RETURN a.name, count(*) AS c ORDER BY c DESC SKIP 1 LIMIT 10",
  'MATCH (a) WITH a, count(*) AS c WHERE c > 1 RETURN a UNION ALL MATCH (b) RETURN b AS a',
  'MATCH (a) WITH a MATCH (b) RETURN a UNION MATCH (b) RETURN b AS a',
  'MATCH (a) WHERE EXISTS { MATCH (a)-[:SAID]->(s) WHERE s.kind = "direct" } RETURN a',
  'MATCH (a) RETURN COUNT { MATCH (a)-[]->() } AS k',
  'MATCH (a) WHERE EXISTS { (a)-->() } RETURN a',
  'MATCH (a) RETURN CASE WHEN a.x > 1 THEN "set" ELSE null END AS v, {delete: 1, `create`: 2} AS m, a.set',
  'UNWIND [1,2,3] AS x RETURN x;',
  'UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a',
  'MATCH p = (a)-[:RELATES*1..3]->(b) RETURN p, CAST(1 AS STRING)',
  'MATCH (a)<-[r:SAID]-(b) RETURN r',
  'CALL show_tables() RETURN *',
  "CALL table_info('Actor') RETURN *",
  'MATCH (n:Create) RETURN n // CREATE (x)\n',
  'MATCH (n) /* DELETE */ RETURN n',
  "MATCH (n) WHERE n.text = 'DROP TABLE Actor; CREATE (x)' RETURN n",
  'MATCH (n) WHERE n.text = "it\\"s \\\\ CREATE" RETURN n',
  'OPTIONAL MATCH (n)-[r]-(m) RETURN r',
  'MATCH (n) RETURN [x IN range(1,3) | x], n.`weird``name`',
  'WITH 1 AS x MATCH (n) WHERE n.a ENDS WITH "x" RETURN n',
  'MATCH (n) RETURN n.`delete` AS `set`',
  // As the engine reads it: the comment runs from the first slash-star to the LAST star-slash.
  "RETURN 1 /* a **/ LOAD FROM '/etc/passwd' RETURN * /* */",
  "CALL `SHOW_TABLES`() RETURN *",
  'MATCH (a:Actor) RETURN lower(a.name), `upper`(a.name), COUNT(*), list_transform([1, 2], x -> x + 1), CAST(1 AS STRUCT(a INT64))',
  'MATCH (a)-[r* SHORTEST 1..3]->(b) RETURN length(r)',
  'MATCH (a) WHERE NOT (a)-->() AND ANY(x IN [1] WHERE x = 1) RETURN a',
  // columns of the catalog functions
  'CALL show_tables() RETURN name, type, comment',
  'CALL show_tables() YIELD name RETURN name',
];

// [query, message] — the message names the offending clause and where it starts.
const REFUSED: [string, string][] = [
  ['CREATE (n:Actor {id: "x"})', 'CREATE is not allowed in the read-only console (line 1, col 1)'],
  ['cReAtE (n)', 'CREATE is not allowed in the read-only console (line 1, col 1)'],
  ['/* hi */ CREATE/* x */(n)', 'CREATE is not allowed in the read-only console (line 1, col 10)'],
  ['MATCH (n)\n// comment\nMERGE (m:Issue {id: "x"})', 'MERGE is not allowed in the read-only console (line 3, col 1)'],
  ['MATCH (n) SET n.x = 1', 'SET is not allowed in the read-only console (line 1, col 11)'],
  ['MATCH (n) DELETE n', 'DELETE is not allowed in the read-only console (line 1, col 11)'],
  ['MATCH (n) DETACH DELETE n', 'DETACH DELETE is not allowed in the read-only console (line 1, col 11)'],
  ['MATCH (n) REMOVE n.x', 'REMOVE is not allowed in the read-only console (line 1, col 11)'],
  ['DROP TABLE Actor', 'DROP is not allowed in the read-only console (line 1, col 1)'],
  ['ALTER TABLE Actor ADD x STRING', 'ALTER is not allowed in the read-only console (line 1, col 1)'],
  ["COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'", 'COPY is not allowed in the read-only console (line 1, col 1)'],
  ["COPY Actor FROM '/tmp/x.csv'", 'COPY is not allowed in the read-only console (line 1, col 1)'],
  ["LOAD FROM '/etc/passwd' RETURN *", 'LOAD FROM is not allowed in the read-only console (line 1, col 1)'],
  ["LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", 'LOAD CSV is not allowed in the read-only console (line 1, col 1)'],
  ['LOAD EXTENSION httpfs', 'LOAD EXTENSION is not allowed in the read-only console (line 1, col 1)'],
  ["EXPORT DATABASE '/tmp/x'", 'EXPORT DATABASE is not allowed in the read-only console (line 1, col 1)'],
  ["IMPORT DATABASE '/tmp/x'", 'IMPORT DATABASE is not allowed in the read-only console (line 1, col 1)'],
  ["ATTACH '/tmp/x.db' AS x (dbtype lbug)", 'ATTACH DATABASE is not allowed in the read-only console (line 1, col 1)'],
  ['DETACH DATABASE x', 'DETACH DATABASE is not allowed in the read-only console (line 1, col 1)'],
  ['INSTALL httpfs', 'INSTALL is not allowed in the read-only console (line 1, col 1)'],
  ['USE other MATCH (n) RETURN n', 'USE is not allowed in the read-only console (line 1, col 1)'],
  ['CALL dbms.components()', 'CALL of a procedure is not allowed in the read-only console (line 1, col 1)'],
  ["CALL apoc.load.json('http://x') YIELD value RETURN value", 'CALL of a procedure is not allowed in the read-only console (line 1, col 1)'],
  ['CALL timeout=1000000', 'CALL of a procedure is not allowed in the read-only console (line 1, col 1)'],
  ['MATCH (n) CALL { CREATE (m) } RETURN n', 'CALL { … } subquery is not allowed in the read-only console (line 1, col 11)'],
  ['MATCH (n) WHERE EXISTS { CREATE (m) } RETURN n', 'CREATE is not allowed in the read-only console (line 1, col 26)'],
  ['MATCH (n) WHERE EXISTS { MATCH (m) SET m.x = 1 } RETURN n', 'SET is not allowed in the read-only console (line 1, col 36)'],
  ['MATCH (n) RETURN COUNT { MATCH (m) DETACH DELETE m } AS c', 'DETACH DELETE is not allowed in the read-only console (line 1, col 36)'],
  ['MATCH (n) FOREACH (x IN [1] | CREATE (m)) RETURN n', 'FOREACH is not allowed in the read-only console (line 1, col 11)'],
  ['MATCH (n) RETURN n; MATCH (m) DELETE m', 'only one statement is allowed per request (line 1, col 21)'],
  ['MATCH (n) RETURN n; MATCH (m) RETURN m', 'only one statement is allowed per request (line 1, col 21)'],
  ['BEGIN TRANSACTION', 'BEGIN is not allowed in the read-only console (line 1, col 1)'],
  ['COMMIT', 'COMMIT is not allowed in the read-only console (line 1, col 1)'],
  ['PROFILE MATCH (n) RETURN n', 'PROFILE is not allowed in the read-only console (line 1, col 1)'],
  ['EXPLAIN MATCH (n) RETURN n', 'EXPLAIN is not allowed in the read-only console (line 1, col 1)'],
  ['CREATE MACRO m(x) AS x', 'CREATE MACRO is not allowed in the read-only console (line 1, col 1)'],
  ['CHECKPOINT', 'CHECKPOINT is not allowed in the read-only console (line 1, col 1)'],
  ["MATCH (n) RETURN read_csv('/etc/passwd')", 'function read_csv() is not allowed in the read-only console (only built-in pure functions are; no table or file functions) (line 1, col 18)'],
  // Regression: bypasses found by attacking the previous guard (its lexer read `1LOAD` as one number).
  [
    'UNWIND [1] AS x WITH x LIMIT 1LOAD FROM "/etc/passwd" (header=false, delim=":", file_format="csv") RETURN *',
    'put a space between "1" and "LOAD": the database would read them as two separate tokens (line 1, col 31)',
  ],
  [
    'UNWIND [1] AS x WITH x LIMIT $1LOAD FROM "/etc/passwd" (header=false, delim=":", file_format="csv") RETURN *',
    'put a space between "$1" and "LOAD": the database would read them as two separate tokens (line 1, col 32)',
  ],
  ["UNWIND [1] AS x WITH x WHERE x = 1LOAD FROM '/etc/passwd' RETURN *", 'put a space between "1" and "LOAD": the database would read them as two separate tokens (line 1, col 35)'],
  ["MATCH (a) WITH a LIMIT 1CALL `read_csv_serial`('/etc/passwd') RETURN *", 'put a space between "1" and "CALL": the database would read them as two separate tokens (line 1, col 25)'],
  ["MATCH (a) WITH a LIMIT 1 CALL `read_csv_serial`('/etc/passwd') RETURN *", 'CALL of a procedure is not allowed in the read-only console (line 1, col 26)'],
  ["RETURN `read_csv_serial`('/etc/passwd')", 'function `read_csv_serial`() is not allowed in the read-only console (only built-in pure functions are; no table or file functions) (line 1, col 8)'],
  ["RETURN `READ_PARQUET` ('/etc/passwd')", 'function `READ_PARQUET`() is not allowed in the read-only console (only built-in pure functions are; no table or file functions) (line 1, col 8)'],
  ["RETURN current_setting('home_directory')", 'function current_setting() is not allowed in the read-only console (only built-in pure functions are; no table or file functions) (line 1, col 8)'],
  ['CALL `file_info`() RETURN *', 'CALL of a procedure is not allowed in the read-only console (line 1, col 1)'],
  ["CALL READ_CSV_SERIAL('/etc/passwd') RETURN *", 'CALL of a procedure is not allowed in the read-only console (line 1, col 1)'],
  ["MATCH (a) RETURN a.x.read_csv('/etc/passwd')", 'function read_csv() is not allowed in the read-only console (only built-in pure functions are; no table or file functions) (line 1, col 22)'],
  ['RETURN 1 //x\rLOAD FROM "/etc/passwd" RETURN *', 'a // comment must end with a line break (LF or CRLF) (line 1, col 10)'],
  ['RETURN 007', 'put a space between "0" and "0": the database would read them as two separate tokens (line 1, col 9)'],
  ['RETURN 1e+3', 'put a space between "1" and "e": the database would read them as two separate tokens (line 1, col 9)'],
  ["RETURN 'a''b'", 'put a space between "\'a\'" and "\'b\'": the database would read them as two separate tokens (line 1, col 11)'],
  ['WITH 1 AS x$y RETURN 1', 'put a space between "x" and "$y": the database would read them as two separate tokens (line 1, col 12)'],
  ['RETURN\u00851', 'character U+0085 is only allowed inside a \'string\', a `quoted name` or a comment (line 1, col 7)'],
  ['MATCH (é) RETURN 1', 'character U+00E9 is only allowed inside a \'string\', a `quoted name` or a comment (line 1, col 8)'],
  ['MATCH (n) RETURN [x IN [1] | CREATE (m)]', 'CREATE is not allowed in the read-only console (line 1, col 30)'],
  ["RETURN 'unterminated", 'unterminated string (line 1, col 8)'],
  ['MATCH (n /* open', 'unterminated /* comment (line 1, col 10)'],
  ['MATCH (n RETURN n', 'unclosed bracket, expected ")" (line 1, col 17)'],
  ['', 'empty query'],
  ['// only a comment', 'empty query'],
];

describe('console guard', () => {
  it('refuses an escape LadybugDB does not know (it would re-read the quote as code)', () => {
    expect(refusal("RETURN 'a\\q' LOAD")).toMatch(/^unknown escape \\q in a string .* \(line 1, col 10\)$/);
  });

  it.each(ACCEPTED)('accepts %s', (q) => {
    expect(() => assertReadOnlyQuery(q)).not.toThrow();
  });

  it.each(REFUSED)('refuses %s', (q, message) => {
    expect(refusal(q)).toBe(message);
  });

  it('refuses a doubled quote: LadybugDB reads it as two strings, which no read query needs', () => {
    expect(() => tokenize("RETURN 'a'' CREATE (n) //'")).toThrow(/put a space between/);
  });

  it("lexes the engine's whitespace (U+00A0, U+2028, U+3000, U+001C…) as whitespace, and a star-star-slash inside a comment as the engine does", () => {
    for (const sp of ['\u00a0', '\u2028', '\u2029', '\u3000', '\u001c', '\u001f', '\u000b', '\u000c', '\u1680', '\u180e', '\u2007', '\u202f', '\u205f']) {
      expect(tokenize(`RETURN${sp}1`).map((t) => t.value)).toEqual(['RETURN', '1']);
    }
    // The engine's comment rule: a star always takes the next character unless that is a slash.
    expect(tokenize('RETURN 1 /* a **/ + 1 /* b */').map((t) => t.value)).toEqual(['RETURN', '1']);
    expect(tokenize('RETURN 1 /* a */ + 1').map((t) => t.value)).toEqual(['RETURN', '1', '+', '1']);
    expect(tokenize('RETURN 1 // c\r\n+ 2').map((t) => t.value)).toEqual(['RETURN', '1', '+', '2']);
    expect(tokenize('RETURN 1.5e-3, .5, 00.5, 1..3').map((t) => t.raw)).toEqual(['RETURN', '1.5e-3', ',', '.5', ',', '00.5', ',', '1', '..', '3']);
    expect(tokenize('RETURN $`a``b`, `x``y`').map((t) => [t.kind, t.raw])).toEqual([['word', 'RETURN'], ['param', '$`a``b`'], ['punct', ','], ['quoted', '`x``y`']]);
  });

  it('lexes strings, escapes, backticks, parameters and comments', () => {
    const t = tokenize("MATCH (n:`My Label`) WHERE n.x = 'a\\'b' AND n.y = $p /* c */ // d\nRETURN n");
    expect(t.map((x) => [x.kind, x.value])).toEqual([
      ['word', 'MATCH'],
      ['punct', '('],
      ['word', 'N'],
      ['punct', ':'],
      ['quoted', 'My Label'],
      ['punct', ')'],
      ['word', 'WHERE'],
      ['word', 'N'],
      ['punct', '.'],
      ['word', 'X'],
      ['punct', '='],
      ['string', "a'b"],
      ['word', 'AND'],
      ['word', 'N'],
      ['punct', '.'],
      ['word', 'Y'],
      ['punct', '='],
      ['param', '$p'],
      ['word', 'RETURN'],
      ['word', 'N'],
    ]);
    expect(t.at(-1)).toMatchObject({ line: 2, col: 8 });
  });
});

describe('console guard: schema names that look like keywords', () => {
  it.each([
    'MATCH (s:Statement) RETURN s.start AS start, s.`end` AS stop, s.text AS text ORDER BY start',
    'MATCH (a:Article)-[m:MENTIONS]->(b) RETURN m.count AS count, b.type AS type',
    'MATCH (n) RETURN n.show AS show, n.graph AS graph',
  ])('accepts %s', (q) => {
    expect(() => assertReadOnlyQuery(q)).not.toThrow();
  });
});
