import { type Bytes, bytesEqual, bytesToHex, isTreeIndex } from './encoding';

/**
 * RFC 6962 / RFC 9162 Merkle hashing with the browser's WebCrypto:
 *
 *   leaf hash = SHA-256(0x00 ‖ leaf data)
 *   node hash = SHA-256(0x01 ‖ left ‖ right)
 *
 * and the inclusion-proof verification of RFC 9162 section 2.1.3.2.
 */

/** A proof that is well formed but does not hold; the message says where it breaks. */
export class ProofMismatchError extends Error {
  override name = 'ProofMismatchError';
}

export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

export function leafHash(data: Uint8Array): Promise<Bytes> {
  const input = new Uint8Array(1 + data.length);
  input[0] = 0x00;
  input.set(data, 1);
  return sha256(input);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Bytes> {
  if (left.length !== 32 || right.length !== 32) throw new RangeError('node children must be 32-byte hashes');
  const input = new Uint8Array(65);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 33);
  return sha256(input);
}

const half = (n: number) => Math.floor(n / 2);
const isOdd = (n: number) => n % 2 === 1;

/**
 * The root an audit path leads to from a leaf hash at `leafIndex` in a tree of
 * `treeSize` leaves (RFC 9162 section 2.1.3.2, steps 1–4). Throws ProofMismatchError
 * when the path cannot belong to such a tree (too long, too short, index outside).
 */
export async function rootFromInclusionProof(leaf: Bytes, leafIndex: number, treeSize: number, proof: readonly Bytes[]): Promise<Bytes> {
  if (!isTreeIndex(treeSize)) throw new ProofMismatchError('tree size is not a non-negative integer');
  if (!isTreeIndex(leafIndex)) throw new ProofMismatchError('leaf index is not a non-negative integer');
  if (leafIndex >= treeSize) throw new ProofMismatchError(`leaf index ${leafIndex} is outside a tree of size ${treeSize}`);
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new ProofMismatchError(`proof is too long for leaf ${leafIndex} in a tree of size ${treeSize}`);
    if (isOdd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      // At the right edge the node has no sibling on this level: climb until it does.
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofMismatchError(`proof is too short for leaf ${leafIndex} in a tree of size ${treeSize}`);
  return r;
}

/** Checks that the audit path leads from the leaf to `root`; throws ProofMismatchError with the reason otherwise. */
export async function assertInclusion(leaf: Bytes, leafIndex: number, treeSize: number, proof: readonly Bytes[], root: Bytes): Promise<void> {
  const computed = await rootFromInclusionProof(leaf, leafIndex, treeSize, proof);
  if (!bytesEqual(computed, root)) throw new ProofMismatchError(`computed root ${bytesToHex(computed)} does not match the expected root ${bytesToHex(root)}`);
}

/**
 * True when the audit path leads from the leaf to `root` for some tree size (a proof
 * without the tree's size). The verifier's steps depend on the size only through
 * comparisons of (size − 1) >> j with index >> j, which change at size − 1 = index and
 * at size − 1 = ((index >> j) + 1) << j, so those sizes cover every case.
 */
export async function includedAtSomeSize(leaf: Bytes, leafIndex: number, proof: readonly Bytes[], root: Bytes): Promise<boolean> {
  const sizes = new Set<number>([leafIndex + 1]);
  for (let j = 0, step = 1; j <= 53; j++, step *= 2) {
    const size = (Math.floor(leafIndex / step) + 1) * step + 1;
    if (Number.isSafeInteger(size)) sizes.add(size);
  }
  for (const size of sizes) {
    try {
      if (bytesEqual(await rootFromInclusionProof(leaf, leafIndex, size, proof), root)) return true;
    } catch (e) {
      if (!(e instanceof ProofMismatchError)) throw e;
    }
  }
  return false;
}
