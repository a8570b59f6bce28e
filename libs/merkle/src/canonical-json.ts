/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * - no whitespace;
 * - object members sorted by their names compared as arrays of UTF-16 code
 *   units (JavaScript's default string ordering, locale-independent);
 * - strings escaped with the minimal JSON escapes: \" \\ \b \t \n \f \r and
 *   \u00xx (lowercase hex) for the other controls below U+0020; everything else,
 *   including non-ASCII, written as is (the output is then UTF-8 encoded);
 * - numbers written as ECMAScript's Number.prototype.toString does (1e+30, 4.5,
 *   0.002, -0 as 0); NaN and infinities are not JSON and are rejected;
 * - lone surrogates are rejected (I-JSON, RFC 7493), as are values JSON cannot
 *   carry (undefined, functions, bigints, symbols, class instances, cycles).
 */
import { MerkleFormatError } from './errors.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The RFC 8785 canonical form of `value`. Throws `MerkleFormatError` naming the offending path. */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', new Set());
}

/**
 * Parses `text` as JSON and returns the value only if `text` is already in
 * RFC 8785 canonical form (so the bytes that were hashed are exactly what is shown).
 */
export function parseCanonicalJson(text: string): JsonValue {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    throw new MerkleFormatError('not valid JSON');
  }
  if (canonicalJson(value) !== text) throw new MerkleFormatError('JSON is not in RFC 8785 canonical form');
  return value;
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return quote(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new MerkleFormatError(`${path}: ${value} is not a JSON number`);
      return String(value); // ECMAScript Number::toString; String(-0) is "0".
    case 'object':
      if (value === null) return 'null';
      if (ancestors.has(value)) throw new MerkleFormatError(`${path}: cyclic structure`);
      ancestors.add(value);
      try {
        if (Array.isArray(value)) {
          return `[${value.map((item, i) => serialize(item, `${path}[${i}]`, ancestors)).join(',')}]`;
        }
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) {
          throw new MerkleFormatError(`${path}: only plain objects can be canonicalised`);
        }
        const record = value as Record<string, unknown>;
        const members = Object.keys(record)
          .sort() // UTF-16 code unit order, as RFC 8785 section 3.2.3 requires.
          .map((key) => `${quote(key, path)}:${serialize(record[key], `${path}.${key}`, ancestors)}`);
        return `{${members.join(',')}}`;
      } finally {
        ancestors.delete(value);
      }
    default:
      throw new MerkleFormatError(`${path}: a ${typeof value} is not a JSON value`);
  }
}

const SHORT_ESCAPES: Record<number, string> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

function quote(text: string, path: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) {
      out += short;
    } else if (unit < 0x20) {
      out += `\\u${unit.toString(16).padStart(4, '0')}`;
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw new MerkleFormatError(`${path}: string has a lone surrogate`);
      out += text[i] + text[i + 1];
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      throw new MerkleFormatError(`${path}: string has a lone surrogate`);
    } else {
      out += text[i];
    }
  }
  return `${out}"`;
}
