/**
 * CISAC society codes: the three-digit code CISAC gives each collecting society
 * (`035` is GEMA, `058` SACEM). Leading zeros are part of the code, so it is a
 * string of exactly three ASCII digits, never a number. The SQL twin is
 * `ledger_cisac_valid(text)`.
 */
import { quote } from './quote.js';

const CISAC_PATTERN = /^[0-9]{3}$/;

/** True when `value` is a CISAC society code: exactly three digits, e.g. "035". */
export function isCisacSocietyCode(value: unknown): boolean {
  return typeof value === 'string' && CISAC_PATTERN.test(value);
}

/** Why `value` is not a CISAC society code, or null when it is one. */
export function explainCisacSocietyCode(value: unknown): string | null {
  if (typeof value !== 'string') return `CISAC society code must be a string, got ${typeof value}`;
  if (CISAC_PATTERN.test(value)) return null;
  return `CISAC society code ${quote(value)} must be exactly three digits, e.g. "035"`;
}
