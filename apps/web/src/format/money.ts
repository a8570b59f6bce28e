/**
 * Money as the ledger holds it: a decimal string (`"1234.50000000"`) and an ISO 4217
 * code. Amounts are never turned into JS numbers for display or arithmetic: the digits
 * the API sends are the digits shown, only grouped for reading.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** True for a plain decimal string as the contract sends money: `-?digits(.digits)?`. */
export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value);
}

/**
 * An amount and its currency in the dashboard's language, with the currency's minor units
 * (ISO 4217): `"55214.1"`, `"RUB"` → `"55,214.10 RUB"` (English), `"55 214,10 RUB"`
 * (Russian). Only zeros are added or dropped ("1234.50000000" → "1,234.50"; "12.345" stays
 * "12.345"): the value shown is the value sent, never rounded. A value that is not a
 * decimal string is shown as it came, never reinterpreted. (i18n/index.ts; libs/i18n.)
 */
export { formatMoney } from '../i18n';

/**
 * The exact sum of decimal strings, with as many fraction digits as the longest operand
 * (BigInt arithmetic on scaled integers). Throws on a value that is not a decimal string.
 */
export function sumDecimals(amounts: readonly string[]): string {
  let scale = 0;
  for (const a of amounts) {
    const m = DECIMAL.exec(a);
    if (!m) throw new Error(`not a decimal amount: ${JSON.stringify(a)}`);
    scale = Math.max(scale, m[3]?.length ?? 0);
  }
  let total = 0n;
  for (const a of amounts) {
    const [, sign, whole, fraction = ''] = DECIMAL.exec(a)!;
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    total += sign ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** True for a decimal string equal to zero (`"0"`, `"0.00"`, `"-0.000"`). */
export function isZeroAmount(amount: string): boolean {
  return /^-?0+(?:\.0+)?$/.test(amount);
}

/** The sign of a decimal string: -1, 0 or 1 (read from its digits, never as a float). */
export function signOf(amount: string): -1 | 0 | 1 {
  if (!isDecimalString(amount)) throw new Error(`not a decimal amount: ${JSON.stringify(amount)}`);
  if (isZeroAmount(amount)) return 0;
  return amount.startsWith('-') ? -1 : 1;
}

/**
 * A decimal string as a JS number, for the length of a chart bar only. It may round the
 * last digits of a very large amount, which a bar cannot show anyway; every number a
 * person reads (tables, chart tooltips) is the exact string.
 */
export function chartLength(amount: string): number {
  if (!isDecimalString(amount)) throw new Error(`not a decimal amount: ${JSON.stringify(amount)}`);
  return Number(amount); // money-ok: a bar length in pixels, never a figure a person reads
}

/** True when two decimal strings are the same amount (`"72"` and `"72.00"`), compared digit by digit. */
export function sameAmount(a: string, b: string): boolean {
  if (!isDecimalString(a) || !isDecimalString(b)) return false;
  return sumDecimals([a, negate(b)]).replace(/^-/, '').replace(/[0.]/g, '') === '';
}

function negate(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}
