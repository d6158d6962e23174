/**
 * Backfill: complete graph articles the archive lacks are copied into it, from the graph's own
 * Article node (which holds the checked input whole). Kept apart from index-sync.ts so that the
 * probe child (probe-store-child.ts) loads no extraction pipeline.
 */
import type { CypherQuery, GraphStore } from '../cypher/store.ts';
import { articleId } from '../ingest/ids.ts';
import type { ArticleInput } from '../ingest/types.ts';
import type { ArticleArchive } from './article-archive.ts';

export const completeArticleIds: CypherQuery = { text: 'MATCH (a:Article) WHERE a.complete = true RETURN a.id AS id', params: {} };

const articlesById = (ids: string[]): CypherQuery => ({
  text:
    'UNWIND $ids AS id MATCH (a:Article {id: id}) WHERE a.complete = true ' +
    'RETURN a.id AS id, a.file AS file, a.title AS title, a.source AS source, a.url AS url, a.published AS published, a.text AS text',
  params: { ids },
});

/** Graph articles read back per query during a backfill. */
const BACKFILL_CHUNK = 200;

/** Copies every complete graph article the archive lacks into the archive (marked `backfilled`). */
export async function backfillArchive(archive: ArticleArchive, store: GraphStore, graphIds?: Set<string>): Promise<{ written: number; problems: string[] }> {
  const ids = graphIds ?? new Set((await store.read<{ id: string }>(completeArticleIds)).map((r) => String(r.id)));
  const archived = new Set(archive.ids());
  const toArchive = [...ids].filter((id) => !archived.has(id)).sort();
  const out = { written: 0, problems: [] as string[] };
  for (let i = 0; i < toArchive.length; i += BACKFILL_CHUNK) {
    const rows = await store.read<ArticleInput & { id: string }>(articlesById(toArchive.slice(i, i + BACKFILL_CHUNK)));
    const ok: { articleId: string; input: ArticleInput }[] = [];
    for (const r of rows) {
      if (typeof r.text !== 'string' || articleId(r.text) !== r.id) {
        out.problems.push(`graph article ${r.id} (${r.file}): its text does not hash to its id, so it cannot be archived; re-ingest it from its file`);
        continue;
      }
      ok.push({ articleId: r.id, input: { file: r.file, title: r.title ?? '', source: r.source ?? '', url: r.url ?? null, published: r.published, text: r.text } });
    }
    out.written += (await archive.put(ok, { backfilled: true })).written.length;
  }
  return out;
}
