/**
 * Read-only guard for untrusted console Cypher.
 *
 * A real lexer (strings with escapes, backtick identifiers, comments, parameters) feeds a
 * clause-level parser that accepts an ALLOW-LIST of read clauses only: MATCH, OPTIONAL MATCH,
 * WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, UNION [ALL], plus EXISTS { } / COUNT { } /
 * COLLECT { } subqueries whose bodies pass the same check. Anything else in clause position
 * (CREATE, COPY, LOAD, CALL, …) is refused with its line and column; so is a second statement.
 * Inside expressions, statement keywords in a position where they could start a clause are refused
 * as well (belt and braces; the console also runs on a read-only database in a child process).
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

const PUNCT3 = ['<-[', ']->', '...'];
const PUNCT2 = ['<>', '<=', '>=', '=~', '->', '<-', '..', '+=', '::', '||', '!='];

/** Splits a query into tokens; comments and whitespace are dropped. Throws QUERY_REFUSED on malformed input. */
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
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      advanceLines(i, i + 1);
      i++;
      continue;
    }
    if (ch === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) refuse('unterminated /* comment', pos(i));
      advanceLines(i, end + 2);
      i = end + 2;
      continue;
    }
    const start = i;
    const at = pos(i);
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= src.length) refuse('unterminated string', at);
        const c = src[j]!;
        if (c === '\\') {
          value += src[j + 1] ?? '';
          j += 2;
          continue;
        }
        // As in LadybugDB's (openCypher) lexer: only a backslash escapes; a doubled quote ends the string.
        if (c === ch) {
          j++;
          break;
        }
        value += c;
        j++;
      }
      advanceLines(i, j);
      out.push({ kind: 'string', value, raw: src.slice(start, j), ...at, offset: start });
      i = j;
      continue;
    }
    if (ch === '`') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= src.length) refuse('unterminated `identifier`', at);
        if (src[j] === '`') {
          if (src[j + 1] === '`') {
            value += '`';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        value += src[j];
        j++;
      }
      advanceLines(i, j);
      out.push({ kind: 'quoted', value, raw: src.slice(start, j), ...at, offset: start });
      i = j;
      continue;
    }
    if (ch === '$') {
      let j = i + 1;
      if (src[j] === '`') {
        const end = src.indexOf('`', j + 1);
        if (end < 0) refuse('unterminated parameter name', at);
        j = end + 1;
      } else {
        while (j < src.length && /[\p{L}\p{N}_]/u.test(src[j]!)) j++;
      }
      if (j === i + 1) refuse('empty parameter name', at);
      out.push({ kind: 'param', value: src.slice(i, j), raw: src.slice(i, j), ...at, offset: start });
      i = j;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i;
      while (j < src.length && /[0-9A-Za-z_.]/.test(src[j]!)) {
        // `1..3` in a variable-length pattern: stop before the range dots.
        if (src[j] === '.' && src[j + 1] === '.') break;
        j++;
      }
      out.push({ kind: 'number', value: src.slice(i, j), raw: src.slice(i, j), ...at, offset: start });
      i = j;
      continue;
    }
    if (/[\p{L}_]/u.test(ch)) {
      let j = i;
      while (j < src.length && /[\p{L}\p{N}_]/u.test(src[j]!)) j++;
      const raw = src.slice(i, j);
      out.push({ kind: 'word', value: raw.toUpperCase(), raw, ...at, offset: start });
      i = j;
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    const p = PUNCT3.includes(three) ? three : PUNCT2.includes(two) ? two : ch;
    if (!/^[()[\]{},.:;|+\-*/%^=<>!~&?@#'"\\]/.test(p) && !PUNCT3.includes(p) && !PUNCT2.includes(p)) refuse(`unexpected character ${JSON.stringify(ch)}`, at);
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

/** Introspection procedures that only read the catalog. */
const SAFE_CALLS = new Set(['SHOW_TABLES', 'TABLE_INFO']);

/**
 * Functions that read files or the network in DuckDB-style extensions (scanners, http); none exist in
 * the core, but an installed extension could add them, and a console never needs them.
 */
const FILE_FUNCTION = /^(READ_|WRITE_|LOAD|HTTP|FILE|GLOB|SQL|DUCKDB|POSTGRES|SQLITE|DELTA|ICEBERG|S3|GCS|AZURE)/;

/** Words that open a subquery when followed by `{`. */
const SUBQUERY_WORDS = new Set(['EXISTS', 'COUNT', 'COLLECT']);

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

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

  /** `CALL show_tables() RETURN …` / `CALL table_info('Actor') RETURN …` only. */
  parseSafeCall(): void {
    const name = this.peek(1);
    const open = this.peek(2);
    if (name?.kind !== 'word' || !SAFE_CALLS.has(name.value) || !this.isPunct(open, '(')) this.refuseClause(this.i);
    this.i += 2;
    this.parseBody();
  }

  /**
   * Consumes one clause's body: tokens up to the next clause keyword at depth 0. Nested brackets are
   * walked; `EXISTS {…}`-style subqueries are parsed as queries; map literals as expressions.
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
      if (tok.kind === 'word') {
        const prev = this.t[this.i - 1];
        const next = this.peek(1);
        if (next?.kind === 'punct' && next.value === '(' && FILE_FUNCTION.test(tok.value) && !(prev?.kind === 'punct' && prev.value === ':')) {
          refuse(`function ${tok.raw}() is not allowed in the read-only console (it can read files or the network)`, tok);
        }
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
 * clauses. Returns the tokens (for callers that want them).
 */
export function assertReadOnlyQuery(query: string): Token[] {
  if (query.length > 100_000) refuse('query too long (over 100,000 characters)');
  const tokens = tokenize(query);
  if (tokens.length === 0) refuse('empty query');
  const p = new Parser(tokens, tokens.length);
  p.parseQuery(false);
  return tokens;
}
