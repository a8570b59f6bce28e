/**
 * Strict decoders for the textual forms of a line proof: hex (either case, even length)
 * and standard padded base64 that round-trips. A proof is untrusted input: anything that
 * is not exactly one of these forms is refused rather than repaired.
 */

/** Bytes backed by a plain ArrayBuffer, as WebCrypto takes them. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** A proof that is not even well formed (bad hex, missing field): nothing was checked. */
export class ProofFormatError extends Error {
  override name = 'ProofFormatError';
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes hex; `what` names the value in the error. */
export function hexToBytes(text: unknown, what: string): Bytes {
  if (typeof text !== 'string' || !HEX.test(text)) throw new ProofFormatError(`${what} is not hex (an even number of 0-9a-f digits)`);
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Decodes a hex SHA-256 hash: exactly 32 bytes. */
export function hashFromHex(text: unknown, what: string): Bytes {
  const bytes = hexToBytes(text, what);
  if (bytes.length !== 32) throw new ProofFormatError(`${what} must be 32 bytes (64 hex digits), got ${bytes.length}`);
  return bytes;
}

/** Lowercase hex of the bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Decodes standard padded base64, refusing encodings that do not round-trip (stray bits in the padding). */
export function base64ToBytes(text: unknown, what: string): Bytes {
  if (typeof text !== 'string' || !BASE64.test(text)) throw new ProofFormatError(`${what} is not standard padded base64`);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (bytesToBase64(bytes) !== text) throw new ProofFormatError(`${what} is not canonical base64`);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The UTF-8 bytes of a string. */
export function utf8(text: string): Bytes {
  return new TextEncoder().encode(text) as Bytes;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** True for integers 0 ≤ n ≤ 2^53 − 1, the range in which tree sizes and indices are exact. */
export function isTreeIndex(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}
