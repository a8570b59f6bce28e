/**
 * tlog-cosignature `cosignature/v1` (https://c2sp.org/tlog-cosignature), Ed25519:
 * a note signature line `— <cosigner name> base64(key ID[4] || u64 timestamp (big-endian) || Ed25519 signature[64])`
 * whose signature covers exactly
 *
 *   cosignature/v1\n
 *   time <timestamp, decimal>\n
 *   <the whole checkpoint note body, extension lines included, ending in \n>
 *
 * The timestamp is POSIX seconds, never 0 from a witness, below 2^63.
 */
import { sign, verify } from 'node:crypto';
import { MerkleFormatError, MerkleVerificationError, parseNote } from '../../merkle/src/index.js';
import { SIG_COSIGNATURE_V1, type CosignerKey, type VerifierKey } from './keys.js';

const MAX_TIMESTAMP = 2n ** 63n - 1n;
const SIGNATURE_SIZE = 4 + 8 + 64;

/** The exact bytes a cosignature/v1 signs for the checkpoint body `text` at `timestamp` (seconds). */
export function cosignatureMessage(text: string, timestamp: number | bigint): Buffer {
  const t = BigInt(timestamp);
  if (t < 0n || t > MAX_TIMESTAMP) throw new MerkleFormatError('a cosignature timestamp must be between 0 and 2^63 - 1');
  if (!text.endsWith('\n')) throw new MerkleFormatError('the checkpoint body must end with a newline');
  return Buffer.from(`cosignature/v1\ntime ${t.toString()}\n${text}`, 'utf8');
}

/** One decoded cosignature: who, when (seconds) and the 64-byte signature. */
export interface Cosignature {
  name: string;
  keyId: number;
  timestamp: number;
  signature: Buffer;
}

/** The note signature line (with its final newline) cosigning the checkpoint body `text`. */
export function signCosignature(key: CosignerKey, text: string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0) throw new MerkleFormatError('a witness cosignature timestamp must be a positive number of seconds');
  const signature = sign(null, cosignatureMessage(text, timestamp), key.privateKey);
  const bytes = Buffer.alloc(SIGNATURE_SIZE);
  bytes.writeUInt32BE(key.keyId, 0);
  bytes.writeBigUInt64BE(BigInt(timestamp), 4);
  signature.copy(bytes, 12);
  return `\u2014 ${key.name} ${bytes.toString('base64')}\n`;
}

/**
 * Decodes the bytes of a note signature (after the key ID) as a timestamped signature.
 * Throws MerkleFormatError when it is not 8 + 64 bytes or the timestamp is ≥ 2^63.
 */
export function decodeTimestampedSignature(name: string, keyId: number, signature: Buffer): Cosignature {
  if (signature.length !== 8 + 64) throw new MerkleFormatError(`a cosignature/v1 signature is 72 bytes (timestamp and Ed25519 signature), got ${signature.length}`);
  const t = signature.readBigUInt64BE(0);
  if (t > MAX_TIMESTAMP) throw new MerkleFormatError('cosignature timestamp above 2^63 - 1');
  return { name, keyId, timestamp: Number(t), signature: signature.subarray(8) };
}

/** True when `cosig` is a valid cosignature/v1 of the checkpoint body `text` by `key`. */
export function verifyCosignature(key: VerifierKey, text: string, cosig: Cosignature): boolean {
  if (key.type !== SIG_COSIGNATURE_V1) return false;
  if (cosig.name !== key.name || cosig.keyId !== key.keyId) return false;
  return verify(null, cosignatureMessage(text, cosig.timestamp), key.key, cosig.signature);
}

/**
 * Cosignatures of `keys` found among the signature lines of a note (any other lines
 * are ignored). A line whose name and key ID match a key but whose signature fails
 * throws MerkleVerificationError (the note is malformed per signed-note).
 */
export function cosignaturesOf(message: string | Uint8Array, keys: readonly VerifierKey[]): { text: string; cosignatures: Cosignature[] } {
  const { text, signatures } = parseNote(message);
  const found: Cosignature[] = [];
  for (const sig of signatures) {
    const key = keys.find((k) => k.type === SIG_COSIGNATURE_V1 && k.name === sig.name && k.keyId === sig.keyHash);
    if (!key) continue;
    const cosig = decodeTimestampedSignature(sig.name, sig.keyHash, sig.signature);
    if (!verifyCosignature(key, text, cosig)) {
      throw new MerkleVerificationError(`invalid cosignature for key ${key.name}+${key.keyId.toString(16).padStart(8, '0')}`);
    }
    if (!found.some((f) => f.name === cosig.name && f.keyId === cosig.keyId)) found.push(cosig);
  }
  return { text, cosignatures: found };
}
