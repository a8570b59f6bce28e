import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { MerkleTree, signTreeHead, submissionLeafData, leafHash, type SignedTreeHead } from '../../merkle/src/index.js';
import type { PackageType } from '../../submissions/src/package-types/package-types.js';
import { JOURNAL_SQL } from './journal-sql.js';
import { LogRepository } from './log.repository.js';
import { SigningKeyService } from './signing-key.service.js';

export interface CommitRecord {
  societyId: string;
  submissionId: string;
  type: PackageType;
  period: string;
  /** Last day of the submitted quarter: the journal date of its entries. */
  entryDate: string;
  root: Buffer;
  /** The committed submission this one replaces, whose entries are reversed. */
  supersedes: string | null;
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

  async recordCommit(q: QueryRunner, c: CommitRecord): Promise<{ logIndex: number; head: SignedTreeHead }> {
    await this.log.lockSociety(q, c.societyId);
    if (c.supersedes) await this.reverse(q, c.societyId, c.supersedes, c.submissionId, c.entryDate);
    await this.post(q, c);

    const leaves = await this.log.leafHashes(q, c.societyId);
    const tree = new MerkleTree(leaves);
    const leaf = leafHash(submissionLeafData(c.root));
    const logIndex = tree.append(leaf);
    await this.log.appendLeaf(q, c.societyId, logIndex, c.submissionId, leaf);
    const head = signTreeHead({ treeSize: tree.size, rootHash: tree.root().toString('hex'), timestamp: new Date().toISOString() }, this.key.privateKey);
    await this.log.insertHead(q, c.societyId, head);
    return { logIndex, head };
  }

  /** One entry per committed money package, its postings from the lines (set-based). */
  private async post(q: QueryRunner, c: CommitRecord): Promise<void> {
    const sql = JOURNAL_SQL[c.type];
    if (!sql) return; // board and mandates carry no money
    const entry: { id: string }[] = await q.query(
      `INSERT INTO journal_entries (society_id, submission_id, kind, entry_date, description) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [c.societyId, c.submissionId, c.type, c.entryDate, `${c.type} package for ${c.period}`],
    );
    await q.query(
      `INSERT INTO journal_postings (society_id, entry_id, posting_no, account, currency, amount)
       SELECT $1, $3::uuid, row_number() OVER (ORDER BY p.currency, p.account), p.account, p.currency, p.amount
       FROM (SELECT account, currency, sum(amount) AS amount FROM (${sql}) AS x(account, currency, amount) GROUP BY account, currency) p
       WHERE p.amount <> 0`,
      [c.societyId, c.submissionId, entry[0].id],
    );
    await this.assertBalanced(q, c.societyId, entry[0].id);
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
      await this.assertBalanced(q, societyId, reversal[0].id);
    }
  }

  private async assertBalanced(q: QueryRunner, societyId: string, entryId: string): Promise<void> {
    const off: { currency: string; total: string }[] = await q.query(
      `SELECT currency, sum(amount)::text AS total FROM journal_postings WHERE society_id = $1 AND entry_id = $2 GROUP BY currency HAVING sum(amount) <> 0`,
      [societyId, entryId],
    );
    if (off.length > 0) throw new Error(`journal entry ${entryId} does not balance: ${off.map((o) => `${o.currency} ${o.total}`).join(', ')}`);
  }
}
