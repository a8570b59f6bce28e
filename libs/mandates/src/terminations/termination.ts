import type { Mandate } from '../mandates/mandate.js';
import type { OptOutPolicy } from '../rules/opt-out.js';
import type { Category, WorkType } from '../rules/vocabulary.js';

/** A termination, withdrawal or opt-out as a rights holder (or an admin for them) asks for it. */
export interface TerminationRequest {
  /** The day notice is given (default: today, UTC). Not in the future; from a rights holder, not in the past either. */
  requestedOn?: string;
  /** A society or admin recording a notice received earlier: the day it was received (with `evidence`). */
  receivedOn?: string;
  /** Evidence of when the notice was received (a letter's reference, a registered-mail receipt). */
  evidence?: string;
  /** Only these categories (default: all the mandate covers). */
  categories?: Category[];
  /** Only these types of work (default: all the mandate covers). */
  workTypes?: WorkType[];
  /** Only these territories: country codes or ["WORLD"] (default: all the mandate covers). */
  territories?: string[];
  /** With territories ["WORLD"]: countries not withdrawn. */
  excludedTerritories?: string[];
}

/** What a termination decided, with its reasoning. */
export interface TerminationResult {
  mandateId: string;
  kind: 'whole' | 'partial';
  change: 'terminated' | 'withdrawn' | 'opted-out';
  requestedOn: string;
  /** The day the notice counts from: the day the society received it (for a holder's notice, the day the ledger recorded it). */
  receivedOn: string;
  /** Evidence of an earlier receipt, when the society or an admin recorded one. */
  evidence: string | null;
  noticeMonths: number;
  noticeExpiresOn: string;
  /** The last day the society manages what was withdrawn. */
  effectiveOn: string;
  alignedToFinancialYearEnd: boolean;
  financialYearEnd: { month: number; day: number };
  /** Directive Art. 5(5): money for uses up to and including this day stays due. */
  paymentsStayDueForUsesThrough: string;
  /** What was withdrawn: the territories (the mandate's category and work type). */
  withdrawn: { category: Category; workType: WorkType; territories: string[]; excludedTerritories: string[] };
  /** The mandate as it now stands (ending on the effective date). */
  mandate: Mandate;
  /** For a partial withdrawal: the new mandate for what was not withdrawn. */
  remainder: Mandate | null;
  /** For an opt-out: the jurisdiction's policy it followed, with its legal source. */
  optOutPolicy: OptOutPolicy | null;
}
