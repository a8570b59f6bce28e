/**
 * ISRC, the International Standard Recording Code (ISO 3901): `CC-XXX-YY-NNNNN`
 * — a two-letter country prefix, a three-character registrant code (letters or
 * digits), the two-digit year of reference and a five-digit designation code.
 * ISRC has no check digit, so only the shape can be validated.
 *
 * The prefix is *not* checked against ISO 3166-1: the IFPI allocates prefixes
 * that are not country codes (`UK`, `QM`, `QZ`, `ZZ`, …).
 *
 * Accepted spellings: the twelve characters alone (`USS1Z9900001`) or with the
 * three hyphens in their places (`US-S1Z-99-00001`), in upper or lower case. The
 * normalized (stored) form is the twelve characters in upper case.
 */
import { quote } from './quote.js';

// Case-insensitive on the input itself (not on an upper-cased copy), so that
// non-ASCII letters whose upper case is ASCII (dotless ı → I) are refused.
const COMPACT_PATTERN = /^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$/i;
const HYPHENATED_PATTERN = /^[A-Z]{2}-[A-Z0-9]{3}-[0-9]{2}-[0-9]{5}$/i;

/** The normalized ISRC (twelve upper-case characters) when `value` is a well-formed ISRC, else null. */
export function normalizeIsrc(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (COMPACT_PATTERN.test(value)) return value.toUpperCase();
  if (HYPHENATED_PATTERN.test(value)) return value.replace(/-/g, '').toUpperCase();
  return null;
}

/** True when `value` is a well-formed ISRC, with or without its hyphens. */
export function isIsrc(value: unknown): boolean {
  return normalizeIsrc(value) !== null;
}

/** Why `value` is not a well-formed ISRC, or null when it is one. */
export function explainIsrc(value: unknown): string | null {
  if (typeof value !== 'string') return `ISRC must be a string, got ${typeof value}`;
  if (normalizeIsrc(value) !== null) return null;
  return (
    `ISRC ${quote(value)} must be CC-XXX-YY-NNNNN: 2 letters, 3 letters or digits, ` +
    `2 digits of year, 5 digits (hyphens optional, e.g. US-S1Z-99-00001)`
  );
}

/** The display form `CC-XXX-YY-NNNNN` of a well-formed ISRC, or null when `value` is not one. */
export function formatIsrc(value: unknown): string | null {
  const isrc = normalizeIsrc(value);
  if (isrc === null) return null;
  return `${isrc.slice(0, 2)}-${isrc.slice(2, 5)}-${isrc.slice(5, 7)}-${isrc.slice(7)}`;
}
