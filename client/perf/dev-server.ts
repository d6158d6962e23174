/**
 * Development helper: the real API over the sample corpus on PORT (default 3000), for
 * `npm run dev:client` (Vite proxies /api to it). Not used in production.
 */
import { startTestServer } from '../../tests/browser/server-fixture.ts';

const port = Number(process.env.PORT ?? 3000);
const server = await startTestServer({ port, dist: process.env.CLAIMGRAPH_CLIENT_DIST ?? '/nonexistent' });
console.log(`claimgraph API (sample corpus) on ${server.url}`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
