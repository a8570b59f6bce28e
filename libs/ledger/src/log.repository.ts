import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { SignedTreeHead } from '../../merkle/src/index.js';
import type { SubmissionChunk } from './submission-tree.js';

type Db = QueryRunner | DataSource;

const HEAD_COLUMNS = `tree_size::int AS "treeSize", encode(root_hash, 'hex') AS "rootHash", timestamp, origin, signature, key_id AS "keyId"`;

/** A leaf of a society log: one committed submission. */
export interface LogLeaf {
  leafIndex: number;
  submissionId: string;
  leafHash: Buffer;
}

/** Every SQL statement about the society logs: leaves, signed tree heads and submission chunks. */
@Injectable()
export class LogRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Serialises appends to one society's log (inside the caller's transaction). FOR NO
   * KEY UPDATE, not FOR UPDATE: two commits of the society still take turns, but the
   * foreign-key checks of rows that name the society (FOR KEY SHARE: a new submission
   * uploaded meanwhile, an audit requested) do not wait for the commit to end.
   */
  async lockSociety(q: QueryRunner, societyId: string): Promise<void> {
    await q.query(`SELECT 1 FROM societies WHERE id = $1 FOR NO KEY UPDATE`, [societyId]);
  }

  /** The log's leaf hashes in order, all of them or the first `size`. */
  async leafHashes(societyId: string, size?: number, q: Db = this.db): Promise<Buffer[]> {
    const rows: { leaf_hash: Buffer }[] = await q.query(
      `SELECT leaf_hash FROM log_leaves WHERE society_id = $1 AND ($2::bigint IS NULL OR leaf_index < $2) ORDER BY leaf_index`,
      [societyId, size ?? null],
    );
    return rows.map((r) => r.leaf_hash);
  }

  /** The log's leaves in order, with the submission each one stands for. */
  async leaves(q: Db, societyId: string): Promise<LogLeaf[]> {
    const rows: { leafIndex: string; submissionId: string; leafHash: Buffer }[] = await q.query(
      `SELECT leaf_index AS "leafIndex", submission_id AS "submissionId", leaf_hash AS "leafHash" FROM log_leaves WHERE society_id = $1 ORDER BY leaf_index`,
      [societyId],
    );
    return rows.map((r) => ({ ...r, leafIndex: Number(r.leafIndex) }));
  }

  async appendLeaf(q: QueryRunner, societyId: string, index: number, submissionId: string, leafHash: Buffer): Promise<void> {
    await q.query(`INSERT INTO log_leaves (society_id, leaf_index, submission_id, leaf_hash) VALUES ($1, $2, $3, $4)`, [societyId, index, submissionId, leafHash]);
  }

  /**
   * Stores a signed head; `compactRange`, the roots of its tree's maximal complete
   * subtrees (MerkleRootBuilder.compactRange), lets the next append go on from it.
   */
  async insertHead(q: QueryRunner, societyId: string, head: SignedTreeHead, compactRange: Buffer[] | null = null): Promise<void> {
    await q.query(
      `INSERT INTO tree_heads (society_id, tree_size, root_hash, timestamp, origin, signature, key_id, compact_range) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [societyId, head.treeSize, Buffer.from(head.rootHash, 'hex'), head.timestamp, head.origin ?? null, head.signature, head.keyId, compactRange],
    );
  }

  /**
   * Where the next append goes on from: the latest head's size, signed root and compact
   * range (null when it was stored without one); undefined for a log without heads.
   */
  async appendPoint(q: Db, societyId: string): Promise<{ treeSize: number; rootHash: Buffer; compactRange: Buffer[] | null } | undefined> {
    const rows: { treeSize: number; rootHash: Buffer; compactRange: Buffer[] | null }[] = await q.query(
      `SELECT tree_size::int AS "treeSize", root_hash AS "rootHash", compact_range AS "compactRange"
       FROM tree_heads WHERE society_id = $1 ORDER BY tree_size DESC LIMIT 1`,
      [societyId],
    );
    return rows[0];
  }

  /** The latest signed head, or the one at `treeSize`. */
  async head(societyId: string, treeSize?: number, q: Db = this.db): Promise<SignedTreeHead | undefined> {
    const rows: (SignedTreeHead & { origin: string | null })[] = await q.query(
      `SELECT ${HEAD_COLUMNS} FROM tree_heads WHERE society_id = $1 AND ($2::bigint IS NULL OR tree_size = $2) ORDER BY tree_size DESC LIMIT 1`,
      [societyId, treeSize ?? null],
    );
    return rows[0] && withoutNullOrigin(rows[0]);
  }

  /** Every signed head of the log, by size. */
  async heads(q: Db, societyId: string): Promise<SignedTreeHead[]> {
    const rows: (SignedTreeHead & { origin: string | null })[] = await q.query(
      `SELECT ${HEAD_COLUMNS} FROM tree_heads WHERE society_id = $1 ORDER BY tree_size`,
      [societyId],
    );
    return rows.map(withoutNullOrigin);
  }

  /** Number of leaves in the log. */
  async size(societyId: string, q: Db = this.db): Promise<number> {
    const rows: { n: number }[] = await q.query(`SELECT count(*)::int AS n FROM log_leaves WHERE society_id = $1`, [societyId]);
    return rows[0].n;
  }

  async submissionIndex(societyId: string, submissionId: string): Promise<number | undefined> {
    const rows: { leaf_index: string }[] = await this.db.query(`SELECT leaf_index FROM log_leaves WHERE society_id = $1 AND submission_id = $2`, [societyId, submissionId]);
    return rows[0] ? Number(rows[0].leaf_index) : undefined;
  }

  /** Stores a committed submission's chunk roots (one statement, whatever their number). */
  async insertChunks(q: QueryRunner, societyId: string, submissionId: string, chunks: SubmissionChunk[]): Promise<void> {
    if (chunks.length === 0) return;
    await q.query(
      `INSERT INTO submission_chunks (society_id, submission_id, chunk_index, first_line_no, leaf_count, root)
       SELECT $1, $2, c.chunk_index, c.first_line_no, c.leaf_count, c.root
       FROM unnest($3::int[], $4::int[], $5::int[], $6::bytea[]) AS c(chunk_index, first_line_no, leaf_count, root)`,
      [societyId, submissionId, chunks.map((c) => c.index), chunks.map((c) => c.firstLineNo), chunks.map((c) => c.leafCount), chunks.map((c) => c.root)],
    );
  }

  /** A submission's chunks in order (empty when it was committed without them). */
  async chunks(societyId: string, submissionId: string, q: Db = this.db): Promise<SubmissionChunk[]> {
    const rows: { index: number; firstLineNo: number; leafCount: number; root: Buffer }[] = await q.query(
      `SELECT chunk_index AS index, first_line_no AS "firstLineNo", leaf_count AS "leafCount", root
       FROM submission_chunks WHERE society_id = $1 AND submission_id = $2 ORDER BY chunk_index`,
      [societyId, submissionId],
    );
    return rows;
  }
}

/** A head as served: its fields in the documented order, `origin` only when the head has one. */
function withoutNullOrigin(row: SignedTreeHead & { origin?: string | null }): SignedTreeHead {
  const { treeSize, rootHash, timestamp, origin, signature, keyId } = row;
  return origin == null ? { treeSize, rootHash, timestamp, signature, keyId } : { treeSize, rootHash, timestamp, origin, signature, keyId };
}
