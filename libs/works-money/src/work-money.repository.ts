import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CwrRight, DistributedShare, RegisteredShare } from './shares.js';

export interface WorkRow {
  id: string;
  societyId: string;
  iswc: string | null;
  title: string;
  currentVersion: number;
  fyEndMonth: number;
  fyEndDay: number;
}

export interface ReportedLine {
  submissionId: string;
  period: string;
  lineNo: number;
  sourceLine: number;
  dsp: string;
  dspPartyId: string;
  matchedBy: 'iswc' | 'isrc';
  iswc: string | null;
  isrc: string | null;
  title: string | null;
  useType: string | null;
  commercialModel: string | null;
  territory: string;
  periodStart: string;
  periodEnd: string;
  category: string;
  currency: string;
  usages: string;
  amount: string;
}

export interface DistributedLine {
  submissionId: string;
  period: string;
  lineNo: number;
  lineId: string;
  rightsHolderId: string | null;
  rightsHolderIpi: string | null;
  rightsHolderName: string;
  category: string;
  territory: string;
  useFrom: string;
  useTo: string;
  currency: string;
  gross: string;
  net: string;
  status: string;
  paidOn: string | null;
}

const day = (c: string) => `to_char(${c}, 'YYYY-MM-DD')`;
/** The last day of a submission's quarter (`YYYYQn`). */
export const QUARTER_END = (period: string) => `(make_date(left(${period}, 4)::int, right(${period}, 1)::int * 3, 1) + interval '1 month - 1 day')::date`;

/**
 * The SQL that follows a work's money (issue 16 item 3): the DSR lines that report it
 * (by ISWC, or by ISRC through the register's recordings when the line names no work),
 * the distribution lines that pay it (by ISWC), and the register's shares. Committed
 * (current) packages only; society_id leads every lookup.
 */
@Injectable()
export class WorkMoneyRepository {
  constructor(private readonly db: DataSource) {}

  async work(id: string): Promise<WorkRow | undefined> {
    const rows: WorkRow[] = await this.db.query(
      `SELECT w.id, w.society_id AS "societyId", w.iswc, w.title, w.current_version AS "currentVersion", s.fy_end_month AS "fyEndMonth", s.fy_end_day AS "fyEndDay"
       FROM works w JOIN societies s ON s.id = w.society_id WHERE w.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** ISRCs of the work's current registration (CWR REC records). */
  async isrcs(work: WorkRow): Promise<string[]> {
    const rows: { isrc: string }[] = await this.db.query(
      `SELECT DISTINCT isrc FROM work_recordings WHERE society_id = $1 AND work_id = $2 AND version = $3 AND isrc IS NOT NULL ORDER BY isrc`,
      [work.societyId, work.id, work.currentVersion],
    );
    return rows.map((r) => r.isrc);
  }

  /** Owners' shares per right in the work's current registration (SPU/OPU/SWR/OWR ownership shares), per IPI name number. */
  async registeredShares(work: WorkRow): Promise<RegisteredShare[]> {
    return this.db.query(
      `SELECT ws.ipi_name_number AS ipi, min(ws.name) AS name, ws."right" AS "right", trim_scale(sum(ws.share))::text AS share, min(rh.id::text) AS "rightsHolderId"
       FROM work_shares ws LEFT JOIN rights_holders rh ON rh.ipi = ws.ipi_name_number
       WHERE ws.society_id = $1 AND ws.work_id = $2 AND ws.version = $3 AND ws.kind = 'ownership' AND ws.ipi_name_number IS NOT NULL
       GROUP BY ws.ipi_name_number, ws."right"
       ORDER BY ws."right", ws.ipi_name_number`,
      [work.societyId, work.id, work.currentVersion],
    );
  }

  private reportedWhere = `
    FROM dsr_lines d
    JOIN submissions s ON s.society_id = d.society_id AND s.id = d.submission_id AND s.status = 'committed' AND s.type = 'dsr'
    WHERE d.society_id = $1 AND ${QUARTER_END('s.period')} BETWEEN $4::date AND $5::date
      AND (d.iswc = $2 OR (d.iswc IS NULL AND d.isrc = ANY($3::text[])))`;

  /** DSR lines reporting the work in packages of the quarters ending in the year: the first `limit`, in ledger order. */
  reported(work: WorkRow, isrcs: string[], year: { from: string; to: string }, limit: number): Promise<ReportedLine[]> {
    return this.db.query(
      `SELECT d.submission_id AS "submissionId", s.period::text AS period, d.line_no AS "lineNo", d.upload_line AS "sourceLine",
              d.dsp_name AS dsp, d.dsp_party_id AS "dspPartyId", CASE WHEN d.iswc = $2 THEN 'iswc' ELSE 'isrc' END AS "matchedBy",
              d.iswc, d.isrc, coalesce(d.work_title, d.recording_title) AS title, d.use_type AS "useType", d.commercial_model AS "commercialModel",
              d.territory, ${day('d.period_from')} AS "periodStart", ${day('d.period_to')} AS "periodEnd", d.category, d.currency,
              trim_scale(d.usages)::text AS usages, trim_scale(d.amount)::text AS amount
       ${this.reportedWhere}
       ORDER BY s.received_at, d.submission_id, d.line_no
       LIMIT $6`,
      [work.societyId, work.iswc, isrcs, year.from, year.to, limit],
    );
  }

  reportedTotals(work: WorkRow, isrcs: string[], year: { from: string; to: string }): Promise<{ currency: string; amount: string; usages: string; lines: number }[]> {
    return this.db.query(
      `SELECT d.currency, trim_scale(sum(d.amount))::text AS amount, trim_scale(sum(d.usages))::text AS usages, count(*)::int AS lines
       ${this.reportedWhere}
       GROUP BY d.currency ORDER BY d.currency`,
      [work.societyId, work.iswc, isrcs, year.from, year.to],
    );
  }

  /** The usage periods the year's reported lines cover (distinct). */
  reportedPeriods(work: WorkRow, isrcs: string[], year: { from: string; to: string }): Promise<{ from: string; to: string }[]> {
    return this.db.query(
      `SELECT DISTINCT ${day('d.period_from')} AS "from", ${day('d.period_to')} AS "to" ${this.reportedWhere} ORDER BY 1, 2`,
      [work.societyId, work.iswc, isrcs, year.from, year.to],
    );
  }

  private distributedWhere = `
    FROM distribution_lines l
    JOIN submissions s ON s.society_id = l.society_id AND s.id = l.submission_id AND s.status = 'committed' AND s.type = 'distribution-lines'
    WHERE l.society_id = $1 AND l.work_iswc = $2
      AND (l.use_to BETWEEN $3::date AND $4::date
           OR EXISTS (SELECT 1 FROM unnest($5::date[], $6::date[]) r(f, t) WHERE l.use_from <= r.t AND l.use_to >= r.f))`;

  private distributedParams(work: WorkRow, year: { from: string; to: string }, periods: { from: string; to: string }[]): unknown[] {
    return [work.societyId, work.iswc, year.from, year.to, periods.map((p) => p.from), periods.map((p) => p.to)];
  }

  /** Distribution lines for the work whose use ended in the year or overlaps a period reported in it: the first `limit`. */
  distributed(work: WorkRow, year: { from: string; to: string }, periods: { from: string; to: string }[], limit: number): Promise<DistributedLine[]> {
    if (work.iswc === null) return Promise.resolve([]);
    return this.db.query(
      `SELECT l.submission_id AS "submissionId", s.period::text AS period, l.line_no AS "lineNo", l.line_id AS "lineId",
              l.rights_holder_id AS "rightsHolderId", l.rights_holder_ipi AS "rightsHolderIpi", l.rights_holder_name AS "rightsHolderName",
              l.category, l.territory, ${day('l.use_from')} AS "useFrom", ${day('l.use_to')} AS "useTo", l.currency,
              trim_scale(l.gross)::text AS gross, trim_scale(l.net)::text AS net, l.status, ${day('l.paid_on')} AS "paidOn"
       ${this.distributedWhere}
       ORDER BY s.received_at, l.submission_id, l.line_no
       LIMIT $7`,
      [...this.distributedParams(work, year, periods), limit],
    );
  }

  distributedTotals(work: WorkRow, year: { from: string; to: string }, periods: { from: string; to: string }[]): Promise<{ currency: string; gross: string; net: string; paidNet: string; lines: number }[]> {
    if (work.iswc === null) return Promise.resolve([]);
    return this.db.query(
      `SELECT l.currency, trim_scale(sum(l.gross))::text AS gross, trim_scale(sum(l.net))::text AS net,
              trim_scale(coalesce(sum(l.net) FILTER (WHERE l.status = 'paid'), 0))::text AS "paidNet", count(*)::int AS lines
       ${this.distributedWhere}
       GROUP BY l.currency ORDER BY l.currency`,
      this.distributedParams(work, year, periods),
    );
  }

  /** The same lines summed per holder, category and currency (what the share comparison reads). */
  distributedShares(work: WorkRow, year: { from: string; to: string }, periods: { from: string; to: string }[]): Promise<DistributedShare[]> {
    if (work.iswc === null) return Promise.resolve([]);
    return this.db.query(
      `SELECT l.rights_holder_ipi AS ipi, l.rights_holder_id AS "rightsHolderId", min(l.rights_holder_name) AS name, l.category, l.currency,
              trim_scale(sum(l.gross))::text AS gross, trim_scale(sum(l.net))::text AS net
       ${this.distributedWhere}
       GROUP BY l.rights_holder_ipi, l.rights_holder_id, CASE WHEN l.rights_holder_ipi IS NULL THEN l.rights_holder_name END, l.category, l.currency`,
      this.distributedParams(work, year, periods),
    );
  }
}

export type { CwrRight };
