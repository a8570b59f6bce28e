/**
 * Splitting an amount by weights so that the parts add up to the total
 * exactly: never a minor unit lost, never one invented.
 *
 * Method (largest remainder on minor units, "Hamilton"): with the total T in
 * minor units and weights w₁…wₙ (W = Σ wᵢ), each part first gets
 * ⌊T·wᵢ / W⌋ units; the k units still missing (k < n) go one each to the parts
 * with the largest remainders T·wᵢ mod W, ties broken by the lower index. All
 * of it is integer arithmetic on BigInt, so it is exact and deterministic.
 *
 * Consequences, each tested: the parts sum to T; each part is ⌊share⌋ or
 * ⌈share⌉ of its exact share T·wᵢ/W, so within one minor unit of it; a zero
 * weight gets zero; scaling all weights by the same factor changes nothing; a
 * negative total is split as the mirror image of its absolute value
 * (`allocate(−T) = −allocate(T)`), so the units that go "extra" are extra in
 * magnitude.
 */
import { type Amount } from './amount.js';
import { minorUnitsOf } from './currency.js';
import { own } from './decimal.js';
import { fromUnits, toScaledInteger, toUnitsAtScale } from './scaled.js';

/** The unit to allocate in: a currency's minor unit, or 10^-scale. */
export type AllocationUnit = { readonly currency: string } | { readonly scale: number };

/**
 * Splits `total` (an integer number of units) in proportion to the
 * non-negative integer `weights`, by largest remainder with ties to the lower
 * index. The parts sum to `total` exactly. See the module comment.
 *
 * Throws RangeError for no weights, a negative weight, or weights that are all
 * zero while the total is not (zero is then split as zeros).
 */
export function allocateUnits(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) throw new RangeError('allocation needs at least one weight');
  let weightSum = 0n;
  for (const [index, weight] of weights.entries()) {
    if (weight < 0n) throw new RangeError(`weight ${index} is negative (${weight}); weights must be ≥ 0`);
    weightSum += weight;
  }
  if (total === 0n) return weights.map(() => 0n);
  if (weightSum === 0n) throw new RangeError('all weights are zero; a non-zero total cannot be split');
  if (total < 0n) return allocateUnits(-total, weights).map((part) => -part);

  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let assigned = 0n;
  for (const weight of weights) {
    const share = total * weight;
    const part = share / weightSum; // floor: both are non-negative
    parts.push(part);
    remainders.push(share % weightSum);
    assigned += part;
  }
  const missing = Number(total - assigned); // < weights.length, so a safe number
  if (missing > 0) {
    const order = weights.map((_, index) => index);
    order.sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      return ra > rb ? -1 : ra < rb ? 1 : a - b;
    });
    for (let i = 0; i < missing; i++) {
      const index = order[i] as number;
      parts[index] = (parts[index] as bigint) + 1n;
    }
  }
  return parts;
}

/**
 * Splits `total` in proportion to decimal `weights`, in whole units of the
 * currency's minor unit (`{ currency: 'EUR' }`) or of 10^-scale (`{ scale: 8 }`),
 * so that the parts sum exactly to `total`:
 *
 * ```ts
 * allocate(parseAmount('100.00'), ['1', '1', '1'].map(parseAmount), { currency: 'EUR' })
 * // → 33.34, 33.33, 33.33
 * ```
 *
 * `total` must already be a whole number of units (round it first); weights
 * must be ≥ 0 and not all zero unless the total is zero. The parts come back in
 * the order of the weights. Deterministic: ties go to the lower index.
 */
export function allocate(total: Amount, weights: readonly Amount[], unit: AllocationUnit): Amount[] {
  const scale = 'currency' in unit ? minorUnitsOf(unit.currency) : unit.scale;
  if (!Number.isSafeInteger(scale) || scale < 0 || scale > 100) {
    throw new RangeError(`allocation scale must be a whole number from 0 to 100, got ${scale}`);
  }
  const totalUnits = toUnitsAtScale(own(total), scale, 'total');

  // Bring all weights to one common scale so they become exact integers.
  const scaled = weights.map((weight) => toScaledInteger(own(weight)));
  const weightScale = scaled.reduce((max, w) => Math.max(max, w.scale), 0);
  const integerWeights = scaled.map((w) => w.units * 10n ** BigInt(weightScale - w.scale));

  return allocateUnits(totalUnits, integerWeights).map((units) => fromUnits(units, scale));
}
