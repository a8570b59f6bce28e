/**
 * Test-only: a small society log built the way the ledger builds it (lines as
 * canonical JSON leaves of a submission tree, submission roots as leaves of the
 * log, a signed head), and the proof bundles the API would serve for it.
 */
import { exportPublicKey, generateEd25519KeyPair, type KeySet } from '../keys.js';
import { lineLeafData, submissionLeafData, type LineProofBundle } from '../line-proof.js';
import { signTreeHead, type SignedTreeHead } from '../tree-head.js';
import { MerkleTree } from '../tree.js';

export interface LineProofFixture {
  keySet: KeySet;
  head: SignedTreeHead;
  bundle(submissionIndex: number, lineIndex: number): LineProofBundle;
}

export function distributionLine(n: number): Record<string, string> {
  return {
    line_id: `L-${n}`,
    rights_holder_ipi: String(100000000 + n).padStart(11, '0'),
    rights_holder_name: `Holder ${n} «Ünïcode»`,
    work_title: `Work "${n}"`,
    currency: 'EUR',
    gross: `${n}.50`,
    net: `${n}.00`,
    status: n % 3 === 0 ? 'unpaid' : 'paid',
  };
}

export function buildLineProofFixture(linesPerSubmission: readonly number[], timestamp = '2026-04-01T00:00:00Z'): LineProofFixture {
  const { privateKey, publicKey } = generateEd25519KeyPair();
  let n = 0;
  const submissions = linesPerSubmission.map((count) => {
    const lines = Array.from({ length: count }, () => distributionLine(n++));
    return { lines, tree: MerkleTree.fromLeafData(lines.map(lineLeafData)) };
  });
  const log = MerkleTree.fromLeafData(submissions.map((s) => submissionLeafData(s.tree.root())));
  const head = signTreeHead({ treeSize: log.size, rootHash: log.root().toString('hex'), timestamp }, privateKey);
  return {
    keySet: { keys: [exportPublicKey(publicKey)] },
    head,
    bundle(submissionIndex, lineIndex) {
      const { lines, tree } = submissions[submissionIndex];
      return {
        leaf: lineLeafData(lines[lineIndex]).toString('utf8'),
        leafIndex: lineIndex,
        submissionRoot: tree.root().toString('hex'),
        lineProof: tree.inclusionProof(lineIndex).map((h) => h.toString('hex')),
        submissionIndex,
        treeSize: log.size,
        logProof: log.inclusionProof(submissionIndex).map((h) => h.toString('hex')),
        head,
        submissionSize: tree.size,
      };
    },
  };
}
