/**
 * Converts neo4j-driver values to JSON-safe values: Integer → number, temporal values → ISO
 * strings, nodes/relationships → plain objects (`toPlain`) or tagged console values.
 */
import neo4j from 'neo4j-driver';
import type { ConsoleNode, ConsoleRel, ConsoleValue } from '../store.ts';

function isTemporal(v: unknown): boolean {
  return (
    neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v) || neo4j.isLocalTime(v) || neo4j.isTime(v) || neo4j.isDuration(v)
  );
}

function scalar(v: unknown): ConsoleValue | undefined {
  if (v === null || v === undefined) return null;
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (isTemporal(v)) return String(v);
  if (v instanceof Date) return v.toISOString();
  return undefined;
}

function propsOf(p: Record<string, unknown>, conv: (v: unknown) => ConsoleValue): Record<string, ConsoleValue> {
  const out: Record<string, ConsoleValue> = {};
  for (const [k, v] of Object.entries(p)) out[k] = conv(v);
  return out;
}

export function neo4jToPlain(v: unknown): unknown {
  const s = scalar(v);
  if (s !== undefined) return s;
  if (Array.isArray(v)) return v.map(neo4jToPlain);
  if (neo4j.isNode(v)) return { ...propsOf(v.properties, neo4jToPlain as (x: unknown) => ConsoleValue), _label: v.labels[0] ?? null, _id: v.elementId };
  if (neo4j.isRelationship(v)) {
    return {
      ...propsOf(v.properties, neo4jToPlain as (x: unknown) => ConsoleValue),
      _label: v.type,
      _id: v.elementId,
      _src: v.startNodeElementId,
      _dst: v.endNodeElementId,
    };
  }
  if (neo4j.isPath(v)) {
    return { _nodes: [v.start, ...v.segments.map((s) => s.end)].map(neo4jToPlain), _rels: v.segments.map((s) => neo4jToPlain(s.relationship)) };
  }
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) out[k] = neo4jToPlain(val);
    return out;
  }
  return String(v);
}

export function neo4jToConsole(v: unknown): ConsoleValue {
  const s = scalar(v);
  if (s !== undefined) return s;
  if (Array.isArray(v)) return v.map(neo4jToConsole);
  if (neo4j.isNode(v)) {
    const n: ConsoleNode = { $kind: 'node', id: v.elementId, label: v.labels[0] ?? '', properties: propsOf(v.properties, neo4jToConsole) };
    return n;
  }
  if (neo4j.isRelationship(v)) {
    const r: ConsoleRel = {
      $kind: 'rel',
      id: v.elementId,
      type: v.type,
      from: v.startNodeElementId,
      to: v.endNodeElementId,
      properties: propsOf(v.properties, neo4jToConsole),
    };
    return r;
  }
  if (neo4j.isPath(v)) {
    return { nodes: [v.start, ...v.segments.map((seg) => seg.end)].map(neo4jToConsole), rels: v.segments.map((seg) => neo4jToConsole(seg.relationship)) };
  }
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, ConsoleValue> = {};
    for (const [k, val] of Object.entries(v)) out[k] = neo4jToConsole(val);
    return out;
  }
  return String(v);
}

/**
 * Query parameters for Neo4j: whole numbers become Integers (a JS number travels as a float, and
 * `SKIP $offset LIMIT $limit` refuses floats), recursively through lists and maps.
 */
export function paramsToNeo4j(v: unknown): unknown {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return neo4j.int(v);
  if (Array.isArray(v)) return v.map(paramsToNeo4j);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, paramsToNeo4j(x)]));
  }
  return v;
}
