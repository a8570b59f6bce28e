import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { apportion } from './apportion.js';
import { type ApportionmentMethod, type ApportionmentResult, METHODS } from './types.js';

/**
 * Property tests: the laws each method is known to keep, the invariants every
 * result keeps, and a naive reference implementation (every quotient in one
 * sorted table) that the optimised code must agree with.
 */

const DIVISOR_METHODS = ['dhondt', 'sainte-lague', 'modified-sainte-lague', 'huntington-hill', 'adams'] as const;
type DivisorMethod = (typeof DIVISOR_METHODS)[number];
const RUNS = { numRuns: 150 };

interface Party {
  name: string;
  votes: bigint;
}

/** 1–8 parties p0, p1, … with votes small enough to tie now and then, at least one positive. */
const partiesArb = fc
  .array(fc.oneof(fc.bigInt({ min: 0n, max: 12n }), fc.bigInt({ min: 0n, max: 10n ** 9n })), { minLength: 1, maxLength: 8 })
  .filter((votes) => votes.some((v) => v > 0n))
  .map((votes): Party[] => votes.map((v, i) => ({ name: `p${i}`, votes: v })));

const seatsArb = fc.integer({ min: 1, max: 60 });
const methodArb = fc.constantFrom(...METHODS);

function run(method: string, parties: readonly Party[], seats: number, extra: Record<string, unknown> = {}): ApportionmentResult {
  return apportion({ method, seats, parties: parties.map((p) => ({ name: p.name, votes: p.votes.toString() })), ...extra });
}

function byName(result: ApportionmentResult): Record<string, number> {
  return Object.fromEntries(result.seats.map((s) => [s.name, s.seats]));
}

function total(result: ApportionmentResult): number {
  return result.seats.reduce((sum, s) => sum + s.seats, 0);
}

// ---- A naive reference: every quotient of every party in one sorted table. ----

const tieOrder = (a: Party, b: Party): number =>
  a.votes !== b.votes ? (a.votes > b.votes ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** The k-th divisor (k = 0, 1, …) as [num, den], squared for Huntington–Hill. */
function referenceDivisor(method: DivisorMethod, k: bigint): [bigint, bigint] {
  switch (method) {
    case 'dhondt':
      return [k + 1n, 1n];
    case 'sainte-lague':
      return [2n * k + 1n, 2n];
    case 'modified-sainte-lague':
      return k === 0n ? [7n, 10n] : [2n * k + 1n, 2n];
    case 'huntington-hill':
      return [k * (k + 1n), 1n];
    case 'adams':
      return [k, 1n];
  }
}

function referenceDivisorSeats(method: DivisorMethod, parties: readonly Party[], seats: number): number[] {
  const power = method === 'huntington-hill' ? 2n : 1n;
  const table: { party: number; num: bigint; den: bigint }[] = [];
  parties.forEach((p, party) => {
    if (p.votes === 0n) return;
    for (let k = 0n; k < BigInt(seats); k++) {
      const [dNum, dDen] = referenceDivisor(method, k);
      table.push({ party, num: p.votes ** power * dDen, den: dNum }); // priority num/den, den 0 = infinite
    }
  });
  table.sort((a, b) => {
    const ai = a.den === 0n;
    const bi = b.den === 0n;
    let order: number;
    if (ai || bi) order = ai && bi ? Number(b.num > a.num) - Number(b.num < a.num) : ai ? -1 : 1;
    else order = Number(b.num * a.den > a.num * b.den) - Number(b.num * a.den < a.num * b.den);
    return order !== 0 ? order : tieOrder(parties[a.party]!, parties[b.party]!);
  });
  const result = parties.map(() => 0);
  for (const entry of table.slice(0, seats)) result[entry.party]! += 1;
  return result;
}

/** Hamilton: floors of V·S/T, then by remainder. Droop: floors of V·(S+1)/T, one removed on overshoot. */
function referenceLargestRemainder(quota: 'hare' | 'droop', parties: readonly Party[], seats: number): number[] {
  const T = parties.reduce((s, p) => s + p.votes, 0n);
  const S = BigInt(seats);
  const m = quota === 'hare' ? S : S + 1n;
  const floors = parties.map((p) => (p.votes * m) / T);
  const rems = parties.map((p) => (p.votes * m) % T);
  const order = parties.map((_, i) => i).sort((a, b) => (rems[a] !== rems[b] ? (rems[a]! > rems[b]! ? -1 : 1) : tieOrder(parties[a]!, parties[b]!)));
  const sum = floors.reduce((s, f) => s + f, 0n);
  if (sum === S + 1n) {
    // Every quotient whole: the last party in tie order that holds a seat gives one back.
    const last = parties
      .map((_, i) => i)
      .filter((i) => floors[i]! > 0n)
      .sort((a, b) => tieOrder(parties[a]!, parties[b]!))
      .pop()!;
    floors[last]! -= 1n;
  } else {
    for (const i of order.slice(0, Number(S - sum))) floors[i]! += 1n;
  }
  return floors.map(Number);
}

// ---- Properties. ----

describe('every method', () => {
  it('fills the house exactly and lists the parties in input order', () => {
    fc.assert(
      fc.property(methodArb, partiesArb, seatsArb, (method, parties, seats) => {
        const result = run(method, parties, seats);
        expect(total(result)).toBe(seats);
        expect(result.seats.map((s) => [s.name, s.votes])).toEqual(parties.map((p) => [p.name, p.votes.toString()]));
        for (const tie of result.ties) {
          expect(tie.parties.length).toBeGreaterThanOrEqual(2);
          expect(tie.winner).toBe(tie.parties[0]);
          expect(tie.seat).toBeLessThanOrEqual(seats);
        }
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the parties', () => {
    fc.assert(
      fc.property(
        methodArb,
        partiesArb.chain((parties) => fc.tuple(fc.constant(parties), fc.shuffledSubarray(parties, { minLength: parties.length }))),
        seatsArb,
        (method, [parties, shuffled], seats) => {
          const a = run(method, parties, seats);
          const b = run(method, shuffled, seats);
          expect(byName(b)).toEqual(byName(a));
          expect(b.ties).toEqual(a.ties);
          expect(b.indices).toEqual(a.indices);
        },
      ),
      RUNS,
    );
  });

  it('gives the same seats for decimal votes as for the same votes scaled to integers', () => {
    fc.assert(
      fc.property(methodArb, partiesArb, seatsArb, fc.integer({ min: 1, max: 8 }), (method, parties, seats, places) => {
        const asDecimal = (v: bigint): string => {
          const digits = v.toString().padStart(places + 1, '0');
          return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
        };
        const integers = run(method, parties, seats);
        const decimals = apportion({ method, seats, parties: parties.map((p) => ({ name: p.name, votes: asDecimal(p.votes) })) });
        expect(decimals.seats.map((s) => [s.seats, s.lowerQuota, s.upperQuota])).toEqual(
          integers.seats.map((s) => [s.seats, s.lowerQuota, s.upperQuota]),
        );
        expect(decimals.ties).toEqual(integers.ties);
        expect(decimals.indices).toEqual(integers.indices);
      }),
      RUNS,
    );
  });

  it('respects minSeats and maxSeats whenever they are feasible', () => {
    const boundedArb = fc
      .record({ parties: partiesArb, min: fc.integer({ min: 0, max: 3 }), spread: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) })
      .chain(({ parties, min, spread }) => {
        const max = spread === undefined ? undefined : min + spread;
        const capacity = parties.reduce((c, p) => c + (p.votes === 0n ? min : (max ?? 60)), 0);
        const lowest = Math.max(1, parties.length * min);
        return lowest > Math.min(capacity, 80)
          ? fc.constant(null)
          : fc.record({ parties: fc.constant(parties), min: fc.constant(min), max: fc.constant(max), seats: fc.integer({ min: lowest, max: Math.min(capacity, 80) }) });
      })
      .filter((x): x is NonNullable<typeof x> => x !== null);
    fc.assert(
      fc.property(methodArb, boundedArb, (method, { parties, min, max, seats }) => {
        const result = run(method, parties, seats, { minSeats: min, maxSeats: max });
        expect(total(result)).toBe(seats);
        for (const [i, row] of result.seats.entries()) {
          expect(row.seats).toBeGreaterThanOrEqual(min);
          if (max !== undefined) expect(row.seats).toBeLessThanOrEqual(max);
          if (parties[i]!.votes === 0n) expect(row.seats).toBe(min);
        }
      }),
      RUNS,
    );
  });

  it('gives parties below the threshold nothing, and the rest the same as without them', () => {
    fc.assert(
      fc.property(methodArb, partiesArb, seatsArb, fc.integer({ min: 1, max: 40 }), (method, parties, seats, threshold) => {
        const totalVotes = parties.reduce((s, p) => s + p.votes, 0n);
        const passing = parties.filter((p) => p.votes * 100n >= BigInt(threshold) * totalVotes);
        fc.pre(passing.length > 0);
        const result = run(method, parties, seats, { threshold: String(threshold) });
        const alone = byName(run(method, passing, seats));
        for (const row of result.seats) expect(row.seats).toBe(alone[row.name] ?? 0);
      }),
      RUNS,
    );
  });
});

describe('largest-remainder methods', () => {
  it('Hamilton always stays within quota', () => {
    fc.assert(
      fc.property(partiesArb, seatsArb, (parties, seats) => {
        for (const row of run('hamilton', parties, seats).seats) expect(row.withinQuota).toBe(true);
      }),
      RUNS,
    );
  });

  it('Droop never falls below the lower quota', () => {
    fc.assert(
      fc.property(partiesArb, seatsArb, (parties, seats) => {
        for (const row of run('droop', parties, seats).seats) expect(row.seats).toBeGreaterThanOrEqual(row.lowerQuota);
      }),
      RUNS,
    );
  });

  it('agree with the textbook floor-and-remainder computation', () => {
    fc.assert(
      fc.property(fc.constantFrom('hamilton', 'droop') as fc.Arbitrary<'hamilton' | 'droop'>, partiesArb, seatsArb, (method, parties, seats) => {
        const expected = referenceLargestRemainder(method === 'hamilton' ? 'hare' : 'droop', parties, seats);
        expect(run(method, parties, seats).seats.map((s) => s.seats)).toEqual(expected);
      }),
      RUNS,
    );
  });
});

describe('divisor methods', () => {
  const divisorArb = fc.constantFrom(...DIVISOR_METHODS);

  it('agree with the naive table of all quotients', () => {
    fc.assert(
      fc.property(divisorArb, partiesArb, fc.integer({ min: 1, max: 30 }), (method, parties, seats) => {
        expect(run(method, parties, seats).seats.map((s) => s.seats)).toEqual(referenceDivisorSeats(method, parties, seats));
      }),
      RUNS,
    );
  });

  it('are house monotone: one more seat never takes a seat from anyone', () => {
    fc.assert(
      fc.property(divisorArb, partiesArb, seatsArb, (method, parties, seats) => {
        const before = run(method, parties, seats).seats;
        const after = run(method, parties, seats + 1).seats;
        before.forEach((row, i) => expect(after[i]!.seats).toBeGreaterThanOrEqual(row.seats));
      }),
      RUNS,
    );
  });

  it('are population monotone: more votes for one party never cost it a seat nor give another one', () => {
    fc.assert(
      fc.property(divisorArb, partiesArb, seatsArb, fc.nat(), fc.bigInt({ min: 1n, max: 10n ** 6n }), (method, parties, seats, pick, extra) => {
        const i = pick % parties.length;
        const grown = parties.map((p, j) => (j === i ? { ...p, votes: p.votes + extra } : p));
        const before = run(method, parties, seats).seats;
        const after = run(method, grown, seats).seats;
        expect(after[i]!.seats).toBeGreaterThanOrEqual(before[i]!.seats);
        before.forEach((row, j) => j === i || expect(after[j]!.seats).toBeLessThanOrEqual(row.seats));
      }),
      RUNS,
    );
  });

  it("D'Hondt keeps the lower quota and Adams the upper quota", () => {
    fc.assert(
      fc.property(partiesArb, seatsArb, (parties, seats) => {
        for (const row of run('dhondt', parties, seats).seats) expect(row.seats).toBeGreaterThanOrEqual(row.lowerQuota);
        for (const row of run('adams', parties, seats).seats) expect(row.seats).toBeLessThanOrEqual(row.upperQuota);
      }),
      RUNS,
    );
  });
});

describe('laws reported', () => {
  it('match the method', () => {
    const expected: Record<ApportionmentMethod, boolean> = {
      dhondt: false,
      'sainte-lague': false,
      'modified-sainte-lague': false,
      'huntington-hill': false,
      adams: false,
      hamilton: true,
      droop: false,
    };
    for (const method of METHODS) {
      const { laws } = run(method, [{ name: 'a', votes: 1n }], 1);
      expect(laws.quotaRule).toBe(expected[method]);
      expect(laws.houseMonotone).toBe(!expected[method] && method !== 'droop');
    }
  });
});
