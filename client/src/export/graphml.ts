/**
 * GraphML of a graphology graph. graphology-graphml (0.5) only parses, so the writer is here;
 * its output is checked by parsing it back with graphology-graphml (tests/unit/client-export.test.ts).
 * Attribute types are inferred per key (boolean, double, string); keys with mixed types become strings.
 */
import type { AbstractGraph as Graph } from 'graphology-types';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
// XML 1.0 forbids most control characters even escaped
const xmlText = (s: string) => esc(s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));

type Kind = 'boolean' | 'double' | 'string';

function kindOf(v: unknown): Kind | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number' && Number.isFinite(v)) return 'double';
  return 'string';
}

function keysOf(items: Iterable<Record<string, unknown>>): Map<string, Kind> {
  const keys = new Map<string, Kind>();
  for (const attrs of items) {
    for (const [k, v] of Object.entries(attrs)) {
      const kind = kindOf(v);
      if (!kind) continue;
      const prev = keys.get(k);
      keys.set(k, prev && prev !== kind ? 'string' : kind);
    }
  }
  return keys;
}

const value = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function writeGraphml(g: Graph): string {
  const nodeAttrs: Record<string, unknown>[] = [];
  g.forEachNode((_, a) => nodeAttrs.push(a));
  const edgeAttrs: Record<string, unknown>[] = [];
  g.forEachEdge((_, a) => edgeAttrs.push(a));
  const nk = keysOf(nodeAttrs);
  const ek = keysOf(edgeAttrs);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  // key ids are prefixed so a node key and an edge key of one name never clash
  for (const [k, t] of nk) out.push(`  <key id="n_${esc(k)}" for="node" attr.name="${esc(k)}" attr.type="${t}"/>`);
  for (const [k, t] of ek) out.push(`  <key id="e_${esc(k)}" for="edge" attr.name="${esc(k)}" attr.type="${t}"/>`);
  out.push(`  <graph edgedefault="${g.type === 'undirected' ? 'undirected' : 'directed'}">`);
  const data = (prefix: string, a: Record<string, unknown>) =>
    Object.entries(a)
      .filter(([, v]) => kindOf(v))
      .map(([k, v]) => `<data key="${prefix}${esc(k)}">${xmlText(value(v))}</data>`)
      .join('');
  g.forEachNode((n, a) => out.push(`    <node id="${esc(n)}">${data('n_', a)}</node>`));
  g.forEachEdge((e, a, s, t, _sa, _ta, undirected) => {
    const dir = g.type === 'mixed' ? ` directed="${undirected ? 'false' : 'true'}"` : '';
    out.push(`    <edge id="${esc(e)}" source="${esc(s)}" target="${esc(t)}"${dir}>${data('e_', a)}</edge>`);
  });
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
