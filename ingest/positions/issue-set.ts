/**
 * Issue sets: the issues positions are read against. The default set (ingest/data/issues.json) is
 * the sample corpus's US–Iraq one; a corpus can declare its own in an `issues.json` beside its
 * `manifest.json` (same format). Each file is validated with zod: a bad entry is reported with the
 * file and the entry and left out, the good ones are kept; a file with no usable issue is an error.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { issueIdSchema } from '../../cypher/schema.ts';
import { InputError } from '../types.ts';
import defaultJson from '../data/issues.json' with { type: 'json' };

const phrase = z
  .string()
  .trim()
  .min(1, 'empty phrase')
  .max(120)
  .refine((s) => /[a-z0-9]/i.test(s), 'a phrase needs at least one letter or digit');

export const IssueEntrySchema = z
  .object({
    $comment: z.string().optional(),
    id: issueIdSchema,
    label: z.string().trim().min(1, 'empty label').max(120),
    description: z.string().trim().max(1000).default(''),
    /** words and phrases that make a text about the issue */
    terms: z.array(phrase).min(1, 'an issue needs at least one topic term'),
    /** phrases that, in a text about the issue, signal support / opposition by themselves */
    support: z.array(phrase).default([]),
    oppose: z.array(phrase).default([]),
    /**
     * The issue is action against what its terms name (a campaign against a group): opposing the
     * terms ("condemned ISIS", "fight against ISIS") supports the issue.
     */
    inverse: z.boolean().default(false),
  })
  .strict();

export type IssueDef = z.infer<typeof IssueEntrySchema>;

const FileSchema = z
  .object({
    $comment: z.string().optional(),
    issues: z.array(z.unknown()).min(1, 'no issues declared'),
    /**
     * A topic term or cue followed closely by "in/from/to <one of these>" is about another place
     * ("withdraw the troops from Syria"), so it is left out.
     */
    elsewhere: z.array(phrase).default([]),
  })
  .strict();

export interface IssueSet {
  /** where it was read from ("default" for the built-in set) */
  source: string;
  issues: IssueDef[];
  elsewhere: string[];
}

export interface ParsedIssueSet {
  set: IssueSet;
  /** one message per bad entry, naming the file and the entry */
  problems: string[];
}

const describe = (e: z.ZodError) => e.issues.map((i) => `${i.path.map(String).join('.') || '(entry)'}: ${i.message}`).join('; ');

/** Validates an issues file's parsed JSON; throws InputError when nothing usable is left. */
export function parseIssueSet(json: unknown, source: string): ParsedIssueSet {
  const file = FileSchema.safeParse(json);
  if (!file.success) throw new InputError(source, `invalid issues file: ${describe(file.error)}`);
  const problems: string[] = [];
  const issues: IssueDef[] = [];
  const seen = new Set<string>();
  file.data.issues.forEach((raw, i) => {
    const r = IssueEntrySchema.safeParse(raw);
    const name = typeof raw === 'object' && raw && 'id' in raw ? ` ("${String((raw as { id: unknown }).id)}")` : '';
    if (!r.success) {
      problems.push(`${source}: issues[${i}]${name}: ${describe(r.error)}`);
      return;
    }
    if (seen.has(r.data.id)) {
      problems.push(`${source}: issues[${i}]${name}: duplicate id (the first one is kept)`);
      return;
    }
    seen.add(r.data.id);
    issues.push(r.data);
  });
  if (!issues.length) throw new InputError(source, `no usable issue in the issues file: ${problems.join(' | ')}`);
  return { set: { source, issues, elsewhere: file.data.elsewhere }, problems };
}

/** Reads and validates an issues file. */
export function loadIssueSet(path: string): ParsedIssueSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, `cannot read issues file: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(path, `issues file is not valid JSON: ${(e as Error).message}`);
  }
  return parseIssueSet(json, path);
}

/** The built-in issue set (the sample corpus's US–Iraq issues). */
export const DEFAULT_ISSUE_SET: IssueSet = (() => {
  const { set, problems } = parseIssueSet(defaultJson, 'ingest/data/issues.json');
  if (problems.length) throw new Error(problems.join('\n'));
  return { ...set, source: 'default' };
})();

/**
 * The `issues.json` that sits beside the corpus being read: in a directory given as a path, or
 * beside a manifest given with --manifest. Undefined when there is none (the default set applies);
 * several different ones are an error, since one run reads one issue set.
 */
export function findIssuesFile(paths: readonly string[], manifest?: string): string | undefined {
  const dirs = new Set<string>();
  if (manifest) dirs.add(dirname(manifest));
  for (const p of paths) {
    const isDir = (() => {
      try {
        return statSync(p).isDirectory();
      } catch {
        return false;
      }
    })();
    dirs.add(isDir ? p : dirname(p));
  }
  const found = [...new Set([...dirs].map((d) => join(d, 'issues.json')).filter((f) => existsSync(f)))];
  if (found.length > 1) throw new InputError(found[0]!, `several issues files apply (${found.join(', ')}): pass one with --issues`);
  return found[0];
}
