import { Injectable } from '@nestjs/common';
import { type Principal, canReadSociety } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { financialYear } from '../../ledger/src/index.js';
import { addMonths } from '../../mandates/src/index.js';
import { type DistributedLine, type ReportedLine, WorkMoneyRepository } from './work-money.repository.js';
import { DEFAULT_SHARE_TOLERANCE_POINTS, type ShareComparison, compareShares } from './shares.js';

/** Months after the financial year's end by which its money is distributed and paid (Directive 2014/26/EU Art. 13(1)). */
export const DISTRIBUTION_DEADLINE_MONTHS = 9;
/** How many reported and distributed lines the answer lists (the totals count them all). */
export const WORK_MONEY_LINE_LIMIT = 200;

export interface WorkMoney {
  workId: string;
  societyId: string;
  iswc: string | null;
  title: string;
  financialYear: number;
  from: string;
  to: string;
  /** The year's end plus 9 months (Art. 13(1)). */
  distributeBy: string;
  isrcs: string[];
  reported: { totals: { currency: string; amount: string; usages: string; lines: number }[]; lines: ReportedLine[]; linesTotal: number };
  distributed: { totals: { currency: string; gross: string; net: string; paidNet: string; lines: number }[]; lines: DistributedLine[]; linesTotal: number };
  tolerancePoints: string;
  shares: ShareComparison[];
}

const TOLERANCE = /^(0|[1-9][0-9]?)(\.[0-9]{1,4})?$|^100(\.0{1,4})?$/;

/**
 * Follows a work's money for a financial year (issue 16 item 3, CONTRACT.md "Industry
 * formats and works"): what the platforms reported for it (DSR packages of the quarters
 * ending in the year: the licence income collected in it), the distribution lines that
 * pay it, and per holder and right the register's share against the share of the
 * distributed money. A society reads its own works; admins and regulators any.
 */
@Injectable()
export class WorkMoneyService {
  constructor(private readonly repository: WorkMoneyRepository) {}

  async money(p: Principal, workId: string, query: { financialYear: number; tolerancePoints?: string }): Promise<WorkMoney> {
    const work = await this.repository.work(workId);
    if (!work || !canReadSociety(p, work.societyId)) throw new DomainError('not-found', `Work ${workId} was not found`, [{ field: 'id', message: 'is not a work you may read' }]);
    const year = query.financialYear;
    if (!Number.isInteger(year) || year < 1900 || year > 9999) throw DomainError.validation('financialYear is not a year', [{ field: 'financialYear', message: 'must be a whole year (YYYY), 1900 to 9999' }]);
    const tolerance = query.tolerancePoints ?? DEFAULT_SHARE_TOLERANCE_POINTS;
    if (!TOLERANCE.test(tolerance)) throw DomainError.validation('tolerancePoints is not a number of percentage points', [{ field: 'tolerancePoints', message: 'must be a decimal from 0 to 100 with at most 4 fraction digits (percentage points)' }]);
    const fy = financialYear(year, work.fyEndMonth, work.fyEndDay);
    const isrcs = await this.repository.isrcs(work);
    const [reportedLines, reportedTotals, periods, registered] = await Promise.all([
      this.repository.reported(work, isrcs, fy, WORK_MONEY_LINE_LIMIT),
      this.repository.reportedTotals(work, isrcs, fy),
      this.repository.reportedPeriods(work, isrcs, fy),
      this.repository.registeredShares(work),
    ]);
    const [distributedLines, distributedTotals, distributedShares] = await Promise.all([
      this.repository.distributed(work, fy, periods, WORK_MONEY_LINE_LIMIT),
      this.repository.distributedTotals(work, fy, periods),
      this.repository.distributedShares(work, fy, periods),
    ]);
    return {
      workId: work.id,
      societyId: work.societyId,
      iswc: work.iswc,
      title: work.title,
      financialYear: year,
      from: fy.from,
      to: fy.to,
      distributeBy: addMonths(fy.to, DISTRIBUTION_DEADLINE_MONTHS),
      isrcs,
      reported: { totals: reportedTotals, lines: reportedLines, linesTotal: reportedTotals.reduce((n, t) => n + t.lines, 0) },
      distributed: { totals: distributedTotals, lines: distributedLines, linesTotal: distributedTotals.reduce((n, t) => n + t.lines, 0) },
      tolerancePoints: tolerance,
      shares: compareShares(registered, distributedShares, tolerance),
    };
  }
}
