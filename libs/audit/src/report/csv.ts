/**
 * The findings as CSV (RFC 4180, UTF-8, CRLF line ends): one row per rule, with its
 * parameters and evidence as canonical JSON cells, so a spreadsheet shows the verdicts
 * and nothing of the report is lost. Pure.
 */
import { canonicalJson } from '../../../merkle/src/index.js';
import type { AuditReport } from './report.js';

export const CSV_COLUMNS = ['society_cisac', 'financial_year', 'rule', 'title', 'source', 'severity', 'result', 'details', 'parameters', 'evidence'] as const;

/** A cell, quoted when it holds a comma, a quote or a line break (and when it starts like a formula, to keep spreadsheets from evaluating it). */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) || guarded !== value ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

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
  return [[...CSV_COLUMNS], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
