import type { LineProofBundle } from '../verify/line-proof';
import type { PublishedKey, SignedTreeHead } from '../verify/signed-head';

/**
 * The response shapes of the public API (CONTRACT.md) that the dashboard reads. They
 * mirror the server's response DTOs; money is always a decimal string.
 */

export type Role = 'admin' | 'regulator' | 'society' | 'rights-holder';

export interface Me {
  role: Role;
  label: string;
  societyId?: string;
  rightsHolderId?: string;
}

/** Every list endpoint answers with one page and the cursor of the next. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Society {
  id: string;
  name: string;
  cisacCode: string;
  country: string;
  currency: string;
  fyEndMonth: number;
  fyEndDay: number;
  /** Postal address, e-mail, phone and website, each null when not on record. */
  contact: SocietyContact;
  createdAt: string;
}

/** How to reach a society (the registry; printed on statements). */
export interface SocietyContact {
  address: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
}

/** A society as `GET /v1/public/societies/{id}` serves it to anyone (no token, Art. 22): public facts, its latest checkpoint, who cosigned it, its reports. */
export interface PublicSociety {
  id: string;
  name: string;
  cisacCode: string;
  country: string;
  currency: string;
  fyEndMonth: number;
  fyEndDay: number;
  checkpoint: { treeSize: number; rootHash: string; timestamp: string; note: string };
  witnessing: {
    quorum: string;
    cosigners: string[];
    quorumMet: boolean;
    behindQuorum: boolean;
    witnessedSize: number | null;
    alarms: string[];
    witnesses: { name: string; vkey: string }[];
  };
  tilesPrefix: string;
  transparencyReports: { financialYear: number; url: string }[];
}

export interface Accreditation {
  id: string;
  societyId: string;
  authority: string;
  scope: string;
  validFrom: string;
  validTo: string;
  recordedAt: string;
}

export const CONSTITUENCIES = ['authors', 'composers', 'publishers', 'performers', 'producers', 'other'] as const;
export type Constituency = (typeof CONSTITUENCIES)[number];

export interface BoardMember {
  id: string;
  societyId: string;
  memberId: string;
  name: string;
  constituency: Constituency;
  seatFrom: string;
  seatTo: string | null;
  rightsHolderId: string | null;
  recordedAt: string;
}

export interface RightsHolder {
  id: string;
  name: string;
  ipi: string | null;
  isni: string | null;
  kind: string;
  country: string | null;
  createdAt: string;
}

/** One problem with the input, as problem+json `errors[]` carries it. */
export interface InputProblem {
  line?: number;
  column?: string;
  field?: string;
  message: string;
}

export const PACKAGE_TYPES = ['income', 'deductions', 'distribution-lines', 'inter-society', 'undistributed', 'board', 'mandates'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

export const SUBMISSION_STATUSES = ['queued', 'validating', 'rejected', 'committed', 'superseded', 'failed'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** `GET /v1/submissions/{id}`. */
export interface Submission {
  id: string;
  societyId: string;
  type: PackageType;
  period: string;
  status: SubmissionStatus;
  rows: number | null;
  /** Percent of the validation done, 0–100. */
  progress: number;
  errorCount: number;
  errors: InputProblem[];
  /** Why processing stopped without a verdict on the package (status failed), else null. */
  failure: string | null;
  /** Merkle root of the committed lines (hex), once committed. */
  root: string | null;
  /** While it runs: staging, validating or committing (not in CONTRACT.md; may be absent). */
  phase?: string | null;
  receivedAt?: string;
  finishedAt?: string | null;
}

/** `POST /v1/societies/{id}/submissions` (202 new, 200 the same bytes again). */
export interface SubmissionAccepted {
  id: string;
  status: SubmissionStatus;
}

/** A submission is finished once validation has rejected or committed it, or its processing failed for good. */
export function isFinished(status: SubmissionStatus): boolean {
  return status === 'rejected' || status === 'committed' || status === 'superseded' || status === 'failed';
}

export const CATEGORIES = ['performing', 'mechanical', 'reproduction', 'communication', 'making-available', 'private-copying', 'performers', 'producers', 'reprography', 'other'] as const;
export const WORK_TYPES = ['musical', 'audiovisual', 'literary', 'visual', 'sound-recording', 'other'] as const;

/** A mandate as it stands now (`GET /v1/rights-holders/{id}/mandates`). */
export interface Mandate {
  id: string;
  societyId: string;
  rightsHolderId: string;
  category: string;
  workType: string;
  /** ISO 3166-1 alpha-2 codes, or ["WORLD"]. */
  territories: string[];
  /** With ["WORLD"]: the countries left out. */
  excludedTerritories: string[];
  validFrom: string;
  /** Last day managed; null: open-ended. */
  validTo: string | null;
  basis: 'contractual' | 'non-contractual';
  exclusive: boolean;
  /** requested (awaiting the society's answer), active, refused (with its reason), ended. */
  status: 'requested' | 'active' | 'refused' | 'ended';
  version: number;
  recordedAt: string;
}

/** `GET /v1/societies/{id}/mandate-policy`: how the society ends mandates, what it manages, how soon it answers. */
export interface MandatePolicy {
  societyId: string;
  noticeMonths: number;
  terminateAtFinancialYearEnd: boolean;
  fyEndMonth: number;
  fyEndDay: number;
  managedCategories: string[];
  responseDays: number;
  optOut: { jurisdiction: string; noticeMonths: number | null; atFinancialYearEnd: boolean | null; source: string; confirmed: boolean; note: string };
}

/** `POST /v1/rights-holders/{id}/mandates`. */
export interface NewMandate {
  societyId: string;
  category: string;
  workType: string;
  territories: string[];
  validFrom: string;
  validTo?: string;
  basis: 'contractual';
  exclusive: boolean;
}

/** `POST /v1/mandates/{id}/termination` and `/opt-out`: when the society stops managing. */
export interface TerminationResult {
  mandateId: string;
  kind: 'whole' | 'partial';
  change: string;
  requestedOn: string;
  noticeMonths: number;
  noticeExpiresOn: string;
  effectiveOn: string;
  alignedToFinancialYearEnd: boolean;
  paymentsStayDueForUsesThrough: string;
}

/* ---- Ledger (docs/proofs.md) ---- */

export type { LineProofBundle, PublishedKey, SignedTreeHead };

/** `GET /v1/log/keys` (public). */
export interface LogKeys {
  keys: PublishedKey[];
}

/** `POST /v1/societies/{id}/verify`: the log recomputed from the stored lines. */
export interface VerifyReport {
  ok: boolean;
  checkedSubmissions: number;
  checkedLines: number;
  treeSize: number;
  mismatches: { submissionId: string; lineId?: string; reason: string }[];
}

/** One category and currency of `GET /v1/societies/{id}/reconciliation`. */
export interface CategoryFlows {
  category: string;
  currency: string;
  collected: string;
  deductions: string;
  distributed: string;
  toOtherSocieties: string;
  undistributed: string;
  /** collected − (deductions + distributed + toOtherSocieties + undistributed). */
  difference: string;
}

export interface Reconciliation {
  societyId: string;
  financialYear: number;
  from: string;
  to: string;
  categories: CategoryFlows[];
  differences: { category: string; currency: string; difference: string }[];
  balanced: boolean;
}

/* ---- Governance (docs/governance.md) ---- */

/** Disproportionality indices in percentage points, 6 places, as decimal strings. */
export interface Indices {
  gallagher: string;
  loosemoreHanby: string;
}

export interface ConstituencyEntitlement {
  constituency: string;
  kinds: string[];
  attributed: string;
  sharePercent: string | null;
  entitledSeats: number | null;
  lowerQuota: number | null;
  upperQuota: number | null;
  actualSeats: number;
  /** actual − entitled: negative when under-represented; null without money. */
  gap: number | null;
}

export interface EntitlementSnapshot {
  window: { from: string; to: string };
  asOf: string;
  board: { kind: 'board-package' | 'registry' | 'none'; submissionId?: string; period?: string };
  totals: { attributed: string; unidentified: string; otherCurrencies: { currency: string; amount: string }[] };
  constituencies: ConstituencyEntitlement[];
  actualBoardSize: number;
  indices: Indices | null;
  entitledIndices: Indices | null;
  ties: { seat: number; parties: string[]; winner: string }[];
}

/** `GET /v1/societies/{id}/board/entitlement?history=N`. */
export interface BoardEntitlement extends EntitlementSnapshot {
  societyId: string;
  currency: string;
  method: string;
  boardSize: number;
  boardSizeSource: 'settings' | 'actual-board';
  lookbackYears: number;
  amountBasis: 'gross' | 'net';
  /** Oldest first. */
  history: (EntitlementSnapshot & { financialYear: number })[];
}

/* ---- Statements (Directive Art. 18) ---- */

/** An exchange rate a conversion used: the value of one unit of `currency` in EUR on `rateDate`. */
export interface RateUsed {
  currency: string;
  rateDate: string;
  rateToEur: string;
}

/** The Art. 18 amounts, in the statement currency. */
export interface StatementAmounts {
  revenueAttributed: string;
  managementFees: string;
  otherDeductions: string;
  paid: string;
  outstanding: string;
  lines: number;
}

export interface SocietyStatement {
  societyId: string;
  societyName: string;
  /** The society's contact details from the registry (null: none on record), Art. 18(1)(a). */
  contact: SocietyContact | null;
  revenueAttributed: string;
  /** Net paid per category of rights and type of use. */
  paid: { category: string; useType: string; amount: string }[];
  paidTotal: string;
  managementFees: string;
  otherDeductions: string;
  outstanding: string;
  byUse: (StatementAmounts & { category: string; useType: string })[];
  periodOfUse: { from: string; to: string } | null;
  lines: number;
  rates: RateUsed[];
  mandates: Omit<Mandate, 'societyId' | 'rightsHolderId' | 'version' | 'recordedAt' | 'status'>[];
  nonContractual: { amount: string; lines: number };
  verifiedNonContractual: { amount: string; lines: number };
  /** The society's signed log head the statement was built from. */
  head: SignedTreeHead | null;
  /** Net unpaid past the Art. 13 deadline. */
  overdue: Overdue;
}

/** `GET /v1/rights-holders/{id}/statement?year=&currency=`. */
export interface Statement {
  rightsHolderId: string;
  rightsHolderName: string;
  rightsHolderIpi: string | null;
  year: number;
  currency: string;
  societies: SocietyStatement[];
  totals: StatementAmounts;
  rates: RateUsed[];
  /** The day overdue money is judged on. */
  asOf: string;
  overdue: Overdue;
  /** Rates used more than maxAgeDays (RATE_MAX_AGE_DAYS, a policy: no law sets it) after the day they were recorded for. */
  staleRates: { maxAgeDays: number; rates: StaleRate[] };
}

/** An exchange rate older than the policy limit on a day it converted a line for. */
export interface StaleRate {
  currency: string;
  rateDate: string;
  usedFor: string;
  ageDays: number;
  lines: number;
}

/** Directive Art. 13(1): unpaid nine months after the end of the financial year of collection. */
interface Overdue {
  amount: string;
  lines: number;
  oldestDeadline: string | null;
  maxOverdueDays: number | null;
}

export interface LineAmounts {
  currency: string;
  gross: string;
  managementFee: string;
  otherDeductions: string;
  net: string;
}

/** One line of `GET /v1/rights-holders/{id}/statement/lines`, with the URL of its proof. */
export interface StatementLine {
  societyId: string;
  societyName: string;
  submissionId: string;
  lineNo: number;
  lineId: string;
  category: string;
  useType: string;
  territory: string;
  workIswc: string | null;
  workTitle: string;
  useFrom: string;
  useTo: string;
  status: string;
  paidOn: string | null;
  mandateBasis: string;
  /** As the society reported it. */
  original: LineAmounts;
  /** In the statement currency, exactly as the statement counts it. */
  converted: LineAmounts;
  rates: RateUsed[];
  /** `/v1/submissions/{id}/lines/{lineId}/proof`. */
  proof: string;
}

/* ---- Audits and the regulator's overview ---- */

export const AUDIT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export type Severity = 'high' | 'medium' | 'low';

/** A society's signed head an audit read (all null for an empty log). */
export interface PinnedHead {
  societyId: string;
  cisacCode: string;
  treeSize: number;
  rootHash: string | null;
  timestamp: string | null;
  origin: string | null;
  signature: string | null;
  keyId: string | null;
}

export interface Finding {
  rule: string;
  title: string;
  source: string;
  severity: Severity;
  passed: boolean;
  details: string;
  evidence: Record<string, unknown>;
  metrics: Record<string, unknown>;
  parameters: Record<string, unknown>;
}

/** `GET /v1/audits/{id}` (and the 202 of `POST /v1/audits`). */
export interface Audit {
  id: string;
  societyId: string;
  financialYear: number;
  rules: string[];
  status: AuditStatus;
  heads: PinnedHead[] | null;
  findings: Finding[];
  summary: { rules: number; passed: number; failed: number; failedBySeverity: Record<string, number> } | null;
  reportSha256: string | null;
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface NewAudit {
  societyId: string;
  financialYear: number;
  rules?: string[];
}

/** One rule of `GET /v1/audit-rules`. */
export interface AuditRule {
  id: string;
  title: string;
  source: string;
  severity: Severity;
  group: string;
  description: string;
}

/** One society of `GET /v1/regulator/overview`. */
export interface OverviewRow {
  societyId: string;
  name: string;
  cisacCode: string;
  country: string;
  currency: string;
  period: { from: string; to: string };
  treeSize: number;
  rootHash: string | null;
  /** Percent strings (management costs of income, undistributed of income, unpaid of the year's lines, managed without mandate). */
  costRatioPercent: string | null;
  /** Days after the year end by which half the year's money was paid (negative: before it ended). */
  medianDelayDays: number | null;
  undistributedSharePercent: string | null;
  unpaidSharePercent: string | null;
  boardGap: { maxShortfall: number | null; gallagher: string | null };
  nonContractualSharePercent: string | null;
  verifiedNonContractualSharePercent: string | null;
  nonContractualTrend: { financialYear: number; declaredPercent: string | null; verifiedPercent: string | null }[];
  /** Conflicts of interest on the board (issue 18; null: not judged). */
  boardConflicts: {
    members: number | null;
    declared: number | null;
    missingDeclarations: number | null;
    understatedDeclarations: number | null;
    licenseeMatches: number | null;
    boardFeeRatePercent: string | null;
    othersFeeRatePercent: string | null;
  };
  /** The log as its witnesses (LOG_WITNESSES) see it now: behind its quorum of cosignatures, alarms. */
  witnessing: {
    configured: boolean;
    quorum: string;
    treeSize: number;
    witnessedSize: number | null;
    behindQuorum: boolean;
    cosigners: string[];
    alarms: string[];
  };
  findings: { failed: number; high: number; medium: number; low: number; rules: string[] };
  latestAudit: { id: string; finishedAt: string; failed: number; reportSha256: string } | null;
}

/** A board member's annual declaration (Art. 10(2)), `GET /v1/societies/{id}/board/declarations` (public). */
export interface BoardDeclaration {
  id: string;
  societyId: string;
  memberId: string;
  year: number;
  /** 1, 2, …: a later declaration for the member and year is a new version, never an update. */
  version: number;
  current: boolean;
  interests: string;
  /** Decimal strings. */
  remuneration: string;
  currency: string;
  amountsAsRightholder: string;
  conflicts: string;
  recordedAt: string;
  recordedBy: string;
}

/** `GET /v1/regulator/overview?financialYear=`. */
export interface RegulatorOverview {
  financialYear: number;
  asOf: string | null;
  pinnedAt: string | null;
  peerMedianCostRatioPercent: string | null;
  societies: OverviewRow[];
}

/* ---- Annual transparency report (Directive Art. 22 and Annex; docs/transparency.md) ---- */

export const REPORT_SOURCE_TYPES = ['income', 'deductions', 'distribution-lines', 'inter-society', 'undistributed', 'board'] as const;
export type ReportSourceType = (typeof REPORT_SOURCE_TYPES)[number];

/** Which quarters of the year a section's package type covers at the pinned head. */
export interface ReportCoverage {
  type: ReportSourceType;
  /** Quarters with a current package of the type. */
  periods: string[];
  /** Quarters of the year without one: the section's figures leave them out (never zeros). */
  missing: string[];
}

/** One package type × quarter of the year at the head. */
export interface ReportPackageState {
  type: ReportSourceType;
  period: string;
  /** Every quarter must have one (income, deductions, distribution-lines). */
  required: boolean;
  present: boolean;
  submissionId: string | null;
  leafIndex: number | null;
  committedAt: string | null;
  /** Packages of that type and quarter in the log up to the head (the current one and those it corrected). */
  submissions: number;
}

export interface ReportCurrencyAmount {
  currency: string;
  amount: string;
  lines: number;
}

export interface ReportRevenueRow extends ReportCurrencyAmount {
  category: string;
  useType: string;
}

export type DeductionKind = 'management' | 'social-cultural' | 'other';

export interface ReportDeductionRow extends ReportCurrencyAmount {
  kind: DeductionKind | string;
  category: string;
}

export interface ReportManagementCosts {
  currency: string;
  managementCosts: string;
  revenue: string;
  /** Management costs / revenue × 100, 2 places half up (as the audit prints it); null without revenue. */
  ratioPercent: string | null;
  ratioPercentPrecise: string | null;
}

export interface ReportSocialCulturalLine {
  period: string;
  submissionId: string;
  lineNo: number;
  deductionId: string;
  category: string;
  currency: string;
  amount: string;
  description: string;
}

export interface ReportHolderAmounts {
  currency: string;
  /** Attributed, gross. */
  gross: string;
  managementFees: string;
  otherDeductions: string;
  /** Attributed, net: paid + unpaid + unidentified. */
  net: string;
  paid: string;
  unpaid: string;
  unidentified: string;
  lines: number;
}

export interface ReportHolderUse extends ReportHolderAmounts {
  category: string;
  useType: string;
}

export interface ReportHolderTotals extends ReportHolderAmounts {
  paidLines: number;
  unpaidLines: number;
  unidentifiedLines: number;
}

export interface ReportPaymentDay {
  paidOn: string;
  category: string;
  useType: string;
  currency: string;
  net: string;
  lines: number;
}

export interface ReportUndistributedItem {
  category: string;
  fyOfCollection: number;
  currency: string;
  nonDistributable: boolean;
  reason: string;
  decidedUse: string | null;
  amount: string;
  lines: number;
}

export interface ReportTransferFlow {
  counterpartyCisac: string;
  /** out: to that society; in: from it. */
  direction: 'in' | 'out';
  category: string;
  currency: string;
  amount: string;
  paid: string;
  due: string;
  lines: number;
}

export interface ReportBoardMember {
  memberId: string;
  name: string;
  constituency: string;
  seatFrom: string;
  seatTo: string | null;
}

export type ReportBoardSource = { kind: 'board-package'; submissionId: string; period: string } | { kind: 'registry' } | { kind: 'none' };

/** `GET /v1/societies/{id}/transparency-report?financialYear=` (format=json). */
export interface TransparencyReport {
  format: string;
  legalBasis: string;
  society: Omit<Society, 'createdAt' | 'contact'>;
  financialYear: number;
  period: { from: string; to: string };
  /** Quarters whose last day is in the year. */
  quarters: string[];
  /** The year's end plus 8 months (Art. 22(1)). */
  publicationDeadline: string;
  /** The signed head the report was computed from (treeSize 0 and nulls: empty log). */
  head: PinnedHead;
  completeness: {
    complete: boolean;
    requiredTypes: ReportSourceType[];
    missing: { type: ReportSourceType; period: string }[];
    packages: ReportPackageState[];
  };
  revenue: { coverage: ReportCoverage; byCategoryAndUse: ReportRevenueRow[]; totals: ReportCurrencyAmount[] };
  deductions: {
    coverage: ReportCoverage;
    byKindAndCategory: ReportDeductionRow[];
    totals: (ReportCurrencyAmount & { kind: DeductionKind | string })[];
    managementCosts: ReportManagementCosts[];
  };
  socialCultural: {
    coverage: ReportCoverage;
    totals: (ReportCurrencyAmount & { sharePercentOfRevenue: string | null })[];
    lines: ReportSocialCulturalLine[];
  };
  rightsHolders: {
    coverage: ReportCoverage;
    byCategoryAndUse: ReportHolderUse[];
    totals: ReportHolderTotals[];
    /** Frequency of payments: distinct days of payment, and what was paid each day. */
    payments: { days: number; dates: ReportPaymentDay[] };
  };
  undistributed: {
    coverage: ReportCoverage;
    items: ReportUndistributedItem[];
    totals: { currency: string; undistributed: string; nonDistributable: string; lines: number }[];
  };
  otherSocieties: {
    coverage: ReportCoverage;
    flows: ReportTransferFlow[];
    totals: { direction: 'in' | 'out'; currency: string; amount: string; paid: string; due: string; lines: number }[];
  };
  nonContractual: {
    coverage: ReportCoverage;
    byCurrency: { currency: string; gross: string; net: string; lines: number; sharePercentOfGross: string | null }[];
    /** Distinct identified rights holders managed without a mandate. */
    rightsHolders: number;
    /** Distinct identified rights holders on all the lines. */
    identifiedRightsHolders: number;
    unidentifiedLines: number;
    /** The same as the mandate register says (each line's status derived when its package committed). */
    verifiedByCurrency: { currency: string; gross: string; net: string; lines: number; sharePercentOfGross: string | null }[];
    verifiedRightsHolders: number;
    linesWithoutDerivedStatus: number;
  };
  governance: {
    board: {
      /** The financial year's last day. */
      date: string;
      coverage: ReportCoverage;
      source: ReportBoardSource;
      seats: number;
      byConstituency: { constituency: string; seats: number }[];
      members: ReportBoardMember[];
    };
  };
  /** Money flows per category from the same lines (equal to the reconciliation). */
  conservation: { categories: CategoryFlows[]; balanced: boolean };
  /** Annex items the packages do not carry. */
  notCovered: string[];
}

export type TransparencyFormat = 'json' | 'csv' | 'pdf';

/** The report as read (JSON) with what the response headers say about it. */
export interface LoadedTransparencyReport {
  report: TransparencyReport;
  /** The exact bytes served (RFC 8785 canonical JSON, UTF-8). */
  bytes: Uint8Array<ArrayBuffer>;
  /** `X-Report-SHA256`: SHA-256 of the canonical JSON, whatever the format (null when the header cannot be read). */
  sha256: string | null;
}

/** A report file (JSON, CSV or PDF) to save, with its name and the SHA-256 of the JSON it renders. */
export interface TransparencyReportFile {
  blob: Blob;
  /** From Content-Disposition, or null when the server names none (JSON). */
  filename: string | null;
  sha256: string | null;
}

/** A claim's status (CONTRACT.md "Workflows"). */
export type ClaimStatus = 'open' | 'accepted' | 'refused' | 'paid';

/** An unidentified committed line that may be the holder's: the name on it is the holder's, or its work is (`GET /v1/rights-holders/{id}/unclaimed`). */
export interface UnclaimedLine {
  societyId: string;
  societyName: string;
  submissionId: string;
  lineNo: number;
  lineId: string;
  nameOnLine: string;
  workIswc: string | null;
  workTitle: string;
  category: string;
  useType: string;
  territory: string;
  useFrom: string;
  useTo: string;
  currency: string;
  gross: string;
  managementFee: string;
  otherDeductions: string;
  net: string;
  matchedBy: ('name' | 'work')[];
  /** This holder's claim on it, if any. */
  claim: { id: string; status: ClaimStatus; claimedAt: string } | null;
}

/** The line of a later package that paid a claim. */
export interface ClaimPayment {
  submissionId: string;
  period: string;
  lineNo: number;
  lineId: string;
  paidOn: string;
  currency: string;
  net: string;
}

/** One change of a claim's status (the history is append-only). */
export interface ClaimEvent {
  seq: number;
  status: ClaimStatus;
  previousStatus: ClaimStatus | null;
  at: string;
  recordedBy: string;
  reason: string | null;
  payment: ClaimPayment | null;
}

/** A holder's claim on a society's unidentified line, with the society's answer. */
export interface Claim {
  id: string;
  societyId: string;
  societyName: string;
  rightsHolderId: string;
  rightsHolderName: string;
  rightsHolderIpi: string | null;
  submissionId: string;
  lineNo: number;
  lineId: string;
  status: ClaimStatus;
  claimedAt: string;
  note: string | null;
  recordedBy: string;
  answeredAt: string | null;
  reason: string | null;
  payment: ClaimPayment | null;
  history: ClaimEvent[];
  line: {
    nameOnLine: string;
    workIswc: string | null;
    workTitle: string;
    category: string;
    useType: string;
    useFrom: string;
    useTo: string;
    currency: string;
    gross: string;
    net: string;
  };
}

/** `POST /v1/rights-holders/{id}/claims`: the line claimed (its id, or `#<n>`) and a note for the society. */
export interface NewClaim {
  submissionId: string;
  lineId: string;
  note?: string;
}

/** `POST /v1/claims/{id}/payment`: the paying line of a later package. */
export interface ClaimPaymentLine {
  submissionId: string;
  lineId: string;
}
