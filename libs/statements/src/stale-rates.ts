/**
 * Exchange rates older than a policy limit when they were used. A line is converted with
 * the last rate recorded on or before its day (figures.ts); when the rates stop being
 * uploaded, that rate can be weeks old and the statement would convert with it without a
 * word. This finds every such use so the statement says so.
 *
 * The limit is a policy of this ledger, not a rule of law: Directive 2014/26/EU sets no
 * exchange-rate method or age. Its default, 7 days, allows for the reference rates'
 * gaps over weekends and public holidays (the ECB publishes on TARGET business days, so
 * the Easter gap is 5 days), and no more. Pure.
 */
import { type HolderLine, type RateBook, rateDayOf, REFERENCE_CURRENCY } from './figures.js';

/** The default of RATE_MAX_AGE_DAYS: a rate older than this on the day it converts is stale (a policy, no law sets it). */
export const DEFAULT_RATE_MAX_AGE_DAYS = 7;

/** One stale rate: a currency's rate of `rateDate`, used for days up to `ageDays` after it. */
export interface StaleRate {
  currency: string;
  /** The day the rate was recorded for. */
  rateDate: string;
  /** The latest day it converted a line for. */
  usedFor: string;
  /** Days from rateDate to usedFor (over the limit). */
  ageDays: number;
  /** Lines it converted while stale. */
  lines: number;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The rates that converted `lines` to `target` more than `maxAgeDays` after the day they
 * were recorded for, one entry per (currency, rate day), the oldest use first, by
 * currency. Lines already in `target`, and a missing rate (the statement refuses those),
 * are not its concern.
 */
export function staleRates(lines: Iterable<HolderLine>, target: string, book: RateBook, maxAgeDays: number): StaleRate[] {
  const found = new Map<string, StaleRate>();
  for (const line of lines) {
    if (line.currency === target) continue;
    const on = rateDayOf(line);
    for (const currency of new Set([line.currency, target])) {
      if (currency === REFERENCE_CURRENCY) continue;
      const rate = book(currency, on);
      if (!rate) continue;
      const age = daysBetween(rate.rateDate, on);
      if (age <= maxAgeDays) continue;
      const key = `${currency}@${rate.rateDate}`;
      const seen = found.get(key);
      if (!seen) found.set(key, { currency, rateDate: rate.rateDate, usedFor: on, ageDays: age, lines: 1 });
      else {
        seen.lines += 1;
        if (on > seen.usedFor) Object.assign(seen, { usedFor: on, ageDays: age });
      }
    }
  }
  return [...found.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : a.rateDate < b.rateDate ? -1 : a.rateDate > b.rateDate ? 1 : 0));
}
