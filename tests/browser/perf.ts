/**
 * Frame-time measurement helper: runs the benchmark page's `window.__perf.run()` in a page and
 * summarises the requestAnimationFrame intervals. Used by client/perf/frame-time.ts (npm run bench:client).
 */
import type { Page } from 'playwright-core';

export interface FrameStats {
  mode: string;
  frames: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  fps: number;
}

export interface PerfFigures {
  nodes: number;
  edges: number;
  buildMs: number;
  firstRenderMs: number;
  pans: FrameStats[];
}

/** What client/perf/frame-time-page.ts puts on `window`. */
interface PerfWindow {
  __perf: {
    run(o: { nodes?: number; edges?: number; frames?: number; budgetMs?: number }): Promise<{
      nodes: number;
      edges: number;
      buildMs: number;
      firstRenderMs: number;
      pans: { mode: string; frames: number; frameMs: number[] }[];
    }>;
  };
}

export function frameStats(mode: string, frameMs: readonly number[]): FrameStats {
  const sorted = [...frameMs].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return { mode, frames: sorted.length, meanMs: mean, p50Ms: q(0.5), p95Ms: q(0.95), maxMs: sorted[sorted.length - 1] ?? NaN, fps: 1000 / mean };
}

export async function measureFrameTimes(page: Page, opts: { nodes?: number; edges?: number; frames?: number; budgetMs?: number } = {}): Promise<PerfFigures> {
  await page.waitForFunction(() => typeof (window as unknown as Partial<PerfWindow>).__perf?.run === 'function', null, { timeout: 60_000 });
  const raw = await page.evaluate((o) => (window as unknown as PerfWindow).__perf.run(o), opts);
  return {
    nodes: raw.nodes,
    edges: raw.edges,
    buildMs: raw.buildMs,
    firstRenderMs: raw.firstRenderMs,
    pans: raw.pans.map((p) => frameStats(p.mode, p.frameMs)),
  };
}

