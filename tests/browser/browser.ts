/**
 * Launches Debian's chromium through playwright-core (which ships no browser) with the flags that
 * keep it quiet on a closed network, in a fresh profile directory removed on close.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebGL without a GPU: software rendering so sigma can draw
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context is how playwright takes a --user-data-dir; it is created fresh per launch. */
export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<LaunchedBrowser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run sh .ci/install-debian-deps.sh`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser };

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/**
 * Luminance variance and share of non-white pixels of an element's screenshot, computed in the
 * page (no PNG decoder needed here): a blank canvas has variance ~0, a drawn graph clearly more.
 */
export async function screenshotVariance(page: Page, selector: string, file: string): Promise<{ variance: number; nonWhite: number }> {
  const png = await page.locator(selector).screenshot({ path: artifactPath(file) });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    let sq = 0;
    let nonWhite = 0;
    const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) {
      const l = 0.2126 * d[i]! + 0.7152 * d[i + 1]! + 0.0722 * d[i + 2]!;
      sum += l;
      sq += l * l;
      if (l < 240) nonWhite++;
    }
    const mean = sum / n;
    return { variance: sq / n - mean * mean, nonWhite: nonWhite / n };
  }, png.toString('base64'));
}
