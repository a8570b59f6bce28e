/**
 * IPI name numbers (Interested Party Information, CISAC): the 11-digit number
 * that identifies one name of a rights holder across societies.
 *
 * Check: the first nine digits are weighted 10, 9, …, 2 and summed; the sum is
 * taken mod 101; the check value is 0 when that is 0 and (101 − it) mod 100
 * otherwise, written as the last two digits. `00052210040` is valid.
 *
 * The check is strict: exactly eleven ASCII digits, no spaces, no trimming of
 * leading zeros. The SQL twin `ledger_ipi_valid(text)` applies the same rule.
 */
import { describeValue, quote } from './quote.js';

const IPI_PATTERN = /^[0-9]{11}$/;
const BASE_PATTERN = /^[0-9]{9}$/;

/**
 * The two check digits for the first nine digits of an IPI name number.
 * `base9` must be exactly nine ASCII digits; this is not checked here.
 */
function checkValue(base9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (base9.charCodeAt(i) - 48) * (10 - i);
  const remainder = sum % 101;
  // remainder 0 gives 0; otherwise (101 - remainder) mod 100 (so remainder 1 also gives 0).
  return ((101 - remainder) % 101) % 100;
}

/** The two check digits ("00"–"99") that complete the nine digits `base9` into an IPI name number. */
export function ipiCheckDigits(base9: string): string {
  if (typeof base9 !== 'string' || !BASE_PATTERN.test(base9)) {
    throw new RangeError(`IPI base must be exactly 9 digits, got ${describeValue(base9)}`);
  }
  return checkValue(base9).toString().padStart(2, '0');
}

/** Completes nine digits into a valid 11-digit IPI name number (for demo data and tests). */
export function makeIpi(base9: string): string {
  return base9 + ipiCheckDigits(base9);
}

/** True when `value` is an 11-digit IPI name number whose check digits are right. */
export function isIpi(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    IPI_PATTERN.test(value) &&
    checkValue(value) === Number(value.slice(9))
  );
}

/** Why `value` is not a valid IPI name number, or null when it is one. */
export function explainIpi(value: unknown): string | null {
  if (typeof value !== 'string') return `IPI name number must be a string, got ${typeof value}`;
  if (!/^[0-9]*$/.test(value)) {
    return `IPI name number ${quote(value)} must contain only the digits 0-9`;
  }
  if (value.length !== 11) {
    return `IPI name number ${quote(value)} must have exactly 11 digits, has ${value.length}`;
  }
  const expected = ipiCheckDigits(value.slice(0, 9));
  const actual = value.slice(9);
  if (actual !== expected) {
    return `IPI name number ${quote(value)} has check digits ${actual}, expected ${expected}`;
  }
  return null;
}
