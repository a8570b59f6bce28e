/**
 * When a failed delivery is tried again: `baseMs` after the first failure, doubled after
 * each further one, at most `capMs` (exponential backoff). `failures` counts the
 * attempts made so far (1 after the first). Pure.
 */
export function retryDelayMs(failures: number, baseMs: number, capMs: number = 6 * 3600_000): number {
  if (!Number.isInteger(failures) || failures < 1) throw new RangeError(`failures must be a whole number ≥ 1 (got ${failures})`);
  const delay = baseMs * 2 ** Math.min(failures - 1, 30);
  return Math.min(delay, capMs);
}
