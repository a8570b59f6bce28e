/**
 * Verification of inclusion and consistency proofs, following the algorithms of
 * RFC 9162 sections 2.1.3.2 and 2.1.4.2 literally. Every input is untrusted:
 * malformed values make verification fail, they never throw out of the
 * boolean `verify*` functions.
 */
import { HASH_SIZE, emptyRoot, hashesEqual, nodeHash } from './hash.js';
import { isTreeIndex } from './encoding.js';
import { MerkleVerificationError } from './errors.js';
import { half, isOdd, isPowerOfTwo } from './tree-math.js';

function fail(reason: string): never {
  throw new MerkleVerificationError(reason);
}

function checkHash(hash: Uint8Array, what: string): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) fail(`${what} is not a ${HASH_SIZE}-byte hash`);
}

function checkProofHashes(proof: readonly Uint8Array[]): void {
  if (!Array.isArray(proof)) fail('proof is not a list of hashes');
  for (let i = 0; i < proof.length; i++) {
    const hash = proof[i];
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) fail(`proof element ${i} is not a ${HASH_SIZE}-byte hash`);
  }
}

/**
 * Recomputes the root from a leaf hash and its audit path (RFC 9162 section
 * 2.1.3.2, steps 1–4), throwing `MerkleVerificationError` with the reason when the
 * path cannot belong to a tree of `treeSize` leaves.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: readonly Uint8Array[],
): Buffer {
  if (!isTreeIndex(treeSize)) fail('tree size is not a non-negative integer');
  if (!isTreeIndex(leafIndex)) fail('leaf index is not a non-negative integer');
  if (leafIndex >= treeSize) fail(`leaf index ${leafIndex} is outside a tree of size ${treeSize}`);
  checkHash(leafHash, 'leaf hash');
  checkProofHashes(proof);

  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) fail(`proof is too long for leaf ${leafIndex} in a tree of size ${treeSize}`);
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // At the right edge the node has no sibling on this level: climb until it does.
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) fail(`proof is too short for leaf ${leafIndex} in a tree of size ${treeSize}`);
  return r;
}

/** Like `verifyInclusion`, but throws `MerkleVerificationError` with the reason instead of returning false. */
export function assertInclusion(
  leafHash: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkHash(root, 'root');
  const computed = rootFromInclusionProof(leafHash, leafIndex, treeSize, proof);
  if (!hashesEqual(computed, root)) {
    fail(`computed root ${computed.toString('hex')} does not match the expected root ${Buffer.from(root).toString('hex')}`);
  }
}

/**
 * True when `proof` shows that the leaf with hash `leafHash` is at `leafIndex`
 * in the tree of `treeSize` leaves whose root is `root` (RFC 9162 section 2.1.3.2).
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  return succeeds(() => assertInclusion(leafHash, leafIndex, treeSize, proof, root));
}

/** Like `verifyConsistency`, but throws `MerkleVerificationError` with the reason instead of returning false. */
export function assertConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): void {
  if (!isTreeIndex(size1) || !isTreeIndex(size2)) fail('tree sizes must be non-negative integers');
  if (size1 > size2) fail(`the first size ${size1} is larger than the second size ${size2}`);
  checkHash(root1, 'first root');
  checkHash(root2, 'second root');
  checkProofHashes(proof);

  if (size1 === size2) {
    if (proof.length !== 0) fail('trees of equal size need an empty consistency proof');
    if (!hashesEqual(root1, root2)) fail('trees of equal size have different roots');
    return;
  }
  if (size1 === 0) {
    // Every tree extends the empty tree; there is nothing to prove but the empty root.
    if (proof.length !== 0) fail('a proof from the empty tree must be empty');
    if (!hashesEqual(root1, emptyRoot())) fail('the first root is not the empty tree root');
    return;
  }
  if (proof.length === 0) fail('the consistency proof is empty');

  // RFC 9162 section 2.1.4.2.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof]; // step 1
  let fn = size1 - 1; // step 2
  let sn = size2 - 1;
  while (isOdd(fn)) {
    // step 3
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]); // step 4
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    // step 5
    if (sn === 0) fail(`consistency proof is too long for sizes ${size1} and ${size2}`);
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // step 6
  if (sn !== 0) fail(`consistency proof is too short for sizes ${size1} and ${size2}`);
  if (!hashesEqual(fr, root1)) fail('the proof does not lead to the first root');
  if (!hashesEqual(sr, root2)) fail('the proof does not lead to the second root');
}

/**
 * True when `proof` shows that the tree of `size1` leaves with root `root1` is a
 * prefix of the tree of `size2` leaves with root `root2` (RFC 9162 section 2.1.4.2).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  return succeeds(() => assertConsistency(size1, size2, root1, root2, proof));
}

function succeeds(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof MerkleVerificationError) return false;
    throw error;
  }
}
