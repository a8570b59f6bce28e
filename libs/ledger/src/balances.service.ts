import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { SocietiesService, type Society } from '../../registry/src/index.js';
import { type AccountBalance, BalancesRepository, type CategoryFlows } from './balances.repository.js';
import { financialYear } from './financial-year.js';

export interface Balances {
  societyId: string;
  asOf: string;
  balances: AccountBalance[];
}

export interface Reconciliation {
  societyId: string;
  financialYear: number;
  from: string;
  to: string;
  /** Per category and currency: collected = deductions + distributed + toOtherSocieties + undistributed + difference. */
  categories: CategoryFlows[];
  /** Every category and currency whose difference is not zero. */
  differences: { category: string; currency: string; difference: string }[];
  /** True when there is no difference. */
  balanced: boolean;
}

/**
 * Reads a society's journal: balances as of a date, and the conservation check of a
 * financial year. For the society itself, regulators and admins (rights holders read
 * their own statements elsewhere).
 */
@Injectable()
export class BalancesService {
  constructor(
    private readonly journal: BalancesRepository,
    private readonly societies: SocietiesService,
  ) {}

  /** Balances from the entries dated on or before `asOf` (default: today, UTC). */
  async balances(p: Principal, societyId: string, asOf: string = new Date().toISOString().slice(0, 10)): Promise<Balances> {
    await this.society(p, societyId);
    return { societyId, asOf, balances: await this.journal.balances(societyId, asOf) };
  }

  async reconciliation(p: Principal, societyId: string, year: number | undefined): Promise<Reconciliation> {
    const society = await this.society(p, societyId);
    if (year === undefined) {
      throw DomainError.validation('The financial year is required', [{ field: 'financialYear', message: 'is required (YYYY, the calendar year the financial year ends in)' }]);
    }
    const fy = financialYear(year, society.fyEndMonth, society.fyEndDay);
    const categories = await this.journal.flows(societyId, fy.from, fy.to);
    const differences = categories.filter((c) => c.difference !== '0').map(({ category, currency, difference }) => ({ category, currency, difference }));
    return { societyId, financialYear: year, from: fy.from, to: fy.to, categories, differences, balanced: differences.length === 0 };
  }

  private async society(p: Principal, societyId: string): Promise<Society> {
    if (p.role === 'rights-holder') throw DomainError.notFound('Society', societyId);
    return this.societies.assertReadable(p, societyId);
  }
}
