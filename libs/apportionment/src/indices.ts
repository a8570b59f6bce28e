import { Decimal } from 'decimal.js';
import type { DisproportionalityIndices } from './types.js';

/**
 * Disproportionality indices, in percentage points, over all parties (those
 * below the threshold included: their votes without seats are part of the
 * disproportionality). They are reported, never used to decide a seat, so
 * decimal.js at 60 significant digits is ample; the results are rounded half
 * up to 6 decimal places.
 *
 * - Loosemore–Hanby: ½ Σ |vᵢ − sᵢ|
 * - Gallagher (least squares): √(½ Σ (vᵢ − sᵢ)²)
 *
 * where vᵢ and sᵢ are the vote and seat shares in percent.
 */
const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

export const INDEX_DECIMAL_PLACES = 6;

export function disproportionality(
  votes: readonly bigint[],
  seats: readonly bigint[],
): DisproportionalityIndices {
  const totalVotes = new Exact(votes.reduce((a, b) => a + b, 0n).toString());
  const totalSeats = new Exact(seats.reduce((a, b) => a + b, 0n).toString());
  let absolute = new Exact(0);
  let squares = new Exact(0);
  votes.forEach((v, i) => {
    const voteShare = new Exact(v.toString()).times(100).dividedBy(totalVotes);
    const seatShare = new Exact(seats[i]!.toString()).times(100).dividedBy(totalSeats);
    const gap = voteShare.minus(seatShare);
    absolute = absolute.plus(gap.abs());
    squares = squares.plus(gap.times(gap));
  });
  return {
    gallagher: squares.dividedBy(2).sqrt().toFixed(INDEX_DECIMAL_PLACES),
    loosemoreHanby: absolute.dividedBy(2).toFixed(INDEX_DECIMAL_PLACES),
  };
}
