import { addMonths, financialYearEndOnOrAfter, isIsoDate } from './dates.js';
import type { FieldProblem } from './territory-set.js';

/** Directive Art. 5(4): the notice a society may ask for is at most six months. */
export const MAX_NOTICE_MONTHS = 6;

/**
 * How a society lets mandates end: the notice it asks for, in months (0-6), and whether
 * a termination takes effect only at the end of its financial year.
 */
export interface NoticePolicy {
  noticeMonths: number;
  terminateAtFinancialYearEnd: boolean;
}

/** When a society has recorded no policy: the longest notice the Directive allows, at financial-year end. */
export const DEFAULT_NOTICE_POLICY: NoticePolicy = { noticeMonths: MAX_NOTICE_MONTHS, terminateAtFinancialYearEnd: true };

/** The society's financial year ends on this month and day every year (29 Feb: 28 Feb in common years). */
export interface FinancialYearEnd {
  month: number;
  day: number;
}

/** Why `value` is not a notice period a society may ask for, or null. */
export function explainNoticeMonths(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return `must be a whole number of months from 0 to ${MAX_NOTICE_MONTHS}`;
  if (value > MAX_NOTICE_MONTHS) return `must not exceed ${MAX_NOTICE_MONTHS}: the Directive (Art. 5(4)) allows at most six months' notice`;
  return null;
}

export function explainNoticePolicy(p: { noticeMonths: unknown; terminateAtFinancialYearEnd: unknown }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const months = explainNoticeMonths(p.noticeMonths);
  if (months !== null) problems.push({ field: 'noticeMonths', message: months });
  if (typeof p.terminateAtFinancialYearEnd !== 'boolean') problems.push({ field: 'terminateAtFinancialYearEnd', message: 'must be true or false' });
  return problems;
}

/** How an effective date was reached, so a response can show its reasoning. */
export interface EffectiveDate {
  /** The day notice was given. */
  requestedOn: string;
  /** `requestedOn` plus the notice months: the earliest the mandate may end. */
  noticeExpiresOn: string;
  /** The last day the society manages the rights (inclusive). */
  effectiveOn: string;
  /** True when the date was moved to the end of the society's financial year. */
  alignedToFinancialYearEnd: boolean;
}

/**
 * The last day of management after notice given on `requestedOn` (Art. 5(4)): the notice
 * period's end, or, when the society so chooses, the first end of its financial year on
 * or after it. Uses before and on that day stay the society's to pay for (Art. 5(5)).
 */
export function effectiveEndDate(requestedOn: string, policy: NoticePolicy, fyEnd: FinancialYearEnd): EffectiveDate {
  if (!isIsoDate(requestedOn)) throw new RangeError(`requestedOn ${requestedOn} is not a calendar date`);
  if (!Number.isInteger(policy.noticeMonths) || policy.noticeMonths < 0 || policy.noticeMonths > MAX_NOTICE_MONTHS) {
    throw new RangeError(`noticeMonths ${policy.noticeMonths} is outside 0..${MAX_NOTICE_MONTHS}`);
  }
  const noticeExpiresOn = addMonths(requestedOn, policy.noticeMonths);
  if (!policy.terminateAtFinancialYearEnd) return { requestedOn, noticeExpiresOn, effectiveOn: noticeExpiresOn, alignedToFinancialYearEnd: false };
  const effectiveOn = financialYearEndOnOrAfter(noticeExpiresOn, fyEnd.month, fyEnd.day);
  return { requestedOn, noticeExpiresOn, effectiveOn, alignedToFinancialYearEnd: effectiveOn !== noticeExpiresOn };
}
