import type { DisproportionalityIndices } from './types.js';

/**
 * Disproportionality indices, in percentage points, over all parties (those
 * below the threshold included: their votes without seats are part of the
 * disproportionality). With vᵢ = 100·Vᵢ/T and sᵢ = 100·Sᵢ/S the vote and seat
 * shares in percent, and gᵢ = Vᵢ·S − Sᵢ·T (so vᵢ − sᵢ = 100·gᵢ / (T·S)):
 *
 * - Loosemore–Hanby: ½ Σ |vᵢ − sᵢ|                = 50 · Σ|gᵢ| / (T·S)
 * - Gallagher (least squares): √(½ Σ (vᵢ − sᵢ)²)  = √(5000 · Σgᵢ²) / (T·S)
 *
 * Both are computed exactly in integers and rounded half up to 6 decimal places
 * (the square root too: no intermediate rounding at all). They are reported,
 * never used to decide a seat.
 */
export const INDEX_DECIMAL_PLACES = 6;
const UNIT = 10n ** BigInt(INDEX_DECIMAL_PLACES);

export function disproportionality(votes: readonly bigint[], seats: readonly bigint[]): DisproportionalityIndices {
  const totalVotes = votes.reduce((a, b) => a + b, 0n);
  const totalSeats = seats.reduce((a, b) => a + b, 0n);
  let absolute = 0n;
  let squares = 0n;
  votes.forEach((v, i) => {
    const gap = v * totalSeats - seats[i]! * totalVotes;
    absolute += gap < 0n ? -gap : gap;
    squares += gap * gap;
  });
  const scale = totalVotes * totalSeats;
  return {
    gallagher: fixed(roundedSquareRoot(5000n * squares * UNIT * UNIT, scale * scale)),
    loosemoreHanby: fixed(roundedQuotient(50n * absolute * UNIT, scale)),
  };
}

/** num / den rounded half up (num ≥ 0, den > 0). */
function roundedQuotient(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** √(num / den) rounded half up (num ≥ 0, den > 0). */
function roundedSquareRoot(num: bigint, den: bigint): bigint {
  const root = integerSquareRoot(num / den); // ⌊√(num/den)⌋ = ⌊√⌊num/den⌋⌋
  // √(num/den) ≥ root + ½  ⇔  4·num ≥ (2·root + 1)²·den
  const twice = 2n * root + 1n;
  return 4n * num >= twice * twice * den ? root + 1n : root;
}

/** ⌊√n⌋ for n ≥ 0, by Newton's method from above. */
export function integerSquareRoot(n: bigint): bigint {
  if (n < 2n) return n;
  const estimate = Math.sqrt(Number(n));
  // Start above the root: the float estimate plus one, or a power of two for huge n.
  let x = Number.isFinite(estimate) ? BigInt(Math.ceil(estimate)) + 1n : 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next >= x) break;
    x = next;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/** An integer count of 10^-6 units as a decimal string with 6 places. */
function fixed(units: bigint): string {
  const fraction = (units % UNIT).toString().padStart(INDEX_DECIMAL_PLACES, '0');
  return `${units / UNIT}.${fraction}`;
}
