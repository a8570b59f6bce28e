import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** Files of an earlier build are removed once they are this old (a concurrent build's are younger). */
const STALE_AFTER_MS = 60_000;

/**
 * dist/web is never emptied before a build: the browser tests and `npm start` serve it
 * while other builds of the same tree run, and a page loaded while the folder was empty
 * would miss its script. Instead, once this build has written its files, the hashed
 * assets it did not write (an earlier build's, unreferenced by the new index.html) are
 * removed.
 */
function pruneEarlierAssets(): Plugin {
  return {
    name: 'collective-ledger:prune-earlier-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      if (!options.dir) return;
      const dir = path.join(options.dir, 'assets');
      const written = new Set(Object.keys(bundle).map((file) => path.basename(file)));
      for (const file of readdirSync(dir)) {
        if (written.has(file) || written.has(file.replace(/\.map$/, ''))) continue;
        const full = path.join(dir, file);
        if (Date.now() - statSync(full).mtimeMs > STALE_AFTER_MS) rmSync(full, { force: true });
      }
    },
  };
}

/**
 * Builds the dashboard into dist/web (beside the compiled server in dist/apps), where
 * apps/api/src/web serves it at `/`. Hashed file names under /assets/ let the server
 * cache them for a year; index.html is never cached. Vite's own transform compiles TSX
 * with React's automatic runtime; the one plugin keeps dist/web servable during a build.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [pruneEarlierAssets()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: false,
    assetsDir: 'assets',
    sourcemap: true,
    // Chart.js and React are one vendor chunk of ~250 kB; that is expected for this app.
    chunkSizeWarningLimit: 600,
  },
  logLevel: 'warn',
});
