/**
 * The explorer's controller: owns the AppState, keeps it in the URL, and wires the graph, timeline,
 * search, actor panel, article dialog and console together. Data only arrives over /api.
 */
import './styles.css';
import type { ActorDetailResponse, GraphResponse, StatementView } from '../../server/contract.ts';
import type { ActorType, Stance } from '../../cypher/schema.ts';
import { ACTOR_TYPES, STANCES } from './state/vocab.ts';
import { api, ApiError } from './api.ts';
import { h, clear } from './dom.ts';
import { ACTOR_TYPE_STYLE, STANCE_COLORS, settings } from './settings.ts';
import { type AppState, type GraphViewName, type MonthRange } from './state/app-state.ts';
import { decodeState, encodeState, isHistoryWorthy } from './state/url-state.ts';
import { rangeDays, timelineDomain } from './state/time-range.ts';
import { buildGraph, nodeKeyOf } from './graph/build-graph.ts';
import { GraphView } from './graph/graph-view.ts';
import { TimelineStrip } from './timeline/timeline-strip.ts';
import { SearchBox } from './search/search-box.ts';
import { actorPanel } from './actor/actor-panel.ts';
import { statementList } from './actor/statement-list.ts';
import { ArticleDialog } from './article/article-view.ts';
import type { CypherConsole } from './console/cypher-console.ts';
import './probe.ts';

class App {
  private state: AppState = decodeState(location.search);
  private graphView: GraphView | null = null;
  private graphInfo: GraphResponse | null = null;
  private loadedView: GraphViewName | null = null;
  private actorCache = new Map<string, ActorDetailResponse>();
  private console: CypherConsole | null = null;
  private statementsSeq = 0;
  private statementsTimer: ReturnType<typeof setTimeout> | null = null;

  // layout
  private readonly graphHost = h('div', { class: 'graph-canvas', 'data-testid': 'graph', 'aria-label': 'Graph of actors, statements and issues. Use search or the lists to select an actor.', role: 'img' });
  private readonly graphStatus = h('p', { class: 'graph-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'graph-status' });
  private readonly capNote = h('p', { class: 'cap-note', hidden: true, 'data-testid': 'cap-note' });
  private readonly side = h('aside', { class: 'side', 'aria-label': 'Details' });
  private readonly filters = h('div', { class: 'filters' });
  private readonly graphPane = h('section', { class: 'graph-pane' });
  private readonly consolePane = h('div', { class: 'console-pane', hidden: true });
  private readonly errorBar = h('div', { class: 'error-bar', role: 'alert', hidden: true });
  private readonly timeline = new TimelineStrip(settings.timeline.height, { onChange: (r, final) => this.setRange(r, final) });
  private readonly search = new SearchBox((a) => this.selectActor(a.id, true));
  private readonly article = new ArticleDialog(() => undefined);
  private readonly tabs: Record<'graph' | 'console', HTMLButtonElement>;
  private readonly viewRadios: Record<GraphViewName, HTMLInputElement>;
  private issueBoxes = h('fieldset', { class: 'filter-group' });

  constructor(root: HTMLElement) {
    this.tabs = {
      graph: h('button', { type: 'button', role: 'tab', id: 'tab-graph', 'aria-controls': 'main-graph' }, 'Graph'),
      console: h('button', { type: 'button', role: 'tab', id: 'tab-console', 'aria-controls': 'main-console', 'data-testid': 'tab-console' }, 'Cypher console'),
    };
    this.tabs.graph.addEventListener('click', () => this.update({ tab: 'graph' }));
    this.tabs.console.addEventListener('click', () => this.update({ tab: 'console' }));

    const radio = (v: GraphViewName, label: string) => {
      const input = h('input', { type: 'radio', name: 'view', value: v, id: `view-${v}` });
      input.addEventListener('change', () => input.checked && this.update({ view: v }));
      return { input, el: h('label', { for: `view-${v}`, class: 'radio' }, input, label) };
    };
    const rA = radio('actors', 'Actors & relations');
    const rC = radio('claims', 'Who said what about which issue');
    this.viewRadios = { actors: rA.input, claims: rC.input };

    const zoomIn = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Zoom in' }, '+');
    const zoomOut = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Zoom out' }, '−');
    const zoomReset = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Show whole graph' }, '⤢');
    zoomIn.addEventListener('click', () => this.graphView?.zoomBy(1.5));
    zoomOut.addEventListener('click', () => this.graphView?.zoomBy(1 / 1.5));
    zoomReset.addEventListener('click', () => this.graphView?.resetCamera());

    this.graphPane.id = 'main-graph';
    this.graphPane.setAttribute('role', 'tabpanel');
    this.graphPane.setAttribute('aria-labelledby', 'tab-graph');
    this.consolePane.setAttribute('role', 'tabpanel');
    this.consolePane.setAttribute('aria-labelledby', 'tab-console');
    this.graphPane.append(
      h('fieldset', { class: 'view-switch' }, h('legend', { class: 'visually-hidden' }, 'Graph view'), rA.el, rC.el),
      h('div', { class: 'graph-wrap' }, this.graphHost, h('div', { class: 'zoom-controls', role: 'group', 'aria-label': 'Camera' }, zoomIn, zoomOut, zoomReset), this.capNote),
      this.graphStatus,
    );
    this.consolePane.id = 'main-console';

    root.append(
      h(
        'header',
        { class: 'top' },
        h('h1', {}, 'claimgraph', h('span', { class: 'subtitle' }, ' — who said what, and when')),
        this.search.el,
        h('nav', { role: 'tablist', 'aria-label': 'Mode', class: 'tabs' }, this.tabs.graph, this.tabs.console),
      ),
      this.errorBar,
      h('main', { class: 'layout' }, h('nav', { class: 'filters-pane', 'aria-label': 'Filters' }, this.filters), h('div', { class: 'centre' }, this.graphPane, this.consolePane), this.side),
      h('footer', { class: 'bottom' }, this.timeline.el),
      this.article.el,
    );
    this.buildFilters();
    window.addEventListener('popstate', () => this.apply(decodeState(location.search), false));
    window.__explorer = {
      graphReady: false,
      layoutDone: false,
      visibleCounts: () => this.graphView?.visibleCounts() ?? null,
      state: () => this.state,
    };
  }

  async start(): Promise<void> {
    const [actors, timeline, issues] = await Promise.allSettled([api.actors(undefined, 500), api.timeline(), api.issues()]);
    if (actors.status === 'fulfilled') this.search.setActors(actors.value.actors);
    else this.showError(actors.reason);
    if (timeline.status === 'fulfilled') {
      const items = timeline.value.statements;
      this.timeline.setData(items, timelineDomain(items, settings.timeline.firstYear, settings.timeline.lastYear));
    } else this.showError(timeline.reason);
    if (issues.status === 'fulfilled') this.buildIssueFilter(issues.value.issues);
    await this.apply(this.state, false, true);
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

  /** Brings every component in line with `next`. `transient`: mid-drag, skip the costly parts. */
  private async apply(next: AppState, transient: boolean, first = false): Promise<void> {
    const prev = this.state;
    this.state = next;
    // typing in the console only changes the URL: nothing else to redo
    if (!first && encodeState({ ...prev, query: null }) === encodeState({ ...next, query: null })) return;
    this.tabs.graph.setAttribute('aria-selected', String(next.tab === 'graph'));
    this.tabs.console.setAttribute('aria-selected', String(next.tab === 'console'));
    this.graphPane.hidden = next.tab !== 'graph';
    this.consolePane.hidden = next.tab !== 'console';
    this.viewRadios[next.view].checked = true;
    this.syncFilterBoxes();
    if (first || prev.range?.from !== next.range?.from || prev.range?.to !== next.range?.to) {
      if (this.timeline.getRange()?.from !== next.range?.from || this.timeline.getRange()?.to !== next.range?.to) this.timeline.set(next.range, false);
    }

    if (next.tab === 'console') await this.showConsole();
    if (next.tab === 'graph' && this.loadedView !== next.view) await this.loadGraph(next.view);
    this.graphView?.setFilters({ range: next.range, types: next.types, issues: next.issues, stances: next.stances });
    this.updateGraphStatus();

    if (transient) {
      this.refreshSide(true);
      return;
    }
    if (first || prev.actor !== next.actor) {
      const key = next.actor && this.graphView ? nodeKeyOf(this.graphView.graph, next.actor) : null;
      this.graphView?.setSelected(key);
    }
    this.refreshSide(false);
  }

  private setRange(range: MonthRange | null, final: boolean): void {
    this.update({ range }, { final });
  }

  // ---- graph ---------------------------------------------------------------------------------

  private async loadGraph(view: GraphViewName): Promise<void> {
    this.loadedView = view;
    window.__explorer!.graphReady = false;
    window.__explorer!.layoutDone = false;
    this.graphStatus.textContent = 'Loading graph…';
    let res: GraphResponse;
    try {
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
    this.graphView = new GraphView(this.graphHost, graph, {
      onClickNode: (node) => this.clickNode(node),
      onClickStage: () => undefined,
      onLayoutDone: () => {
        window.__explorer!.layoutDone = true;
        this.graphHost.dataset.layout = 'done';
        // a shared link with an actor: bring it into view once nodes have settled
        if (this.state.actor) void this.zoomToActor(this.state.actor);
      },
    });
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
    if (!this.graphView) return;
    const c = this.graphView.visibleCounts();
    const g = this.graphView.graph;
    this.graphStatus.textContent = `${c.nodes} of ${g.order} nodes, ${c.edges} of ${g.size} edges shown`;
    this.graphStatus.dataset.visibleEdges = String(c.edges);
  }

  private clickNode(node: string): void {
    const g = this.graphView?.graph;
    if (!g) return;
    const a = g.getNodeAttributes(node);
    if (a.kind === 'actor') this.selectActor(a.entityId, false);
    else if (a.kind === 'statement' && a.articleId) void this.openArticle(a.articleId, a.entityId);
    else if (a.kind === 'issue' && a.issues?.[0]) this.update({ issues: [a.issues[0]] });
  }

  private selectActor(id: string, zoom: boolean): void {
    if (this.state.tab !== 'graph') this.update({ tab: 'graph', actor: id });
    else this.update({ actor: id });
    if (zoom) void this.zoomToActor(id);
  }

  private async zoomToActor(id: string): Promise<void> {
    const view = this.graphView;
    const key = view ? nodeKeyOf(view.graph, id) : null;
    if (view && key) await view.zoomTo(key);
  }

  // ---- side panel ----------------------------------------------------------------------------

  private refreshSide(transient: boolean): void {
    if (this.state.actor) void this.showActor(this.state.actor);
    else {
      // the global list is fetched: debounce while the brush is dragged
      if (this.statementsTimer) clearTimeout(this.statementsTimer);
      this.statementsTimer = setTimeout(() => void this.showStatements(), transient ? 250 : 0);
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
    if (this.state.actor !== id) return;
    const d = detail;
    const focusWasInside = this.side.contains(document.activeElement);
    this.side.replaceChildren(
      actorPanel(d, this.state.range, {
        onOpenStatement: (st) => void this.openArticle(st.article.id, st.id),
        onClose: () => this.update({ actor: null }),
        onZoom: () => void this.zoomToActor(d.actor.id),
      }),
    );
    if (!focusWasInside) this.side.querySelector<HTMLElement>('#actor-name')?.focus({ preventScroll: true });
  }

  private async showStatements(): Promise<void> {
    const seq = ++this.statementsSeq;
    const days = this.state.range ? rangeDays(this.state.range) : null;
    try {
      const res = await api.statements({ from: days?.from, to: days?.to, limit: settings.statements.pageSize });
      if (seq !== this.statementsSeq || this.state.actor) return;
      const sorted = [...res.statements].sort((a, b) => a.dateFrom.localeCompare(b.dateFrom));
      this.side.replaceChildren(
        h('h2', {}, `Statements (${res.total}${res.total > sorted.length ? `, first ${sorted.length}` : ''})`),
        h('p', { class: 'muted small' }, 'Pick an actor (search, graph) for their panel; pick a statement to read it in its article.'),
        statementList(sorted, (st: StatementView) => void this.openArticle(st.article.id, st.id), { showSpeaker: true, label: 'Statements in the selected range' }),
      );
    } catch (err) {
      if (seq === this.statementsSeq) this.side.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)));
    }
  }

  private async openArticle(articleId: string, statementId: string | null): Promise<void> {
    try {
      this.article.show(await api.article(articleId), statementId);
    } catch (err) {
      this.showError(err);
    }
  }

  // ---- console -------------------------------------------------------------------------------

  private async showConsole(): Promise<void> {
    if (!this.console) {
      const { CypherConsole } = await import('./console/cypher-console.ts');
      this.console = new CypherConsole(this.state.query, (q) => this.update({ query: q }));
      this.consolePane.append(this.console.el);
      await this.console.mount();
    } else if (this.state.query) this.console.setQuery(this.state.query);
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
    const reset = h('button', { type: 'button', class: 'link-button' }, 'Clear filters');
    reset.addEventListener('click', () => this.update({ types: [], issues: [], stances: [] }));
    const legend = h(
      'div',
      { class: 'legend', 'aria-label': 'Legend' },
      h('h2', {}, 'Legend'),
      h('p', { class: 'small' }, 'Node size: statements made. Squares: organisations, countries and issues. Curved edges: several dated relations between the same two actors.'),
      h('p', { class: 'small' }, ...(['support', 'oppose', 'neutral', 'mixed'] as const).map((s) => h('span', { class: 'legend-item' }, h('span', { class: 'chip-dot', style: `background:${STANCE_COLORS[s]}`, 'aria-hidden': 'true' }), s, ' '))),
    );
    this.filters.append(h('h2', {}, 'Filters'), types, this.issueBoxes, stances, reset, legend);
  }

  private buildIssueFilter(issues: { id: string; label: string; statements: number }[]): void {
    clear(this.issueBoxes);
    this.issueBoxes.append(h('legend', {}, 'Issue'));
    for (const i of issues) {
      const box = h('input', { type: 'checkbox', value: i.id, id: `issue-${i.id}`, 'data-filter': 'issues' });
      box.addEventListener('change', () => this.toggle('issues', i.id, box.checked));
      this.issueBoxes.append(h('label', { for: `issue-${i.id}`, class: 'check' }, box, `${i.label} (${i.statements})`));
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
