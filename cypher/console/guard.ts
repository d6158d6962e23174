/**
 * Read-only guard for untrusted console Cypher.
 *
 * Closed by construction, in two halves:
 *
 * 1. The lexer splits text exactly where LadybugDB's ANTLR lexer (src/antlr4/Cypher.g4 of
 *    @ladybugdb/core 0.19.1) does, and refuses whatever it could split differently:
 *    - whitespace is the engine's list (incl. U+00A0, U+2028, U+3000, U+001C–U+001F), nothing more;
 *    - a block comment ends at the first star-slash whose star is not the second half of a double
 *      star: in the engine's rule a star always takes the next character unless that is a slash, so
 *      "slash-star a star-star-slash … star-slash" is ONE comment, up to the last star-slash;
 *    - a `//` comment must end at a line break (a lone CR does not end it for the engine);
 *    - a string escape must be one the engine knows (`\q` makes the engine re-lex the quote);
 *    - numbers are the engine's: DecimalInteger is `0` or `[1-9][0-9]*` (`007` is three numbers), reals
 *      need a digit after the dot, exponents take only `-`;
 *    - `$` takes a name or a DecimalInteger;
 *    - two "atoms" (word, `name`, string, number, parameter) written with nothing between them are
 *      refused: the engine splits `1LOAD`, `$1LOAD`, `'a'AS` into two tokens and may accept a clause
 *      glued to a number (`… LIMIT 1LOAD FROM "/etc/passwd" …`), so no such pair ever reaches it;
 *    - outside strings, `quoted names` and comments only ASCII is accepted (plus the engine's
 *      whitespace), so Unicode identifier classes cannot differ between the two lexers.
 *
 * 2. A clause-level parser accepts an ALLOW-LIST of read clauses (MATCH, OPTIONAL MATCH, WHERE,
 *    WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, UNION [ALL], EXISTS { } / COUNT { } subqueries, and
 *    CALL of a few catalog functions) and an ALLOW-LIST of functions: anything written as a call,
 *    `name(` or `` `name`( `` in any case, must be a known pure scalar/aggregate function. No table
 *    function (read_csv_*, read_parquet, file_info, current_setting, …) can be named anywhere.
 *
 * The console also runs in a sandboxed child process on a read-only database, and the child refuses
 * a plan that calls a table function or writes a file (ladybug-worker.ts), so a hole here alone does
 * not expose the host.
 *
 * Why not an off-the-shelf parser: @neo4j-cypher/antlr4 (the maintained npm one) implements
 * Neo4j 4's grammar; it rejects LadybugDB/Kùzu read syntax (CAST(… AS …), EXISTS { } / COUNT { },
 * recursive-rel syntax like `*SHORTEST`), so the console would refuse valid queries.
 */
import { StoreError } from '../store.ts';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Raw text for punctuation/numbers/params; upper-cased for `word`, unquoted for `quoted`/`string`. */
  value: string;
  /** As written (for error messages). */
  raw: string;
  line: number;
  col: number;
  offset: number;
}

function refuse(message: string, at?: { line: number; col: number }): never {
  throw new StoreError('QUERY_REFUSED', at ? `${message} (line ${at.line}, col ${at.col})` : message);
}

/** WHITESPACE of the engine's grammar (SPACE TAB LF VT FF CR FS GS RS US and these Unicode spaces). */
const ENGINE_SPACE = new Set<number>([
  0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x1680, 0x180e, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x205f, 0x3000, 0x00a0, 0x202f,
]);

const PUNCT3 = ['<-[', ']->', '...'];
const PUNCT2 = ['<>', '<=', '>=', '=~', '->', '<-', '..', '+=', '::', '||', '!=', '<<', '>>'];
const PUNCT1 = new Set('()[]{},.:;|+-*/%^=<>!~&?@#\\');

const ATOMS = new Set<TokenKind>(['word', 'quoted', 'string', 'number', 'param']);
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const HEX = /^[0-9A-Fa-f]+$/;

/** Characters a string escape may name (EscapedChar of the grammar), besides x/u/U with hex digits. */
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', b: '\b', B: '\b', f: '\f', F: '\f', n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t' };

/** Longest number literal at `i`, as the engine's lexer reads it (ExponentDecimalReal | RegularDecimalReal | DecimalInteger). */
function numberAt(src: string, i: number): number {
  const tail = src.slice(i, i + 400);
  const exp = /^(?:[0-9]+\.[0-9]+|[0-9]+|\.[0-9]+)[eE]-?[0-9]+/.exec(tail)?.[0].length ?? 0;
  const real = /^[0-9]*\.[0-9]+/.exec(tail)?.[0].length ?? 0;
  const int = /^(?:0|[1-9][0-9]*)/.exec(tail)?.[0].length ?? 0;
  return Math.max(exp, real, int);
}

/** End (exclusive) of the backtick name starting at `i`: ('`' ~'`'* '`')+, so a doubled backtick stays inside. */
function backtickEnd(src: string, i: number, at: { line: number; col: number }): number {
  let j = i;
  while (src[j] === '`') {
    const close = src.indexOf('`', j + 1);
    if (close < 0) refuse('unterminated `quoted name`', at);
    j = close + 1;
  }
  if (j === i + 2) refuse('empty `quoted name`', at);
  return j;
}

/**
 * Splits a query into tokens as LadybugDB's lexer does; comments and whitespace are dropped.
 * Throws QUERY_REFUSED on malformed input and on anything the two lexers could read differently.
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (at: number) => ({ line, col: at - lineStart + 1 });
  const advanceLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      if (src.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
  };
  const push = (kind: TokenKind, value: string, start: number, end: number, at: { line: number; col: number }) => {
    const tok: Token = { kind, value, raw: src.slice(start, end), ...at, offset: start };
    const prev = out[out.length - 1];
    if (prev && ATOMS.has(prev.kind) && ATOMS.has(kind) && prev.offset + prev.raw.length === start) {
      refuse(`put a space between ${JSON.stringify(prev.raw.slice(-20))} and ${JSON.stringify(tok.raw.slice(0, 20))}: the database would read them as two separate tokens`, at);
    }
    out.push(tok);
  };
  while (i < src.length) {
    const code = src.charCodeAt(i);
    const ch = src[i]!;
    if (ENGINE_SPACE.has(code)) {
      advanceLines(i, i + 1);
      i++;
      continue;
    }
    const start = i;
    const at = pos(i);
    if (ch === '/' && src[i + 1] === '*') {
      // '/*' ( ~'*' | '*' ~'/' )* '*/' — a star always takes the next character unless that is '/'.
      let j = i + 2;
      for (;;) {
        if (j >= src.length) refuse('unterminated /* comment', at);
        if (src[j] === '*') {
          if (src[j + 1] === '/') {
            j += 2;
            break;
          }
          if (j + 1 >= src.length) refuse('unterminated /* comment', at);
          j += 2;
        } else j++;
      }
      advanceLines(i, j);
      i = j;
      continue;
    }
    if (ch === '/' && src[i + 1] === '/') {
      // '//' ~[\r\n]* '\r'? ( '\n' | EOF )
      let j = i + 2;
      while (j < src.length && src[j] !== '\n' && src[j] !== '\r') j++;
      if (src[j] === '\r') j++;
      if (j < src.length && src[j] !== '\n') refuse('a // comment must end with a line break (LF or CRLF)', at);
      i = j;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= src.length) refuse('unterminated string', at);
        const c = src[j]!;
        if (c === ch) {
          j++;
          break;
        }
        if (c === '\\') {
          const e = src[j + 1] ?? '';
          if (e in SIMPLE_ESCAPES) {
            value += SIMPLE_ESCAPES[e];
            j += 2;
            continue;
          }
          if ((e === 'x' || e === 'X') && HEX.test(src.slice(j + 2, j + 4)) && j + 4 <= src.length) {
            value += src.slice(j, j + 4);
            j += 4;
            continue;
          }
          if (e === 'u' || e === 'U') {
            const n = HEX.test(src.slice(j + 2, j + 10)) && j + 10 <= src.length ? 8 : HEX.test(src.slice(j + 2, j + 6)) && j + 6 <= src.length ? 4 : 0;
            if (n > 0) {
              const cp = Number.parseInt(src.slice(j + 2, j + 2 + n), 16);
              value += cp <= 0x10ffff ? String.fromCodePoint(cp) : src.slice(j, j + 2 + n);
              j += 2 + n;
              continue;
            }
          }
          refuse(`unknown escape \\${e} in a string (allowed: \\\\ \\' \\" \\b \\f \\n \\r \\t \\xHH \\uHHHH)`, pos(j));
        }
        value += c;
        j++;
      }
      advanceLines(i, j);
      push('string', value, start, j, at);
      i = j;
      continue;
    }
    if (ch === '`') {
      const j = backtickEnd(src, i, at);
      advanceLines(i, j);
      push('quoted', src.slice(i + 1, j - 1), start, j, at);
      i = j;
      continue;
    }
    if (ch === '$') {
      let j = i + 1;
      const c = src[j] ?? '';
      if (c === '`') j = backtickEnd(src, j, at);
      else if (IDENT_START.test(c)) {
        while (j < src.length && IDENT_PART.test(src[j]!)) j++;
      } else if (DIGIT.test(c)) {
        j += c === '0' ? 1 : /^[0-9]+/.exec(src.slice(j, j + 100))![0].length;
      } else refuse('a parameter is $name or $number', at);
      push('param', src.slice(i, j), start, j, at);
      i = j;
      continue;
    }
    if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(src[i + 1] ?? ''))) {
      const j = i + numberAt(src, i);
      push('number', src.slice(i, j), start, j, at);
      i = j;
      continue;
    }
    if (IDENT_START.test(ch)) {
      let j = i;
      while (j < src.length && IDENT_PART.test(src[j]!)) j++;
      push('word', src.slice(i, j).toUpperCase(), start, j, at);
      i = j;
      continue;
    }
    if (code > 0x7e || code < 0x20) {
      const hex = (src.codePointAt(i) ?? code).toString(16).toUpperCase().padStart(4, '0');
      refuse(`character U+${hex} is only allowed inside a 'string', a \`quoted name\` or a comment`, at);
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    const p = PUNCT3.includes(three) ? three : PUNCT2.includes(two) ? two : ch;
    if (p.length === 1 && !PUNCT1.has(p)) refuse(`unexpected character ${JSON.stringify(ch)}`, at);
    out.push({ kind: 'punct', value: p, raw: p, ...at, offset: start });
    i += p.length;
  }
  return out;
}

/** Clause keywords the console accepts (ORDER is followed by BY; OPTIONAL by MATCH). */
const READ_CLAUSES = new Set(['MATCH', 'OPTIONAL', 'WHERE', 'WITH', 'UNWIND', 'RETURN', 'ORDER', 'SKIP', 'LIMIT', 'UNION']);

/**
 * Statement keywords of Cypher/Kùzu/Neo4j that are never allowed. In clause position anything not in
 * READ_CLAUSES is refused anyway; this list also ends a clause body (so `MATCH (n) CREATE …` is seen
 * as a CREATE clause) and is refused where it could start a clause inside an expression.
 */
const STATEMENT_WORDS = new Set([
  'CREATE', 'MERGE', 'SET', 'DELETE', 'DETACH', 'REMOVE', 'DROP', 'ALTER', 'COPY', 'LOAD', 'EXPORT', 'IMPORT',
  'ATTACH', 'USE', 'INSTALL', 'UNINSTALL', 'UPDATE', 'CALL', 'FOREACH', 'BEGIN', 'COMMIT', 'ROLLBACK', 'CHECKPOINT',
  'PROFILE', 'EXPLAIN', 'GRANT', 'REVOKE', 'DENY', 'TRUNCATE', 'INSERT',
]);

/** Descriptions of refused clauses, for a clear message. */
function clauseName(tokens: Token[], i: number): string {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  const n = next?.kind === 'word' ? next.value : '';
  switch (t.value) {
    case 'DETACH':
      return n === 'DELETE' ? 'DETACH DELETE' : n === 'DATABASE' ? 'DETACH DATABASE' : 'DETACH';
    case 'LOAD':
      return n === 'CSV' ? 'LOAD CSV' : n === 'EXTENSION' ? 'LOAD EXTENSION' : n === 'FROM' ? 'LOAD FROM' : 'LOAD';
    case 'EXPORT':
    case 'IMPORT':
      return n === 'DATABASE' ? `${t.value} DATABASE` : t.value;
    case 'ATTACH':
      return 'ATTACH DATABASE';
    case 'CALL':
      return next?.kind === 'punct' && next.value === '{' ? 'CALL { … } subquery' : 'CALL of a procedure';
    case 'CREATE':
      return n === 'MACRO' ? 'CREATE MACRO' : 'CREATE';
    default:
      return t.kind === 'word' ? t.value : t.raw;
  }
}

/**
 * Catalog functions a console may CALL (`CALL show_tables() RETURN *`): they read the schema only.
 * Not allowed: current_setting (settings name host paths), file_info / storage_info / disk_info (file
 * layout), read_* (files), project_graph & co. (state), show_attached_databases / show_loaded_extensions.
 */
export const INTROSPECTION_CALLS: ReadonlySet<string> = new Set(['SHOW_TABLES', 'TABLE_INFO', 'SHOW_FUNCTIONS', 'DB_VERSION', 'SHOW_INDEXES']);

/**
 * Functions a console query may call, by upper-cased name: LadybugDB 0.19.1's scalar, aggregate and
 * rewrite functions (`CALL show_functions()`), minus NEXTVAL/CURRVAL/SETSEED (they touch session or
 * sequence state), plus Neo4j's built-ins for the Neo4j backend. A test checks the list against the
 * engine: none of these is a table function there.
 */
export const PURE_FUNCTIONS: ReadonlySet<string> = new Set(
  (
    // LadybugDB scalar
    'ABS ACOS ALL ANY ARRAY_APPEND ARRAY_CAT ARRAY_CONCAT ARRAY_CONTAINS ARRAY_COSINE_SIMILARITY ARRAY_CROSS_PRODUCT ' +
    'ARRAY_DISTANCE ARRAY_DOT_PRODUCT ARRAY_EXTRACT ARRAY_HAS ARRAY_INDEXOF ARRAY_INNER_PRODUCT ARRAY_POSITION ARRAY_PREPEND ' +
    'ARRAY_PUSH_BACK ARRAY_PUSH_FRONT ARRAY_SLICE ARRAY_SQUARED_DISTANCE ARRAY_VALUE ASIN ATAN ATAN2 BITSHIFT_LEFT BITSHIFT_RIGHT ' +
    'BITWISE_AND BITWISE_OR BITWISE_XOR BLOB CARDINALITY CAST CBRT CEIL CEILING CENTURY COALESCE CONCAT CONCAT_WS CONSTANT_OR_NULL ' +
    'CONTAINS COS COT COUNT_IF CURRENT_DATE CURRENT_TIMESTAMP DATE DATEPART DATETRUNC DATE_PART DATE_TRUNC DAYNAME DECODE ' +
    'DEGREES DURATION ELEMENT_AT ENCODE ENDS_WITH EPOCH_MS EQUALS ERROR EVEN FACTORIAL FLOOR GAMMA GEN_RANDOM_UUID GREATER_THAN ' +
    'GREATER_THAN_EQUALS GREATEST HASH IFNULL INITCAP INTERVAL IS_ACYCLIC IS_TRAIL LAST_DAY LCASE LEAST LEFT LESS_THAN ' +
    'LESS_THAN_EQUALS LEVENSHTEIN LGAMMA LIST_ANY_VALUE LIST_APPEND LIST_CAT LIST_CONCAT LIST_CONTAINS LIST_CREATION ' +
    'LIST_DISTINCT LIST_ELEMENT LIST_EXTRACT LIST_FILTER LIST_HAS LIST_HAS_ALL LIST_INDEXOF LIST_POSITION LIST_PREPEND ' +
    'LIST_PRODUCT LIST_REDUCE LIST_REVERSE LIST_REVERSE_SORT LIST_SLICE LIST_SORT LIST_SUM LIST_TO_STRING LIST_TRANSFORM ' +
    'LIST_UNIQUE LN LOG LOG10 LOG2 LOWER LPAD LTRIM MAKE_DATE MAP MAP_EXTRACT MAP_KEYS MAP_VALUES MD5 MONTHNAME NEGATE NODES ' +
    'NOT_EQUALS OCTET_LENGTH OFFSET PI POW PREFIX PROPERTIES RADIANS RANDOM RANGE REGEXP_EXTRACT REGEXP_EXTRACT_ALL ' +
    'REGEXP_FULL_MATCH REGEXP_MATCHES REGEXP_REPLACE REGEXP_SPLIT_TO_ARRAY RELATIONSHIPS RELS REPEAT REPLACE REVERSE RIGHT ROUND ' +
    'RPAD RTRIM SHA256 SIGN SIN SIZE SPLIT_PART SQRT STARTS_WITH STRING STRING_SPLIT STRING_TO_ARRAY STRUCT_EXTRACT STRUCT_PACK ' +
    'STR_SPLIT SUBSTR SUBSTRING SUFFIX TAN TIMESTAMP TOLOWER TOUPPER TO_BLOB TO_BOOL TO_DATE TO_DAYS TO_DOUBLE TO_EPOCH_MS TO_FLOAT ' +
    'TO_HOURS TO_INT128 TO_INT16 TO_INT32 TO_INT64 TO_INT8 TO_INTERVAL TO_MICROSECONDS TO_MILLISECONDS TO_MINUTES TO_MONTHS ' +
    'TO_SECONDS TO_SERIAL TO_STRING TO_TIMESTAMP TO_UINT128 TO_UINT16 TO_UINT32 TO_UINT64 TO_UINT8 TO_UUID TO_YEARS TRIM TYPEOF ' +
    'UCASE UNION_EXTRACT UNION_TAG UNION_VALUE UPPER UUID INTERNAL_ID ' +
    // LadybugDB aggregate and rewrite
    'AVG COLLECT COUNT COUNT_STAR HISTOGRAM MAX MIN PERCENTILECONT PERCENTILEDISC SUM ' +
    'COST END_NODE ID KEYS LABEL LABELS LENGTH NULLIF ROWID START_NODE ' +
    // Neo4j built-ins (Neo4j backend)
    'TOSTRING TOINTEGER TOFLOAT TOBOOLEAN TOSTRINGORNULL TOINTEGERORNULL TOFLOATORNULL TOBOOLEANORNULL TYPE STARTNODE ENDNODE ' +
    'ELEMENTID HEAD LAST TAIL ISEMPTY SPLIT EXP RAND STDEV STDEVP DATETIME LOCALDATETIME LOCALTIME TIME REDUCE NONE SINGLE'
  ).split(/\s+/),
);

/**
 * Keywords that may stand right before `(` without being a function call: clause and operator words
 * (`WHERE (…)`, `NOT (a)-->(b)`), quantifiers, recursive-pattern kinds and type constructors in CAST.
 */
const NOT_A_CALL = new Set([
  'MATCH', 'WHERE', 'AND', 'OR', 'XOR', 'NOT', 'IN', 'RETURN', 'WITH', 'UNWIND', 'WHEN', 'THEN', 'ELSE', 'CASE', 'DISTINCT',
  'BY', 'SKIP', 'LIMIT', 'CONTAINS', 'HINT', 'JOIN', 'MULTI_JOIN', 'SHORTEST', 'WSHORTEST', 'TRAIL', 'ACYCLIC', 'STRUCT',
  'UNION', 'DECIMAL', 'NONE', 'SINGLE', 'ALL', 'ANY',
]);

/** Words that open a subquery when followed by `{`. */
const SUBQUERY_WORDS = new Set(['EXISTS', 'COUNT', 'COLLECT']);

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Upper-cased name of a word or `quoted` token (the engine looks functions up case-insensitively). */
function nameOf(tok: Token): string {
  return tok.kind === 'word' ? tok.value : tok.value.toUpperCase();
}

class Parser {
  i = 0;
  constructor(
    readonly t: Token[],
    readonly end: number,
  ) {}

  peek(k = 0): Token | undefined {
    const j = this.i + k;
    return j < this.end ? this.t[j] : undefined;
  }
  isWord(tok: Token | undefined, ...words: string[]): boolean {
    return tok?.kind === 'word' && words.includes(tok.value);
  }
  isPunct(tok: Token | undefined, p: string): boolean {
    return tok?.kind === 'punct' && tok.value === p;
  }

  /** query := singleQuery (UNION [ALL] singleQuery)* [';'] */
  parseQuery(inSubquery: boolean): void {
    this.parseSingle(inSubquery);
    while (this.i < this.end) {
      const tok = this.peek()!;
      if (this.isWord(tok, 'UNION')) {
        this.i++;
        if (this.isWord(this.peek(), 'ALL')) this.i++;
        this.parseSingle(inSubquery);
        continue;
      }
      if (this.isPunct(tok, ';')) {
        if (this.i + 1 < this.end) refuse('only one statement is allowed per request', this.t[this.i + 1]);
        this.i++;
        continue;
      }
      this.refuseClause(this.i);
    }
  }

  refuseClause(i: number): never {
    const tok = this.t[i]!;
    refuse(`${clauseName(this.t, i)} is not allowed in the read-only console`, tok);
  }

  /** A sequence of read clauses (whether it ends in RETURN is left to LadybugDB's own parser). */
  parseSingle(inSubquery: boolean): void {
    let clauses = 0;
    while (this.i < this.end) {
      const tok = this.peek()!;
      if (this.isPunct(tok, ';') || this.isWord(tok, 'UNION')) break;
      if (tok.kind !== 'word') {
        // `EXISTS { (a)-->(b) WHERE … }`: a bare pattern body.
        if (inSubquery && clauses === 0 && this.isPunct(tok, '(')) {
          this.parseBody();
          clauses++;
          continue;
        }
        refuse(`expected a clause, found ${JSON.stringify(tok.raw)}`, tok);
      }
      let word = tok.value;
      if (word === 'CALL') {
        this.parseSafeCall();
        clauses++;
        continue;
      }
      if (!READ_CLAUSES.has(word)) this.refuseClause(this.i);
      this.i++;
      if (word === 'OPTIONAL') {
        if (!this.isWord(this.peek(), 'MATCH')) refuse('OPTIONAL must be followed by MATCH', tok);
        this.i++;
        word = 'MATCH';
      } else if (word === 'ORDER') {
        if (!this.isWord(this.peek(), 'BY')) refuse('ORDER must be followed by BY', tok);
        this.i++;
      }
      this.parseBody();
      clauses++;
    }
    if (clauses === 0) refuse('empty query', this.peek() ?? this.t[this.end - 1]);
  }

  /** `CALL show_tables() RETURN …` / `CALL table_info('Actor') RETURN …`: catalog functions only, however quoted. */
  parseSafeCall(): void {
    const name = this.peek(1);
    const open = this.peek(2);
    if (!name || (name.kind !== 'word' && name.kind !== 'quoted') || !INTROSPECTION_CALLS.has(nameOf(name)) || !this.isPunct(open, '(')) {
      this.refuseClause(this.i);
    }
    this.i += 2;
    this.parseBody();
  }

  /**
   * Consumes one clause's body: tokens up to the next clause keyword at depth 0. Nested brackets are
   * walked; `EXISTS {…}`-style subqueries are parsed as queries; map literals as expressions; every
   * `name(` is checked against the function allow-list.
   */
  parseBody(): void {
    const depthStack: string[] = [];
    while (this.i < this.end) {
      const tok = this.peek()!;
      if (tok.kind === 'punct') {
        if (depthStack.length === 0 && tok.value === ';') return;
        if (tok.value === '{') {
          const prev = this.t[this.i - 1];
          if (prev?.kind === 'word' && prev.value === 'CALL') this.refuseClause(this.i - 1);
          if (prev?.kind === 'word' && SUBQUERY_WORDS.has(prev.value)) {
            const close = this.matching(this.i);
            const sub = new Parser(this.t, close);
            sub.i = this.i + 1;
            sub.parseQuery(true);
            this.i = close + 1;
            continue;
          }
        }
        if (tok.value in OPEN) depthStack.push(OPEN[tok.value]!);
        else if (tok.value === ')' || tok.value === ']' || tok.value === '}') {
          if (depthStack.pop() !== tok.value) refuse(`unbalanced ${JSON.stringify(tok.value)}`, tok);
        } else if (tok.value === ']->' || tok.value === '<-[') {
          // Lexed as one token: `]->` closes a bracket, `<-[` opens one.
          if (tok.value === ']->') {
            if (depthStack.pop() !== ']') refuse('unbalanced "]"', tok);
          } else depthStack.push(']');
        }
        this.i++;
        continue;
      }
      const next = this.peek(1);
      if (tok.kind === 'word') {
        const prev = this.t[this.i - 1];
        // After `.` or `:` a word is a property or label; after AS it is an alias.
        const afterDot = (prev?.kind === 'punct' && (prev.value === '.' || prev.value === ':')) || (prev?.kind === 'word' && prev.value === 'AS');
        const isKey = next?.kind === 'punct' && next.value === ':' && depthStack[depthStack.length - 1] === '}';
        if (!afterDot && !isKey) {
          if (depthStack.length === 0) {
            // `STARTS WITH` / `ENDS WITH` are operators, not the WITH clause.
            const operatorWith = tok.value === 'WITH' && prev?.kind === 'word' && (prev.value === 'STARTS' || prev.value === 'ENDS');
            if (!operatorWith && (READ_CLAUSES.has(tok.value) || STATEMENT_WORDS.has(tok.value))) {
              // WHERE inside MATCH/WITH ends the pattern and begins its own (allowed) clause.
              return;
            }
          } else if (STATEMENT_WORDS.has(tok.value)) {
            this.refuseClause(this.i);
          }
        }
      }
      if ((tok.kind === 'word' || tok.kind === 'quoted') && this.isPunct(next, '(')) {
        const name = nameOf(tok);
        const keyword = tok.kind === 'word' && NOT_A_CALL.has(name);
        if (!keyword && !PURE_FUNCTIONS.has(name)) {
          refuse(`function ${tok.raw}() is not allowed in the read-only console (only built-in pure functions are; no table or file functions)`, tok);
        }
      }
      this.i++;
    }
    if (depthStack.length > 0) refuse(`unclosed bracket, expected ${JSON.stringify(depthStack[depthStack.length - 1])}`, this.t[this.end - 1]);
  }

  /** Index of the token closing the bracket opened at `open`. */
  matching(open: number): number {
    const stack: string[] = [];
    for (let j = open; j < this.end; j++) {
      const tok = this.t[j]!;
      if (tok.kind !== 'punct') continue;
      if (tok.value in OPEN) stack.push(OPEN[tok.value]!);
      else if (tok.value === '<-[') stack.push(']');
      else if (tok.value === ')' || tok.value === ']' || tok.value === '}' || tok.value === ']->') {
        const want = tok.value === ']->' ? ']' : tok.value;
        if (stack.pop() !== want) refuse(`unbalanced ${JSON.stringify(tok.value)}`, tok);
        if (stack.length === 0) return j;
      }
    }
    refuse('unclosed "{"', this.t[open]);
  }
}

/**
 * Throws StoreError('QUERY_REFUSED', …) unless `query` is a single read-only query made of allowed
 * clauses and functions. Returns the tokens (for callers that want them).
 */
export function assertReadOnlyQuery(query: string): Token[] {
  if (query.length > 100_000) refuse('query too long (over 100,000 characters)');
  const tokens = tokenize(query);
  if (tokens.length === 0) refuse('empty query');
  const p = new Parser(tokens, tokens.length);
  p.parseQuery(false);
  return tokens;
}
