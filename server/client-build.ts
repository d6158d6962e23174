/** Builds the client (owned by the client engineer) when its dist is missing or older than its sources. */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules' || e === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(p, e)));
  }
  return newest;
}

export function clientIsStale(clientDir: string, distDir: string): boolean {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  return newestMtime(clientDir) > fs.statSync(index).mtimeMs;
}

/** Returns true when a usable build exists afterwards; a failed build is logged, not fatal (the API still serves). */
export async function ensureClientBuilt(root: string, distDir: string, logger: Logger): Promise<boolean> {
  const clientDir = path.join(root, 'client');
  const configFile = path.join(clientDir, 'vite.config.ts');
  if (!fs.existsSync(configFile)) {
    logger.warn('client/vite.config.ts not found: serving the API only');
    return fs.existsSync(path.join(distDir, 'index.html'));
  }
  if (!clientIsStale(clientDir, distDir)) return true;
  logger.info('building the client (vite build)…');
  const t0 = performance.now();
  try {
    const { build } = await import('vite');
    await build({ configFile, root: clientDir, logLevel: 'warn' });
    logger.info(`client built in ${Math.round(performance.now() - t0)} ms`);
  } catch (err) {
    logger.error({ err }, 'client build failed: serving the API only');
  }
  return fs.existsSync(path.join(distDir, 'index.html'));
}
