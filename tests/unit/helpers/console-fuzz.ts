/**
 * Random console queries for the guard's property tests: pieces that broke or could break a
 * lexer (numbers, `$`, backticks, quotes, comment openers and closers, the engine's odd
 * whitespace, clause keywords, file functions) glued with nothing or with random separators.
 */

import { prng } from '../../../bench/prng.ts';
export { prng };

export function fuzzPieces(file: string): string[] {
  return [
    // numbers and parameters (a letter straight after them was the bypass)
    '1', '0', '007', '1.5', '.5', '1e3', '1e-3', '1e', '$1', '$0', '$a', '$`x`', '$`a``b`', '$',
    // clause keywords and names
    'LOAD', 'load', 'LoAd', 'COPY', 'CALL', 'ATTACH', 'INSTALL', 'EXPORT', 'IMPORT', 'FROM', 'WITH', 'LIMIT', 'RETURN', 'MATCH',
    'UNWIND', 'AS', 'x', 'WHERE', 'HEADERS', 'TO', 'DATABASE', 'EXTENSION', 'httpfs', '*',
    // file and table functions, plain and quoted
    'read_csv_serial', 'READ_CSV_PARALLEL', 'read_parquet', 'read_npy', 'file_info', 'current_setting', 'show_tables', 'table_info',
    '`read_csv_serial`', '`READ_parquet`', '`file_info`', '`LOAD`', '`', '``', '`a``b`',
    // strings, quotes and escapes
    `'${file}'`, `"${file}"`, "'a\\'b'", "'x\\\\'", "'it''s'", "'", '"', '\\', "'\\q'", "'\\u0041'",
    // comments and line ends
    '/*', '*/', '/**/', '/* ** */', '**/', '/*/', '//', '\n', '\r', '\r\n', '-- ',
    // punctuation
    '(', ')', '[', ']', '{', '}', ',', '.', ':', ';', '=', '-', '>', '<', '|', '(header=false)', '()', `(${JSON.stringify(file)})`,
  ];
}

/** Separators: nothing (glued), ASCII space, and the engine's Unicode whitespace, plus two it does not treat as space. */
export const GLUE = ['', '', '', ' ', ' ', '\t', '\u00a0', '\u2028', '\u3000', '\u001c', '\u000b', '\u0085', '\u200b', '\ufeff', '/**/'];

const PREFIXES = [
  'UNWIND [1] AS x WITH x LIMIT ',
  'UNWIND [1] AS x WITH x WHERE x = ',
  'MATCH (a) WITH a LIMIT ',
  'MATCH (a) WHERE a.id = ',
  'WITH 1 AS x RETURN ',
  'RETURN ',
  'UNWIND [1] AS x RETURN x, ',
  '',
];
const SUFFIXES = ['', ' RETURN *', ' RETURN x', ' (header=false) RETURN *', ')', ' RETURN 1'];

export function fuzzQuery(rand: () => number, pieces: string[]): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  let q = pick(PREFIXES);
  const n = 2 + Math.floor(rand() * 10);
  for (let i = 0; i < n; i++) q += (i === 0 ? '' : pick(GLUE)) + pick(pieces);
  return q + pick(SUFFIXES);
}

/** Substrings that would read a file, run a procedure or change the database if the engine saw them as code. */
export const DANGER = /load|copy|call|attach|install|export|import|read_[a-z_]+|file_info|current_setting/gi;

/** Comment and quote wrappers, including the ones whose end is easy to get wrong. */
const WRAPPERS: [string, string][] = [
  ['/*', '*/'], ['/* *', '*/'], ['/**', '**/'], ['/*', '**/'], ['/* /*', '*/'], ['/*', '*/ */'], ['/*', '* /'],
  ['//', '\n'], ['//', '\r\n'], ['//', '\r'], ['//', ''], ["'", "'"], ['"', '"'], ["'", "\\'"], ['`', '`'], ['', ''],
];

/** `… LIMIT 1 <open> LOAD FROM '<file>' … <close> RETURN x`: valid exactly when the wrapper hides the clause. */
export function fuzzWrapped(rand: () => number, file: string): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const [open, close] = pick(WRAPPERS);
  const kw = pick(['LOAD FROM', 'load from', 'COPY x FROM', 'CALL read_csv_serial(', 'LOAD WITH HEADERS (a STRING) FROM']);
  const inner = `${pick(GLUE)}${kw} ${pick([`'${file}'`, `"${file}"`, `\`${file}\``])}${pick(GLUE)}${pick(['(header=false)', ')', ''])}`;
  return `UNWIND [1] AS x WITH x LIMIT 1${pick([' ', '', '\u00a0', '/**/', '\n'])}${open}${inner}${close}${pick([' ', '', '\u3000', '\n'])}RETURN x`;
}
