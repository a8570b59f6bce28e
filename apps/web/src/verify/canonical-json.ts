import { ProofFormatError } from './encoding';

/**
 * RFC 8785 JSON Canonicalization Scheme, as the ledger hashes lines and signs heads:
 * no whitespace; object members sorted by name in UTF-16 code-unit order; strings with
 * the minimal escapes (\" \\ \b \t \n \f \r, \u00xx for other controls); numbers as
 * ECMAScript prints them. Lone surrogates and non-JSON values are refused.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', new Set());
}

/**
 * True when `text` is JSON already in canonical form, so the bytes that were hashed are
 * exactly the text shown (a leaf with extra spaces, reordered or duplicated members is not).
 */
export function isCanonicalJson(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  try {
    return canonicalJson(value) === text;
  } catch {
    return false;
  }
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return quote(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new ProofFormatError(`${path}: ${value} is not a JSON number`);
      return String(value);
    case 'object': {
      if (value === null) return 'null';
      if (ancestors.has(value)) throw new ProofFormatError(`${path}: cyclic structure`);
      ancestors.add(value);
      try {
        if (Array.isArray(value)) return `[${value.map((item, i) => serialize(item, `${path}[${i}]`, ancestors)).join(',')}]`;
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) throw new ProofFormatError(`${path}: only plain objects can be canonicalised`);
        const record = value as Record<string, unknown>;
        return `{${Object.keys(record)
          .sort()
          .map((key) => `${quote(key, path)}:${serialize(record[key], `${path}.${key}`, ancestors)}`)
          .join(',')}}`;
      } finally {
        ancestors.delete(value);
      }
    }
    default:
      throw new ProofFormatError(`${path}: a ${typeof value} is not a JSON value`);
  }
}

const SHORT_ESCAPES: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

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
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw new ProofFormatError(`${path}: string has a lone surrogate`);
      out += text[i] + text[i + 1];
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      throw new ProofFormatError(`${path}: string has a lone surrogate`);
    } else {
      out += text[i];
    }
  }
  return `${out}"`;
}
