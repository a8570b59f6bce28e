import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../auth/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { assertMayChangeHoldersMandates, readableMandates, recordedBy } from '../access.js';
import type { Mandate } from '../mandates/mandate.js';
import { termsOf } from '../mandates/mandate-row.js';
import { MandatesRepository } from '../mandates/mandates.repository.js';
import { financialYearEndOf } from '../policies/mandate-policy.js';
import { MandatePoliciesRepository } from '../policies/mandate-policies.repository.js';
import { Clock } from '../../../config/src/index.js';
import { optOutNotice } from '../rules/opt-out.js';
import { planTermination, type WithdrawalScope } from '../rules/termination.js';
import { parseTerritorySet, territoryFields } from '../rules/territory-set.js';
import type { TerminationRequest, TerminationResult } from './termination.js';

/**
 * Ending mandates (Directive Art. 5(4)-(5)): the rights holder terminates a mandate it
 * gave, or withdraws some of it (then the mandate splits), or opts out of non-contractual
 * management. The society's notice (at most six months) and, if it so chooses, the end
 * of its financial year fix the effective date; uses until then stay paid for. Nothing
 * is overwritten: the end is a new version, the remainder a new mandate.
 */
@Injectable()
export class TerminationsService {
  constructor(
    private readonly db: DataSource,
    private readonly mandates: MandatesRepository,
    private readonly policies: MandatePoliciesRepository,
    private readonly clock: Clock,
  ) {}

  /** Terminates or partially withdraws a contractual mandate. */
  terminate(principal: Principal, mandateId: string, request: TerminationRequest): Promise<TerminationResult> {
    return this.end(principal, mandateId, request, 'contractual');
  }

  /** Opts out of a non-contractual mandate (management without consent); it ends like a termination. */
  optOut(principal: Principal, mandateId: string, request: TerminationRequest): Promise<TerminationResult> {
    return this.end(principal, mandateId, request, 'non-contractual');
  }

  private async end(principal: Principal, mandateId: string, request: TerminationRequest, basis: 'contractual' | 'non-contractual'): Promise<TerminationResult> {
    const found = await this.mandates.one(this.db, mandateId, readableMandates(principal), null);
    if (!found) throw DomainError.notFound('Mandate', mandateId);
    if (!(principal.role === 'society' && principal.societyId === found.societyId)) assertMayChangeHoldersMandates(principal, found.rightsHolderId);
    const scope = this.scopeOf(request);
    const { noticeOn: requestedOn, receivedOn, evidence } = noticeDate(principal, request, this.clock.today());

    return this.db.transaction(async (m) => {
      await this.mandates.lockHolders(m, [found.rightsHolderId]);
      // Re-read under the lock: another change may have been recorded meanwhile.
      const mandate = (await this.mandates.one(m, mandateId, {}, null))!;
      if (mandate.status === 'requested' || mandate.status === 'refused') {
        throw DomainError.conflict(`Mandate ${mandateId} is ${mandate.status}: only a mandate in force can be ended`, { mandateStatus: mandate.status });
      }
      if (mandate.basis !== basis) {
        throw new DomainError(
          'unprocessable',
          basis === 'contractual'
            ? 'This mandate is non-contractual (managed without the holder\'s consent): end it with POST /v1/mandates/{id}/opt-out'
            : 'This mandate is contractual: end it with POST /v1/mandates/{id}/termination',
        );
      }
      const societyPolicy = (await this.policies.current(m, mandate.societyId))!;
      // An opt-out from management without a mandate follows the society's jurisdiction (its source named); a termination, the society's notice.
      const policy = basis === 'non-contractual' ? optOutNotice(societyPolicy.optOut, societyPolicy) : societyPolicy;
      const plan = planTermination(termsOf(mandate), scope, requestedOn, policy, financialYearEndOf(societyPolicy));
      if (plan.kind === 'refused') {
        if (plan.reason === 'not-covered') throw new DomainError('unprocessable', `Nothing to withdraw: ${plan.message}`, plan.field ? [{ field: plan.field, message: plan.message }] : []);
        throw DomainError.conflict(`The mandate cannot be ended: ${plan.message}`, { validTo: mandate.validTo });
      }

      const now = await this.mandates.clock(m);
      const by = recordedBy(principal);
      const change = basis === 'non-contractual' ? 'opted-out' : plan.kind === 'whole' ? 'terminated' : 'withdrawn';
      const withdrawnSet = plan.kind === 'partial' ? plan.withdrawn : plan.ended.territories;
      const detail = {
        requestedOn,
        receivedOn,
        ...(evidence ? { evidence } : {}),
        ...(basis === 'non-contractual' ? { optOutPolicy: { jurisdiction: societyPolicy.optOut.jurisdiction, source: societyPolicy.optOut.source, confirmed: societyPolicy.optOut.confirmed } } : {}),
        noticeMonths: policy.noticeMonths,
        terminateAtFinancialYearEnd: policy.terminateAtFinancialYearEnd,
        noticeExpiresOn: plan.effective.noticeExpiresOn,
        effectiveOn: plan.effective.effectiveOn,
        previousValidTo: mandate.validTo,
        withdrawn: territoryFields(withdrawnSet),
      };
      const consent = mandate.consent ? { recordedAt: mandate.consent.recordedAt, recordedBy: mandate.consent.recordedBy, evidence: mandate.consent.evidence } : null;
      await this.mandates.insertVersion(m, {
        societyId: mandate.societyId,
        mandateId: mandate.id,
        version: mandate.version + 1,
        rightsHolderId: mandate.rightsHolderId,
        terms: plan.ended,
        consent,
        change,
        changeDetail: { ...detail, ...(plan.kind === 'partial' ? { kind: 'partial' } : { kind: 'whole' }) },
        recordedAt: now,
        recordedBy: by,
      });
      let remainder: Mandate | null = null;
      if (plan.kind === 'partial') {
        const id = await this.mandates.insertMandate(m, { societyId: mandate.societyId, rightsHolderId: mandate.rightsHolderId, externalId: null, splitFrom: mandate.id, createdAt: now });
        await this.mandates.insertVersion(m, {
          societyId: mandate.societyId,
          mandateId: id,
          version: 1,
          rightsHolderId: mandate.rightsHolderId,
          terms: plan.remainder,
          consent,
          change: 'split-off',
          changeDetail: { splitFrom: mandate.id, ...detail },
          recordedAt: now,
          recordedBy: by,
        });
        remainder = (await this.mandates.one(m, id, {}, null))!;
      }
      return {
        mandateId: mandate.id,
        kind: plan.kind,
        change,
        requestedOn,
        receivedOn,
        evidence,
        noticeMonths: policy.noticeMonths,
        noticeExpiresOn: plan.effective.noticeExpiresOn,
        effectiveOn: plan.effective.effectiveOn,
        alignedToFinancialYearEnd: plan.effective.alignedToFinancialYearEnd,
        financialYearEnd: financialYearEndOf(societyPolicy),
        paymentsStayDueForUsesThrough: plan.effective.effectiveOn,
        withdrawn: { category: mandate.category, workType: mandate.workType, ...territoryFields(withdrawnSet) },
        mandate: (await this.mandates.one(m, mandate.id, {}, null))!,
        remainder,
        optOutPolicy: basis === 'non-contractual' ? societyPolicy.optOut : null,
      };
    });
  }

  private scopeOf(request: TerminationRequest): WithdrawalScope {
    const scope: WithdrawalScope = {};
    if (request.categories) scope.categories = request.categories;
    if (request.workTypes) scope.workTypes = request.workTypes;
    if (request.territories !== undefined || request.excludedTerritories !== undefined) {
      const parsed = parseTerritorySet(request.territories, request.excludedTerritories);
      if (!parsed.ok) throw DomainError.validation('The territories to withdraw are invalid', parsed.problems);
      scope.territories = parsed.value;
    }
    return scope;
  }
}

/**
 * The day a notice counts from (RULES.md: a notice takes effect from when the society
 * receives it). A rights holder's notice is received when the ledger records it: today;
 * an earlier date from a holder is refused, naming the field. A society (its own
 * mandates) or an admin may record a notice it received earlier, with `receivedOn` and
 * the `evidence` of receipt. No notice is dated after today.
 */
export function noticeDate(principal: Principal, request: TerminationRequest, today: string): { noticeOn: string; receivedOn: string; evidence: string | null } {
  const field = request.receivedOn !== undefined ? 'receivedOn' : 'requestedOn';
  const given = request.receivedOn ?? request.requestedOn ?? today;
  const evidence = typeof request.evidence === 'string' && request.evidence.trim() !== '' ? request.evidence.trim() : null;
  if (given > today) throw DomainError.validation('Notice cannot be dated in the future', [{ field, message: `must not be after today (${today})` }]);
  if (given < today) {
    if (principal.role === 'rights-holder') {
      throw DomainError.validation("A rights holder's notice counts from the day the ledger records it", [
        { field, message: `must not be before today (${today}); a notice the society received earlier is recorded by the society or an admin, with evidence` },
      ]);
    }
    if (evidence === null) {
      throw DomainError.validation('A notice received earlier is recorded with the evidence of its receipt', [{ field: 'evidence', message: `is required when ${field} (${given}) is before today` }]);
    }
  }
  return { noticeOn: given, receivedOn: given, evidence };
}
