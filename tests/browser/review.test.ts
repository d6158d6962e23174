/**
 * Review mode (issue 12) in Debian's chromium against the REAL server (sample corpus, fresh data
 * dir, a review token): enter the token, correct a speaker from the keyboard, add a statement from
 * a text selection in the article view, merge two actors and undo the merge; the lists, the
 * reviewed badge and the graph must change each time. Screenshots go to test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ActorDetailResponse, ActorsResponse, StatementsResponse, StatementView } from '../../server/contract.ts';
import type {} from '../../client/src/probe.ts';
import { artifactPath, launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startTestServer, type BrowserTestServer } from './server-fixture.ts';

const TOKEN = 'browser-review-token-0123456789';
let server: BrowserTestServer;
let browser: LaunchedBrowser;
const pageErrors: string[] = [];

async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

async function openPage(search: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/${search}`);
  await page.waitForFunction(() => window.__explorer?.graphReady === true);
  // the side panel has drawn (an actor panel takes focus when it first appears)
  await page.locator(search.includes('actor=') ? '[data-testid=actor-panel]' : '[data-testid=statements-summary]').waitFor();
  return page;
}

/** Review mode on, by keyboard: the toggle asks for the token, Enter saves it. */
async function enterToken(page: Page): Promise<void> {
  await page.getByTestId('review-toggle').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('review-token-input');
  await page.keyboard.type(TOKEN);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Browser Reviewer');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('review-toggle').getAttribute('aria-pressed')).toBe('true');
}

/** After a reload in the same tab the token is still there (sessionStorage): the toggle just turns review on. */
async function reviewOnAgain(page: Page): Promise<void> {
  await page.getByTestId('review-toggle').click();
  await expect.poll(() => page.getByTestId('review-toggle').getAttribute('aria-pressed')).toBe('true');
  expect(await page.getByTestId('token-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
}

/** A write is done when the status says so and the graph is loaded again. */
async function settled(page: Page, word: RegExp): Promise<void> {
  // busy stays true until the refetch after the write is done
  await expect.poll(() => page.getByTestId('review-status').getAttribute('data-busy'), { timeout: 60_000 }).toBe('false');
  await expect.poll(() => page.getByTestId('review-status').textContent(), { timeout: 60_000 }).toMatch(word);
  await page.waitForFunction(() => window.__explorer?.graphReady === true);
}

beforeAll(async () => {
  server = await startTestServer({ env: { CLAIMGRAPH_REVIEW_TOKEN: TOKEN } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('review mode', () => {
  let statements: StatementView[] = [];
  let actors: ActorsResponse['actors'] = [];

  beforeAll(async () => {
    statements = (await api<StatementsResponse>('/api/statements?limit=500')).body.statements;
    actors = (await api<ActorsResponse>('/api/actors?limit=500')).body.actors;
  });

  it('shows the needs-review queue with counts per reason; a reason chip filters it', async () => {
    const page = await openPage('');
    await enterToken(page);
    const queue = page.getByTestId('review-queue');
    await queue.waitFor();
    const chips = queue.getByTestId('queue-reason');
    expect(await chips.count()).toBeGreaterThan(0);
    const first = chips.first();
    const n = Number(/\((\d+)\)/.exec((await first.textContent()) ?? '')?.[1]);
    expect(n).toBeGreaterThan(0);
    await first.click();
    await expect.poll(() => page.getByTestId('review-queue').getByTestId('queue-reason').first().getAttribute('aria-pressed')).toBe('true');
    const listed = await page.getByTestId('review-queue').locator('button.statement').count();
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThanOrEqual(n);
    await page.screenshot({ path: artifactPath('review-queue.png') });
    await page.close();
  });
  it('corrects a statement’s speaker with the keyboard only; lists, badge and graph follow', async () => {
    // a person with several statements, and another person to give one of them to
    const bySpeaker = new Map<string, StatementView[]>();
    for (const s of statements) bySpeaker.set(s.speaker.id, [...(bySpeaker.get(s.speaker.id) ?? []), s]);
    const from = actors.find((a) => a.type === 'person' && (bySpeaker.get(a.id)?.length ?? 0) >= 2)!;
    const to = actors.find((a) => a.type === 'person' && a.id !== from.id && a.statements >= 1 && !a.name.includes(from.name) && !from.name.includes(a.name))!;
    expect(from && to).toBeTruthy();
    const st = bySpeaker.get(from.id)![0]!;

    const page = await openPage(`?view=claims&actor=${encodeURIComponent(from.id)}`);
    expect(await page.evaluate((id) => window.__explorer!.saidBy(id), st.id)).toEqual([from.id]);
    await enterToken(page);
    const item = page.locator(`[data-testid=actor-panel] button.statement[data-statement="${st.id}"]`);
    await item.focus();
    await page.keyboard.press('e');
    const editor = page.getByTestId('statement-editor');
    await expect.poll(() => editor.count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('edit-speaker');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(to.name);
    await page.locator(`#${await editor.locator('[role=listbox]').getAttribute('id')} [data-actor="${to.id}"]`).waitFor();
    // arrow to the exact actor, Enter picks it, Enter again saves
    const ids = await editor.locator('[role=listbox] [data-actor]').evaluateAll((els) => els.map((e) => e.getAttribute('data-actor')));
    for (let i = 0; i < ids.indexOf(to.id); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.screenshot({ path: artifactPath('review-editor.png') });
    await page.keyboard.press('Enter');
    await settled(page, /Saved: speaker of/);

    // gone from the old speaker's list, in the graph said by the new one
    await expect.poll(() => item.count()).toBe(0);
    await page.waitForFunction(([sid, who]) => window.__explorer!.saidBy(sid).includes(who), [st.id, to.id] as const);
    expect(await page.evaluate((id) => window.__explorer!.saidBy(id), st.id)).toEqual([to.id]);
    // the new speaker's panel lists it, marked reviewed
    const detail = await api<ActorDetailResponse>(`/api/actors/${encodeURIComponent(to.id)}`);
    const moved = detail.body.statements.find((s) => s.id === st.id);
    expect(moved?.speaker.id).toBe(to.id);
    await page.goto(`${server.url}/?view=claims&actor=${encodeURIComponent(to.id)}`);
    await page.locator(`[data-testid=actor-panel][data-actor="${to.id}"]`).waitFor();
    await page.locator(`[data-testid=actor-panel] li[data-statement="${st.id}"] [data-testid=reviewed-badge]`).waitFor();
    await page.screenshot({ path: artifactPath('review-speaker.png') });
    await page.close();
  });

  it('adds a statement from a text selection in the article view', async () => {
    const st = statements[statements.length - 1]!;
    const speaker = actors.find((a) => a.type === 'person' && a.statements > 0)!;
    const page = await openPage(`?actor=${encodeURIComponent(st.speaker.id)}`);
    await enterToken(page);
    await page.locator(`[data-testid=actor-panel] button.statement[data-statement="${st.id}"]`).click();
    const dialog = page.getByTestId('article');
    await dialog.locator('.article-text').waitFor();
    // select, as a reader would, a stretch of plain text (no statement in it) inside one paragraph
    const picked = await page.evaluate(() => {
      const root = document.querySelector('[data-testid=article] .article-text')!;
      for (const node of root.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const t = node.nodeValue ?? '';
        const m = /[A-Z][^.\n“”"]{30,120}\./.exec(t);
        if (!m) continue;
        const r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        const sel = document.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(r);
        return m[0];
      }
      return null;
    });
    expect(picked).toBeTruthy();
    await expect.poll(() => page.getByTestId('selection-preview').textContent()).toContain(picked!.slice(0, 30));
    await page.getByTestId('add-from-selection').click();
    const form = page.getByTestId('add-statement-form');
    await expect.poll(() => form.getByTestId('add-text').textContent()).toBe(picked);
    await form.getByTestId('add-speaker').fill(speaker.name);
    await form.locator(`[role=listbox] [data-actor="${speaker.id}"]`).dispatchEvent('mousedown');
    await form.getByTestId('add-kind').selectOption('indirect');
    await form.getByTestId('add-cue').fill('said');
    await dialog.screenshot({ path: artifactPath('review-add-form.png') });
    await form.getByTestId('add-save').click();
    await settled(page, /Saved: statement added/);

    // the article marks the new statement, with exactly the selected text
    const mark = dialog.locator('mark[data-testid=highlight]');
    await expect.poll(() => mark.textContent()).toBe(picked);
    const newId = await mark.getAttribute('data-statement');
    expect(newId).toBeTruthy();
    const listed = await api<StatementsResponse>(`/api/statements?speaker=${encodeURIComponent(speaker.id)}&limit=500`);
    const added = listed.body.statements.find((s) => s.id === newId);
    expect(added?.text).toBe(picked);
    expect(added?.kind).toBe('indirect');
    // the whole article checked: marked reviewed (what export:gold needs), and the button says so
    await dialog.getByTestId('article-reviewed').click();
    await settled(page, /Saved: article marked reviewed/);
    await expect.poll(() => dialog.getByTestId('article-reviewed').textContent()).toContain('Article reviewed ✓');
    // in the graph and in the speaker's panel, with the badge
    await page.keyboard.press('Escape');
    expect(await page.evaluate((id) => window.__explorer!.hasActor(id), speaker.id)).toBe(true);
    await page.goto(`${server.url}/?actor=${encodeURIComponent(speaker.id)}`);
    await page.locator(`[data-testid=actor-panel] li[data-statement="${newId}"] [data-testid=reviewed-badge]`).waitFor();
    await page.screenshot({ path: artifactPath('review-add.png') });
    await page.close();
  });

  it('merges two actors in the actor dialog, and Ctrl-Z undoes the merge', async () => {
    const people = actors.filter((a) => a.type === 'person' && a.statements > 0);
    const from = people[people.length - 1]!;
    const into = people.find((a) => a.id !== from.id && !a.name.includes(from.name) && !from.name.includes(a.name))!;
    const before = {
      from: (await api<ActorDetailResponse>(`/api/actors/${encodeURIComponent(from.id)}`)).body.statements.length,
      into: (await api<ActorDetailResponse>(`/api/actors/${encodeURIComponent(into.id)}`)).body.statements.length,
    };
    const page = await openPage(`?actor=${encodeURIComponent(from.id)}`);
    expect(await page.evaluate((id) => window.__explorer!.hasActor(id), from.id)).toBe(true);
    await enterToken(page);
    await page.getByTestId('actor-merge').click();
    const dlg = page.getByTestId('actor-dialog');
    await dlg.getByTestId('merge-into').fill(into.name);
    await dlg.locator(`[role=listbox] [data-actor="${into.id}"]`).dispatchEvent('mousedown');
    await dlg.screenshot({ path: artifactPath('review-merge-dialog.png') });
    await dlg.getByTestId('actor-dialog-submit').click();
    await settled(page, /Saved: merged/);

    // the panel shows the actor merged into, with both actors' statements; the other is gone
    const panel = page.locator(`[data-testid=actor-panel][data-actor="${into.id}"]`);
    await panel.waitFor();
    await expect.poll(() => panel.locator('button.statement').count()).toBe(before.from + before.into);
    expect((await api(`/api/actors/${encodeURIComponent(from.id)}`)).status).toBe(404);
    await page.waitForFunction((id) => !window.__explorer!.hasActor(id), from.id);
    expect(await page.evaluate((id) => window.__explorer!.hasActor(id), into.id)).toBe(true);
    await page.screenshot({ path: artifactPath('review-merge.png') });

    // undo from the keyboard: the merged-away actor is back, in the graph and the API
    await page.locator('#actor-name').focus();
    await page.keyboard.press('Control+z');
    await settled(page, /Undone: merged/);
    await page.waitForFunction((id) => window.__explorer!.hasActor(id), from.id);
    const back = await api<ActorDetailResponse>(`/api/actors/${encodeURIComponent(from.id)}`);
    expect(back.status).toBe(200);
    expect(back.body.statements.length).toBe(before.from);
    await expect.poll(() => panel.locator('button.statement').count()).toBe(before.into);
    expect(await page.getByTestId('review-undo').isDisabled()).toBe(true);
    await page.close();
  });

  it('splits a statement off to a new actor, renames and retypes it, and moves a statement’s span to a selection', async () => {
    const counts = new Map<string, number>();
    for (const st of statements) counts.set(st.speaker.id, (counts.get(st.speaker.id) ?? 0) + 1);
    const actor = actors.find((a) => (counts.get(a.id) ?? 0) >= 2 && (a.type === 'person' || a.type === 'organization'))!;
    const before = (await api<ActorDetailResponse>(`/api/actors/${encodeURIComponent(actor.id)}`)).body.statements;
    const page = await openPage(`?actor=${encodeURIComponent(actor.id)}`);
    await enterToken(page);
    await page.getByTestId('actor-split').click();
    const dlg = page.getByTestId('actor-dialog');
    const boxes = dlg.getByTestId('split-statement');
    expect(await boxes.count()).toBe(before.length);
    await boxes.first().check();
    const newName = 'Reviewer Split Person';
    await dlg.getByTestId('split-into').fill(newName);
    await dlg.getByTestId('split-into-type').selectOption('person');
    await dlg.getByTestId('actor-dialog-submit').click();
    await settled(page, /Saved: split 1 item/);
    const panel = page.locator(`[data-testid=actor-panel][data-actor="${actor.id}"]`);
    await expect.poll(() => panel.locator('button.statement').count()).toBe(before.length - 1);
    const found = (await api<ActorsResponse>(`/api/actors?q=${encodeURIComponent(newName)}&limit=10`)).body.actors.find((a) => a.name === newName);
    expect(found?.statements).toBe(1);
    await page.waitForFunction((id) => window.__explorer!.hasActor(id), found!.id);

    // rename and retype the new actor
    await page.goto(`${server.url}/?actor=${encodeURIComponent(found!.id)}`);
    await page.waitForFunction(() => window.__explorer?.graphReady === true);
    await reviewOnAgain(page);
    await page.getByTestId('actor-update').click();
    await dlg.getByTestId('actor-rename').fill('Reviewer Split Org');
    await dlg.getByTestId('actor-retype').selectOption('organization');
    await dlg.getByTestId('actor-rename').press('Enter');
    await settled(page, /Saved: .*Reviewer Split Org/);
    const renamed = (await api<ActorsResponse>('/api/actors?q=Reviewer%20Split%20Org&limit=10')).body.actors.find((a) => a.name === 'Reviewer Split Org');
    expect(renamed?.type).toBe('organization');
    await expect.poll(() => page.locator('#actor-name').textContent()).toBe('Reviewer Split Org');

    // the remaining statement's span: select its text minus the first word, "Set span"
    const st = before.find((x) => x.id !== before[0]!.id && x.text.trim().split(/\s+/).length >= 3)!;
    expect(st).toBeDefined();
    await page.goto(`${server.url}/?actor=${encodeURIComponent(actor.id)}`);
    await page.waitForFunction(() => window.__explorer?.graphReady === true);
    await reviewOnAgain(page);
    await page.locator(`[data-testid=actor-panel] button.statement[data-statement="${st.id}"]`).click();
    const mark = page.getByTestId('article').locator('mark[data-testid=highlight]');
    await mark.waitFor();
    const chosen = await mark.evaluate((el) => {
      const node = el.firstChild!;
      const t = node.nodeValue ?? '';
      const at = t.indexOf(' ') + 1;
      const r = document.createRange();
      r.setStart(node, at);
      r.setEnd(node, t.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(r);
      return t.slice(at);
    });
    await page.getByTestId('span-from-selection').click();
    await settled(page, /Saved: span of/);
    await expect.poll(() => mark.textContent()).toBe(chosen.trim());
    const after = (await api<ActorDetailResponse>(`/api/actors/${encodeURIComponent(actor.id)}`)).body.statements.find((x) => x.id === st.id);
    expect(after?.start).toBeGreaterThan(st.start);
    expect(after?.end).toBe(st.end);
    await page.close();
  });


  it('Escape cancels an edit; Delete (asked twice) removes a statement everywhere; the Undo button brings it back', async () => {
    const fresh = (await api<StatementsResponse>('/api/statements?limit=500')).body.statements;
    const st = fresh.find((x) => x.provenance !== 'reviewed')!;
    const page = await openPage(`?view=claims&actor=${encodeURIComponent(st.speaker.id)}`);
    await enterToken(page);
    const item = page.locator(`[data-testid=actor-panel] button.statement[data-statement="${st.id}"]`);
    await item.focus();
    await page.keyboard.press('e');
    await page.getByTestId('statement-editor').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('statement-editor').count()).toBe(0);
    // focus is back on the statement, and nothing was written
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-statement'))).toBe(st.id);
    expect(await page.getByTestId('review-undo').isDisabled()).toBe(true);

    await page.keyboard.press('e');
    const del = page.getByTestId('edit-delete');
    await del.click();
    await expect.poll(() => del.textContent()).toBe('Really delete');
    await del.click();
    await settled(page, /Saved: deleted/);
    await expect.poll(() => item.count()).toBe(0);
    await page.waitForFunction((id) => window.__explorer!.saidBy(id).length === 0, st.id);
    const gone = (await api<StatementsResponse>(`/api/statements?speaker=${encodeURIComponent(st.speaker.id)}&limit=500`)).body.statements;
    expect(gone.some((x) => x.id === st.id)).toBe(false);

    await page.getByTestId('review-undo').click();
    await settled(page, /Undone: deleted/);
    await item.waitFor();
    await page.waitForFunction(([id, who]) => window.__explorer!.saidBy(id).includes(who), [st.id, st.speaker.id] as const);
    // its editor shows the history: the delete, undone
    await item.focus();
    await page.keyboard.press('e');
    const history = page.getByTestId('statement-history');
    await history.locator('summary').click();
    const told = (await history.textContent()) ?? '';
    expect(told, told).toMatch(/^History: 2 corrections/);
    expect(told, told).toMatch(/deleted “.*” — undone \(withdrawn by cor_[0-9a-f]{16}\), Browser Reviewer/);
    expect(told, told).toMatch(/undo of cor_[0-9a-f]{16} — applied, Browser Reviewer/);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('after the corrections the queue still answers and reports a correction that found no target; no page had an error', async () => {
    // a correction whose statement is not there (no id match, no overlap: the article's first character)
    const st = statements[0]!;
    const res = await fetch(`${server.url}/api/review/corrections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: { op: 'statement.date', target: { id: 'st_no_such_statement', articleId: st.article.id, start: 0, end: 1, text: 'x' }, date: '2011' } }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { correction: { id: string }; outcomes: { id: string; status: string }[] };
    expect(body.outcomes.find((o) => o.id === body.correction.id)?.status).toBe('orphaned');
    const page = await openPage('');
    await enterToken(page);
    await page.getByTestId('review-queue').waitFor();
    expect(await page.getByTestId('review-queue-error').count()).toBe(0);
    // reviewed statements have left the queue
    const listed = await page.getByTestId('review-queue').locator('button.statement').evaluateAll((els) => els.map((e) => e.getAttribute('data-statement')));
    const reviewed = (await api<StatementsResponse>('/api/statements?limit=500')).body.statements.filter((s) => s.provenance === 'reviewed').map((s) => s.id);
    expect(reviewed.length).toBeGreaterThan(0);
    expect(listed.filter((id) => reviewed.includes(id!))).toEqual([]);
    const orphans = page.getByTestId('orphaned-corrections');
    await orphans.locator('summary').click();
    expect(await orphans.textContent()).toMatch(/1 correction found no target[\s\S]*date of “x” → 2011/);
    await page.screenshot({ path: artifactPath('review-queue-after.png') });
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
