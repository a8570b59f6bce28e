import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { type Page, toPage } from '../../database/src/index.js';
import type { InputProblem } from '../../errors/src/index.js';
import type { SubmissionFormat } from './format.js';
import type { PackageType } from '../../package-catalogue/src/index.js';
import { printable, printableProblem } from './ingest/sniff.js';
import { notifyFinishedSql } from './submission-events.js';
import type { Submission, SubmissionStatus } from './submission.js';

const COLUMNS = `id, society_id AS "societyId", type, period, format, status, rows::int AS rows, progress, phase,
  error_count::int AS "errorCount", errors, failure, encode(root, 'hex') AS root, log_index::int AS "logIndex", supersedes,
  (SELECT n.id FROM submissions n WHERE n.society_id = submissions.society_id AND n.supersedes = submissions.id LIMIT 1) AS "supersededBy",
  encode(sha256, 'hex') AS sha256, byte_size::bigint AS "byteSize", file_name AS "fileName",
  to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "receivedAt",
  to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "finishedAt"`;

export interface IngestTarget {
  id: string;
  societyId: string;
  type: PackageType;
  period: string;
  format: SubmissionFormat;
  status: SubmissionStatus;
  storagePath: string;
  /** Attempts started so far (a crashed attempt counts). */
  attempts: number;
  /** The last attempt's phase (a failed one says why). */
  phase: string | null;
  /** The name the package was uploaded as, if any (an input reader is told). */
  fileName: string | null;
}

/** Every SQL statement about submission rows (the lines live with the ingest and the ledger). */
@Injectable()
export class SubmissionsRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts a queued submission; null when the same bytes were already submitted. */
  async insert(s: {
    id: string;
    societyId: string;
    type: PackageType;
    period: string;
    format: SubmissionFormat;
    sha256: Buffer;
    byteSize: number;
    storagePath: string;
    /** The name the file was uploaded as (multipart), or null. */
    fileName?: string | null;
  }): Promise<Submission | null> {
    const rows: Submission[] = await this.db.query(
      `INSERT INTO submissions (id, society_id, type, period, format, sha256, byte_size, storage_path, file_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (society_id, type, period, sha256) DO NOTHING RETURNING ${COLUMNS}`,
      [s.id, s.societyId, s.type, s.period, s.format, s.sha256, s.byteSize, s.storagePath, s.fileName ?? null],
    );
    return this.fix(rows[0]) ?? null;
  }

  async findSameBytes(societyId: string, type: PackageType, period: string, sha256: Buffer): Promise<Submission | undefined> {
    const rows: Submission[] = await this.db.query(
      `SELECT ${COLUMNS} FROM submissions WHERE society_id = $1 AND type = $2 AND period = $3 AND sha256 = $4`,
      [societyId, type, period, sha256],
    );
    return this.fix(rows[0]);
  }

  /** One submission, if it belongs to one of `societyIds` (null: any). */
  async find(id: string, societyIds: string[] | null): Promise<Submission | undefined> {
    const rows: Submission[] = await this.db.query(
      `SELECT ${COLUMNS} FROM submissions WHERE id = $1 AND ($2::uuid[] IS NULL OR society_id = ANY($2::uuid[]))`,
      [id, societyIds],
    );
    return this.fix(rows[0]);
  }

  async list(societyId: string, filter: { type?: string; period?: string }, limit: number, after: string | null): Promise<Page<Submission>> {
    const rows: Submission[] = await this.db.query(
      `SELECT ${COLUMNS} FROM submissions
       WHERE society_id = $1 AND ($2::text IS NULL OR type = $2) AND ($3::text IS NULL OR period = $3) AND ($4::uuid IS NULL OR id > $4::uuid)
       ORDER BY id LIMIT $5`,
      [societyId, filter.type ?? null, filter.period ?? null, after, limit + 1],
    );
    return toPage(rows.map((r) => this.fix(r)!), limit, (s) => s.id);
  }

  async ingestTarget(id: string): Promise<IngestTarget | undefined> {
    const rows: IngestTarget[] = await this.db.query(
      `SELECT id, society_id AS "societyId", type, period, format, status, storage_path AS "storagePath", attempts, phase, file_name AS "fileName" FROM submissions WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Submissions whose processing did not finish (re-queued at worker boot). */
  async unfinished(): Promise<{ id: string; societyId: string }[]> {
    return this.db.query(`SELECT id, society_id AS "societyId" FROM submissions WHERE status IN ('queued', 'validating') ORDER BY received_at`);
  }

  async startAttempt(societyId: string, id: string): Promise<void> {
    await this.db.query(
      `UPDATE submissions SET status = 'validating', phase = 'staging', progress = 0, attempts = attempts + 1
       WHERE society_id = $1 AND id = $2 AND status IN ('queued', 'validating')`,
      [societyId, id],
    );
  }

  async progress(societyId: string, id: string, phase: string, progress: number, rows?: number): Promise<void> {
    await this.db.query(
      `UPDATE submissions SET phase = $3, progress = $4, rows = COALESCE($5, rows) WHERE society_id = $1 AND id = $2 AND status = 'validating'`,
      [societyId, id, phase, Math.max(0, Math.min(100, Math.round(progress))), rows ?? null],
    );
  }

  async reject(societyId: string, id: string, errors: InputProblem[], total: number, rows: number | null): Promise<void> {
    await this.db.query(
      `WITH u AS (
         UPDATE submissions SET status = 'rejected', phase = NULL, progress = 100, errors = $3, error_count = $4, rows = COALESCE($5, rows), finished_at = now()
         WHERE society_id = $1 AND id = $2 AND status IN ('queued', 'validating') RETURNING id
       ) ${notifyFinishedSql('u')}`,
      [societyId, id, JSON.stringify(errors.map(printableProblem)), total, rows],
    );
  }

  /** Ends a submission whose processing cannot finish (not the package's fault), saying why. */
  async fail(societyId: string, id: string, reason: string): Promise<void> {
    await this.db.query(
      `WITH u AS (
         UPDATE submissions SET status = 'failed', failure = $3, phase = NULL, progress = 100, finished_at = now()
         WHERE society_id = $1 AND id = $2 AND status IN ('queued', 'validating') RETURNING id
       ) ${notifyFinishedSql('u')}`,
      [societyId, id, printable(reason).slice(0, 1000)],
    );
  }

  /** Within the commit transaction: locks the row and tells whether it may still commit. */
  async lockForCommit(q: QueryRunner, societyId: string, id: string): Promise<SubmissionStatus | undefined> {
    const rows: { status: SubmissionStatus }[] = await q.query(`SELECT status FROM submissions WHERE society_id = $1 AND id = $2 FOR UPDATE`, [societyId, id]);
    return rows[0]?.status;
  }

  /** Within the commit transaction: the committed submission this one replaces, locked. */
  async lockPreviousCommitted(q: QueryRunner, societyId: string, type: PackageType, period: string, exceptId: string): Promise<string | undefined> {
    const rows: { id: string }[] = await q.query(
      `SELECT id FROM submissions WHERE society_id = $1 AND type = $2 AND period = $3 AND status = 'committed' AND id <> $4 FOR UPDATE`,
      [societyId, type, period, exceptId],
    );
    return rows[0]?.id;
  }

  async markSuperseded(q: QueryRunner, societyId: string, id: string): Promise<void> {
    await q.query(`UPDATE submissions SET status = 'superseded' WHERE society_id = $1 AND id = $2 AND status = 'committed'`, [societyId, id]);
  }

  /**
   * Within the commit transaction; waiting requests hear of it when the transaction
   * commits (SubmissionEvents). `mandatesKnownAt`: the moment whose mandate register the
   * lines' derived mandate status reflects (distribution lines).
   */
  async markCommitted(
    q: QueryRunner,
    s: { societyId: string; id: string; rows: number; root: Buffer; logIndex: number; supersedes: string | null; mandatesKnownAt?: string | null },
  ): Promise<void> {
    await q.query(
      `WITH u AS (
         UPDATE submissions SET status = 'committed', phase = NULL, progress = 100, rows = $3, root = $4, log_index = $5, supersedes = $6,
           errors = '[]', error_count = 0, finished_at = now(), mandates_known_at = COALESCE($7::timestamptz, mandates_known_at)
         WHERE society_id = $1 AND id = $2 RETURNING id
       ) ${notifyFinishedSql('u')}`,
      [s.societyId, s.id, s.rows, s.root, s.logIndex, s.supersedes, s.mandatesKnownAt ?? null],
    );
  }

  private fix(row: Submission | undefined): Submission | undefined {
    if (!row) return row;
    return { ...row, byteSize: Number(row.byteSize) };
  }
}
