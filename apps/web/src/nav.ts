/**
 * Which of a set of navigation links is the current page: the one whose address is the
 * path, else the longest one the path lies below (`/societies/x/transparency/2025` marks
 * `/societies/x/transparency`; `/society/ledger` marks `/society/ledger`, not `/society`).
 * Null when the path is below none of them.
 */
export function currentLink(path: string, links: readonly string[]): string | null {
  let best: string | null = null;
  for (const to of links) {
    const base = to.replace(/\/+$/, '');
    if (path !== to && path !== base && !path.startsWith(`${base}/`)) continue;
    if (best === null || to.length > best.length) best = to;
  }
  return best;
}

/** Where a society's transparency report of a financial year lives, for every role (without a year: the last complete one). */
export function transparencyPath(societyId: string, year?: number): string {
  return `/societies/${encodeURIComponent(societyId)}/transparency${year === undefined ? '' : `/${year}`}`;
}
