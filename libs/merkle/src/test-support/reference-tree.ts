/**
 * Test-only reference: the recursive definitions of RFC 9162 section 2.1
 * transcribed directly over arrays of leaf data, with its own SHA-256 calls.
 * Quadratic and slow, but independent of the optimised code it checks.
 */
import { createHash } from 'node:crypto';

const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};

/** k: the largest power of two smaller than n (n > 1). */
const split = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);

/** MTH(D[n]). */
export function referenceRoot(leaves: readonly Uint8Array[]): Buffer {
  const n = leaves.length;
  if (n === 0) return sha();
  if (n === 1) return sha(Buffer.from([0]), leaves[0]);
  const k = split(n);
  return sha(Buffer.from([1]), referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/** PATH(m, D[n]). */
export function referencePath(m: number, leaves: readonly Uint8Array[]): Buffer[] {
  const n = leaves.length;
  if (n <= 1) return [];
  const k = split(n);
  return m < k
    ? [...referencePath(m, leaves.slice(0, k)), referenceRoot(leaves.slice(k))]
    : [...referencePath(m - k, leaves.slice(k)), referenceRoot(leaves.slice(0, k))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export function referenceConsistency(m: number, leaves: readonly Uint8Array[]): Buffer[] {
  const subproof = (m: number, d: readonly Uint8Array[], b: boolean): Buffer[] => {
    const n = d.length;
    if (m === n) return b ? [] : [referenceRoot(d)];
    const k = split(n);
    return m <= k
      ? [...subproof(m, d.slice(0, k), b), referenceRoot(d.slice(k))]
      : [...subproof(m - k, d.slice(k), false), referenceRoot(d.slice(0, k))];
  };
  return m === 0 || m === leaves.length ? [] : subproof(m, leaves, true);
}
