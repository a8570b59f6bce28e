/**
 * Small integer helpers for tree shapes. Sizes and indices are JS numbers up to
 * 2^53 − 1, so these use arithmetic rather than 32-bit bitwise operators.
 */

/** The largest power of two strictly less than n (n ≥ 2): the split point k of RFC 9162 section 2.1.1. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True when n is a power of two (1, 2, 4, …). */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** n shifted right by one bit (floor(n / 2)). */
export function half(n: number): number {
  return Math.floor(n / 2);
}

/** Least significant bit of n is set. */
export function isOdd(n: number): boolean {
  return n % 2 === 1;
}
