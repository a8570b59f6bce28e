/**
 * The one decimal type the ledger computes money with: a dedicated decimal.js
 * constructor, so that no other code's `Decimal.set(...)` can change how money
 * is rounded, and this library never changes the global one either.
 *
 * - 40 significant digits. A contract amount has at most 18 + 8 = 26 digits, so
 *   sums of up to 10^14 such amounts are exact; {@link add} and {@link sub}
 *   refuse (rather than round) a result that would not be exact.
 * - Rounding half-even (banker's rounding) wherever decimal.js rounds
 *   implicitly; explicit roundings take a {@link RoundingMode}.
 * - Never exponent notation in `toString()`.
 */
import { Decimal } from 'decimal.js';

/** Significant digits kept by {@link DecimalValue} arithmetic. */
export const DECIMAL_PRECISION = 40;

/**
 * The decimal class of the ledger (a decimal.js clone configured as above).
 * Use it as a type (`x: DecimalValue`) and, where a value must be built from a
 * trusted plain-notation string such as a PostgreSQL `numeric`, as a
 * constructor (`new DecimalValue('12.50')`). Untrusted input goes through
 * `parseAmount` / `parseDecimal` instead, which enforce the contract format.
 */
export const DecimalValue: Decimal.Constructor = Decimal.clone({
  defaults: true,
  precision: DECIMAL_PRECISION,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
/** An instance of {@link DecimalValue}. */
export type DecimalValue = Decimal;

/**
 * How to round to a number of decimal places.
 *
 * - `half-even`: to the nearest; a tie goes to the even neighbour (banker's rounding). The default.
 * - `half-up`: to the nearest; a tie goes away from zero (2.5 → 3, −2.5 → −3).
 * - `half-down`: to the nearest; a tie goes towards zero (2.5 → 2, −2.5 → −2).
 * - `up`: away from zero. `down`: towards zero (truncation).
 * - `ceil`: towards +∞. `floor`: towards −∞.
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor';

const DECIMAL_JS_ROUNDING: Readonly<Record<RoundingMode, Decimal.Rounding>> = {
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-up': Decimal.ROUND_HALF_UP,
  'half-down': Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/** The decimal.js rounding constant for a {@link RoundingMode}; throws on an unknown mode. */
export function decimalJsRounding(mode: RoundingMode): Decimal.Rounding {
  const rounding = Object.hasOwn(DECIMAL_JS_ROUNDING, mode) ? DECIMAL_JS_ROUNDING[mode] : undefined;
  if (rounding === undefined) throw new RangeError(`unknown rounding mode ${JSON.stringify(mode)}`);
  return rounding;
}

/**
 * `value` as a finite {@link DecimalValue} of this library's own constructor:
 * a decimal.js instance from another clone (say, the global `Decimal` with 20
 * digits) is copied exactly, so arithmetic on it uses our precision.
 */
export function own(value: DecimalValue): DecimalValue {
  const decimal = value.constructor === DecimalValue ? value : new DecimalValue(value);
  if (!decimal.isFinite()) throw new RangeError(`amount must be finite, got ${decimal.toString()}`);
  return decimal;
}
