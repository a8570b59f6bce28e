import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';
import { MerkleRootBuilder, hashesEqual, signTreeHead, submissionLeafData, leafHash, type SignedTreeHead } from '../../merkle/src/index.js';
import { journalSql, type PackageType } from '../../package-catalogue/src/index.js';
import { logOrigin } from './log-identity.js';
import { LogRepository } from './log.repository.js';
import { SigningKeyService } from './signing-key.service.js';
import { bindUuids } from './sql.js';
import { collectLeafRows, type LeafRows, rootOfChunks, type SubmissionChunk, type SubmissionTree } from './submission-tree.js';

export interface CommitRecord {
  societyId: string;
  submissionId: string;
  type: PackageType;
  period: string;
  /** Last day of the submitted quarter: the journal date of its entries. */
  entryDate: string;
  root: Buffer;
  /**
   * The submission tree's chunk roots (see submission-tree.ts), kept so that a line's
   * proof reads one chunk instead of every line. Without them proofs read all the
   * submission's leaf hashes.
   */
  chunks?: SubmissionChunk[];
  /** The committed submission this one replaces, whose entries are reversed. */
  supersedes: string | null;
  /**
   * The package's journal sums, computed beforehand (journalSums: a large package's,
   * outside the committing transaction); else summed by the statement that posts them,
   * from `linesTable` when given (a submission's partition before it is attached), else
   * from the type's lines table.
   */
  journal?: JournalSum[];
  linesTable?: string;
}

/** What one entry posts to one account in one currency (an exact decimal string). */
export interface JournalSum {
  kind: string;
  account: string;
  currency: string;
  amount: string;
}

/**
 * Posts a committed submission into the ledger, inside the committing transaction:
 * balanced journal entries (and the reversal of what it supersedes), then a new leaf
 * in the society's log and a signed tree head over it.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly log: LogRepository,
    private readonly key: SigningKeyService,
  ) {}

  /**
   * Runs `insertSql`, the INSERT … SELECT that writes a submission's lines (with its
   * `leaf_hash` column, its `$n` parameters uuids given in `params`), as
   * `COPY (insertSql RETURNING line_no, leaf_hash) TO STDOUT` on the committing
   * connection, and folds the leaf hashes into the submission tree as they stream
   * back (36 bytes a line, put in line order if the database returned them in
   * another): the root and chunk roots come from the writing, not from reading the
   * lines again.
   */
  async writeLines(client: pg.Client, insertSql: string, params: string[]): Promise<SubmissionTree> {
    const copy = `COPY (${bindUuids(insertSql, params)} RETURNING line_no, encode(leaf_hash, 'hex')) TO STDOUT`;
    return (await collectLeafRows(client.query(copyTo(copy)))).buildTree();
  }

  /**
   * The leaf hashes of lines already written, as `copySql` (a `COPY (SELECT line_no,
   * encode(leaf_hash, 'hex') …) TO STDOUT` over them, in any order) streams them; the
   * caller folds them into the submission tree (LeafRows.buildTreeInSlices).
   */
  async leavesOf(client: pg.Client, copySql: string): Promise<LeafRows> {
    return collectLeafRows(client.query(copyTo(copySql)));
  }

  async recordCommit(q: QueryRunner, c: CommitRecord): Promise<{ logIndex: number; head: SignedTreeHead }> {
    if (c.chunks && !hashesEqual(rootOfChunks(c.chunks.map((k) => k.root)), c.root)) {
      throw new Error(`the chunk roots of submission ${c.submissionId} do not give its root`);
    }
    await this.log.lockSociety(q, c.societyId);
    if (c.supersedes) await this.reverse(q, c.societyId, c.supersedes, c.submissionId, c.entryDate);
    await this.post(q, c);

    const tree = await this.appendable(q, c.societyId);
    const leaf = leafHash(submissionLeafData(c.root));
    const logIndex = tree.size;
    tree.pushLeafHash(leaf);
    await this.log.appendLeaf(q, c.societyId, logIndex, c.submissionId, leaf);
    if (c.chunks) await this.log.insertChunks(q, c.societyId, c.submissionId, c.chunks);
    const head = signTreeHead(
      { treeSize: tree.size, rootHash: tree.root().toString('hex'), timestamp: new Date().toISOString(), origin: logOrigin(c.societyId) },
      this.key.privateKey,
    );
    await this.log.insertHead(q, c.societyId, head, tree.compactRange());
    return { logIndex, head };
  }

  /**
   * The society's log, ready for one more leaf (inside the committing transaction, the
   * society locked): from the latest head's compact range, a few hashes, never the log's
   * leaves. The range is folded and compared with the head's signed root first: a range
   * that does not give it stops the commit rather than sign a head inconsistent with the
   * last. A head stored without a range (written before ranges were kept, or by a
   * fixture) and a log without heads are read leaf by leaf, once.
   */
  private async appendable(q: QueryRunner, societyId: string): Promise<MerkleRootBuilder> {
    const at = await this.log.appendPoint(q, societyId);
    if (at?.compactRange) {
      const tree = MerkleRootBuilder.fromCompactRange(at.treeSize, at.compactRange);
      if (!hashesEqual(tree.root(), at.rootHash)) throw new Error(`the compact range kept with head ${at.treeSize} of society ${societyId} does not give its signed root`);
      return tree;
    }
    const tree = new MerkleRootBuilder();
    for (const leaf of await this.log.leafHashes(societyId, undefined, q)) tree.pushLeafHash(leaf);
    return tree;
  }

  /**
   * The package's entries, set-based: one balanced entry per kind of event it records
   * (e.g. a distribution package posts a distribution and a payment entry).
   */
  private async post(q: QueryRunner, c: CommitRecord): Promise<void> {
    const params: unknown[] = [c.societyId, c.submissionId, c.entryDate, c.type, c.period];
    let sums: string;
    if (c.journal) {
      if (c.journal.length === 0) return; // board and mandates carry no money
      sums = `SELECT * FROM unnest($6::text[], $7::text[], $8::text[], $9::numeric[]) AS p(kind, account, currency, amount)`;
      params.push(c.journal.map((x) => x.kind), c.journal.map((x) => x.account), c.journal.map((x) => x.currency), c.journal.map((x) => x.amount));
    } else {
      const sql = journalSql(c.type, c.linesTable);
      if (!sql) return;
      // Summed by this statement (the sums of journalSums): they never travel to the process and back.
      sums = `SELECT kind, account, currency, sum(amount) AS amount FROM (${sql}) AS x(kind, account, currency, amount)
              GROUP BY kind, account, currency HAVING sum(amount) <> 0`;
    }
    const entries: { id: string }[] = await q.query(
      `WITH p AS (
         ${sums}
       ), e AS (
         INSERT INTO journal_entries (society_id, submission_id, kind, entry_date, description)
         SELECT $1, $2, k.kind, $3, k.kind || ' from the ' || $4 || ' package for ' || $5
         FROM (SELECT DISTINCT kind FROM p) k
         RETURNING id, kind
       ), postings AS (
         INSERT INTO journal_postings (society_id, entry_id, posting_no, account, currency, amount)
         SELECT $1, e.id, row_number() OVER (PARTITION BY e.id ORDER BY p.currency, p.account), p.account, p.currency, p.amount
         FROM p JOIN e USING (kind)
       )
       SELECT id FROM e`,
      params,
    );
    await this.assertBalanced(q, c.societyId, entries.map((e) => e.id));
  }

  /**
   * What a package posts: per entry kind, account and currency, the exact sum over its
   * lines (zero sums left out). `linesTable`: read a submission's lines from that table
   * (its partition before it is attached) instead of the type's lines table.
   */
  async journalSums(q: Pick<QueryRunner, 'query'>, type: PackageType, societyId: string, submissionId: string, linesTable?: string): Promise<JournalSum[]> {
    const sql = journalSql(type, linesTable);
    if (!sql) return [];
    return q.query(
      `SELECT kind, account, currency::text AS currency, sum(amount)::text AS amount
       FROM (${sql}) AS x(kind, account, currency, amount)
       GROUP BY kind, account, currency HAVING sum(amount) <> 0`,
      [societyId, submissionId],
    );
  }

  /** A correction never edits: it posts the negation of every entry of the superseded submission. */
  private async reverse(q: QueryRunner, societyId: string, oldSubmissionId: string, newSubmissionId: string, entryDate: string): Promise<void> {
    const entries: { id: string; kind: string }[] = await q.query(
      `SELECT e.id, e.kind FROM journal_entries e
       WHERE e.society_id = $1 AND e.submission_id = $2 AND e.reverses IS NULL
         AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.society_id = e.society_id AND r.reverses = e.id)`,
      [societyId, oldSubmissionId],
    );
    for (const e of entries) {
      const reversal: { id: string }[] = await q.query(
        `INSERT INTO journal_entries (society_id, submission_id, kind, entry_date, description, reverses, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [societyId, newSubmissionId, e.kind, entryDate, `reversal of ${e.kind} entry ${e.id}`, e.id, `superseded by submission ${newSubmissionId}`],
      );
      await q.query(
        `INSERT INTO journal_postings (society_id, entry_id, posting_no, account, currency, amount)
         SELECT society_id, $3, posting_no, account, currency, -amount FROM journal_postings WHERE society_id = $1 AND entry_id = $2`,
        [societyId, e.id, reversal[0].id],
      );
      await this.assertBalanced(q, societyId, [reversal[0].id]);
    }
  }

  /** Every one of the entries sums to zero in each currency (one statement for all of them). */
  private async assertBalanced(q: QueryRunner, societyId: string, entryIds: string[]): Promise<void> {
    const off: { entryId: string; currency: string; total: string }[] = await q.query(
      `SELECT entry_id AS "entryId", currency, sum(amount)::text AS total FROM journal_postings
       WHERE society_id = $1 AND entry_id = ANY($2::uuid[]) GROUP BY entry_id, currency HAVING sum(amount) <> 0 ORDER BY entry_id, currency`,
      [societyId, entryIds],
    );
    if (off.length > 0) {
      const first = off[0].entryId;
      throw new Error(`journal entry ${first} does not balance: ${off.filter((o) => o.entryId === first).map((o) => `${o.currency} ${o.total}`).join(', ')}`);
    }
  }
}
