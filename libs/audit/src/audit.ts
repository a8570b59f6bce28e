import type { Finding, AuditReport } from './report/report.js';
import type { PinnedHead } from './rules/rule.js';

export const AUDIT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** An audit as the API shows it: the request, its state and, once done, its findings. */
export interface Audit {
  id: string;
  societyId: string;
  financialYear: number;
  rules: string[];
  status: AuditStatus;
  /** The signed heads the audit is pinned to (captured when it starts; null while queued). */
  heads: PinnedHead[] | null;
  /** Empty until the audit is done. */
  findings: Finding[];
  summary: AuditReport['summary'] | null;
  /** SHA-256 (hex) of the report's canonical JSON bytes. */
  reportSha256: string | null;
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
