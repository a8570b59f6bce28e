/**
 * The findings as CSV (RFC 4180, UTF-8, CRLF line ends): one row per rule, with its
 * parameters and evidence as canonical JSON cells, so a spreadsheet shows the verdicts
 * and nothing of the report is lost. Pure.
 */
import { csvDocument } from '../../../csv/src/index.js';
import { canonicalJson } from '../../../merkle/src/index.js';
import type { AuditReport } from './report.js';

export const CSV_COLUMNS = ['society_cisac', 'financial_year', 'rule', 'title', 'source', 'severity', 'result', 'details', 'parameters', 'evidence'] as const;

/** The shared cell writer (libs/csv: RFC 4180 quoting and the formula-injection guard). */
export { csvCell } from '../../../csv/src/index.js';

export function findingsCsv(report: AuditReport): string {
  const rows = report.findings.map((f) => [
    report.society.cisacCode,
    String(report.financialYear),
    f.rule,
    f.title,
    f.source,
    f.severity,
    f.passed ? 'pass' : 'fail',
    f.details,
    canonicalJson(f.parameters),
    canonicalJson(f.evidence),
  ]);
  return csvDocument([[...CSV_COLUMNS], ...rows]);
}
