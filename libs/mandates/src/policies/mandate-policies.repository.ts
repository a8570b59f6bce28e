import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_NOTICE_POLICY } from '../rules/notice.js';
import { optOutPolicyFor } from '../rules/opt-out.js';
import { CATEGORIES, type Category } from '../rules/vocabulary.js';
import type { Sql } from '../mandates/mandates.repository.js';
import { DEFAULT_RESPONSE_DAYS, type MandatePolicy } from './mandate-policy.js';

const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** What a new policy version records. */
export interface PolicySettings {
  noticeMonths: number;
  terminateAtFinancialYearEnd: boolean;
  /** null: all categories. */
  managedCategories: Category[] | null;
  /** null: the default. */
  responseDays: number | null;
}

/** Societies' mandate policies, as versions (the latest applies); append-only like the mandates. */
@Injectable()
export class MandatePoliciesRepository {
  /** The society's current policy and financial-year end; undefined if there is no such society. */
  async current(sql: Sql, societyId: string): Promise<MandatePolicy | undefined> {
    const rows: (Omit<MandatePolicy, 'managedCategories' | 'optOut'> & { managedCategories: Category[] | null })[] = await sql.query(
      `SELECT s.id AS "societyId", s.country, s.fy_end_month AS "fyEndMonth", s.fy_end_day AS "fyEndDay",
         COALESCE(p.notice_months, $2::smallint) AS "noticeMonths", COALESCE(p.terminate_at_fy_end, $3::boolean) AS "terminateAtFinancialYearEnd",
         p.managed_categories AS "managedCategories", COALESCE(p.response_days, $4::smallint)::int AS "responseDays",
         p.version, ${ts('p.recorded_at')} AS "recordedAt", p.recorded_by AS "recordedBy"
       FROM societies s
       LEFT JOIN LATERAL (
         SELECT * FROM mandate_policies mp WHERE mp.society_id = s.id ORDER BY mp.version DESC LIMIT 1
       ) p ON true
       WHERE s.id = $1`,
      [societyId, DEFAULT_NOTICE_POLICY.noticeMonths, DEFAULT_NOTICE_POLICY.terminateAtFinancialYearEnd, DEFAULT_RESPONSE_DAYS],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { ...row, managedCategories: row.managedCategories ?? [...CATEGORIES], optOut: optOutPolicyFor(row.country) };
  }

  /** Records a new version of the society's policy; the society row is locked so versions never collide. */
  async record(m: EntityManager, societyId: string, policy: PolicySettings, recordedBy: string): Promise<void> {
    await m.query(`SELECT 1 FROM societies WHERE id = $1 FOR UPDATE`, [societyId]);
    await m.query(
      `INSERT INTO mandate_policies (society_id, version, notice_months, terminate_at_fy_end, managed_categories, response_days, recorded_at, recorded_by)
       SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4::text[], $5, date_trunc('milliseconds', clock_timestamp()), $6
       FROM mandate_policies WHERE society_id = $1`,
      [societyId, policy.noticeMonths, policy.terminateAtFinancialYearEnd, policy.managedCategories, policy.responseDays, recordedBy],
    );
  }
}
