import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MerkleTree, emptyRoot, leafHash, verifyInclusion } from '../../merkle/src/index.js';
import { chunkedInclusionProof, collectLeafRows, rootOfChunks, SubmissionTreeBuilder } from './submission-tree.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`line ${i}`)));

function build(hashes: Buffer[], chunkLeaves: number, firstLineNo = 2) {
  const builder = new SubmissionTreeBuilder(chunkLeaves);
  hashes.forEach((h, i) => builder.push(firstLineNo + i, h));
  return builder.finish();
}

describe('SubmissionTreeBuilder', () => {
  it('gives the RFC 6962 root of all the lines, whatever the chunk size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.constantFrom(1, 2, 4, 8, 32, 1024), (n, chunkLeaves) => {
        const hashes = leaves(n);
        const tree = build(hashes, chunkLeaves);
        expect(tree.size).toBe(n);
        expect(tree.root.equals(new MerkleTree(hashes).root())).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('cuts full chunks of chunkLeaves lines, the last one shorter, each with its first line number and root', () => {
    const hashes = leaves(10);
    const tree = build(hashes, 4, 7);
    expect(tree.chunks.map((c) => [c.index, c.firstLineNo, c.leafCount])).toEqual([
      [0, 7, 4],
      [1, 11, 4],
      [2, 15, 2],
    ]);
    expect(tree.chunks[1].root.equals(new MerkleTree(hashes.slice(4, 8)).root())).toBe(true);
    expect(tree.chunks[2].root.equals(new MerkleTree(hashes.slice(8)).root())).toBe(true);
  });

  it('gives the empty root and no chunks for no lines', () => {
    const tree = build([], 4);
    expect(tree).toEqual({ size: 0, root: emptyRoot(), chunks: [] });
    expect(rootOfChunks([]).equals(emptyRoot())).toBe(true);
  });

  it('refuses lines out of order (the root would not be the one of the file)', () => {
    const builder = new SubmissionTreeBuilder(4);
    builder.push(5, leaves(1)[0]);
    expect(() => builder.push(5, leaves(1)[0])).toThrow(/increasing line order: line 5 after line 5/);
    expect(() => builder.push(3, leaves(1)[0])).toThrow(/increasing line order/);
  });

  it('refuses a chunk size that is not a power of two', () => {
    expect(() => new SubmissionTreeBuilder(3)).toThrow(/power of two/);
    expect(() => new SubmissionTreeBuilder(0)).toThrow(/power of two/);
  });
});

describe('chunkedInclusionProof', () => {
  it('equals the audit path of the whole tree, for every line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.constantFrom(1, 2, 4, 16, 64), fc.nat(), (n, chunkLeaves, pick) => {
        const hashes = leaves(n);
        const whole = new MerkleTree(hashes);
        const tree = build(hashes, chunkLeaves);
        const i = pick % n;
        const chunk = Math.floor(i / chunkLeaves);
        const proof = chunkedInclusionProof(
          i - chunk * chunkLeaves,
          hashes.slice(chunk * chunkLeaves, (chunk + 1) * chunkLeaves),
          chunk,
          tree.chunks.map((c) => c.root),
          chunkLeaves,
        );
        expect(proof.map((p) => p.toString('hex'))).toEqual(whole.inclusionProof(i).map((p) => p.toString('hex')));
        expect(verifyInclusion(hashes[i], i, n, proof, tree.root)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a short chunk that is not the last one, and a chunk index out of range', () => {
    const hashes = leaves(10);
    const roots = build(hashes, 4).chunks.map((c) => c.root);
    expect(() => chunkedInclusionProof(0, hashes.slice(0, 3), 0, roots, 4)).toThrow(/must hold 4 leaves/);
    expect(() => chunkedInclusionProof(0, hashes.slice(0, 4), 3, roots, 4)).toThrow(/not one of the 3 chunks/);
  });
});

describe('collectLeafRows', () => {
  const rowsText = (hashes: Buffer[], order: number[]) => order.map((i) => `${i + 2}\t${hashes[i].toString('hex')}\n`).join('');

  it('reads COPY rows split anywhere across stream chunks', async () => {
    const hashes = leaves(5);
    const text = rowsText(hashes, [0, 1, 2, 3, 4]);
    async function* pieces() {
      for (let at = 0; at < text.length; at += 37) yield Buffer.from(text.slice(at, at + 37), 'latin1');
    }
    const rows = await collectLeafRows(pieces());
    expect(rows.size).toBe(5);
    expect(rows.buildTree(2).root.equals(new MerkleTree(hashes).root())).toBe(true);
  });

  it('builds the tree in line order whatever order the rows came in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3000 }), fc.boolean(), fc.nat(), async (n, sparse, seed) => {
        const hashes = leaves(n);
        const order = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1, x = seed; i > 0; i--) {
          x = (x * 1103515245 + 12345) % 2147483648;
          const j = x % (i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        // Sparse line numbers (gaps) take the general sort, dense ones the direct placement.
        const text = order.map((i) => `${sparse ? i * 3 + 2 : i + 2}\t${hashes[i].toString('hex')}\n`).join('');
        const tree = (await collectLeafRows([text])).buildTree(64);
        expect(tree.root.equals(new MerkleTree(hashes).root())).toBe(true);
        expect(tree.chunks[0].firstLineNo).toBe(2);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a line number written twice', async () => {
    const h = leaves(3);
    await expect(collectLeafRows([rowsText(h, [0, 1]) + `2\t${h[2].toString('hex')}\n`]).then((r) => r.buildTree())).rejects.toThrow(/twice|increasing line order/);
    await expect(collectLeafRows([`3\t${h[0].toString('hex')}\n2\t${h[1].toString('hex')}\n9\t${h[2].toString('hex')}\n3\t${h[2].toString('hex')}\n`]).then((r) => r.buildTree())).rejects.toThrow(
      /increasing line order/,
    );
  });

  it('accepts a last row without a newline and refuses a malformed row', async () => {
    const h = leaves(1)[0].toString('hex');
    expect((await collectLeafRows([`2\t${h}`])).size).toBe(1);
    await expect(collectLeafRows([`2\t${h.slice(1)}\n`])).rejects.toThrow(/unexpected leaf row/);
    await expect(collectLeafRows([`\t${h}\n`])).rejects.toThrow(/unexpected leaf row/);
    // Uppercase or non-hex digits, a hash with extra characters, a line number that is not one.
    await expect(collectLeafRows([`2\t${h.toUpperCase()}\n`])).rejects.toThrow(/unexpected leaf row/);
    await expect(collectLeafRows([`2\t${h.slice(1)}g\n`])).rejects.toThrow(/unexpected leaf row/);
    await expect(collectLeafRows([`2\t${h}0\n`])).rejects.toThrow(/unexpected leaf row/);
    await expect(collectLeafRows([`2x\t${h}\n`])).rejects.toThrow(/unexpected leaf row/);
    // Further columns after the hash are ignored.
    expect((await collectLeafRows([`2\t${h}\tt\n`])).size).toBe(1);
  });

  it('builds the same tree in slices, giving the event loop back in between', async () => {
    const hashes = leaves(2500);
    const text = rowsText(hashes, Array.from({ length: 2500 }, (_, i) => 2499 - i));
    const rows = await collectLeafRows([text]);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    const sliced = await rows.buildTreeInSlices(64, 100);
    clearInterval(timer);
    const whole = rows.buildTree(64);
    expect(sliced.root.equals(whole.root)).toBe(true);
    expect(sliced.root.equals(new MerkleTree(hashes).root())).toBe(true);
    expect(sliced.chunks).toEqual(whole.chunks);
    expect(ticks).toBeGreaterThan(0);
  });
});
