/**
 * Amounts in a currency: rounding to the currency's minor unit (ISO 4217:
 * JPY 0 places, EUR 2, KWD 3, CLF 4), whole minor units as BigInt, and
 * conversion at an exchange rate. The currency table is the one in
 * libs/identifiers, which is also the one in the database (`ref_currencies`).
 */
import { currencyMinorUnits, explainCurrencyCode } from '../../identifiers/src/index.js';
import { type Amount, roundToScale } from './amount.js';
import { own, type RoundingMode } from './decimal.js';
import { fromUnits, toScaledInteger, toUnitsAtScale } from './scaled.js';

/** A currency code that is not in the ISO 4217 table the ledger accepts. */
export class UnknownCurrencyError extends RangeError {
  readonly code = 'UNKNOWN_CURRENCY';

  constructor(
    message: string,
    /** The rejected code, as given. */
    readonly currency: unknown,
  ) {
    super(message);
    this.name = 'UnknownCurrencyError';
  }
}

/** The minor units (decimal places) of an ISO 4217 currency; throws {@link UnknownCurrencyError} for an unknown code. */
export function minorUnitsOf(currency: string): number {
  const units = typeof currency === 'string' ? currencyMinorUnits(currency) : undefined;
  if (units === undefined) {
    throw new UnknownCurrencyError(explainCurrencyCode(currency) ?? 'unknown currency', currency);
  }
  return units;
}

/**
 * `amount` rounded to the minor unit of `currency` with `mode` (default
 * half-even): `roundToCurrency(10.005, 'EUR')` → 10.00, with `'half-up'` → 10.01;
 * `roundToCurrency(1234.5, 'JPY')` → 1234; `roundToCurrency(1.0005, 'KWD', 'half-up')` → 1.001.
 */
export function roundToCurrency(amount: Amount, currency: string, mode: RoundingMode = 'half-even'): Amount {
  return roundToScale(amount, minorUnitsOf(currency), mode);
}

/**
 * `amount` as a whole number of minor units of `currency` (12.34 EUR → 1234n).
 * Throws RangeError when the amount has more decimals than the currency has:
 * round it first with {@link roundToCurrency}.
 */
export function toMinorUnits(amount: Amount, currency: string): bigint {
  return toUnitsAtScale(own(amount), minorUnitsOf(currency));
}

/** The amount of `units` minor units of `currency` (1234n EUR → 12.34). */
export function fromMinorUnits(units: bigint, currency: string): Amount {
  return fromUnits(units, minorUnitsOf(currency));
}

/** Options of {@link convert}: round the result to a currency's minor unit or to a scale, or not at all. */
export interface ConvertOptions {
  /** Round to this currency's minor unit. Not together with `scale`. */
  readonly currency?: string;
  /** Round to this many decimal places. Not together with `currency`. */
  readonly scale?: number;
  /** How to round; default half-even. */
  readonly mode?: RoundingMode;
}

/**
 * `amount × rate`, for converting between currencies (the rate is units of the
 * target currency per unit of the source) or applying any positive factor.
 *
 * The product is computed exactly, with BigInt, whatever the digits of the
 * two operands. With `currency` or `scale` it is then rounded once, with `mode`;
 * without them the exact product is returned, which may hold more digits than
 * `add` accepts: round it before summing. Throws RangeError when `rate` is not
 * positive.
 */
export function convert(amount: Amount, rate: Amount, options: ConvertOptions = {}): Amount {
  const r = own(rate);
  if (!r.isPositive() || r.isZero()) throw new RangeError(`rate must be positive, got ${r.toFixed()}`);
  if (options.currency !== undefined && options.scale !== undefined) {
    throw new RangeError('convert takes a currency or a scale to round to, not both');
  }
  const a = toScaledInteger(own(amount));
  const b = toScaledInteger(r);
  const exact = fromUnits(a.units * b.units, a.scale + b.scale);
  const scale = options.currency !== undefined ? minorUnitsOf(options.currency) : options.scale;
  return scale === undefined ? exact : roundToScale(exact, scale, options.mode);
}
