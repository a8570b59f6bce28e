import { Injectable } from '@nestjs/common';
import { ApportionmentInputError, type ApportionmentMethod } from '../../apportionment/src/index.js';
import type { Principal } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { SocietiesService } from '../../registry/src/index.js';
import { type AttributedMoney, type MoneyTotals, addAttributed, currencyMinorUnits, moneyTotals, splitAttributed } from './attributed.js';
import { type BoardOnDate, type BoardSource, BoardSeatsRepository } from './board-seats.repository.js';
import { type Constituency, constituenciesOf } from './constituencies.js';
import { type Entitlement, computeEntitlement } from './entitlement.js';
import {
  type DateWindow,
  type FinancialYearEnd,
  financialYear,
  financialYearEndDate,
  latestFinancialYearEndingBy,
  lookbackWindowOfYear,
} from './financial-years.js';
import { type AmountBasis, MarketShareRepository } from './market-share.repository.js';
import { GovernanceSettingsService } from './settings/governance-settings.service.js';
import { resolveWindow, todayUtc } from './windows.js';

export const MAX_HISTORY_YEARS = 20;

export interface EntitlementQuery {
  method?: ApportionmentMethod;
  from?: string;
  to?: string;
  /** Financial years of history (0 to 20, default 0). */
  history?: number;
  amount?: AmountBasis;
}

/** The entitlement computed over one window, with the board seated on its last day. */
export interface EntitlementSnapshot extends Entitlement {
  window: DateWindow;
  /** The day the actual board is read on (the window's last day). */
  asOf: string;
  /** Where the actual board was read from. */
  board: BoardSource;
  totals: MoneyTotals;
}

export interface HistoricalEntitlement extends EntitlementSnapshot {
  /** The financial year (named after the calendar year it ends in) the window ends with. */
  financialYear: number;
}

export interface BoardEntitlement extends EntitlementSnapshot {
  societyId: string;
  currency: string;
  method: ApportionmentMethod;
  boardSize: number;
  /** `settings` when the society set a board size; otherwise the actual board's size on `to`. */
  boardSizeSource: 'settings' | 'actual-board';
  lookbackYears: number;
  amountBasis: AmountBasis;
  /** The same, as it stood at the end of each of the last `history` financial years ending by `to`, oldest first. */
  history: HistoricalEntitlement[];
}

/**
 * A society's board entitlement (Directive Art. 9, the rights holders' demand for
 * representation in proportion to market share): each constituency's share of the
 * money attributed over a look-back window, the seats that share is worth on a board
 * of the configured size, the seats it actually holds, the gap and the
 * disproportionality of the actual board.
 *
 * Readable by admins, regulators, the society itself (another society: 404) and every
 * rights holder: board fairness is public to members, and the answer holds only sums
 * per constituency, never a rights holder's own money.
 */
@Injectable()
export class EntitlementService {
  constructor(
    private readonly societies: SocietiesService,
    private readonly settings: GovernanceSettingsService,
    private readonly money: MarketShareRepository,
    private readonly boards: BoardSeatsRepository,
  ) {}

  async entitlement(principal: Principal, societyId: string, q: EntitlementQuery = {}, today = todayUtc()): Promise<BoardEntitlement> {
    const society = await this.societies.get(principal, societyId);
    const settings = await this.settings.effective(societyId);
    const end: FinancialYearEnd = { month: society.fyEndMonth, day: society.fyEndDay };
    const method = q.method ?? settings.method;
    const basis = q.amount ?? 'gross';
    const lookback = settings.lookbackYears;
    const window = resolveWindow(q, lookback, end, today);
    const historyYears = this.historyYears(q.history ?? 0, window.to, end);

    // Money: the window itself, then each financial year the history's windows are made of.
    const firstYear = historyYears.length > 0 ? historyYears[0]! - lookback + 1 : 0;
    const yearBuckets = historyYears.length > 0 ? range(firstYear, historyYears.at(-1)!).map((y) => financialYear(y, end)) : [];
    const rows = await this.money.attributedByWindow(societyId, basis, [window, ...yearBuckets]);
    const byWindow = (i: number) => splitAttributed(rows.filter((r) => r.window === i), society.currency);
    const yearMoney = new Map(yearBuckets.map((b, i) => [b.year, byWindow(i + 1)]));

    const dates = [...new Set([window.to, ...historyYears.map((y) => financialYearEndDate(y, end))])];
    const boards = await this.boards.seatsOn(societyId, dates);
    const current = boards.get(window.to)!;

    const boardSize = settings.boardSize ?? total(current.seats);
    if (boardSize === 0) {
      throw new DomainError('unprocessable', `Society ${societyId} has no board size set and no board seated on ${window.to}`, [
        { field: 'boardSize', message: `is not set: set it with PUT /v1/societies/${societyId}/governance-settings` },
      ]);
    }

    const constituencies = constituenciesOf(settings.constituencyMap);
    const minorUnits = currencyMinorUnits(society.currency);
    const snapshot = (w: DateWindow, money: AttributedMoney, board: BoardOnDate): EntitlementSnapshot => ({
      window: w,
      asOf: w.to,
      board: board.source,
      totals: moneyTotals(money, society.currency),
      ...this.compute(method, boardSize, constituencies, money, board, minorUnits),
    });

    return {
      societyId,
      currency: society.currency,
      method,
      boardSize,
      boardSizeSource: settings.boardSize === null ? 'actual-board' : 'settings',
      lookbackYears: lookback,
      amountBasis: basis,
      ...snapshot(window, byWindow(0), current),
      history: historyYears.map((year) => {
        const w = lookbackWindowOfYear(year, lookback, end);
        const money = addAttributed(range(year - lookback + 1, year).map((y) => yearMoney.get(y)!));
        return { financialYear: year, ...snapshot(w, money, boards.get(w.to)!) };
      }),
    };
  }

  /** The last `count` financial years ending on or before `to`, oldest first. */
  private historyYears(count: number, to: string, end: FinancialYearEnd): number[] {
    if (!Number.isInteger(count) || count < 0 || count > MAX_HISTORY_YEARS) {
      throw DomainError.validation('Invalid history', [{ field: 'history', message: `must be a whole number of years from 0 to ${MAX_HISTORY_YEARS}` }]);
    }
    const last = latestFinancialYearEndingBy(to, end);
    return range(last - count + 1, last);
  }

  private compute(method: ApportionmentMethod, boardSize: number, constituencies: Constituency[], money: AttributedMoney, board: BoardOnDate, minorUnits: number): Entitlement {
    try {
      return computeEntitlement({ method, boardSize, constituencies, attributedByKind: money.byKind, actualByBoardConstituency: board.seats, minorUnits });
    } catch (e) {
      // Only sums too large for the apportionment's 18 integer digits get here.
      if (e instanceof ApportionmentInputError) throw new DomainError('unprocessable', `The market shares cannot be apportioned: ${e.message}`);
      throw e;
    }
  }
}

function range(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

function total(seats: Record<string, number>): number {
  return Object.values(seats).reduce((a, b) => a + b, 0);
}

