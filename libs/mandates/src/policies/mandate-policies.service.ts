import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal, canReadSociety } from '../../../auth/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { recordedBy } from '../access.js';
import { explainNoticePolicy, type NoticePolicy } from '../rules/notice.js';
import type { MandatePolicy } from './mandate-policy.js';
import { MandatePoliciesRepository } from './mandate-policies.repository.js';

/**
 * Each society's notice policy (Directive Art. 5(4)): at most six months' notice, and
 * optionally effect only at the end of its financial year. Without a recorded policy the
 * Directive's outer limits apply (six months, at year end). An admin or the society
 * itself sets it; a new setting applies to notices given from then on.
 */
@Injectable()
export class MandatePoliciesService {
  constructor(
    private readonly db: DataSource,
    private readonly policies: MandatePoliciesRepository,
  ) {}

  async get(principal: Principal, societyId: string): Promise<MandatePolicy> {
    if (!canReadSociety(principal, societyId)) throw DomainError.notFound('Society', societyId);
    const policy = await this.policies.current(this.db, societyId);
    if (!policy) throw DomainError.notFound('Society', societyId);
    return policy;
  }

  async set(principal: Principal, societyId: string, policy: NoticePolicy): Promise<MandatePolicy> {
    const mayWrite = principal.role === 'admin' || (principal.role === 'society' && principal.societyId === societyId);
    if (!mayWrite) throw DomainError.notFound('Society', societyId);
    const problems = explainNoticePolicy(policy);
    if (problems.length > 0) throw DomainError.validation('The mandate policy is invalid', problems);
    return this.db.transaction(async (m) => {
      if (!(await this.policies.current(m, societyId))) throw DomainError.notFound('Society', societyId);
      await this.policies.record(m, societyId, policy, recordedBy(principal));
      return (await this.policies.current(m, societyId))!;
    });
  }
}
