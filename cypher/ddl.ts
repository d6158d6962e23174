/**
 * Schema DDL for both stores, derived from `schema.ts` (NODE_TABLES / REL_TABLES) so that a
 * property declared there appears here without being written twice.
 *
 * - LadybugDB/Kùzu is schema-full: one `CREATE NODE TABLE` / `CREATE REL TABLE` per table.
 * - Neo4j is schema-less for properties: a uniqueness constraint on every node label's `id`,
 *   plus indexes for the filters the server runs (statement dates, speaker, article) and for the
 *   sweep of half-written articles (`articleId` on every relationship type).
 */
import { NODE_LABELS, NODE_TABLES, REL_TABLES, REL_TYPES, type CypherType, type NodeLabel, type RelType } from './schema.ts';

/** Quotes an identifier with backticks; Kùzu reserves words our schema uses as names (`end`, `count`…). */
export function ident(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** Kùzu spells our property types the same way, except BOOLEAN which it also accepts. */
function ladybugType(t: CypherType): string {
  return t;
}

/** Property names of a node table, in declared order (`id` first). */
export function nodePropNames(label: NodeLabel): string[] {
  return Object.keys(NODE_TABLES[label].props);
}

/** Property names of a relationship table, in declared order (endpoints excluded). */
export function relPropNames(type: RelType): string[] {
  return Object.keys(REL_TABLES[type].props);
}

export function propType(table: NodeLabel | RelType, prop: string): CypherType {
  const def = (table in NODE_TABLES ? NODE_TABLES[table as NodeLabel].props : REL_TABLES[table as RelType].props) as Record<
    string,
    { cypher: CypherType }
  >;
  const p = def[prop];
  if (!p) throw new Error(`unknown property ${table}.${prop}`);
  return p.cypher;
}

/** `CREATE NODE TABLE IF NOT EXISTS …` and `CREATE REL TABLE IF NOT EXISTS …`, nodes first. */
export function ladybugDdl(): string[] {
  const out: string[] = [];
  for (const label of NODE_LABELS) {
    const cols = nodePropNames(label).map((p) => `${ident(p)} ${ladybugType(propType(label, p))}`);
    out.push(`CREATE NODE TABLE IF NOT EXISTS ${ident(label)}(${cols.join(', ')}, PRIMARY KEY(${ident('id')}))`);
  }
  for (const type of REL_TYPES) {
    const def = REL_TABLES[type];
    const cols = relPropNames(type).map((p) => `${ident(p)} ${ladybugType(propType(type, p))}`);
    out.push(`CREATE REL TABLE IF NOT EXISTS ${ident(type)}(FROM ${ident(def.from)} TO ${ident(def.to)}${cols.map((c) => ', ' + c).join('')})`);
  }
  return out;
}

/**
 * Columns the schema declares that a store made by an older version lacks (`CREATE … IF NOT
 * EXISTS` leaves an existing table as it was): `ALTER TABLE … ADD` for each, so an old data
 * directory takes new writes and reads the added columns as null, with nothing rebuilt.
 */
export function ladybugColumnMigrations(existing: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const out: string[] = [];
  const tables: [NodeLabel | RelType, string[]][] = [
    ...NODE_LABELS.map((l) => [l, nodePropNames(l)] as [NodeLabel, string[]]),
    ...REL_TYPES.map((t) => [t, relPropNames(t)] as [RelType, string[]]),
  ];
  for (const [table, props] of tables) {
    const have = existing.get(table);
    if (!have) continue;
    for (const prop of props) if (!have.has(prop)) out.push(`ALTER TABLE ${ident(table)} ADD ${ident(prop)} ${ladybugType(propType(table, prop))}`);
  }
  return out;
}

/** Node properties Neo4j indexes besides the unique `id` (the filters the server runs). */
export const NEO4J_NODE_INDEXES: readonly { label: NodeLabel; prop: string }[] = [
  { label: 'Statement', prop: 'dateFrom' },
  { label: 'Statement', prop: 'speakerId' },
  { label: 'Statement', prop: 'articleId' },
  { label: 'Article', prop: 'complete' },
];

/** Neo4j 5 constraints and indexes, all idempotent (`IF NOT EXISTS`). */
export function neo4jDdl(): string[] {
  const out: string[] = [];
  for (const label of NODE_LABELS) {
    out.push(`CREATE CONSTRAINT ${ident(`${label}_id_unique`)} IF NOT EXISTS FOR (n:${ident(label)}) REQUIRE n.${ident('id')} IS UNIQUE`);
  }
  for (const { label, prop } of NEO4J_NODE_INDEXES) {
    if (!nodePropNames(label).includes(prop)) throw new Error(`index on undeclared property ${label}.${prop}`);
    out.push(`CREATE INDEX ${ident(`${label}_${prop}`)} IF NOT EXISTS FOR (n:${ident(label)}) ON (n.${ident(prop)})`);
  }
  for (const type of REL_TYPES) {
    if (relPropNames(type).includes('articleId')) {
      out.push(`CREATE INDEX ${ident(`${type}_articleId`)} IF NOT EXISTS FOR ()-[r:${ident(type)}]-() ON (r.${ident('articleId')})`);
    }
  }
  return out;
}
