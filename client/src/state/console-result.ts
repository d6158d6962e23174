/**
 * Cypher console results -> table cells and a small graph of the nodes/relationships they contain
 * (values tagged `$kind: 'node' | 'rel'` by the server, see cypher/store.ts ConsoleValue).
 */
import type { ConsoleNode, ConsoleRel, ConsoleValue } from '../../../cypher/store.ts';

export function isConsoleNode(v: ConsoleValue): v is ConsoleNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { $kind?: unknown }).$kind === 'node';
}

export function isConsoleRel(v: ConsoleValue): v is ConsoleRel {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { $kind?: unknown }).$kind === 'rel';
}

/** Short text for one table cell. */
export function cellText(v: ConsoleValue, max = 300): string {
  let s: string;
  if (v === null) s = 'null';
  else if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else if (isConsoleNode(v)) s = `(:${v.label} ${nodeCaption(v)})`;
  else if (isConsoleRel(v)) s = `[:${v.type}]`;
  else s = JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function nodeCaption(n: ConsoleNode): string {
  const p = n.properties;
  for (const k of ['name', 'label', 'title', 'text', 'id']) {
    const v = p[k];
    if (typeof v === 'string' && v) return v.length > 60 ? `${v.slice(0, 59)}…` : v;
  }
  return n.id;
}

export interface ResultGraph {
  nodes: { id: string; label: string; caption: string; properties: Record<string, ConsoleValue> }[];
  /** caption: the relation's `kind` when it has one (RELATES), else its type */
  rels: { id: string; type: string; caption: string; from: string; to: string; properties: Record<string, ConsoleValue> }[];
}

/** Every node and relationship found anywhere in the rows (inside lists and maps too), deduplicated. */
export function resultGraph(rows: readonly ConsoleValue[][]): ResultGraph {
  const nodes = new Map<string, ResultGraph['nodes'][number]>();
  const rels = new Map<string, ResultGraph['rels'][number]>();
  const visit = (v: ConsoleValue, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (isConsoleNode(v)) {
      if (!nodes.has(v.id)) nodes.set(v.id, { id: v.id, label: v.label, caption: nodeCaption(v), properties: v.properties });
    } else if (isConsoleRel(v)) {
      const kind = v.properties.kind;
      if (!rels.has(v.id)) rels.set(v.id, { id: v.id, type: v.type, caption: typeof kind === 'string' ? kind.replace(/_/g, ' ') : v.type, from: v.from, to: v.to, properties: v.properties });
    } else if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
    } else {
      for (const x of Object.values(v)) visit(x, depth + 1);
    }
  };
  for (const row of rows) for (const v of row) visit(v, 0);
  // a relationship is drawable only when both ends came back too
  const drawable = [...rels.values()].filter((r) => nodes.has(r.from) && nodes.has(r.to));
  return { nodes: [...nodes.values()], rels: drawable };
}

/** Rows as JSON objects keyed by column (what the JSON tab shows and copies). */
export function rowsAsObjects(columns: readonly string[], rows: readonly ConsoleValue[][]): Record<string, ConsoleValue>[] {
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])));
}

/** Query history: newest first, no duplicates, at most `max`. */
export function pushHistory(history: readonly string[], query: string, max = 30): string[] {
  const q = query.trim();
  if (!q) return [...history];
  return [q, ...history.filter((h) => h !== q)].slice(0, max);
}
