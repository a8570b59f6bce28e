import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../auth/src/index.js';
import { decodeCursor, type Page, toPage } from '../../../database/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { isLineMandateStatus, LINE_MANDATE_STATUSES, type LineMandateStatus } from '../../../mandates/src/index.js';
import { SubmissionsService } from '../submissions.service.js';

/** One committed distribution line with its declared basis and its derived mandate status. */
export interface SubmissionLine {
  lineNo: number;
  lineId: string;
  rightsHolderIpi: string | null;
  rightsHolderName: string;
  rightsHolderId: string | null;
  workIswc: string | null;
  workTitle: string;
  category: string;
  /** The line's work type; null: it matched mandates of any work type (`workTypeMatched: 'any'`). */
  workType: string | null;
  workTypeMatched: 'exact' | 'any';
  useType: string;
  territory: string;
  useFrom: string;
  useTo: string;
  currency: string;
  gross: string;
  managementFee: string;
  otherDeductions: string;
  net: string;
  status: string;
  paidOn: string | null;
  /** What the society declared. */
  mandateBasis: string;
  /** What the mandate register said when the package committed; null for lines committed before the derivation existed. */
  mandateStatus: LineMandateStatus | null;
  /** The mandates that decided it. */
  mandateIds: string[];
}

export interface SubmissionLinesQuery {
  limit: number;
  cursor?: string;
  mandateStatus?: string;
  q?: string;
}

export interface SubmissionLinesPage extends Page<SubmissionLine> {
  /** The moment whose mandate register the statuses reflect (null: none derived). */
  mandatesKnownAt: string | null;
}

// Nine digits at most: the key goes to an int parameter (ten digits could overflow it: a 500).
const LINE_NO = /^[0-9]{1,9}$/;

/** The lines of a committed distribution-lines package, with their mandate status (CONTRACT.md, issue 14). */
@Injectable()
export class SubmissionLinesService {
  constructor(
    private readonly db: DataSource,
    private readonly submissions: SubmissionsService,
  ) {}

  async list(principal: Principal, submissionId: string, query: SubmissionLinesQuery): Promise<SubmissionLinesPage> {
    const submission = await this.submissions.get(principal, submissionId);
    if (query.mandateStatus !== undefined && !isLineMandateStatus(query.mandateStatus)) {
      throw DomainError.validation('Invalid mandateStatus', [{ field: 'mandateStatus', message: `must be one of: ${LINE_MANDATE_STATUSES.join(', ')}` }]);
    }
    if (submission.type !== 'distribution-lines') {
      throw DomainError.validation('Not a distribution-lines package', [{ field: 'id', message: `is a ${submission.type} package: only distribution-lines packages list lines with a mandate status` }]);
    }
    const after = decodeCursor(query.cursor, LINE_NO);
    const q = query.q?.trim() ? `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows: SubmissionLine[] = await this.db.query(
      `SELECT l.line_no AS "lineNo", l.line_id AS "lineId", l.rights_holder_ipi AS "rightsHolderIpi", l.rights_holder_name AS "rightsHolderName",
              l.rights_holder_id AS "rightsHolderId", l.work_iswc AS "workIswc", l.work_title AS "workTitle", l.category, l.work_type AS "workType",
              CASE WHEN l.work_type IS NULL THEN 'any' ELSE 'exact' END AS "workTypeMatched", l.use_type AS "useType", l.territory,
              to_char(l.use_from, 'YYYY-MM-DD') AS "useFrom", to_char(l.use_to, 'YYYY-MM-DD') AS "useTo", l.currency,
              trim_scale(l.gross)::text AS gross, trim_scale(l.management_fee)::text AS "managementFee", trim_scale(l.other_deductions)::text AS "otherDeductions",
              trim_scale(l.net)::text AS net, l.status, to_char(l.paid_on, 'YYYY-MM-DD') AS "paidOn", l.mandate_basis AS "mandateBasis",
              l.mandate_status AS "mandateStatus", COALESCE(l.mandate_ids, '{}')::text[] AS "mandateIds"
       FROM distribution_lines l
       WHERE l.society_id = $1 AND l.submission_id = $2 AND ($3::text IS NULL OR l.mandate_status = $3::text)
         AND ($4::text IS NULL OR l.line_id ILIKE $4 OR l.rights_holder_name ILIKE $4 OR l.work_title ILIKE $4 OR l.rights_holder_ipi::text ILIKE $4)
         AND ($5::int IS NULL OR l.line_no > $5::int)
       ORDER BY l.line_no LIMIT $6`,
      [submission.societyId, submission.id, query.mandateStatus ?? null, q, after === null ? null : Number(after), query.limit + 1],
    );
    const [known]: { at: string | null }[] = await this.db.query(
      `SELECT to_char(mandates_known_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM submissions WHERE society_id = $1 AND id = $2`,
      [submission.societyId, submission.id],
    );
    return { ...toPage(rows, query.limit, (r) => String(r.lineNo)), mandatesKnownAt: known?.at ?? null };
  }
}
