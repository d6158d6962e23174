/**
 * `export:gold` (issue 12): reviewed articles as gold annotations in the shared evaluation's
 * format (../shared/eval/SCHEMA.md), so a team grows its own evaluation set from review.
 *
 * The source is the system of record, not the graph database: each article is re-extracted from
 * the archive with every correction of the log applied (the same pipeline stage the store's
 * writes and rebuilds run), so the export works while the server holds the database, and says
 * exactly what a rebuild would put in the graph. An article is exported only once a reviewer has
 * marked it reviewed (`article.reviewed`), unless asked otherwise.
 *
 * Every text, mention and evidence written is checked to be an exact substring of the article
 * (SCHEMA.md's rule); a span that is not stops that article's export with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ArticleArchive, type ArchivedArticle } from '../archive/article-archive.ts';
import { CorrectionsLog } from '../archive/corrections-log.ts';
import type { GraphRecords } from '../cypher/schema.ts';
import { extractArticle, parseIssueSet, toGraphRecords } from '../ingest/index.ts';
import type { Correction } from '../ingest/review/corrections.ts';

/** One article in SCHEMA.md's gold format. */
export interface GoldFile {
  article: string;
  title: string;
  source: string;
  url: string | null;
  published: string;
  published_basis: string;
  actors: { id: string; name: string; type: string; mentions: string[]; roles: { title: string; as_of: string }[] }[];
  statements: {
    speaker: string;
    kind: string;
    text: string;
    cue: string;
    date: string;
    date_basis: string;
    date_evidence: string | null;
    about: string[];
    stance: Record<string, string>;
  }[];
  positions: { actor: string; issue: string; stance: string; date: string; evidence: string }[];
}

export interface ExportOptions {
  dataDir: string;
  outDir: string;
  /** export articles no reviewer has marked reviewed (their gold is the machine's, corrected where corrected) */
  includeUnreviewed?: boolean;
}

export interface ExportResult {
  written: { articleId: string; file: string; statements: number; reviewed: boolean }[];
  /** articles that could not be exported, each with the reason */
  refused: { ref: string; reason: string }[];
  /** problems of the corrections log (damaged lines are skipped) */
  warnings: string[];
}

export class GoldExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoldExportError';
  }
}

const ARTICLE_ID = /^art_[0-9a-f]{16}$/;

/** The archived article an argument names: its id, or its file name (with or without the directory). */
function resolveRef(archive: ArticleArchive, ref: string, byFile: () => Map<string, string[]>): string {
  if (ARTICLE_ID.test(ref)) {
    if (!archive.has(ref)) throw new GoldExportError(`no archived article with id ${ref}`);
    return ref;
  }
  const ids = byFile().get(path.basename(ref)) ?? [];
  if (ids.length === 0) throw new GoldExportError(`no archived article with file name ${path.basename(ref)} (give an article id or a file name)`);
  if (ids.length > 1) throw new GoldExportError(`${ids.length} archived articles are named ${path.basename(ref)} (${ids.join(', ')}): give the article id`);
  return ids[0]!;
}

/** Throws unless `s` is an exact substring of the article text. */
function verbatim(text: string, s: string, what: string): string {
  if (!s || !text.includes(s)) throw new GoldExportError(`${what} is not an exact substring of the article: ${JSON.stringify(s.slice(0, 80))}`);
  return s;
}

/** Gold ids are per article: an article-local graph id (`slug@hash`) loses its suffix when that stays unique. */
function goldIds(ids: string[]): Map<string, string> {
  const short = (id: string) => id.replace(/@[0-9a-f]{8}$/, '');
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(short(id), (counts.get(short(id)) ?? 0) + 1);
  return new Map(ids.map((id) => [id, (counts.get(short(id)) ?? 0) > 1 ? id : short(id)]));
}

/** The gold annotation of one extracted (and corrected) article. */
export function toGold(archived: ArchivedArticle, r: GraphRecords): GoldFile {
  const a = archived.article;
  const text = a.text;
  const statements = [...r.nodes.Statement].sort((x, y) => x.start - y.start || x.end - y.end);
  const speakers = new Set(statements.map((s) => s.speakerId));
  const positionActors = new Set(r.rels.HOLDS_POSITION.map((p) => p.from));
  const forms = new Map<string, Set<string>>();
  for (const m of r.rels.MENTIONS) for (const f of m.forms) (forms.get(m.to) ?? forms.set(m.to, new Set()).get(m.to)!).add(f);
  for (const s of statements) if (s.speakerMention) (forms.get(s.speakerId) ?? forms.set(s.speakerId, new Set()).get(s.speakerId)!).add(s.speakerMention);
  // the article's actors: those it mentions, those that speak, those that hold a position
  const actors = r.nodes.Actor.filter((x) => forms.has(x.id) || speakers.has(x.id) || positionActors.has(x.id));
  const ids = goldIds(actors.map((x) => x.id));
  const gid = (id: string) => ids.get(id) ?? id;
  const roles = new Map<string, { title: string; as_of: string }[]>();
  for (const rel of r.rels.RELATES) {
    if (rel.kind !== 'holds_office' || !rel.title) continue;
    const list = roles.get(rel.from) ?? [];
    if (!list.some((x) => x.title === rel.title && x.as_of === rel.date)) list.push({ title: rel.title, as_of: rel.date });
    roles.set(rel.from, list);
  }
  const about = new Map<string, { issue: string; stance: string }[]>();
  for (const ab of r.rels.ABOUT) about.set(ab.from, [...(about.get(ab.from) ?? []), { issue: ab.to, stance: ab.stance }]);
  const byStatement = new Map(statements.map((s) => [s.id, s]));
  return {
    article: a.file,
    title: a.title,
    source: a.source,
    url: a.url,
    published: a.published,
    published_basis: 'the publication date of the article as archived by claimgraph (its metadata)',
    actors: actors.map((x) => ({
      id: gid(x.id),
      name: x.name,
      type: x.type,
      // surface forms only: dictionary aliases the article never uses are not mentions
      mentions: [...(forms.get(x.id) ?? [])].filter((f) => f && text.includes(f)).sort(),
      roles: roles.get(x.id) ?? [],
    })),
    statements: statements.map((s) => {
      const issues = (about.get(s.id) ?? []).sort((p, q) => p.issue.localeCompare(q.issue));
      return {
        speaker: gid(s.speakerId),
        kind: s.kind,
        text: verbatim(text, s.text, `statement ${s.id}'s text`),
        cue: s.cue,
        date: s.date,
        date_basis: s.dateBasis,
        date_evidence: s.dateEvidence,
        about: issues.map((i) => i.issue),
        stance: Object.fromEntries(issues.map((i) => [i.issue, i.stance])),
      };
    }),
    positions: r.rels.HOLDS_POSITION
      // SCHEMA.md's positions take a side (support | oppose | mixed)
      .filter((p) => p.stance !== 'neutral')
      .map((p) => {
        const evidence = p.evidence && text.includes(p.evidence) ? p.evidence : (p.statementIds.map((id) => byStatement.get(id)?.text).find((t) => t && text.includes(t)) ?? '');
        return { actor: gid(p.from), issue: p.to, stance: p.stance, date: p.date, evidence: verbatim(text, evidence, `the evidence of ${p.from}'s position on ${p.to}`) };
      }),
  };
}

/** Checks a gold file against SCHEMA.md's substring rule (what the shared scorer's authors verify with a script). */
export function assertVerbatim(gold: GoldFile, text: string): void {
  for (const s of gold.statements) verbatim(text, s.text, 'a statement text');
  for (const a of gold.actors) for (const m of a.mentions) verbatim(text, m, `a mention of ${a.id}`);
  for (const p of gold.positions) verbatim(text, p.evidence, 'a position evidence');
  const ids = new Set(gold.actors.map((a) => a.id));
  for (const s of gold.statements) if (!ids.has(s.speaker)) throw new GoldExportError(`statement speaker ${s.speaker} is not among the actors`);
}

/** `<stem>.gold.json`: the article's file name without its extension. */
export const goldFileName = (articleFile: string) => `${path.basename(articleFile).replace(/\.[^.]+$/, '')}.gold.json`;

/** Exports the named articles; one that cannot be exported is refused with its reason, the others still are. */
export function exportGold(refs: readonly string[], opts: ExportOptions): ExportResult {
  const archive = ArticleArchive.at(opts.dataDir);
  if (!archive.exists()) throw new GoldExportError(`no article archive in ${path.resolve(opts.dataDir)} (is --data-dir right?)`);
  const log = CorrectionsLog.at(opts.dataDir).readAll();
  const corrections: readonly Correction[] = log.corrections;
  let fileIndex: Map<string, string[]> | null = null;
  const byFile = () => {
    if (!fileIndex) {
      fileIndex = new Map();
      for (const x of archive.readAll().articles) fileIndex.set(x.article.file, [...(fileIndex.get(x.article.file) ?? []), x.id]);
    }
    return fileIndex;
  };
  const out: ExportResult = { written: [], refused: [], warnings: [...log.problems] };
  fs.mkdirSync(opts.outDir, { recursive: true });
  for (const ref of refs) {
    try {
      const id = resolveRef(archive, ref, byFile);
      const archived = archive.read(id);
      const issues = archived.issues ? parseIssueSet(archive.readIssueSet(archived.issues).json, archived.issues).set : undefined;
      const doc = extractArticle(archived.article, { ...(issues ? { issues } : {}), corrections });
      const reviewed = doc.reviewed === true;
      if (!reviewed && !opts.includeUnreviewed)
        throw new GoldExportError(`${archived.article.file} (${id}) has not been marked reviewed: record an article.reviewed correction for it, or pass --include-unreviewed`);
      const gold = toGold(archived, toGraphRecords(doc));
      assertVerbatim(gold, archived.article.text);
      const file = path.join(opts.outDir, goldFileName(archived.article.file));
      const tmp = `${file}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, `${JSON.stringify(gold, null, 2)}\n`);
      fs.renameSync(tmp, file);
      out.written.push({ articleId: id, file, statements: gold.statements.length, reviewed });
    } catch (e) {
      out.refused.push({ ref, reason: (e as Error).message });
    }
  }
  return out;
}
