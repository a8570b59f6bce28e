/**
 * @module merkle — transparency-log primitives, pure TypeScript over node:crypto.
 *
 * RFC 6962 / RFC 9162 Merkle trees (roots, inclusion and consistency proofs),
 * RFC 8785 canonical JSON, Ed25519 signed tree heads, C2SP signed notes and
 * tlog checkpoints, and the verifier of the ledger's line proof bundles.
 */
export { MerkleFormatError, MerkleVerificationError } from './errors.js';
export { HASH_SIZE, emptyRoot, hashesEqual, leafHash, nodeHash, sha256 } from './hash.js';
export { decodeBase64, decodeHashHex, decodeHex, hashBytes, isTreeIndex, toHex } from './encoding.js';
export { MerkleRootBuilder } from './root-builder.js';
export { MerkleTree } from './tree.js';
export {
  assertConsistency,
  assertInclusion,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './verify.js';
export { canonicalJson, parseCanonicalJson, type JsonValue } from './canonical-json.js';
export {
  ED25519,
  ED25519_KEY_SIZE,
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
  retiredAtMillis,
  type Ed25519KeyPair,
  type KeySet,
  type PublicKeyRecord,
} from './keys.js';
export {
  signTreeHead,
  treeHeadSigningInput,
  validateTreeHead,
  verifyTreeHead,
  type SignedTreeHead,
  type TreeHead,
  type VerificationResult,
} from './tree-head.js';
export {
  MAX_NOTE_SIGNATURES,
  NOTE_ALGORITHM_ED25519,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  formatSignerKey,
  formatVerifierKey,
  isValidKeyName,
  noteKeyHash,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
} from './signed-note.js';
export { formatCheckpoint, parseAndVerifyCheckpoint, parseCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint.js';
export {
  lineLeafData,
  parseLineProofBundle,
  submissionLeafData,
  verifyLineProof,
  type LineProofBundle,
  type LineProofResult,
} from './line-proof.js';
