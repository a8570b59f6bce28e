/**
 * Strict decoders for the textual forms used on the wire: lowercase-or-uppercase
 * hex and standard (RFC 4648 section 4, padded) base64. Node's own decoders
 * silently skip invalid characters; proofs must not.
 */
import { HASH_SIZE } from './hash.js';
import { MerkleFormatError } from './errors.js';

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes hex (either case, even length; '' is zero bytes). `what` names the value in errors. */
export function decodeHex(text: string, what = 'value'): Buffer {
  if (typeof text !== 'string' || !HEX.test(text)) {
    throw new MerkleFormatError(`${what} is not hex (an even number of 0-9a-f digits)`);
  }
  return Buffer.from(text, 'hex');
}

/** Decodes a hex SHA-256 hash (exactly 64 hex digits). */
export function decodeHashHex(text: string, what = 'hash'): Buffer {
  const bytes = decodeHex(text, what);
  if (bytes.length !== HASH_SIZE) {
    throw new MerkleFormatError(`${what} must be ${HASH_SIZE} bytes (${2 * HASH_SIZE} hex digits), got ${bytes.length}`);
  }
  return bytes;
}

/** Decodes standard padded base64, rejecting anything that does not round-trip. */
export function decodeBase64(text: string, what = 'value'): Buffer {
  if (typeof text !== 'string' || !BASE64.test(text)) {
    throw new MerkleFormatError(`${what} is not standard padded base64`);
  }
  const bytes = Buffer.from(text, 'base64');
  // Reject non-canonical encodings (non-zero bits in the padding position).
  if (bytes.toString('base64') !== text) {
    throw new MerkleFormatError(`${what} is not canonical base64`);
  }
  return bytes;
}

/** Lowercase hex of the bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Accepts a hash as bytes or as 64 hex digits and returns it as a 32-byte Buffer. */
export function hashBytes(hash: Uint8Array | string, what = 'hash'): Buffer {
  if (typeof hash === 'string') return decodeHashHex(hash, what);
  if (hash.length !== HASH_SIZE) {
    throw new MerkleFormatError(`${what} must be ${HASH_SIZE} bytes, got ${hash.length}`);
  }
  return Buffer.from(hash);
}

/** True for integers 0 ≤ n ≤ 2^53 − 1, the range in which tree sizes and indices are exact. */
export function isTreeIndex(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}
