import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Built into client/dist, served at "/" by the Express server (`npm start`). In dev, /api is
// proxied to a running server (CLAIMGRAPH_API, default http://localhost:3000).
export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // the Cypher console (CodeMirror + ANTLR grammar) is loaded on demand, in its own chunk
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': { target: process.env.CLAIMGRAPH_API ?? 'http://localhost:3000', changeOrigin: true } },
  },
  worker: { format: 'es' },
});
