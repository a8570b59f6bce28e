/**
 * Line proofs as C2SP tlog-proof files (c2sp.org/tlog-proof):
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64 of the line's path inside its submission, RFC 8785 JSON>
 *   index <the submission's index in the society log>
 *   <base64 inclusion proof hashes of the submission leaf, one a line>
 *   <empty line>
 *   <the checkpoint, log signature and witness cosignatures, verbatim>
 *
 * The log's entry is the submission (leaf data: its 32-byte root); the extra data
 * carries what binds the line to that root: the line's canonical JSON, its index and
 * audit path in the submission tree and the tree's size. Extra data is not
 * authenticated, so the verifier recomputes the submission root from it.
 */
import {
  MerkleFormatError,
  MerkleVerificationError,
  assertInclusion,
  canonicalJson,
  decodeHashHex,
  leafHash,
  openNote,
  parseCanonicalJson,
  parseCheckpoint,
  parseVerifierKey,
  submissionLeafData,
  type Checkpoint,
} from '../../merkle/src/index.js';
import { SIG_ED25519, parseVkey, verifyWithPolicy, type Policy } from '../../witness/src/index.js';

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

/** The line's path inside its submission (the tlog-proof's extra data). */
export interface LinePath {
  /** The line's leaf data: its RFC 8785 canonical JSON. */
  leaf: string;
  leafIndex: number;
  /** Hex root of the submission tree. */
  submissionRoot: string;
  /** Hex audit path of the line in the submission tree. */
  lineProof: string[];
  submissionSize: number;
}

export interface TlogProof {
  extra?: Buffer;
  index: number;
  proof: Buffer[];
  /** The checkpoint note, verbatim. */
  checkpoint: string;
}

export function formatTlogProof(p: TlogProof): string {
  const lines = [TLOG_PROOF_HEADER];
  if (p.extra) lines.push(`extra ${p.extra.toString('base64')}`);
  lines.push(`index ${p.index}`, ...p.proof.map((h) => h.toString('base64')), '');
  return lines.join('\n') + '\n' + p.checkpoint;
}

export function parseTlogProof(text: string): TlogProof {
  const fail = (m: string): never => {
    throw new MerkleFormatError(`tlog-proof: ${m}`);
  };
  const blank = text.indexOf('\n\n');
  if (blank < 0) fail('no empty line before the checkpoint');
  const head = text.slice(0, blank).split('\n');
  const checkpoint = text.slice(blank + 2);
  if (head[0] !== TLOG_PROOF_HEADER) fail(`the first line must be ${TLOG_PROOF_HEADER}`);
  let at = 1;
  let extra: Buffer | undefined;
  if (head[at]?.startsWith('extra ')) extra = Buffer.from(head[at++].slice(6), 'base64');
  const m = /^index (0|[1-9][0-9]*)$/.exec(head[at++] ?? '');
  if (!m) fail('expected "index <n>"');
  const index = Number(m![1]);
  if (!Number.isSafeInteger(index)) fail('index too large');
  const proof = head.slice(at).map((l, i) => {
    const b = Buffer.from(l, 'base64');
    if (b.length !== 32 || b.toString('base64') !== l) fail(`proof line ${i + 1} is not a base64 SHA-256 hash`);
    return b;
  });
  if (proof.length > 63) fail('more than 63 proof hashes');
  return { extra, index, proof, checkpoint };
}

/** The tlog-proof of a line: the submission's inclusion in the (co)signed checkpoint, the line's path as extra data. */
export function lineTlogProof(path: LinePath, submissionIndex: number, logProof: Buffer[], checkpoint: string): string {
  return formatTlogProof({ extra: Buffer.from(canonicalJson(path as never), 'utf8'), index: submissionIndex, proof: logProof, checkpoint });
}

export interface TlogProofResult {
  ok: boolean;
  reason?: string;
  checkpoint?: Checkpoint;
  line?: LinePath;
  /** Witnesses of the policy whose cosignature verified. */
  cosigners: string[];
  /** Whether the cosigners meet the policy's quorum (undefined without a policy). */
  quorum?: boolean;
}

/**
 * Checks a line's tlog-proof offline: the line leads to the submission root (extra data),
 * the submission to the checkpoint's root, and the checkpoint is signed by one of the log's
 * keys (`logVerifierKeys`: the verifierKey fields of GET /v1/log/keys, and/or the policy's
 * `log` lines); given a policy, its quorum of valid witness cosignatures is required.
 */
export function verifyLineTlogProof(text: string, opts: { logVerifierKeys?: readonly string[]; policy?: Policy }): TlogProofResult {
  const cosigners: string[] = [];
  try {
    const proof = parseTlogProof(text);
    if (!proof.extra) throw new MerkleVerificationError("the proof has no extra line: the line's path inside its submission is missing");
    let line: LinePath;
    try {
      line = parseCanonicalJson(proof.extra.toString('utf8')) as unknown as LinePath;
    } catch (error) {
      throw new MerkleFormatError(`the extra data is not canonical JSON (${(error as Error).message})`);
    }
    if (typeof line.leaf !== 'string' || !Number.isSafeInteger(line.leafIndex) || !Number.isSafeInteger(line.submissionSize) || !Array.isArray(line.lineProof)) {
      throw new MerkleFormatError('the extra data must hold leaf, leafIndex, submissionRoot, lineProof and submissionSize');
    }
    // 1. The line is in the submission.
    const submissionRoot = decodeHashHex(line.submissionRoot, 'submissionRoot');
    assertInclusion(leafHash(Buffer.from(line.leaf, 'utf8')), line.leafIndex, line.submissionSize, line.lineProof.map((h, i) => decodeHashHex(h, `lineProof[${i}]`)), submissionRoot);
    // 2. The checkpoint is the log's (and, with a policy, witnessed by its quorum).
    let checkpoint: Checkpoint;
    let quorum: boolean | undefined;
    const extraLogs = (opts.logVerifierKeys ?? []).map((vkey) => ({ vkey, key: parseVkey(vkey, SIG_ED25519) }));
    if (opts.policy) {
      const policy: Policy = { ...opts.policy, logs: [...opts.policy.logs, ...extraLogs] };
      const v = verifyWithPolicy(proof.checkpoint, policy, { originMustBeKeyName: false });
      checkpoint = v.checkpoint;
      cosigners.push(...v.cosignatures.map((c) => c.witness));
      quorum = v.quorum;
    } else {
      if (extraLogs.length === 0) throw new MerkleFormatError('no log key to check the checkpoint with (--keys or a policy with a log line)');
      checkpoint = parseCheckpoint(openNote(proof.checkpoint, (opts.logVerifierKeys ?? []).map((k) => parseVerifierKey(k))).text);
    }
    // 3. The submission is in the checkpointed log.
    try {
      assertInclusion(leafHash(submissionLeafData(submissionRoot)), proof.index, checkpoint.treeSize, proof.proof, checkpoint.rootHash);
    } catch (error) {
      throw new MerkleVerificationError(`the submission is not proven to be in the log: ${(error as Error).message}`);
    }
    if (opts.policy && !quorum) {
      return { ok: false, reason: `the checkpoint lacks the policy's quorum of cosignatures (valid: ${cosigners.join(', ') || 'none'})`, checkpoint, line, cosigners, quorum };
    }
    return { ok: true, checkpoint, line, cosigners, quorum };
  } catch (error) {
    if (error instanceof MerkleFormatError || error instanceof MerkleVerificationError) return { ok: false, reason: error.message, cosigners };
    throw error;
  }
}
