/**
 * ISWC, the International Standard Musical Work Code (ISO 15707).
 *
 * An ISWC is `T`, nine digits and a check digit. The check: s = 1 + Σ i·dᵢ over
 * the nine digits (positions i = 1…9), check = (10 − s mod 10) mod 10.
 *
 * Two spellings are accepted, nothing else: the stored form `T0345246801` and
 * the display form `T-034.524.680-1`. The `T` is upper case. The SQL twins
 * `ledger_iswc_valid(text)` and `ledger_iswc_normalize(text)` accept exactly the
 * same inputs.
 *
 * A known weakness of this check digit (not of this code): a single-digit
 * change at position i by a difference δ goes unnoticed when i·δ ≡ 0 (mod 10),
 * e.g. position 5 changed by 2, or any even position changed by 5.
 */
import { describeValue, quote } from './quote.js';

const STORED_PATTERN = /^T[0-9]{10}$/;
const DISPLAY_PATTERN = /^T-[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]$/;
const BASE_PATTERN = /^[0-9]{9}$/;

/** The check value for the nine work digits `digits9` (not validated here). */
function checkValue(digits9: string): number {
  let sum = 1;
  for (let i = 0; i < 9; i++) sum += (i + 1) * (digits9.charCodeAt(i) - 48);
  return (10 - (sum % 10)) % 10;
}

/** The ten digits of an ISWC in either accepted spelling, or null when it is in neither. */
function digitsOf(value: string): string | null {
  if (STORED_PATTERN.test(value)) return value.slice(1);
  if (DISPLAY_PATTERN.test(value)) return value.slice(2, 14).replace(/[.-]/g, '') + value[14];
  return null;
}

/** The check digit ("0"–"9") for nine ISWC work digits. */
export function iswcCheckDigit(digits9: string): string {
  if (typeof digits9 !== 'string' || !BASE_PATTERN.test(digits9)) {
    throw new RangeError(`ISWC work number must be exactly 9 digits, got ${describeValue(digits9)}`);
  }
  return String(checkValue(digits9));
}

/** A valid ISWC in stored form (`T` + ten digits) for nine work digits (for demo data and tests). */
export function makeIswc(digits9: string): string {
  return `T${digits9}${iswcCheckDigit(digits9)}`;
}

/** True when `value` is an ISWC, stored (`T0345246801`) or displayed (`T-034.524.680-1`), with a right check digit. */
export function isIswc(value: unknown): boolean {
  return normalizeIswc(value) !== null;
}

/** Why `value` is not a valid ISWC, or null when it is one. */
export function explainIswc(value: unknown): string | null {
  if (typeof value !== 'string') return `ISWC must be a string, got ${typeof value}`;
  const digits = digitsOf(value);
  if (digits === null) {
    return `ISWC ${quote(value)} must be "T" and 10 digits (T0345246801) or written T-034.524.680-1`;
  }
  const expected = checkValue(digits);
  const actual = digits.charCodeAt(9) - 48;
  if (actual !== expected) return `ISWC ${quote(value)} has check digit ${actual}, expected ${expected}`;
  return null;
}

/** The stored form (`T0345246801`) of a valid ISWC in either spelling, or null when `value` is not a valid ISWC. */
export function normalizeIswc(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const digits = digitsOf(value);
  if (digits === null || checkValue(digits) !== digits.charCodeAt(9) - 48) return null;
  return `T${digits}`;
}

/** The display form (`T-034.524.680-1`) of a valid ISWC in either spelling, or null when `value` is not a valid ISWC. */
export function formatIswc(value: unknown): string | null {
  const stored = normalizeIswc(value);
  if (stored === null) return null;
  return `T-${stored.slice(1, 4)}.${stored.slice(4, 7)}.${stored.slice(7, 10)}-${stored[10]}`;
}
