/**
 * Issue 11 in Debian's chromium against the REAL server over the sample corpus: a newcomer's four
 * questions answered by clicking only, and each "must have" checked for what it shows. Screenshots
 * of every view go to test-artifacts/.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import type {} from '../../client/src/probe.ts';
import { artifactPath, launchBrowser, screenshotVariance, type LaunchedBrowser } from './browser.ts';
import { startTestServer, type BrowserTestServer } from './server-fixture.ts';

const TOKEN = 'explorer-test-token-0123456789';
let server: BrowserTestServer;
let browser: LaunchedBrowser;
const pageErrors: string[] = [];
const consoleErrors: string[] = [];

async function openPage(search = '', opts: { waitForGraph?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  if (opts.viewport) await page.setViewportSize(opts.viewport);
  page.on('pageerror', (e) => pageErrors.push(`${search}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${search}: ${m.text()}`);
  });
  await page.goto(`${server.url}/${search}`);
  if (opts.waitForGraph !== false) await page.waitForFunction(() => window.__explorer?.graphReady === true);
  return page;
}

const layoutDone = (page: Page) => page.waitForFunction(() => window.__explorer?.layoutDone === true, null, { timeout: 30_000 });
const summaryOf = (page: Page) => page.evaluate(() => window.__explorer!.summary());
const shown = (s: string) => {
  const m = /showing (?:all )?([\d,]+)(?: of ([\d,]+))? actors/.exec(s);
  return m ? { shown: Number(m[1]!.replace(/,/g, '')), total: Number((m[2] ?? m[1])!.replace(/,/g, '')) } : null;
};

async function downloadOf(page: Page, testid: string): Promise<{ name: string; body: Buffer }> {
  if (!(await page.locator('details.export-menu[open]').count())) await page.getByTestId('export').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const file = await dl.path();
  const body = fs.readFileSync(file);
  fs.writeFileSync(artifactPath(`export-${dl.suggestedFilename()}`), body);
  return { name: dl.suggestedFilename(), body };
}

beforeAll(async () => {
  server = await startTestServer({ env: { CLAIMGRAPH_WRITE_TOKEN: TOKEN } });
  browser = await launchBrowser({ width: 1400, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the four questions, by clicking only', () => {
  it('Q1 who said what about US troops, in date order, grouped by office holder (3 clicks)', async () => {
    const page = await openPage('', { waitForGraph: false });
    await page.getByTestId('tab-timeline').click(); // 1
    await page.locator('#issue-us-troop-presence').check(); // 2
    await page.getByTestId('group-office').check(); // 3
    const pm = page.locator('[data-testid=timeline-group][data-group="Prime Minister of Iraq"]');
    await pm.waitFor();
    const speakers = await pm.getByTestId('timeline-speaker').allTextContents();
    const dates = await pm.getByTestId('timeline-date').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    // Maliki in 2011 and al-Sudani in 2024, the latter through his office's statement
    expect(speakers.some((s) => s.startsWith('Nouri al-Maliki'))).toBe(true);
    expect(speakers.some((s) => s.startsWith('Mohammed Shia al-Sudani') && s.includes('via office of'))).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]!.slice(0, 4)).toBe('2011');
    expect(dates[dates.length - 1]!.slice(0, 4)).toBe('2024');
    // every row is about troops: the filter applies here too, and says so
    expect(await page.getByTestId('timeline-summary').textContent()).toMatch(/^showing \d+ of \d+ statements: issue = US troop presence/);
    expect(page.url()).toContain('tab=timeline');
    expect(page.url()).toContain('group=office');
    await page.screenshot({ path: artifactPath('q1-timeline-by-office.png') });
    // by person: al-Sudani's own group holds the office's statement
    await page.getByTestId('group-actor').check();
    const sudani = page.locator('[data-testid=timeline-group][data-group="mohammed-shia-al-sudani"]');
    await sudani.waitFor();
    expect(await sudani.locator('h3').textContent()).toContain('Prime Minister of Iraq');
    await page.screenshot({ path: artifactPath('q1-timeline-by-person.png') });
    // a row opens its source span
    const row = pm.locator('button.timeline-row').first();
    await page.getByTestId('group-office').check();
    await row.click();
    await page.getByTestId('highlight').waitFor();
    expect((await page.getByTestId('highlight').textContent())!.length).toBeGreaterThan(3);
    await page.close();
  });

  it('Q2 whose stance changed, and when, with the two statements side by side (2 clicks)', async () => {
    const page = await openPage('', { waitForGraph: false });
    await page.getByTestId('tab-changes').click(); // 1
    await page.getByTestId('changes-office').check(); // 2
    const change = page.getByTestId('stance-change').first();
    await change.waitFor();
    expect(await change.getByTestId('change-actor').textContent()).toBe('Prime Minister of Iraq');
    expect(await change.getByTestId('flip').count()).toBe(1);
    const dates = await change.getByTestId('change-date').allTextContents();
    expect(dates).toHaveLength(2);
    expect(dates[0]! < dates[1]!).toBe(true);
    expect(await change.locator('button.statement').count()).toBe(2);
    expect(await page.getByTestId('changes-summary').textContent()).toMatch(/[1-9]\d* changes?, [1-9]\d* reversals?/);
    await page.screenshot({ path: artifactPath('q2-stance-changes.png') });
    await change.locator('button.statement').nth(1).click();
    await page.getByTestId('highlight').waitFor();
    await page.close();
  });

  it('Q3 what evidence links two actors: hover an edge, click it, open the evidence (2 clicks)', async () => {
    // a pair joined by one relation that is not "speaks about"
    const g = (await (await fetch(`${server.url}/api/graph?view=actors`)).json()) as { graph: { edges: { key: string; source: string; target: string; attributes: { kind: string; evidence: string } }[] } };
    const pairs = new Map<string, typeof g.graph.edges>();
    for (const e of g.graph.edges) {
      const k = [e.source, e.target].sort().join('|');
      pairs.set(k, [...(pairs.get(k) ?? []), e]);
    }
    const edge = [...pairs.values()].find((es) => es.length === 1 && es[0]!.attributes.kind !== 'speaks_about' && es[0]!.attributes.kind !== 'holds_office' && es[0]!.attributes.evidence)![0]!;
    const page = await openPage();
    await layoutDone(page);
    await page.evaluate((e) => window.__explorer!.zoomToEdge(e), edge.key);
    await page.waitForTimeout(400);
    const p = (await page.evaluate((e) => window.__explorer!.edgeScreenPoint(e), edge.key))!;
    await page.mouse.move(p.x - 3, p.y - 3);
    await page.mouse.move(p.x, p.y, { steps: 3 });
    const tip = page.getByTestId('edge-tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const kindLabel = edge.attributes.kind.replace(/_/g, ' ');
    expect(await tip.textContent()).toContain(kindLabel);
    expect(await tip.locator('.tooltip-date').textContent()).toMatch(/^\d{4}/);
    expect(await tip.getByTestId('tooltip-evidence').textContent()).toContain(edge.attributes.evidence.slice(0, 20));
    await page.screenshot({ path: artifactPath('q3-edge-hover.png') });
    await page.mouse.click(p.x, p.y); // 1
    const panel = page.getByTestId('pair-panel');
    await panel.waitFor();
    expect(page.url()).toContain('pair=');
    const kinds = await panel.getByTestId('relation-kind').allTextContents();
    expect(kinds.some((k) => k.includes(kindLabel))).toBe(true);
    // every relation between the two is listed, parallel dated ones included
    const all = g.graph.edges.filter((e) => [e.source, e.target].sort().join('|') === [edge.source, edge.target].sort().join('|'));
    expect(await panel.locator('li.relation').count()).toBe(all.length);
    await page.screenshot({ path: artifactPath('q3-pair-panel.png') });
    const item = panel.locator(`li.relation[data-kind="${edge.attributes.kind}"]`).first();
    await item.getByTestId('open-evidence').click(); // 2
    const mark = page.getByTestId('highlight');
    await mark.waitFor();
    expect(await mark.textContent()).toContain(edge.attributes.evidence.replace(/…$/, '').slice(0, 30));
    await page.screenshot({ path: artifactPath('q3-evidence-in-article.png') });
    await page.close();
  });

  it('Q4 takes the view away: a link, a picture (PNG, SVG with legend), a file Gephi opens, the statements', async () => {
    const search = '?issues=us-troop-presence&size=statements';
    const page = await openPage(search);
    await layoutDone(page);
    const summary = await summaryOf(page);
    const counts = (await page.evaluate(() => window.__explorer!.visibleCounts()))!;
    // the link: the same view in a fresh page
    const again = await openPage(search);
    expect(await summaryOf(again)).toBe(summary);
    expect(await again.locator('#size-by').inputValue()).toBe('statements');
    await again.close();

    const png = await downloadOf(page, 'export-png');
    expect(png.body.subarray(1, 4).toString()).toBe('PNG');
    expect(png.body.length).toBeGreaterThan(10_000);
    const svg = (await downloadOf(page, 'export-svg')).body.toString();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Actor size: statements made');
    expect(svg).toContain('Person');
    expect((svg.match(/<circle|<rect x/g) ?? []).length).toBeGreaterThan(5);
    const gexf = parseGexf(MultiGraph, (await downloadOf(page, 'export-gexf')).body.toString(), { allowUndeclaredAttributes: true });
    expect(gexf.order).toBe(counts.nodes);
    expect(gexf.size).toBe(counts.edges);
    const graphml = parseGraphml(MultiGraph, (await downloadOf(page, 'export-graphml')).body.toString());
    expect(graphml.order).toBe(counts.nodes);
    const csv = (await downloadOf(page, 'export-csv')).body.toString().trimEnd().split('\r\n');
    const listed = Number(/showing (\d+) of/.exec((await page.getByTestId('statements-summary').textContent())!)![1]);
    expect(csv[0]!.startsWith('date,')).toBe(true);
    expect(csv.length - 1).toBeGreaterThanOrEqual(listed); // a quoted text may hold line breaks
    const json = JSON.parse((await downloadOf(page, 'export-json')).body.toString()) as { total: number; statements: { issues: { id: string }[] }[] };
    expect(json.total).toBe(listed);
    expect(json.statements.every((s) => s.issues.some((i) => i.id === 'us-troop-presence'))).toBe(true);
    await page.close();
  });
});

describe('what the explorer must have', () => {
  it('filters mean the same in both graph views, the statement list and the timeline, and say what they hide', async () => {
    const page = await openPage('?isolated=1');
    const all = shown(await summaryOf(page))!;
    await page.locator('#issue-us-troop-presence').check();
    await expect.poll(async () => shown(await summaryOf(page))?.shown).toBeLessThan(all.total);
    expect(await summaryOf(page)).toMatch(/^showing \d+ of \d+ actors: issue = US troop presence/);
    const listSummary = page.getByTestId('statements-summary');
    await expect.poll(() => listSummary.textContent()).toMatch(/^showing \d+ of \d+ statements: issue = US troop presence/);
    const n = Number(/showing (\d+) of/.exec((await listSummary.textContent())!)![1]);
    // every listed statement is about the issue
    const chips = await page.getByTestId('statement-list').locator('button.statement').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(chips.every((t) => t.includes('us-troop-presence'))).toBe(true);
    await page.screenshot({ path: artifactPath('filters-actors-issue.png') });
    // the claims view shows the same statements
    await page.locator('#view-claims').check();
    await page.waitForFunction(() => window.__explorer?.graphReady === true);
    await expect.poll(async () => /; (\d+) of \d+ statements/.exec(await summaryOf(page))?.[1]).toBe(String(n));
    // stance narrows further, in both
    await page.locator('#stance-oppose').check();
    await expect.poll(() => listSummary.textContent()).toContain('stance = oppose');
    const m = Number(/showing (\d+) of/.exec((await listSummary.textContent())!)![1]);
    expect(m).toBeLessThan(n);
    await expect.poll(async () => /; (\d+) of \d+ statements/.exec(await summaryOf(page))?.[1]).toBe(String(m));
    await page.screenshot({ path: artifactPath('filters-claims-issue-stance.png') });
    // the statements timeline obeys them too
    await page.getByTestId('tab-timeline').click();
    await expect.poll(() => page.getByTestId('timeline-summary').textContent()).toContain(`showing ${m} of`);
    expect(await page.locator('button.timeline-row').count()).toBe(m);
    await page.close();
  });

  it('edges have a style per kind in the legend, and "speaks about" toggles off', async () => {
    const page = await openPage();
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.locator('[data-mark=edge]').count()).toBeGreaterThan(3);
    const entries = await legend.locator('[data-mark=edge]').allTextContents();
    expect(entries.some((t) => t.startsWith('speaks about'))).toBe(true);
    expect(entries).toContain('negotiates with');
    const before = (await page.evaluate(() => window.__explorer!.visibleCounts()))!.edges;
    await page.getByTestId('show-speaks').uncheck();
    await expect.poll(async () => (await page.evaluate(() => window.__explorer!.visibleCounts()))!.edges).toBeLessThan(before);
    expect(page.url()).toContain('speaks=0');
    expect((await legend.locator('[data-mark=edge]').allTextContents()).some((t) => t.startsWith('speaks about'))).toBe(false);
    await layoutDone(page);
    await page.screenshot({ path: artifactPath('graph-without-speaks-about.png') });
    await page.close();
  });

  it('a legible graph: hubs are big and labelled, isolated nodes hidden by default, layout runs and stops', async () => {
    const page = await openPage();
    await layoutDone(page);
    const hubs = await page.evaluate(() => window.__explorer!.hubs());
    expect(hubs).toContain('iraq');
    expect(hubs).toContain('united-states');
    const size = (id: string) => page.evaluate((x) => window.__explorer!.nodeSize(x), id);
    const anon = (await (await fetch(`${server.url}/api/actors?type=anonymous&limit=1`)).json()).actors[0].id as string;
    expect(await size('iraq')).toBeGreaterThan((await size(anon)) ?? 0);
    expect(await summaryOf(page)).toMatch(/\d+ without a visible relation hidden/);
    const c0 = (await page.evaluate(() => window.__explorer!.visibleCounts()))!.nodes;
    await page.getByTestId('show-isolated').check();
    await expect.poll(async () => (await page.evaluate(() => window.__explorer!.visibleCounts()))!.nodes).toBeGreaterThan(c0);
    // statements made instead of degree: a talker outgrows a country that says nothing itself
    await page.locator('#size-by').selectOption('statements');
    await expect.poll(() => size('iraq')).toBeLessThan((await size('jon-alterman'))!);
    await page.getByTestId('show-isolated').uncheck();
    await page.locator('#size-by').selectOption('degree');
    const toggle = page.getByTestId('layout-toggle');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('layout-reset').click();
    await toggle.click();
    await layoutDone(page);
    await page.waitForTimeout(7000);
    const v = (await screenshotVariance(page, '[data-testid=graph]', 'graph-legible.png')).variance;
    expect(v).toBeGreaterThan(50);
    await page.screenshot({ path: artifactPath('explorer-graph-default.png') });
    await page.close();
  });

  it('search ranks the obvious first and Enter opens it', async () => {
    const page = await openPage();
    const first = page.locator('#actor-search-results [role=option]').first();
    for (const [q, name] of [['Malki', 'Nouri al-Maliki'], ['maliki', 'Nouri al-Maliki'], ['Obamma', 'Barack Obama']] as const) {
      await page.getByTestId('search').fill(q);
      await expect.poll(() => first.locator('.hit-name').textContent()).toBe(name);
    }
    await page.getByTestId('search').fill('Malki');
    await page.getByTestId('search').press('Enter');
    await expect.poll(() => page.getByTestId('actor-panel').locator('h2').textContent()).toBe('Nouri al-Maliki');
    await page.close();
  });

  it('the console: a linked query runs on open; table, graph and JSON tabs; properties on click; history; no errors switching views', async () => {
    const q = 'MATCH (a:Actor)-[r:RELATES]->(b:Actor) RETURN a, r, b LIMIT 30';
    const page = await openPage(`?tab=console&q=${encodeURIComponent(q)}`, { waitForGraph: false });
    await page.locator('.result-graph canvas').first().waitFor(); // ran without a click
    // click a node: its properties show
    await page.waitForFunction(() => window.__explorer!.consoleNodePoint() !== null);
    const p = (await page.evaluate(() => window.__explorer!.consoleNodePoint()))!;
    const props = page.getByTestId('result-properties');
    await page.mouse.click(p.x, p.y);
    await expect.poll(() => props.locator('dt').allTextContents()).toContain('id');
    expect(await props.locator('h3').textContent()).toMatch(/^\(:Actor\)/);
    await page.screenshot({ path: artifactPath('console-graph-properties.png') });
    await page.getByTestId('result-tab-json').click();
    const json = JSON.parse((await page.getByTestId('result-json').textContent())!) as Record<string, unknown>[];
    expect(Object.keys(json[0]!)).toEqual(['a', 'r', 'b']);
    await page.getByTestId('result-tab-table').click();
    expect(await page.getByTestId('result-table').locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('query-history').locator('option').count()).toBeGreaterThan(1);
    // back and forth between every view
    await page.getByTestId('result-tab-graph').click();
    for (const tab of ['graph', 'console', 'timeline', 'console', 'changes', 'graph', 'console']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForTimeout(300);
    }
    await page.waitForFunction(() => window.__explorer?.graphReady === true);
    await page.close();
  });

  it('layout from a 1280 px laptop to a 390 px phone: panels collapse, the graph renders, the stance chart fits', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const page = await openPage('?actor=nouri-al-maliki', { viewport });
      await layoutDone(page);
      expect((await screenshotVariance(page, '[data-testid=graph]', `graph-${viewport.width}px.png`)).variance).toBeGreaterThan(20);
      const panel = page.getByTestId('actor-panel');
      await panel.waitFor();
      const fits = await page.evaluate(() => {
        const svg = document.querySelector('[data-testid=stance-chart]');
        const side = document.querySelector('.side');
        if (!svg || !side) return null;
        return svg.getBoundingClientRect().right <= side.getBoundingClientRect().right + 1 && document.documentElement.scrollWidth <= window.innerWidth + 1;
      });
      expect(fits, `${viewport.width}px`).toBe(true);
      if (viewport.width < 800) {
        expect(await page.locator('#filters-pane').isVisible()).toBe(false);
        await page.getByTestId('filters-toggle').click();
        expect(await page.locator('#filters-pane').isVisible()).toBe(true);
      }
      await page.screenshot({ path: artifactPath(`explorer-${viewport.width}px.png`), fullPage: viewport.width < 800 });
      await page.close();
    }
  });

  it('picks up a newly ingested article without a reload', async () => {
    const page = await openPage('', { waitForGraph: true });
    const v0 = await page.evaluate(() => window.__explorer!.dataVersion);
    const listSummary = page.getByTestId('statements-summary');
    await listSummary.waitFor();
    const total0 = Number(/of (\d+) statements|all (\d+) statements/.exec((await listSummary.textContent())!)!.slice(1).find(Boolean));
    const text = 'WASHINGTON — "We will keep talking with our partners about the mission," Barack Obama said on Monday at the White House.';
    const res = await fetch(`${server.url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ articles: [{ text, title: 'A new test article', source: 'Test Wire', published: '2025-03-03' }] }),
    });
    expect(res.status).toBe(201);
    await page.waitForFunction((v) => window.__explorer!.dataVersion !== v, v0, { timeout: 40_000 });
    await page.getByTestId('live-note').waitFor();
    await expect.poll(async () => Number(/of (\d+) statements|all (\d+) statements/.exec((await listSummary.textContent())!)!.slice(1).find(Boolean))).toBeGreaterThan(total0);
    await page.screenshot({ path: artifactPath('live-update.png') });
    await page.close();
  });

  it('raised no page errors and logged no console errors', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
