/**
 * The sigma renderer around an ExplorerGraph: node/edge programs (squares for organisations and
 * countries, curves for parallel edges), reducers applying graph-filters decisions, hover
 * highlighting, camera zoom to a node, and a ForceAtlas2 worker that stops by itself.
 */
import Sigma from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { EdgeProgramType } from 'sigma/rendering';
import { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import { NodeSquareProgram } from '@sigma/node-square';
import { EdgeArrowProgram, EdgeLineProgram, NodePointProgram } from 'sigma/rendering';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { settings } from '../settings.ts';
import { levelOfDetail } from '../state/level-of-detail.ts';
import { edgeDecision, nodeDecision, type InteractionState } from '../state/graph-filters.ts';
import type { EdgeAttrs, ExplorerGraph, NodeAttrs } from './build-graph.ts';

export interface GraphViewEvents {
  onClickNode?: (node: string) => void;
  onClickStage?: () => void;
  onLayoutDone?: (info: { ms: number; converged: boolean }) => void;
}

export class GraphView {
  readonly sigma: Sigma<NodeAttrs, EdgeAttrs>;
  private layout: FA2Layout<NodeAttrs, EdgeAttrs> | null = null;
  private layoutTimer: ReturnType<typeof setInterval> | null = null;
  private state: InteractionState = {
    range: null,
    types: [],
    issues: [],
    stances: [],
    hovered: null,
    hoveredNeighbours: null,
    selected: null,
  };
  /** node visibility cache for the current state, so edges can ask about their ends cheaply */
  private hiddenNodes = new Set<string>();

  constructor(
    container: HTMLElement,
    readonly graph: ExplorerGraph,
    private readonly events: GraphViewEvents = {},
  ) {
    const g = settings.graph;
    // level of detail: big graphs get the cheapest programs (see settings.graph.lodEdgeThreshold)
    const lod = levelOfDetail(graph.size, g.lodEdgeThreshold) === 'points';
    this.sigma = new Sigma<NodeAttrs, EdgeAttrs>(graph, container, {
      nodeProgramClasses: lod ? { circle: NodePointProgram, square: NodePointProgram } : { square: NodeSquareProgram },
      // the curve program is typed for generic attributes; ours are a superset
      edgeProgramClasses: lod
        ? { straight: EdgeLineProgram, curved: EdgeLineProgram }
        : { straight: EdgeArrowProgram, curved: EdgeCurvedArrowProgram as unknown as EdgeProgramType<NodeAttrs, EdgeAttrs> },
      defaultEdgeType: 'straight',
      labelDensity: g.labelDensity,
      labelGridCellSize: g.labelGridCellSize,
      labelRenderedSizeThreshold: g.labelRenderedSizeThreshold,
      labelSize: g.labelSize,
      labelWeight: g.labelWeight,
      labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
      labelColor: { color: g.labelColor },
      hideEdgesOnMove: g.hideEdgesOnMove,
      hideLabelsOnMove: g.hideLabelsOnMove,
      zoomDuration: g.zoomDuration,
      zIndex: true,
      minCameraRatio: 0.02,
      maxCameraRatio: 10,
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    this.sigma.on('enterNode', ({ node }) => this.setHovered(node));
    this.sigma.on('leaveNode', () => this.setHovered(null));
    this.sigma.on('clickNode', ({ node }) => this.events.onClickNode?.(node));
    this.sigma.on('clickStage', () => this.events.onClickStage?.());
    this.recomputeHidden();
  }

  private reduceNode(node: string, data: NodeAttrs): Partial<NodeDisplayData> {
    const d = nodeDecision(node, data, this.state);
    const out: Partial<NodeDisplayData> & { type?: string } = { ...data };
    if (d.hidden) out.hidden = true;
    if (d.faded) {
      out.color = settings.graph.fadedColor;
      out.label = '';
      out.zIndex = 0;
    } else out.zIndex = 1;
    if (d.highlighted) {
      out.highlighted = true;
      out.zIndex = 2;
    }
    if (d.forceLabel) out.forceLabel = true;
    return out;
  }

  private reduceEdge(edge: string, data: EdgeAttrs): Partial<EdgeDisplayData> {
    const [source, target] = this.graph.extremities(edge);
    const d = edgeDecision(data, source, target, this.state, (n) => this.hiddenNodes.has(n));
    const out: Partial<EdgeDisplayData> & { curvature?: number } = { ...data, label: data.label ?? '' };
    if (d.hidden) out.hidden = true;
    else if (d.faded) out.color = settings.graph.fadedColor;
    else if (d.emphasised) {
      out.color = data.stance ? data.color : settings.graph.highlightEdgeColor;
      out.size = data.size * 1.8;
      out.zIndex = 1;
    }
    return out;
  }

  private recomputeHidden(): void {
    const hidden = new Set<string>();
    const noHover = { ...this.state, hovered: null, hoveredNeighbours: null };
    this.graph.forEachNode((node, data) => {
      if (nodeDecision(node, data, noHover).hidden) hidden.add(node);
    });
    this.hiddenNodes = hidden;
  }

  setFilters(f: Pick<InteractionState, 'range' | 'types' | 'issues' | 'stances'>): void {
    this.state = { ...this.state, ...f };
    this.recomputeHidden();
    this.sigma.refresh({ skipIndexation: true });
  }

  setSelected(node: string | null): void {
    this.state = { ...this.state, selected: node && this.graph.hasNode(node) ? node : null };
    this.sigma.refresh({ skipIndexation: true });
  }

  private setHovered(node: string | null): void {
    this.state = {
      ...this.state,
      hovered: node,
      hoveredNeighbours: node ? new Set(this.graph.neighbors(node)) : null,
    };
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Visible (not filtered out) node and edge counts, for the status line and tests. */
  visibleCounts(): { nodes: number; edges: number } {
    let nodes = 0;
    let edges = 0;
    this.graph.forEachNode((n) => {
      if (!this.hiddenNodes.has(n)) nodes++;
    });
    this.graph.forEachEdge((e, a, s, t) => {
      if (!edgeDecision(a, s, t, { ...this.state, hovered: null, hoveredNeighbours: null }, (n) => this.hiddenNodes.has(n)).hidden) edges++;
    });
    return { nodes, edges };
  }

  /** Centres the camera on a node and zooms in (animated). */
  async zoomTo(node: string, ratio = 0.3): Promise<void> {
    const d = this.sigma.getNodeDisplayData(node);
    if (!d) return;
    await this.sigma.getCamera().animate({ x: d.x, y: d.y, ratio }, { duration: settings.graph.zoomDuration });
  }

  zoomBy(factor: number): void {
    const cam = this.sigma.getCamera();
    if (factor > 1) void cam.animatedZoom({ duration: 250, factor });
    else void cam.animatedUnzoom({ duration: 250, factor: 1 / factor });
  }

  resetCamera(): void {
    void this.sigma.getCamera().animatedReset({ duration: 300 });
  }

  /**
   * Runs ForceAtlas2 in a web worker and stops it after `maxMs`, or earlier once nodes barely
   * move (mean displacement between checks under `convergence`, relative to the graph's extent).
   */
  startLayout(): void {
    this.stopLayout();
    if (this.graph.order < 2) return;
    const inferred = forceAtlas2.inferSettings(this.graph);
    this.layout = new FA2Layout<NodeAttrs, EdgeAttrs>(this.graph, {
      settings: { ...inferred, barnesHutOptimize: this.graph.order > 300, adjustSizes: false, slowDown: 5 },
    });
    const started = performance.now();
    let last = this.positions();
    let sawMovement = false;
    this.layout.start();
    this.layoutTimer = setInterval(() => {
      const now = this.positions();
      const moved = meanDisplacement(last, now) / Math.max(1e-9, extent(now));
      last = now;
      if (moved > 0) sawMovement = true;
      const ms = performance.now() - started;
      // the worker needs a moment to start: no movement yet is not convergence
      const converged = sawMovement && ms > settings.layout.minMs && moved < settings.layout.convergence;
      if (converged || ms > settings.layout.maxMs) {
        this.stopLayout();
        this.events.onLayoutDone?.({ ms: Math.round(ms), converged });
      }
    }, settings.layout.checkEveryMs);
  }

  isLayoutRunning(): boolean {
    return this.layout?.isRunning() ?? false;
  }

  stopLayout(): void {
    if (this.layoutTimer) clearInterval(this.layoutTimer);
    this.layoutTimer = null;
    this.layout?.kill();
    this.layout = null;
  }

  private positions(): Float64Array {
    const out = new Float64Array(this.graph.order * 2);
    let i = 0;
    this.graph.forEachNode((_, a) => {
      out[i++] = a.x;
      out[i++] = a.y;
    });
    return out;
  }

  kill(): void {
    this.stopLayout();
    this.sigma.kill();
  }
}

function meanDisplacement(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let sum = 0;
  for (let i = 0; i < a.length; i += 2) sum += Math.hypot(b[i]! - a[i]!, b[i + 1]! - a[i + 1]!);
  return sum / (a.length / 2);
}

function extent(p: Float64Array): number {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < p.length; i += 2) {
    minX = Math.min(minX, p[i]!);
    maxX = Math.max(maxX, p[i]!);
    minY = Math.min(minY, p[i + 1]!);
    maxY = Math.max(maxY, p[i + 1]!);
  }
  return Math.max(maxX - minX, maxY - minY);
}
