/**
 * Exact money for the ledger: a decimal type behind a small facade. Amounts are
 * never JS numbers; they come in as decimal strings (`parseAmount`), are
 * computed exactly, rounded only on request and per currency, and split with
 * `allocate` so that no minor unit is lost. Pure TypeScript: depends only on
 * decimal.js and libs/identifiers (for the ISO 4217 minor units).
 */
export {
  AMOUNT_FORMAT,
  AmountFormatError,
  ZERO,
  abs,
  add,
  cmp,
  eq,
  explainAmount,
  explainDecimal,
  formatAmount,
  isNegative,
  isZero,
  neg,
  parseAmount,
  parseDecimal,
  roundToScale,
  sub,
  sum,
  toFixedString,
  type Amount,
  type DecimalFormat,
} from './amount.js';
export { allocate, allocateUnits, type AllocationUnit } from './allocate.js';
export {
  UnknownCurrencyError,
  convert,
  fromMinorUnits,
  minorUnitsOf,
  roundToCurrency,
  toMinorUnits,
  type ConvertOptions,
} from './currency.js';
export { DECIMAL_PRECISION, DecimalValue, type RoundingMode } from './decimal.js';
