/**
 * The Cypher console: a CodeMirror editor with Cypher highlighting (@neo4j-cypher/codemirror,
 * loaded on demand so it stays out of the main bundle), example queries, results as a table and,
 * when nodes/relationships come back, as a small graph. Errors are shown as the server words them.
 */
import type { ConsoleResult, ConsoleValue } from '../../../cypher/store.ts';
import { api, ApiError } from '../api.ts';
import { h, clear } from '../dom.ts';
import { cellText, pushHistory, resultGraph, rowsAsObjects, type ResultGraph } from '../state/console-result.ts';

type ResultTab = 'table' | 'graph' | 'json';
const HISTORY_KEY = 'claimgraph.console.history';

function loadHistory(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
import { EXAMPLE_QUERIES, type ExampleQuery } from './example-queries.ts';

interface Editor {
  getValue(): string;
  setValue(v: string): void;
  focus(): void;
}

export class CypherConsole {
  readonly el: HTMLElement;
  private editor: Editor | null = null;
  private readonly editorHost: HTMLElement;
  private readonly output: HTMLElement;
  private readonly status: HTMLElement;
  private readonly runBtn: HTMLButtonElement;
  private pendingValue: string;
  private killGraph: (() => void) | null = null;
  private pointOf: ((id: string) => { x: number; y: number } | null) | null = null;
  private history: string[] = loadHistory();
  private readonly historySelect: HTMLSelectElement;
  private resultTab: ResultTab = 'table';
  private lastResult: { res: ConsoleResult; graph: ResultGraph } | null = null;

  private readonly examples: readonly ExampleQuery[];

  constructor(initial: string | null, private readonly onQueryChange: (q: string) => void, exampleList: readonly ExampleQuery[] = EXAMPLE_QUERIES) {
    this.examples = exampleList;
    this.pendingValue = initial ?? exampleList[0]!.query;
    this.editorHost = h('div', { class: 'editor', 'data-testid': 'cypher-editor' });
    this.output = h('div', { class: 'console-output', 'data-testid': 'console-output' });
    this.status = h('p', { class: 'console-status', role: 'status', 'aria-live': 'polite' });
    this.runBtn = h('button', { type: 'button', class: 'primary', 'data-testid': 'run-query' }, 'Run (Ctrl+Enter)');
    this.runBtn.addEventListener('click', () => void this.run());
    const examples = h('select', { id: 'example-queries', 'aria-label': 'Example queries' }, h('option', { value: '' }, 'Example queries…'));
    this.examples.forEach((q, i) => examples.append(h('option', { value: String(i) }, q.title)));
    examples.addEventListener('change', () => {
      const ex = this.examples[Number(examples.value)];
      if (examples.value !== '' && ex) {
        this.setQuery(ex.query);
        this.onQueryChange(ex.query);
      }
      examples.value = '';
    });
    this.historySelect = h('select', { id: 'query-history', 'aria-label': 'Query history', 'data-testid': 'query-history' });
    this.renderHistory();
    this.historySelect.addEventListener('change', () => {
      const q = this.history[Number(this.historySelect.value)];
      if (this.historySelect.value !== '' && q) {
        this.setQuery(q);
        this.onQueryChange(q);
      }
      this.historySelect.value = '';
    });
    this.el = h(
      'section',
      { class: 'console', 'aria-label': 'Cypher console' },
      h('div', { class: 'console-bar' }, h('h2', {}, 'Cypher console'), examples, this.historySelect, this.runBtn),
      h('p', { class: 'muted small' }, 'Read-only queries over the graph (Actor, Statement, Issue, Article; SAID, ABOUT, HOLDS_POSITION, RELATES, REPORTED_IN, MENTIONS). Results are capped by the server.'),
      this.editorHost,
      this.status,
      this.output,
    );
    this.el.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void this.run();
      }
    });
  }

  /** Creates the editor the first time the console is shown. */
  async mount(): Promise<void> {
    if (this.editor) return;
    try {
      const [{ createCypherEditor }] = await Promise.all([
        import('@neo4j-cypher/codemirror'),
        import('@neo4j-cypher/codemirror/css/cypher-codemirror.css'),
      ]);
      const created = createCypherEditor(this.editorHost, {
        value: this.pendingValue,
        autofocus: false,
        lineNumbers: true,
        // Tab must leave the editor (no keyboard trap); indentation is rarely needed in Cypher
        tabKey: false,
        lineWrapping: true,
        placeholder: 'MATCH (a:Actor) RETURN a.name LIMIT 10',
      }) as unknown;
      // v1.0.3 returns { editor: EditorApi } although its typings say EditorApi: accept both
      const editorApi = (typeof created === 'object' && created !== null && 'editor' in created ? (created as { editor: unknown }).editor : created) as import('@neo4j-cypher/codemirror').EditorApi;
      const view = editorApi.codemirror;
      view.contentDOM.setAttribute('aria-label', 'Cypher query');
      editorApi.onValueChanged((v: string) => this.onQueryChange(v));
      this.editor = {
        getValue: () => view.state.doc.toString(),
        setValue: (v) => editorApi.setValue(v),
        focus: () => editorApi.focus(),
      };
    } catch (err) {
      // the highlighting package failed to load: a plain textarea still runs queries
      console.warn('Cypher editor unavailable, falling back to a textarea', err);
      const ta = h('textarea', { class: 'editor-fallback', rows: 8, 'aria-label': 'Cypher query', spellcheck: 'false' });
      ta.value = this.pendingValue;
      ta.addEventListener('input', () => this.onQueryChange(ta.value));
      this.editorHost.append(ta);
      this.editor = { getValue: () => ta.value, setValue: (v) => (ta.value = v), focus: () => ta.focus() };
    }
  }

  setQuery(q: string): void {
    this.pendingValue = q;
    if (this.editor && this.editor.getValue() !== q) this.editor.setValue(q);
  }

  async run(): Promise<void> {
    const query = (this.editor?.getValue() ?? this.pendingValue).trim();
    if (!query) return;
    this.runBtn.disabled = true;
    this.status.textContent = 'Running…';
    this.history = pushHistory(this.history, query);
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(this.history));
    } catch {
      // private mode: history lasts for the page only
    }
    this.renderHistory();
    try {
      const res = await api.cypher(query);
      this.showResult(res);
    } catch (err) {
      this.showError(err);
    } finally {
      this.runBtn.disabled = false;
    }
  }

  private showError(err: unknown): void {
    this.lastResult = null;
    this.killGraph?.();
    this.killGraph = null;
    clear(this.output);
    const title = err instanceof ApiError ? err.title : 'Query failed';
    const detail = err instanceof ApiError ? err.detail : err instanceof Error ? err.message : String(err);
    this.status.textContent = 'The query failed.';
    this.output.append(
      h('div', { class: 'error', role: 'alert', 'data-testid': 'console-error' }, h('strong', {}, title), detail ? h('pre', {}, detail) : null,
        err instanceof ApiError && err.requestId ? h('p', { class: 'muted small' }, `request ${err.requestId}`) : null),
    );
  }

  private renderHistory(): void {
    this.historySelect.replaceChildren(h('option', { value: '' }, `History (${this.history.length})…`));
    this.history.forEach((q, i) => this.historySelect.append(h('option', { value: String(i) }, q.replace(/\s+/g, ' ').slice(0, 80))));
  }

  private showResult(res: ConsoleResult): void {
    const graph = resultGraph(res.rows);
    this.lastResult = { res, graph };
    // a result with nodes opens on its graph, like Neo4j Browser; rows only, on the table
    this.resultTab = graph.nodes.length ? 'graph' : 'table';
    this.status.textContent = `${res.rows.length} row${res.rows.length === 1 ? '' : 's'}${res.truncated ? ' (capped: more exist)' : ''} in ${Math.round(res.elapsedMs)} ms`;
    this.renderResult();
  }

  private renderResult(): void {
    this.killGraph?.();
    this.killGraph = null;
    clear(this.output);
    if (!this.lastResult) return;
    const { res, graph } = this.lastResult;
    const tabs = h('div', { role: 'tablist', class: 'result-tabs', 'aria-label': 'Result view' });
    for (const [t, label] of [['table', 'Table'], ['graph', `Graph (${graph.nodes.length})`], ['json', 'JSON']] as const) {
      const b = h('button', { type: 'button', role: 'tab', 'aria-selected': String(this.resultTab === t), 'data-testid': `result-tab-${t}`, disabled: t === 'graph' && !graph.nodes.length }, label);
      b.addEventListener('click', () => {
        this.resultTab = t;
        this.renderResult();
      });
      tabs.append(b);
    }
    this.output.append(tabs);
    if (this.resultTab === 'graph' && graph.nodes.length) {
      const props = h('aside', { class: 'result-props', 'data-testid': 'result-properties', 'aria-live': 'polite' }, h('p', { class: 'muted small' }, 'Click a node or a relationship to see its properties.'));
      const host = h('div', { class: 'result-graph', 'aria-label': `Result graph: ${graph.nodes.length} nodes, ${graph.rels.length} relationships`, role: 'img' });
      this.output.append(h('div', { class: 'result-graph-wrap' }, host, props));
      const show = (title: string, p: Record<string, ConsoleValue>) => {
        const dl = h('dl', { class: 'props' });
        for (const [k, v] of Object.entries(p)) dl.append(h('dt', {}, k), h('dd', {}, cellText(v, 500)));
        props.replaceChildren(h('h3', {}, title), dl);
      };
      void import('./result-graph-view.ts').then(({ drawResultGraph }) => {
        if (this.lastResult?.graph !== graph || this.resultTab !== 'graph') return;
        const drawn = drawResultGraph(host, graph, {
          node: (id) => {
            const n = graph.nodes.find((x) => x.id === id);
            if (n) show(`(:${n.label}) ${n.caption}`, n.properties);
          },
          rel: (id) => {
            const r = graph.rels.find((x) => x.id === id);
            if (r) show(`[:${r.type}] ${r.caption}`, r.properties);
          },
        });
        this.killGraph = drawn.kill;
        this.pointOf = drawn.pointOf;
      });
    } else if (this.resultTab === 'json') {
      this.output.append(h('pre', { class: 'result-json', 'data-testid': 'result-json', tabindex: 0 }, JSON.stringify(rowsAsObjects(res.columns, res.rows), null, 2)));
    }
    if (this.resultTab === 'table' || this.resultTab === 'graph') {
      const table = h('table', { class: 'result-table', 'data-testid': 'result-table' });
      table.append(h('thead', {}, h('tr', {}, ...res.columns.map((c) => h('th', { scope: 'col' }, c)))));
      const body = h('tbody');
      for (const row of res.rows) body.append(h('tr', {}, ...row.map((v) => h('td', {}, cellText(v)))));
      table.append(body);
      const wrap = h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Query results' }, table);
      // the graph tab keeps the rows below the drawing
      this.output.append(wrap);
    }
  }

  /** Where the first node of the drawn result is on the page (tests click it). */
  firstNodePoint(): { x: number; y: number } | null {
    const id = this.lastResult?.graph.nodes[0]?.id;
    return id && this.pointOf && this.killGraph ? this.pointOf(id) : null;
  }

  /** Stops drawing (the tab is left): no renderer runs on a hidden container. */
  suspend(): void {
    this.killGraph?.();
    this.killGraph = null;
  }

  resume(): void {
    if (this.lastResult && this.resultTab === 'graph' && !this.killGraph) this.renderResult();
  }
}
