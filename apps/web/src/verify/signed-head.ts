import { canonicalJson } from './canonical-json';
import { base64ToBytes, bytesToHex, isTreeIndex, ProofFormatError, utf8 } from './encoding';
import { sha256 } from './merkle';
import { t } from '../i18n';

/** A signed tree head, as `GET /v1/societies/{id}/log/head` and every line proof carry it. */
export interface SignedTreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  /** The log's name, `collective-ledger/society/<id>` (heads signed before origins existed have none). */
  origin?: string;
  signature: string;
  keyId: string;
}

/** One published key of `GET /v1/log/keys`. */
export interface PublishedKey {
  keyId: string;
  algorithm: string;
  publicKey: string;
  verifierKey?: string;
  /** True for the key that signs new heads. */
  current?: boolean;
  /** When the log stopped signing with this key: a head it signed dated later is not trusted. */
  retiredAt?: string;
}

const ROOT_HASH = /^[0-9a-f]{64}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const KEY_ID = /^[0-9a-f]{16}$/;

/** The head fields that are signed: every one except `signature` and `keyId` (absent optional ones left out). */
function signedFields(head: SignedTreeHead): Record<string, unknown> {
  return Object.fromEntries(Object.entries(head).filter(([name, value]) => name !== 'signature' && name !== 'keyId' && value !== undefined));
}

/**
 * The exact text the ledger signs for a head: the RFC 8785 canonical JSON of its fields
 * without `signature` and `keyId`, for example
 * `{"origin":"collective-ledger/society/…","rootHash":"…","timestamp":"…","treeSize":2}`.
 */
export function treeHeadSigningInput(head: SignedTreeHead): string {
  return canonicalJson(signedFields(head));
}

/** Throws ProofFormatError unless the head's fields have their documented forms. */
export function validateTreeHead(head: unknown): asserts head is SignedTreeHead {
  if (head === null || typeof head !== 'object' || Array.isArray(head)) throw new ProofFormatError('a tree head must be an object');
  const h = head as Record<string, unknown>;
  if (!isTreeIndex(h.treeSize)) throw new ProofFormatError('treeSize must be a non-negative integer');
  if (typeof h.rootHash !== 'string' || !ROOT_HASH.test(h.rootHash)) throw new ProofFormatError('rootHash must be 64 lowercase hex digits');
  if (typeof h.timestamp !== 'string' || !ISO_8601.test(h.timestamp) || Number.isNaN(Date.parse(h.timestamp))) {
    throw new ProofFormatError('timestamp must be an ISO 8601 date-time with a time zone');
  }
  if (h.origin !== undefined && (typeof h.origin !== 'string' || h.origin === '' || h.origin.includes('\n'))) {
    throw new ProofFormatError('origin must be a non-empty single-line string');
  }
  if (typeof h.keyId !== 'string' || !KEY_ID.test(h.keyId)) throw new ProofFormatError('keyId must be 16 lowercase hex digits');
  if (typeof h.signature !== 'string') throw new ProofFormatError('signature must be a base64 string');
}

/** A key's id: lowercase hex of the first 8 bytes of SHA-256 of the raw 32-byte public key. */
export async function keyIdOf(rawPublicKey: Uint8Array<ArrayBuffer>): Promise<string> {
  return bytesToHex((await sha256(rawPublicKey)).subarray(0, 8));
}

export type HeadVerdict = { ok: true; keyId: string } | { ok: false; reason: string };

/**
 * Checks a signed tree head against published keys, in the browser: the head is well
 * formed, its keyId names one of the keys, that key's id is its own (recomputed from
 * the key), a retired key (`retiredAt`) signed it no later than its retirement, and
 * the Ed25519 signature over the signing input verifies (WebCrypto).
 */
export async function verifySignedHead(head: SignedTreeHead, keys: readonly PublishedKey[]): Promise<HeadVerdict> {
  let signature: Uint8Array<ArrayBuffer>;
  let raw: Uint8Array<ArrayBuffer>;
  try {
    validateTreeHead(head);
    signature = base64ToBytes(head.signature, 'signature');
    const key = keys.find((k) => k.keyId === head.keyId);
    if (!key) return { ok: false, reason: t('the head is signed by key {key}, which is not a published key', { key: head.keyId }) };
    if (key.algorithm !== 'Ed25519') return { ok: false, reason: t('key {key} is not an Ed25519 key', { key: key.keyId }) };
    raw = base64ToBytes(key.publicKey, 'publicKey');
    if (raw.length !== 32) return { ok: false, reason: t('key {key} is not a 32-byte Ed25519 public key', { key: key.keyId }) };
    const actualId = await keyIdOf(raw);
    if (actualId !== key.keyId) return { ok: false, reason: t('published key {key} is not the key it names (its id is {actual})', { key: key.keyId, actual: actualId }) };
    if (key.retiredAt !== undefined) {
      const retiredAt = typeof key.retiredAt === 'string' && ISO_8601.test(key.retiredAt) ? Date.parse(key.retiredAt) : Number.NaN;
      if (Number.isNaN(retiredAt)) return { ok: false, reason: t('key {key} has a malformed retiredAt: not an ISO 8601 date-time with a time zone', { key: key.keyId }) };
      if (Date.parse(head.timestamp) > retiredAt) {
        return { ok: false, reason: t('the head is dated {time}, after key {key} was retired ({retired})', { time: head.timestamp, key: key.keyId, retired: key.retiredAt }) };
      }
    }
  } catch (e) {
    if (e instanceof ProofFormatError) return { ok: false, reason: t('malformed tree head: {problem}', { problem: e.message }) };
    throw e;
  }
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  } catch (e) {
    return { ok: false, reason: t('key {key} could not be used ({problem})', { key: head.keyId, problem: e instanceof Error ? e.message : String(e) }) };
  }
  const signed = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature, utf8(treeHeadSigningInput(head)));
  return signed ? { ok: true, keyId: head.keyId } : { ok: false, reason: t('the head signature does not verify with key {key}', { key: head.keyId }) };
}
