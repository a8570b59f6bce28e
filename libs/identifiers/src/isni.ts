/**
 * ISNI, the International Standard Name Identifier (ISO 27729): fifteen digits
 * and a check character computed with ISO 7064 MOD 11-2 ("0"–"9" or "X" for
 * ten). ORCID iDs are ISNIs from a reserved block and use the same check.
 *
 * Input may be grouped with spaces or hyphens (`0000 0001 2146 438X`,
 * `0000-0002-1825-0097`) and may use a lower-case `x`: spaces and hyphens are
 * ignored wherever they are. The normalized form is the sixteen characters
 * alone, with an upper-case `X`.
 */
import { describeValue, quote } from './quote.js';

const NORMALIZED_PATTERN = /^[0-9]{15}[0-9X]$/;
const BASE_PATTERN = /^[0-9]{15}$/;
/** Separators a writer may put between groups; dropped by normalization. */
const SEPARATORS = /[ -]/g;

/** ISO 7064 MOD 11-2 check character for a string of digits (not validated here). */
function mod11_2(digits: string): string {
  let total = 0;
  for (let i = 0; i < digits.length; i++) total = ((total + (digits.charCodeAt(i) - 48)) * 2) % 11;
  const result = (12 - total) % 11;
  return result === 10 ? 'X' : String(result);
}

function compact(value: string): string {
  return value.replace(SEPARATORS, '').toUpperCase();
}

/** The ISO 7064 MOD 11-2 check character ("0"–"9" or "X") for the first fifteen digits of an ISNI. */
export function isniCheckCharacter(base15: string): string {
  if (typeof base15 !== 'string' || !BASE_PATTERN.test(base15)) {
    throw new RangeError(`ISNI base must be exactly 15 digits, got ${describeValue(base15)}`);
  }
  return mod11_2(base15);
}

/** A valid ISNI (normalized form) for fifteen digits (for demo data and tests). */
export function makeIsni(base15: string): string {
  return base15 + isniCheckCharacter(base15);
}

/** The normalized ISNI (sixteen characters, upper-case X) when `value` is a valid ISNI, else null. */
export function normalizeIsni(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const candidate = compact(value);
  if (!NORMALIZED_PATTERN.test(candidate)) return null;
  return mod11_2(candidate.slice(0, 15)) === candidate[15] ? candidate : null;
}

/** True when `value` is a valid ISNI, grouped with spaces or hyphens or not. */
export function isIsni(value: unknown): boolean {
  return normalizeIsni(value) !== null;
}

/** Why `value` is not a valid ISNI, or null when it is one. */
export function explainIsni(value: unknown): string | null {
  if (typeof value !== 'string') return `ISNI must be a string, got ${typeof value}`;
  const candidate = compact(value);
  if (!NORMALIZED_PATTERN.test(candidate)) {
    return `ISNI ${quote(value)} must be 15 digits and a check character 0-9 or X (spaces and hyphens are ignored)`;
  }
  const expected = mod11_2(candidate.slice(0, 15));
  if (candidate[15] !== expected) {
    return `ISNI ${quote(value)} has check character ${candidate[15]}, expected ${expected}`;
  }
  return null;
}
