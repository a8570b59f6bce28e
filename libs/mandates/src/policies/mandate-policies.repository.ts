import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_NOTICE_POLICY, type NoticePolicy } from '../rules/notice.js';
import type { Sql } from '../mandates/mandates.repository.js';
import type { MandatePolicy } from './mandate-policy.js';

const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Societies' notice policies, as versions (the latest applies); append-only like the mandates. */
@Injectable()
export class MandatePoliciesRepository {
  /** The society's current policy and financial-year end; undefined if there is no such society. */
  async current(sql: Sql, societyId: string): Promise<MandatePolicy | undefined> {
    const rows: MandatePolicy[] = await sql.query(
      `SELECT s.id AS "societyId", s.fy_end_month AS "fyEndMonth", s.fy_end_day AS "fyEndDay",
         COALESCE(p.notice_months, $2::smallint) AS "noticeMonths", COALESCE(p.terminate_at_fy_end, $3::boolean) AS "terminateAtFinancialYearEnd",
         p.version, ${ts('p.recorded_at')} AS "recordedAt", p.recorded_by AS "recordedBy"
       FROM societies s
       LEFT JOIN LATERAL (
         SELECT * FROM mandate_policies mp WHERE mp.society_id = s.id ORDER BY mp.version DESC LIMIT 1
       ) p ON true
       WHERE s.id = $1`,
      [societyId, DEFAULT_NOTICE_POLICY.noticeMonths, DEFAULT_NOTICE_POLICY.terminateAtFinancialYearEnd],
    );
    return rows[0];
  }

  /** Records a new version of the society's policy; the society row is locked so versions never collide. */
  async record(m: EntityManager, societyId: string, policy: NoticePolicy, recordedBy: string): Promise<void> {
    await m.query(`SELECT 1 FROM societies WHERE id = $1 FOR UPDATE`, [societyId]);
    await m.query(
      `INSERT INTO mandate_policies (society_id, version, notice_months, terminate_at_fy_end, recorded_at, recorded_by)
       SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, date_trunc('milliseconds', clock_timestamp()), $4
       FROM mandate_policies WHERE society_id = $1`,
      [societyId, policy.noticeMonths, policy.terminateAtFinancialYearEnd, recordedBy],
    );
  }
}
