import type { FinancialYearEnd, NoticePolicy } from '../rules/notice.js';

/** A society's rules for ending mandates, with its financial-year end. */
export interface MandatePolicy extends NoticePolicy {
  societyId: string;
  fyEndMonth: number;
  fyEndDay: number;
  /** null while the society has recorded no policy (the defaults apply). */
  version: number | null;
  recordedAt: string | null;
  recordedBy: string | null;
}

export const financialYearEndOf = (p: MandatePolicy): FinancialYearEnd => ({ month: p.fyEndMonth, day: p.fyEndDay });
