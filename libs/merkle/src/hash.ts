/**
 * RFC 6962 / RFC 9162 hashing with SHA-256.
 *
 *   leaf hash  = SHA-256(0x00 || data)
 *   node hash  = SHA-256(0x01 || left || right)
 *   empty tree = SHA-256("")
 *
 * The 0x00 / 0x01 prefixes separate the leaf and node domains, so no leaf can be
 * passed off as an interior node (second-preimage resistance of the tree).
 */
import { hash as oneShotHash, timingSafeEqual } from 'node:crypto';

/** Size in bytes of every hash in the tree. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** SHA-256 of the given bytes, as a fresh Buffer. */
export function sha256(data: Uint8Array): Buffer {
  return oneShotHash('sha256', data, 'buffer');
}

/** Root of the empty tree: SHA-256 of the empty string (a fresh copy each call). */
export function emptyRoot(): Buffer {
  return sha256(new Uint8Array(0));
}

/** Hash of a leaf: SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + data.length);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return sha256(input);
}

// Node hashing runs millions of times when a large tree is built; one scratch
// buffer avoids an allocation per call. Safe because hashing is synchronous.
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = NODE_PREFIX;

/** Hash of an interior node: SHA-256(0x01 || left || right). Both children must be 32 bytes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new RangeError(`node children must be ${HASH_SIZE}-byte hashes`);
  }
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return sha256(nodeInput);
}

/** Constant-time equality of two hashes; false when the lengths differ. */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
