import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EndingMandate, UnpaidGroup, WaitingRequest } from './due.js';

/** The facts the daily job reads, each in one statement. */
@Injectable()
export class DueEventsRepository {
  constructor(private readonly db: DataSource) {}

  societies(): Promise<{ id: string; name: string; country: string; fyEndMonth: number; fyEndDay: number; firstPeriod: string | null }[]> {
    return this.db.query(
      `SELECT s.id, s.name, s.country, s.fy_end_month AS "fyEndMonth", s.fy_end_day AS "fyEndDay",
              (SELECT min(sub.period) FROM submissions sub WHERE sub.society_id = s.id AND sub.type <> 'mandates') AS "firstPeriod"
       FROM societies s ORDER BY s.id`,
    );
  }

  /** Every (society, type, period) with a package committed (or committed and since superseded). */
  committed(): Promise<{ societyId: string; type: string; period: string }[]> {
    return this.db.query(
      `SELECT DISTINCT society_id AS "societyId", type, period FROM submissions WHERE status IN ('committed', 'superseded')`,
    );
  }

  /**
   * Unpaid lines of the packages in force, per society, holder, financial year of
   * collection (the society's financial year in which the use ended, as the statements
   * and the audit read it) and currency; sums exact (numeric), as decimal strings.
   */
  unpaid(): Promise<UnpaidGroup[]> {
    return this.db.query(
      `WITH g AS (
         SELECT l.society_id, l.rights_holder_id, l.use_to, l.currency, sum(l.net) AS amount, count(*) AS lines
         FROM distribution_lines l
         JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id AND sub.status = 'committed'
         WHERE l.status = 'unpaid'
         GROUP BY 1, 2, 3, 4
       ), e AS (
         SELECT g.*, ends.this_end, ends.next_end
         FROM g JOIN societies s ON s.id = g.society_id
         CROSS JOIN LATERAL (SELECT extract(year FROM g.use_to)::int AS y, s.fy_end_month AS m, s.fy_end_day AS d) k
         CROSS JOIN LATERAL (
           SELECT make_date(k.y, k.m, LEAST(k.d, extract(day FROM make_date(k.y, k.m, 1) + interval '1 month' - interval '1 day')::int)) AS this_end,
                  make_date(k.y + 1, k.m, LEAST(k.d, extract(day FROM make_date(k.y + 1, k.m, 1) + interval '1 month' - interval '1 day')::int)) AS next_end
         ) ends
       )
       SELECT society_id AS "societyId", rights_holder_id AS "rightsHolderId",
              to_char(CASE WHEN this_end >= use_to THEN this_end ELSE next_end END, 'YYYY-MM-DD') AS "fyEnd",
              currency, trim_scale(sum(amount))::text AS amount, sum(lines)::int AS lines
       FROM e GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
  }

  /** Mandates whose latest version ends them by a notice (termination, withdrawal, opt-out) on or after `from`. */
  ending(from: string, to: string): Promise<EndingMandate[]> {
    return this.db.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (v.society_id, v.mandate_id) v.society_id AS "societyId", v.mandate_id AS "mandateId", v.version, v.rights_holder_id AS "rightsHolderId",
                v.change, v.category, v.work_type AS "workType", to_char(v.valid_to, 'YYYY-MM-DD') AS "lastDay", v.valid_to
         FROM mandate_versions v ORDER BY v.society_id, v.mandate_id, v.version DESC
       ) latest
       WHERE change IN ('terminated', 'withdrawn', 'opted-out') AND valid_to BETWEEN $1::date AND $2::date`,
      [from, to],
    );
  }

  /** Mandate requests still waiting for the society's answer, with the day it is due. */
  waitingRequests(): Promise<WaitingRequest[]> {
    return this.db.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (v.society_id, v.mandate_id) v.society_id AS "societyId", v.mandate_id AS "mandateId", v.rights_holder_id AS "rightsHolderId",
                v.category, v.work_type AS "workType", v.status, to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "requestedOn",
                v.change_detail->>'answerDueBy' AS "answerDueBy"
         FROM mandate_versions v JOIN mandates m ON m.society_id = v.society_id AND m.id = v.mandate_id
         ORDER BY v.society_id, v.mandate_id, v.version DESC
       ) latest
       WHERE status = 'requested' AND "answerDueBy" IS NOT NULL`,
    );
  }
}
