import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { SocietiesService } from '../../registry/src/index.js';
import { type MoneyTotals, currencyMinorUnits, moneyTotals, splitAttributed } from './attributed.js';
import { type HolderKind, constituenciesOf } from './constituencies.js';
import { formatUnits, percentOf, toUnits } from './exact.js';
import type { DateWindow } from './financial-years.js';
import { type AmountBasis, MarketShareRepository } from './market-share.repository.js';
import { GovernanceSettingsService } from './settings/governance-settings.service.js';
import { resolveWindow, todayUtc } from './windows.js';

export const MARKET_SHARE_GROUPINGS = ['constituency', 'rights-holder'] as const;
export type MarketShareGrouping = (typeof MARKET_SHARE_GROUPINGS)[number];
export const MAX_HOLDERS = 1000;
export const DEFAULT_HOLDERS = 100;

export interface MarketShareQuery {
  from?: string;
  to?: string;
  by?: MarketShareGrouping;
  amount?: AmountBasis;
  /** For `by=rights-holder`: how many of the largest holders to list (1 to 1000, default 100). */
  limit?: number;
}

export interface MarketShareItem {
  /** The constituency name, or the rights holder's id. */
  key: string;
  name: string;
  /** The constituency (of the holder's kind, for rights holders). */
  constituency: string;
  kinds: HolderKind[];
  attributed: string;
  /** Share of all attributed money in the society's currency, percent with 6 places; null when there is none. */
  sharePercent: string | null;
}

export interface MarketShare {
  societyId: string;
  currency: string;
  window: DateWindow;
  amountBasis: AmountBasis;
  by: MarketShareGrouping;
  totals: MoneyTotals;
  /** Identified rights holders with money in the window (for `by=rights-holder`; items may list fewer). */
  holders: number | null;
  items: MarketShareItem[];
}

/**
 * Market share of a society's constituencies or rights holders: the money its
 * committed distribution lines attribute to them over a window, in the society's
 * currency. Per-holder amounts are each holder's own business: admins, regulators and
 * the society itself may read them, rights holders may not (they read the
 * per-constituency entitlement instead).
 */
@Injectable()
export class MarketShareService {
  constructor(
    private readonly societies: SocietiesService,
    private readonly settings: GovernanceSettingsService,
    private readonly money: MarketShareRepository,
  ) {}

  async share(principal: Principal, societyId: string, q: MarketShareQuery = {}, today = todayUtc()): Promise<MarketShare> {
    if (principal.role === 'rights-holder') throw DomainError.forbidden("Rights holders may not read other holders' market shares");
    const society = await this.societies.get(principal, societyId);
    const settings = await this.settings.effective(societyId);
    const window = resolveWindow(q, settings.lookbackYears, { month: society.fyEndMonth, day: society.fyEndDay }, today);
    const basis = q.amount ?? 'gross';
    const by = q.by ?? 'constituency';
    const money = splitAttributed(await this.money.attributedByWindow(societyId, basis, [window]), society.currency);
    const minorUnits = currencyMinorUnits(society.currency);
    const constituencies = constituenciesOf(settings.constituencyMap);
    const base = { societyId, currency: society.currency, window, amountBasis: basis, by, totals: moneyTotals(money, society.currency) };

    if (by === 'constituency') {
      return {
        ...base,
        holders: null,
        items: constituencies.map((c) => {
          const units = c.kinds.reduce((sum, k) => sum + (money.byKind[k] ?? 0n), 0n);
          return { key: c.name, name: c.name, constituency: c.name, kinds: c.kinds, attributed: formatUnits(units, minorUnits), sharePercent: percentOf(units, money.attributed) };
        }),
      };
    }
    const limit = q.limit ?? DEFAULT_HOLDERS;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HOLDERS) {
      throw DomainError.validation('Invalid limit', [{ field: 'limit', message: `must be a whole number from 1 to ${MAX_HOLDERS}` }]);
    }
    const rows = await this.money.topHolders(societyId, basis, society.currency, window, limit);
    return {
      ...base,
      holders: rows[0]?.holders ?? 0,
      items: rows.map((r) => {
        const kind = r.kind as HolderKind;
        const units = toUnits(r.amount);
        return {
          key: r.rightsHolderId,
          name: r.name,
          constituency: settings.constituencyMap[kind],
          kinds: [kind],
          attributed: formatUnits(units, minorUnits),
          sharePercent: percentOf(units, money.attributed),
        };
      }),
    };
  }
}
