/**
 * Keys of C2SP signed notes (https://c2sp.org/signed-note, "Verifier keys") for the
 * two signature types a witness deals with:
 *
 *   0x01  Ed25519 note signatures (a log's checkpoint signature; libs/merkle signs them)
 *   0x04  timestamped Ed25519 cosignatures, `cosignature/v1` (https://c2sp.org/tlog-cosignature)
 *
 * vkey:        `<name>+<hex key ID>+<base64(type || 32-byte public key)>`
 * private key: `PRIVATE+KEY+<name>+<hex key ID>+<base64(type || 32-byte seed)>` (as
 *              golang.org/x/mod/sumdb/note and transparency-dev/formats write them)
 * key ID:      SHA-256(<name> || 0x0A || type || public key)[:4], big-endian uint32.
 *
 * The 0x01 forms are libs/merkle's (formatVerifierKey, parseSignerKey…); this module
 * adds the 0x04 forms and a parser that accepts either type.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  ED25519_KEY_SIZE,
  MerkleFormatError,
  NOTE_ALGORITHM_ED25519,
  decodeBase64,
  ed25519PrivateKeyFromSeed,
  ed25519PrivateKeySeed,
  ed25519PublicKeyFromRaw,
  ed25519RawPublicKey,
  generateEd25519KeyPair,
  isValidKeyName,
  sha256,
} from '../../merkle/src/index.js';

/** Signature type of timestamped Ed25519 cosignatures (`cosignature/v1`). */
export const SIG_COSIGNATURE_V1 = 0x04;
/** Signature type of plain Ed25519 note signatures. */
export const SIG_ED25519 = NOTE_ALGORITHM_ED25519;

/** A parsed vkey of type 0x01 or 0x04. */
export interface VerifierKey {
  name: string;
  keyId: number;
  type: typeof SIG_ED25519 | typeof SIG_COSIGNATURE_V1;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
  key: KeyObject;
}

/** A cosigner (witness) signing key: name, key ID (type 0x04) and the Ed25519 private key. */
export interface CosignerKey {
  name: string;
  keyId: number;
  privateKey: KeyObject;
  publicKey: Buffer;
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

function requireName(name: string): void {
  if (!isValidKeyName(name)) throw new MerkleFormatError(`invalid key name ${JSON.stringify(name)} (non-empty, no spaces, no '+')`);
}

/** SHA-256(name || "\n" || type || public key)[:4] as a uint32. */
export function keyIdFor(name: string, type: number, publicKey: Uint8Array): number {
  requireName(name);
  return sha256(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([type]), publicKey])).readUInt32BE(0);
}

/** The key ID of a cosignature/v1 key. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  return keyIdFor(name, SIG_COSIGNATURE_V1, publicKey);
}

/** Splits at the first count − 1 '+' (base64 may contain '+'). */
function split(text: string, count: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  for (let i = 1; i < count; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return [...out, rest];
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...out, rest];
}

function typedKey(encoded: string, what: string): { type: number; key: Buffer } {
  const bytes = decodeBase64(encoded, what);
  if (bytes.length !== 1 + ED25519_KEY_SIZE) throw new MerkleFormatError(`${what} is not a type byte followed by a 32-byte Ed25519 key`);
  return { type: bytes[0], key: bytes.subarray(1) };
}

/** `<name>+<key ID>+<base64(type || public key)>`. */
export function formatVkey(name: string, type: number, publicKey: Uint8Array): string {
  return `${name}+${hex8(keyIdFor(name, type, publicKey))}+${Buffer.concat([Buffer.from([type]), publicKey]).toString('base64')}`;
}

/**
 * Parses a vkey of type 0x01 (Ed25519) or 0x04 (cosignature/v1), checking the key ID.
 * `expect` restricts the accepted type.
 */
export function parseVkey(vkey: string, expect?: number): VerifierKey {
  const [name, id, encoded] = split(vkey, 3);
  if (encoded === undefined) throw new MerkleFormatError('a vkey is <name>+<key ID>+<base64 key>');
  requireName(name);
  const { type, key } = typedKey(encoded, 'vkey');
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) {
    throw new MerkleFormatError(`unsupported vkey signature type 0x${type.toString(16).padStart(2, '0')} (0x01 Ed25519 and 0x04 cosignature/v1 are)`);
  }
  if (expect !== undefined && type !== expect) {
    throw new MerkleFormatError(`expected a vkey of type 0x${expect.toString(16).padStart(2, '0')}, got 0x${type.toString(16).padStart(2, '0')}`);
  }
  if (!/^[0-9a-f]{8}$/i.test(id) || Number.parseInt(id, 16) !== keyIdFor(name, type, key)) {
    throw new MerkleFormatError(`the vkey's key ID ${id} does not match its name and key`);
  }
  return { name, keyId: keyIdFor(name, type, key), type: type as VerifierKey['type'], publicKey: Buffer.from(key), key: ed25519PublicKeyFromRaw(key) };
}

/** `PRIVATE+KEY+<name>+<key ID>+<base64(0x04 || seed)>`. */
export function formatCosignerPrivateKey(key: CosignerKey): string {
  const encoded = Buffer.concat([Buffer.from([SIG_COSIGNATURE_V1]), ed25519PrivateKeySeed(key.privateKey)]).toString('base64');
  return `PRIVATE+KEY+${key.name}+${hex8(key.keyId)}+${encoded}`;
}

/** The cosigner's vkey `<name>+<key ID>+<base64(0x04 || public key)>`. */
export function cosignerVkey(key: CosignerKey): string {
  return formatVkey(key.name, SIG_COSIGNATURE_V1, key.publicKey);
}

/** A cosigner key from its name and Ed25519 private key. */
export function cosignerKey(name: string, privateKey: KeyObject): CosignerKey {
  const publicKey = ed25519RawPublicKey(createPublicKey(privateKey));
  return { name, keyId: cosignerKeyId(name, publicKey), privateKey, publicKey };
}

/** A fresh random cosigner key. */
export function generateCosignerKey(name: string): CosignerKey {
  requireName(name);
  return cosignerKey(name, generateEd25519KeyPair().privateKey);
}

/**
 * Parses `PRIVATE+KEY+<name>+<id>+<base64(type || seed)>`. Type 0x04 is the witness's
 * own form; type 0x01 (a plain note key, as `note.GenerateKey` writes) is accepted and
 * used as a cosigner key, as transparency-dev/formats does, its key ID recomputed
 * for type 0x04.
 */
export function parseCosignerPrivateKey(text: string): CosignerKey {
  const [p, k, name, id, encoded] = split(text, 5);
  if (p !== 'PRIVATE' || k !== 'KEY' || encoded === undefined) throw new MerkleFormatError('a private key is PRIVATE+KEY+<name>+<key ID>+<base64 key>');
  requireName(name);
  const { type, key: seed } = typedKey(encoded, 'private key');
  if (type !== SIG_COSIGNATURE_V1 && type !== SIG_ED25519) throw new MerkleFormatError(`unsupported private key type 0x${type.toString(16)}`);
  const privateKey = ed25519PrivateKeyFromSeed(seed);
  const publicKey = ed25519RawPublicKey(createPublicKey(privateKey));
  if (!/^[0-9a-f]{8}$/i.test(id) || Number.parseInt(id, 16) !== keyIdFor(name, type, publicKey)) {
    throw new MerkleFormatError(`the private key's key ID ${id} does not match its name and key`);
  }
  return cosignerKey(name, privateKey);
}
