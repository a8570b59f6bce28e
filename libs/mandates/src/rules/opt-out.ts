import type { NoticePolicy } from './notice.js';

/**
 * How a rights holder's opt-out from non-contractual management (management under an
 * accreditation, without their mandate) takes effect, per jurisdiction of the society.
 * The Directive does not cover management without a mandate; each entry names its source.
 */
export interface OptOutPolicy {
  /** ISO 3166-1 alpha-2 of the society's country, or `default`. */
  jurisdiction: string;
  /** Months from the day the society receives the notice; null: the society's own notice policy applies. */
  noticeMonths: number | null;
  /** Whether the opt-out waits for the society's financial-year end (null with noticeMonths null: as the notice policy says). */
  atFinancialYearEnd: boolean | null;
  source: string;
  /** False when the project could not check the legal text: the figure is a parameter to confirm. */
  confirmed: boolean;
  note: string;
}

/**
 * Per-jurisdiction opt-out policies. RU: Civil Code of the Russian Federation Part IV
 * Art. 1244(3) lets a rights holder who gave an accredited society no mandate refuse its
 * management, wholly or in part, by written notice to it. Its exact text (in particular
 * when the refusal takes effect) could not be confirmed from any source the project could
 * consult on 2026-12-07, so the three months after receipt used here is a parameter, not
 * a quotation: change it here when the text is checked.
 */
export const OPT_OUT_POLICIES: Readonly<Record<string, OptOutPolicy>> = {
  RU: {
    jurisdiction: 'RU',
    noticeMonths: 3,
    atFinancialYearEnd: false,
    source: 'Civil Code of the Russian Federation Part IV Art. 1244(3)',
    confirmed: false,
    note: 'A rights holder without a contract with the accredited society may refuse its management, wholly or in part, by written notice. The text could not be confirmed: the 3 months after receipt is a parameter to check against the Code.',
  },
};

export const DEFAULT_OPT_OUT_POLICY: OptOutPolicy = {
  jurisdiction: 'default',
  noticeMonths: null,
  atFinancialYearEnd: null,
  source: 'Directive 2014/26/EU Art. 5(4) (applied to management without a mandate for want of a national rule)',
  confirmed: true,
  note: "No national rule is recorded for this jurisdiction: an opt-out ends management like a termination, after the society's notice (at most 6 months).",
};

/** The opt-out policy of a society in `country`. */
export function optOutPolicyFor(country: string): OptOutPolicy {
  return OPT_OUT_POLICIES[country.toUpperCase()] ?? DEFAULT_OPT_OUT_POLICY;
}

/** The notice an opt-out is given under: the jurisdiction's, or the society's own when the jurisdiction sets none. */
export function optOutNotice(policy: OptOutPolicy, societyNotice: NoticePolicy): NoticePolicy {
  if (policy.noticeMonths === null) return societyNotice;
  return { noticeMonths: policy.noticeMonths, terminateAtFinancialYearEnd: policy.atFinancialYearEnd ?? false };
}
