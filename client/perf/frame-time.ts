/**
 * `npm run bench:client`: frame time of camera pans over a random 5,000-node / 20,000-edge graph,
 * drawn by the explorer's own graph code in headless chromium (software WebGL: figures are an upper
 * bound for a machine with a GPU). Serves client/perf.html with Vite's dev server.
 */
import path from 'node:path';
import { createServer } from 'vite';
import { launchBrowser } from '../../tests/browser/browser.ts';
import { measureFrameTimes } from '../../tests/browser/perf.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const nodes = Number(process.env.NODES ?? 5000);
const edges = Number(process.env.EDGES ?? 20000);
const frames = Number(process.env.FRAMES ?? 240);
/** per pan mode: software WebGL on a busy CI box can take seconds per frame */
const budgetMs = Number(process.env.BUDGET_MS ?? 20_000);

const vite = await createServer({ configFile: path.join(ROOT, 'client/vite.config.ts'), server: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
await vite.listen();
const address = vite.httpServer?.address();
const port = typeof address === 'object' && address ? address.port : 5173;
const browser = await launchBrowser({ width: 1280, height: 800 });
try {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.setDefaultTimeout(180_000);
  await page.goto(`http://127.0.0.1:${port}/perf.html`);
  const f = await measureFrameTimes(page, { nodes, edges, frames, budgetMs });
  // what the page looked like at the end, to check the drawing by eye
  await page.screenshot({ path: path.join(ROOT, 'test-artifacts', 'perf-graph.png') });
  const r = (x: number) => x.toFixed(1);
  console.log(`graph: ${f.nodes} nodes, ${f.edges} edges (viewport 1280×800, headless chromium, SwiftShader WebGL)`);
  console.log(`build graph (buildGraph + parallel-edge index): ${r(f.buildMs)} ms; sigma setup + first frame: ${r(f.firstRenderMs)} ms`);
  for (const p of f.pans) {
    const label = p.mode.replace('animate', 'camera.animate, edges hidden while moving').replace('setState', 'camera.setState, edges drawn every frame');
    console.log(`pan (${label}): ${p.frames} frames, mean ${r(p.meanMs)} ms, p50 ${r(p.p50Ms)} ms, p95 ${r(p.p95Ms)} ms, max ${r(p.maxMs)} ms, ≈${r(p.fps)} fps`);
  }
} finally {
  await browser.close();
  await vite.close();
}
