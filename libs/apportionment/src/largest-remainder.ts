import { type Allocation, type Contender, type SeatBounds, compareTieOrder, reportTies, seatCapacity } from './contender.js';

/**
 * Largest-remainder methods with a Hare quota (Hamilton) or a Droop quota, with
 * optional seat bounds, in exact rational arithmetic.
 *
 * Each party's quotient is votes / quota = μ × votes. With seat bounds the
 * quotient becomes clamp(μ × votes, min, max), and μ is the one multiplier that
 * makes the clamped quotients add up to the target (the house size for Hare,
 * house size + 1 for Droop, since V / (V / (S + 1)) = S + 1). Without bounds μ
 * is simply S / V (Hare) or (S + 1) / V (Droop). Parties then get the whole
 * seats of their quotient and the seats left go by largest remainder.
 *
 * Droop: the quota is exactly V / (S + 1), a rational, independent of the vote
 * unit. A party earns one seat for each quota it strictly exceeds, i.e. ⌈q⌉ − 1
 * for a quotient q, and keeps q − (⌈q⌉ − 1) ∈ (0, 1] as its remainder: this is
 * the classic "V / (S + 1) plus a hair" quota (the limit of
 * ⌊V / (S + 1)⌋ + 1 as the vote unit shrinks). With it the quota seats can
 * never exceed S (Σq = S + 1 and each party's quota seats are below its q), so
 * over-allocation cannot happen; the seats left, fewer than the parties, go
 * by largest remainder. A party exactly on a multiple of the quota has a full
 * quota as remainder and so comes first; if several are, that is a tie.
 *
 * With bounds, a party whose quotient is clamped (below min, above max) holds
 * that bound and is out of line for remainders; the Droop "+1" is then carried
 * by the free parties, which always include the party whose quotient rose to
 * meet the target, so the argument above still holds among them.
 */
export type LargestRemainderQuota = 'hare' | 'droop';

/** An exact non-negative fraction n / d, d > 0. */
interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left === right ? 0 : left < right ? -1 : 1;
}

/** Σ clamp(μ × v, min, max) over `votes`, as a numerator over μ.d. */
function clampedSum(mu: Fraction, votes: readonly bigint[], bounds: SeatBounds): bigint {
  const low = bounds.min * mu.d;
  const high = bounds.max === null ? null : bounds.max * mu.d;
  let sum = 0n;
  for (const v of votes) {
    let x = mu.n * v;
    if (x < low) x = low;
    else if (high !== null && x > high) x = high;
    sum += x;
  }
  return sum;
}

/**
 * The multiplier μ ≥ 0 with Σ clamp(μ × v, min, max) = target, for positive
 * `votes`. The sum is piecewise linear and non-decreasing in μ with breakpoints
 * at min / v and max / v: find the segment where it reaches the target, then
 * solve the linear equation on that segment.
 */
export function solveMultiplier(votes: readonly bigint[], bounds: SeatBounds, target: bigint): Fraction {
  const points: Fraction[] = [{ n: 0n, d: 1n }];
  for (const v of votes) {
    if (bounds.min > 0n) points.push({ n: bounds.min, d: v });
    if (bounds.max !== null) points.push({ n: bounds.max, d: v });
  }
  points.sort(compareFractions);

  // First breakpoint at which the clamped sum reaches the target.
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const mu = points[mid]!;
    if (clampedSum(mu, votes, bounds) >= target * mu.d) hi = mid;
    else lo = mid + 1;
  }
  const k = lo;
  if (k < points.length && clampedSum(points[k]!, votes, bounds) === target * points[k]!.d) return points[k]!;
  if (k === 0) throw new Error('apportionment: minimum seats exceed the target (bounds were not checked)');
  if (k === points.length && bounds.max !== null) {
    throw new Error('apportionment: maximum seats cannot reach the target (bounds were not checked)');
  }

  // Within the open segment (lower, upper) each party is either held at a bound or free.
  const lower = points[k - 1]!;
  const upper = k < points.length ? points[k]! : null;
  const probe: Fraction =
    upper === null ? { n: lower.n + lower.d, d: lower.d } : { n: lower.n * upper.d + upper.n * lower.d, d: 2n * lower.d * upper.d };
  let fixedSeats = 0n;
  let freeVotes = 0n;
  for (const v of votes) {
    const x = probe.n * v;
    if (x < bounds.min * probe.d) fixedSeats += bounds.min;
    else if (bounds.max !== null && x > bounds.max * probe.d) fixedSeats += bounds.max;
    else freeVotes += v;
  }
  if (freeVotes === 0n) throw new Error('apportionment: no free party on a rising segment');
  return { n: target - fixedSeats, d: freeVotes };
}

interface Standing {
  readonly contender: Contender;
  readonly slot: number;
  /** Seats from whole quotas. */
  readonly seats: bigint;
  /** Remainder, as a numerator over the common denominator μ.d; 0 means not in line for a seat. */
  readonly remainder: bigint;
}

/**
 * Allocates `seats` among `contenders` by largest remainder. The caller
 * guarantees contenders.length × min ≤ seats ≤ {@link seatCapacity}.
 */
export function allocateByLargestRemainder(
  quota: LargestRemainderQuota,
  contenders: readonly Contender[],
  seats: number,
  bounds: SeatBounds,
): Allocation {
  const house = BigInt(seats);
  const capacity = seatCapacity(contenders, bounds);
  if (quota === 'droop' && capacity === house) {
    // The bounds force the allocation; the Droop target S + 1 is out of reach.
    return { seats: contenders.map((c) => (c.votes === 0n ? bounds.min : bounds.max!)), ties: [] };
  }

  const positive = contenders.filter((c) => c.votes > 0n).map((c) => c.votes);
  const withoutVotes = BigInt(contenders.length - positive.length);
  const target = (quota === 'hare' ? house : house + 1n) - withoutVotes * bounds.min;
  const mu = solveMultiplier(positive, bounds, target);
  const low = bounds.min * mu.d;
  const high = bounds.max === null ? null : bounds.max * mu.d;

  const standings: Standing[] = contenders.map((contender, slot) => {
    if (contender.votes === 0n) return { contender, slot, seats: bounds.min, remainder: 0n };
    const quotient = mu.n * contender.votes; // over mu.d
    // Held at a bound: those seats and no remainder. (Droop also holds a party
    // exactly at min there, so its ⌈q⌉ − 1 can never drop it below min.)
    if (quotient < low || (quota === 'droop' && quotient === low)) {
      return { contender, slot, seats: bounds.min, remainder: 0n };
    }
    if (high !== null && quotient > high) return { contender, slot, seats: bounds.max!, remainder: 0n };
    if (quota === 'hare') return { contender, slot, seats: quotient / mu.d, remainder: quotient % mu.d };
    const whole = (quotient - 1n) / mu.d; // ⌈q⌉ − 1, at least min since q > min
    return { contender, slot, seats: whole, remainder: quotient - whole * mu.d };
  });

  const fromQuotas = standings.reduce((sum, s) => sum + s.seats, 0n);
  const leftover = Number(house - fromQuotas);
  const inLine = standings
    .filter((s) => s.remainder > 0n)
    .sort((a, b) =>
      a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : compareTieOrder(a.contender, b.contender),
    );
  if (leftover < 0 || leftover > inLine.length) {
    throw new Error(`apportionment: ${leftover} seats left for ${inLine.length} remainders`);
  }

  const result = standings.map((s) => s.seats);
  for (const s of inLine.slice(0, leftover)) result[s.slot]! += 1n;

  const ties: Allocation['ties'] = [];
  if (leftover > 0 && leftover < inLine.length && inLine[leftover - 1]!.remainder === inLine[leftover]!.remainder) {
    const level = inLine[leftover]!.remainder;
    const first = inLine.findIndex((s) => s.remainder === level);
    let end = leftover;
    while (end < inLine.length && inLine[end]!.remainder === level) end++;
    const group = inLine.slice(first, end).map((s) => s.contender);
    ties.push(...reportTies(group, leftover - first, Number(fromQuotas) + first + 1));
  }
  return { seats: result, ties };
}
