/**
 * Currency conversion for statements, exact to the last digit.
 *
 * Rates are quoted against the euro: `rateToEur` is the value of one unit of the
 * currency in euros (EUR itself is 1). An amount in currency C is converted to the
 * target currency T through the euro:
 *
 *     converted = round(amount × rateToEur(C) / rateToEur(T), minor units of T)
 *
 * computed as one exact fraction of BigInts and rounded once, half-even (banker's
 * rounding), to T's ISO 4217 minor units. Nothing is rounded before that single
 * rounding, so the result does not depend on how the two rates happen to be written.
 * An amount already in T is only rounded to T's minor units (a no-op for amounts in
 * whole minor units). Pure TypeScript: amounts and rates travel as decimal strings,
 * arithmetic is on BigInt.
 */
import { minorUnitsOf } from '../../money/src/index.js';

/** A decimal written as an integer number of units of 10^-scale. */
export interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL_TEXT = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;

/**
 * The exact scaled-integer form of a plain decimal string ("1000.50", "-3", "0.0105")
 * as PostgreSQL prints a numeric. Throws RangeError for anything else.
 */
export function scaledFromText(text: string): Scaled {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) throw new RangeError(`not a plain decimal: ${JSON.stringify(text)}`);
  const fraction = m[3] ?? '';
  const units = BigInt(m[2] + fraction);
  return { units: m[1] === '-' ? -units : units, scale: fraction.length };
}

/** `numerator / denominator` (denominator > 0) rounded to the nearest integer, ties to even. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('the denominator must be positive');
  const quotient = numerator / denominator; // truncates towards zero
  const remainder = numerator % denominator; // has the numerator's sign
  if (remainder === 0n) return quotient;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  const awayFromZero = twice > denominator || (twice === denominator && quotient % 2n !== 0n);
  if (!awayFromZero) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

/** A conversion's rates: of the amount's currency and of the target, both to EUR (decimal strings). */
export interface CrossRate {
  fromRateToEur: string;
  toRateToEur: string;
}

/**
 * `amount` (a decimal string in some currency) converted to whole minor units of
 * `target`: with `rate` through the euro as the module comment says, or without one
 * (same currency) only rounded to the target's minor units. Half-even either way.
 */
export function convertToMinorUnits(amount: string, target: string, rate: CrossRate | null): bigint {
  const minor = minorUnitsOf(target);
  const a = scaledFromText(amount);
  if (rate === null) return rescale(a, minor);
  const from = scaledFromText(rate.fromRateToEur);
  const to = scaledFromText(rate.toRateToEur);
  if (from.units <= 0n || to.units <= 0n) throw new RangeError('exchange rates must be positive');
  // amount × from / to at `minor` decimals:
  //   (A / 10^sa) × (F / 10^sf) / (T / 10^st) × 10^m = A·F·10^(st+m) / (T·10^(sa+sf))
  const numerator = a.units * from.units * 10n ** BigInt(to.scale + minor);
  const denominator = to.units * 10n ** BigInt(a.scale + from.scale);
  return divideHalfEven(numerator, denominator);
}

/** `value` rounded half-even to `scale` decimals, as units of 10^-scale. */
function rescale(value: Scaled, scale: number): bigint {
  if (value.scale <= scale) return value.units * 10n ** BigInt(scale - value.scale);
  return divideHalfEven(value.units, 10n ** BigInt(value.scale - scale));
}

/** Whole minor units of `currency` as a decimal string with exactly its minor-unit digits (1234n EUR → "12.34"). */
export function formatMinorUnits(units: bigint, currency: string): string {
  const scale = minorUnitsOf(currency);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
