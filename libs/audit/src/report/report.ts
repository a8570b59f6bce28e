/**
 * The audit report: what was judged (the society, the financial year, the signed heads
 * the data was pinned to, the date deadlines were judged on) and every finding. It is
 * published as RFC 8785 canonical JSON, and nothing in it depends on when or where it
 * was computed, so the same heads and parameters give the same bytes, whose SHA-256 is
 * stored with the audit.
 *
 * Pure: node:crypto and libs/merkle only.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../merkle/src/index.js';
import type { ParamValues } from '../rules/params.js';
import { SEVERITIES, type AuditedSociety, type JsonObject, type PinnedHead, type RuleOutcome, type Severity } from '../rules/rule.js';

/**
 * 2: the report carries only the audited society's head, and its peers as a count and a
 * digest (issue 13: format 1 carried every society's signed head).
 */
export const REPORT_FORMAT = 'collective-ledger/audit-report/2';

/**
 * How many example lines a finding lists (its totals always cover every line). A rule
 * that cuts a list there records the whole count beside it as `<list>Total`
 * (`unpaidLines` and `unpaidLinesTotal`), which the PDF reads to say "20 of N shown".
 */
export const EVIDENCE_LIMIT = 20;

export interface Finding {
  rule: string;
  title: string;
  source: string;
  severity: Severity;
  passed: boolean;
  details: string;
  evidence: JsonObject;
  metrics: JsonObject;
  parameters: ParamValues;
}

export interface AuditReport {
  format: typeof REPORT_FORMAT;
  society: AuditedSociety;
  financialYear: number;
  period: { from: string; to: string };
  /** The day deadlines were judged on: the date of the latest pinned head. */
  asOf: string | null;
  /** The latest pinned head's timestamp. */
  pinnedAt: string | null;
  /**
   * The signed heads of the audited society the report may show: its own head only. The
   * other societies' heads the audit also read (for the peer median) are summed up in
   * `peers`; the audit itself keeps them, shown to regulators and admins.
   */
  heads: PinnedHead[];
  /** The other societies the audit was pinned to, without their heads. */
  peers: PeerHeads;
  /** The audited society's own head (the one its lines are judged at). */
  head: PinnedHead;
  jurisdiction: string;
  rules: string[];
  summary: { rules: number; passed: number; failed: number; failedBySeverity: Record<Severity, number> };
  findings: Finding[];
}

export interface PeerHeads {
  /** Other societies whose log had a signed head (data the peer comparisons read). */
  societies: number;
  /**
   * SHA-256 (hex) of the RFC 8785 canonical JSON of every other society's pinned head, as
   * an array sorted by society id (as GET /v1/audits/{id} lists them to a regulator): who
   * holds the heads can check that the report was computed from them. Null when there are none.
   */
  headsSha256: string | null;
}

/** The peers of an audit of `societyId` pinned to `heads`: a count and a digest, never the heads. */
export function peerHeads(heads: readonly PinnedHead[], societyId: string): PeerHeads {
  const others = heads.filter((h) => h.societyId !== societyId).sort((a, b) => (a.societyId < b.societyId ? -1 : a.societyId > b.societyId ? 1 : 0));
  return {
    societies: others.filter((h) => h.treeSize > 0).length,
    headsSha256: others.length === 0 ? null : sha256Hex(Buffer.from(canonicalJson(others), 'utf8')),
  };
}

/** The heads a report of `societyId` may carry: the society's own. */
export function ownHeads(heads: readonly PinnedHead[], societyId: string): PinnedHead[] {
  return heads.filter((h) => h.societyId === societyId);
}

export function summarize(findings: readonly Finding[]): AuditReport['summary'] {
  const failed = findings.filter((f) => !f.passed);
  return {
    rules: findings.length,
    passed: findings.length - failed.length,
    failed: failed.length,
    failedBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, failed.filter((f) => f.severity === s).length])) as Record<Severity, number>,
  };
}

export function finding(rule: { id: string; title: string; source: string; severity: Severity }, outcome: RuleOutcome, parameters: ParamValues): Finding {
  return {
    rule: rule.id,
    title: rule.title,
    source: rule.source,
    severity: rule.severity,
    passed: outcome.passed,
    details: outcome.details,
    evidence: outcome.evidence,
    metrics: outcome.metrics ?? {},
    parameters,
  };
}

/** The report's published bytes: RFC 8785 canonical JSON, UTF-8. */
export function reportBytes(report: AuditReport): Buffer {
  return Buffer.from(canonicalJson(report), 'utf8');
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The timestamp pins are judged at: the latest of the heads' timestamps (ISO 8601 UTC strings compare as text). */
export function pinnedAtOf(heads: readonly PinnedHead[]): string | null {
  return heads.reduce<string | null>((latest, h) => (h.timestamp !== null && (latest === null || h.timestamp > latest) ? h.timestamp : latest), null);
}
