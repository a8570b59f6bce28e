/**
 * Exact arithmetic for market shares: money as BigInt counts of 10⁻⁸ units (the
 * finest fraction the contract allows, the scale of every `numeric(26,8)` column),
 * percentages and disproportionality indices as integers rounded half up once, at
 * the end.
 *
 * Pure: no framework, no database.
 */

import { disproportionality as exactIndices, integerSquareRoot } from '../../apportionment/src/index.js';

export { integerSquareRoot };

export const MONEY_FRACTION_DIGITS = 8;
const MONEY_SCALE = 10n ** BigInt(MONEY_FRACTION_DIGITS);

/** Places of the percentages and indices reported (the apportionment library's too). */
export const PERCENT_DECIMAL_PLACES = 6;
const PERCENT_UNIT = 10n ** BigInt(PERCENT_DECIMAL_PLACES);

const NON_NEGATIVE_DECIMAL = /^(\d+)(?:\.(\d{1,8}))?$/;

/** A non-negative decimal (at most 8 fraction digits, e.g. a PostgreSQL numeric sum) in 10⁻⁸ units. */
export function toUnits(decimal: string): bigint {
  const m = NON_NEGATIVE_DECIMAL.exec(decimal);
  if (!m) throw new RangeError(`not a non-negative decimal with at most ${MONEY_FRACTION_DIGITS} fraction digits: ${decimal}`);
  return BigInt(m[1]! + (m[2] ?? '').padEnd(MONEY_FRACTION_DIGITS, '0'));
}

/**
 * 10⁻⁸ units as a plain decimal string with at least `minFractionDigits` fraction
 * digits (the currency's minor units) and no more than needed beyond them:
 * 123450000000n → "1234.50" for 2, "1234.5" for 0.
 */
export function formatUnits(units: bigint, minFractionDigits = 0): string {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const whole = magnitude / MONEY_SCALE;
  let fraction = (magnitude % MONEY_SCALE).toString().padStart(MONEY_FRACTION_DIGITS, '0').replace(/0+$/, '');
  if (fraction.length < minFractionDigits) fraction = fraction.padEnd(Math.min(minFractionDigits, MONEY_FRACTION_DIGITS), '0');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** 100 · part / total in percent, rounded half up to 6 places ("12.345679"); null when total is 0. */
export function percentOf(part: bigint, total: bigint): string | null {
  if (total <= 0n) return null;
  return fixed(roundedQuotient(100n * PERCENT_UNIT * part, total));
}

/** Disproportionality in percentage points, as decimal strings with 6 places. */
export interface Indices {
  gallagher: string;
  loosemoreHanby: string;
}

/**
 * Gallagher (least squares) and Loosemore–Hanby indices between vote shares and seat
 * shares, in percentage points: the apportionment library's exact computation (each
 * rounded half up to 6 places once). Null when there are no votes or no seats (shares
 * are undefined).
 */
export function disproportionality(votes: readonly bigint[], seats: readonly bigint[]): Indices | null {
  if (votes.length !== seats.length) throw new RangeError('votes and seats differ in length');
  const totalVotes = votes.reduce((a, b) => a + b, 0n);
  const totalSeats = seats.reduce((a, b) => a + b, 0n);
  if (totalVotes <= 0n || totalSeats <= 0n) return null;
  return exactIndices(votes, seats);
}

/** num / den rounded half up (num ≥ 0, den > 0). */
function roundedQuotient(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** A count of 10⁻⁶ units as a decimal string with 6 places. */
function fixed(units: bigint): string {
  return `${units / PERCENT_UNIT}.${(units % PERCENT_UNIT).toString().padStart(PERCENT_DECIMAL_PLACES, '0')}`;
}
