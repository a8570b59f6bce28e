import type { FinancialYearEnd, NoticePolicy } from '../rules/notice.js';
import type { OptOutPolicy } from '../rules/opt-out.js';
import type { Category } from '../rules/vocabulary.js';

/**
 * Days a society has to answer a rights holder's mandate request when its policy says
 * nothing. The Directive (Art. 5(2), 6(2)) asks for objective grounds and a written
 * refusal, and sets no time: 30 days is the ledger's default, a parameter.
 */
export const DEFAULT_RESPONSE_DAYS = 30;

/** A society's rules for mandates: ending them, the categories it manages, answering requests. */
export interface MandatePolicy extends NoticePolicy {
  societyId: string;
  /** The society's country: the jurisdiction of its opt-out policy. */
  country: string;
  fyEndMonth: number;
  fyEndDay: number;
  /** The categories of rights the society manages; a mandate outside them is refused. Default: all. */
  managedCategories: Category[];
  /** Days it takes to answer a mandate request (default 30; the law sets none). */
  responseDays: number;
  /** How an opt-out from its non-contractual management takes effect (by jurisdiction). */
  optOut: OptOutPolicy;
  /** null while the society has recorded no policy (the defaults apply). */
  version: number | null;
  recordedAt: string | null;
  recordedBy: string | null;
}

export const financialYearEndOf = (p: MandatePolicy): FinancialYearEnd => ({ month: p.fyEndMonth, day: p.fyEndDay });
