/**
 * Store-independent preparation of a write batch (used by the LadybugDB and Neo4j stores):
 * validation, the per-article partition, and de-duplication of shared nodes so that one UNWIND
 * never sees the same id twice.
 */
import { NODE_LABELS, REL_TYPES, validateGraphRecords, type ActorNode, type GraphRecords, type NodeLabel, type RelType } from '../schema.ts';
import { StoreError } from '../store.ts';
import type { WriteSummary } from '../store.ts';

/** Validates records, and checks every statement and relationship belongs to an article of the batch. */
/** Validates a batch, then queues its write: invalid records are refused before anything is queued. */
export function checkedWrite<T>(records: GraphRecords, queue: () => Promise<T>): Promise<T> {
  try {
    checkBatch(records);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  return queue();
}

export function checkBatch(records: GraphRecords): void {
  try {
    validateGraphRecords(records);
  } catch (err) {
    throw new StoreError('INVALID_RECORDS', (err as Error).message, { cause: err });
  }
  const articles = new Set(records.nodes.Article.map((a) => a.id));
  for (const s of records.nodes.Statement) {
    if (!articles.has(s.articleId)) {
      throw new StoreError('INVALID_RECORDS', `Statement ${s.id} belongs to article ${s.articleId}, which is not in the batch`);
    }
  }
  for (const type of REL_TYPES) {
    for (const r of records.rels[type]) {
      if (!articles.has(r.articleId)) {
        throw new StoreError('INVALID_RECORDS', `${type} ${r.from}->${r.to} belongs to article ${r.articleId}, which is not in the batch`);
      }
    }
  }
}

/** Keeps only what belongs to `keep` (article ids); shared nodes (actors, issues) are kept whole. */
export function restrictToArticles(records: GraphRecords, keep: ReadonlySet<string>): GraphRecords {
  const rels = {} as GraphRecords['rels'];
  for (const type of REL_TYPES) {
    (rels as Record<RelType, unknown[]>)[type] = (records.rels[type] as { articleId: string }[]).filter((r) => keep.has(r.articleId));
  }
  return {
    nodes: {
      Article: records.nodes.Article.filter((a) => keep.has(a.id)),
      Statement: records.nodes.Statement.filter((s) => keep.has(s.articleId)),
      Actor: records.nodes.Actor,
      Issue: records.nodes.Issue,
    },
    rels,
  };
}

/** Actor rows merged by id: aliases united (first-seen order), first non-null description/affiliation. */
export function mergeActors(actors: readonly ActorNode[]): ActorNode[] {
  const byId = new Map<string, ActorNode>();
  for (const a of actors) {
    const prev = byId.get(a.id);
    if (!prev) {
      byId.set(a.id, { ...a, aliases: [...new Set(a.aliases)] });
      continue;
    }
    byId.set(a.id, {
      ...prev,
      aliases: [...new Set([...prev.aliases, ...a.aliases])],
      description: prev.description ?? a.description,
      affiliation: prev.affiliation ?? a.affiliation,
    });
  }
  return [...byId.values()];
}

/** Rows of other node tables de-duplicated by id (last one wins; ids are content-derived, so they agree). */
export function uniqueById<T extends { id: string }>(rows: readonly T[]): T[] {
  const m = new Map<string, T>();
  for (const r of rows) m.set(r.id, r);
  return [...m.values()];
}

/** Splits an array into chunks of at most `size`, so that one parameter list stays bounded in memory. */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export function countRecords(records: GraphRecords): number {
  let n = 0;
  for (const l of NODE_LABELS) n += records.nodes[l as NodeLabel].length;
  for (const t of REL_TYPES) n += records.rels[t].length;
  return n;
}

/** Which of a batch's articles still need writing, and the summary the write will report. */
export function planWrite(articleIds: readonly string[], complete: ReadonlySet<string>): { todo: string[]; summary: WriteSummary } {
  const todo = articleIds.filter((id) => !complete.has(id));
  return { todo, summary: { articlesWritten: todo, articlesSkipped: articleIds.filter((id) => complete.has(id)) } };
}

/** What an Actor already stored holds of the fields a later mention may add to. */
export interface StoredActor {
  id: string;
  aliases: readonly string[];
  description: string | null;
  affiliation: string | null;
}

/**
 * The update that merging `incoming` into `stored` needs, or null when it adds nothing (the common
 * case for an actor seen before): aliases united (stored order first), description and
 * affiliation kept when set, filled when not. Name and type stay as first written.
 */
export function actorUpdate(stored: StoredActor, incoming: ActorNode): StoredActor | null {
  const have = new Set(stored.aliases);
  const added = incoming.aliases.filter((a) => !have.has(a));
  const description = stored.description ?? incoming.description ?? null;
  const affiliation = stored.affiliation ?? incoming.affiliation ?? null;
  if (added.length === 0 && description === stored.description && affiliation === stored.affiliation) return null;
  return { id: stored.id, aliases: [...new Set([...stored.aliases, ...added])], description, affiliation };
}

/**
 * Splits a batch's merged actors into those to create and the stored ones to update, given what
 * the store holds for their ids (primary-key lookups: no scan of the Actor table).
 */
export function planActors(actors: readonly ActorNode[], stored: ReadonlyMap<string, StoredActor>): { create: ActorNode[]; update: StoredActor[] } {
  const create: ActorNode[] = [];
  const update: StoredActor[] = [];
  for (const a of actors) {
    const s = stored.get(a.id);
    if (!s) create.push(a);
    else {
      const u = actorUpdate(s, a);
      if (u) update.push(u);
    }
  }
  return { create, update };
}
