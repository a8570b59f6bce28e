import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../database/src/index.js';
import type { Audit, AuditStatus } from './audit.js';
import type { AuditReport } from './report/report.js';
import type { PinnedHead } from './rules/rule.js';

const COLUMNS = `id, society_id AS "societyId", financial_year AS "financialYear", rules, status, heads,
  encode(report_sha256, 'hex') AS "reportSha256", requested_by AS "requestedBy",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startedAt",
  to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "finishedAt", error`;

export interface AuditRow extends Omit<Audit, 'findings' | 'summary'> {
  report: AuditReport | null;
}

/** Every SQL statement about audit rows. */
@Injectable()
export class AuditsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(a: { societyId: string; financialYear: number; rules: readonly string[]; requestedBy: string }): Promise<AuditRow> {
    const rows: AuditRow[] = await this.db.query(
      `INSERT INTO audits (society_id, financial_year, rules, requested_by) VALUES ($1, $2, $3::text[], $4) RETURNING ${COLUMNS}, NULL::jsonb AS report`,
      [a.societyId, a.financialYear, a.rules, a.requestedBy],
    );
    return rows[0]!;
  }

  /** One audit, with its report, if it belongs to one of `societyIds` (null: any). */
  async find(id: string, societyIds: readonly string[] | null, withReport = true): Promise<AuditRow | undefined> {
    const rows: AuditRow[] = await this.db.query(
      `SELECT ${COLUMNS}, ${withReport ? 'report' : 'NULL::jsonb AS report'} FROM audits WHERE id = $1 AND ($2::uuid[] IS NULL OR society_id = ANY($2::uuid[]))`,
      [id, societyIds],
    );
    return rows[0];
  }

  /**
   * Audits of the societies in `societyIds` (null: any), optionally of one society, newest
   * first (keyset on created_at, id), without their reports.
   */
  async list(societyIds: readonly string[] | null, societyId: string | null, limit: number, after: { createdAt: string; id: string } | null): Promise<Page<AuditRow>> {
    const rows: AuditRow[] = await this.db.query(
      `SELECT ${COLUMNS}, CASE WHEN report IS NULL THEN NULL ELSE jsonb_build_object('summary', report->'summary') END AS report FROM audits
       WHERE ($1::uuid[] IS NULL OR society_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR society_id = $2)
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $5`,
      [societyIds, societyId, after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows, limit, (a) => JSON.stringify([a.createdAt, a.id]));
  }

  /** Marks an unfinished audit running; false when it already finished (nothing to do). */
  async start(societyId: string, id: string): Promise<boolean> {
    const rows = await this.updated<{ id: string }>(
      `UPDATE audits SET status = 'running', attempts = attempts + 1, started_at = COALESCE(started_at, now())
       WHERE society_id = $1 AND id = $2 AND status IN ('queued', 'running') RETURNING id`,
      [societyId, id],
    );
    return rows.length > 0;
  }

  /** Records the heads an audit is pinned to, once: a retried audit keeps the heads it started with. */
  async pinHeads(societyId: string, id: string, heads: readonly PinnedHead[]): Promise<PinnedHead[]> {
    const rows = await this.updated<{ heads: PinnedHead[] }>(
      `UPDATE audits SET heads = COALESCE(heads, $3::jsonb) WHERE society_id = $1 AND id = $2 RETURNING heads`,
      [societyId, id, JSON.stringify(heads)],
    );
    return rows[0]!.heads;
  }

  async finish(societyId: string, id: string, report: AuditReport, sha256: Buffer): Promise<void> {
    await this.db.query(
      `UPDATE audits SET status = 'done', report = $3::jsonb, report_sha256 = $4, finished_at = now(), error = NULL
       WHERE society_id = $1 AND id = $2 AND status = 'running'`,
      [societyId, id, JSON.stringify(report), sha256],
    );
  }

  async fail(societyId: string, id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE audits SET status = 'failed', error = $3, finished_at = now() WHERE society_id = $1 AND id = $2 AND status IN ('queued', 'running')`,
      [societyId, id, error.slice(0, 2000)],
    );
  }

  /** The rows an UPDATE … RETURNING returned (TypeORM gives [rows, count] for an UPDATE). */
  private async updated<T>(sql: string, params: unknown[]): Promise<T[]> {
    const result = (await this.db.query(sql, params)) as [T[], number] | T[];
    return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
  }

  /** Audits that did not finish (re-queued at worker boot). */
  unfinished(): Promise<{ id: string; societyId: string; status: AuditStatus }[]> {
    return this.db.query(`SELECT id, society_id AS "societyId", status FROM audits WHERE status IN ('queued', 'running') ORDER BY created_at, id`);
  }

  /** The latest finished audit of each society for a financial year (all rules), if any. */
  latestDone(financialYear: number): Promise<{ societyId: string; id: string; finishedAt: string; failed: number; reportSha256: string }[]> {
    return this.db.query(
      `SELECT DISTINCT ON (society_id) society_id AS "societyId", id,
              to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "finishedAt",
              (report -> 'summary' ->> 'failed')::int AS failed, encode(report_sha256, 'hex') AS "reportSha256"
       FROM audits WHERE financial_year = $1 AND status = 'done'
       ORDER BY society_id, finished_at DESC, id`,
      [financialYear],
    );
  }
}
