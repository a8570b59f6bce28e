import { Decimal } from 'decimal.js';
import { ApportionmentInputError } from './errors.js';

/**
 * Exact reading of votes and thresholds. Every vote count becomes a BigInt in
 * units of 10^-8 (the finest fraction the contract allows), so all parties
 * share one denominator and every later comparison is integer arithmetic.
 */

export const VOTE_INTEGER_DIGITS = 18;
export const VOTE_FRACTION_DIGITS = 8;
/** Votes are held as integers of this many units per vote. */
export const VOTE_SCALE = 10n ** BigInt(VOTE_FRACTION_DIGITS);

const MAX_INTEGER_PART = 10n ** BigInt(VOTE_INTEGER_DIGITS);
const UNSIGNED_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export type VotesReading = { ok: true; scaled: bigint } | { ok: false; problem: string };

/**
 * Reads one vote count. `problem` completes a sentence about the value
 * ("… must not be negative").
 */
export function readVotes(value: unknown): VotesReading {
  if (typeof value === 'string') return readDecimalVotes(value);
  if (typeof value === 'bigint') {
    if (value < 0n) return { ok: false, problem: 'must not be negative' };
    if (value >= MAX_INTEGER_PART) return { ok: false, problem: `has more than ${VOTE_INTEGER_DIGITS} integer digits` };
    return { ok: true, scaled: value * VOTE_SCALE };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, problem: 'is not a finite number' };
    if (value < 0) return { ok: false, problem: 'must not be negative' };
    if (!Number.isSafeInteger(value)) {
      return {
        ok: false,
        problem: 'must be a whole number when given as a number; send fractional or very large votes as a decimal string',
      };
    }
    return { ok: true, scaled: BigInt(value) * VOTE_SCALE };
  }
  return { ok: false, problem: 'must be a decimal string or a whole number' };
}

function readDecimalVotes(text: string): VotesReading {
  if (text.startsWith('-')) return { ok: false, problem: 'must not be negative' };
  const match = UNSIGNED_DECIMAL.exec(text);
  if (!match) {
    return { ok: false, problem: 'is not a plain decimal number (digits, optionally "." and more digits, e.g. "1234.56")' };
  }
  const integerPart = match[1]!;
  const fraction = match[2] ?? '';
  if (integerPart.length > VOTE_INTEGER_DIGITS) {
    return { ok: false, problem: `has more than ${VOTE_INTEGER_DIGITS} integer digits` };
  }
  if (fraction.length > VOTE_FRACTION_DIGITS) {
    return { ok: false, problem: `has more than ${VOTE_FRACTION_DIGITS} fraction digits` };
  }
  return { ok: true, scaled: BigInt(integerPart + fraction.padEnd(VOTE_FRACTION_DIGITS, '0')) };
}

/**
 * Votes as an exact integer number of 10^-8 units (`"1.5"` → 150000000n).
 * Throws {@link ApportionmentInputError} (field `votes`) on anything else.
 */
export function parseVotes(value: string | number | bigint): bigint {
  const reading = readVotes(value);
  if (!reading.ok) {
    throw new ApportionmentInputError('invalid-votes', `votes ${describe(value)} ${reading.problem}`, 'votes');
  }
  return reading.scaled;
}

/**
 * Reads a threshold percentage (0–100, at most 8 fraction digits) as an integer
 * number of 10^-8 percentage points.
 */
export function parseThreshold(value: unknown): bigint {
  const fail = (problem: string): never => {
    throw new ApportionmentInputError('invalid-threshold', `threshold ${describe(value)} ${problem}`, 'threshold');
  };
  let text: string;
  if (typeof value === 'string') {
    text = value;
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail('is not a finite number');
    // A number is a parameter, not money: its shortest decimal form is what the caller meant.
    text = new Decimal(value).toFixed();
  } else {
    return fail('must be a percentage given as a decimal string or a number');
  }
  if (text.startsWith('-')) return fail('must not be negative');
  const match = UNSIGNED_DECIMAL.exec(text);
  if (!match) return fail('is not a plain decimal percentage (e.g. "5" or "2.5")');
  const fraction = match[2] ?? '';
  if (fraction.length > VOTE_FRACTION_DIGITS) return fail(`has more than ${VOTE_FRACTION_DIGITS} fraction digits`);
  const scaled = BigInt(match[1]! + fraction.padEnd(VOTE_FRACTION_DIGITS, '0'));
  if (scaled > 100n * VOTE_SCALE) return fail('must not exceed 100 (it is a percentage)');
  return scaled;
}

/** The value as it would appear in a message: strings quoted, others as text. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  return `of type ${typeof value}`;
}
