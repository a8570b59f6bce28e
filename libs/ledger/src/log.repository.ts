import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { SignedTreeHead } from '../../merkle/src/index.js';

/** Every SQL statement about the society logs: leaves and signed tree heads. */
@Injectable()
export class LogRepository {
  constructor(private readonly db: DataSource) {}

  /** Serialises appends to one society's log (inside the caller's transaction). */
  async lockSociety(q: QueryRunner, societyId: string): Promise<void> {
    await q.query(`SELECT 1 FROM societies WHERE id = $1 FOR UPDATE`, [societyId]);
  }

  async leafHashes(q: QueryRunner | DataSource, societyId: string, size?: number): Promise<Buffer[]> {
    const rows: { leaf_hash: Buffer }[] = await q.query(
      `SELECT leaf_hash FROM log_leaves WHERE society_id = $1 AND ($2::bigint IS NULL OR leaf_index < $2) ORDER BY leaf_index`,
      [societyId, size ?? null],
    );
    return rows.map((r) => r.leaf_hash);
  }

  async appendLeaf(q: QueryRunner, societyId: string, index: number, submissionId: string, leafHash: Buffer): Promise<void> {
    await q.query(`INSERT INTO log_leaves (society_id, leaf_index, submission_id, leaf_hash) VALUES ($1, $2, $3, $4)`, [societyId, index, submissionId, leafHash]);
  }

  async insertHead(q: QueryRunner, societyId: string, head: SignedTreeHead): Promise<void> {
    await q.query(
      `INSERT INTO tree_heads (society_id, tree_size, root_hash, timestamp, signature, key_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [societyId, head.treeSize, Buffer.from(head.rootHash, 'hex'), head.timestamp, head.signature, head.keyId],
    );
  }

  async head(societyId: string, treeSize?: number): Promise<SignedTreeHead | undefined> {
    const rows: SignedTreeHead[] = await this.db.query(
      `SELECT tree_size::int AS "treeSize", encode(root_hash, 'hex') AS "rootHash", timestamp, signature, key_id AS "keyId"
       FROM tree_heads WHERE society_id = $1 AND ($2::bigint IS NULL OR tree_size = $2) ORDER BY tree_size DESC LIMIT 1`,
      [societyId, treeSize ?? null],
    );
    return rows[0];
  }

  async submissionIndex(societyId: string, submissionId: string): Promise<number | undefined> {
    const rows: { leaf_index: string }[] = await this.db.query(`SELECT leaf_index FROM log_leaves WHERE society_id = $1 AND submission_id = $2`, [societyId, submissionId]);
    return rows[0] ? Number(rows[0].leaf_index) : undefined;
  }
}
