import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal, canReadSociety } from '../../../auth/src/index.js';
import { DomainError } from '../../../errors/src/index.js';
import { recordedBy } from '../access.js';
import { explainNoticePolicy, type NoticePolicy } from '../rules/notice.js';
import { CATEGORIES, type Category, isCategory } from '../rules/vocabulary.js';
import type { FieldProblem } from '../rules/territory-set.js';
import type { MandatePolicy } from './mandate-policy.js';
import { MandatePoliciesRepository } from './mandate-policies.repository.js';

/** A new policy: the notice, and optionally the categories managed and the days to answer requests (absent: unchanged). */
export interface MandatePolicyInput extends NoticePolicy {
  managedCategories?: Category[];
  responseDays?: number;
}

/**
 * Each society's mandate policy: its notice for ending mandates (Directive Art. 5(4): at
 * most six months, optionally effective only at the end of its financial year), the
 * categories of rights it manages (a mandate outside them is refused) and the days it
 * takes to answer a rights holder's request (the law sets none; default 30). Without a
 * recorded policy the Directive's outer limits apply (six months, at year end), all
 * categories, 30 days. An admin or the society itself sets it; a new setting applies from
 * then on. Anyone may read it: rights holders choose a society by it.
 */
@Injectable()
export class MandatePoliciesService {
  constructor(
    private readonly db: DataSource,
    private readonly policies: MandatePoliciesRepository,
  ) {}

  async get(principal: Principal, societyId: string): Promise<MandatePolicy> {
    if (principal.role !== 'rights-holder' && !canReadSociety(principal, societyId)) throw DomainError.notFound('Society', societyId);
    const policy = await this.policies.current(this.db, societyId);
    if (!policy) throw DomainError.notFound('Society', societyId);
    return policy;
  }

  async set(principal: Principal, societyId: string, policy: MandatePolicyInput): Promise<MandatePolicy> {
    const mayWrite = principal.role === 'admin' || (principal.role === 'society' && principal.societyId === societyId);
    if (!mayWrite) throw DomainError.notFound('Society', societyId);
    const problems: FieldProblem[] = [...explainNoticePolicy(policy), ...explainScope(policy)];
    if (problems.length > 0) throw DomainError.validation('The mandate policy is invalid', problems);
    return this.db.transaction(async (m) => {
      const current = await this.policies.current(m, societyId);
      if (!current) throw DomainError.notFound('Society', societyId);
      const categories = policy.managedCategories ?? current.managedCategories;
      await this.policies.record(
        m,
        societyId,
        {
          noticeMonths: policy.noticeMonths,
          terminateAtFinancialYearEnd: policy.terminateAtFinancialYearEnd,
          managedCategories: categories.length === CATEGORIES.length ? null : CATEGORIES.filter((c) => categories.includes(c)),
          responseDays: policy.responseDays ?? (current.version === null ? null : current.responseDays),
        },
        recordedBy(principal),
      );
      return (await this.policies.current(m, societyId))!;
    });
  }
}

function explainScope(p: MandatePolicyInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (p.managedCategories !== undefined) {
    if (!Array.isArray(p.managedCategories) || p.managedCategories.length === 0) problems.push({ field: 'managedCategories', message: 'must list at least one category' });
    else {
      p.managedCategories.forEach((c, i) => {
        if (!isCategory(c)) problems.push({ field: `managedCategories[${i}]`, message: `must be one of: ${CATEGORIES.join(', ')}` });
      });
      if (new Set(p.managedCategories).size !== p.managedCategories.length) problems.push({ field: 'managedCategories', message: 'names a category twice' });
    }
  }
  if (p.responseDays !== undefined && (!Number.isInteger(p.responseDays) || p.responseDays < 1 || p.responseDays > 366)) {
    problems.push({ field: 'responseDays', message: 'must be a whole number of days from 1 to 366' });
  }
  return problems;
}
