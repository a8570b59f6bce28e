/**
 * Ed25519 key handling for signed tree heads and checkpoints.
 *
 * Public keys travel as `{keyId, algorithm: 'Ed25519', publicKey}` where
 * `publicKey` is the standard base64 of the raw 32-byte key (RFC 8032) and
 * `keyId` is the lowercase hex of the first 8 bytes of SHA-256(raw public key),
 * 16 hex digits. A key set (GET /v1/log/keys, the `--keys` file of the CLI) is
 * `{keys: [PublicKeyRecord, …]}`. A key the log no longer signs with (rotated out)
 * may carry `retiredAt`: the heads it signed are trusted up to that instant only.
 *
 * Private keys can be stored as the standard base64 of their raw 32-byte seed
 * (RFC 8032 private key), or as PKCS#8 PEM.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { sha256 } from './hash.js';
import { decodeBase64 } from './encoding.js';
import { MerkleFormatError } from './errors.js';

export const ED25519 = 'Ed25519';
export const ED25519_KEY_SIZE = 32;

/** A public key as published in a key set. */
export interface PublicKeyRecord {
  keyId: string;
  algorithm: 'Ed25519';
  publicKey: string;
  /**
   * When the log stopped signing with this key (ISO 8601 date-time with a zone): a
   * head it signed dated later is not trusted. Absent: no limit (a current key, or a
   * retired one whose retirement date was not recorded).
   */
  retiredAt?: string;
}

/** The document served by GET /v1/log/keys and read by `ledger verify --keys`. */
export interface KeySet {
  keys: PublicKeyRecord[];
}

export interface Ed25519KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

// DER prefixes of the fixed-size PKCS#8 and SPKI encodings of Ed25519 keys (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A fresh random Ed25519 key pair. */
export function generateEd25519KeyPair(): Ed25519KeyPair {
  return generateKeyPairSync('ed25519');
}

/** The private key whose RFC 8032 32-byte seed is `seed`. */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== ED25519_KEY_SIZE) throw new MerkleFormatError(`an Ed25519 seed must be ${ED25519_KEY_SIZE} bytes`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The 32-byte seed of an Ed25519 private key. */
export function ed25519PrivateKeySeed(privateKey: KeyObject): Buffer {
  requireEd25519(privateKey, 'private');
  return privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
}

/** The public key whose raw RFC 8032 encoding is `raw` (32 bytes). */
export function ed25519PublicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_KEY_SIZE) throw new MerkleFormatError(`an Ed25519 public key must be ${ED25519_KEY_SIZE} bytes`);
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch (error) {
    throw new MerkleFormatError('not a valid Ed25519 public key', { cause: error });
  }
}

/** The raw 32-byte public key of an Ed25519 key object (a private key gives its public half). */
export function ed25519RawPublicKey(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  requireEd25519(publicKey, 'public');
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

/** keyId: lowercase hex of the first 8 bytes of SHA-256 of the raw 32-byte public key. */
export function keyIdOf(publicKey: KeyObject | Uint8Array): string {
  const raw = publicKey instanceof Uint8Array ? publicKey : ed25519RawPublicKey(publicKey);
  if (raw.length !== ED25519_KEY_SIZE) throw new MerkleFormatError(`an Ed25519 public key must be ${ED25519_KEY_SIZE} bytes`);
  return sha256(raw).subarray(0, 8).toString('hex');
}

/** The published form of a public key (a private key gives its public half). */
export function exportPublicKey(key: KeyObject): PublicKeyRecord {
  const raw = ed25519RawPublicKey(key);
  return { keyId: keyIdOf(raw), algorithm: ED25519, publicKey: raw.toString('base64') };
}

/** Imports a published public key, checking its algorithm and that its keyId matches the key. */
export function importPublicKey(record: PublicKeyRecord): KeyObject {
  if (record === null || typeof record !== 'object') throw new MerkleFormatError('a key must be an object');
  if (record.algorithm !== ED25519) throw new MerkleFormatError(`unsupported key algorithm ${String(record.algorithm)}`);
  const raw = decodeBase64(record.publicKey, 'publicKey');
  const key = ed25519PublicKeyFromRaw(raw);
  if (keyIdOf(raw) !== record.keyId) {
    throw new MerkleFormatError(`keyId ${String(record.keyId)} does not match its public key (expected ${keyIdOf(raw)})`);
  }
  return key;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant of a `retiredAt` (milliseconds since the epoch); throws unless it is an ISO 8601 date-time with a zone. */
export function retiredAtMillis(retiredAt: unknown): number {
  const millis = typeof retiredAt === 'string' && ISO_8601.test(retiredAt) ? Date.parse(retiredAt) : Number.NaN;
  if (Number.isNaN(millis)) throw new MerkleFormatError('retiredAt must be an ISO 8601 date-time with a time zone');
  return millis;
}

/**
 * Validates a key set document `{keys: [...]}` and returns its keys: keyId,
 * algorithm, publicKey and, when present, retiredAt (other members, such as the
 * `verifierKey` and `current` of GET /v1/log/keys, are left out).
 */
export function parseKeySet(document: unknown): PublicKeyRecord[] {
  const keys = (document as Partial<KeySet> | null)?.keys;
  if (!Array.isArray(keys)) throw new MerkleFormatError('a key set must be an object with a "keys" array');
  return keys.map((record: unknown, i) => {
    const r = record as Partial<PublicKeyRecord> | null;
    if (r === null || typeof r !== 'object' || typeof r.keyId !== 'string' || typeof r.publicKey !== 'string') {
      throw new MerkleFormatError(`keys[${i}] must have string keyId and publicKey`);
    }
    const checked = { keyId: r.keyId, algorithm: r.algorithm, publicKey: r.publicKey } as PublicKeyRecord;
    try {
      importPublicKey(checked);
      if (r.retiredAt !== undefined) {
        retiredAtMillis(r.retiredAt);
        checked.retiredAt = r.retiredAt;
      }
    } catch (error) {
      throw new MerkleFormatError(`keys[${i}]: ${(error as Error).message}`, { cause: error });
    }
    return checked;
  });
}

/** The private key in its storable form: standard base64 of the 32-byte seed. */
export function exportPrivateKey(privateKey: KeyObject): string {
  return ed25519PrivateKeySeed(privateKey).toString('base64');
}

/** Reads a private key stored as base64 of its 32-byte seed, or as PKCS#8 PEM. */
export function importPrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPrivateKey(trimmed);
    } catch (error) {
      throw new MerkleFormatError('not a readable PEM private key', { cause: error });
    }
    requireEd25519(key, 'private');
    return key;
  }
  return ed25519PrivateKeyFromSeed(decodeBase64(trimmed, 'private key'));
}

function requireEd25519(key: KeyObject, type: 'private' | 'public'): void {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new MerkleFormatError(`expected an Ed25519 ${type} key`);
  }
}
