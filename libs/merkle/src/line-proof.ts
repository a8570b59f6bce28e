/**
 * Line proofs: evidence that one distribution line is in a submission that is in
 * a society's signed log, checkable offline with nothing but the log's public keys.
 *
 * Two trees are involved:
 *   1. the submission tree, whose leaves are the submission's lines in order,
 *      each leaf's data the UTF-8 bytes of the line's RFC 8785 canonical JSON;
 *   2. the society log, whose leaves are the submissions in order, each leaf's
 *      data the 32 raw bytes of the submission tree's root.
 * A signed tree head commits to the log's size and root.
 */
import { canonicalJson, parseCanonicalJson } from './canonical-json.js';
import { decodeHashHex, hashBytes, isTreeIndex } from './encoding.js';
import { MerkleFormatError, MerkleVerificationError } from './errors.js';
import { hashesEqual, leafHash } from './hash.js';
import type { PublicKeyRecord } from './keys.js';
import { verifyTreeHead, type SignedTreeHead, type VerificationResult } from './tree-head.js';
import { assertInclusion, rootFromInclusionProof } from './verify.js';

/** What GET /v1/submissions/{id}/lines/{lineId}/proof serves. */
export interface LineProofBundle {
  /** The line's leaf data: its RFC 8785 canonical JSON. */
  leaf: string;
  /** The line's index among the submission's lines. */
  leafIndex: number;
  /** Hex root of the submission tree. */
  submissionRoot: string;
  /** Hex audit path of the line in the submission tree. */
  lineProof: string[];
  /** The submission's index in the society log. */
  submissionIndex: number;
  /** Size of the log the proof is for; equals head.treeSize. */
  treeSize: number;
  /** Hex audit path of the submission leaf in the log. */
  logProof: string[];
  /** The signed tree head of the log at treeSize. */
  head: SignedTreeHead;
  /**
   * Number of lines in the submission (the submission tree's size). Optional:
   * without it the line's content is still proven, but not its position.
   */
  submissionSize?: number;
}

export interface LineProofResult extends VerificationResult {
  /** A limit of what was proven, when the proof is valid but partial. */
  warning?: string;
}

/** Leaf data of a line: the UTF-8 bytes of the canonical JSON of its fields. */
export function lineLeafData(fields: unknown): Buffer {
  return Buffer.from(canonicalJson(fields), 'utf8');
}

/** Leaf data of a submission in the log: the 32 raw bytes of its submission root. */
export function submissionLeafData(submissionRoot: Uint8Array | string): Buffer {
  return hashBytes(submissionRoot, 'submission root');
}

/** Checks the JSON shape of a proof bundle (types only; values are checked by `verifyLineProof`). */
export function parseLineProofBundle(document: unknown): LineProofBundle {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new MerkleFormatError('a line proof must be a JSON object');
  }
  const d = document as Record<string, unknown>;
  const requireString = (name: string): void => {
    if (typeof d[name] !== 'string') throw new MerkleFormatError(`${name} must be a string`);
  };
  const requireIndex = (name: string): void => {
    if (!isTreeIndex(d[name])) throw new MerkleFormatError(`${name} must be a non-negative integer`);
  };
  const requireHexList = (name: string): void => {
    const value = d[name];
    if (!Array.isArray(value) || value.some((h) => typeof h !== 'string')) {
      throw new MerkleFormatError(`${name} must be a list of hex strings`);
    }
  };
  requireString('leaf');
  requireIndex('leafIndex');
  requireString('submissionRoot');
  requireHexList('lineProof');
  requireIndex('submissionIndex');
  requireIndex('treeSize');
  requireHexList('logProof');
  if (d.head === null || typeof d.head !== 'object' || Array.isArray(d.head)) throw new MerkleFormatError('head must be an object');
  if (d.submissionSize !== undefined) requireIndex('submissionSize');
  return document as LineProofBundle;
}

/**
 * Verifies a line proof bundle against trusted public keys:
 *   1. `leaf` is canonical JSON and, hashed as a leaf, is at `leafIndex` in the
 *      submission tree with root `submissionRoot` (via `lineProof`);
 *   2. the submission leaf (the 32 root bytes) is at `submissionIndex` in the
 *      log of `treeSize` leaves whose root is `head.rootHash` (via `logProof`);
 *   3. `head.treeSize` equals `treeSize` and the head is signed by a trusted key.
 */
export function verifyLineProof(bundle: LineProofBundle, publicKeys: readonly PublicKeyRecord[]): LineProofResult {
  try {
    parseLineProofBundle(bundle);
  } catch (error) {
    if (error instanceof MerkleFormatError) return { ok: false, reason: `malformed proof: ${error.message}` };
    throw error;
  }

  let warning: string | undefined;
  try {
    // 1. The line is in the submission.
    try {
      parseCanonicalJson(bundle.leaf);
    } catch (error) {
      throw new MerkleVerificationError(`the leaf is not RFC 8785 canonical JSON (${(error as Error).message})`);
    }
    const submissionRoot = decodeHashHex(bundle.submissionRoot, 'submissionRoot');
    const lineProof = bundle.lineProof.map((h, i) => decodeHashHex(h, `lineProof[${i}]`));
    const lineHash = leafHash(Buffer.from(bundle.leaf, 'utf8'));
    if (bundle.submissionSize !== undefined) {
      assertInclusion(lineHash, bundle.leafIndex, bundle.submissionSize, lineProof, submissionRoot);
    } else {
      if (!includedAtSomeSize(lineHash, bundle.leafIndex, lineProof, submissionRoot)) {
        throw new MerkleVerificationError('the line proof does not lead from the leaf to the submission root');
      }
      warning = 'the proof has no submissionSize: the line is proven to be in the submission, but its position leafIndex is not checked';
    }

    // 2. The submission is in the log.
    const headRoot = decodeHashHex(bundle.head.rootHash, 'head.rootHash');
    const logProof = bundle.logProof.map((h, i) => decodeHashHex(h, `logProof[${i}]`));
    const submissionHash = leafHash(submissionLeafData(submissionRoot));
    try {
      assertInclusion(submissionHash, bundle.submissionIndex, bundle.treeSize, logProof, headRoot);
    } catch (error) {
      throw new MerkleVerificationError(`the submission is not proven to be in the log: ${(error as Error).message}`);
    }

    // 3. The head is the log's, at that size.
    if (bundle.head.treeSize !== bundle.treeSize) {
      throw new MerkleVerificationError(`the proof is for tree size ${bundle.treeSize} but the head is for size ${bundle.head.treeSize}`);
    }
    const head = verifyTreeHead(bundle.head, publicKeys);
    if (!head.ok) return head;
  } catch (error) {
    if (error instanceof MerkleVerificationError) return { ok: false, reason: error.message };
    if (error instanceof MerkleFormatError) return { ok: false, reason: `malformed proof: ${error.message}` };
    throw error;
  }
  return warning === undefined ? { ok: true } : { ok: true, warning };
}

/**
 * True when `proof` leads from the leaf to `root` for some tree size. The RFC
 * 9162 verifier's steps depend on the size only through comparisons of
 * (size − 1) >> j with index >> j, which change at size − 1 = index and at
 * size − 1 = ((index >> j) + 1) << j, so trying those sizes covers every case.
 */
function includedAtSomeSize(leafHash: Buffer, index: number, proof: Buffer[], root: Buffer): boolean {
  const sizes = new Set<number>([index + 1]);
  for (let j = 0, step = 1; j <= 53; j++, step *= 2) {
    const size = (Math.floor(index / step) + 1) * step + 1;
    if (Number.isSafeInteger(size)) sizes.add(size);
  }
  for (const size of sizes) {
    try {
      if (hashesEqual(rootFromInclusionProof(leafHash, index, size, proof), root)) return true;
    } catch (error) {
      if (!(error instanceof MerkleVerificationError)) throw error;
    }
  }
  return false;
}
