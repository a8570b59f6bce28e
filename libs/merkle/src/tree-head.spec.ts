import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { verify } from 'node:crypto';
import { exportPublicKey, generateEd25519KeyPair, importPublicKey } from './keys.js';
import { signTreeHead, treeHeadSigningInput, verifyTreeHead, type SignedTreeHead, type TreeHead } from './tree-head.js';
import { MerkleFormatError } from './errors.js';

const logKey = generateEd25519KeyPair();
const otherKey = generateEd25519KeyPair();
const keys = [exportPublicKey(otherKey.publicKey), exportPublicKey(logKey.publicKey)];
const head: TreeHead = {
  treeSize: 42,
  rootHash: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  timestamp: '2026-03-31T23:59:59.000Z',
};

describe('signed tree heads', () => {
  it('signs the canonical JSON of the head fields with Ed25519', () => {
    const signed = signTreeHead(head, logKey.privateKey);
    const input =
      '{"rootHash":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",' +
      '"timestamp":"2026-03-31T23:59:59.000Z","treeSize":42}';
    expect(treeHeadSigningInput(signed)).toBe(input);
    expect(signed.keyId).toBe(keys[1].keyId);
    const signature = Buffer.from(signed.signature, 'base64');
    expect(verify(null, Buffer.from(input), importPublicKey(keys[1]), signature)).toBe(true);
    expect(verifyTreeHead(signed, keys)).toEqual({ ok: true });
  });

  it('covers the optional origin, and omits it when undefined', () => {
    const withOrigin = signTreeHead({ ...head, origin: 'ledger.example/society/7' }, logKey.privateKey);
    expect(treeHeadSigningInput(withOrigin)).toContain('"origin":"ledger.example/society/7"');
    expect(verifyTreeHead(withOrigin, keys)).toEqual({ ok: true });
    expect(verifyTreeHead({ ...withOrigin, origin: 'ledger.example/society/8' }, keys).ok).toBe(false);
    const { origin: _, ...withoutOrigin } = withOrigin;
    expect(verifyTreeHead(withoutOrigin, keys).ok).toBe(false);
    expect(signTreeHead({ ...head, origin: undefined }, logKey.privateKey)).not.toHaveProperty('origin');
  });

  it('fails when any signed field changes', () => {
    const signed = signTreeHead(head, logKey.privateKey);
    const tampered: SignedTreeHead[] = [
      { ...signed, treeSize: 43 },
      { ...signed, rootHash: signed.rootHash.replace(/^5/, '6') },
      { ...signed, timestamp: '2026-03-31T23:59:59.001Z' },
      { ...signed, extra: 'unsigned' } as SignedTreeHead,
    ];
    for (const t of tampered) expect(verifyTreeHead(t, keys)).toEqual({ ok: false, reason: expect.stringMatching(/does not verify/) });
  });

  it('fails for any altered signature bit', () => {
    const signed = signTreeHead(head, logKey.privateKey);
    fc.assert(
      fc.property(fc.nat(511), (bit) => {
        const signature = Buffer.from(signed.signature, 'base64');
        signature[bit >> 3] ^= 1 << (bit & 7);
        expect(verifyTreeHead({ ...signed, signature: signature.toString('base64') }, keys).ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('fails for an untrusted key or a signature by another trusted key', () => {
    const signed = signTreeHead(head, logKey.privateKey);
    expect(verifyTreeHead(signed, [keys[0]])).toEqual({ ok: false, reason: expect.stringMatching(/not a trusted key/) });
    const byOther = signTreeHead(head, otherKey.privateKey);
    expect(verifyTreeHead({ ...byOther, keyId: signed.keyId }, keys).ok).toBe(false);
    expect(verifyTreeHead(byOther, keys)).toEqual({ ok: true });
  });

  it('trusts a retired key for the heads dated up to its retiredAt only', () => {
    const signed = signTreeHead(head, logKey.privateKey); // dated 2026-03-31T23:59:59.000Z
    const retired = (retiredAt: string) => [keys[0], { ...keys[1], retiredAt }];
    expect(verifyTreeHead(signed, retired('2026-04-01T00:00:00.000Z'))).toEqual({ ok: true });
    expect(verifyTreeHead(signed, retired('2026-03-31T23:59:59.000Z'))).toEqual({ ok: true });
    expect(verifyTreeHead(signed, retired('2026-04-01T01:59:59+02:00'))).toEqual({ ok: true }); // the same instant in another zone
    expect(verifyTreeHead(signed, retired('2026-03-31T23:59:58.999Z'))).toEqual({
      ok: false,
      reason: `the head is dated 2026-03-31T23:59:59.000Z, after key ${keys[1].keyId} was retired (2026-03-31T23:59:58.999Z)`,
    });
    // A limit that cannot be read does not trust the head.
    expect(verifyTreeHead(signed, retired('soon'))).toEqual({ ok: false, reason: expect.stringMatching(/malformed retiredAt/) });
    // A bad signature is reported as such, whatever the date.
    expect(verifyTreeHead({ ...signed, treeSize: 43 }, retired('2026-03-01T00:00:00Z')).reason).toMatch(/does not verify/);
  });

  it('reports malformed heads instead of throwing', () => {
    const signed = signTreeHead(head, logKey.privateKey);
    const bad: [string, unknown][] = [
      ['treeSize', { ...signed, treeSize: -1 }],
      ['treeSize', { ...signed, treeSize: '42' }],
      ['rootHash', { ...signed, rootHash: signed.rootHash.toUpperCase() }],
      ['rootHash', { ...signed, rootHash: 'abcd' }],
      ['timestamp', { ...signed, timestamp: '31/03/2026' }],
      ['timestamp', { ...signed, timestamp: '2026-02-30T25:00:00Z' }],
      ['keyId', { ...signed, keyId: 'nope' }],
      ['signature', { ...signed, signature: '***' }],
      ['object', null],
    ];
    for (const [field, value] of bad) {
      const result = verifyTreeHead(value as SignedTreeHead, keys);
      expect(result.ok).toBe(false);
      expect(result.reason).toMatch(new RegExp(`malformed tree head: .*${field}`));
    }
  });

  it('refuses to sign a malformed head', () => {
    expect(() => signTreeHead({ ...head, rootHash: 'xyz' }, logKey.privateKey)).toThrow(MerkleFormatError);
    expect(() => signTreeHead({ ...head, treeSize: 1.5 }, logKey.privateKey)).toThrow(MerkleFormatError);
  });
});
