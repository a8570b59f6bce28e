/**
 * Audits: a rule catalogue (payouts and governance, each rule with its legal source,
 * severity and jurisdiction parameters), run as a job pinned to signed tree heads, and
 * reports as canonical JSON, CSV and PDF; the regulator's overview of every society.
 */
export { AuditModule } from './audit.module.js';
export { AuditsService, FINANCIAL_YEAR_RANGE } from './audits.service.js';
export type { AuditRequest, RenderedReport } from './audits.service.js';
export { AUDIT_JOB } from './audit.job.js';
export type { AuditJobPayload } from './audit.job.js';
export { AUDIT_STATUSES, REPORT_FORMATS } from './audit.js';
export type { Audit, AuditStatus, ReportFormat } from './audit.js';
export { AuditEngine, EVIDENCE_LIMIT } from './runner/audit-engine.js';
export type { AuditInput } from './runner/audit-engine.js';
export { AuditParametersService } from './parameters/audit-parameters.service.js';
export type { CatalogueEntry } from './parameters/audit-parameters.service.js';
export { OverviewService } from './overview/overview.service.js';
export type { OverviewRow, RegulatorOverview } from './overview/overview.service.js';
export { CATALOGUE, RULE_IDS, findRule, selectRules } from './rules/catalogue.js';
export { SEVERITIES, RULE_GROUPS } from './rules/rule.js';
export type { AuditRule, PinnedHead, RuleOutcome, Severity } from './rules/rule.js';
export type { ParamSpec, ParamValues } from './rules/params.js';
export { REPORT_FORMAT, reportBytes, sha256Hex } from './report/report.js';
export type { AuditReport, Finding } from './report/report.js';
export { findingsCsv } from './report/csv.js';
export { renderPdf } from './report/pdf.js';
