/**
 * Following a work's money (issue 16 item 3): what platforms reported for a work in a
 * financial year (DSR licence income), the lines distributed for it, and each holder's
 * registered share against the share paid. See docs/dsr.md "Following the money".
 */
export { WorksMoneyModule } from './works-money.module.js';
export { DISTRIBUTION_DEADLINE_MONTHS, WORK_MONEY_LINE_LIMIT, WorkMoneyService, type WorkMoney } from './work-money.service.js';
export type { DistributedLine, ReportedLine } from './work-money.repository.js';
export { CATEGORY_RIGHTS, DEFAULT_SHARE_TOLERANCE_POINTS, RIGHT_NAMES, compareShares, type CwrRight, type DistributedShare, type RegisteredShare, type ShareComparison } from './shares.js';
