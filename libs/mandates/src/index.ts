/**
 * Mandates: which society a rights holder entrusted (or that manages without consent)
 * which category of rights, type of work, territories and period (Directive Art. 5).
 * The rules are pure functions (./rules); the Nest services persist mandates as an
 * append-only, bitemporal history.
 */
export { CATEGORIES, WORK_TYPES, BASES, isCategory, isWorkType, isBasis } from './rules/vocabulary.js';
export type { Category, WorkType, Basis } from './rules/vocabulary.js';
export { addDays, addMonths, financialYearEndIn, financialYearEndOnOrAfter, isIsoDate, toDayNumber, todayUtc } from './rules/dates.js';
export type { Period } from './rules/period.js';
export { intersectPeriods, isEmptyPeriod, periodContains } from './rules/period.js';
export {
  countries,
  worldExcept,
  coversCountry,
  intersectTerritories,
  subtractTerritories,
  territoriesEqual,
  isEmptyTerritorySet,
  parseTerritorySet,
  territoryFields,
  describeTerritories,
} from './rules/territory-set.js';
export type { TerritorySet, FieldProblem } from './rules/territory-set.js';
export type { MandateTerms, IdentifiedTerms } from './rules/terms.js';
export { findConflicts, overlapOf } from './rules/conflicts.js';
export type { Conflict, Overlap } from './rules/conflicts.js';
export { DEFAULT_NOTICE_POLICY, MAX_NOTICE_MONTHS, effectiveEndDate, explainNoticeMonths, explainNoticePolicy } from './rules/notice.js';
export type { EffectiveDate, FinancialYearEnd, NoticePolicy } from './rules/notice.js';
export { planTermination } from './rules/termination.js';
export type { TerminationPlan, WithdrawalScope } from './rules/termination.js';
export { whoManages } from './rules/who-manages.js';
export type { WhoManagesQuery } from './rules/who-manages.js';
export { API_FIELD_NAMES, parseMandateTerms } from './rules/parse-terms.js';
export type { RawMandateTerms, TermFieldNames } from './rules/parse-terms.js';
export { explainKnownAt, knownAtMoment } from './rules/dates.js';

// Nest services (persistence, access); the rules above are pure.
export { MandatesModule } from './mandates.module.js';
export { MandatesService } from './mandates/mandates.service.js';
export type { BulkMandateRow, BulkRecordResult, CreateMandateInput, SliceQuery, WhoManagesAnswer, WhoManagesInput } from './mandates/mandates.service.js';
export { MANDATE_CHANGES, MANDATE_STATUSES } from './mandates/mandate.js';
export type { Consent, Mandate, MandateChange, MandateStatus } from './mandates/mandate.js';
export { TerminationsService } from './terminations/terminations.service.js';
export type { TerminationRequest, TerminationResult } from './terminations/termination.js';
export { MandatePoliciesService } from './policies/mandate-policies.service.js';
export type { MandatePolicyInput } from './policies/mandate-policies.service.js';
export { DEFAULT_RESPONSE_DAYS } from './policies/mandate-policy.js';
export { DEFAULT_OPT_OUT_POLICY, OPT_OUT_POLICIES, optOutNotice, optOutPolicyFor } from './rules/opt-out.js';
export type { OptOutPolicy } from './rules/opt-out.js';
export type { MandatePolicy } from './policies/mandate-policy.js';
export { NonContractualService } from './non-contractual/non-contractual.service.js';
export type { NonContractualReport } from './non-contractual/non-contractual.service.js';

// The mandate status of distribution lines, derived from the register (issue 14).
export { LINE_MANDATE_STATUSES, isLineMandateStatus, mandateStatusSql, statusJoinSql, statusOfUnlistedSql } from './derivation/mandate-status-sql.js';
export type { LineMandateStatus, StatusSqlOptions } from './derivation/mandate-status-sql.js';
