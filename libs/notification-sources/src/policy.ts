/**
 * The numbers the daily due-events job works with. The legal deadlines come from the
 * audit rules' parameters of each society's jurisdiction (Art. 13(1): distribution
 * within 9 months of the financial year's end; Art. 22(1): the transparency report
 * within 8 months); the rest is this ledger's policy, since no law sets it, and each
 * says so.
 */

/** A quarter's packages are due this many days after the quarter ends. A policy of this ledger: the Directive sets no date for reporting to it. */
export const PACKAGE_DUE_DAYS = 30;

/** `deadline.approaching` is raised once a deadline is this many days away or nearer. A policy of this ledger (no law sets it). */
export const DEADLINE_WARNING_DAYS = 30;

/** For the answer to a mandate request (due by the society's own policy, default 30 days), the warning comes this many days before. A policy of this ledger. */
export const MANDATE_ANSWER_WARNING_DAYS = 7;

/** `notice.effective-soon` is raised once a termination, withdrawal or opt-out takes effect within this many days. A policy of this ledger. */
export const NOTICE_WARNING_DAYS = 30;

/** The audit rules whose parameters give the legal deadlines, and the parameter each is read from. */
export const DISTRIBUTION_RULE = { id: 'payout.distribution-deadline', months: 'monthsAfterYearEnd', fallback: 9 } as const;
export const TRANSPARENCY_RULE = { id: 'governance.transparency-report', months: 'monthsAfterYearEnd', types: 'requiredTypes', fallbackMonths: 8, fallbackTypes: ['income', 'deductions', 'distribution-lines'] } as const;
