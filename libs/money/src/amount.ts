/**
 * Amounts: exact decimal values, parsed strictly from the contract's decimal
 * strings and added without ever rounding.
 *
 * Contract format (CONTRACT.md "Quarterly submissions"): an optional leading
 * `-`, 1 to 18 integer digits, optionally `.` and 1 to 8 fraction digits. No
 * `+`, no exponent, no spaces, no thousands separators, no `,` as decimal
 * separator. Leading zeros are allowed and count as integer digits (the check is
 * on the text, as the SQL validation of an ingest sees it).
 */
import { DECIMAL_PRECISION, DecimalValue, decimalJsRounding, own, type RoundingMode } from './decimal.js';

/** An exact money amount (no currency attached). */
export type Amount = DecimalValue;

/** Limits of a decimal string accepted by {@link parseDecimal}. */
export interface DecimalFormat {
  /** Most digits before the `.`. Default 18. */
  readonly maxIntegerDigits?: number;
  /** Most digits after the `.`. Default 8. */
  readonly maxFractionDigits?: number;
  /** Whether a leading `-` is allowed. Default true. */
  readonly allowNegative?: boolean;
  /** What the value is called in error messages. Default "amount". */
  readonly label?: string;
}

/** The amount format of the public contract: up to 18 integer and 8 fraction digits. */
export const AMOUNT_FORMAT = Object.freeze({
  maxIntegerDigits: 18,
  maxFractionDigits: 8,
  allowNegative: true,
  label: 'amount',
} satisfies Required<DecimalFormat>);

/** A decimal string that does not have the expected format. `message` says what is wrong. */
export class AmountFormatError extends Error {
  readonly code = 'AMOUNT_FORMAT';

  constructor(
    message: string,
    /** The rejected input, as given. */
    readonly input: unknown,
  ) {
    super(message);
    this.name = 'AmountFormatError';
  }
}

/** The amount zero. */
export const ZERO: Amount = new DecimalValue(0);

const contractPattern = patternFor(AMOUNT_FORMAT);

function patternFor(format: Required<DecimalFormat>): RegExp {
  const sign = format.allowNegative ? '-?' : '';
  const fraction = format.maxFractionDigits > 0 ? `(?:\\.[0-9]{1,${format.maxFractionDigits}})?` : '';
  return new RegExp(`^${sign}[0-9]{1,${format.maxIntegerDigits}}${fraction}$`);
}

function resolve(format: DecimalFormat | undefined): Required<DecimalFormat> {
  const resolved = {
    maxIntegerDigits: format?.maxIntegerDigits ?? AMOUNT_FORMAT.maxIntegerDigits,
    maxFractionDigits: format?.maxFractionDigits ?? AMOUNT_FORMAT.maxFractionDigits,
    allowNegative: format?.allowNegative ?? AMOUNT_FORMAT.allowNegative,
    label: format?.label ?? AMOUNT_FORMAT.label,
  };
  for (const key of ['maxIntegerDigits', 'maxFractionDigits'] as const) {
    const limit = resolved[key];
    if (!Number.isSafeInteger(limit) || limit < 0 || (key === 'maxIntegerDigits' && limit < 1)) {
      throw new RangeError(`${key} must be a whole number (at least 1 integer digit), got ${limit}`);
    }
  }
  return resolved;
}

/**
 * Why `text` is not a decimal string of the given format, or null when it is
 * one. The message names the value (`format.label`) and says what is wrong, e.g.
 * `amount "1.123456789" has 9 fraction digits; at most 8 allowed`.
 */
export function explainDecimal(text: unknown, format?: DecimalFormat): string | null {
  const f = resolve(format);
  const label = f.label;
  if (typeof text !== 'string') {
    return `${label} must be a decimal string, got ${typeof text}`;
  }
  if (patternFor(f).test(text)) return null;

  const shown = JSON.stringify(text.length > 48 ? `${text.slice(0, 48)}…` : text);
  if (text === '') return `${label} is empty`;
  if (/\s/.test(text)) return `${label} ${shown} contains whitespace`;
  if (text.startsWith('+')) return `${label} ${shown} has a '+' sign; only a leading '-' is allowed`;
  let body = text;
  if (text.startsWith('-')) {
    if (!f.allowNegative) return `${label} ${shown} must not be negative`;
    body = text.slice(1);
  }
  if (body === '') return `${label} ${shown} has no digits`;
  if (/^(?:infinity|nan)$/i.test(body)) return `${label} ${shown} is not a finite number`;
  if (/^[0-9.]*[eE][-+]?[0-9]+$/.test(body)) {
    return `${label} ${shown} uses exponent notation; write all digits out`;
  }
  if (body.includes(',')) {
    return `${label} ${shown} contains ','; the decimal separator is '.' and thousands separators are not allowed`;
  }
  const stray = /[^0-9.]/.exec(body);
  if (stray) {
    return `${label} ${shown} contains ${JSON.stringify(stray[0])}; only digits, one '.' and a leading '-' are allowed`;
  }
  const parts = body.split('.');
  if (parts.length > 2) return `${label} ${shown} has more than one '.'`;
  const [integer, fraction] = parts as [string, string | undefined];
  if (integer === '') return `${label} ${shown} has no digit before the '.'`;
  if (fraction === '') return `${label} ${shown} has no digit after the '.'`;
  if (integer.length > f.maxIntegerDigits) {
    return `${label} ${shown} has ${integer.length} integer digits; at most ${f.maxIntegerDigits} allowed`;
  }
  if (fraction !== undefined && fraction.length > f.maxFractionDigits) {
    return f.maxFractionDigits === 0
      ? `${label} ${shown} has fraction digits; none allowed`
      : `${label} ${shown} has ${fraction.length} fraction digits; at most ${f.maxFractionDigits} allowed`;
  }
  // Unreachable when the pattern and the checks above agree; kept as a safe default.
  return `${label} ${shown} is not a decimal number`;
}

/** Why `text` is not an amount in the contract format, or null when it is one. */
export function explainAmount(text: unknown): string | null {
  return typeof text === 'string' && contractPattern.test(text) ? null : explainDecimal(text);
}

/**
 * Parses a decimal string of the given format exactly; throws
 * {@link AmountFormatError} saying what is wrong otherwise. `-0` parses as 0.
 */
export function parseDecimal(text: string, format?: DecimalFormat): Amount {
  const problem = explainDecimal(text, format);
  if (problem !== null) throw new AmountFormatError(problem, text);
  return fromValidText(text);
}

/**
 * Parses an amount in the contract format (up to 18 integer and 8 fraction
 * digits, `.` separator, optional leading `-`); throws {@link AmountFormatError}
 * with a message saying what is wrong otherwise.
 */
export function parseAmount(text: string): Amount {
  if (typeof text === 'string' && contractPattern.test(text)) return fromValidText(text);
  throw new AmountFormatError(explainDecimal(text) ?? 'amount is not valid', text);
}

function fromValidText(text: string): Amount {
  const value = new DecimalValue(text);
  return value.isZero() ? ZERO : value;
}

/** Highest decimal exponent of a non-zero digit (0 for zero), as decimal.js counts it. */
function topExponent(value: DecimalValue): number {
  return value.isZero() ? 0 : value.e;
}

/**
 * Throws unless a + b (or a − b) fits in {@link DECIMAL_PRECISION} significant
 * digits, i.e. unless the operation is certain to be exact. The bound allows
 * one digit of carry, so it is conservative by at most one digit.
 */
function assertExactSum(a: DecimalValue, b: DecimalValue, operation: string): void {
  const digits =
    Math.max(topExponent(a), topExponent(b)) + 2 + Math.max(a.decimalPlaces(), b.decimalPlaces());
  if (digits > DECIMAL_PRECISION) {
    throw new RangeError(
      `${operation} of ${a.toFixed()} and ${b.toFixed()} needs ${digits} significant digits; ` +
        `only ${DECIMAL_PRECISION} are kept exactly`,
    );
  }
}

/** a + b, exactly (throws RangeError rather than round). */
export function add(a: Amount, b: Amount): Amount {
  const x = own(a);
  const y = own(b);
  assertExactSum(x, y, 'sum');
  return normalizeZero(x.plus(y));
}

/** a − b, exactly (throws RangeError rather than round). */
export function sub(a: Amount, b: Amount): Amount {
  const x = own(a);
  const y = own(b);
  assertExactSum(x, y, 'difference');
  return normalizeZero(x.minus(y));
}

/** The exact sum of all amounts; 0 for none. */
export function sum(amounts: Iterable<Amount>): Amount {
  let total = ZERO;
  for (const amount of amounts) total = add(total, amount);
  return total;
}

/** −a. */
export function neg(a: Amount): Amount {
  return normalizeZero(own(a).negated());
}

/** |a|. */
export function abs(a: Amount): Amount {
  return own(a).abs();
}

/** True when a = 0. */
export function isZero(a: Amount): boolean {
  return own(a).isZero();
}

/** True when a < 0. */
export function isNegative(a: Amount): boolean {
  const x = own(a);
  return !x.isZero() && x.isNegative();
}

/** −1, 0 or 1 as a is less than, equal to or greater than b (usable as a sort comparator). */
export function cmp(a: Amount, b: Amount): -1 | 0 | 1 {
  return own(a).comparedTo(own(b)) as -1 | 0 | 1;
}

/** True when a = b in value (1.5 equals 1.50). */
export function eq(a: Amount, b: Amount): boolean {
  return own(a).equals(own(b));
}

function assertScale(scale: number): void {
  if (!Number.isSafeInteger(scale) || scale < 0 || scale > 100) {
    throw new RangeError(`scale must be a whole number from 0 to 100, got ${scale}`);
  }
}

/**
 * `amount` rounded to `scale` decimal places with `mode` (default half-even).
 * Never negative zero.
 */
export function roundToScale(amount: Amount, scale: number, mode: RoundingMode = 'half-even'): Amount {
  assertScale(scale);
  return normalizeZero(own(amount).toDecimalPlaces(scale, decimalJsRounding(mode)));
}

/**
 * `amount` as a plain decimal string with exactly `scale` fraction digits,
 * rounded with `mode` (default half-even): `toFixedString(x, 2)` → "1234.50".
 * Never exponent notation, never "-0.00".
 */
export function toFixedString(amount: Amount, scale: number, mode: RoundingMode = 'half-even'): string {
  return roundToScale(amount, scale, mode).toFixed(scale);
}

/**
 * The canonical string of an amount; it never rounds.
 *
 * - Without `scale`: the shortest plain form — no exponent, no trailing
 *   fraction zeros, no `.` for whole amounts, no leading zeros, "0" for zero
 *   (never "-0"): 1.50 → "1.5", 100 → "100", -0.000 → "0".
 * - With `scale`: exactly `scale` fraction digits ("1.50" for scale 2). Throws
 *   RangeError when the amount has more fraction digits than `scale`; use
 *   {@link toFixedString} to round.
 *
 * `parseAmount(formatAmount(x))` equals x for every amount in contract range.
 */
export function formatAmount(amount: Amount, scale?: number): string {
  const x = normalizeZero(own(amount));
  if (scale === undefined) return x.toFixed();
  assertScale(scale);
  if (x.decimalPlaces() > scale) {
    throw new RangeError(
      `amount ${x.toFixed()} has ${x.decimalPlaces()} fraction digits; formatting to ${scale} would round it`,
    );
  }
  return x.toFixed(scale);
}

/** Zero without a sign: decimal.js keeps −0, which must never reach a string or a hash. */
function normalizeZero(value: DecimalValue): DecimalValue {
  return value.isZero() ? ZERO : value;
}
