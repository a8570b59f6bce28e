import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource, type QueryRunner } from 'typeorm';
import type { Principal } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { MerkleTree, hashesEqual, leafHash, submissionLeafData, verifyTreeHead } from '../../merkle/src/index.js';
import { SocietiesService } from '../../registry/src/index.js';
import { LinesRepository, type LoggedSubmission } from './lines.repository.js';
import { logOrigin } from './log-identity.js';
import { type LogLeaf, LogRepository } from './log.repository.js';
import { SigningKeyService } from './signing-key.service.js';
import { collectLeafRows, SubmissionTreeBuilder, type SubmissionChunk, type SubmissionTree } from './submission-tree.js';

/** Something the stored data does not agree with: a submission, and the line when it can be named. */
export interface Mismatch {
  submissionId: string;
  lineId?: string;
  /** What does not agree, in words. */
  reason: string;
}

export interface VerifyReport {
  /** True when nothing disagrees. */
  ok: boolean;
  /** Submissions (log leaves) whose lines were recomputed. */
  checkedSubmissions: number;
  /** Lines whose leaf hash was recomputed from their columns. */
  checkedLines: number;
  /** Size of the latest signed head. */
  treeSize: number;
  mismatches: Mismatch[];
}

/** The session advisory lock a verification of the society holds while it runs. */
export function verifyLockKey(societyId: string): string {
  return `verify ${societyId}`;
}

/** Lines named per submission before the rest are summed up in one mismatch. */
const LINES_NAMED_PER_SUBMISSION = 100;
/** From this many lines on, a submission is recomputed as two ranges side by side. */
const SPLIT_ROWS = 50_000;
const TRUE = 0x74; // 't', as COPY writes a true boolean

/**
 * Recomputes a society's log from its stored lines and compares it with what was
 * signed, in one consistent snapshot:
 *   1. every line's leaf hash from its columns, against the stored leaf_hash;
 *   2. every submission root from those recomputed hashes, against the log leaf,
 *      the submission's recorded root and its stored chunk roots;
 *   3. every signed tree head: signed by one of the ledger's trusted keys (the
 *      current one, or a retired one no later than its retirement), naming this
 *      log, and with the root of the log recomputed from the lines at its size;
 *   4. the latest head covers every leaf, and every committed submission is a leaf.
 * A change made behind the ledger's back (triggers disabled by a superuser) is
 * reported as the submission and, when the line's own hash gives it away, the line.
 */
@Injectable()
export class VerifyService {
  constructor(
    private readonly db: DataSource,
    private readonly log: LogRepository,
    private readonly lines: LinesRepository,
    private readonly key: SigningKeyService,
    private readonly societies: SocietiesService,
  ) {}

  async verify(p: Principal, societyId: string): Promise<VerifyReport> {
    if (p.role === 'rights-holder') throw DomainError.notFound('Society', societyId);
    await this.societies.assertReadable(p, societyId);
    const runner = this.db.createQueryRunner();
    const reader = new SnapshotReader(this.db, runner);
    let locked = false;
    try {
      const client = (await runner.connect()) as pg.Client;
      // One verification of a society at a time: it reads every line, and a second one at
      // the same moment would only halve the speed of both.
      const [{ acquired }]: { acquired: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS acquired`, [verifyLockKey(societyId)]);
      if (!acquired) {
        throw DomainError.conflict(`A verification of society ${societyId} is already running; ask again when it has finished`, { societyId });
      }
      locked = true;
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const report = await this.check(runner, client, societyId, reader);
      await runner.commitTransaction();
      return report;
    } finally {
      await reader.release();
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      if (locked) await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [verifyLockKey(societyId)]).catch(() => undefined);
      await runner.release();
    }
  }

  private async check(q: QueryRunner, client: pg.Client, societyId: string, reader: SnapshotReader): Promise<VerifyReport> {
    const mismatches: Mismatch[] = [];
    const leaves = await this.log.leaves(q, societyId);
    const heads = await this.log.heads(q, societyId);
    const submissions = new Map((await this.lines.submissionsOf(q, societyId)).map((s) => [s.id, s]));

    // 1–2: each leaf from its lines. `expected` is the log as the lines say it should be.
    const expected: Buffer[] = [];
    let checkedLines = 0;
    for (const leaf of leaves) {
      const s = submissions.get(leaf.submissionId);
      if (!s) {
        mismatches.push({ submissionId: leaf.submissionId, reason: `log leaf ${leaf.leafIndex} names a submission that is not committed` });
        expected.push(leaf.leafHash);
        continue;
      }
      const stored = await this.log.chunks(s.societyId, s.id, q);
      const tree = await this.recompute(q, client, s, stored, reader, mismatches);
      checkedLines += tree.size;
      const recomputedLeaf = leafHash(submissionLeafData(tree.root));
      expected.push(recomputedLeaf);
      if (!hashesEqual(recomputedLeaf, leaf.leafHash)) {
        mismatches.push({ submissionId: s.id, reason: this.whyRootDiffers(s, tree, leaf, stored) });
      } else {
        // The lines agree with the log; what is recorded beside them must too.
        if (!s.root || !hashesEqual(s.root, tree.root)) {
          mismatches.push({ submissionId: s.id, reason: `the root recorded on the submission differs from the root of its lines ${tree.root.toString('hex')}` });
        }
        if (stored.length > 0 && !sameChunks(stored, tree)) {
          mismatches.push({ submissionId: s.id, reason: 'the stored chunk roots (used for line proofs) differ from the chunks of its lines' });
        }
      }
      if (s.logIndex !== leaf.leafIndex) {
        mismatches.push({ submissionId: s.id, reason: `the submission records log index ${s.logIndex}, but it is log leaf ${leaf.leafIndex}` });
      }
      submissions.delete(s.id);
    }
    for (const s of submissions.values()) {
      mismatches.push({ submissionId: s.id, reason: `the submission is ${s.status} but is not in the log` });
    }

    // 3–4: the signed heads against the log the lines give.
    const tree = new MerkleTree(expected);
    // Heads after a leaf already found wrong cannot match the recomputed log: not reported again.
    const firstBadLeaf = leaves.findIndex((leaf, i) => !hashesEqual(leaf.leafHash, expected[i]));
    // The current key and the retired ones (each up to its retiredAt), from the configuration, never from the database.
    const trusted = this.key.trusted;
    const blame = (size: number) => leaves[Math.min(size, leaves.length) - 1]?.submissionId ?? leaves[0]?.submissionId;
    for (const head of heads) {
      const problems: string[] = [];
      const signature = verifyTreeHead(head, trusted);
      if (!signature.ok) problems.push(signature.reason ?? 'the signature does not verify');
      if (head.origin !== undefined && head.origin !== logOrigin(societyId)) problems.push(`it names the log ${head.origin}`);
      if (head.treeSize > leaves.length) problems.push(`the log has only ${leaves.length} leaves`);
      else if (head.rootHash !== tree.root(head.treeSize).toString('hex') && !(firstBadLeaf >= 0 && firstBadLeaf < head.treeSize)) {
        problems.push(`its root ${head.rootHash} is not the root of the log's first ${head.treeSize} leaves recomputed from their lines`);
      }
      const submissionId = blame(head.treeSize);
      if (problems.length > 0 && submissionId) {
        mismatches.push({ submissionId, reason: `the signed tree head of size ${head.treeSize}: ${problems.join('; ')}` });
      }
    }
    const latest = heads.at(-1)?.treeSize ?? 0;
    for (const leaf of leaves.slice(latest)) {
      mismatches.push({ submissionId: leaf.submissionId, reason: `log leaf ${leaf.leafIndex} is not covered by any signed tree head (the latest is of size ${latest})` });
    }
    return { ok: mismatches.length === 0, checkedSubmissions: leaves.length, checkedLines, treeSize: latest, mismatches };
  }

  /**
   * Streams the submission's lines with their leaf hashes recomputed from the columns,
   * folding them into the tree and noting every line whose stored leaf hash differs.
   * A large submission is read as two ranges of lines (split at a stored chunk
   * boundary) side by side, the second on a helper connection that shares this
   * transaction's snapshot: the recomputation runs on two cores.
   */
  private async recompute(q: QueryRunner, client: pg.Client, s: LoggedSubmission, stored: SubmissionChunk[], reader: SnapshotReader, mismatches: Mismatch[]): Promise<SubmissionTree> {
    const split = (s.rows ?? 0) >= SPLIT_ROWS && stored.length >= 2 ? stored[Math.floor(stored.length / 2)].firstLineNo : null;
    const ranges = split === null ? [{}] : [{ below: split }, { from: split }];
    const clients = split === null ? [client] : [client, await reader.client()];
    const changed = ranges.map(() => ({ first: [] as number[], count: 0 }));
    const settled = await Promise.allSettled(
      ranges.map((range, i) =>
        collectLeafRows(clients[i].query(copyTo(this.lines.recomputedLeavesCopySql(s, range))), (lineNo, flag) => {
          if (flag === TRUE) return;
          changed[i].count += 1;
          if (changed[i].first.length < LINES_NAMED_PER_SUBMISSION) changed[i].first.push(lineNo);
        }),
      ),
    );
    const parts = settled.map((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value;
    });
    const builder = new SubmissionTreeBuilder();
    for (const part of parts) part.pushInto(builder);

    const changedCount = changed.reduce((n, c) => n + c.count, 0);
    const named = changed.flatMap((c) => c.first).slice(0, LINES_NAMED_PER_SUBMISSION);
    if (named.length > 0) {
      const ids = await this.lines.lineIds(q, s, named);
      for (const lineNo of named) {
        mismatches.push({ submissionId: s.id, lineId: ids.get(lineNo) ?? `#${lineNo}`, reason: `line ${lineNo}: its columns do not give its stored leaf hash` });
      }
      if (changedCount > named.length) {
        mismatches.push({ submissionId: s.id, reason: `and ${changedCount - named.length} more lines whose columns do not give their stored leaf hash` });
      }
    }
    return builder.finish();
  }

  /** Says where a submission's recomputed root departs from its log leaf, as precisely as the stored data allows. */
  private whyRootDiffers(s: LoggedSubmission, tree: SubmissionTree, leaf: LogLeaf, stored: SubmissionChunk[]): string {
    const base = `its lines give the root ${tree.root.toString('hex')}, whose leaf is not log leaf ${leaf.leafIndex}`;
    if (s.root && hashesEqual(s.root, tree.root)) return `${base}: the log leaf was changed`;
    if (!s.root || !hashesEqual(leafHash(submissionLeafData(s.root)), leaf.leafHash)) {
      return `${base}, and neither is the root recorded on the submission`;
    }
    // The log leaf and the recorded root agree: the lines were changed. Which ones?
    if (tree.size !== s.rows) return `${base}: it has ${tree.size} lines where ${s.rows} were committed`;
    const differing = tree.chunks.find((c, i) => !stored[i] || !hashesEqual(stored[i].root, c.root));
    if (stored.length > 0 && differing) {
      return `${base}: lines from line ${differing.firstLineNo} on (chunk ${differing.index}) were changed since the commit`;
    }
    return `${base}: its lines were changed since the commit`;
  }
}

/**
 * A second connection reading the same snapshot as the verifying transaction (opened
 * only when a submission is large enough to be read in two parts).
 */
class SnapshotReader {
  private helper: QueryRunner | null = null;
  private pgClient: pg.Client | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly main: QueryRunner,
  ) {}

  async client(): Promise<pg.Client> {
    if (this.pgClient) return this.pgClient;
    const [{ id }]: { id: string }[] = await this.main.query(`SELECT pg_export_snapshot() AS id`);
    this.helper = this.db.createQueryRunner();
    const client = (await this.helper.connect()) as pg.Client;
    await this.helper.query(`START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    await this.helper.query(`SET TRANSACTION SNAPSHOT '${id.replace(/'/g, "''")}'`);
    this.pgClient = client;
    return client;
  }

  async release(): Promise<void> {
    if (!this.helper) return;
    await this.helper.query('ROLLBACK').catch(() => undefined);
    await this.helper.release();
    this.helper = null;
    this.pgClient = null;
  }
}

function sameChunks(stored: { index: number; firstLineNo: number; leafCount: number; root: Buffer }[], tree: SubmissionTree): boolean {
  return (
    stored.length === tree.chunks.length &&
    stored.every((c, i) => c.index === i && c.firstLineNo === tree.chunks[i].firstLineNo && c.leafCount === tree.chunks[i].leafCount && hashesEqual(c.root, tree.chunks[i].root))
  );
}
