/**
 * The explorer's controller: owns the AppState, keeps it in the URL, and wires the graph, the
 * statements timeline, the stance changes, search, panels, article dialog, exports and console
 * together. Every filter goes through state/facet-filters.ts, so it means the same in each view.
 * Data only arrives over /api; a poll on /api/version picks up newly ingested articles.
 */
import './styles.css';
import type { ActorDetailResponse, GraphResponse, IssuesResponse, StatementView, ViewStatement } from '../../server/contract.ts';
import type { ActorType, Stance } from '../../cypher/schema.ts';
import { ACTOR_TYPES, STANCES } from './state/vocab.ts';
import { api, ApiError, type ViewFilterParams } from './api.ts';
import { h, clear } from './dom.ts';
import { ACTOR_TYPE_STYLE, STANCE_COLORS, settings } from './settings.ts';
import { type AppState, type GraphViewName, type GroupBy, type SizeBy } from './state/app-state.ts';
import { decodeState, encodeState, isHistoryWorthy } from './state/url-state.ts';
import { formatMonth, rangeDays, timelineDomain } from './state/time-range.ts';
import { FacetIndex, describeFilters, showingText, statementPasses, type Facet, type Filters } from './state/facet-filters.ts';
import { legendEntries, type LegendEntry } from './state/legend.ts';
import { evidenceSpan } from './state/article-spans.ts';
import { statementsCsv } from './state/statement-timeline.ts';
import { buildGraph, nodeKeyOf, sizeKey } from './graph/build-graph.ts';
import { GraphView } from './graph/graph-view.ts';
import { edgePanel, edgeTooltip, relationsBetween, type PairRelation } from './graph/edge-panel.ts';
import { TimelineStrip } from './timeline/timeline-strip.ts';
import { statementsTimeline } from './timeline/statements-view.ts';
import { stanceChangesView } from './changes/stance-changes-view.ts';
import { SearchBox } from './search/search-box.ts';
import { actorPanel } from './actor/actor-panel.ts';
import { statementList } from './actor/statement-list.ts';
import { ArticleDialog } from './article/article-view.ts';
import type { CypherConsole } from './console/cypher-console.ts';
import { exampleQueries } from './console/example-queries.ts';
import { ReviewController } from './review/review-controller.ts';
import './probe.ts';

type Issue = IssuesResponse['issues'][number];
const MAIN_TABS = [
  ['graph', 'Graph'],
  ['timeline', 'Statements timeline'],
  ['changes', 'Stance changes'],
  ['console', 'Cypher console'],
] as const;

class App {
  private state: AppState = decodeState(location.search);
  private graphView: GraphView | null = null;
  private graphInfo: GraphResponse | null = null;
  private loadedView: GraphViewName | null = null;
  private actorCache = new Map<string, ActorDetailResponse>();
  private console: CypherConsole | null = null;
  private facets = new FacetIndex([]);
  private issues: Issue[] = [];
  private version: string | null = null;
  private seq = { side: 0, timeline: 0, changes: 0 };
  private sideTimer: ReturnType<typeof setTimeout> | null = null;
  private consoleRan = false;

  // layout
  private readonly graphHost = h('div', { class: 'graph-canvas', 'data-testid': 'graph', 'aria-label': 'Graph of actors, statements and issues. Use search or the lists to select an actor.', role: 'img' });
  private readonly graphStatus = h('p', { class: 'graph-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'graph-status' });
  private readonly summary = h('p', { class: 'filter-summary', 'data-testid': 'filter-summary', role: 'status' });
  private readonly capNote = h('p', { class: 'cap-note', hidden: true, 'data-testid': 'cap-note' });
  private readonly liveNote = h('p', { class: 'live-note', hidden: true, 'data-testid': 'live-note', role: 'status' });
  private readonly tooltip = h('div', { class: 'edge-tooltip', hidden: true, 'data-testid': 'edge-tooltip', role: 'tooltip' });
  private readonly legend = h('div', { class: 'legend', 'aria-label': 'Legend', 'data-testid': 'legend' });
  private readonly side = h('aside', { class: 'side', 'aria-label': 'Details' });
  private readonly filters = h('div', { class: 'filters' });
  private readonly filtersPane = h('nav', { class: 'filters-pane', 'aria-label': 'Filters', id: 'filters-pane' });
  private readonly panes: Record<AppState['tab'], HTMLElement>;
  private readonly errorBar = h('div', { class: 'error-bar', role: 'alert', hidden: true });
  private readonly timeline = new TimelineStrip(settings.timeline.height, { onChange: (r, final) => this.update({ range: r }, { final }) });
  private readonly search = new SearchBox((a) => this.selectActor(a.id, true));
  private readonly article = new ArticleDialog(() => undefined);
  private readonly tabs = new Map<AppState['tab'], HTMLButtonElement>();
  private readonly viewRadios: Record<GraphViewName, HTMLInputElement>;
  private readonly issueBoxes = h('fieldset', { class: 'filter-group' });
  private readonly display: { size: HTMLSelectElement; speaks: HTMLInputElement; isolated: HTMLInputElement; layout: HTMLButtonElement };
  private readonly review: ReviewController;

  constructor(root: HTMLElement) {
    this.review = new ReviewController(
      {
        refresh: (o) => this.refreshAfterReview(o),
        redrawSide: () => this.scheduleSide(false),
        issues: () => this.issues,
        selectedActor: () => this.state.actor,
        openStatement: (st) => void this.openArticle(st.article.id, st.id),
      },
      this.article.tools,
    );
    this.article.onShow = (data, textEl, statementId) => this.review.articleTools.shownArticle(data, textEl, statementId);
    const tablist = h('nav', { role: 'tablist', 'aria-label': 'Mode', class: 'tabs' });
    for (const [tab, label] of MAIN_TABS) {
      const b = h('button', { type: 'button', role: 'tab', id: `tab-${tab}`, 'aria-controls': `main-${tab}`, 'data-testid': `tab-${tab}` }, label);
      b.addEventListener('click', () => this.update({ tab }));
      this.tabs.set(tab, b);
      tablist.append(b);
    }
    const pane = (tab: AppState['tab'], cls: string) => h('section', { class: cls, id: `main-${tab}`, role: 'tabpanel', 'aria-labelledby': `tab-${tab}`, hidden: true });
    this.panes = { graph: pane('graph', 'graph-pane'), timeline: pane('timeline', 'view-pane'), changes: pane('changes', 'view-pane'), console: pane('console', 'console-pane') };

    const radio = (v: GraphViewName, label: string) => {
      const input = h('input', { type: 'radio', name: 'view', value: v, id: `view-${v}` });
      input.addEventListener('change', () => input.checked && this.update({ view: v }));
      return { input, el: h('label', { for: `view-${v}`, class: 'radio' }, input, label) };
    };
    const rA = radio('actors', 'Actors & relations');
    const rC = radio('claims', 'Who said what about which issue');
    this.viewRadios = { actors: rA.input, claims: rC.input };

    const button = (label: string, aria: string, onClick: () => void, cls = 'icon-button', testid?: string) => {
      const b = h('button', { type: 'button', class: cls, 'aria-label': aria, 'data-testid': testid }, label);
      b.addEventListener('click', onClick);
      return b;
    };
    const size = h('select', { id: 'size-by', 'data-testid': 'size-by' }, h('option', { value: 'degree' }, 'relations (degree)'), h('option', { value: 'statements' }, 'statements made'));
    size.addEventListener('change', () => this.update({ sizeBy: size.value as SizeBy }));
    const speaks = h('input', { type: 'checkbox', id: 'show-speaks', 'data-testid': 'show-speaks' });
    speaks.addEventListener('change', () => this.update({ speaksAbout: speaks.checked }));
    const isolated = h('input', { type: 'checkbox', id: 'show-isolated', 'data-testid': 'show-isolated' });
    isolated.addEventListener('change', () => this.update({ isolated: isolated.checked }));
    const layout = button('Run layout', 'Run or stop the ForceAtlas2 layout', () => this.toggleLayout(), 'small-button', 'layout-toggle');
    this.display = { size, speaks, isolated, layout };

    const exportMenu = h(
      'details',
      { class: 'export-menu' },
      h('summary', { 'data-testid': 'export' }, 'Export / share'),
      h(
        'div',
        { class: 'export-items' },
        button('Copy link', 'Copy a link to this view', () => void this.copyLink(), 'small-button', 'copy-link'),
        button('PNG', 'Download the view as PNG', () => void this.exportImage('png'), 'small-button', 'export-png'),
        button('SVG', 'Download the view as SVG', () => void this.exportImage('svg'), 'small-button', 'export-svg'),
        button('GEXF', 'Download the visible graph as GEXF (Gephi)', () => void this.exportGraph('gexf'), 'small-button', 'export-gexf'),
        button('GraphML', 'Download the visible graph as GraphML', () => void this.exportGraph('graphml'), 'small-button', 'export-graphml'),
        button('Statements CSV', 'Download the visible statements as CSV', () => void this.exportStatements('csv'), 'small-button', 'export-csv'),
        button('Statements JSON', 'Download the visible statements as JSON', () => void this.exportStatements('json'), 'small-button', 'export-json'),
      ),
    );

    this.panes.graph.append(
      h(
        'div',
        { class: 'graph-toolbar' },
        h('fieldset', { class: 'view-switch' }, h('legend', { class: 'visually-hidden' }, 'Graph view'), rA.el, rC.el),
        h('label', { for: 'size-by', class: 'inline' }, 'Size by ', size),
        h('label', { for: 'show-speaks', class: 'check' }, speaks, '“speaks about” edges'),
        h('label', { for: 'show-isolated', class: 'check' }, isolated, 'isolated nodes'),
        layout,
        button('Reset layout', 'Reset the layout to its start', () => this.graphView?.resetLayout(), 'small-button', 'layout-reset'),
        exportMenu,
      ),
      this.summary,
      h(
        'div',
        { class: 'graph-wrap' },
        this.graphHost,
        this.tooltip,
        h(
          'div',
          { class: 'zoom-controls', role: 'group', 'aria-label': 'Camera' },
          button('+', 'Zoom in', () => this.graphView?.zoomBy(1.5)),
          button('−', 'Zoom out', () => this.graphView?.zoomBy(1 / 1.5)),
          button('⤢', 'Show whole graph', () => this.graphView?.resetCamera()),
        ),
        this.capNote,
      ),
      this.graphStatus,
    );

    const filtersToggle = h('button', { type: 'button', class: 'small-button filters-toggle', 'aria-controls': 'filters-pane', 'aria-expanded': 'false', 'data-testid': 'filters-toggle' }, 'Filters');
    filtersToggle.addEventListener('click', () => {
      const open = !root.classList.contains('filters-open');
      root.classList.toggle('filters-open', open);
      filtersToggle.setAttribute('aria-expanded', String(open));
    });
    this.filtersPane.append(this.filters);
    root.append(
      h(
        'header',
        { class: 'top' },
        h('h1', {}, 'claimgraph', h('span', { class: 'subtitle' }, ' — who said what, and when')),
        filtersToggle,
        this.search.el,
        this.review.el,
        tablist,
      ),
      this.errorBar,
      this.liveNote,
      h('main', { class: 'layout' }, this.filtersPane, h('div', { class: 'centre' }, ...Object.values(this.panes)), this.side),
      h('footer', { class: 'bottom' }, this.timeline.el),
      this.article.el,
      ...this.review.dialogs,
    );
    this.buildFilters();
    window.addEventListener('popstate', () => void this.apply(decodeState(location.search), false));
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void this.checkVersion());
    window.__explorer = {
      graphReady: false,
      layoutDone: false,
      dataVersion: null,
      visibleCounts: () => this.graphView?.visibleCounts() ?? null,
      summary: () => this.summary.textContent ?? '',
      state: () => this.state,
      edgesBetween: (a, b) => {
        const g = this.graphView?.graph;
        const ka = g ? nodeKeyOf(g, a) : null;
        const kb = g ? nodeKeyOf(g, b) : null;
        return g && ka && kb ? [...new Set([...g.edges(ka, kb), ...g.edges(kb, ka)])] : [];
      },
      edgeScreenPoint: (e) => {
        const v = this.graphView;
        if (!v || !v.graph.hasEdge(e)) return null;
        const [s, t] = v.graph.extremities(e).map((n) => v.sigma.getNodeDisplayData(n));
        if (!s || !t) return null;
        const p = v.sigma.framedGraphToViewport({ x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 });
        const r = this.graphHost.getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      },
      zoomToEdge: async (e) => {
        const v = this.graphView;
        if (!v || !v.graph.hasEdge(e)) return;
        const [s, t] = v.graph.extremities(e).map((n) => v.sigma.getNodeDisplayData(n));
        if (s && t) await v.sigma.getCamera().animate({ x: (s.x + t.x) / 2, y: (s.y + t.y) / 2, ratio: 0.15 }, { duration: 200 });
      },
      nodeScreenPoint: (id) => {
        const v = this.graphView;
        const key = v ? nodeKeyOf(v.graph, id) : null;
        const d = key ? v!.sigma.getNodeDisplayData(key) : null;
        if (!v || !d) return null;
        const p = v.sigma.framedGraphToViewport({ x: d.x, y: d.y });
        const r = this.graphHost.getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      },
      hubs: () => [...(this.graphView?.visibility().hubs ?? [])].map((n) => this.graphView!.graph.getNodeAttribute(n, 'entityId')),
      consoleNodePoint: () => this.console?.firstNodePoint() ?? null,
      hasActor: (id) => {
        const g = this.graphView?.graph;
        return !!g && nodeKeyOf(g, id) !== null;
      },
      saidBy: (statementId) => {
        const g = this.graphView?.graph;
        const key = g ? nodeKeyOf(g, statementId, 'statement') : null;
        if (!g || !key) return [];
        return g.inEdges(key).filter((e) => g.getEdgeAttribute(e, 'kind') === 'SAID').map((e) => g.getNodeAttribute(g.source(e), 'entityId'));
      },
      nodeSize: (id) => {
        const v = this.graphView;
        const key = v ? nodeKeyOf(v.graph, id) : null;
        return key ? (v!.sigma.getNodeDisplayData(key)?.size ?? null) : null;
      },
    };
  }

  async start(): Promise<void> {
    await this.loadData();
    await this.apply(this.state, false, true);
    setInterval(() => void this.checkVersion(), settings.live.pollMs);
  }

  /** Everything but the graph: search index, facets, issues, the timeline strip, the store version. */
  private async loadData(): Promise<void> {
    const [actors, facets, issues, version] = await Promise.allSettled([api.actors(undefined, 500), api.facets(), api.issues(), api.version()]);
    if (actors.status === 'fulfilled') {
      this.search.setActors(actors.value.actors);
      this.review.setActors(actors.value.actors);
    } else this.showError(actors.reason);
    if (facets.status === 'fulfilled') {
      this.facets = new FacetIndex(facets.value.statements as Facet[]);
      this.graphView?.setIndex(this.facets);
    } else this.showError(facets.reason);
    if (issues.status === 'fulfilled') {
      this.issues = issues.value.issues;
      this.buildIssueFilter();
    }
    if (version.status === 'fulfilled') this.version = version.value.version;
    window.__explorer!.dataVersion = this.version;
    this.refreshTimelineStrip();
  }

  /** A newer store: reload the data and redraw what is shown, keeping the state (and the URL). */
  private async checkVersion(): Promise<void> {
    // a review write refreshes by itself when it is done
    if (this.review.busy) return;
    let v: string;
    try {
      v = (await api.version()).version;
    } catch {
      return; // the server is away for a moment: try again at the next tick
    }
    if (this.version === null || v === this.version) return;
    const before = this.facets.facets.length;
    this.actorCache.clear();
    await this.loadData();
    const view = this.loadedView;
    this.loadedView = null;
    if (view && this.state.tab === 'graph') await this.loadGraph(this.state.view);
    await this.apply(this.state, false, true);
    const added = this.facets.facets.length - before;
    this.liveNote.hidden = false;
    this.liveNote.textContent = `New articles arrived: ${added >= 0 ? `${added} more statement${added === 1 ? '' : 's'}` : 'data changed'} (updated ${new Date().toLocaleTimeString()}).`;
  }

  /** After a correction: refetch everything it may change (lists, panels, graph, the open article) at once. */
  private async refreshAfterReview(opts: { focusActor?: string | null; statementId?: string | null }): Promise<void> {
    this.actorCache.clear();
    await this.loadData();
    let next = this.state;
    // a merged actor is gone: show the one it was merged into
    if (opts.focusActor && next.actor && next.actor !== opts.focusActor) {
      next = { ...next, actor: opts.focusActor };
      history.replaceState(null, '', `${location.pathname}${encodeState(next)}${location.hash}`);
    }
    // apply() reloads the graph (none loaded) and the open tab's view
    this.loadedView = null;
    await this.apply(next, false, true);
    if (this.sideTimer) clearTimeout(this.sideTimer);
    const article = this.article.current;
    await Promise.all([
      this.refreshSide(),
      article && this.article.el.open
        ? api.article(article.data.article.id).then(
            (data) => this.article.show(data, opts.statementId ?? article.statementId),
            (err: unknown) => this.showError(err),
          )
        : null,
    ]);
  }

  // ---- state ---------------------------------------------------------------------------------

  private update(patch: Partial<AppState>, opts: { final?: boolean } = {}): void {
    const next = { ...this.state, ...patch };
    const worthy = isHistoryWorthy(this.state, next);
    const url = `${location.pathname}${encodeState(next)}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      if (worthy) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    void this.apply(next, opts.final === false);
  }

  private filtersOf(s: AppState = this.state): Filters {
    return { range: s.range, types: s.types, issues: s.issues, stances: s.stances };
  }

  private filterParams(s: AppState = this.state): ViewFilterParams {
    const days = s.range ? rangeDays(s.range) : null;
    return { from: days?.from, to: days?.to, types: s.types, issues: s.issues, stances: s.stances };
  }

  private issueLabel = (id: string): string => this.issues.find((i) => i.id === id)?.label ?? id;

  private describe(s: AppState = this.state): string {
    return describeFilters(this.filtersOf(s), this.issueLabel, formatMonth);
  }

  /** Brings every component in line with `next`. `transient`: mid-drag, skip the costly parts. */
  private async apply(next: AppState, transient: boolean, first = false): Promise<void> {
    const prev = this.state;
    this.state = next;
    // typing in the console only changes the URL: nothing else to redo
    if (!first && encodeState({ ...prev, query: null }) === encodeState({ ...next, query: null })) return;
    for (const [tab, b] of this.tabs) b.setAttribute('aria-selected', String(next.tab === tab));
    for (const [tab, el] of Object.entries(this.panes)) el.hidden = tab !== next.tab;
    this.viewRadios[next.view].checked = true;
    this.display.size.value = next.sizeBy;
    this.display.speaks.checked = next.speaksAbout;
    this.display.isolated.checked = next.isolated;
    this.syncFilterBoxes();
    if (this.timeline.getRange()?.from !== next.range?.from || this.timeline.getRange()?.to !== next.range?.to) this.timeline.set(next.range, false);
    // the strip counts all dates: only the other filters change its bars (not every brush move)
    if (first || this.describe({ ...prev, range: null }) !== this.describe({ ...next, range: null })) this.refreshTimelineStrip();

    if (prev.tab === 'console' && next.tab !== 'console') this.console?.suspend();
    if (next.tab === 'console') await this.showConsole(first || prev.tab !== 'console');
    if (next.tab === 'graph' && this.loadedView !== next.view) await this.loadGraph(next.view);
    const view = this.graphView;
    if (view) {
      view.setDisplay({ sizeBy: next.sizeBy, speaksAbout: next.speaksAbout, isolated: next.isolated });
      view.setFilters(this.filtersOf(next));
      const key = next.actor ? nodeKeyOf(view.graph, next.actor) : null;
      if (!transient) view.setSelected(key);
      if (!next.pair) view.setSelectedEdge(null);
      this.updateGraphStatus();
    }
    if (transient) {
      this.scheduleSide(true);
      return;
    }
    this.scheduleSide(false);
    if (next.tab === 'timeline') void this.showTimelineView();
    if (next.tab === 'changes') void this.showChanges();
  }

  // ---- graph ---------------------------------------------------------------------------------

  private async loadGraph(view: GraphViewName): Promise<void> {
    this.loadedView = view;
    window.__explorer!.graphReady = false;
    window.__explorer!.layoutDone = false;
    this.graphStatus.textContent = 'Loading graph…';
    let res: GraphResponse;
    try {
      // the whole view, unfiltered: filters are applied in the page, so changing one never refetches
      res = await api.graph({ view });
    } catch (err) {
      this.loadedView = null;
      this.showError(err);
      this.graphStatus.textContent = 'The graph could not be loaded.';
      return;
    }
    if (this.loadedView !== view) return; // the view changed meanwhile
    this.graphView?.kill();
    const graph = buildGraph(res.graph);
    this.graphInfo = res;
    this.graphView = new GraphView(
      this.graphHost,
      graph,
      {
        onClickNode: (node) => this.clickNode(node),
        onClickEdge: (edge) => this.clickEdge(edge),
        onHoverEdge: (edge, at) => this.hoverEdge(edge, at),
        onClickStage: () => undefined,
        onLayoutState: (running) => {
          this.display.layout.textContent = running ? 'Stop layout' : 'Run layout';
          this.display.layout.setAttribute('aria-pressed', String(running));
        },
        onLayoutDone: () => {
          window.__explorer!.layoutDone = true;
          this.graphHost.dataset.layout = 'done';
          // a shared link with an actor: bring it into view once nodes have settled
          if (this.state.actor) void this.zoomToActor(this.state.actor);
        },
      },
      this.facets,
    );
    this.graphView.setDisplay({ sizeBy: this.state.sizeBy, speaksAbout: this.state.speaksAbout, isolated: this.state.isolated });
    this.graphView.setFilters(this.filtersOf());
    this.graphHost.dataset.layout = 'running';
    this.graphView.startLayout();
    this.capNote.hidden = !res.truncated;
    this.capNote.textContent = res.truncated
      ? `Showing ${graph.order.toLocaleString('en')} of ${res.totalNodes.toLocaleString('en')} nodes and ${graph.size.toLocaleString('en')} of ${res.totalEdges.toLocaleString('en')} edges (capped at ${res.cap.toLocaleString('en')})`
      : '';
    window.__explorer!.graphReady = true;
    this.graphHost.dataset.ready = 'true';
  }

  private updateGraphStatus(): void {
    const v = this.graphView;
    if (!v) return;
    const c = v.visibility().counts;
    const desc = this.describe();
    const isolated = c.isolatedHidden ? ` (${c.isolatedHidden} without a visible relation hidden: tick “isolated nodes” to show them)` : '';
    this.summary.textContent =
      this.state.view === 'claims'
        ? `${showingText(c.actors.shown, c.actors.total, 'actors', desc)}; ${c.statements.shown} of ${c.statements.total} statements${isolated}`
        : `${showingText(c.actors.shown, c.actors.total, 'actors', desc)}${!this.state.speaksAbout ? ', “speaks about” edges off' : ''}${isolated}`;
    this.graphStatus.textContent = `${c.nodes.shown} of ${c.nodes.total} nodes, ${c.edges.shown} of ${c.edges.total} edges shown`;
    this.graphStatus.dataset.visibleEdges = String(c.edges.shown);
    this.renderLegend(legendEntries(v.graph, v.visibility().hiddenNodes, v.visibility().hiddenEdges, this.state.sizeBy));
  }

  private renderLegend(entries: readonly LegendEntry[]): void {
    const items = entries.map((e) => {
      if (e.mark === 'note') return h('li', { class: 'legend-note' }, e.label);
      const mark =
        e.mark === 'node'
          ? h('span', { class: `type-dot shape-${e.shape}`, style: `background:${e.color}`, 'aria-hidden': 'true' })
          : h('span', { class: `edge-swatch${e.arrow ? ' arrow' : ''}`, style: `background:${e.color};height:${Math.max(2, Math.round(e.width * 1.5))}px;color:${e.color}`, 'aria-hidden': 'true' });
      return h('li', { 'data-mark': e.mark }, mark, e.label);
    });
    this.legend.replaceChildren(h('h2', {}, 'Legend'), h('ul', { class: 'legend-list' }, ...items));
  }

  private toggleLayout(): void {
    const v = this.graphView;
    if (!v) return;
    if (v.isLayoutRunning()) v.stopLayout();
    else v.startLayout();
  }

  private clickNode(node: string): void {
    const g = this.graphView?.graph;
    if (!g) return;
    const a = g.getNodeAttributes(node);
    if (a.kind === 'actor') this.selectActor(a.entityId, false);
    else if (a.kind === 'statement' && a.articleId) void this.openArticle(a.articleId, a.entityId);
    else if (a.kind === 'issue' && a.issues?.[0]) this.update({ issues: [a.issues[0]] });
  }

  private clickEdge(edge: string): void {
    const v = this.graphView;
    if (!v) return;
    const [s, t] = v.graph.extremities(edge);
    const sa = v.graph.getNodeAttributes(s);
    const ta = v.graph.getNodeAttributes(t);
    if (sa.kind === 'actor' && ta.kind === 'actor') {
      this.update({ pair: [sa.entityId, ta.entityId], actor: null });
      v.setSelectedEdge(edge);
      return;
    }
    // SAID / ABOUT: the statement end opens its article
    const st = sa.kind === 'statement' ? sa : ta.kind === 'statement' ? ta : null;
    if (st?.articleId) void this.openArticle(st.articleId, st.entityId);
  }

  private hoverEdge(edge: string | null, at: { x: number; y: number } | null): void {
    const v = this.graphView;
    if (!edge || !at || !v) {
      this.tooltip.hidden = true;
      return;
    }
    const t = edgeTooltip(v.graph, edge);
    this.tooltip.replaceChildren(
      h('strong', {}, t.title),
      h('span', { class: 'tooltip-date' }, t.date),
      ...(t.evidence ? [h('span', { class: 'tooltip-evidence', 'data-testid': 'tooltip-evidence' }, `“${t.evidence}”`)] : []),
      h('span', { class: 'muted small' }, 'Click: all relations between the two, with their sources'),
    );
    this.tooltip.hidden = false;
    const w = this.graphHost.clientWidth;
    this.tooltip.style.left = `${Math.min(Math.max(4, at.x + 12), Math.max(4, w - 320))}px`;
    this.tooltip.style.top = `${at.y + 12}px`;
  }

  private selectActor(id: string, zoom: boolean): void {
    if (this.state.tab === 'console') this.update({ tab: 'graph', actor: id, pair: null });
    else this.update({ actor: id, pair: null });
    if (zoom) void this.zoomToActor(id);
  }

  private async zoomToActor(id: string): Promise<void> {
    const view = this.graphView;
    const key = view ? nodeKeyOf(view.graph, id) : null;
    if (view && key) await view.zoomTo(key);
  }

  // ---- side panel ----------------------------------------------------------------------------

  private scheduleSide(transient: boolean): void {
    if (this.sideTimer) clearTimeout(this.sideTimer);
    // the statement list is fetched: debounce while the brush is dragged
    this.sideTimer = setTimeout(() => void this.refreshSide(), transient ? 250 : 0);
  }

  private async refreshSide(): Promise<void> {
    const s = this.state;
    if (s.pair && this.graphView) return this.showPair(s.pair);
    if (s.actor) return this.showActor(s.actor);
    return this.showStatements();
  }

  private showPair(pair: [string, string]): void {
    const v = this.graphView!;
    const a = nodeKeyOf(v.graph, pair[0]);
    const b = nodeKeyOf(v.graph, pair[1]);
    const rels = a && b ? relationsBetween(v.graph, a, b, v.visibility().hiddenEdges) : [];
    this.side.replaceChildren(
      edgePanel(v.graph, [a ?? pair[0], b ?? pair[1]], rels, {
        onOpen: (r) => void this.openEvidence(r),
        onClose: () => this.update({ pair: null }),
        onActor: (id) => this.selectActor(id, true),
      }),
    );
  }

  private async openEvidence(r: PairRelation): Promise<void> {
    if (!r.attrs.articleId) return;
    try {
      const data = await api.article(r.attrs.articleId);
      this.article.show(data, null, evidenceSpan(data.article.text, r.attrs.evidence, r.attrs.start, r.attrs.end));
    } catch (err) {
      this.showError(err);
    }
  }

  private async showActor(id: string): Promise<void> {
    let detail = this.actorCache.get(id);
    if (!detail) {
      this.side.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
      try {
        detail = await api.actor(id);
      } catch (err) {
        this.side.replaceChildren(h('p', { class: 'error', role: 'alert' }, err instanceof ApiError && err.status === 404 ? `No actor “${id}”.` : errorText(err)));
        return;
      }
      this.actorCache.set(id, detail);
    }
    if (this.state.actor !== id || this.state.pair) return;
    const d = detail;
    const focusWasInside = this.side.contains(document.activeElement);
    this.side.replaceChildren(
      actorPanel(d, this.state.range, {
        onOpenStatement: (st) => void this.openArticle(st.article.id, st.id),
        onClose: () => this.update({ actor: null }),
        onZoom: () => void this.zoomToActor(d.actor.id),
        decorate: this.review.decorate,
        reviewTools: this.review.actorTools(d),
      }),
    );
    if (!focusWasInside) this.side.querySelector<HTMLElement>('#actor-name')?.focus({ preventScroll: true });
  }

  private async showStatements(): Promise<void> {
    const seq = ++this.seq.side;
    try {
      const [res, queue] = await Promise.all([api.viewStatements({ ...this.filterParams(), limit: settings.statements.pageSize }), this.review.queueSection()]);
      if (seq !== this.seq.side || this.state.actor || this.state.pair) return;
      const shown = res.statements;
      this.side.replaceChildren(
        ...(queue ? [queue] : []),
        h('h2', {}, 'Statements'),
        h('p', { class: 'filter-summary', 'data-testid': 'statements-summary' }, `${showingText(res.total, this.facets.facets.length, 'statements', this.describe())}${res.total > shown.length ? ` (first ${shown.length} listed)` : ''}`),
        h('p', { class: 'muted small' }, 'Pick an actor (search, graph) for their panel; pick a statement to read it in its article.'),
        statementList(shown, (st: StatementView) => void this.openArticle(st.article.id, st.id), { showSpeaker: true, label: 'Statements passing the filters', decorate: this.review.decorate }),
      );
    } catch (err) {
      if (seq === this.seq.side) this.side.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)));
    }
  }

  /** The strip counts what passes every filter but the date (the brush picks the date). */
  private refreshTimelineStrip(): void {
    const all = this.facets.facets;
    const f = { ...this.filtersOf(), range: null };
    const passing = all.filter((s) => statementPasses(s, f));
    const now = new Date().toISOString().slice(0, 7);
    this.timeline.setData(passing, timelineDomain(all, settings.timeline.padMonths, now));
  }

  // ---- statements timeline and stance changes ------------------------------------------------

  private async showTimelineView(): Promise<void> {
    const seq = ++this.seq.timeline;
    const pane = this.panes.timeline;
    if (!pane.firstChild) pane.append(h('p', { class: 'muted' }, 'Loading statements…'));
    try {
      const res = await api.viewStatements({ ...this.filterParams(), limit: 1000 });
      if (seq !== this.seq.timeline) return;
      const summary = `${showingText(res.total, this.facets.facets.length, 'statements', this.describe())}${res.total > res.statements.length ? ` (first ${res.statements.length})` : ''}`;
      pane.replaceChildren(
        statementsTimeline(res.statements, {
          group: this.state.group,
          summary,
          total: res.total,
          issueLabel: this.issueLabel,
          onGroup: (group: GroupBy) => this.update({ group }),
          onOpen: (st: ViewStatement) => void this.openArticle(st.article.id, st.id),
        }),
      );
    } catch (err) {
      if (seq === this.seq.timeline) pane.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)));
    }
  }

  private async showChanges(): Promise<void> {
    const seq = ++this.seq.changes;
    const pane = this.panes.changes;
    if (!pane.firstChild) pane.append(h('p', { class: 'muted' }, 'Looking for changes of stance…'));
    const p = this.filterParams();
    try {
      const res = await api.stanceChanges({ from: p.from, to: p.to, types: p.types, issues: p.issues, by: this.state.changesBy });
      if (seq !== this.seq.changes) return;
      const desc = describeFilters({ ...this.filtersOf(), stances: [] }, this.issueLabel, formatMonth);
      pane.replaceChildren(
        stanceChangesView(res.changes, {
          by: this.state.changesBy,
          summary: desc,
          onBy: (changesBy) => this.update({ changesBy }),
          onOpen: (st) => void this.openArticle(st.article.id, st.id),
        }),
      );
    } catch (err) {
      if (seq === this.seq.changes) pane.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)));
    }
  }

  private async openArticle(articleId: string, statementId: string | null): Promise<void> {
    try {
      this.article.show(await api.article(articleId), statementId);
    } catch (err) {
      this.showError(err);
    }
  }

  // ---- export and share ------------------------------------------------------------------------

  private fileStem(): string {
    const parts = ['claimgraph', this.state.view, ...this.state.issues, ...this.state.stances, ...(this.state.range ? [this.state.range.from, this.state.range.to] : [])];
    return parts.join('-').replace(/[^\w.-]+/g, '_').slice(0, 120);
  }

  private async copyLink(): Promise<void> {
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      this.graphStatus.textContent = 'Link copied.';
    } catch {
      // no clipboard permission (plain http, headless): show the link to copy by hand
      window.prompt('Link to this view:', url);
    }
  }

  private async exportImage(kind: 'png' | 'svg'): Promise<void> {
    const v = this.graphView;
    if (!v) return;
    const { viewSvg, svgToPng, download } = await import('./export/export-view.ts');
    const vis = v.visibility();
    const title = `claimgraph — ${this.summary.textContent ?? ''}`.slice(0, 90);
    const svg = viewSvg(v.sigma, v.graph, legendEntries(v.graph, vis.hiddenNodes, vis.hiddenEdges, this.state.sizeBy), title);
    if (kind === 'svg') download(`${this.fileStem()}.svg`, svg, 'image/svg+xml');
    else download(`${this.fileStem()}.png`, await svgToPng(svg));
  }

  private async exportGraph(kind: 'gexf' | 'graphml'): Promise<void> {
    const v = this.graphView;
    if (!v) return;
    const { visibleSubgraph, download } = await import('./export/export-view.ts');
    const vis = v.visibility();
    const sub = visibleSubgraph(v.graph, vis.hiddenNodes, vis.hiddenEdges, (a) => a[sizeKey(this.state.sizeBy)]);
    if (kind === 'gexf') {
      const { write } = await import('graphology-gexf/browser');
      download(`${this.fileStem()}.gexf`, write(sub, { version: '1.3' }), 'application/gexf+xml');
    } else {
      const { writeGraphml } = await import('./export/graphml.ts');
      download(`${this.fileStem()}.graphml`, writeGraphml(sub), 'application/graphml+xml');
    }
  }

  private async exportStatements(kind: 'csv' | 'json'): Promise<void> {
    const { download } = await import('./export/export-view.ts');
    try {
      const res = await api.viewStatements({ ...this.filterParams(), limit: 1000 });
      if (kind === 'csv') download(`${this.fileStem()}-statements.csv`, statementsCsv(res.statements), 'text/csv');
      else download(`${this.fileStem()}-statements.json`, JSON.stringify({ filters: this.describe() || 'none', total: res.total, statements: res.statements }, null, 2), 'application/json');
    } catch (err) {
      this.showError(err);
    }
  }

  // ---- console -------------------------------------------------------------------------------

  private async showConsole(entering: boolean): Promise<void> {
    if (!this.console) {
      const { CypherConsole } = await import('./console/cypher-console.ts');
      const top = this.issues[0] ? { id: this.issues[0].id, label: this.issues[0].label } : null;
      this.console = new CypherConsole(this.state.query, (q) => this.update({ query: q }), exampleQueries({ issue: top }));
      this.panes.console.append(this.console.el);
      await this.console.mount();
    } else if (this.state.query) this.console.setQuery(this.state.query);
    // a shared link carries its query: it runs when the link is opened
    if (!this.consoleRan && this.state.query) {
      this.consoleRan = true;
      void this.console.run();
    } else if (entering) this.console.resume();
  }

  // ---- filters -------------------------------------------------------------------------------

  private buildFilters(): void {
    const types = h('fieldset', { class: 'filter-group' }, h('legend', {}, 'Actor type'));
    for (const t of ACTOR_TYPES) {
      const st = ACTOR_TYPE_STYLE[t];
      const box = h('input', { type: 'checkbox', value: t, id: `type-${t}`, 'data-filter': 'types' });
      box.addEventListener('change', () => this.toggle('types', t, box.checked));
      types.append(h('label', { for: `type-${t}`, class: 'check' }, box, h('span', { class: `type-dot shape-${st.shape}`, style: `background:${st.color}`, 'aria-hidden': 'true' }), st.label));
    }
    const stances = h('fieldset', { class: 'filter-group' }, h('legend', {}, 'Stance'));
    for (const s of STANCES) {
      const box = h('input', { type: 'checkbox', value: s, id: `stance-${s}`, 'data-filter': 'stances' });
      box.addEventListener('change', () => this.toggle('stances', s, box.checked));
      stances.append(h('label', { for: `stance-${s}`, class: 'check' }, box, h('span', { class: 'chip-dot', style: `background:${STANCE_COLORS[s]}`, 'aria-hidden': 'true' }), s));
    }
    this.issueBoxes.append(h('legend', {}, 'Issue'), h('p', { class: 'muted small' }, 'Loading…'));
    const reset = h('button', { type: 'button', class: 'link-button', 'data-testid': 'clear-filters' }, 'Clear filters');
    reset.addEventListener('click', () => this.update({ types: [], issues: [], stances: [], range: null }));
    this.filters.append(
      h('h2', {}, 'Filters'),
      h('p', { class: 'muted small' }, 'They apply to the graph, the statement lists and the timelines alike.'),
      types,
      this.issueBoxes,
      stances,
      reset,
      this.legend,
    );
  }

  /** Issue checkboxes from the loaded data (the store's own issues, most discussed first). */
  private buildIssueFilter(): void {
    clear(this.issueBoxes);
    this.issueBoxes.append(h('legend', {}, 'Issue'));
    if (!this.issues.length) this.issueBoxes.append(h('p', { class: 'muted small' }, 'No issue in the data yet.'));
    for (const i of this.issues) {
      const box = h('input', { type: 'checkbox', value: i.id, id: `issue-${i.id}`, 'data-filter': 'issues' });
      box.addEventListener('change', () => this.toggle('issues', i.id, box.checked));
      this.issueBoxes.append(h('label', { for: `issue-${i.id}`, class: 'check', title: i.description }, box, `${i.label} (${i.statements})`));
    }
    this.syncFilterBoxes();
  }

  private toggle(key: 'types' | 'issues' | 'stances', value: string, on: boolean): void {
    const cur = this.state[key] as string[];
    const next = on ? [...new Set([...cur, value])] : cur.filter((x) => x !== value);
    if (key === 'types') this.update({ types: next as ActorType[] });
    else if (key === 'stances') this.update({ stances: next as Stance[] });
    else this.update({ issues: next });
  }

  private syncFilterBoxes(): void {
    for (const box of this.filters.querySelectorAll<HTMLInputElement>('input[data-filter]')) {
      const key = box.dataset.filter as 'types' | 'issues' | 'stances';
      box.checked = (this.state[key] as string[]).includes(box.value);
    }
  }

  private showError(err: unknown): void {
    this.errorBar.hidden = false;
    this.errorBar.textContent = errorText(err);
  }
}

function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

const root = document.getElementById('app');
if (root) {
  const app = new App(root);
  void app.start();
}
