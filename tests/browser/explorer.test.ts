/**
 * The explorer in Debian's chromium against the REAL server (sample corpus, fresh data dir, client
 * built from the current sources). Screenshots go to test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type {} from '../../client/src/probe.ts';
import { artifactPath, launchBrowser, screenshotVariance, type LaunchedBrowser } from './browser.ts';
import { startTestServer, type BrowserTestServer } from './server-fixture.ts';

let server: BrowserTestServer;
let browser: LaunchedBrowser;
const pageErrors: string[] = [];

async function openPage(search = '', waitForGraph = true): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/${search}`);
  if (waitForGraph) await page.waitForFunction(() => window.__explorer?.graphReady === true);
  return page;
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('explorer', () => {
  it('loads and draws the graph (the canvas is not blank)', async () => {
    const page = await openPage();
    await page.waitForFunction(() => window.__explorer?.layoutDone === true, null, { timeout: 30_000 });
    const counts = await page.evaluate(() => window.__explorer!.visibleCounts());
    expect(counts!.nodes).toBeGreaterThan(10);
    expect(counts!.edges).toBeGreaterThan(5);
    const { variance, nonWhite } = await screenshotVariance(page, '[data-testid=graph]', 'graph-actors.png');
    expect(variance).toBeGreaterThan(50);
    expect(nonWhite).toBeGreaterThan(0.005);
    await page.screenshot({ path: artifactPath('explorer-actors.png') });
    await page.close();
  });

  it('search finds "Maliki" (typo-tolerant) and his panel lists a dated statement', async () => {
    const page = await openPage();
    await page.getByTestId('search').fill('Malikki');
    const first = page.locator('#actor-search-results [role=option]').first();
    await expect.poll(() => first.textContent()).toContain('Nouri al-Maliki');
    await page.getByTestId('search').press('Enter');
    const panel = page.getByTestId('actor-panel');
    await panel.waitFor();
    expect(await panel.locator('h2').textContent()).toBe('Nouri al-Maliki');
    expect(page.url()).toContain('actor=nouri-al-maliki');
    const dates = await panel.getByTestId('statement-date').allTextContents();
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) expect(d).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    // oldest first
    expect([...dates].sort()).toEqual(dates);
    expect(await panel.locator('.statement-text').first().textContent()).not.toBe('');
    await page.screenshot({ path: artifactPath('actor-panel-maliki.png') });
    await page.close();
  });

  it('the date brush (keyboard and pointer) removes later statements from the list and the graph', async () => {
    const page = await openPage('?view=claims');
    await page.waitForFunction(() => window.__explorer?.layoutDone === true, null, { timeout: 30_000 });
    const list = page.getByTestId('statement-list');
    await list.waitFor();
    const allDates = await list.getByTestId('statement-date').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    expect(allDates.some((d) => d > '2012-12-31')).toBe(true);
    const edgesBefore = (await page.evaluate(() => window.__explorer!.visibleCounts()))!.edges;

    // move the end handle back from the data's last month to Dec 2012: a year per PageDown, then months
    const handle = page.getByTestId('brush-to');
    await handle.focus();
    const monthIdx = (y: number, m: number) => y * 12 + m - 1;
    const target = monthIdx(2012, 12);
    while (Number(await handle.getAttribute('aria-valuenow')) - target >= 12) await handle.press('PageDown');
    while (Number(await handle.getAttribute('aria-valuenow')) > target) await handle.press('ArrowLeft');
    expect(await handle.getAttribute('aria-valuetext')).toBe('Dec 2012');
    await expect.poll(() => page.url()).toContain('to=2012-12');

    await expect
      .poll(async () => (await list.getByTestId('statement-date').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!))).every((d) => d <= '2012-12-31'))
      .toBe(true);
    const kept = await page.getByTestId('statement-list').getByTestId('statement-date').count();
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(allDates.length);
    const edgesAfter = (await page.evaluate(() => window.__explorer!.visibleCounts()))!.edges;
    expect(edgesAfter).toBeLessThan(edgesBefore);
    await page.screenshot({ path: artifactPath('brush-until-2012.png') });

    await page.getByTestId('clear-range').click();
    await expect.poll(() => page.url()).not.toContain('to=2012-12');
    expect(await page.getByTestId('range-caption').textContent()).toBe('All dates');

    // pointer: drag across the strip from Dec 2011 to Nov 2012 (the domain is the data's, read from the handle)
    const box = (await page.getByTestId('timeline').boundingBox())!;
    const min = Number(await handle.getAttribute('aria-valuemin'));
    const months = Number(await handle.getAttribute('aria-valuemax')) - min + 1;
    const xOf = (month: number) => box.x + 12 + ((box.width - 24) * (month - min + 0.5)) / months;
    await page.mouse.move(xOf(monthIdx(2011, 12)), box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(xOf(monthIdx(2012, 5)), box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(xOf(monthIdx(2012, 11)), box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(await page.getByTestId('range-caption').textContent()).toBe('Dec 2011 – Nov 2012');
    await expect.poll(() => page.url()).toContain('from=2011-12');
    await page.close();
  });

  it('a statement opens its article with the span highlighted and in view', async () => {
    const page = await openPage('?actor=nouri-al-maliki');
    const panel = page.getByTestId('actor-panel');
    await panel.waitFor();
    const first = panel.locator('button.statement').first();
    const said = (await first.locator('.statement-text').textContent())!.replace(/^“|”$/g, '');
    await first.click();
    const dialog = page.getByTestId('article');
    await dialog.waitFor();
    const mark = dialog.getByTestId('highlight');
    await expect.poll(() => mark.textContent()).toBe(said);
    expect(await dialog.getByTestId('article-published').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await dialog.getByTestId('article-source').textContent())!.length).toBeGreaterThan(0);
    await expect.poll(() => mark.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const box = el.closest('dialog')!.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom;
    })).toBe(true);
    await page.screenshot({ path: artifactPath('article-highlight.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.close();
  });

  it('the console runs a query and shows rows; a bad query shows the error', async () => {
    const page = await openPage('?tab=console', false);
    await page.locator('.cm-content').waitFor();
    await page.getByTestId('run-query').waitFor();
    // the 3rd example: statements per actor
    await page.locator('#example-queries').selectOption({ index: 3 });
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('count(s) AS statements');
    await page.getByTestId('run-query').click();
    const table = page.getByTestId('result-table');
    await table.waitFor();
    expect(await table.locator('th').allTextContents()).toEqual(['actor', 'type', 'statements']);
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
    expect(page.url()).toContain('tab=console');
    expect(decodeURIComponent(page.url().replace(/\+/g, ' '))).toContain('count(s) AS statements');
    await page.screenshot({ path: artifactPath('console-rows.png') });

    // relationships come back as a small graph too
    await page.locator('#example-queries').selectOption({ index: 4 });
    await page.getByTestId('run-query').click();
    await page.locator('.result-graph canvas').first().waitFor();
    await page.screenshot({ path: artifactPath('console-graph.png') });

    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('MATCH (n) DELETE n');
    await page.getByTestId('run-query').click();
    await page.getByTestId('console-error').waitFor();
    expect((await page.getByTestId('console-error').textContent())!.length).toBeGreaterThan(5);
    await page.close();
  });

  it('state lives in the URL: a shared link restores it, back/forward works', async () => {
    const page = await openPage('?view=claims&stances=oppose&from=2011-10&to=2012-12');
    expect(await page.locator('#view-claims').isChecked()).toBe(true);
    expect(await page.locator('#stance-oppose').isChecked()).toBe(true);
    expect(await page.getByTestId('range-caption').textContent()).toBe('Oct 2011 – Dec 2012');
    await page.locator('#view-actors').check();
    await expect.poll(() => page.url()).not.toContain('view=claims');
    await page.goBack();
    await expect.poll(() => page.locator('#view-claims').isChecked()).toBe(true);
    await page.goForward();
    await expect.poll(() => page.locator('#view-actors').isChecked()).toBe(true);
    await page.close();
  });

  it('says "showing N of M (capped)" when the server caps the graph', async () => {
    const capped = await startTestServer({ dist: server.dist, env: { CLAIMGRAPH_GRAPH_CAP: 20 } });
    try {
      const page = await browser.context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${capped.url}/?view=claims`);
      const note = page.getByTestId('cap-note');
      await note.waitFor();
      const text = (await note.textContent())!;
      const m = /Showing (\d+) of (\d+) nodes/.exec(text);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBeLessThanOrEqual(20);
      expect(Number(m![2])).toBeGreaterThan(20);
      expect(text).toContain('capped at 20');
      await page.screenshot({ path: artifactPath('graph-capped.png') });
      await page.close();
    } finally {
      await capped.stop();
    }
  });

  it('accessibility basics: named controls, visible keyboard focus, keyboard lists', async () => {
    const page = await openPage('?actor=nouri-al-maliki');
    await page.getByTestId('actor-panel').waitFor();
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, [role=slider], [role=tab], [tabindex="0"]')]
        .filter((el) => !el.closest('[hidden]'))
        .filter((el) => {
          const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label');
          return !labelled && !(el.textContent ?? '').trim();
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);

    // keyboard: every stop in the first 25 tab stops shows a focus outline
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const stops: { tag: string; outline: string }[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const cs = getComputedStyle(el);
          return { tag: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`, outline: `${cs.outlineStyle} ${cs.outlineWidth}` };
        }),
      );
    }
    expect(new Set(stops.map((s) => s.tag)).size).toBeGreaterThan(15);
    expect(stops.map((s) => s.tag)).toContain('input#actor-search');
    const noOutline = stops.filter((s) => s.tag !== 'body' && !/^(solid|auto) [2-9]/.test(s.outline));
    expect(noOutline).toEqual([]);

    // statement list: arrow keys move between items
    const items = page.getByTestId('actor-panel').locator('button.statement');
    await items.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-statement'))).toBe(await items.nth(1).getAttribute('data-statement'));
    await page.keyboard.press('Enter');
    await page.getByTestId('article').waitFor();
    await page.screenshot({ path: artifactPath('keyboard-open-article.png') });
    await page.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
