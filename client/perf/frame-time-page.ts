/**
 * Benchmark page (dev server only, not in the build): a random 5,000-node / 20,000-edge graph shaped
 * like /api/graph's, built and drawn by the app's own code (buildGraph + GraphView, same settings),
 * then panned while requestAnimationFrame records frame times. Driven by perf/frame-time.ts.
 */
import type { SerializedGraph } from '../../server/contract.ts';
import Graph from 'graphology';
import Sigma from 'sigma';
import { buildGraph } from '../src/graph/build-graph.ts';
import { GraphView } from '../src/graph/graph-view.ts';
import { ACTOR_TYPES } from '../src/state/vocab.ts';
import { prng } from '../../bench/prng.ts';

export interface PanResult {
  mode: string;
  frames: number;
  frameMs: number[];
}

export interface PerfReport {
  nodes: number;
  edges: number;
  buildMs: number;
  firstRenderMs: number;
  pans: PanResult[];
}

export function randomGraph(nodes: number, edges: number, seed = 42): SerializedGraph {
  const r = prng(seed);
  const clusters = 40;
  const centres = Array.from({ length: clusters }, () => ({ x: r() * 1000, y: r() * 1000 }));
  const out: SerializedGraph = { options: { type: 'directed', multi: true, allowSelfLoops: true }, attributes: {}, nodes: [], edges: [] };
  for (let i = 0; i < nodes; i++) {
    const c = centres[i % clusters]!;
    out.nodes.push({
      key: `n${i}`,
      attributes: {
        label: `Actor ${i}`,
        nodeType: 'actor',
        actorType: ACTOR_TYPES[i % ACTOR_TYPES.length],
        // a few vocal actors, many quiet ones
        statements: Math.floor(Math.pow(r(), 6) * 200),
        x: c.x + (r() - 0.5) * 120,
        y: c.y + (r() - 0.5) * 120,
      },
    });
  }
  const kinds = ['negotiates_with', 'pressures', 'supports', 'opposes', 'addresses'];
  for (let i = 0; i < edges; i++) {
    const s = Math.floor(r() * nodes);
    // mostly within a cluster; 1 in 10 edges repeats the previous pair (parallel dated relations)
    const t = i % 10 === 0 && out.edges.length ? null : (s + clusters * (1 + Math.floor(r() * 8))) % nodes;
    const prev = out.edges[out.edges.length - 1];
    const source = t === null && prev ? prev.source : `n${s}`;
    const target = t === null && prev ? prev.target : `n${t}`;
    const year = 2008 + Math.floor(r() * 17);
    out.edges.push({ key: `e${i}`, source, target, attributes: { edgeType: 'RELATES', kind: kinds[i % kinds.length], dateFrom: `${year}-01-01`, dateTo: `${year}-12-31` } });
  }
  return out;
}

function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Pans for `frames` frames or `budgetMs`, whichever comes first (software WebGL can be very slow). */
async function pan(view: { sigma: Sigma<any, any> }, mode: 'setState' | 'animate', frames: number, budgetMs: number): Promise<PanResult> {
  const cam = view.sigma.getCamera();
  const frameMs: number[] = [];
  let last = await nextFrame();
  const end = last + budgetMs;
  if (mode === 'animate') {
    // camera animations count as "moving": edges and labels are hidden (hideEdgesOnMove)
    let stop = false;
    const loop = (async () => {
      for (let i = 0; !stop; i++) await cam.animate({ x: 0.5 + 0.3 * Math.sin(i), y: 0.5 + 0.3 * Math.cos(i) }, { duration: 400 });
    })();
    for (let i = 0; i < frames && last < end; i++) {
      const t = await nextFrame();
      frameMs.push(t - last);
      last = t;
    }
    stop = true;
    await loop;
  } else {
    // direct state changes: a full render with edges every frame (the worst case)
    for (let i = 0; i < frames && last < end; i++) {
      cam.setState({ x: 0.5 + 0.25 * Math.sin(i / 20), y: 0.5 + 0.25 * Math.cos(i / 20), ratio: 0.8 });
      const t = await nextFrame();
      frameMs.push(t - last);
      last = t;
    }
  }
  cam.setState({ x: 0.5, y: 0.5, ratio: 1 });
  return { mode, frames: frameMs.length, frameMs };
}

async function run(opts: { nodes?: number; edges?: number; frames?: number; budgetMs?: number } = {}): Promise<PerfReport> {
  const nodes = opts.nodes ?? 5000;
  const edges = opts.edges ?? 20000;
  const frames = opts.frames ?? 240;
  const budgetMs = opts.budgetMs ?? 20_000;
  const data = randomGraph(nodes, edges);
  const t0 = performance.now();
  const graph = buildGraph(data);
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  const view = new GraphView(document.getElementById('graph')!, graph);
  await nextFrame();
  const firstRenderMs = performance.now() - t1;
  const pans = [await pan(view, 'animate', frames, budgetMs), await pan(view, 'setState', frames, budgetMs)];
  view.kill();
  // baseline: bare sigma, default settings, same positions (no reducers, circles, straight edges)
  const bare = new Graph({ multi: true, allowSelfLoops: true });
  graph.forEachNode((n, a) => bare.addNode(n, { x: a.x, y: a.y, size: a.size, color: a.color, label: a.label }));
  graph.forEachEdge((_, a, s2, t) => bare.addEdge(s2, t, { color: a.color, size: a.size }));
  const bareSigma = new Sigma(bare, document.getElementById('graph')!);
  await nextFrame();
  for (const p of [await pan({ sigma: bareSigma }, 'animate', frames, budgetMs), await pan({ sigma: bareSigma }, 'setState', frames, budgetMs)]) pans.push({ ...p, mode: `bare sigma ${p.mode}` });
  bareSigma.kill();
  return { nodes: graph.order, edges: graph.size, buildMs, firstRenderMs, pans };
}

declare global {
  interface Window {
    __perf?: { run: typeof run };
  }
}
window.__perf = { run };
