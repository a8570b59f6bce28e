import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../auth/src/index.js';
import { decodeCursor, type Page, toPage } from '../../../database/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { isLineMandateStatus, LINE_MANDATE_STATUSES, type LineMandateStatus } from '../../../mandates/src/index.js';
import { leafFields } from '../drill/line-diff.js';
import { CATEGORIES, leafJsonSql, PACKAGES, type PackageType } from '../../../package-catalogue/src/index.js';
import { SubmissionsService } from '../submissions.service.js';

/** A line of any package type: its number in the file, its id (null for a type without one) and its fields as its leaf holds them. */
export interface PackageLine {
  lineNo: number;
  lineId: string | null;
  /** Every column by API name (camelCase), as the line's leaf has it: the canonical text the line is hashed as, null for an empty cell. */
  fields: Record<string, string | null>;
}

/** One committed distribution line with its declared basis and its derived mandate status. */
export interface SubmissionLine extends PackageLine {
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
  /** The line with this id (the type's id column: line_id, income_id, …). */
  lineId?: string;
  /** The line at this line of the file. */
  lineNo?: number;
  /** Distribution lines: paid, unpaid or unidentified. */
  status?: string;
  category?: string;
  currency?: string;
  /** Distribution lines: the declared basis. */
  mandateBasis?: string;
}

export const LINE_STATUSES = ['paid', 'unpaid', 'unidentified'] as const;
export const MANDATE_BASES = ['contractual', 'non-contractual'] as const;

/** The column filters of the lines list: query name → package column, with the values it takes. */
const COLUMN_FILTERS = [
  { field: 'status', column: 'status', values: LINE_STATUSES as readonly string[] },
  { field: 'category', column: 'category', values: CATEGORIES as readonly string[] },
  { field: 'currency', column: 'currency', pattern: /^[A-Z]{3}$/, hint: 'an ISO 4217 code such as EUR' },
  { field: 'mandateBasis', column: 'mandate_basis', values: MANDATE_BASES as readonly string[] },
] as const;

export interface SubmissionLinesPage extends Page<SubmissionLine | PackageLine> {
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

  /**
   * A page of a submission's lines in file order, filtered by column values (checked
   * against the package type: a filter on a column the type lacks is a 400 naming it),
   * line id and text. Distribution lines come with their typed columns and mandate
   * status; every line with `fields`, its leaf's values.
   */
  async list(principal: Principal, submissionId: string, query: SubmissionLinesQuery): Promise<SubmissionLinesPage> {
    const submission = await this.submissions.get(principal, submissionId);
    if (query.mandateStatus !== undefined && !isLineMandateStatus(query.mandateStatus)) {
      throw DomainError.validation('Invalid mandateStatus', [{ field: 'mandateStatus', message: `must be one of: ${LINE_MANDATE_STATUSES.join(', ')}` }]);
    }
    const filters = columnFilters(submission.type, query);
    const after = decodeCursor(query.cursor, LINE_NO);
    const q = query.q?.trim() ? `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    if (submission.type !== 'distribution-lines') return this.listOther(submission.type, submission.societyId, submission.id, query, filters, q, after);
    const columns = PACKAGES['distribution-lines'].columns.map((c) => c.name);
    const rows: (SubmissionLine & { leaf?: string })[] = await this.db.query(
      `SELECT l.line_no AS "lineNo", l.line_id AS "lineId", l.rights_holder_ipi AS "rightsHolderIpi", l.rights_holder_name AS "rightsHolderName",
              l.rights_holder_id AS "rightsHolderId", l.work_iswc AS "workIswc", l.work_title AS "workTitle", l.category, l.work_type AS "workType",
              CASE WHEN l.work_type IS NULL THEN 'any' ELSE 'exact' END AS "workTypeMatched", l.use_type AS "useType", l.territory,
              to_char(l.use_from, 'YYYY-MM-DD') AS "useFrom", to_char(l.use_to, 'YYYY-MM-DD') AS "useTo", l.currency,
              trim_scale(l.gross)::text AS gross, trim_scale(l.management_fee)::text AS "managementFee", trim_scale(l.other_deductions)::text AS "otherDeductions",
              trim_scale(l.net)::text AS net, l.status, to_char(l.paid_on, 'YYYY-MM-DD') AS "paidOn", l.mandate_basis AS "mandateBasis",
              l.mandate_status AS "mandateStatus", COALESCE(l.mandate_ids, '{}')::text[] AS "mandateIds", ${leafJsonSql('distribution-lines', 'l')} AS leaf
       FROM distribution_lines l
       WHERE l.society_id = $1 AND l.submission_id = $2 AND ($3::text IS NULL OR l.mandate_status = $3::text)
         AND ($4::text IS NULL OR l.line_id ILIKE $4 OR l.rights_holder_name ILIKE $4 OR l.work_title ILIKE $4 OR l.rights_holder_ipi::text ILIKE $4)
         AND ($5::int IS NULL OR l.line_no > $5::int)
         AND ($7::text IS NULL OR l.line_id = $7::text) AND ($8::int IS NULL OR l.line_no = $8::int)
         ${filters.map((f, i) => `AND l.${f.column}::text = $${9 + i}::text`).join(' ')}
       ORDER BY l.line_no LIMIT $6`,
      [submission.societyId, submission.id, query.mandateStatus ?? null, q, after === null ? null : Number(after), query.limit + 1, query.lineId ?? null, query.lineNo ?? null, ...filters.map((f) => f.value)],
    );
    const lines: SubmissionLine[] = rows.map(({ leaf, ...line }) => ({ ...line, fields: leafFields(leaf!, columns) }));
    const [known]: { at: string | null }[] = await this.db.query(
      `SELECT to_char(mandates_known_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM submissions WHERE society_id = $1 AND id = $2`,
      [submission.societyId, submission.id],
    );
    return { ...toPage(lines, query.limit, (r) => String(r.lineNo)), mandatesKnownAt: known?.at ?? null };
  }

  /** The lines of a package of another type: number, id, and fields from the leaf. */
  private async listOther(
    type: PackageType,
    societyId: string,
    submissionId: string,
    query: SubmissionLinesQuery,
    filters: { column: string; value: string }[],
    q: string | null,
    after: string | null,
  ): Promise<SubmissionLinesPage> {
    const p = PACKAGES[type];
    const columns = p.columns.map((c) => c.name);
    const leaf = leafJsonSql(type, 'l');
    const rows: { lineNo: number; lineId: string | null; leaf: string }[] = await this.db.query(
      `SELECT l.line_no AS "lineNo", ${p.idColumn ? `l.${p.idColumn}` : 'NULL::text'} AS "lineId", ${leaf} AS leaf
       FROM ${p.table} l
       WHERE l.society_id = $1 AND l.submission_id = $2 AND ($3::int IS NULL OR l.line_no > $3::int)
         AND ($5::text IS NULL OR ${leaf} ILIKE $5)
         AND ($6::text IS NULL OR ${p.idColumn ? `l.${p.idColumn} = $6::text` : 'false'}) AND ($7::int IS NULL OR l.line_no = $7::int)
         ${filters.map((f, i) => `AND l.${f.column}::text = $${8 + i}::text`).join(' ')}
       ORDER BY l.line_no LIMIT $4`,
      [societyId, submissionId, after === null ? null : Number(after), query.limit + 1, q, query.lineId ?? null, query.lineNo ?? null, ...filters.map((f) => f.value)],
    );
    const lines: PackageLine[] = rows.map((r) => ({ lineNo: r.lineNo, lineId: r.lineId, fields: leafFields(r.leaf, columns) }));
    return { ...toPage(lines, query.limit, (r) => String(r.lineNo)), mandatesKnownAt: null };
  }
}

/** The column filters a query asks for, each checked against the type's columns and its values (400 naming the field). */
function columnFilters(type: PackageType, query: SubmissionLinesQuery): { column: string; value: string }[] {
  const columns = new Set(PACKAGES[type].columns.map((c) => c.name));
  const found: { column: string; value: string }[] = [];
  for (const f of COLUMN_FILTERS) {
    const value = query[f.field];
    if (value === undefined) continue;
    if (!columns.has(f.column)) throw DomainError.validation(`${type} lines have no ${f.column}`, [{ field: f.field, message: `is not a column of ${type} lines` }]);
    const ok = 'values' in f ? f.values.includes(value) : f.pattern.test(value);
    if (!ok) throw DomainError.validation(`Invalid ${f.field}`, [{ field: f.field, message: 'values' in f ? `must be one of: ${f.values.join(', ')}` : `must be ${f.hint}` }]);
    found.push({ column: f.column, value });
  }
  if (query.mandateStatus !== undefined && type !== 'distribution-lines') {
    throw DomainError.validation(`${type} lines have no mandate status`, [{ field: 'mandateStatus', message: 'only distribution lines have a mandate status' }]);
  }
  if (query.lineId !== undefined && !PACKAGES[type].idColumn) {
    throw DomainError.validation(`${type} lines have no line id`, [{ field: 'lineId', message: `${type} lines have no id column` }]);
  }
  return found;
}
