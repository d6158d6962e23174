/**
 * Converts LadybugDB result values into JSON-safe values: INT64/BigInt → number, dates → ISO
 * strings, maps → objects, lists/structs recursively. Nodes, relationships and paths are either
 * flattened (`toPlain`, for trusted reads) or tagged for the console UI (`toConsoleValue`).
 */
import type { ConsoleNode, ConsoleRel, ConsoleValue } from '../store.ts';

interface LbNodeId {
  offset: number | bigint;
  table: number | bigint;
}

function isNodeId(v: unknown): v is LbNodeId {
  return typeof v === 'object' && v !== null && 'offset' in v && 'table' in v;
}

/** Internal id of a node as a stable string within one database: "table:offset". */
export function internalId(id: unknown): string {
  if (isNodeId(id)) return `${String(id.table)}:${String(id.offset)}`;
  return String(id);
}

function isRel(v: Record<string, unknown>): boolean {
  return '_src' in v && '_dst' in v && '_label' in v;
}
function isNode(v: Record<string, unknown>): boolean {
  return '_label' in v && '_id' in v && !isRel(v);
}
function isPath(v: Record<string, unknown>): boolean {
  return '_nodes' in v && '_rels' in v;
}

function scalar(v: unknown): ConsoleValue | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return undefined;
}

/** Plain JSON value: nodes/rels become objects of their properties plus `_label` (and `_id`). */
export function toPlain(v: unknown): unknown {
  const s = scalar(v);
  if (s !== undefined) return s;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of v) out[String(k)] = toPlain(val);
    return out;
  }
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(o)) {
      if (k === '_id' || k === '_src' || k === '_dst') out[k] = isNodeId(val) ? internalId(val) : toPlain(val);
      else out[k] = toPlain(val);
    }
    return out;
  }
  return String(v);
}

function props(o: Record<string, unknown>): Record<string, ConsoleValue> {
  const out: Record<string, ConsoleValue> = {};
  for (const [k, val] of Object.entries(o)) {
    if (k.startsWith('_')) continue;
    out[k] = toConsoleValue(val);
  }
  return out;
}

/** Console value: nodes and relationships tagged (`$kind`) so the UI can draw them; paths as {nodes, rels}. */
export function toConsoleValue(v: unknown): ConsoleValue {
  const s = scalar(v);
  if (s !== undefined) return s;
  if (Array.isArray(v)) return v.map(toConsoleValue);
  if (v instanceof Map) {
    const out: Record<string, ConsoleValue> = {};
    for (const [k, val] of v) out[String(k)] = toConsoleValue(val);
    return out;
  }
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (isPath(o)) {
      return { nodes: toConsoleValue(o._nodes), rels: toConsoleValue(o._rels) };
    }
    if (isRel(o)) {
      const rel: ConsoleRel = {
        $kind: 'rel',
        id: internalId(o._id),
        type: String(o._label ?? ''),
        from: internalId(o._src),
        to: internalId(o._dst),
        properties: props(o),
      };
      return rel;
    }
    if (isNode(o)) {
      const node: ConsoleNode = { $kind: 'node', id: internalId(o._id), label: String(o._label ?? ''), properties: props(o) };
      return node;
    }
    const out: Record<string, ConsoleValue> = {};
    for (const [k, val] of Object.entries(o)) out[k] = toConsoleValue(val);
    return out;
  }
  return String(v);
}
