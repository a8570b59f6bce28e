import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { exportPublicKey, generateEd25519KeyPair } from './keys.js';
import { leafHash } from './hash.js';
import { MerkleTree } from './tree.js';
import { parseLineProofBundle, verifyLineProof, type LineProofBundle } from './line-proof.js';
import { signTreeHead } from './tree-head.js';
import { buildLineProofFixture } from './test-support/line-proof-fixture.js';

const fixture = buildLineProofFixture([5, 1, 8, 3, 13]);
const keys = fixture.keySet.keys;

function flipHex(hex: string, bit = 0): string {
  const bytes = Buffer.from(hex, 'hex');
  bytes[Math.floor(bit / 8) % bytes.length] ^= 1 << bit % 8;
  return bytes.toString('hex');
}

describe('verifyLineProof', () => {
  it('accepts the proof of every line of every submission', () => {
    [5, 1, 8, 3, 13].forEach((count, s) => {
      for (let i = 0; i < count; i++) expect(verifyLineProof(fixture.bundle(s, i), keys)).toEqual({ ok: true });
    });
  });

  it('rejects each kind of tampering with a reason', () => {
    const good = fixture.bundle(2, 6);
    const otherLine = fixture.bundle(2, 5);
    const cases: [string, Partial<LineProofBundle>, RegExp][] = [
      ['changed amount', { leaf: good.leaf.replace('"net":"', '"net":"1') }, /computed root .* does not match/],
      ['other line content', { leaf: otherLine.leaf }, /does not match/],
      ['non-canonical leaf', { leaf: good.leaf.replace('{', '{ ') }, /canonical JSON/],
      ['leaf index', { leafIndex: 7 }, /does not match/],
      ['submission size', { submissionSize: 9 }, /./],
      ['submission root', { submissionRoot: flipHex(good.submissionRoot, 77) }, /./],
      ['line proof element', { lineProof: [good.lineProof[0], flipHex(good.lineProof[1], 3), ...good.lineProof.slice(2)] }, /does not match/],
      ['line proof truncated', { lineProof: good.lineProof.slice(0, -1) }, /too short/],
      ['submission index', { submissionIndex: 3 }, /submission is not proven to be in the log/],
      ['tree size', { treeSize: 4 }, /./],
      ['log proof element', { logProof: good.logProof.map((h, i) => (i === 0 ? flipHex(h, 200) : h)) }, /not proven to be in the log/],
      ['head root', { head: { ...good.head, rootHash: flipHex(good.head.rootHash) } }, /./],
      ['head size', { head: { ...good.head, treeSize: 6 } }, /head is for size 6/],
      ['head signature', { head: { ...good.head, signature: Buffer.alloc(64, 7).toString('base64') } }, /does not verify/],
      ['hex with a bad digit', { lineProof: ['zz', ...good.lineProof.slice(1)] }, /malformed proof: lineProof\[0\]/],
    ];
    for (const [what, change, reason] of cases) {
      const result = verifyLineProof({ ...good, ...change }, keys);
      expect([what, result.ok]).toEqual([what, false]);
      expect([what, result.reason]).toEqual([what, expect.stringMatching(reason)]);
    }
  });

  it('rejects a head signed by a key that is not trusted, even when everything else matches', () => {
    const stranger = generateEd25519KeyPair();
    const good = fixture.bundle(0, 0);
    const forgedHead = signTreeHead({ treeSize: good.head.treeSize, rootHash: good.head.rootHash, timestamp: good.head.timestamp }, stranger.privateKey);
    expect(verifyLineProof({ ...good, head: forgedHead }, keys)).toEqual({ ok: false, reason: expect.stringMatching(/not a trusted key/) });
    expect(verifyLineProof({ ...good, head: forgedHead }, [...keys, exportPublicKey(stranger.publicKey)])).toEqual({ ok: true });
    expect(verifyLineProof(good, []).ok).toBe(false);
  });

  it('without submissionSize, proves the content but warns that the position is not checked', () => {
    const { submissionSize: _, ...bundle } = fixture.bundle(4, 11);
    const result = verifyLineProof(bundle, keys);
    expect(result.ok).toBe(true);
    expect(result.warning).toMatch(/position/);
    expect(verifyLineProof({ ...bundle, leaf: fixture.bundle(4, 10).leaf }, keys).ok).toBe(false);
  });

  it('reports a malformed bundle instead of throwing', () => {
    const good = fixture.bundle(0, 1);
    for (const bad of [null, [], { ...good, leafIndex: -1 }, { ...good, lineProof: 'ab' }, { ...good, head: null }, { ...good, leaf: 5 }]) {
      expect(verifyLineProof(bad as unknown as LineProofBundle, keys)).toEqual({ ok: false, reason: expect.stringMatching(/^malformed proof/) });
    }
    expect(() => parseLineProofBundle({ ...good, submissionSize: 'x' })).toThrow(/submissionSize/);
  });
});

describe('line proofs without submissionSize', () => {
  const logKey = generateEd25519KeyPair();
  const logKeys = [exportPublicKey(logKey.publicKey)];

  it('verify for every line of submissions of any size, and fail when tampered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(255), (size, i, bit) => {
        const index = i % size;
        const submission = MerkleTree.fromLeafData(Array.from({ length: size }, (_, n) => Buffer.from(`{"n":${n}}`)));
        const log = MerkleTree.fromLeafData([submission.root()]);
        const head = signTreeHead(
          { treeSize: 1, rootHash: log.root().toString('hex'), timestamp: '2026-04-01T00:00:00Z' },
          logKey.privateKey,
        );
        const bundle: LineProofBundle = {
          leaf: `{"n":${index}}`,
          leafIndex: index,
          submissionRoot: submission.root().toString('hex'),
          lineProof: submission.inclusionProof(index).map((h) => h.toString('hex')),
          submissionIndex: 0,
          treeSize: 1,
          logProof: [],
          head,
        };
        expect(leafHash(Buffer.from(bundle.leaf))).toEqual(submission.leafHash(index));
        expect(verifyLineProof(bundle, logKeys)).toEqual({ ok: true, warning: expect.any(String) });
        expect(verifyLineProof({ ...bundle, submissionSize: size }, logKeys)).toEqual({ ok: true });
        const wrongLeaf = `{"n":${index + 1}}`;
        expect(verifyLineProof({ ...bundle, leaf: wrongLeaf }, logKeys).ok).toBe(false);
        if (bundle.lineProof.length > 0) {
          const lineProof = bundle.lineProof.map((h, j) => (j === bit % bundle.lineProof.length ? flipHex(h, bit) : h));
          expect(verifyLineProof({ ...bundle, lineProof }, logKeys).ok).toBe(false);
        }
      }),
      { numRuns: 80 },
    );
  });
});
