/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures,
 * compatible with golang.org/x/mod/sumdb/note and transparency-log witnesses.
 *
 *   <text ending in a newline>
 *   <blank line>
 *   — <key name> <base64(key hash (4 bytes, big-endian) || signature)>
 *   …one line per signature
 *
 * The dash is U+2014 EM DASH followed by a space. The key hash of an Ed25519 key
 * is the first 4 bytes of SHA-256(name || 0x0A || 0x01 || 32-byte public key).
 * A verifier key is written `<name>+<8 hex digits of key hash>+<base64(0x01 || public key)>`,
 * a signer key `PRIVATE+KEY+<name>+<key hash>+<base64(0x01 || 32-byte seed)>`.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { sha256 } from './hash.js';
import { decodeBase64 } from './encoding.js';
import { MerkleFormatError, MerkleVerificationError } from './errors.js';
import {
  ED25519_KEY_SIZE,
  ed25519PrivateKeyFromSeed,
  ed25519PrivateKeySeed,
  ed25519PublicKeyFromRaw,
  ed25519RawPublicKey,
} from './keys.js';

/** Signature type byte of Ed25519 in signed notes. */
export const NOTE_ALGORITHM_ED25519 = 0x01;
/** Notes with more signature lines than this are rejected as malformed (as by the Go implementation). */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 ';
const INVALID_NAME = /[\s+]/u;
const CONTROL_CHARS = /[\u0000-\u0009\u000b-\u001f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** One signature line of a note. `signature` excludes the 4-byte key hash. */
export interface NoteSignature {
  name: string;
  keyHash: number;
  signature: Buffer;
}

export interface NoteSigner {
  name: string;
  keyHash: number;
  privateKey: KeyObject;
}

export interface NoteVerifier {
  name: string;
  keyHash: number;
  publicKey: KeyObject;
}

/** A note whose signatures were checked: `verified` by a known key, `unverified` from unknown keys. */
export interface OpenedNote {
  text: string;
  verified: NoteSignature[];
  unverified: NoteSignature[];
}

/** True for names usable as signed-note key names: non-empty, no Unicode space, no '+'. */
export function isValidKeyName(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && !INVALID_NAME.test(name);
}

function requireName(name: string): void {
  if (!isValidKeyName(name)) throw new MerkleFormatError(`invalid key name ${JSON.stringify(name)} (it must be non-empty, without spaces or '+')`);
}

function rawKey(publicKey: KeyObject | Uint8Array): Buffer {
  if (publicKey instanceof Uint8Array) {
    if (publicKey.length !== ED25519_KEY_SIZE) throw new MerkleFormatError(`an Ed25519 public key must be ${ED25519_KEY_SIZE} bytes`);
    return Buffer.from(publicKey);
  }
  return ed25519RawPublicKey(publicKey);
}

/** The key hash (key ID) of an Ed25519 note key: SHA-256(name || 0x0A || 0x01 || public key)[:4] as a uint32. */
export function noteKeyHash(name: string, publicKey: KeyObject | Uint8Array): number {
  requireName(name);
  const input = Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([NOTE_ALGORITHM_ED25519]), rawKey(publicKey)]);
  return sha256(input).readUInt32BE(0);
}

export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  return { name, keyHash: noteKeyHash(name, privateKey), privateKey };
}

export function ed25519NoteVerifier(name: string, publicKey: KeyObject | Uint8Array): NoteVerifier {
  const raw = rawKey(publicKey);
  return { name, keyHash: noteKeyHash(name, raw), publicKey: ed25519PublicKeyFromRaw(raw) };
}

const hashHex = (keyHash: number): string => keyHash.toString(16).padStart(8, '0');

/** `<name>+<key hash hex>+<base64(0x01 || public key)>`, the form witnesses and Go tools exchange. */
export function formatVerifierKey(name: string, publicKey: KeyObject | Uint8Array): string {
  const raw = rawKey(publicKey);
  const encoded = Buffer.concat([Buffer.from([NOTE_ALGORITHM_ED25519]), raw]).toString('base64');
  return `${name}+${hashHex(noteKeyHash(name, raw))}+${encoded}`;
}

/** Parses a verifier key, checking the algorithm, the key length and the key hash. */
export function parseVerifierKey(verifierKey: string): NoteVerifier {
  const [name, hash, key] = splitFields(verifierKey, 3);
  if (key === undefined) throw new MerkleFormatError('a verifier key is <name>+<hash>+<key>');
  const raw = decodeTypedKey(key, 'verifier key');
  const verifier = ed25519NoteVerifier(name, raw);
  if (!/^[0-9a-f]{8}$/i.test(hash) || Number.parseInt(hash, 16) !== verifier.keyHash) {
    throw new MerkleFormatError('the verifier key hash does not match its name and key');
  }
  return verifier;
}

/** `PRIVATE+KEY+<name>+<key hash hex>+<base64(0x01 || seed)>`, as golang.org/x/mod/sumdb/note writes signer keys. */
export function formatSignerKey(name: string, privateKey: KeyObject): string {
  const encoded = Buffer.concat([Buffer.from([NOTE_ALGORITHM_ED25519]), ed25519PrivateKeySeed(privateKey)]).toString('base64');
  return `PRIVATE+KEY+${name}+${hashHex(noteKeyHash(name, privateKey))}+${encoded}`;
}

/** Parses a signer key, checking the algorithm, the seed length and the key hash. */
export function parseSignerKey(signerKey: string): NoteSigner {
  const [p, k, name, hash, key] = splitFields(signerKey, 5);
  if (p !== 'PRIVATE' || k !== 'KEY' || key === undefined) {
    throw new MerkleFormatError('a signer key is PRIVATE+KEY+<name>+<hash>+<key>');
  }
  const signer = ed25519NoteSigner(name, ed25519PrivateKeyFromSeed(decodeTypedKey(key, 'signer key')));
  if (!/^[0-9a-f]{8}$/i.test(hash) || Number.parseInt(hash, 16) !== signer.keyHash) {
    throw new MerkleFormatError('the signer key hash does not match its name and key');
  }
  return signer;
}

/** Splits at the first count − 1 '+' signs; the last field keeps the rest (base64 may contain '+'). */
function splitFields(text: string, count: number): string[] {
  const fields: string[] = [];
  let rest = text;
  for (let i = 1; i < count; i++) {
    const plus = rest.indexOf('+');
    if (plus < 0) return [...fields, rest];
    fields.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  return [...fields, rest];
}

function decodeTypedKey(encoded: string, what: string): Buffer {
  const bytes = decodeBase64(encoded, what);
  if (bytes.length !== 1 + ED25519_KEY_SIZE || bytes[0] !== NOTE_ALGORITHM_ED25519) {
    throw new MerkleFormatError(`${what} is not an Ed25519 key (type 0x01 followed by 32 bytes)`);
  }
  return bytes.subarray(1);
}

function checkText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n')) throw new MerkleFormatError('note text must end with a newline');
  if (CONTROL_CHARS.test(text)) throw new MerkleFormatError('note text must not contain control characters other than newline');
  if (LONE_SURROGATE.test(text)) throw new MerkleFormatError('note text must be valid Unicode');
}

/** Signs `text` (which must end in a newline) with each signer and returns the signed note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  if (signers.length === 0) throw new MerkleFormatError('a note needs at least one signer');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    requireName(signer.name);
    const keyHash = Buffer.alloc(4);
    keyHash.writeUInt32BE(signer.keyHash);
    const signature = sign(null, message, signer.privateKey);
    return `${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([keyHash, signature]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** Splits a signed note into its text and signature lines without checking any signature. */
export function parseNote(message: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const note = typeof message === 'string' ? message : decodeUtf8(message);
  if (LONE_SURROGATE.test(note)) throw new MerkleFormatError('malformed note: not valid Unicode');
  if (CONTROL_CHARS.test(note)) throw new MerkleFormatError('malformed note: control characters');
  if (!note.endsWith('\n')) throw new MerkleFormatError('malformed note: it must end with a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new MerkleFormatError('malformed note: no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new MerkleFormatError('malformed note: too many signatures');
  const signatures = lines.map((line) => {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new MerkleFormatError('malformed note: a signature line must start with "— "');
    const body = line.slice(SIGNATURE_PREFIX.length);
    const space = body.indexOf(' ');
    const name = body.slice(0, space);
    if (space < 0 || !isValidKeyName(name)) throw new MerkleFormatError('malformed note: bad key name in a signature line');
    const bytes = decodeBase64(body.slice(space + 1), 'note signature');
    if (bytes.length < 5) throw new MerkleFormatError('malformed note: signature too short');
    return { name, keyHash: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/**
 * Parses a signed note and checks its signatures (the rules of the signed-note
 * spec): signatures from unknown keys are ignored; a known key whose signature
 * fails rejects the note; at least one known key must have signed it.
 */
export function openNote(message: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(message);
  const bytes = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of signatures) {
    const matching = verifiers.filter((v) => v.name === sig.name && v.keyHash === sig.keyHash);
    const id = `${sig.name}+${hashHex(sig.keyHash)}`;
    if (matching.length > 1) throw new MerkleFormatError(`ambiguous key ${id}`);
    if (matching.length === 0) {
      const line = `${id}+${sig.signature.toString('base64')}`;
      if (!seen.has(line)) {
        seen.add(line);
        unverified.push(sig);
      }
      continue;
    }
    if (!verify(null, bytes, matching[0].publicKey, sig.signature)) {
      throw new MerkleVerificationError(`invalid signature for key ${id}`);
    }
    if (!seen.has(id)) {
      seen.add(id);
      verified.push(sig);
    }
  }
  if (verified.length === 0) throw new MerkleVerificationError('note has no verifiable signatures');
  return { text, verified, unverified };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MerkleFormatError('malformed note: not valid UTF-8');
  }
}
