import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../auth/src/index.js';
import { decodeCursor, type Page, toPage } from '../../../database/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import type { LineMandateStatus } from '../../../mandates/src/index.js';
import { leafFields } from '../drill/line-diff.js';
import { CATEGORIES, leafJsonSql, type LineFilter, PACKAGE_TYPES, PACKAGES, type PackageType } from '../../../package-catalogue/src/index.js';
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

/** Each filter on a computed column that some type declares (LinesView.filters), by query field, with the types that have it. */
const DECLARED_FILTERS: ReadonlyMap<string, { filter: LineFilter; types: PackageType[] }> = (() => {
  const byField = new Map<string, { filter: LineFilter; types: PackageType[] }>();
  for (const type of PACKAGE_TYPES) {
    for (const filter of PACKAGES[type].lines?.filters ?? []) {
      const known = byField.get(filter.field);
      if (known) known.types.push(type);
      else byField.set(filter.field, { filter, types: [type] });
    }
  }
  return byField;
})();

/** `distribution-lines` → `distribution lines`, `income` → `income lines`: how a message names a type's lines. */
const linesOf = (type: string) => (type.endsWith('-lines') ? type.replace(/-/g, ' ') : `${type} lines`);

/**
 * The lines of a committed package, of any type (CONTRACT.md, issue 17): what a type shows
 * besides lineNo, lineId and fields, what `q` searches and which computed columns it
 * filters by are the type's (its definition's `lines`, e.g. distribution lines' typed
 * columns and mandate status: issue 14); this service has no branch per type.
 */
@Injectable()
export class SubmissionLinesService {
  constructor(
    private readonly db: DataSource,
    private readonly submissions: SubmissionsService,
  ) {}

  /**
   * A page of a submission's lines in file order, filtered by column values (checked
   * against the package type: a filter on a column the type lacks is a 400 naming it),
   * line id and text. Every line has `fields`, its leaf's values, and the typed
   * properties its type declares (distribution lines: their columns and mandate status).
   */
  async list(principal: Principal, submissionId: string, query: SubmissionLinesQuery): Promise<SubmissionLinesPage> {
    const submission = await this.submissions.get(principal, submissionId);
    const type = submission.type;
    const filters = columnFilters(type, query);
    const after = decodeCursor(query.cursor, LINE_NO);
    const q = query.q?.trim() ? `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const p = PACKAGES[type];
    const columns = p.columns.map((c) => c.name);
    const leaf = leafJsonSql(type, 'l');
    const properties = Object.entries(p.lines?.properties ?? {}).map(([name, sql]) => `, ${sql} AS "${name}"`).join('');
    const search = p.lines?.search?.length ? p.lines.search.map((c) => `l.${c}::text ILIKE $5`).join(' OR ') : `${leaf} ILIKE $5`;
    const rows: ({ lineNo: number; lineId: string | null; leaf: string } & Record<string, unknown>)[] = await this.db.query(
      `SELECT l.line_no AS "lineNo", ${p.idColumn ? `l.${p.idColumn}` : 'NULL::text'} AS "lineId"${properties}, ${leaf} AS leaf
       FROM ${p.table} l
       WHERE l.society_id = $1 AND l.submission_id = $2 AND ($3::int IS NULL OR l.line_no > $3::int)
         AND ($5::text IS NULL OR ${search})
         AND ($6::text IS NULL OR ${p.idColumn ? `l.${p.idColumn} = $6::text` : 'false'}) AND ($7::int IS NULL OR l.line_no = $7::int)
         ${filters.map((f, i) => `AND l.${f.column}::text = $${8 + i}::text`).join(' ')}
       ORDER BY l.line_no LIMIT $4`,
      [submission.societyId, submission.id, after === null ? null : Number(after), query.limit + 1, q, query.lineId ?? null, query.lineNo ?? null, ...filters.map((f) => f.value)],
    );
    const lines = rows.map(({ leaf: text, ...line }) => ({ ...line, fields: leafFields(text, columns) }) as PackageLine);
    // Set only for a type whose commit derives the mandate status (otherwise null).
    const [known]: { at: string | null }[] = await this.db.query(
      `SELECT to_char(mandates_known_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM submissions WHERE society_id = $1 AND id = $2`,
      [submission.societyId, submission.id],
    );
    return { ...toPage(lines, query.limit, (r) => String(r.lineNo)), mandatesKnownAt: known?.at ?? null };
  }
}

/**
 * The column filters a query asks for, each checked against the type (400 naming the
 * field): the package columns' (COLUMN_FILTERS) where the type has the column, the
 * computed columns' where its definition declares the filter (LinesView.filters).
 */
function columnFilters(type: PackageType, query: SubmissionLinesQuery): { column: string; value: string }[] {
  const asked = query as unknown as Record<string, string | undefined>;
  for (const [field, { filter }] of DECLARED_FILTERS) {
    const value = asked[field];
    if (value !== undefined && !filter.values.includes(value)) throw DomainError.validation(`Invalid ${field}`, [{ field, message: `must be one of: ${filter.values.join(', ')}` }]);
  }
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
  for (const [field, { filter, types }] of DECLARED_FILTERS) {
    const value = asked[field];
    if (value === undefined) continue;
    if (!types.includes(type)) throw DomainError.validation(`${type} lines have no ${filter.label}`, [{ field, message: `only ${types.map(linesOf).join(', ')} have a ${filter.label}` }]);
    found.push({ column: PACKAGES[type].lines!.filters!.find((f) => f.field === field)!.column, value });
  }
  if (query.lineId !== undefined && !PACKAGES[type].idColumn) {
    throw DomainError.validation(`${type} lines have no line id`, [{ field: 'lineId', message: `${type} lines have no id column` }]);
  }
  return found;
}
