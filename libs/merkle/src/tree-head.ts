/**
 * Signed tree heads (STH) as served by GET /v1/societies/{id}/log/head:
 *
 *   {treeSize, rootHash, timestamp, origin?, signature, keyId}
 *
 * - treeSize: number of leaves, a non-negative integer;
 * - rootHash: lowercase hex of the RFC 6962 root at that size;
 * - timestamp: ISO 8601 date-time with a zone (e.g. 2026-01-31T12:00:00.000Z);
 * - origin: optional log identity (e.g. "ledger.example/society/42");
 * - signature: standard base64 of the Ed25519 signature over the UTF-8 bytes of
 *   the RFC 8785 canonical JSON of every field of the head except `signature`
 *   and `keyId`;
 * - keyId: the signing key's id (see keys.ts).
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { decodeBase64, isTreeIndex } from './encoding.js';
import { MerkleFormatError } from './errors.js';
import { importPublicKey, keyIdOf, retiredAtMillis, type PublicKeyRecord } from './keys.js';

export interface TreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  origin?: string;
}

export interface SignedTreeHead extends TreeHead {
  signature: string;
  keyId: string;
}

/** Outcome of a verification that reports why it failed. */
export interface VerificationResult {
  ok: boolean;
  reason?: string;
}

const ROOT_HASH = /^[0-9a-f]{64}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const KEY_ID = /^[0-9a-f]{16}$/;

/** Throws `MerkleFormatError` unless the head's fields have the documented forms. */
export function validateTreeHead(head: unknown): asserts head is TreeHead {
  if (head === null || typeof head !== 'object' || Array.isArray(head)) throw new MerkleFormatError('a tree head must be an object');
  const h = head as Record<string, unknown>;
  if (!isTreeIndex(h.treeSize)) throw new MerkleFormatError('treeSize must be a non-negative integer');
  if (typeof h.rootHash !== 'string' || !ROOT_HASH.test(h.rootHash)) {
    throw new MerkleFormatError('rootHash must be 64 lowercase hex digits');
  }
  if (typeof h.timestamp !== 'string' || !ISO_8601.test(h.timestamp) || Number.isNaN(Date.parse(h.timestamp))) {
    throw new MerkleFormatError('timestamp must be an ISO 8601 date-time with a time zone');
  }
  if (h.origin !== undefined && (typeof h.origin !== 'string' || h.origin === '' || h.origin.includes('\n'))) {
    throw new MerkleFormatError('origin must be a non-empty single-line string');
  }
}

/** The signed fields of a head: all of them except `signature` and `keyId` (and absent optional ones). */
function signedFields(head: TreeHead | SignedTreeHead): TreeHead {
  return Object.fromEntries(
    Object.entries(head).filter(([name, value]) => name !== 'signature' && name !== 'keyId' && value !== undefined),
  ) as unknown as TreeHead;
}

/** The exact text that is signed: canonical JSON of the head without `signature` and `keyId`. */
export function treeHeadSigningInput(head: TreeHead | SignedTreeHead): string {
  return canonicalJson(signedFields(head));
}

/** Signs a tree head with an Ed25519 private key; every field of `head` is covered by the signature. */
export function signTreeHead(head: TreeHead, privateKey: KeyObject): SignedTreeHead {
  validateTreeHead(head);
  const fields = signedFields(head);
  const signature = sign(null, Buffer.from(canonicalJson(fields), 'utf8'), privateKey);
  return { ...fields, signature: signature.toString('base64'), keyId: keyIdOf(privateKey) };
}

/**
 * Verifies a signed tree head against a set of trusted public keys: the head is
 * well formed, its keyId names one of the keys, the signature verifies, and, when
 * that key was retired (`retiredAt`), the head is dated no later than its retirement.
 */
export function verifyTreeHead(head: SignedTreeHead, publicKeys: readonly PublicKeyRecord[]): VerificationResult {
  try {
    validateTreeHead(head);
    if (typeof head.keyId !== 'string' || !KEY_ID.test(head.keyId)) throw new MerkleFormatError('keyId must be 16 lowercase hex digits');
    if (typeof head.signature !== 'string') throw new MerkleFormatError('signature must be a base64 string');
    const signature = decodeBase64(head.signature, 'signature');
    const record = publicKeys.find((k) => k.keyId === head.keyId);
    if (record === undefined) return { ok: false, reason: `the head is signed by key ${head.keyId}, which is not a trusted key` };
    const key = importPublicKey(record);
    const message = Buffer.from(treeHeadSigningInput(head), 'utf8');
    if (!verify(null, message, key, signature)) {
      return { ok: false, reason: `the head signature does not verify with key ${head.keyId}` };
    }
    if (record.retiredAt !== undefined) {
      let retiredAt: number;
      try {
        retiredAt = retiredAtMillis(record.retiredAt);
      } catch {
        return { ok: false, reason: `key ${head.keyId} has a malformed retiredAt: not an ISO 8601 date-time with a time zone` };
      }
      if (Date.parse(head.timestamp) > retiredAt) {
        return { ok: false, reason: `the head is dated ${head.timestamp}, after key ${head.keyId} was retired (${record.retiredAt})` };
      }
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof MerkleFormatError) return { ok: false, reason: `malformed tree head: ${error.message}` };
    throw error;
  }
}
