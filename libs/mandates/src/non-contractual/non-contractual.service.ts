import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/src/index.js';
import { financialYear as financialYearOf } from '../../../ledger/src/financial-year.js';
import { SocietiesService } from '../../../registry/src/index.js';
import { todayUtc } from '../rules/dates.js';
import { type HolderCounts, type MoneyRow, NonContractualRepository, type ShareRow, type VerifiedShareRow } from './non-contractual.repository.js';

export interface NonContractualReport {
  societyId: string;
  /** The day the mandate counts refer to. */
  at: string;
  /** Rights holders with a mandate valid on `at`: how many are managed without one they gave. */
  rightsHolders: HolderCounts;
  /** Identified rights holders on committed distribution lines: how many were paid under non-contractual management. */
  paidRightsHolders: HolderCounts;
  /** Gross distributed on committed lines per currency: under non-contractual management, and in total. */
  money: MoneyRow[];
  /** The society's financial year the shares cover (lines whose use ended in it); null: every committed line. */
  financialYear: { year: number; from: string; to: string } | null;
  /** Non-contractual money per currency as the society labelled its lines (`mandate_basis`). */
  declared: ShareRow[];
  /** Non-contractual money per currency as the mandate register says (each line's status derived when its package committed). */
  verified: VerifiedShareRow[];
}

/**
 * Makes non-contractual management visible (RULES.md, Art. 5): for one society, how many
 * rights holders and how much of the money it manages without their mandate.
 */
@Injectable()
export class NonContractualService {
  constructor(
    private readonly figures: NonContractualRepository,
    private readonly societies: SocietiesService,
  ) {}

  async report(principal: Principal, societyId: string, at?: string, financialYear?: number): Promise<NonContractualReport> {
    const society = await this.societies.assertReadable(principal, societyId);
    const day = at ?? todayUtc();
    const fy = financialYear === undefined ? null : financialYearOf(financialYear, society.fyEndMonth, society.fyEndDay);
    const [rightsHolders, paidRightsHolders, money, shares] = await Promise.all([
      this.figures.holdersOnMandates(societyId, day),
      this.figures.holdersOnLines(societyId),
      this.figures.money(societyId),
      this.figures.shares(societyId, fy?.from ?? null, fy?.to ?? null),
    ]);
    return { societyId, at: day, rightsHolders, paidRightsHolders, money, financialYear: fy, ...shares };
  }
}
