/**
 * The article input's fields and their rules, declared once. A manifest entry (ingest/stages/load.ts)
 * and an API upload (server/contract.ts) both derive from `ArticleFields`, and `checkArticleInput`
 * applies the same predicates to every article whatever its path, so a rule cannot hold on one
 * way in and not the other. Pure (zod only): the server's contract, and through it the client's
 * types, import it.
 */
import { z } from 'zod';

/** Longest URL accepted; browsers and proxies cut longer ones anyway. */
export const MAX_URL_CHARS = 2000;

/** A real date at day, month or year granularity: 2024-02-29 and 2021-12 are, 2021-02-30 and 2021-13 are not. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  // day 0 of the next month is the last day of this one (setUTCFullYear: years below 100 are not 19xx)
  const last = new Date(0);
  last.setUTCFullYear(y, mo, 0);
  return d <= last.getUTCDate();
}

/** A publication date: a real YYYY-MM-DD between 1900 and 2100 (a later or earlier one is a typo). */
export function isRealDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || !isRealDate(s)) return false;
  const y = Number(s.slice(0, 4));
  return y >= 1900 && y <= 2100;
}

/**
 * Only web addresses are kept: a `javascript:` URL runs script when its link is clicked, `data:`
 * can carry a whole page and `file:` opens the reader's own files. Parsed with the WHATWG parser,
 * the one browsers use, so tricks like `JaVaScRiPt:`, leading spaces or tabs inside the scheme
 * resolve to the scheme a browser would see.
 */
export function isHttpUrl(s: string): boolean {
  if (s.length > MAX_URL_CHARS) return false;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return false;
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

/** Shown inside messages: never a whole 2 MB data: URL. */
export function clip(v: unknown, max = 80): string {
  const s = String(v);
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}

const str = (expected: string) =>
  z.string({ error: (iss) => (iss.input === undefined ? `required (${expected})` : `expected ${expected}, got ${typeName(iss.input)}`) });

/** The publication date; its messages quote the bad value. */
export const PublishedDay = str('a date YYYY-MM-DD')
  .regex(/^\d{4}-\d{2}-\d{2}$/, { abort: true, error: (iss) => `${clip(iss.input)} is not a date YYYY-MM-DD` })
  .refine(isRealDay, { error: (iss) => `${clip(iss.input)} is not a real calendar date (1900–2100)` });

/** An article's web address: http(s) only; an empty string means none. */
export const ArticleUrl = str('an http(s) URL')
  .trim()
  .max(MAX_URL_CHARS, { abort: true, error: `longer than ${MAX_URL_CHARS} characters` })
  .refine((s) => s === '' || isHttpUrl(s), {
    error: (iss) => `${clip(iss.input)} is not an http(s) URL (javascript:, data:, file: and other schemes are refused)`,
  })
  .transform((s) => s || null)
  .meta({ description: 'http(s) address of the original article' });

/** Every field of an article input; unknown fields are refused (a typo like "publised" is not silently dropped). */
export const ArticleFields = z.strictObject({
  file: str('a file name').trim().min(1, { error: 'empty file name' }).max(500),
  text: str('the article text').min(1, { error: 'empty text' }),
  title: str('a title').max(1000),
  source: str('a source name').max(500),
  url: ArticleUrl.nullable(),
  published: PublishedDay,
}, { error: (iss) => (iss.code === 'invalid_type' ? `expected an object {"file", "published", …}, got ${typeName(iss.input)}` : undefined) });

/** One entry of a manifest.json: the fields of an article but its text; only `file` and `published` are required. */
export const ManifestEntry = ArticleFields.omit({ text: true }).extend({
  title: ArticleFields.shape.title.nullish(),
  source: ArticleFields.shape.source.nullish(),
  url: ArticleUrl.nullish(),
});
export type ManifestEntry = z.output<typeof ManifestEntry>;

/** zod issues as one line: `published: "2021-02-30" is not a real calendar date; unknown field "autor"`. */
export function describeIssues(err: z.ZodError): string {
  return err.issues
    .map((i) => {
      if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => clip(k, 40)).join(', ')}`;
      const path = i.path.map(String).join('.');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}
