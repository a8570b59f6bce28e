import { describe, expect, it } from '@jest/globals';
import { apportion } from './apportion.js';
import { ApportionmentInputError } from './errors.js';
import { type ApportionmentInput, type ApportionmentResult, METHODS } from './types.js';

/** Parties named A, B, C, … in order. */
function lettered(votes: readonly (string | number)[]): ApportionmentInput['parties'] {
  return votes.map((v, i) => ({ name: String.fromCharCode(65 + i), votes: v }));
}

function seatsOf(result: ApportionmentResult): number[] {
  return result.seats.map((s) => s.seats);
}

function run(method: string, votes: readonly (string | number)[], seats: number, extra: Partial<ApportionmentInput> = {}) {
  return apportion({ method, seats, parties: lettered(votes), ...extra });
}

function inputError(fn: () => unknown): ApportionmentInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApportionmentInputError) return error;
    throw error;
  }
  throw new Error('expected an ApportionmentInputError');
}

// Wikipedia, "D'Hondt method" and "Sainte-Laguë method": the same four parties, 8 seats.
const WIKIPEDIA = ['100000', '80000', '30000', '20000'];

describe('textbook examples', () => {
  it("D'Hondt: Wikipedia's 100000/80000/30000/20000 with 8 seats gives 4/3/1/0", () => {
    const result = run('dhondt', WIKIPEDIA, 8);
    expect(seatsOf(result)).toEqual([4, 3, 1, 0]);
    expect(result.ties).toEqual([]);
  });

  it('Sainte-Laguë: the same votes give 3/3/1/1; the level 20000 quotients of A and D both win, so no tie is reported', () => {
    const result = run('sainte-lague', WIKIPEDIA, 8);
    expect(seatsOf(result)).toEqual([3, 3, 1, 1]);
    expect(result.ties).toEqual([]);
  });

  it("modified Sainte-Laguë: seat 8 is an exact tie, A's 100000/7 against D's 20000/1.4, won by the party with more votes", () => {
    const result = run('modified-sainte-lague', WIKIPEDIA, 8);
    expect(seatsOf(result)).toEqual([4, 3, 1, 0]);
    expect(result.ties).toEqual([{ seat: 8, parties: ['A', 'D'], winner: 'A' }]);
  });

  it('Sainte-Laguë: 25000/19000/12000/8000 with 10 seats gives 4/3/2/1', () => {
    expect(seatsOf(run('sainte-lague', [25000, 19000, 12000, 8000], 10))).toEqual([4, 3, 2, 1]);
  });

  it('Sainte-Laguë: electowiki 35-seat example 503/304/193 gives 17/11/7', () => {
    expect(seatsOf(run('sainte-lague', [503, 304, 193], 35))).toEqual([17, 11, 7]);
  });

  it('Sainte-Laguë, largest remainder and D\u2019Hondt on 6100/5000/900 with 10 seats (5/4/1, 5/4/1, 6/4/0)', () => {
    const votes = [6100, 5000, 900];
    expect(seatsOf(run('sainte-lague', votes, 10))).toEqual([5, 4, 1]);
    expect(seatsOf(run('hamilton', votes, 10))).toEqual([5, 4, 1]);
    expect(seatsOf(run('dhondt', votes, 10))).toEqual([6, 4, 0]);
  });

  it('Sainte-Laguë: two larger checks from the proporz R package test suite', () => {
    expect(seatsOf(run('sainte-lague', [11828277, 9990488, 6316080, 5155933, 4643272, 2830238], 598))).toEqual([
      173, 146, 93, 76, 68, 42,
    ]);
    const votes = [
      430739, 143607, 242942, 1297940, 102419, 348216, 202850, 348082, 2678956, 328753, 812721, 216593, 520990, 1120018,
      1051198, 144464,
    ];
    expect(seatsOf(run('sainte-lague', votes, 146))).toEqual([6, 2, 4, 19, 2, 5, 3, 5, 39, 5, 12, 3, 8, 16, 15, 2]);
  });

  it('Hamilton and Droop: Wikipedia\u2019s largest-remainder example 47000/16000/15800/12000/6100/3100, 10 seats', () => {
    const votes = [47000, 16000, 15800, 12000, 6100, 3100];
    expect(seatsOf(run('hamilton', votes, 10))).toEqual([5, 2, 1, 1, 1, 0]);
    expect(seatsOf(run('droop', votes, 10))).toEqual([5, 2, 2, 1, 0, 0]);
  });

  it('Hamilton shows the Alabama paradox: 6/6/2 gives C 2 of 10 seats but 1 of 11', () => {
    expect(seatsOf(run('hamilton', [6, 6, 2], 10))).toEqual([4, 4, 2]);
    expect(seatsOf(run('hamilton', [6, 6, 2], 11))).toEqual([5, 5, 1]);
  });

  it('Huntington–Hill reproduces the 2020 US House apportionment (census.gov apportionment populations)', () => {
    const result = apportion({ method: 'huntington-hill', seats: 435, parties: US_2020.map(([name, votes]) => ({ name, votes })) });
    expect(result.seats.map((s) => [s.name, s.seats])).toEqual(US_2020.map(([name, , seats]) => [name, seats]));
    expect(result.ties).toEqual([]);
    // New York famously missed seat 435 by 89 residents: it is next in line for seat 436.
    const bigger = apportion({ method: 'huntington-hill', seats: 436, parties: US_2020.map(([name, votes]) => ({ name, votes })) });
    const gained = bigger.seats.filter((s, i) => s.seats !== result.seats[i]!.seats);
    expect(gained.map((s) => [s.name, s.seats])).toEqual([['New York', 27]]);
  });

  it('Huntington–Hill and Adams give every party with votes one seat first, and none for zero votes', () => {
    expect(seatsOf(run('huntington-hill', [100, 1, 0, 10, 0], 3))).toEqual([1, 1, 0, 1, 0]);
    expect(seatsOf(run('adams', [100, 1, 0, 10, 0], 3))).toEqual([1, 1, 0, 1, 0]);
    expect(seatsOf(run('sainte-lague', [100, 1, 0, 10, 0], 3))).toEqual([3, 0, 0, 0, 0]);
  });

  it('Adams with fewer seats than parties seats the parties with most votes first', () => {
    expect(seatsOf(run('adams', [30, 10, 20], 2))).toEqual([1, 0, 1]);
  });
});

describe('laws', () => {
  it('reports the Balinski–Young properties per method', () => {
    const laws = Object.fromEntries(METHODS.map((m) => [m, run(m, [1, 1], 2).laws]));
    for (const m of ['dhondt', 'sainte-lague', 'modified-sainte-lague', 'huntington-hill', 'adams'] as const) {
      expect(laws[m]).toMatchObject({ houseMonotone: true, populationMonotone: true, quotaRule: false });
    }
    expect(laws.hamilton).toEqual({
      lowerQuota: true,
      upperQuota: true,
      quotaRule: true,
      houseMonotone: false,
      populationMonotone: false,
    });
    expect(laws.droop).toMatchObject({ lowerQuota: true, upperQuota: false, houseMonotone: false });
    expect([laws.dhondt!.lowerQuota, laws.dhondt!.upperQuota]).toEqual([true, false]);
    expect([laws.adams!.lowerQuota, laws.adams!.upperQuota]).toEqual([false, true]);
  });

  // Witnesses for every quota law a method does not keep (found by random search).
  it.each([
    ['dhondt', [585, 129, 145, 433, 465], 21, 0, 'upper'],
    ['adams', [1, 705, 129, 281, 249], 14, 1, 'lower'],
    ['sainte-lague', [17896, 257, 833, 193], 33, 0, 'upper'],
    ['sainte-lague', [20936, 737, 305, 625, 849, 889, 993, 801, 809, 753], 25, 0, 'lower'],
    ['modified-sainte-lague', [489, 73, 9, 57], 5, 0, 'upper'],
    ['huntington-hill', [297, 321, 105, 49, 921, 593], 13, 4, 'lower'],
    ['droop', [17896, 257, 833, 193], 33, 0, 'upper'],
  ] as const)('%s breaks quota on %j with %i seats (party %i, %s)', (method, votes, seats, party, side) => {
    const row = run(method, votes, seats).seats[party]!;
    expect(row.withinQuota).toBe(false);
    if (side === 'upper') expect(row.seats).toBeGreaterThan(row.upperQuota);
    else expect(row.seats).toBeLessThan(row.lowerQuota);
  });

  it('Droop shows the Alabama paradox too', () => {
    const votes = [297, 321, 105, 49, 921, 593];
    expect(seatsOf(run('droop', votes, 13))[2]).toBe(1);
    expect(seatsOf(run('droop', votes, 14))[2]).toBe(0);
  });
});

describe('Droop quota', () => {
  it('gives a tie, not an extra seat, when quotients land exactly on whole quotas', () => {
    // Two equal parties and one seat: the quota is half the votes, and each holds exactly one quota.
    const result = run('droop', [50, 50], 1);
    expect(seatsOf(result)).toEqual([1, 0]);
    expect(result.ties).toEqual([{ seat: 1, parties: ['A', 'B'], winner: 'A' }]);
  });

  it('is scale-free: votes in cents and in whole units agree', () => {
    const units = run('droop', [6, 6, 2], 10);
    const cents = run('droop', ['0.06', '0.06', '0.02'], 10);
    expect(seatsOf(cents)).toEqual(seatsOf(units));
    expect(cents.ties).toEqual(units.ties);
  });
});

describe('ties', () => {
  it('breaks a tie between equal votes by name, whatever the input order', () => {
    const forward = apportion({ method: 'dhondt', seats: 1, parties: [{ name: 'beta', votes: '10' }, { name: 'alpha', votes: '10' }] });
    const backward = apportion({ method: 'dhondt', seats: 1, parties: [{ name: 'alpha', votes: '10' }, { name: 'beta', votes: '10' }] });
    expect(forward.seats.map((s) => [s.name, s.seats])).toEqual([['beta', 0], ['alpha', 1]]);
    expect(backward.seats.map((s) => [s.name, s.seats])).toEqual([['alpha', 1], ['beta', 0]]);
    expect(forward.ties).toEqual([{ seat: 1, parties: ['alpha', 'beta'], winner: 'alpha' }]);
    expect(backward.ties).toEqual(forward.ties);
  });

  it('orders names by UTF-16 code units (uppercase before lowercase)', () => {
    const result = apportion({ method: 'hamilton', seats: 1, parties: [{ name: 'a', votes: 1 }, { name: 'B', votes: 1 }] });
    expect(result.ties).toEqual([{ seat: 1, parties: ['B', 'a'], winner: 'B' }]);
  });

  it('reports one entry per contested seat, with the contenders still in the running', () => {
    const result = run('sainte-lague', [7, 7, 7], 2);
    expect(result.ties).toEqual([
      { seat: 1, parties: ['A', 'B', 'C'], winner: 'A' },
      { seat: 2, parties: ['B', 'C'], winner: 'B' },
    ]);
  });

  it('reports a largest-remainder tie at the seat where it is decided', () => {
    // Quotas 1.5, 1.5, 1 with 4 seats: A and B tie on remainder ½ for seat 4.
    const result = run('hamilton', [3, 3, 2], 4);
    expect(seatsOf(result)).toEqual([2, 1, 1]);
    expect(result.ties).toEqual([{ seat: 4, parties: ['A', 'B'], winner: 'A' }]);
  });

  it('breaks equal remainders by votes first', () => {
    // Quotas 2.5 and 0.5 with 3 seats: both remainders are ½; A has more votes.
    const result = run('hamilton', [5, 1], 3);
    expect(seatsOf(result)).toEqual([3, 0]);
    expect(result.ties).toEqual([{ seat: 3, parties: ['A', 'B'], winner: 'A' }]);
  });
});

describe('quotas, threshold and output', () => {
  it('returns the votes as given, in input order, with exact quota bounds', () => {
    const result = apportion({
      method: 'hamilton',
      seats: 10,
      parties: [
        { name: 'x', votes: '1234.56' },
        { name: 'y', votes: 800 },
        { name: 'z', votes: 10n },
      ],
    });
    // Quotas: 1234.56·10/2044.56 = 6.038…, 8000/2044.56 = 3.912…, 100/2044.56 = 0.048…
    expect(result.seats).toEqual([
      { name: 'x', votes: '1234.56', seats: 6, lowerQuota: 6, upperQuota: 7, withinQuota: true },
      { name: 'y', votes: '800', seats: 4, lowerQuota: 3, upperQuota: 4, withinQuota: true },
      { name: 'z', votes: '10', seats: 0, lowerQuota: 0, upperQuota: 1, withinQuota: true },
    ]);
    expect(result.method).toBe('hamilton');
  });

  it('has equal lower and upper quota when the quota is whole', () => {
    const [a, b] = run('dhondt', [3, 1], 4).seats;
    expect([a!.lowerQuota, a!.upperQuota, b!.lowerQuota, b!.upperQuota]).toEqual([3, 3, 1, 1]);
  });

  it('leaves parties below the threshold out, with zero quotas, and computes quotas among the rest', () => {
    // D has 20000 / 230000 = 8.7 %, below 10 %.
    const result = run('dhondt', WIKIPEDIA, 8, { threshold: '10' });
    expect(seatsOf(result)).toEqual([4, 3, 1, 0]);
    const d = result.seats[3]!;
    expect([d.lowerQuota, d.upperQuota, d.withinQuota]).toEqual([0, 0, true]);
    // A's quota among the 210000 votes passing: 100000·8/210000 = 3.81.
    expect([result.seats[0]!.lowerQuota, result.seats[0]!.upperQuota]).toEqual([3, 4]);
    // With Sainte-Laguë the threshold takes D's seat away.
    expect(seatsOf(run('sainte-lague', WIKIPEDIA, 8, { threshold: 10 }))).toEqual([4, 3, 1, 0]);
  });

  it('lets a party exactly at the threshold take part', () => {
    expect(seatsOf(run('sainte-lague', [1, 1, 2], 4, { threshold: '25' }))).toEqual([1, 1, 2]);
    expect(seatsOf(run('sainte-lague', [1, 1, 2], 4, { threshold: '25.00000001' }))).toEqual([0, 0, 4]);
  });

  it('computes Gallagher and Loosemore–Hanby over all parties, to 6 places', () => {
    // Vote shares 43.478…, 34.782…, 13.043…, 8.695…; seat shares 50, 37.5, 12.5, 0.
    // LH = ½ (6.5217 + 2.7174 + 0.5435 + 8.6957) = 9.239130; G = √(½ Σ gap²) = 7.931804.
    expect(run('dhondt', WIKIPEDIA, 8).indices).toEqual({ gallagher: '7.931804', loosemoreHanby: '9.239130' });
    expect(run('hamilton', [1, 1], 2).indices).toEqual({ gallagher: '0.000000', loosemoreHanby: '0.000000' });
  });
});

describe('seat bounds', () => {
  it('divisor methods give every party minSeats first and continue the divisor sequence', () => {
    expect(seatsOf(run('dhondt', WIKIPEDIA, 8, { minSeats: 1 }))).toEqual([3, 3, 1, 1]);
  });

  it('a party at maxSeats leaves the competition', () => {
    // Without a cap A takes 4; with maxSeats 3 seat 8 goes to D (20000), B being capped too.
    expect(seatsOf(run('dhondt', WIKIPEDIA, 8, { maxSeats: 3 }))).toEqual([3, 3, 1, 1]);
  });

  it('largest remainder holds capped parties at maxSeats and shares the rest by quota', () => {
    expect(seatsOf(run('hamilton', [6, 6, 2], 11, { maxSeats: 4 }))).toEqual([4, 4, 3]);
    const droop = run('droop', [6, 6, 2], 11, { maxSeats: 4 });
    expect(seatsOf(droop)).toEqual([4, 4, 3]);
    expect(droop.ties).toEqual([]);
  });

  it('largest remainder lifts small parties to minSeats and shares the rest by quota among the others', () => {
    // Quotas 5, 3.57, 1.43: unbounded 5/4/1. C is held at 2; A and B share 8 as 4.67/3.33 → 5/3.
    expect(seatsOf(run('hamilton', [7, 5, 2], 10))).toEqual([5, 4, 1]);
    expect(seatsOf(run('hamilton', [7, 5, 2], 10, { minSeats: 2 }))).toEqual([5, 3, 2]);
    // Quotas 7.4, 2.4, 0.2: C is held at 1, A and B share 9 as 6.80/2.20 → 7/2.
    expect(seatsOf(run('hamilton', [74, 24, 2], 10, { minSeats: 1 }))).toEqual([7, 2, 1]);
  });

  it('a forced allocation (seats = capacity) is honoured by every method', () => {
    for (const method of METHODS) {
      expect(seatsOf(run(method, [100, 1, 1], 6, { minSeats: 1, maxSeats: 2 }))).toEqual([2, 2, 2]);
      expect(seatsOf(run(method, [100, 1, 1], 3, { minSeats: 1, maxSeats: 2 }))).toEqual([1, 1, 1]);
    }
  });

  it('parties without votes get only minSeats', () => {
    for (const method of METHODS) {
      expect(seatsOf(run(method, [7, 0, 3], 5, { minSeats: 1 }))).toEqual([3, 1, 1]);
    }
  });
});

describe('input errors', () => {
  const good: ApportionmentInput = { method: 'dhondt', seats: 3, parties: lettered([1, 2]) };

  it.each([
    ['unknown method', { method: 'borda' }, 'unknown-method', 'method'],
    ['negative seats', { seats: -1 }, 'invalid-seats', 'seats'],
    ['fractional seats', { seats: 2.5 }, 'invalid-seats', 'seats'],
    ['zero seats', { seats: 0 }, 'invalid-seats', 'seats'],
    ['empty party list', { parties: [] }, 'invalid-parties', 'parties'],
    ['empty name', { parties: [{ name: ' ', votes: 1 }] }, 'invalid-party-name', 'parties[0].name'],
    ['duplicate names', { parties: lettered([1, 2]).concat([{ name: 'A', votes: 3 }]) }, 'duplicate-party', 'parties[2].name'],
    ['negative votes', { parties: [{ name: 'A', votes: '-5' }] }, 'invalid-votes', 'parties[0].votes'],
    ['negative number votes', { parties: [{ name: 'A', votes: -5 }] }, 'invalid-votes', 'parties[0].votes'],
    ['non-numeric votes', { parties: [{ name: 'A', votes: '12a' }] }, 'invalid-votes', 'parties[0].votes'],
    ['NaN votes', { parties: [{ name: 'A', votes: Number.NaN }] }, 'invalid-votes', 'parties[0].votes'],
    ['"NaN" votes', { parties: [{ name: 'A', votes: 'NaN' }] }, 'invalid-votes', 'parties[0].votes'],
    ['exponent votes', { parties: [{ name: 'A', votes: '1e5' }] }, 'invalid-votes', 'parties[0].votes'],
    ['fractional number votes', { parties: [{ name: 'A', votes: 1.5 }] }, 'invalid-votes', 'parties[0].votes'],
    ['19 integer digits', { parties: [{ name: 'A', votes: '1234567890123456789' }] }, 'invalid-votes', 'parties[0].votes'],
    ['9 fraction digits', { parties: [{ name: 'A', votes: '1.123456789' }] }, 'invalid-votes', 'parties[0].votes'],
    ['all votes zero', { parties: lettered(['0', '0.00']) }, 'all-votes-zero', 'parties'],
    ['threshold above 100', { threshold: '100.5' }, 'invalid-threshold', 'threshold'],
    ['negative threshold', { threshold: -1 }, 'invalid-threshold', 'threshold'],
    ['threshold nobody reaches', { threshold: 70 }, 'no-party-passes-threshold', 'threshold'],
    ['minSeats above maxSeats', { minSeats: 2, maxSeats: 1 }, 'invalid-seat-bounds', 'minSeats'],
    ['fractional maxSeats', { maxSeats: 1.5 }, 'invalid-seat-bounds', 'maxSeats'],
    ['seats < parties × minSeats', { minSeats: 2 }, 'infeasible-seat-bounds', 'minSeats'],
    ['seats > parties × maxSeats', { maxSeats: 1 }, 'infeasible-seat-bounds', 'maxSeats'],
  ] as const)('%s', (_label, change, code, field) => {
    const error = inputError(() => apportion({ ...good, ...(change as Partial<ApportionmentInput>) }));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('names the party and its position in a votes error', () => {
    const error = inputError(() => run('dhondt', ['10', 'lots'], 2));
    expect(error.message).toBe('votes "lots" of party "B" is not a plain decimal number (digits, optionally "." and more digits, e.g. "1234.56")');
    expect(error.partyIndex).toBe(1);
  });

  it('counts parties with no votes at their minimum when checking maxSeats', () => {
    const error = inputError(() => run('dhondt', [5, 0], 3, { maxSeats: 2 }));
    expect(error.code).toBe('infeasible-seat-bounds');
    expect(error.message).toContain('1 of them have no votes');
  });

  it('accepts the largest allowed vote count exactly', () => {
    const top = '999999999999999999.99999999';
    const result = apportion({ method: 'hamilton', seats: 2, parties: [{ name: 'A', votes: top }, { name: 'B', votes: '0.00000001' }] });
    expect(seatsOf(result)).toEqual([2, 0]);
  });
});

/** 2020 US census apportionment population and House seats (census.gov, 2020 apportionment data, table A). */
const US_2020: readonly (readonly [string, number, number])[] = [
  ['Alabama', 5030053, 7], ['Alaska', 736081, 1], ['Arizona', 7158923, 9], ['Arkansas', 3013756, 4],
  ['California', 39576757, 52], ['Colorado', 5782171, 8], ['Connecticut', 3608298, 5], ['Delaware', 990837, 1],
  ['Florida', 21570527, 28], ['Georgia', 10725274, 14], ['Hawaii', 1460137, 2], ['Idaho', 1841377, 2],
  ['Illinois', 12822739, 17], ['Indiana', 6790280, 9], ['Iowa', 3192406, 4], ['Kansas', 2940865, 4],
  ['Kentucky', 4509342, 6], ['Louisiana', 4661468, 6], ['Maine', 1363582, 2], ['Maryland', 6185278, 8],
  ['Massachusetts', 7033469, 9], ['Michigan', 10084442, 13], ['Minnesota', 5709752, 8], ['Mississippi', 2963914, 4],
  ['Missouri', 6160281, 8], ['Montana', 1085407, 2], ['Nebraska', 1963333, 3], ['Nevada', 3108462, 4],
  ['New Hampshire', 1379089, 2], ['New Jersey', 9294493, 12], ['New Mexico', 2120220, 3], ['New York', 20215751, 26],
  ['North Carolina', 10453948, 14], ['North Dakota', 779702, 1], ['Ohio', 11808848, 15], ['Oklahoma', 3963516, 5],
  ['Oregon', 4241500, 6], ['Pennsylvania', 13011844, 17], ['Rhode Island', 1098163, 2], ['South Carolina', 5124712, 7],
  ['South Dakota', 887770, 1], ['Tennessee', 6916897, 9], ['Texas', 29183290, 38], ['Utah', 3275252, 4],
  ['Vermont', 643503, 1], ['Virginia', 8654542, 11], ['Washington', 7715946, 10], ['West Virginia', 1795045, 2],
  ['Wisconsin', 5897473, 8], ['Wyoming', 577719, 1],
];
