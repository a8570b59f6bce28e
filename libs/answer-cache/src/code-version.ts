import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The running code's root: `dist/` when built, the repository when the sources run (tests). */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const CODE = /\.(js|ts)$/;
const SKIP = /(\.spec\.ts|\.e2e-spec\.ts|\.d\.ts)$/;

let memo: string | null = null;

/**
 * A digest of the code that computes answers (apps/api and libs, their JavaScript or
 * TypeScript files' contents): processes of one build share cached answers, a deployment
 * that changes how an answer is computed or rendered starts from none. The same build on
 * another machine gives the same digest (contents, not times). Computed once (~3 MB).
 */
export function codeVersion(): string {
  if (memo) return memo;
  const hash = createHash('sha256');
  for (const dir of ['apps/api', 'libs']) {
    for (const file of listFiles(path.join(ROOT, dir))) {
      hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  memo = hash.digest('hex').slice(0, 32);
  return memo;
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') out.push(...listFiles(full));
    } else if (CODE.test(e.name) && !SKIP.test(e.name)) out.push(full);
  }
  return out;
}
