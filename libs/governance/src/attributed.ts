import { minorUnitsOf } from '../../money/src/index.js';
import { type HolderKind, HOLDER_KINDS } from './constituencies.js';
import { formatUnits, toUnits } from './exact.js';

/**
 * Splits the attributed sums of one window into what the market shares are made of and
 * what they leave out. Only money in the society's own currency counts (shares of
 * different currencies cannot be added without a rate, and a rate would make the seats
 * depend on it); money in other currencies is reported per currency. Lines of
 * unidentified rights holders count for no constituency and are reported apart.
 *
 * Pure: no framework, no database.
 */

export interface AttributedRow {
  kind: string | null;
  currency: string;
  /** numeric text, at most 8 fraction digits */
  amount: string;
}

export interface AttributedMoney {
  /** Per kind, in 10⁻⁸ units of the society's currency. */
  byKind: Partial<Record<HolderKind, bigint>>;
  /** Identified money in the society's currency: the whole the shares are of. */
  attributed: bigint;
  /** Money of lines with no identified rights holder, in the society's currency. */
  unidentified: bigint;
  /** Money in other currencies (identified or not), per currency, left out of the shares. */
  otherCurrencies: Map<string, bigint>;
}

export function splitAttributed(rows: readonly AttributedRow[], currency: string): AttributedMoney {
  const money: AttributedMoney = { byKind: {}, attributed: 0n, unidentified: 0n, otherCurrencies: new Map() };
  for (const row of rows) {
    const units = toUnits(row.amount);
    if (row.currency !== currency) {
      money.otherCurrencies.set(row.currency, (money.otherCurrencies.get(row.currency) ?? 0n) + units);
    } else if (row.kind === null) {
      money.unidentified += units;
    } else {
      const kind = HOLDER_KINDS.find((k) => k === row.kind);
      if (!kind) throw new RangeError(`unknown rights-holder kind ${row.kind}`);
      money.byKind[kind] = (money.byKind[kind] ?? 0n) + units;
      money.attributed += units;
    }
  }
  return money;
}

/** The sum of several windows' money (a look-back window made of financial years). */
export function addAttributed(parts: readonly AttributedMoney[]): AttributedMoney {
  const total: AttributedMoney = { byKind: {}, attributed: 0n, unidentified: 0n, otherCurrencies: new Map() };
  for (const part of parts) {
    for (const kind of HOLDER_KINDS) {
      const units = part.byKind[kind];
      if (units !== undefined) total.byKind[kind] = (total.byKind[kind] ?? 0n) + units;
    }
    total.attributed += part.attributed;
    total.unidentified += part.unidentified;
    for (const [c, units] of part.otherCurrencies) total.otherCurrencies.set(c, (total.otherCurrencies.get(c) ?? 0n) + units);
  }
  return total;
}

export interface MoneyTotals {
  /** Identified money in the society's currency: the whole the shares are of. */
  attributed: string;
  /** Money of unidentified lines in the society's currency, in no share. */
  unidentified: string;
  /** Money in other currencies, in no share, per currency (sorted by code). */
  otherCurrencies: { currency: string; amount: string }[];
}

export function moneyTotals(money: AttributedMoney, currency: string): MoneyTotals {
  const minorUnits = currencyMinorUnits(currency);
  return {
    attributed: formatUnits(money.attributed, minorUnits),
    unidentified: formatUnits(money.unidentified, minorUnits),
    otherCurrencies: [...money.otherCurrencies.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([c, units]) => ({ currency: c, amount: formatUnits(units, currencyMinorUnits(c)) })),
  };
}

/**
 * Digits after the point amounts of a currency are shown with at least (more when the
 * exact amount needs them): its ISO 4217 minor units, 2 for a code the table lacks.
 */
export function currencyMinorUnits(currency: string): number {
  try {
    return minorUnitsOf(currency);
  } catch {
    return 2;
  }
}
