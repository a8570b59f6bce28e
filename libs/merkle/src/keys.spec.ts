import { describe, it, expect } from '@jest/globals';
import { createHash, sign } from 'node:crypto';
import {
  ed25519PrivateKeyFromSeed,
  ed25519PrivateKeySeed,
  ed25519PublicKeyFromRaw,
  ed25519RawPublicKey,
  exportPrivateKey,
  exportPublicKey,
  generateEd25519KeyPair,
  importPrivateKey,
  importPublicKey,
  keyIdOf,
  parseKeySet,
} from './keys.js';
import { MerkleFormatError } from './errors.js';

// RFC 8032 section 7.1, TEST 1.
const RFC8032_SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const RFC8032_PUBLIC = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
const RFC8032_EMPTY_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

describe('Ed25519 keys', () => {
  it('imports a raw RFC 8032 seed and signs the RFC 8032 test vector', () => {
    const privateKey = ed25519PrivateKeyFromSeed(RFC8032_SEED);
    expect(ed25519RawPublicKey(privateKey)).toEqual(RFC8032_PUBLIC);
    expect(sign(null, Buffer.alloc(0), privateKey).toString('hex')).toBe(RFC8032_EMPTY_SIGNATURE);
    expect(ed25519PrivateKeySeed(privateKey)).toEqual(RFC8032_SEED);
  });

  it('derives keyId as hex of the first 8 bytes of SHA-256 of the raw public key', () => {
    const expected = createHash('sha256').update(RFC8032_PUBLIC).digest('hex').slice(0, 16);
    expect(keyIdOf(RFC8032_PUBLIC)).toBe(expected);
    expect(keyIdOf(ed25519PublicKeyFromRaw(RFC8032_PUBLIC))).toBe(expected);
    expect(keyIdOf(ed25519PrivateKeyFromSeed(RFC8032_SEED))).toBe(expected);
  });

  it('exports and imports public keys as {keyId, algorithm, publicKey}', () => {
    const { publicKey, privateKey } = generateEd25519KeyPair();
    const record = exportPublicKey(publicKey);
    expect(record).toEqual(exportPublicKey(privateKey));
    expect(record.algorithm).toBe('Ed25519');
    expect(Buffer.from(record.publicKey, 'base64')).toHaveLength(32);
    expect(ed25519RawPublicKey(importPublicKey(record))).toEqual(ed25519RawPublicKey(publicKey));
  });

  it('refuses a record whose keyId, algorithm or key is wrong', () => {
    const record = exportPublicKey(generateEd25519KeyPair().publicKey);
    const other = exportPublicKey(generateEd25519KeyPair().publicKey);
    expect(() => importPublicKey({ ...record, keyId: other.keyId })).toThrow(/does not match/);
    expect(() => importPublicKey({ ...record, algorithm: 'RSA' as 'Ed25519' })).toThrow(/unsupported/);
    expect(() => importPublicKey({ ...record, publicKey: record.publicKey.slice(4) })).toThrow(MerkleFormatError);
    expect(() => importPublicKey({ ...record, publicKey: 'not base64!' })).toThrow(MerkleFormatError);
  });

  it('stores private keys as base64 seeds or PEM', () => {
    const { privateKey } = generateEd25519KeyPair();
    const fromSeed = importPrivateKey(exportPrivateKey(privateKey));
    const fromPem = importPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    expect(ed25519RawPublicKey(fromSeed)).toEqual(ed25519RawPublicKey(privateKey));
    expect(ed25519RawPublicKey(fromPem)).toEqual(ed25519RawPublicKey(privateKey));
    expect(() => importPrivateKey('AAAA')).toThrow(MerkleFormatError);
    expect(() => importPrivateKey('-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----')).toThrow(MerkleFormatError);
  });
});

describe('parseKeySet', () => {
  it('reads the {keys: [...]} document', () => {
    const a = exportPublicKey(generateEd25519KeyPair().publicKey);
    const b = exportPublicKey(generateEd25519KeyPair().publicKey);
    expect(parseKeySet({ keys: [a, b] })).toEqual([a, b]);
    expect(parseKeySet({ keys: [] })).toEqual([]);
  });

  it('names the bad entry', () => {
    const a = exportPublicKey(generateEd25519KeyPair().publicKey);
    expect(() => parseKeySet([a])).toThrow(/"keys" array/);
    expect(() => parseKeySet(null)).toThrow(/"keys" array/);
    expect(() => parseKeySet({ keys: [a, { keyId: 1 }] })).toThrow(/keys\[1\]/);
    expect(() => parseKeySet({ keys: [{ ...a, keyId: '0000000000000000' }] })).toThrow(/keys\[0\].*does not match/);
  });

  it('keeps retiredAt, checked, and leaves out the other members (verifierKey, current)', () => {
    const a = exportPublicKey(generateEd25519KeyPair().publicKey);
    const b = exportPublicKey(generateEd25519KeyPair().publicKey);
    const published = { keys: [{ ...a, verifierKey: 'x', current: true }, { ...b, current: false, retiredAt: '2026-12-01T09:00:00.000Z' }] };
    expect(parseKeySet(published)).toEqual([a, { ...b, retiredAt: '2026-12-01T09:00:00.000Z' }]);
    expect(parseKeySet({ keys: [{ ...b, retiredAt: '2026-12-01T10:00:00+01:00' }] })[0].retiredAt).toBe('2026-12-01T10:00:00+01:00');
    for (const retiredAt of ['2026-12-01', '2026-12-01T09:00:00', 'yesterday', 1764579600000, null, '2026-13-45T09:00:00Z']) {
      expect(() => parseKeySet({ keys: [a, { ...b, retiredAt }] })).toThrow(/keys\[1\]: retiredAt must be an ISO 8601 date-time with a time zone/);
    }
  });
});
