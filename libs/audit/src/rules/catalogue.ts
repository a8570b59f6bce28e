/**
 * The rule catalogue: every rule an audit may run, in the order reports list them
 * (payouts, then governance). Rule ids are stable: reports and jurisdiction parameters
 * name them.
 */
import { accreditation } from './governance-accreditation.js';
import { boardRepresentation } from './governance-board.js';
import { boardDeclarations, boardMemberLicensee, boardSelfDealing } from './governance-board-conflicts.js';
import { nonContractualManagement, postTerminationActivity } from './governance-mandates.js';
import { mandateDeclaredWithoutMandate, mandateEntrustedElsewhere } from './governance-mandate-status.js';
import { transparencyReport } from './governance-transparency.js';
import { logConsistency } from './governance-log-consistency.js';
import { conservation } from './payout-conservation.js';
import { managementCostRatio, socialCulturalDeductions } from './payout-deductions.js';
import { distributionDeadline } from './payout-distribution-deadline.js';
import { foreignShare } from './payout-foreign.js';
import { interSocietyOnward, interSocietyTransfer } from './payout-inter-society.js';
import { interSocietyMatching } from './payout-inter-society-matching.js';
import { accreditationCategories, mandateRequestsAnswered } from './governance-mandate-requests.js';
import { outstanding } from './payout-outstanding.js';
import { undistributedOver3Years } from './payout-undistributed.js';
import { claimsAnswered } from './payout-claims-answered.js';
import { registeredShares, reportedMoneyDistributed, unregisteredWorks } from './payout-works-money.js';
import type { AuditRule } from './rule.js';

export const CATALOGUE: readonly AuditRule[] = [
  distributionDeadline,
  outstanding,
  undistributedOver3Years,
  claimsAnswered,
  managementCostRatio,
  socialCulturalDeductions,
  conservation,
  interSocietyTransfer,
  interSocietyOnward,
  interSocietyMatching,
  foreignShare,
  reportedMoneyDistributed,
  registeredShares,
  unregisteredWorks,
  boardRepresentation,
  boardDeclarations,
  boardMemberLicensee,
  boardSelfDealing,
  accreditation,
  accreditationCategories,
  nonContractualManagement,
  mandateDeclaredWithoutMandate,
  mandateEntrustedElsewhere,
  postTerminationActivity,
  mandateRequestsAnswered,
  transparencyReport,
  logConsistency,
];

export const RULE_IDS: readonly string[] = CATALOGUE.map((r) => r.id);

export function findRule(id: string): AuditRule | undefined {
  return CATALOGUE.find((r) => r.id === id);
}

/**
 * The rules asked for, in catalogue order (every rule when none is named). Throws a
 * RangeError naming each unknown id and its position; the service turns it into a 400.
 */
export function selectRules(ids: readonly string[] | undefined): AuditRule[] {
  if (ids === undefined) return [...CATALOGUE];
  const unknown = ids.map((id, i) => ({ id, i })).filter(({ id }) => !findRule(id));
  if (unknown.length > 0) throw new UnknownRulesError(unknown);
  return CATALOGUE.filter((r) => ids.includes(r.id));
}

export class UnknownRulesError extends RangeError {
  constructor(readonly unknown: { id: string; i: number }[]) {
    super(`unknown audit rule(s): ${unknown.map((u) => u.id).join(', ')}`);
  }
}
