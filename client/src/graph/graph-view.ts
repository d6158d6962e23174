/**
 * The sigma renderer around an ExplorerGraph: node/edge programs (squares for organisations and
 * countries, arrows or plain lines per relation kind, curves for parallel edges), reducers that
 * look up the filters' Visibility and the hover/selection decisions, edge hover and click, node
 * size by the chosen measure, hubs always labelled, and ForceAtlas2 in a web worker (run, stop,
 * reset) that stops by itself once nodes settle.
 */
import Sigma from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { EdgeProgramType } from 'sigma/rendering';
import EdgeCurveProgram, { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import { NodeSquareProgram } from '@sigma/node-square';
import { EdgeArrowProgram, EdgeLineProgram, NodePointProgram } from 'sigma/rendering';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { settings } from '../settings.ts';
import { levelOfDetail } from '../state/level-of-detail.ts';
import { FacetIndex, NO_FILTERS, type Filters } from '../state/facet-filters.ts';
import { NO_INTERACTION, edgeDecision, nodeDecision, type InteractionState } from '../state/graph-filters.ts';
import { computeVisibility, DEFAULT_DISPLAY, type Display, type Visibility } from '../state/graph-visibility.ts';
import { sizeKey, type EdgeAttrs, type ExplorerGraph, type NodeAttrs } from './build-graph.ts';

export interface GraphViewEvents {
  onClickNode?: (node: string) => void;
  onClickEdge?: (edge: string) => void;
  onHoverEdge?: (edge: string | null, at: { x: number; y: number } | null) => void;
  onClickStage?: () => void;
  onLayoutDone?: (info: { ms: number; converged: boolean }) => void;
  onLayoutState?: (running: boolean) => void;
}

export class GraphView {
  readonly sigma: Sigma<NodeAttrs, EdgeAttrs>;
  private layout: FA2Layout<NodeAttrs, EdgeAttrs> | null = null;
  private layoutTimer: ReturnType<typeof setInterval> | null = null;
  private interaction: InteractionState = NO_INTERACTION;
  private filters: Filters = NO_FILTERS;
  private display: Display = DEFAULT_DISPLAY;
  private vis: Visibility;
  /** start positions, for "reset layout" */
  private readonly initial = new Map<string, { x: number; y: number }>();
  private edgeEnds: string[] = [];
  readonly lod: boolean;

  constructor(
    container: HTMLElement,
    readonly graph: ExplorerGraph,
    private readonly events: GraphViewEvents = {},
    private index: FacetIndex = new FacetIndex([]),
  ) {
    const g = settings.graph;
    // level of detail: big graphs get the cheapest programs (see settings.graph.lodEdgeThreshold)
    this.lod = levelOfDetail(graph.size, g.lodEdgeThreshold) === 'points';
    graph.forEachNode((n, a) => this.initial.set(n, { x: a.x, y: a.y }));
    this.vis = computeVisibility(graph, this.filters, this.index, this.display);
    // the curve programs are typed for generic attributes; ours are a superset
    const cast = (p: unknown) => p as EdgeProgramType<NodeAttrs, EdgeAttrs>;
    this.sigma = new Sigma<NodeAttrs, EdgeAttrs>(graph, container, {
      nodeProgramClasses: this.lod ? { circle: NodePointProgram, square: NodePointProgram } : { square: NodeSquareProgram },
      edgeProgramClasses: this.lod
        ? { arrow: EdgeLineProgram, line: EdgeLineProgram, curvedArrow: EdgeLineProgram, curve: EdgeLineProgram }
        : { arrow: EdgeArrowProgram, line: EdgeLineProgram, curvedArrow: cast(EdgeCurvedArrowProgram), curve: cast(EdgeCurveProgram) },
      defaultEdgeType: 'line',
      // a hidden pane (console tab, collapsed phone layout) has no size: sigma must not throw then
      allowInvalidContainer: true,
      // edge picking costs a pass per frame: only where edges are drawn in full
      enableEdgeEvents: !this.lod,
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
    this.sigma.on('enterEdge', ({ edge, event }) => {
      this.setHoveredEdge(edge);
      this.events.onHoverEdge?.(edge, { x: event.x, y: event.y });
    });
    this.sigma.on('leaveEdge', () => {
      this.setHoveredEdge(null);
      this.events.onHoverEdge?.(null, null);
    });
    this.sigma.on('clickEdge', ({ edge }) => this.events.onClickEdge?.(edge));
  }

  private reduceNode(node: string, data: NodeAttrs): Partial<NodeDisplayData> {
    const d = nodeDecision(node, this.vis, this.interaction, this.edgeEnds);
    const out: Partial<NodeDisplayData> & { type?: string } = { ...data };
    if (data.kind === 'actor') out.size = data[sizeKey(this.display.sizeBy)];
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
    const d = edgeDecision(edge, source, target, this.vis, this.interaction);
    const out: Partial<EdgeDisplayData> & { curvature?: number } = { ...data, label: data.label ?? '' };
    if (d.hidden) out.hidden = true;
    else if (d.faded) out.color = settings.graph.fadedColor;
    else if (d.emphasised) {
      out.size = Math.max(2, data.size * 1.8);
      out.zIndex = 1;
      if (data.color === settings.graph.edgeColor) out.color = settings.graph.highlightEdgeColor;
    }
    return out;
  }

  private recompute(): void {
    this.vis = computeVisibility(this.graph, this.filters, this.index, this.display);
  }

  setFilters(f: Filters): void {
    this.filters = f;
    this.recompute();
    this.sigma.refresh({ skipIndexation: true });
  }

  setDisplay(d: Partial<Display>): void {
    const sizeChanged = d.sizeBy !== undefined && d.sizeBy !== this.display.sizeBy;
    const isolatedChanged = d.isolated !== undefined && d.isolated !== this.display.isolated;
    this.display = { ...this.display, ...d };
    this.recompute();
    if (isolatedChanged && !this.isLayoutRunning()) return this.fitToVisible();
    // node sizes feed sigma's spatial index: re-index when they change
    this.sigma.refresh(sizeChanged ? undefined : { skipIndexation: true });
  }

  setIndex(index: FacetIndex): void {
    this.index = index;
    this.recompute();
    this.sigma.refresh({ skipIndexation: true });
  }

  visibility(): Visibility {
    return this.vis;
  }

  setSelected(node: string | null): void {
    const selected = node && this.graph.hasNode(node) ? node : null;
    this.interaction = { ...this.interaction, selected };
    if (this.display.pinned !== selected) this.display = { ...this.display, pinned: selected };
    this.recompute();
    this.sigma.refresh({ skipIndexation: true });
  }

  setSelectedEdge(edge: string | null): void {
    const selectedEdge = edge && this.graph.hasEdge(edge) ? edge : null;
    this.interaction = { ...this.interaction, selectedEdge };
    this.edgeEnds = this.endsOf(this.interaction.hoveredEdge ?? selectedEdge);
    this.sigma.refresh({ skipIndexation: true });
  }

  private endsOf(edge: string | null): string[] {
    return edge && this.graph.hasEdge(edge) ? [...this.graph.extremities(edge)] : [];
  }

  private setHovered(node: string | null): void {
    this.interaction = { ...this.interaction, hovered: node, hoveredNeighbours: node ? new Set(this.graph.neighbors(node)) : null };
    this.sigma.refresh({ skipIndexation: true });
  }

  private setHoveredEdge(edge: string | null): void {
    this.interaction = { ...this.interaction, hoveredEdge: edge };
    this.edgeEnds = this.endsOf(edge ?? this.interaction.selectedEdge);
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Visible (not filtered out) node and edge counts, for the status line and tests. */
  visibleCounts(): { nodes: number; edges: number } {
    return { nodes: this.vis.counts.nodes.shown, edges: this.vis.counts.edges.shown };
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
   * Frames what is visible: sigma frames every node, hidden ones included, so with isolated
   * nodes hidden the drawing would shrink into the middle of an empty canvas.
   */
  fitToVisible(): void {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    let n = 0;
    this.graph.forEachNode((node, a) => {
      if (this.vis.hiddenNodes.has(node)) return;
      n++;
      minX = Math.min(minX, a.x);
      maxX = Math.max(maxX, a.x);
      minY = Math.min(minY, a.y);
      maxY = Math.max(maxY, a.y);
    });
    this.sigma.setCustomBBox(n >= 2 && maxX > minX && maxY > minY ? { x: [minX, maxX], y: [minY, maxY] } : null);
    this.sigma.refresh();
    this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
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
    // while nodes move, sigma frames them all again
    this.sigma.setCustomBBox(null);
    const started = performance.now();
    let last = this.positions();
    let sawMovement = false;
    this.layout.start();
    this.events.onLayoutState?.(true);
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
        this.fitToVisible();
        this.events.onLayoutDone?.({ ms: Math.round(ms), converged });
      }
    }, settings.layout.checkEveryMs);
  }

  isLayoutRunning(): boolean {
    return this.layout?.isRunning() ?? false;
  }

  stopLayout(): void {
    const was = this.layout !== null;
    if (this.layoutTimer) clearInterval(this.layoutTimer);
    this.layoutTimer = null;
    this.layout?.kill();
    this.layout = null;
    if (was) this.events.onLayoutState?.(false);
  }

  /** Back to the start positions (the layout can then be run again). */
  resetLayout(): void {
    this.stopLayout();
    this.graph.updateEachNodeAttributes((n, a) => {
      const p = this.initial.get(n);
      return p ? { ...a, x: p.x, y: p.y } : a;
    }, { attributes: ['x', 'y'] });
    this.sigma.setCustomBBox(null);
    this.resetCamera();
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
