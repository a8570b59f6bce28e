/**
 * @module witness — C2SP transparency-log witnessing, pure TypeScript over node:crypto,
 * node:fs and node:http (no NestJS, no database). Used by `ledger witness serve` (the
 * witness a regulator runs) and by the ledger when it asks witnesses to cosign.
 *
 * Keys (keys.ts; vkeys per c2sp.org/signed-note):
 *   generateCosignerKey(name) → CosignerKey {name, keyId, privateKey, publicKey}
 *   formatCosignerPrivateKey(key) → 'PRIVATE+KEY+NAME+HASH+BASE64(0x04‖seed)'
 *   parseCosignerPrivateKey(text) → CosignerKey (also accepts a 0x01 note key)
 *   cosignerVkey(key) → 'NAME+HASH+BASE64(0x04‖pub)'
 *   parseVkey(vkey, expectType?) → VerifierKey {name, keyId, type 0x01|0x04, publicKey, key}
 *   formatVkey(name, type, pub), keyIdFor(name, type, pub), cosignerKeyId(name, pub)
 *   (log keys of type 0x01: libs/merkle formatVerifierKey / parseSignerKey / signCheckpoint)
 *
 * Cosignatures (cosignature.ts; c2sp.org/tlog-cosignature, cosignature/v1, Ed25519):
 *   cosignatureMessage(checkpointBody, timestamp) → the signed bytes
 *   signCosignature(key, checkpointBody, timestamp) → '— NAME BASE64\n'
 *   cosignaturesOf(note, witnessKeys) → {text, cosignatures: [{name, keyId, timestamp, signature}]}
 *     (ignores unknown keys, throws MerkleVerificationError on a known key's bad signature)
 *   verifyCosignature(key, body, cosig), decodeTimestampedSignature(name, keyId, bytes)
 *
 * Policies (policy.ts; c2sp.org/tlog-policy):
 *   parsePolicy(text) → Policy {logs, witnesses [{name, vkey, key, url}], groups, quorum}
 *   quorumMet(policy, Set<witness name>) → boolean; writtenQuorum(policy) → the quorum as written ('2' for `quorum 2`)
 *   verifyWithPolicy(note, policy, {origin?, originMustBeKeyName?}) → {checkpoint, text, log,
 *     cosignatures (with .witness), quorum}; the ledger names its key `collective-ledger` for every
 *     origin `collective-ledger/society/<id>`: pass originMustBeKeyName: false and origin
 *
 * Protocol (protocol.ts; c2sp.org/tlog-witness):
 *   formatAddCheckpointRequest(oldSize, proof, signedCheckpoint) → request body
 *   parseAddCheckpointRequest(body) → {oldSize, proof, checkpoint}
 *   parseSizeBody('N\n') (a 409 answer, Content-Type TLOG_SIZE_CONTENT_TYPE), formatSizeBody
 *   appendSignatures(signedCheckpoint, answerBody) → the note with the cosignature lines
 *   A client: POST <url>/add-checkpoint; 200 → appendSignatures then cosignaturesOf to
 *   check; 409 → resend with old = parseSizeBody(body) (never above the log's size) and
 *   a proof from there; 422 → the witness holds a view inconsistent with this checkpoint
 *   (alarm, do not retry); 403/404 → configuration (key or origin unknown to it).
 *
 * Client (client.ts), the project's only one (the ledger's witnessing job uses it):
 *   requestCosignature({url, witnessKey, checkpoint, knownSize?, proofFrom(old), tries?, retryDelayMs?, max409?, onRetry?})
 *   → {kind: 'cosigned', cosignature, line, note, oldSize, witnessSize}
 *   | {kind: 'conflict', status, oldSize, witnessSize, reason} (422, a 409 without a size, a witness ahead of the log: alarm)
 *   | {kind: 'failed', status, retryable, reason} (retryable: no answer/5xx/429 after the tries; else configuration);
 *   it follows 409s from the size each names.
 *
 * The witness (witness.ts, state.ts, http.ts):
 *   new Witness({key, logs: [parseLogArgument('ORIGIN=VKEY')], store: new WitnessStateStore(dir), resolveLog?(origin)})
 *   witness.addCheckpoint(body) → {status, contentType, body}; witness.latestCheckpoint(originHash(origin))
 *   createWitnessServer(witness) → node:http Server (POST /add-checkpoint,
 *   GET /<sha256(origin) hex>/checkpoint, GET /health)
 */
export {
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  cosignerKey,
  cosignerKeyId,
  cosignerVkey,
  formatCosignerPrivateKey,
  formatVkey,
  generateCosignerKey,
  keyIdFor,
  parseCosignerPrivateKey,
  parseVkey,
  type CosignerKey,
  type VerifierKey,
} from './keys.js';
export {
  cosignatureMessage,
  cosignaturesOf,
  decodeTimestampedSignature,
  signCosignature,
  verifyCosignature,
  type Cosignature,
} from './cosignature.js';
export { PolicyError, parsePolicy, quorumMet, verifyWithPolicy, writtenQuorum, type Policy, type PolicyGroup, type PolicyLog, type PolicyVerification, type PolicyWitness } from './policy.js';
export {
  MAX_PROOF_LINES,
  TLOG_SIZE_CONTENT_TYPE,
  appendSignatures,
  formatAddCheckpointRequest,
  formatSizeBody,
  parseAddCheckpointRequest,
  parseSize,
  parseSizeBody,
  type AddCheckpointRequest,
} from './protocol.js';
export { WitnessStateStore, originHash, type LogState } from './state.js';
export { Witness, parseLogArgument, type WitnessAnswer, type WitnessLog, type WitnessOptions, type WitnessPausePoint } from './witness.js';
export { MAX_REQUEST_BYTES, createWitnessServer, witnessHandler } from './http.js';
export { requestCosignature, type CosignOutcome, type CosignRequest } from './client.js';
