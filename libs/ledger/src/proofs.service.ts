import { Injectable } from '@nestjs/common';
import { type Principal, readableSocietyIds } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import {
  MerkleTree,
  emptyRoot,
  formatVerifierKey,
  importPublicKey,
  signTreeHead,
  type LineProofBundle,
  type PublicKeyRecord,
  type SignedTreeHead,
} from '../../merkle/src/index.js';
import { SocietiesService, type Society } from '../../registry/src/index.js';
import { PACKAGES } from '../../package-catalogue/src/index.js';
import { type LineRef, LinesRepository, type LoggedSubmission } from './lines.repository.js';
import { LOG_KEY_NAME, logOrigin } from './log-identity.js';
import { LogRepository } from './log.repository.js';
import { SigningKeyService } from './signing-key.service.js';
import { CHUNK_LEAVES, chunkedInclusionProof, type SubmissionChunk } from './submission-tree.js';
import { lineTlogProof } from './tlog-proof.js';
import { LogWitnessingService } from './witnessing.service.js';

/** A public key of the log, with its C2SP note verifier key for checkpoints. */
export interface LogPublicKey extends PublicKeyRecord {
  /** `<name>+<key hash>+<base64 key>`: what witnesses configure to check the checkpoints. */
  verifierKey: string;
  /** True for the key that signs now; false for a retired key still trusted for the heads it signed (up to its `retiredAt`, when given). */
  current: boolean;
}

const hex = (hashes: Buffer[]) => hashes.map((h) => h.toString('hex'));

/**
 * The society logs as their readers see them: signed heads, checkpoints,
 * consistency proofs, and the proof that one line is in a signed log.
 *
 * Heads and checkpoints are public information about a log: every role may read
 * them for any society it may name (a society only its own). A line's proof is for
 * the society that committed it, regulators and admins, and the rights holder the
 * line is about.
 */
@Injectable()
export class ProofsService {
  constructor(
    private readonly log: LogRepository,
    private readonly lines: LinesRepository,
    private readonly key: SigningKeyService,
    private readonly societies: SocietiesService,
    private readonly witnessing: LogWitnessingService,
  ) {}

  /**
   * Every key whose heads the ledger trusts, the current one first: the key set
   * `ledger verify --keys` reads (it ignores `verifierKey` and `current`, and honours `retiredAt`).
   */
  keys(): { keys: LogPublicKey[] } {
    return {
      keys: this.key.trusted.map(({ keyId, algorithm, publicKey, retiredAt, current }) => ({
        keyId,
        algorithm,
        publicKey,
        verifierKey: formatVerifierKey(LOG_KEY_NAME, importPublicKey({ keyId, algorithm, publicKey })),
        current,
        ...(retiredAt !== undefined ? { retiredAt } : {}),
      })),
    };
  }

  /** The latest signed head of the society's log (a head of the empty log before the first commit). */
  async head(p: Principal, societyId: string): Promise<SignedTreeHead> {
    const society = await this.societies.assertReadable(p, societyId);
    return (await this.log.head(societyId)) ?? this.emptyHead(society);
  }

  /** The latest head as a C2SP tlog-checkpoint signed note, with every witness cosignature the ledger holds for it. */
  async checkpoint(p: Principal, societyId: string): Promise<string> {
    const head = await this.head(p, societyId);
    return this.witnessing.cosignedCheckpoint(societyId, head);
  }

  /** Proof that the log at size `first` is a prefix of the log at size `second` (default: its current size). */
  async consistency(p: Principal, societyId: string, first: number | undefined, second?: number): Promise<{ proof: string[] }> {
    await this.societies.assertReadable(p, societyId);
    const size = (await this.log.head(societyId))?.treeSize ?? 0;
    if (first === undefined) {
      throw DomainError.validation('The older tree size is required', [{ field: 'first', message: 'is required (a tree size, 0 to the current size)' }]);
    }
    second ??= size;
    if (second > size) {
      throw DomainError.validation('The log is not that large', [{ field: 'second', message: `must be at most the log's current size ${size} (got ${second})` }]);
    }
    if (first > second) {
      throw DomainError.validation('first must not exceed second', [{ field: 'first', message: `must be at most second (${second}), got ${first}` }]);
    }
    const tree = new MerkleTree(await this.log.leafHashes(societyId, second));
    return { proof: hex(tree.consistencyProof(first, second)) };
  }

  /**
   * The proof bundle of one line: line → submission root → signed head of the log
   * (the latest head, or the one at `treeSize`). The leaf is the canonical JSON of
   * the line's stored columns, and the paths come from the stored hashes: if the
   * stored data was altered, the proof fails verification, as it should.
   */
  async lineProof(p: Principal, submissionId: string, lineId: string, treeSize?: number): Promise<LineProofBundle> {
    const notFound = () => DomainError.notFound('Line', `${lineId} of submission ${submissionId}`);
    const holder = p.role === 'rights-holder';
    const s = await this.lines.submission(submissionId, holder ? null : readableSocietyIds(p));
    if (!s) throw holder ? notFound() : DomainError.notFound('Submission', submissionId);
    // A rights holder may see a submission only through a line of their own: until that
    // line is found, every answer is the same 404, whether the submission exists, which
    // type it is (a type without line ids would otherwise answer 400) or how far it got.
    let ref: LineRef;
    try {
      ref = this.parseLineId(s, lineId);
    } catch (error) {
      if (holder) throw notFound();
      throw error;
    }
    if (s.logIndex === null || s.root === null) {
      if (holder) throw notFound();
      throw DomainError.conflict(`Submission ${submissionId} is ${s.status}: only committed submissions are in the log`);
    }
    const line = await this.lines.line(s, ref);
    if (!line || (holder && line.rightsHolderId !== p.rightsHolderId)) throw notFound();

    const { leafIndex, lineProof, submissionSize } = await this.submissionPath(s, line.lineNo);
    const head = treeSize === undefined ? await this.log.head(s.societyId) : await this.log.head(s.societyId, treeSize);
    if (!head) {
      throw DomainError.notFound('Signed tree head', `of size ${treeSize} in the log of society ${s.societyId}`);
    }
    if (s.logIndex >= head.treeSize) {
      throw DomainError.validation('The submission is not in the log at that size', [
        { field: 'treeSize', message: `submission ${s.id} is leaf ${s.logIndex}: the tree size must be greater than that (got ${head.treeSize})` },
      ]);
    }
    const logTree = new MerkleTree(await this.log.leafHashes(s.societyId, head.treeSize));
    return {
      leaf: line.leaf,
      leafIndex,
      submissionRoot: s.root.toString('hex'),
      lineProof: hex(lineProof),
      submissionIndex: s.logIndex,
      treeSize: head.treeSize,
      logProof: hex(logTree.inclusionProof(s.logIndex, head.treeSize)),
      head,
      submissionSize,
    };
  }

  /**
   * The line's proof as a C2SP tlog-proof (c2sp.org/tlog-proof): the submission's
   * inclusion in the checkpoint of the same head, with every witness cosignature held
   * for it, and the line's path inside its submission as the extra data.
   */
  async lineTlogProof(p: Principal, submissionId: string, lineId: string, treeSize?: number): Promise<string> {
    const b = await this.lineProof(p, submissionId, lineId, treeSize);
    const societyId = b.head.origin?.slice(b.head.origin.lastIndexOf('/') + 1) ?? '';
    const checkpoint = await this.witnessing.cosignedCheckpoint(societyId, b.head);
    const path = { leaf: b.leaf, leafIndex: b.leafIndex, submissionRoot: b.submissionRoot, lineProof: b.lineProof, submissionSize: b.submissionSize! };
    return lineTlogProof(path, b.submissionIndex, b.logProof.map((h) => Buffer.from(h, 'hex')), checkpoint);
  }

  /**
   * The line's index and audit path in its submission tree: from its chunk and the
   * chunk roots when the commit stored them (one chunk of leaf hashes read), from all
   * the submission's leaf hashes otherwise.
   */
  private async submissionPath(s: LoggedSubmission, lineNo: number): Promise<{ leafIndex: number; lineProof: Buffer[]; submissionSize: number }> {
    const chunks = await this.log.chunks(s.societyId, s.id);
    if (isWholeChunking(chunks, s.rows)) {
      let chunk = chunks[0];
      for (const c of chunks) if (c.firstLineNo <= lineNo) chunk = c;
      const { lineNos, hashes } = await this.lines.leaves(s, chunk.firstLineNo, chunk.leafCount);
      const offset = lineNos.indexOf(lineNo);
      if (hashes.length === chunk.leafCount && offset >= 0) {
        return {
          leafIndex: chunk.index * CHUNK_LEAVES + offset,
          lineProof: chunkedInclusionProof(offset, hashes, chunk.index, chunks.map((c) => c.root)),
          submissionSize: s.rows!,
        };
      }
      // The stored lines no longer match the chunking (lines removed behind the ledger's
      // back): fall through to the whole tree, whose proof will then fail verification.
    }
    const { lineNos, hashes } = await this.lines.leaves(s);
    const leafIndex = lineNos.indexOf(lineNo);
    return { leafIndex, lineProof: new MerkleTree(hashes).inclusionProof(leafIndex), submissionSize: hashes.length };
  }

  /** `#<n>` is the line numbered n in the file (as the ingest reports problems); anything else the package's line id. */
  private parseLineId(s: LoggedSubmission, lineId: string): LineRef {
    const byNumber = /^#([0-9]{1,9})$/.exec(lineId);
    if (byNumber) return { lineNo: Number(byNumber[1]) };
    const idColumn = PACKAGES[s.type].idColumn;
    if (!idColumn) {
      throw DomainError.validation(`Lines of ${s.type} packages have no id`, [
        { field: 'lineId', message: `name the line by its line number in the file, written #<n> (e.g. #2 for the first data line), got ${JSON.stringify(lineId)}` },
      ]);
    }
    return { id: lineId };
  }

  /** The head of a log with no leaf yet, dated when the society was registered (so always the same bytes). */
  private emptyHead(society: Society): SignedTreeHead {
    return signTreeHead(
      { treeSize: 0, rootHash: emptyRoot().toString('hex'), timestamp: society.createdAt, origin: logOrigin(society.id) },
      this.key.privateKey,
    );
  }
}

/** True when the chunks cover all `rows` lines, every chunk but the last full. */
function isWholeChunking(chunks: SubmissionChunk[], rows: number | null): boolean {
  if (chunks.length === 0 || rows === null) return false;
  if (chunks.length !== Math.ceil(rows / CHUNK_LEAVES)) return false;
  return chunks.every((c, i) => c.index === i && (i === chunks.length - 1 ? c.leafCount === rows - i * CHUNK_LEAVES : c.leafCount === CHUNK_LEAVES));
}
