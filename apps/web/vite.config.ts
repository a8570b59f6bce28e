import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * Builds the dashboard into dist/web (beside the compiled server in dist/apps), where
 * apps/api/src/web serves it at `/`. Hashed file names under /assets/ let the server
 * cache them for a year; index.html is never cached. No plugin is needed: Vite's own
 * transform compiles TSX with React's automatic runtime.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    // Chart.js and React are one vendor chunk of ~250 kB; that is expected for this app.
    chunkSizeWarningLimit: 600,
  },
  logLevel: 'warn',
});
