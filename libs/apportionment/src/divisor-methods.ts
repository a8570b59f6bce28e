import { BinaryHeap } from './binary-heap.js';
import { type Allocation, type Contender, type SeatBounds, compareTieOrder, reportTies } from './contender.js';

/**
 * Highest-averages (divisor) methods, seat by seat: each seat goes to the party
 * with the highest priority votes^power / d(n), n being the seats it holds.
 * Divisors are exact fractions and priorities are compared by BigInt
 * cross-multiplication, so no rounding ever decides a seat.
 */
export interface DivisorRule {
  /**
   * 1 for votes / d(n); 2 for votes² / d(n) (Huntington–Hill, whose divisor is a square root).
   * Every rule here, scaled to its natural form (D'Hondt n+1, Sainte-Laguë n+½,
   * modified 0.7 then n+½, Huntington–Hill √(n(n+1)), Adams n), has its n-th
   * divisor between n and n+1; {@link allocateByDivisors} relies on that.
   */
  readonly power: 1 | 2;
  /** d(n) as [numerator, denominator]; a zero numerator is an infinite priority. */
  divisor(n: bigint): readonly [bigint, bigint];
}

export type DivisorMethod = 'dhondt' | 'sainte-lague' | 'modified-sainte-lague' | 'huntington-hill' | 'adams';

export const DIVISOR_RULES: Readonly<Record<DivisorMethod, DivisorRule>> = {
  /** Jefferson / D'Hondt: 1, 2, 3, … */
  dhondt: { power: 1, divisor: (n) => [n + 1n, 1n] },
  /** Webster / Sainte-Laguë: 1, 3, 5, … (proportional to n + ½). */
  'sainte-lague': { power: 1, divisor: (n) => [2n * n + 1n, 1n] },
  /** Modified Sainte-Laguë: 1.4, 3, 5, 7, … */
  'modified-sainte-lague': { power: 1, divisor: (n) => (n === 0n ? [7n, 5n] : [2n * n + 1n, 1n]) },
  /** Huntington–Hill / equal proportions: √(n(n+1)); compared squared, so d² = n(n+1). */
  'huntington-hill': { power: 2, divisor: (n) => [n * (n + 1n), 1n] },
  /** Adams (smallest divisors): 0, 1, 2, … */
  adams: { power: 1, divisor: (n) => [n, 1n] },
};

interface Entry {
  readonly contender: Contender;
  /** Position of the contender in the input array. */
  readonly slot: number;
  /** votes^power */
  readonly weight: bigint;
  seats: bigint;
  infinite: boolean;
  /** priority = num / den, when finite */
  num: bigint;
  den: bigint;
}

function setPriority(entry: Entry, rule: DivisorRule): void {
  const [dNum, dDen] = rule.divisor(entry.seats);
  entry.infinite = dNum === 0n;
  entry.num = entry.weight * dDen;
  entry.den = dNum;
}

/**
 * Sign of priority(a) − priority(b). Two infinite priorities (d(0) = 0, Adams and
 * Huntington–Hill) are ordered as the limit d(0) → 0⁺ orders them: by votes.
 */
function comparePriority(a: Entry, b: Entry): number {
  if (a.infinite || b.infinite) {
    if (!(a.infinite && b.infinite)) return a.infinite ? 1 : -1;
    return a.weight === b.weight ? 0 : a.weight > b.weight ? 1 : -1;
  }
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left === right ? 0 : left > right ? 1 : -1;
}

/**
 * Allocates `seats` among `contenders`. Every contender first receives
 * `bounds.min`; the divisor sequence then continues from there, and a party
 * reaching `bounds.max` leaves the competition. Parties without votes never
 * compete. The caller guarantees that the bounds leave a feasible allocation.
 *
 * When the last seats fall to a group of exactly level priorities larger than
 * the seats left, the group is ordered by {@link compareTieOrder} and each such
 * seat is reported as a tie.
 *
 * The loop starts from the seats every party surely holds ({@link surelyHeld});
 * `options.jumpStart: false` starts it from `bounds.min` instead, which gives
 * the same allocation and ties more slowly (the tests compare the two).
 */
export function allocateByDivisors(
  rule: DivisorRule,
  contenders: readonly Contender[],
  seats: number,
  bounds: SeatBounds,
  options: { jumpStart?: boolean } = {},
): Allocation {
  const result = options.jumpStart === false ? contenders.map(() => bounds.min) : surelyHeld(contenders, seats, bounds);
  let allocated = Number(result.reduce((sum, n) => sum + n, 0n));
  const ties: Allocation['ties'] = [];

  const heap = new BinaryHeap<Entry>((a, b) => {
    const order = comparePriority(a, b);
    return order !== 0 ? order > 0 : compareTieOrder(a.contender, b.contender) < 0;
  });
  const open = (seatsHeld: bigint): boolean => bounds.max === null || seatsHeld < bounds.max;
  for (const [slot, contender] of contenders.entries()) {
    if (contender.votes === 0n || !open(result[slot]!)) continue;
    const weight = rule.power === 2 ? contender.votes * contender.votes : contender.votes;
    const entry: Entry = { contender, slot, weight, seats: result[slot]!, infinite: false, num: 0n, den: 1n };
    setPriority(entry, rule);
    heap.push(entry);
  }

  while (allocated < seats) {
    const top = heap.pop();
    if (top === undefined) throw new Error('apportionment: no party left to take a seat (bounds were not checked)');
    const group = [top];
    while (heap.size > 0 && comparePriority(heap.peek()!, top) === 0) group.push(heap.pop()!);

    const seatsLeft = seats - allocated;
    if (group.length > seatsLeft) {
      ties.push(...reportTies(group.map((e) => e.contender), seatsLeft, allocated + 1));
      for (const entry of group.slice(0, seatsLeft)) result[entry.slot]! += 1n;
      allocated = seats;
      break;
    }
    for (const entry of group) {
      entry.seats += 1n;
      result[entry.slot] = entry.seats;
      allocated += 1;
      if (open(entry.seats)) {
        setPriority(entry, rule);
        heap.push(entry);
      }
    }
  }
  return { seats: result, ties };
}

/**
 * Seats each contender is sure to hold, so the seat-by-seat loop only decides
 * the last few (a jump start: fewer heap steps, same result, same ties).
 *
 * Think of the table of all quotients v / d(k), k = 0, 1, …; the divisor
 * method's seats are its `seats` largest entries, each party's first `min`
 * entries forced in and those from `max` on left out. Let P be the number of
 * contenders, T their votes, S' = seats − P·min, and λ = T / (seats − P·(min+1))
 * (when that is positive). Because k ≤ d(k) ≤ k + 1, party i has at most
 * ⌊yᵢ⌋ + 1 entries ≥ λ, where yᵢ = vᵢ / λ, so the competing entries (k ≥ min)
 * that reach λ number at most Σ(yᵢ + 1) = S'. All of them are therefore among
 * the S' seats the competition hands out, and party i's entries ≥ λ, at least
 * ⌊yᵢ⌋ of them (every k with k + 1 ≤ yᵢ), are surely held. A tie that decides
 * a seat lies strictly below λ, since it needs more than S' entries at or above
 * its level, so no surely held seat could have been part of one.
 */
function surelyHeld(contenders: readonly Contender[], seats: number, bounds: SeatBounds): bigint[] {
  const count = BigInt(contenders.length);
  const spare = BigInt(seats) - count * (bounds.min + 1n);
  const floor = contenders.map(() => bounds.min);
  if (spare <= 0n) return floor;
  const total = contenders.reduce((sum, c) => sum + c.votes, 0n);
  return contenders.map((c) => {
    let held = (c.votes * spare) / total; // ⌊yᵢ⌋
    if (held < bounds.min) held = bounds.min;
    if (bounds.max !== null && held > bounds.max) held = bounds.max;
    return held;
  });
}
