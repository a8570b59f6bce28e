import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where `npm run build` (vite build) writes the dashboard, relative to the repository root. */
export const WEB_BUILD_DIR = path.join('dist', 'web');

/**
 * The repository root: the nearest folder above this file with a package.json. The same
 * answer from the compiled server (dist/apps/api/src/web) and from the sources the tests
 * run (apps/api/src/web).
 */
export function repositoryRoot(from: string = import.meta.dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

/** The built dashboard's folder, or null when it has not been built (no index.html). */
export function locateWebBuild(root: string = repositoryRoot()): string | null {
  const dir = path.join(root, WEB_BUILD_DIR);
  return existsSync(path.join(dir, 'index.html')) ? dir : null;
}

/**
 * First path segments that belong to the API, never to the dashboard: an unknown path
 * under them is a 404 problem, not the dashboard's index.html.
 */
export const API_SEGMENTS: ReadonlySet<string> = new Set(['v1', 'docs', 'docs-json', 'health', 'logs']);

/** True when a request path is a client-side route of the dashboard (served index.html). */
export function isClientRoute(urlPath: string): boolean {
  const first = urlPath.split('?')[0].split('/').filter(Boolean)[0] ?? '';
  if (API_SEGMENTS.has(first) || first.startsWith('docs')) return false;
  // A missing file (favicon.ico, a stale hashed asset) is a 404, not the app.
  const last = urlPath.split('?')[0].split('/').pop() ?? '';
  return first !== 'assets' && !/\.[A-Za-z0-9]{1,8}$/.test(last);
}
