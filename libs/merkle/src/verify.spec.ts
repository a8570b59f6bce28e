import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { leafHash } from './hash.js';
import { MerkleTree } from './tree.js';
import { MerkleVerificationError } from './errors.js';
import {
  assertConsistency,
  assertInclusion,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './verify.js';
import {
  EMPTY_ROOT_HEX,
  VECTOR_CONSISTENCY,
  VECTOR_INCLUSION,
  VECTOR_LEAVES,
  VECTOR_ROOTS,
} from './test-support/rfc6962-vectors.js';

const h = (hex: string): Buffer => Buffer.from(hex, 'hex');
const roots = VECTOR_ROOTS.map(h);
const emptyTreeRoot = h(EMPTY_ROOT_HEX);
const someHash = h('abacaba000000000000000000000000000000000000000000060061e00123456');

function flipBit(bytes: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[Math.floor(bit / 8) % copy.length] ^= 1 << bit % 8;
  return copy;
}

describe('verifyInclusion: corrupted variants of the published proofs (as in transparency-dev/merkle)', () => {
  for (const { index, size, proof: proofHex } of VECTOR_INCLUSION) {
    it(`accepts leaf ${index} of ${size} and rejects every corruption`, () => {
      const leaf = leafHash(h(VECTOR_LEAVES[index]));
      const root = roots[size - 1];
      const proof = proofHex.map(h);
      expect(rootFromInclusionProof(leaf, index, size, proof)).toEqual(root);
      expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);

      const probes: [string, number, number, Uint8Array, Uint8Array[], Uint8Array][] = [
        ['index - 1', index - 1, size, leaf, proof, root],
        ['index + 1', index + 1, size, leaf, proof, root],
        ['index ^ 2', index ^ 2, size, leaf, proof, root],
        ['size * 2', index, size * 2, leaf, proof, root],
        ['size / 2', index, Math.floor(size / 2), leaf, proof, root],
        ['wrong leaf', index, size, Buffer.from('WrongLeaf'), proof, root],
        ['empty root', index, size, leaf, proof, emptyTreeRoot],
        ['random root', index, size, leaf, proof, someHash],
        ['trailing garbage', index, size, leaf, [...proof, Buffer.alloc(0)], root],
        ['trailing root', index, size, leaf, [...proof, root], root],
        ['preceding garbage', index, size, leaf, [Buffer.alloc(0), ...proof], root],
        ['preceding root', index, size, leaf, [root, ...proof], root],
      ];
      proof.forEach((_, i) => {
        probes.push([`proof[${i}] bit 3`, index, size, leaf, proof.map((p, j) => (i === j ? flipBit(p, 3) : p)), root]);
      });
      if (proof.length > 0) probes.push(['removed component', index, size, leaf, proof.slice(0, -1), root]);
      if (proof.length > 1) probes.push(['inserted component', index, size, leaf, [proof[0], someHash, ...proof.slice(1)], root]);

      const accepted = probes.filter(([, i, n, l, p, r]) => verifyInclusion(l, i, n, p, r)).map(([desc]) => desc);
      expect(accepted).toEqual([]);
    });
  }

  it('rejects impossible index/size pairs and malformed hashes without throwing', () => {
    for (const [index, size] of [[0, 0], [1, 0], [2, 1], [-1, 4], [0.5, 4], [Number.NaN, 4]] as const) {
      expect(verifyInclusion(someHash, index, size, [], emptyTreeRoot)).toBe(false);
    }
    const single = leafHash(Buffer.from('data'));
    expect(verifyInclusion(single, 0, 1, [], single)).toBe(true);
    expect(verifyInclusion(single, 0, 1, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(Buffer.alloc(0), 0, 1, [], single)).toBe(false);
    expect(verifyInclusion(single, 0, 1, 'nope' as unknown as Buffer[], single)).toBe(false);
  });

  it('explains why a proof fails', () => {
    const leaf = leafHash(h(VECTOR_LEAVES[0]));
    expect(() => assertInclusion(leaf, 3, 3, [], roots[2])).toThrow(/outside a tree of size 3/);
    expect(() => assertInclusion(leaf, 0, 8, [], roots[7])).toThrow(/too short/);
    expect(() => assertInclusion(leaf, 0, 1, [someHash], roots[0])).toThrow(/too long/);
    expect(() => assertInclusion(leaf, 0, 2, [someHash], roots[1])).toThrow(/does not match/);
    expect(() => assertInclusion(leaf, 0, 2, [someHash], roots[1])).toThrow(MerkleVerificationError);
  });
});

describe('verifyConsistency', () => {
  const root1 = Buffer.alloc(32, 1);
  const root2 = Buffer.alloc(32, 2);

  it('handles the trivial cases like transparency-dev/merkle, but pins the empty tree to its root', () => {
    const cases: [number, number, Buffer, Buffer, Buffer[], boolean][] = [
      [0, 0, root1, root2, [], false],
      [1, 1, root1, root2, [], false],
      [0, 0, emptyTreeRoot, emptyTreeRoot, [], true],
      [0, 1, emptyTreeRoot, root2, [], true],
      [1, 1, root2, root2, [], true],
      [1, 0, root1, root2, [], false],
      [2, 1, root1, root2, [], false],
      [1, 2, root1, root2, [], false],
      [0, 0, emptyTreeRoot, root2, [], false],
      [1, 1, emptyTreeRoot, root2, [], false],
      [0, 0, emptyTreeRoot, emptyTreeRoot, [emptyTreeRoot], false],
      [0, 1, emptyTreeRoot, emptyTreeRoot, [emptyTreeRoot], false],
      [1, 1, emptyTreeRoot, emptyTreeRoot, [emptyTreeRoot], false],
      // Stricter than the Go library: size 0 has exactly one root.
      [0, 1, root1, root2, [], false],
    ];
    for (const [size1, size2, r1, r2, proof, valid] of cases) {
      expect([size1, size2, verifyConsistency(size1, size2, r1, r2, proof)]).toEqual([size1, size2, valid]);
    }
  });

  for (const { size1, size2, proof: proofHex } of VECTOR_CONSISTENCY.filter((v) => v.proof.length > 0)) {
    it(`accepts the published proof ${size1} → ${size2} and rejects every corruption`, () => {
      const r1 = roots[size1 - 1];
      const r2 = roots[size2 - 1];
      const proof = proofHex.map(h);
      expect(verifyConsistency(size1, size2, r1, r2, proof)).toBe(true);

      const probes: [string, number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        ['size1 - 1', size1 - 1, size2, r1, r2, proof],
        ['size1 + 1', size1 + 1, size2, r1, r2, proof],
        ['size1 ^ 2', size1 ^ 2, size2, r1, r2, proof],
        ['size2 * 2', size1, size2 * 2, r1, r2, proof],
        ['size2 / 2', size1, Math.floor(size2 / 2), r1, r2, proof],
        ['wrong root1', size1, size2, Buffer.from('WrongRoot'), r2, proof],
        ['wrong root2', size1, size2, r1, Buffer.from('WrongRoot'), proof],
        ['swapped roots', size1, size2, r2, r1, proof],
        ['empty proof', size1, size2, r1, r2, []],
        ['trailing garbage', size1, size2, r1, r2, [...proof, Buffer.alloc(0)]],
        ['trailing root1', size1, size2, r1, r2, [...proof, r1]],
        ['trailing root2', size1, size2, r1, r2, [...proof, r2]],
        ['preceding garbage', size1, size2, r1, r2, [Buffer.alloc(0), ...proof]],
        ['preceding root1', size1, size2, r1, r2, [r1, ...proof]],
        ['preceding root2', size1, size2, r1, r2, [r2, ...proof]],
        ['preceding proof[0]', size1, size2, r1, r2, [proof[0], ...proof]],
        ['truncated proof', size1, size2, r1, r2, proof.slice(0, -1)],
      ];
      proof.forEach((_, i) => {
        probes.push([`proof[${i}] bit 4`, size1, size2, r1, r2, proof.map((p, j) => (i === j ? flipBit(p, 4) : p))]);
      });
      const accepted = probes.filter(([, s1, s2, a, b, p]) => verifyConsistency(s1, s2, a, b, p)).map(([d]) => d);
      expect(accepted).toEqual([]);
    });
  }

  it('explains why a proof fails', () => {
    expect(() => assertConsistency(3, 2, roots[2], roots[1], [])).toThrow(/larger than/);
    expect(() => assertConsistency(2, 5, roots[1], roots[4], [])).toThrow(/empty/);
    expect(() => assertConsistency(2, 5, roots[1], roots[3], VECTOR_CONSISTENCY[3].proof.map(h))).toThrow(/second root/);
  });
});

describe('tampering properties', () => {
  const treeAndLeaf = fc
    .array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 80 })
    .chain((leaves) => fc.tuple(fc.constant(leaves), fc.nat(leaves.length - 1), fc.nat(255)));

  it('fails when any bit of the proof, leaf hash or root is flipped, or the index changes', () => {
    fc.assert(
      fc.property(treeAndLeaf, ([leaves, index, bit]) => {
        const tree = MerkleTree.fromLeafData(leaves);
        const root = tree.root();
        const leaf = tree.leafHash(index);
        const proof = tree.inclusionProof(index);
        const n = leaves.length;
        expect(verifyInclusion(leaf, index, n, proof, root)).toBe(true);
        expect(verifyInclusion(flipBit(leaf, bit), index, n, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, index, n, proof, flipBit(root, bit))).toBe(false);
        proof.forEach((_, i) => {
          const tampered = proof.map((p, j) => (i === j ? flipBit(p, bit) : p));
          expect(verifyInclusion(leaf, index, n, tampered, root)).toBe(false);
        });
        // Another index holds another leaf, unless the data happens to be equal.
        for (const other of [index - 1, index + 1, index ^ 1, index ^ 2]) {
          if (other === index || !verifyInclusion(leaf, other, n, proof, root)) continue;
          expect(tree.leafHash(other)).toEqual(leaf);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('fails consistency proofs when a proof bit, a root bit or a size is altered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 2, maxLength: 80 }),
        fc.nat(),
        fc.nat(),
        fc.nat(255),
        (leaves, a, b, bit) => {
          const tree = MerkleTree.fromLeafData(leaves);
          const size2 = 2 + (a % (leaves.length - 1));
          const size1 = 1 + (b % (size2 - 1)); // 0 < size1 < size2
          const r1 = tree.root(size1);
          const r2 = tree.root(size2);
          const proof = tree.consistencyProof(size1, size2);
          expect(verifyConsistency(size1, size2, r1, r2, proof)).toBe(true);
          expect(verifyConsistency(size1, size2, flipBit(r1, bit), r2, proof)).toBe(false);
          expect(verifyConsistency(size1, size2, r1, flipBit(r2, bit), proof)).toBe(false);
          proof.forEach((_, i) => {
            const tampered = proof.map((p, j) => (i === j ? flipBit(p, bit) : p));
            expect(verifyConsistency(size1, size2, r1, r2, tampered)).toBe(false);
          });
          expect(verifyConsistency(size1, size2, r1, r2, proof.slice(1))).toBe(false);
          expect(verifyConsistency(size1, size2, r1, r2, [...proof, r2])).toBe(false);
          // The same proof and roots must not pass for another old size.
          if (size1 + 1 < size2) expect(verifyConsistency(size1 + 1, size2, r1, r2, proof)).toBe(false);
        },
      ),
      { numRuns: 120 },
    );
  });
});
