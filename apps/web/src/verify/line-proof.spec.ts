import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson, isCanonicalJson } from './canonical-json';
import { base64ToBytes, bytesToHex, hexToBytes, utf8 } from './encoding';
import { type LineProofBundle, societyLogOrigin, verifyLineProof } from './line-proof';
import { leafHash, nodeHash, rootFromInclusionProof } from './merkle';
import { type PublishedKey, type SignedTreeHead, treeHeadSigningInput, verifySignedHead } from './signed-head';

/**
 * The browser verifier (WebCrypto, here Node 20's globalThis.crypto) against the ledger's
 * own verifier, libs/merkle, on the same bundles: every good proof accepted by both,
 * every tampered one refused by both. libs/merkle runs on node:crypto; the browser's
 * tsconfig has no Node types, so it is loaded by path and typed here by what is used.
 */

interface ReferenceTree {
  size: number;
  root(): Uint8Array;
  inclusionProof(index: number): Uint8Array[];
}
interface MerkleReference {
  verifyLineProof(bundle: unknown, keys: readonly PublishedKey[]): { ok: boolean; reason?: string; warning?: string };
  canonicalJson(value: unknown): string;
  treeHeadSigningInput(head: unknown): string;
  MerkleTree: { fromLeafData(leaves: Uint8Array[]): ReferenceTree };
  leafHash(data: Uint8Array): Uint8Array;
  generateEd25519KeyPair(): { privateKey: unknown; publicKey: unknown };
  exportPublicKey(key: unknown): PublishedKey;
  signTreeHead(head: Omit<SignedTreeHead, 'signature' | 'keyId'>, privateKey: unknown): SignedTreeHead;
}
interface FixtureModule {
  buildLineProofFixture(linesPerSubmission: readonly number[], timestamp?: string): {
    keySet: { keys: PublishedKey[] };
    head: SignedTreeHead;
    bundle(submissionIndex: number, lineIndex: number): LineProofBundle;
  };
}

const REFERENCE_PATH = '../../../../libs/merkle/src/index.js';
const FIXTURE_PATH = '../../../../libs/merkle/src/test-support/line-proof-fixture.js';
const reference = (await import(REFERENCE_PATH)) as MerkleReference;
const { buildLineProofFixture } = (await import(FIXTURE_PATH)) as FixtureModule;

const SIZES = [5, 1, 8, 3, 13];
const fixture = buildLineProofFixture(SIZES);
const keys = fixture.keySet.keys;
const allBundles = SIZES.flatMap((count, s) => Array.from({ length: count }, (_, i) => fixture.bundle(s, i)));

/** The real example of docs/proofs.md (served by the ledger, accepted by `ledger verify`). */
const DOCS_EXAMPLE: LineProofBundle = {
  leaf: '{"category":"performing","currency":"EUR","gross":"80","line_id":"L-2","management_fee":"8","mandate_basis":"contractual","net":"72","other_deductions":"0","paid_on":"2026-03-31","rights_holder_ipi":"00014107338","rights_holder_name":"Bo Lyricist","status":"paid","territory":"FR","use_from":"2026-01-01","use_to":"2026-03-31","use_type":"radio","work_iswc":"T0345246801","work_title":"Day Song"}',
  leafIndex: 1,
  submissionRoot: 'b82a6af4486a2cd8a166a2a6caf60d49f0e30496fd4980b274d75af898239910',
  lineProof: ['ee19136b36578db045a76123af00b29d33ba61b9f17e2dc8e85de7f460fa7f35', 'faf03fd6d575b6509469e46e3f6543423e51973fe5a8dbb83705992c6416adc7'],
  submissionIndex: 0,
  treeSize: 2,
  logProof: ['dda1d986ac6375d7f3294bfaa1a4a0f7115cbb0adde3743b31d228cf784ed712'],
  head: {
    treeSize: 2,
    rootHash: '2835da2c469c51a07fe807c1902a0a143ad354b1b62dfe530c3b19443731e2d7',
    timestamp: '2026-11-27T23:49:50.532Z',
    origin: 'collective-ledger/society/f485c224-a2d8-4e53-957d-cad6b8326275',
    signature: 'cJj1IJ/CznpDphmHDwq74IIpZmHy5nxyusT0SkkW2DZnumX9vrihk/3nW1GSxYp6QfXznnXGwTzF5HGzavscDg==',
    keyId: '9f28b8a7c573bc1b',
  },
  submissionSize: 3,
};
const DOCS_KEYS: PublishedKey[] = [{ keyId: '9f28b8a7c573bc1b', algorithm: 'Ed25519', publicKey: 'Y9qMHF8al722WHtyyyiqY64jPccKf1PH65U1zkG3jmw=' }];

const flipHex = (hex: string, bit: number) => {
  const bytes = hexToBytes(hex, 'test');
  bytes[Math.floor(bit / 8) % bytes.length] ^= 1 << bit % 8;
  return bytesToHex(bytes);
};

describe('Merkle hashing', () => {
  it('hashes leaves and nodes as RFC 6962 does', async () => {
    // The empty leaf of the RFC 6962 test vectors, and the same through the reference.
    expect(bytesToHex(await leafHash(new Uint8Array(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const a = await leafHash(hexToBytes('00', 'a'));
    const b = await leafHash(hexToBytes('10', 'b'));
    expect(bytesToHex(a)).toBe(bytesToHex(reference.leafHash(hexToBytes('00', 'a'))));
    // Root of the two-leaf tree: the reference tree's root.
    expect(bytesToHex(await nodeHash(a, b))).toBe(bytesToHex(reference.MerkleTree.fromLeafData([hexToBytes('00', 'a'), hexToBytes('10', 'b')]).root()));
  });

  it('walks every audit path of trees of 1 to 20 leaves to the reference root', async () => {
    const RFC_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
    for (let size = 1; size <= 20; size++) {
      const data = Array.from({ length: size }, (_, i) => hexToBytes(RFC_LEAVES[i % RFC_LEAVES.length] + (i >= RFC_LEAVES.length ? i.toString(16).padStart(2, '0') : ''), 'leaf'));
      const tree = reference.MerkleTree.fromLeafData(data);
      if (size === 8) expect(bytesToHex(tree.root())).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
      for (let i = 0; i < size; i++) {
        const proof = tree.inclusionProof(i).map((h) => new Uint8Array(h));
        const root = await rootFromInclusionProof(await leafHash(data[i]), i, size, proof);
        expect([size, i, bytesToHex(root)]).toEqual([size, i, bytesToHex(tree.root())]);
        if (proof.length > 0) await expect(rootFromInclusionProof(await leafHash(data[i]), i, size, proof.slice(1))).rejects.toThrow(/too short/);
      }
      await expect(rootFromInclusionProof(await leafHash(data[0]), size, size, [])).rejects.toThrow(/outside a tree/);
    }
  });
});

describe('canonical JSON', () => {
  it('writes every JSON value as libs/merkle does, and refuses what it refuses', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }))), (value) => {
        let expected: string | Error;
        try {
          expected = reference.canonicalJson(value);
        } catch (e) {
          expected = e as Error;
        }
        if (expected instanceof Error) expect(() => canonicalJson(value)).toThrow();
        else expect(canonicalJson(value)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('recognises canonical text only', () => {
    expect(isCanonicalJson('{"a":1,"b":"x"}')).toBe(true);
    expect(isCanonicalJson('{"b":"x","a":1}')).toBe(false);
    expect(isCanonicalJson('{"a":1, "b":"x"}')).toBe(false);
    expect(isCanonicalJson('{"a":1,"a":1}')).toBe(false);
    expect(isCanonicalJson('{"a":1.0}')).toBe(false);
    expect(isCanonicalJson('"\\ud800"')).toBe(false);
    expect(isCanonicalJson('not json')).toBe(false);
  });
});

describe('signed tree heads', () => {
  it('signs exactly the bytes documented, origin included', () => {
    expect(treeHeadSigningInput(DOCS_EXAMPLE.head)).toBe(
      '{"origin":"collective-ledger/society/f485c224-a2d8-4e53-957d-cad6b8326275","rootHash":"2835da2c469c51a07fe807c1902a0a143ad354b1b62dfe530c3b19443731e2d7","timestamp":"2026-11-27T23:49:50.532Z","treeSize":2}',
    );
    expect(treeHeadSigningInput(fixture.head)).toBe(reference.treeHeadSigningInput(fixture.head));
    expect(treeHeadSigningInput(fixture.head)).not.toMatch(/origin|signature|keyId/);
  });

  it('verifies a head with WebCrypto Ed25519 and refuses a changed field, an unknown key or a key that is not its id', async () => {
    await expect(verifySignedHead(DOCS_EXAMPLE.head, DOCS_KEYS)).resolves.toEqual({ ok: true, keyId: '9f28b8a7c573bc1b' });
    await expect(verifySignedHead({ ...DOCS_EXAMPLE.head, timestamp: '2026-11-27T23:49:50.533Z' }, DOCS_KEYS)).resolves.toEqual({ ok: false, reason: expect.stringMatching(/does not verify/) });
    await expect(verifySignedHead({ ...DOCS_EXAMPLE.head, origin: societyLogOrigin('00000000-0000-4000-8000-000000000000') }, DOCS_KEYS)).resolves.toMatchObject({ ok: false });
    await expect(verifySignedHead(DOCS_EXAMPLE.head, keys)).resolves.toEqual({ ok: false, reason: expect.stringMatching(/not a published key/) });
    const lying = [{ ...keys[0], keyId: DOCS_KEYS[0].keyId }];
    await expect(verifySignedHead(DOCS_EXAMPLE.head, lying)).resolves.toEqual({ ok: false, reason: expect.stringMatching(/is not the key it names/) });
    await expect(verifySignedHead({ ...DOCS_EXAMPLE.head, signature: 'not base64!' }, DOCS_KEYS)).resolves.toEqual({ ok: false, reason: expect.stringMatching(/malformed tree head/) });
    // A retired key is trusted for the heads dated up to its retirement, and no later (the server's rule).
    const at = DOCS_EXAMPLE.head.timestamp;
    const retired = (retiredAt: string) => DOCS_KEYS.map((k) => ({ ...k, retiredAt }));
    await expect(verifySignedHead(DOCS_EXAMPLE.head, retired(at))).resolves.toEqual({ ok: true, keyId: '9f28b8a7c573bc1b' });
    await expect(verifySignedHead(DOCS_EXAMPLE.head, retired(new Date(Date.parse(at) - 1).toISOString()))).resolves.toEqual({
      ok: false,
      reason: expect.stringMatching(/^the head is dated .*, after key 9f28b8a7c573bc1b was retired/),
    });
    await expect(verifySignedHead(DOCS_EXAMPLE.head, retired('yesterday'))).resolves.toEqual({ ok: false, reason: expect.stringMatching(/malformed retiredAt/) });
    expect(base64ToBytes(DOCS_KEYS[0].publicKey, 'key').length).toBe(32);
  });
});

describe('verifyLineProof in the browser', () => {
  it("accepts the documentation's real proof with its key, step by step", async () => {
    const verdict = await verifyLineProof(DOCS_EXAMPLE, DOCS_KEYS, { expectedOrigin: societyLogOrigin('f485c224-a2d8-4e53-957d-cad6b8326275') });
    expect(verdict.ok).toBe(true);
    expect(verdict.steps.map((s) => [s.id, s.status])).toEqual([
      ['leaf', 'passed'],
      ['submission', 'passed'],
      ['log', 'passed'],
      ['signature', 'passed'],
      ['origin', 'passed'],
    ]);
    expect(verdict.steps[0].detail).toContain('31c6b6d632dfe8330b725b834cefe6765d843ea1272279baa2d6804c08993975'); // the sha256sum of docs/proofs.md
    expect(verdict.steps[1].detail).toBe('Line 2 of 3, under the submission root b82a6af4486a2cd8a166a2a6caf60d49f0e30496fd4980b274d75af898239910');
    expect(reference.verifyLineProof(DOCS_EXAMPLE, DOCS_KEYS).ok).toBe(true);
  });

  it('fails at the step that breaks and checks nothing after it', async () => {
    const altered = { ...DOCS_EXAMPLE, leaf: DOCS_EXAMPLE.leaf.replace('"net":"72"', '"net":"720"') };
    const verdict = await verifyLineProof(altered, DOCS_KEYS);
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/^computed root [0-9a-f]{64} does not match the expected root b82a6af4/) });
    expect(verdict.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'not-checked', 'not-checked']);
    const otherLog = await verifyLineProof(DOCS_EXAMPLE, DOCS_KEYS, { expectedOrigin: societyLogOrigin('00000000-0000-4000-8000-000000000000') });
    expect(otherLog).toMatchObject({ ok: false, reason: expect.stringMatching(/^the head is of the log collective-ledger\/society\/f485c224/) });
    expect(otherLog.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'failed']);
    await expect(verifyLineProof({ ...DOCS_EXAMPLE, lineProof: 'x' }, DOCS_KEYS)).resolves.toMatchObject({ ok: false, reason: 'malformed proof: lineProof must be a list of hex strings' });
    await expect(verifyLineProof(null, DOCS_KEYS)).resolves.toMatchObject({ ok: false, reason: expect.stringMatching(/^malformed proof/) });
  });

  it('accepts every line of every submission, as libs/merkle does', async () => {
    for (const bundle of allBundles) {
      expect(reference.verifyLineProof(bundle, keys).ok).toBe(true);
      const verdict = await verifyLineProof(bundle, keys);
      expect(verdict).toMatchObject({ ok: true });
      expect(verdict.steps.every((s) => s.status === 'passed')).toBe(true);
    }
  });

  it('without submissionSize, proves the line but warns its position is not proven, as libs/merkle does', async () => {
    const { submissionSize: _omitted, ...bundle } = fixture.bundle(4, 9);
    expect(reference.verifyLineProof(bundle, keys)).toMatchObject({ ok: true, warning: expect.any(String) });
    await expect(verifyLineProof(bundle, keys)).resolves.toMatchObject({ ok: true, warning: expect.stringMatching(/position/) });
    await expect(verifyLineProof({ ...bundle, leafIndex: 8 }, keys)).resolves.toMatchObject({ ok: false });
    expect(reference.verifyLineProof({ ...bundle, leafIndex: 8 }, keys).ok).toBe(false);
  });

  it('agrees with libs/merkle on every tampering, and refuses each one', async () => {
    // (A changed submissionSize is not among them: a path that never climbs the right edge
    // leads to the same root for several sizes, and both verifiers rightly accept it; the
    // next test covers sizes.)
    const tamperings: ((b: LineProofBundle, n: number) => LineProofBundle)[] = [
      (b, n) => ({ ...b, leaf: b.leaf.slice(0, n % b.leaf.length) + String.fromCharCode(b.leaf.charCodeAt(n % b.leaf.length) ^ 1) + b.leaf.slice((n % b.leaf.length) + 1) }),
      (b, n) => ({ ...b, submissionRoot: flipHex(b.submissionRoot, n % 256) }),
      (b, n) => (b.lineProof.length === 0 ? { ...b, lineProof: [b.submissionRoot] } : { ...b, lineProof: b.lineProof.map((h, i) => (i === n % b.lineProof.length ? flipHex(h, n % 256) : h)) }),
      (b, n) => (b.logProof.length === 0 ? { ...b, logProof: [b.head.rootHash] } : { ...b, logProof: b.logProof.map((h, i) => (i === n % b.logProof.length ? flipHex(h, n % 256) : h)) }),
      (b) => ({ ...b, lineProof: b.lineProof.length > 0 ? b.lineProof.slice(1) : [b.submissionRoot] }),
      (b, n) => ({ ...b, leafIndex: b.leafIndex + 1 + (n % 3) }),
      (b, n) => ({ ...b, submissionIndex: (b.submissionIndex + 1 + (n % 5)) % 7 }),
      (b) => ({ ...b, treeSize: b.treeSize + 1 }),
      (b, n) => ({ ...b, head: { ...b.head, rootHash: flipHex(b.head.rootHash, n % 256) } }),
      (b) => ({ ...b, head: { ...b.head, treeSize: b.head.treeSize + 1 } }),
      (b) => ({ ...b, head: { ...b.head, timestamp: '2030-01-01T00:00:00Z' } }),
      (b, n) => ({ ...b, head: { ...b.head, signature: flipBase64(b.head.signature, n % 512) } }),
      (b) => ({ ...b, head: { ...b.head, origin: 'collective-ledger/society/other' } }),
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat(allBundles.length - 1), fc.nat(tamperings.length - 1), fc.nat(10_000), async (which, how, n) => {
        const tampered = tamperings[how](allBundles[which], n);
        const expected = reference.verifyLineProof(tampered, keys);
        const verdict = await verifyLineProof(tampered, keys);
        expect([how, verdict.ok]).toEqual([how, expected.ok]);
        expect([how, verdict.ok]).toEqual([how, false]);
        expect(verdict.reason).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with libs/merkle on every claimed submission size', async () => {
    for (const bundle of allBundles.filter((_, i) => i % 3 === 0)) {
      for (let size = 0; size <= 16; size++) {
        const claimed = { ...bundle, submissionSize: size };
        expect([size, (await verifyLineProof(claimed, keys)).ok]).toEqual([size, reference.verifyLineProof(claimed, keys).ok]);
      }
    }
  });

  it('accepts a head that names its log only with the key that signed it', async () => {
    const pair = reference.generateEd25519KeyPair();
    const origin = societyLogOrigin('5b1d3c6e-0000-4000-8000-000000000001');
    const base = fixture.bundle(2, 3);
    const head = reference.signTreeHead({ treeSize: base.head.treeSize, rootHash: base.head.rootHash, timestamp: base.head.timestamp, origin }, pair.privateKey);
    const published = [reference.exportPublicKey(pair.publicKey)];
    const bundle = { ...base, head };
    expect(reference.verifyLineProof(bundle, published).ok).toBe(true);
    await expect(verifyLineProof(bundle, published, { expectedOrigin: origin })).resolves.toMatchObject({ ok: true });
    await expect(verifyLineProof(bundle, keys)).resolves.toMatchObject({ ok: false, reason: expect.stringMatching(/not a published key/) });
    expect(utf8(treeHeadSigningInput(head)).length).toBeGreaterThan(0);
  });
});

function flipBase64(b64: string, bit: number): string {
  const bytes = base64ToBytes(b64, 'signature');
  bytes[Math.floor(bit / 8) % bytes.length] ^= 1 << bit % 8;
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
