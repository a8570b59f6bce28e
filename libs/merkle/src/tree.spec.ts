import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { emptyRoot, leafHash, nodeHash } from './hash.js';
import { MerkleTree } from './tree.js';
import { MerkleRootBuilder } from './root-builder.js';
import { verifyConsistency, verifyInclusion } from './verify.js';
import { referenceConsistency, referencePath, referenceRoot } from './test-support/reference-tree.js';
import {
  EMPTY_ROOT_HEX,
  VECTOR_CONSISTENCY,
  VECTOR_INCLUSION,
  VECTOR_LEAF_HASHES,
  VECTOR_LEAVES,
  VECTOR_ROOTS,
} from './test-support/rfc6962-vectors.js';

const hex = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString('hex'));
const vectorData = VECTOR_LEAVES.map((l) => Buffer.from(l, 'hex'));
const leafData = fc.array(fc.uint8Array({ maxLength: 12 }), { maxLength: 70 });

describe('RFC 6962 hashing (published vectors)', () => {
  it('hashes the vector leaves as SHA-256(0x00 || data)', () => {
    expect(vectorData.map((d) => leafHash(d).toString('hex'))).toEqual(VECTOR_LEAF_HASHES);
  });

  it('gives SHA-256 of the empty string as the empty tree root', () => {
    expect(emptyRoot().toString('hex')).toBe(EMPTY_ROOT_HEX);
    expect(new MerkleTree().root().toString('hex')).toBe(EMPTY_ROOT_HEX);
    expect(new MerkleRootBuilder().root().toString('hex')).toBe(EMPTY_ROOT_HEX);
  });

  it('hashes nodes as SHA-256(0x01 || left || right)', () => {
    const two = nodeHash(leafHash(vectorData[0]), leafHash(vectorData[1]));
    expect(two.toString('hex')).toBe(VECTOR_ROOTS[1]);
    expect(() => nodeHash(Buffer.alloc(31), Buffer.alloc(32))).toThrow(RangeError);
  });
});

describe('MerkleTree against the published vectors', () => {
  const tree = MerkleTree.fromLeafData(vectorData);

  it('has the published root at every size 1..8, for the full tree and for a tree of each prefix', () => {
    for (let n = 1; n <= 8; n++) {
      expect(tree.root(n).toString('hex')).toBe(VECTOR_ROOTS[n - 1]);
      expect(MerkleTree.fromLeafData(vectorData.slice(0, n)).root().toString('hex')).toBe(VECTOR_ROOTS[n - 1]);
    }
  });

  it('produces the published inclusion proofs, which verify', () => {
    for (const { index, size, proof } of VECTOR_INCLUSION) {
      const generated = tree.inclusionProof(index, size);
      expect(hex(generated)).toEqual(proof);
      expect(verifyInclusion(tree.leafHash(index), index, size, generated, tree.root(size))).toBe(true);
    }
  });

  it('produces the published consistency proofs, which verify', () => {
    for (const { size1, size2, proof } of VECTOR_CONSISTENCY) {
      const generated = tree.consistencyProof(size1, size2);
      expect(hex(generated)).toEqual(proof);
      expect(verifyConsistency(size1, size2, tree.root(size1), tree.root(size2), generated)).toBe(true);
    }
  });
});

describe('MerkleRootBuilder', () => {
  it('streams the published roots leaf by leaf', () => {
    const builder = new MerkleRootBuilder();
    vectorData.forEach((data, i) => {
      builder.pushLeafData(data);
      expect(builder.size).toBe(i + 1);
      expect(builder.root().toString('hex')).toBe(VECTOR_ROOTS[i]);
    });
  });

  it('agrees with the reference definition for random leaves', () => {
    fc.assert(
      fc.property(leafData, (leaves) => {
        const builder = new MerkleRootBuilder();
        for (const leaf of leaves) builder.pushLeafHash(leafHash(leaf));
        expect(builder.root()).toEqual(referenceRoot(leaves));
      }),
      { numRuns: 60 },
    );
  });

  it('holds O(log n) hashes', () => {
    const builder = new MerkleRootBuilder();
    const leaf = leafHash(Buffer.from('x'));
    for (let i = 0; i < 1000; i++) builder.pushLeafHash(leaf);
    // 1000 = 0b1111101000: one stored subtree per set bit.
    expect((builder as unknown as { stack: Buffer[] }).stack).toHaveLength(6);
  });

  it('rejects leaf hashes of the wrong length', () => {
    expect(() => new MerkleRootBuilder().pushLeafHash(Buffer.alloc(31))).toThrow(RangeError);
  });

  it('goes on from a compact range as if it had every leaf (split anywhere)', () => {
    fc.assert(
      fc.property(leafData, fc.nat(), (leaves, cut) => {
        const at = leaves.length === 0 ? 0 : cut % (leaves.length + 1);
        const first = new MerkleRootBuilder();
        for (const leaf of leaves.slice(0, at)) first.pushLeafHash(leafHash(leaf));
        const range = first.compactRange();
        expect(range).toHaveLength([...at.toString(2)].filter((b) => b === '1').length);
        const resumed = MerkleRootBuilder.fromCompactRange(at, range);
        expect(resumed.root()).toEqual(referenceRoot(leaves.slice(0, at)));
        for (const leaf of leaves.slice(at)) resumed.pushLeafHash(leafHash(leaf));
        expect(resumed.size).toBe(leaves.length);
        expect(resumed.root()).toEqual(referenceRoot(leaves));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a compact range that does not fit the size', () => {
    const h = leafHash(Buffer.from('x'));
    expect(() => MerkleRootBuilder.fromCompactRange(3, [h])).toThrow(/3 leaves has a compact range of 2 roots, got 1/);
    expect(() => MerkleRootBuilder.fromCompactRange(0, [h])).toThrow(RangeError);
    expect(() => MerkleRootBuilder.fromCompactRange(1, [Buffer.alloc(31)])).toThrow(RangeError);
    expect(() => MerkleRootBuilder.fromCompactRange(-1, [])).toThrow(RangeError);
  });
});

describe('MerkleTree properties', () => {
  it('matches the reference root, audit paths and consistency proofs for random trees and sizes', () => {
    fc.assert(
      fc.property(leafData, (leaves) => {
        const tree = new MerkleTree(leaves.map((l) => leafHash(l)));
        expect(tree.size).toBe(leaves.length);
        for (let n = 0; n <= leaves.length; n++) {
          const prefix = leaves.slice(0, n);
          expect(tree.root(n)).toEqual(referenceRoot(prefix));
          for (let m = 0; m < n; m++) expect(tree.inclusionProof(m, n)).toEqual(referencePath(m, prefix));
          for (let m = 0; m <= n; m++) expect(tree.consistencyProof(m, n)).toEqual(referenceConsistency(m, prefix));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('builds the same tree by appending one leaf at a time', () => {
    fc.assert(
      fc.property(leafData, (leaves) => {
        const appended = new MerkleTree();
        leaves.forEach((leaf, i) => expect(appended.appendLeafData(leaf)).toBe(i));
        const bulk = MerkleTree.fromLeafData(leaves);
        expect(appended.root()).toEqual(bulk.root());
        expect(appended.root()).toEqual(referenceRoot(leaves));
      }),
      { numRuns: 40 },
    );
  });

  it('verifies every inclusion proof of every leaf', () => {
    fc.assert(
      fc.property(leafData.filter((l) => l.length > 0), (leaves) => {
        const tree = MerkleTree.fromLeafData(leaves);
        const root = tree.root();
        leaves.forEach((leaf, i) => {
          expect(verifyInclusion(leafHash(leaf), i, leaves.length, tree.inclusionProof(i), root)).toBe(true);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('verifies consistency proofs between random sizes', () => {
    fc.assert(
      fc.property(
        leafData.filter((l) => l.length > 0),
        fc.nat(),
        fc.nat(),
        (leaves, a, b) => {
          const tree = MerkleTree.fromLeafData(leaves);
          const size2 = 1 + (a % leaves.length);
          const size1 = b % (size2 + 1);
          const proof = tree.consistencyProof(size1, size2);
          expect(verifyConsistency(size1, size2, tree.root(size1), tree.root(size2), proof)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns copies that callers cannot use to corrupt the tree', () => {
    const tree = MerkleTree.fromLeafData(vectorData);
    tree.root().fill(0);
    tree.inclusionProof(0)[0].fill(0);
    tree.leafHash(0).fill(0);
    expect(tree.root().toString('hex')).toBe(VECTOR_ROOTS[7]);
  });

  it('rejects sizes and indices outside the tree', () => {
    const tree = MerkleTree.fromLeafData(vectorData.slice(0, 5));
    expect(() => tree.root(6)).toThrow(RangeError);
    expect(() => tree.root(-1)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5)).toThrow(RangeError);
    expect(() => tree.inclusionProof(2, 2)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0.5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(4, 3)).toThrow(RangeError);
    expect(() => tree.consistencyProof(1, 6)).toThrow(RangeError);
    expect(() => tree.leafHash(5)).toThrow(RangeError);
    expect(() => tree.append(Buffer.alloc(33))).toThrow(RangeError);
  });
});
