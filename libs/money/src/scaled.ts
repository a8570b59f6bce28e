/**
 * Exact conversions between decimals and scaled integers (value = units / 10^scale),
 * for the computations that must not round at all: allocation and products.
 */
import { DecimalValue, own } from './decimal.js';

/** A decimal written as an integer number of units of 10^-scale. */
export interface ScaledInteger {
  readonly units: bigint;
  readonly scale: number;
}

/** The exact scaled-integer form of `value`, at its own number of decimal places. */
export function toScaledInteger(value: DecimalValue): ScaledInteger {
  const x = own(value);
  // toFixed() with no argument is the exact plain-notation value (no rounding).
  return { units: BigInt(x.toFixed().replace('.', '')), scale: x.decimalPlaces() };
}

/**
 * `value` as a whole number of 10^-scale units. Throws RangeError when `value`
 * has more than `scale` decimal places, since that would need rounding.
 */
export function toUnitsAtScale(value: DecimalValue, scale: number, what = 'amount'): bigint {
  const { units, scale: places } = toScaledInteger(value);
  if (places > scale) {
    throw new RangeError(
      `${what} ${value.toFixed()} has ${places} fraction digits, more than the ${scale} allowed here; round it first`,
    );
  }
  return units * 10n ** BigInt(scale - places);
}

/** The exact decimal `units / 10^scale`. */
export function fromUnits(units: bigint, scale: number): DecimalValue {
  if (!Number.isSafeInteger(scale) || scale < 0) {
    throw new RangeError(`scale must be a whole number of at least 0, got ${scale}`);
  }
  if (units === 0n) return new DecimalValue(0);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  // The constructor keeps every digit of a string (it does not round to precision).
  return new DecimalValue(negative ? `-${text}` : text);
}
