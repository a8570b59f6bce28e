import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/src/index.js';
import { SocietiesService } from '../../../registry/src/index.js';
import { todayUtc } from '../rules/dates.js';
import { type HolderCounts, type MoneyRow, NonContractualRepository } from './non-contractual.repository.js';

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

  async report(principal: Principal, societyId: string, at?: string): Promise<NonContractualReport> {
    await this.societies.assertReadable(principal, societyId);
    const day = at ?? todayUtc();
    const [rightsHolders, paidRightsHolders, money] = await Promise.all([
      this.figures.holdersOnMandates(societyId, day),
      this.figures.holdersOnLines(societyId),
      this.figures.money(societyId),
    ]);
    return { societyId, at: day, rightsHolders, paidRightsHolders, money };
  }
}
