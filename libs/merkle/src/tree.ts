/**
 * In-memory RFC 6962 / RFC 9162 Merkle tree over leaf hashes, built for logs of
 * millions of leaves: roots, inclusion proofs and consistency proofs for the
 * current size or any earlier size.
 *
 * Storage: for every level k the tree keeps the hashes of all complete, aligned
 * subtrees of 2^k leaves, each level packed in one contiguous buffer (32 bytes a
 * node, about 64 MB for a million leaves in all). Appending is amortised O(1)
 * hashes; building n leaves costs n − 1 node hashes. Every subtree that the RFC
 * algorithms ask for is either one of those stored complete subtrees or a
 * subtree at the right edge of the requested size, recomputed from O(log n)
 * stored ones, so any root or proof costs O(log n) hashes.
 */
import { HASH_SIZE, emptyRoot, leafHash, nodeHash } from './hash.js';
import { isTreeIndex } from './encoding.js';
import { isPowerOfTwo, largestPowerOfTwoBelow } from './tree-math.js';

/** Bound on memoised right-edge subtree hashes (a few per distinct tree size asked about). */
const MAX_EDGE_HASHES = 4096;

/** A growable array of 32-byte hashes stored back to back. */
class HashLevel {
  private bytes: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(capacity, 1) * HASH_SIZE);
  }

  get count(): number {
    return this.length;
  }

  /** A view of the i-th hash (not a copy: callers must not keep or modify it). */
  at(i: number): Buffer {
    return this.bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
  }

  push(hash: Uint8Array): void {
    if ((this.length + 1) * HASH_SIZE > this.bytes.length) {
      const grown = Buffer.allocUnsafe(this.bytes.length * 2);
      this.bytes.copy(grown, 0, 0, this.length * HASH_SIZE);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.length * HASH_SIZE);
    this.length += 1;
  }
}

export class MerkleTree {
  /** levels[k] holds the hashes of the complete subtrees of 2^k leaves, left to right. */
  private readonly levels: HashLevel[];
  /**
   * Memo of incomplete (right-edge) subtree hashes, keyed "start:count". The log
   * is append-only, so MTH(D[start:start+count]) never changes once computed;
   * the memo is only bounded, never invalidated.
   */
  private readonly edgeHashes = new Map<string, Buffer>();

  /**
   * Builds a tree from leaf hashes (each SHA-256(0x00 || data), see `leafHash`).
   * Passing an array lets the tree size its buffers exactly.
   */
  constructor(leafHashes: Iterable<Uint8Array> = []) {
    const expected = Array.isArray(leafHashes) ? leafHashes.length : 0;
    this.levels = [new HashLevel(expected)];
    for (let n = Math.floor(expected / 2); n >= 1; n = Math.floor(n / 2)) {
      this.levels.push(new HashLevel(n));
    }
    for (const hash of leafHashes) this.append(hash);
  }

  /** Builds a tree from raw leaf data, hashing each datum as a leaf. */
  static fromLeafData(leaves: Iterable<Uint8Array>): MerkleTree {
    const tree = new MerkleTree();
    for (const data of leaves) tree.append(leafHash(data));
    return tree;
  }

  /** Number of leaves. */
  get size(): number {
    return this.levels[0].count;
  }

  /** Appends a leaf by its 32-byte leaf hash and returns its index. */
  append(hash: Uint8Array): number {
    if (hash.length !== HASH_SIZE) throw new RangeError(`a leaf hash must be ${HASH_SIZE} bytes`);
    this.levels[0].push(hash);
    const index = this.levels[0].count - 1;
    // A right child completes its parent: hash upwards while the node is a right child.
    let node = index;
    for (let k = 0; node % 2 === 1; k++) {
      const parent = nodeHash(this.levels[k].at(node - 1), this.levels[k].at(node));
      if (this.levels.length === k + 1) this.levels.push(new HashLevel(1));
      this.levels[k + 1].push(parent);
      node = (node - 1) / 2;
    }
    return index;
  }

  /** Appends a leaf by its data and returns its index. */
  appendLeafData(data: Uint8Array): number {
    return this.append(leafHash(data));
  }

  /** The leaf hash at `index`. */
  leafHash(index: number): Buffer {
    this.checkIndex(index, this.size, 'leaf index');
    return Buffer.from(this.levels[0].at(index));
  }

  /** MTH(D[0:size]): the root of the first `size` leaves (default: all). The empty root for size 0. */
  root(size: number = this.size): Buffer {
    this.checkSize(size);
    return size === 0 ? emptyRoot() : Buffer.from(this.subtreeHash(0, size));
  }

  /**
   * The audit path PATH(index, D[0:size]) of RFC 9162 section 2.1.3.1, ordered
   * from the leaf's sibling up to the root's child, as verified by `verifyInclusion`.
   */
  inclusionProof(index: number, size: number = this.size): Buffer[] {
    this.checkSize(size);
    this.checkIndex(index, size, 'leaf index');
    const path: Buffer[] = [];
    // Walk from the root down to the leaf, collecting the sibling subtree at each split.
    let start = 0;
    let count = size;
    let offset = index;
    while (count > 1) {
      const k = largestPowerOfTwoBelow(count);
      if (offset < k) {
        path.push(this.subtreeHash(start + k, count - k));
        count = k;
      } else {
        path.push(this.subtreeHash(start, k));
        start += k;
        offset -= k;
        count -= k;
      }
    }
    return path.reverse().map((hash) => Buffer.from(hash));
  }

  /**
   * The consistency proof PROOF(size1, D[0:size2]) of RFC 9162 section 2.1.4.1
   * that the tree of `size1` leaves is a prefix of the tree of `size2` leaves
   * (default: all). Empty when size1 is 0 or equals size2.
   */
  consistencyProof(size1: number, size2: number = this.size): Buffer[] {
    this.checkSize(size2);
    if (!isTreeIndex(size1) || size1 > size2) {
      throw new RangeError(`size1 must be an integer between 0 and size2 (${size2}), got ${size1}`);
    }
    if (size1 === 0 || size1 === size2) return [];
    // SUBPROOF(m, D[start:start+count], startFromOldRoot), unrolled from the top down.
    const proof: Buffer[] = [];
    let m = size1;
    let start = 0;
    let count = size2;
    let startFromOldRoot = true;
    while (m !== count) {
      const k = largestPowerOfTwoBelow(count);
      if (m <= k) {
        proof.push(this.subtreeHash(start + k, count - k));
        count = k;
      } else {
        proof.push(this.subtreeHash(start, k));
        start += k;
        m -= k;
        count -= k;
        startFromOldRoot = false;
      }
    }
    // m == count: the old tree's subtree is complete here; it is only needed when
    // the verifier cannot take it from the old root.
    if (!startFromOldRoot) proof.push(this.subtreeHash(start, count));
    return proof.reverse().map((hash) => Buffer.from(hash));
  }

  /**
   * MTH(D[start:start+count]) for a subtree as the RFC recursion produces it:
   * `start` is a multiple of the smallest power of two ≥ count, so the left part of
   * every split is a stored complete subtree. Returns a view or a fresh hash.
   */
  private subtreeHash(start: number, count: number): Buffer {
    if (isPowerOfTwo(count)) {
      let level = 0;
      for (let c = count; c > 1; c /= 2) level++;
      return this.levels[level].at(start / count);
    }
    const key = `${start}:${count}`;
    let hash = this.edgeHashes.get(key);
    if (hash === undefined) {
      const k = largestPowerOfTwoBelow(count);
      hash = nodeHash(this.subtreeHash(start, k), this.subtreeHash(start + k, count - k));
      if (this.edgeHashes.size >= MAX_EDGE_HASHES) this.edgeHashes.clear();
      this.edgeHashes.set(key, hash);
    }
    return hash;
  }

  private checkSize(size: number): void {
    if (!isTreeIndex(size) || size > this.size) {
      throw new RangeError(`tree size must be an integer between 0 and ${this.size}, got ${size}`);
    }
  }

  private checkIndex(index: number, size: number, what: string): void {
    if (!isTreeIndex(index) || index >= size) {
      throw new RangeError(`${what} must be an integer between 0 and ${size - 1}, got ${index}`);
    }
  }
}
