import type { LineProofBundle } from '../verify/line-proof';
import type { PublishedKey, SignedTreeHead } from '../verify/signed-head';
import { packageTypes, transparencyPackageTypes } from './generated/openapi';
import type { Answer, Body, Query, Schemas } from './openapi';

/**
 * The API's shapes under the names the dashboard uses. None is written by hand: each is
 * the generated type of the route it is read from (`Answer<'getStatement'>`) or of a DTO
 * inside it (./generated/openapi.ts, written by `npm run generate:api` from the server's
 * OpenAPI document; docs/api-types.md). Money is always a decimal string. The runtime
 * lists below (package types, statuses…) are checked against the generated unions.
 */

/** Fails to compile unless A and B are the same set of values. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Holds only `true`: a `Same` that is false is a compile error where it is used. */
type Check<T extends true> = T;

export type Me = Answer<'getMe'>;
export type Role = Me['role'];

/** Every list endpoint answers with one page and the cursor of the next. */
export type Page<T> = Omit<Answer<'listSocieties'>, 'items'> & { items: T[] };

export type Society = Answer<'getSociety'>;
/** How to reach a society (the registry; printed on statements). */
export type SocietyContact = Society['contact'];
/** A society as anyone reads it (no token, Art. 22): public facts, its latest checkpoint, who cosigned it, its reports. */
export type PublicSociety = Answer<'getPublicSociety'>;
export type Accreditation = Schemas['AccreditationDto'];
export type BoardMember = Schemas['BoardMemberDto'];
export type Constituency = BoardMember['constituency'];
export const CONSTITUENCIES = ['authors', 'composers', 'publishers', 'performers', 'producers', 'other'] as const satisfies readonly Constituency[];
export type RightsHolder = Answer<'getRightsHolder'>;

/** One problem with the input, as problem+json `errors[]` carries it. */
export type InputProblem = Schemas['InputProblemDto'];

export type Submission = Answer<'getSubmission'>;
export type PackageType = Submission['type'];
/** The package catalogue's types (libs/package-catalogue), as the generated file lists them. */
export const PACKAGE_TYPES = packageTypes satisfies readonly PackageType[];
export type SubmissionStatus = Submission['status'];
export const SUBMISSION_STATUSES = ['queued', 'validating', 'rejected', 'committed', 'superseded', 'failed'] as const satisfies readonly SubmissionStatus[];
/** `POST /v1/societies/{id}/submissions` (202 new, 200 the same bytes again). */
export type SubmissionAccepted = Answer<'createSubmission'>;

/** A submission is finished once validation has rejected or committed it, or its processing failed for good. */
export function isFinished(status: SubmissionStatus): boolean {
  return status === 'rejected' || status === 'committed' || status === 'superseded' || status === 'failed';
}

export type Mandate = Schemas['MandateDto'];
export type NewMandate = Body<'createMandate'>;
export type MandateCategory = NewMandate['category'];
export type WorkType = NewMandate['workType'];
/** The category and work type lists the mandate form offers. */
export const CATEGORIES = ['performing', 'mechanical', 'reproduction', 'communication', 'making-available', 'private-copying', 'performers', 'producers', 'reprography', 'other'] as const satisfies readonly MandateCategory[];
export const WORK_TYPES = ['musical', 'audiovisual', 'literary', 'visual', 'sound-recording', 'other'] as const satisfies readonly WorkType[];
/** How the society ends mandates, what it manages, how soon it answers. */
export type MandatePolicy = Answer<'getMandatePolicy'>;
/** When the society stops managing (a termination or an opt-out). */
export type TerminationResult = Answer<'terminateMandate'>;

/* ---- Ledger (docs/proofs.md) ---- */

/**
 * The proof verifier's inputs (apps/web/src/verify) accept what the API answers and
 * older files too (a proof without submissionSize, a key without verifierKey): they stay
 * the verifier's own, checked here to accept every answer of the API.
 */
export type { LineProofBundle, PublishedKey, SignedTreeHead };
export type ProofInputsAcceptApi = [
  Check<Answer<'getLineProof'> extends LineProofBundle ? true : false>,
  Check<Answer<'getLogHead'> extends SignedTreeHead ? true : false>,
  Check<Answer<'getLogKeys'>['keys'][number] extends PublishedKey ? true : false>,
];

export type LogKeys = Answer<'getLogKeys'>;
/** The log recomputed from the stored lines. */
export type VerifyReport = Answer<'verifyLog'>;
export type Reconciliation = Answer<'getReconciliation'>;
export type CategoryFlows = Reconciliation['categories'][number];

/* ---- Governance (docs/governance.md) ---- */

export type BoardEntitlement = Answer<'getBoardEntitlement'>;
/** One financial year's entitlement (the current one is the answer itself, past ones its `history`). */
export type EntitlementSnapshot = Omit<BoardEntitlement['history'][number], 'financialYear'>;
export type ConstituencyEntitlement = BoardEntitlement['constituencies'][number];
/** Disproportionality indices in percentage points, 6 places, as decimal strings. */
export type Indices = NonNullable<BoardEntitlement['indices']>;
/** A board member's annual declaration (Art. 10(2)). */
export type BoardDeclaration = Answer<'listBoardDeclarations'>['items'][number];

/* ---- Statements (Directive Art. 18) ---- */

export type Statement = Answer<'getStatement'>;
export type SocietyStatement = Statement['societies'][number];
/** The Art. 18 amounts, in the statement currency. */
export type StatementAmounts = Statement['totals'];
/** An exchange rate a conversion used: the value of one unit of `currency` in EUR on `rateDate`. */
export type RateUsed = Statement['rates'][number];
/** Rates used more than `maxAgeDays` after the day they were recorded for (RATE_MAX_AGE_DAYS, a policy). */
export type StaleRate = Statement['staleRates']['rates'][number];
/** Directive Art. 13(1): unpaid nine months after the end of the financial year of collection. */
export type Overdue = Statement['overdue'];
export type StatementLine = Answer<'listStatementLines'>['items'][number];
export type LineAmounts = StatementLine['original'];

/* ---- Audits and the regulator's overview ---- */

export type Audit = Answer<'getAudit'>;
export type AuditStatus = Audit['status'];
export const AUDIT_STATUSES = ['queued', 'running', 'done', 'failed'] as const satisfies readonly AuditStatus[];
export type Finding = Audit['findings'][number];
export type Severity = Finding['severity'];
/** A society's signed head an audit read (all null for an empty log). */
export type PinnedHead = NonNullable<Audit['heads']>[number];
export type NewAudit = Body<'createAudit'>;
/** A rule's id, as an audit request names it (the catalogue's `id`). */
export type AuditRuleId = NonNullable<NewAudit['rules']>[number];
/** One rule of the catalogue. */
export type AuditRule = Answer<'listAuditRules'>['rules'][number];
export type RegulatorOverview = Answer<'getRegulatorOverview'>;
export type OverviewRow = RegulatorOverview['societies'][number];

/* ---- Annual transparency report (Directive Art. 22 and Annex; docs/transparency.md) ---- */

type ReportAsDeclared = Answer<'getTransparencyReport'>;
type BoardAsDeclared = ReportAsDeclared['governance']['board'];
/**
 * Where the board the report shows comes from. The schema declares `submissionId` and
 * `period` optional; the server gives both exactly when the kind is board-package, which
 * this union says so that code may rely on it (each member is the declared type narrowed).
 */
export type ReportBoardSource =
  | (BoardAsDeclared['source'] & { kind: 'board-package'; submissionId: string; period: string })
  | (BoardAsDeclared['source'] & { kind: 'registry' | 'none' });
export type TransparencyReport = Omit<ReportAsDeclared, 'governance'> & {
  governance: Omit<ReportAsDeclared['governance'], 'board'> & { board: Omit<BoardAsDeclared, 'source'> & { source: ReportBoardSource } };
};
export type TransparencyFormat = NonNullable<Query<'getTransparencyReport'>['format']>;
/** Which quarters of the year a section's package type covers at the pinned head. */
export type ReportCoverage = TransparencyReport['revenue']['coverage'];
export type ReportSourceType = ReportCoverage['type'];
export const REPORT_SOURCE_TYPES = transparencyPackageTypes satisfies readonly ReportSourceType[];
/** One package type × quarter of the year at the head. */
export type ReportPackageState = TransparencyReport['completeness']['packages'][number];
export type ReportCurrencyAmount = TransparencyReport['revenue']['totals'][number];
export type ReportRevenueRow = TransparencyReport['revenue']['byCategoryAndUse'][number];
export type ReportDeductionRow = TransparencyReport['deductions']['byKindAndCategory'][number];
export type DeductionKind = ReportDeductionRow['kind'];
export type ReportManagementCosts = TransparencyReport['deductions']['managementCosts'][number];
export type ReportSocialCulturalLine = TransparencyReport['socialCultural']['lines'][number];
export type ReportHolderUse = TransparencyReport['rightsHolders']['byCategoryAndUse'][number];
export type ReportHolderTotals = TransparencyReport['rightsHolders']['totals'][number];
export type ReportPaymentDay = TransparencyReport['rightsHolders']['payments']['dates'][number];
export type ReportUndistributedItem = TransparencyReport['undistributed']['items'][number];
export type ReportTransferFlow = TransparencyReport['otherSocieties']['flows'][number];
export type ReportBoardMember = TransparencyReport['governance']['board']['members'][number];

/** The report as read (JSON) with what the response headers say about it (the dashboard's own). */
export interface LoadedTransparencyReport {
  report: TransparencyReport;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string | null;
}

/** A report file (JSON, CSV or PDF) to save, with its name and the SHA-256 of the JSON it renders (the dashboard's own). */
export interface TransparencyReportFile {
  blob: Blob;
  filename: string | null;
  sha256: string | null;
}

/* ---- Unclaimed money and claims (docs/statements.md) ---- */

export type Claim = Answer<'getClaim'>;
/** A claim's status (CONTRACT.md "Workflows"). */
export type ClaimStatus = Claim['status'];
/** The line of a later package that paid a claim. */
export type ClaimPayment = NonNullable<Claim['payment']>;
/** One change of a claim's status (the history is append-only). */
export type ClaimEvent = Claim['history'][number];
/** An unidentified committed line that may be the holder's: the name on it is the holder's, or its work is. */
export type UnclaimedLine = Answer<'listUnclaimedLines'>['items'][number];
/** The line claimed (its id, or `#<n>`) and a note for the society. */
export type NewClaim = Body<'createClaim'>;
/** The paying line of a later package. */
export type ClaimPaymentLine = Body<'recordClaimPayment'>;

/** The generated unions and the runtime lists above name the same values. */
export type RuntimeListsMatchApi = [
  Check<Same<(typeof CONSTITUENCIES)[number], Constituency>>,
  Check<Same<(typeof PACKAGE_TYPES)[number], PackageType>>,
  Check<Same<(typeof CATEGORIES)[number], MandateCategory>>,
  Check<Same<(typeof WORK_TYPES)[number], WorkType>>,
  Check<Same<(typeof SUBMISSION_STATUSES)[number], SubmissionStatus>>,
  Check<Same<(typeof AUDIT_STATUSES)[number], AuditStatus>>,
  Check<Same<(typeof REPORT_SOURCE_TYPES)[number], ReportSourceType>>,
];
