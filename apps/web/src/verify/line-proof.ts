import { isCanonicalJson } from './canonical-json';
import { bytesToHex, hashFromHex, isTreeIndex, ProofFormatError, utf8 } from './encoding';
import { assertInclusion, includedAtSomeSize, leafHash, ProofMismatchError } from './merkle';
import { type PublishedKey, type SignedTreeHead, verifySignedHead } from './signed-head';
import { msg, t } from '../i18n';

/**
 * Verifies a line proof (`GET /v1/submissions/{id}/lines/{lineId}/proof`) in the browser,
 * with nothing but the published keys: the same checks as `ledger verify` (libs/merkle
 * verifyLineProof, against which the unit tests compare it), reported step by step so a
 * person can see which link of the chain holds.
 */

/** What the proof route serves (docs/proofs.md). */
export interface LineProofBundle {
  leaf: string;
  leafIndex: number;
  submissionRoot: string;
  lineProof: string[];
  submissionIndex: number;
  treeSize: number;
  logProof: string[];
  head: SignedTreeHead;
  submissionSize?: number;
}

export type StepId = 'leaf' | 'submission' | 'log' | 'signature' | 'origin';
export type StepStatus = 'passed' | 'failed' | 'not-checked';

export interface VerificationStep {
  id: StepId;
  title: string;
  status: StepStatus;
  /** What was found: the hashes and positions when it passed, the reason when it failed. */
  detail: string;
}

export interface LineProofVerdict {
  ok: boolean;
  /** Why it failed (the first failing step's reason). */
  reason?: string;
  /** A limit of what a valid proof shows (no submissionSize: the position is not proven). */
  warning?: string;
  steps: VerificationStep[];
}

export interface VerifyOptions {
  /** The log the head must name, `collective-ledger/society/<id>`: a head of another society's log is refused. */
  expectedOrigin?: string;
}

const TITLES: Record<StepId, string> = {
  leaf: msg('The line is exactly the text that was hashed'),
  submission: msg("The line is in the society's submission"),
  log: msg("The submission is in the society's log"),
  signature: msg("The log's head is signed with the ledger's published key"),
  origin: msg("The head is of this society's log"),
};

/** The ledger's name for a society's log, as heads carry it in `origin`. */
export function societyLogOrigin(societyId: string): string {
  return `collective-ledger/society/${societyId}`;
}

/** Checks the JSON shape of a proof (types only; the values are checked by the steps). */
export function checkBundleShape(document: unknown): asserts document is LineProofBundle {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new ProofFormatError('a line proof must be a JSON object');
  const d = document as Record<string, unknown>;
  for (const name of ['leaf', 'submissionRoot']) if (typeof d[name] !== 'string') throw new ProofFormatError(`${name} must be a string`);
  for (const name of ['leafIndex', 'submissionIndex', 'treeSize']) if (!isTreeIndex(d[name])) throw new ProofFormatError(`${name} must be a non-negative integer`);
  for (const name of ['lineProof', 'logProof']) {
    const value = d[name];
    if (!Array.isArray(value) || value.some((h) => typeof h !== 'string')) throw new ProofFormatError(`${name} must be a list of hex strings`);
  }
  if (d.head === null || typeof d.head !== 'object' || Array.isArray(d.head)) throw new ProofFormatError('head must be an object');
  if (d.submissionSize !== undefined && !isTreeIndex(d.submissionSize)) throw new ProofFormatError('submissionSize must be a non-negative integer');
}

/**
 * Verifies a line proof against published keys:
 *   1. `leaf` is RFC 8785 canonical JSON (what is shown is what was hashed);
 *   2. its leaf hash SHA-256(0x00‖leaf) is at `leafIndex` of `submissionSize` under
 *      `submissionRoot` (RFC 9162 inclusion, via `lineProof`);
 *   3. the submission leaf (the 32 root bytes) is at `submissionIndex` of `treeSize` in
 *      the log whose root is `head.rootHash` (via `logProof`), and the head is of that size;
 *   4. the head's Ed25519 signature verifies with the published key it names;
 *   5. with `expectedOrigin`, the head names that log.
 * Checking stops at the first failing step; the later ones are "not checked".
 */
export async function verifyLineProof(bundle: unknown, keys: readonly PublishedKey[], options: VerifyOptions = {}): Promise<LineProofVerdict> {
  const ids: StepId[] = ['leaf', 'submission', 'log', 'signature', ...(options.expectedOrigin !== undefined ? (['origin'] as const) : [])];
  const steps: VerificationStep[] = ids.map((id) => ({ id, title: t(TITLES[id]), status: 'not-checked', detail: t('Not checked') }));
  const pass = (id: StepId, detail: string) => Object.assign(steps.find((s) => s.id === id)!, { status: 'passed', detail });
  const fail = (id: StepId, reason: string): LineProofVerdict => {
    Object.assign(steps.find((s) => s.id === id)!, { status: 'failed', detail: reason });
    return { ok: false, reason, steps };
  };

  try {
    checkBundleShape(bundle);
  } catch (e) {
    if (e instanceof ProofFormatError) return { ok: false, reason: t('malformed proof: {problem}', { problem: e.message }), steps };
    throw e;
  }

  // 1. The leaf text is canonical.
  if (!isCanonicalJson(bundle.leaf)) return fail('leaf', t('the line is not RFC 8785 canonical JSON, so it is not the text that was hashed'));
  const lineHash = await leafHash(utf8(bundle.leaf));
  pass('leaf', t('Canonical JSON; its leaf hash is {hash}', { hash: bytesToHex(lineHash) }));

  // 2. The line is in the submission.
  let warning: string | undefined;
  try {
    const submissionRoot = hashFromHex(bundle.submissionRoot, 'submissionRoot');
    const path = bundle.lineProof.map((h, i) => hashFromHex(h, `lineProof[${i}]`));
    if (bundle.submissionSize !== undefined) {
      await assertInclusion(lineHash, bundle.leafIndex, bundle.submissionSize, path, submissionRoot);
      pass('submission', t('Line {line} of {size}, under the submission root {root}', { line: bundle.leafIndex + 1, size: bundle.submissionSize, root: bundle.submissionRoot }));
    } else {
      if (!(await includedAtSomeSize(lineHash, bundle.leafIndex, path, submissionRoot))) throw new ProofMismatchError('the line proof does not lead from the leaf to the submission root');
      warning = t('the proof has no submissionSize: the line is proven to be in the submission, but not its position');
      pass('submission', t('Under the submission root {root} (position not proven)', { root: bundle.submissionRoot }));
    }
  } catch (e) {
    return fail('submission', reasonOf(e));
  }

  // 3. The submission is in the log, at the head's size.
  try {
    const submissionRoot = hashFromHex(bundle.submissionRoot, 'submissionRoot');
    const headRoot = hashFromHex(bundle.head.rootHash, 'head.rootHash');
    const path = bundle.logProof.map((h, i) => hashFromHex(h, `logProof[${i}]`));
    const submissionHash = await leafHash(submissionRoot);
    try {
      await assertInclusion(submissionHash, bundle.submissionIndex, bundle.treeSize, path, headRoot);
    } catch (e) {
      if (e instanceof ProofMismatchError) throw new ProofMismatchError(`the submission is not proven to be in the log: ${e.message}`);
      throw e;
    }
    if (bundle.head.treeSize !== bundle.treeSize) throw new ProofMismatchError(`the proof is for tree size ${bundle.treeSize} but the head is for size ${String(bundle.head.treeSize)}`);
    pass('log', t('Submission {index} of {size} in the log whose root is {root}', { index: bundle.submissionIndex + 1, size: bundle.treeSize, root: bundle.head.rootHash }));
  } catch (e) {
    return fail('log', reasonOf(e));
  }

  // 4. The head is signed.
  const head = await verifySignedHead(bundle.head, keys);
  if (!head.ok) return fail('signature', head.reason);
  pass('signature', t('Ed25519 signature by key {key} over the head of {time}', { key: head.keyId, time: bundle.head.timestamp }));

  // 5. It is the expected society's log.
  if (options.expectedOrigin !== undefined) {
    if (bundle.head.origin !== options.expectedOrigin) {
      return fail('origin', bundle.head.origin === undefined ? t('the head names no log') : t('the head is of the log {origin}, not {expected}', { origin: bundle.head.origin, expected: options.expectedOrigin }));
    }
    pass('origin', bundle.head.origin);
  }
  return warning === undefined ? { ok: true, steps } : { ok: true, warning, steps };
}

function reasonOf(e: unknown): string {
  if (e instanceof ProofMismatchError) return e.message;
  if (e instanceof ProofFormatError) return t('malformed proof: {problem}', { problem: e.message });
  throw e;
}

