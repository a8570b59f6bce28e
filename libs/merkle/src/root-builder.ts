/**
 * Streaming Merkle root computation: push leaf hashes one at a time and read the
 * RFC 6962 root whenever needed, holding only O(log n) hashes.
 *
 * The builder keeps the roots of the maximal complete subtrees seen so far (one
 * per set bit of the leaf count, largest first), the "compact range" of the
 * prefix. Pushing a leaf merges equal-sized neighbours like a binary counter
 * carry; the root folds the stack from the right, which is exactly the
 * recursive definition MTH(D[n]) = HASH(MTH(D[0:k]) || MTH(D[k:n])).
 */
import { HASH_SIZE, emptyRoot, leafHash, nodeHash } from './hash.js';
import { half, isOdd } from './tree-math.js';

export class MerkleRootBuilder {
  /** Roots of the complete subtrees covering the leaves so far, left to right. */
  private readonly stack: Buffer[] = [];
  private count = 0;

  /**
   * A builder that goes on from a tree of `size` leaves given by its compact range
   * (`compactRange()` of a builder at that size): appending to a tree needs only the
   * O(log n) roots, never its leaves. Throws when the number of roots is not one per
   * set bit of `size`, or a root is not a hash.
   */
  static fromCompactRange(size: number, roots: readonly Uint8Array[]): MerkleRootBuilder {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`a tree size must be a non-negative integer, got ${size}`);
    let bits = 0;
    for (let n = size; n > 0; n = half(n)) if (isOdd(n)) bits += 1;
    if (roots.length !== bits) throw new RangeError(`a tree of ${size} leaves has a compact range of ${bits} roots, got ${roots.length}`);
    const builder = new MerkleRootBuilder();
    for (const root of roots) {
      if (root.length !== HASH_SIZE) throw new RangeError(`a subtree root must be ${HASH_SIZE} bytes`);
      builder.stack.push(Buffer.from(root));
    }
    builder.count = size;
    return builder;
  }

  /**
   * The compact range of the leaves so far: the roots of the maximal complete subtrees,
   * left to right (one per set bit of the size, the largest first). With the size, all
   * that appending needs (see fromCompactRange).
   */
  compactRange(): Buffer[] {
    return this.stack.map((h) => Buffer.from(h));
  }

  /** Number of leaves pushed so far. */
  get size(): number {
    return this.count;
  }

  /** Appends a leaf by its 32-byte leaf hash (see `leafHash`). */
  pushLeafHash(hash: Uint8Array): void {
    if (hash.length !== HASH_SIZE) throw new RangeError(`a leaf hash must be ${HASH_SIZE} bytes`);
    let node: Buffer = Buffer.from(hash);
    // Each trailing 1-bit of the old count is a complete subtree of equal size to merge with.
    for (let n = this.count; isOdd(n); n = half(n)) {
      node = nodeHash(this.stack.pop()!, node);
    }
    this.stack.push(node);
    this.count += 1;
  }

  /** Appends a leaf by its data: the leaf hash SHA-256(0x00 || data) is pushed. */
  pushLeafData(data: Uint8Array): void {
    this.pushLeafHash(leafHash(data));
  }

  /** The root of the tree of all leaves pushed so far (the empty root when none). Does not end the stream. */
  root(): Buffer {
    if (this.stack.length === 0) return emptyRoot();
    let root = this.stack[this.stack.length - 1];
    for (let i = this.stack.length - 2; i >= 0; i--) root = nodeHash(this.stack[i], root);
    return Buffer.from(root);
  }
}
