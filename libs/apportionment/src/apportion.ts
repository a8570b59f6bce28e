import { type Contender, type SeatBounds, seatCapacity } from './contender.js';
import { ApportionmentInputError } from './errors.js';
import { disproportionality } from './indices.js';
import { METHOD_SPECS, isApportionmentMethod } from './methods.js';
import {
  type ApportionmentInput,
  type ApportionmentMethod,
  type ApportionmentResult,
  MAX_SEATS,
  METHODS,
  type PartySeats,
} from './types.js';
import { VOTE_SCALE, describe, parseThreshold, readVotes } from './votes.js';

/**
 * Apportions `input.seats` among `input.parties` by `input.method`.
 *
 * Every seat is decided in exact integer arithmetic (votes become BigInts of
 * 10^-8 units, quotients are compared by cross-multiplication). The result does
 * not depend on the order of the parties; it lists them in input order.
 *
 * Parties below `threshold` percent of all votes get no seat and take no part;
 * `minSeats` and `maxSeats` bound the seats of every party that does.
 *
 * @throws ApportionmentInputError when the input is malformed or infeasible.
 */
export function apportion(input: ApportionmentInput): ApportionmentResult {
  const method = readMethod(input.method);
  const seats = readSeats(input.seats);
  const parties = readParties(input.parties);
  const threshold = input.threshold === undefined || input.threshold === null ? 0n : parseThreshold(input.threshold);
  const bounds = readBounds(input.minSeats, input.maxSeats);

  const totalVotes = parties.reduce((sum, p) => sum + p.votes, 0n);
  if (totalVotes === 0n) {
    throw new ApportionmentInputError('all-votes-zero', 'all votes are zero: there is nothing to apportion', 'parties');
  }
  // votes / total ≥ threshold / 100, with the threshold in 10^-8 percentage points.
  const passes = parties.map((p) => p.votes * 100n * VOTE_SCALE >= threshold * totalVotes);
  const contenders: Contender[] = parties.flatMap((p, index) =>
    passes[index] ? [{ index, name: p.name, votes: p.votes }] : [],
  );
  if (contenders.length === 0) {
    throw new ApportionmentInputError(
      'no-party-passes-threshold',
      `no party reaches the threshold of ${String(input.threshold)}% of the votes`,
      'threshold',
    );
  }
  checkFeasible(contenders, seats, bounds, contenders.length < parties.length);

  const allocation = METHOD_SPECS[method].allocate(contenders, seats, bounds);

  const seatsByParty = parties.map(() => 0n);
  contenders.forEach((c, i) => (seatsByParty[c.index] = allocation.seats[i]!));
  const contendingVotes = contenders.reduce((sum, c) => sum + c.votes, 0n);
  const house = BigInt(seats);

  const rows: PartySeats[] = parties.map((p, index) => {
    const won = seatsByParty[index]!;
    let lower = 0n;
    let upper = 0n;
    if (passes[index]) {
      // Standard quota votes × house / contending votes, exactly: its floor and ceiling.
      const numerator = p.votes * house;
      lower = numerator / contendingVotes;
      upper = numerator % contendingVotes === 0n ? lower : lower + 1n;
    }
    return {
      name: p.name,
      votes: p.given,
      seats: Number(won),
      lowerQuota: Number(lower),
      upperQuota: Number(upper),
      withinQuota: lower <= won && won <= upper,
    };
  });

  return {
    method,
    seats: rows,
    indices: disproportionality(
      parties.map((p) => p.votes),
      seatsByParty,
    ),
    ties: allocation.ties,
    laws: { ...METHOD_SPECS[method].laws },
  };
}

function readMethod(value: unknown): ApportionmentMethod {
  if (isApportionmentMethod(value)) return value;
  throw new ApportionmentInputError(
    'unknown-method',
    `unknown method ${describe(value)}; expected one of ${METHODS.join(', ')}`,
    'method',
  );
}

function readSeats(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_SEATS) return value;
  throw new ApportionmentInputError(
    'invalid-seats',
    `seats must be a whole number from 1 to ${MAX_SEATS} (got ${describe(value)})`,
    'seats',
  );
}

interface ReadParty {
  readonly name: string;
  /** Votes as given, as text. */
  readonly given: string;
  /** Votes in 10^-8 units. */
  readonly votes: bigint;
}

function readParties(value: unknown): ReadParty[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ApportionmentInputError('invalid-parties', 'parties must be a non-empty list', 'parties');
  }
  const firstIndexOf = new Map<string, number>();
  return value.map((party: unknown, index): ReadParty => {
    const field = `parties[${index}]`;
    if (typeof party !== 'object' || party === null) {
      throw new ApportionmentInputError('invalid-parties', `${field} must be an object {name, votes}`, field, index);
    }
    const { name, votes } = party as { name?: unknown; votes?: unknown };
    if (typeof name !== 'string' || name.trim() === '') {
      throw new ApportionmentInputError(
        'invalid-party-name',
        `${field}.name must be a non-empty string (got ${describe(name)})`,
        `${field}.name`,
        index,
      );
    }
    const earlier = firstIndexOf.get(name);
    if (earlier !== undefined) {
      throw new ApportionmentInputError(
        'duplicate-party',
        `party ${describe(name)} appears twice (parties[${earlier}] and ${field})`,
        `${field}.name`,
        index,
      );
    }
    firstIndexOf.set(name, index);
    const reading = readVotes(votes);
    if (!reading.ok) {
      throw new ApportionmentInputError(
        'invalid-votes',
        `votes ${describe(votes)} of party ${describe(name)} ${reading.problem}`,
        `${field}.votes`,
        index,
      );
    }
    return { name, given: String(votes), votes: reading.scaled };
  });
}

function readBounds(minSeats: unknown, maxSeats: unknown): SeatBounds {
  const read = (value: unknown, field: 'minSeats' | 'maxSeats'): bigint | null => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_SEATS) return BigInt(value);
    throw new ApportionmentInputError(
      'invalid-seat-bounds',
      `${field} must be a whole number from 0 to ${MAX_SEATS} (got ${describe(value)})`,
      field,
    );
  };
  const min = read(minSeats, 'minSeats') ?? 0n;
  const max = read(maxSeats, 'maxSeats');
  if (max !== null && min > max) {
    throw new ApportionmentInputError(
      'invalid-seat-bounds',
      `minSeats (${min}) must not exceed maxSeats (${max})`,
      'minSeats',
    );
  }
  return { min, max };
}

function checkFeasible(contenders: readonly Contender[], seats: number, bounds: SeatBounds, thresholdApplied: boolean): void {
  const house = BigInt(seats);
  const count = BigInt(contenders.length);
  const who = `${count} ${count === 1n ? 'party' : 'parties'}${thresholdApplied ? ' passing the threshold' : ''}`;
  if (bounds.min * count > house) {
    throw new ApportionmentInputError(
      'infeasible-seat-bounds',
      `${seats} seats cannot give minSeats ${bounds.min} to each of the ${who} (that needs ${bounds.min * count})`,
      'minSeats',
    );
  }
  const capacity = seatCapacity(contenders, bounds);
  if (capacity !== null && house > capacity) {
    const withoutVotes = contenders.filter((c) => c.votes === 0n).length;
    const note = withoutVotes > 0 ? `; ${withoutVotes} of them have no votes and get only minSeats` : '';
    throw new ApportionmentInputError(
      'infeasible-seat-bounds',
      `${seats} seats exceed what maxSeats ${bounds.max} allows for the ${who} (at most ${capacity}${note})`,
      'maxSeats',
    );
  }
}
