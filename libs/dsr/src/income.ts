/**
 * A report's usage and revenue as the society's licence income for the period: income
 * lines (reader.ts) summed per work (or, for use without a work, per recording or
 * release), use type, territory, currency and period. Amounts stay exact (libs/money); a
 * line that carries several works (a recording embodying a medley) shares its money
 * between them equally with `allocate` at the currency's minor unit, so no minor unit is
 * lost or made up.
 *
 * Memory grows with the number of distinct works and contexts, not with lines; for a
 * database the income lines are better summed where they are stored (GROUP BY the same key).
 */
import { type Amount, DecimalValue, ZERO, add, allocate, minorUnitsOf } from '../../money/src/index.js';
import type { DsrIncomeLine } from './reader.js';

export interface LicenceIncome {
  /** `iswc:T…`, `work:<title>|<contributors>` (no ISWC), `isrc:…`, `resource:…`, `release:…`, or `unidentified`. */
  readonly key: string;
  readonly iswc: string | null;
  readonly title: string | null;
  /** Per work: its composers, authors and other contributors; per recording: its display artist. */
  readonly contributors: readonly string[];
  /** ISRCs of the recordings the usage came through. */
  readonly isrcs: readonly string[];
  readonly useType: string | null;
  readonly commercialModel: string | null;
  readonly territory: string | null;
  readonly currency: string | null;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly usages: Amount;
  readonly amount: Amount;
  /** Income lines summed in. */
  readonly lines: number;
}

interface Bucket {
  key: string;
  iswc: string | null;
  title: string | null;
  contributors: readonly string[];
  isrcs: Set<string>;
  useType: string | null;
  commercialModel: string | null;
  territory: string | null;
  currency: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  usages: Amount;
  amount: Amount;
  lines: number;
}

function normal(text: string | null): string {
  return (text ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
}

/**
 * Sums income lines into licence income per work (default) or per recording (`by:
 * 'recording'`: keyed by ISRC, else DSP resource id, else release) and context.
 */
export class LicenceIncomeBuilder {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: { readonly by?: 'work' | 'recording' } = {}) {}

  /** Adds a line. `kinds`: which lines count (default: sales; LI01 allocations are what a licensor is paid, see docs/dsr.md). */
  add(line: DsrIncomeLine, kinds: ReadonlySet<DsrIncomeLine['kind']> = SALES): void {
    if (!kinds.has(line.kind)) return;
    const isrcs = line.recording?.isrc ?? [];
    const targets = incomeShares(line, this.options.by ?? 'work');
    targets.forEach((t) => {
      const key = [t.key, line.useType, line.commercialModel, line.territory, line.currency, line.periodStart, line.periodEnd].join('\u0000');
      let b = this.buckets.get(key);
      if (!b) {
        b = { key: t.key, iswc: t.iswc, title: t.title, contributors: t.contributors, isrcs: new Set(), useType: line.useType, commercialModel: line.commercialModel, territory: line.territory, currency: line.currency, periodStart: line.periodStart, periodEnd: line.periodEnd, usages: ZERO, amount: ZERO, lines: 0 };
        this.buckets.set(key, b);
      }
      for (const isrc of isrcs) b.isrcs.add(isrc);
      b.usages = add(b.usages, t.usages);
      b.amount = add(b.amount, t.amount);
      b.lines++;
    });
  }

  /** The income, sorted by key, then context. */
  result(): LicenceIncome[] {
    return [...this.buckets.values()]
      .map((b) => ({ ...b, isrcs: [...b.isrcs].sort() }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : `${a.territory}${a.useType}${a.currency}` < `${b.territory}${b.useType}${b.currency}` ? -1 : 1));
  }
}

/** One share of an income line: the work (or recording) it is booked to, with its usages and money. */
export interface IncomeShare {
  /** As LicenceIncome.key. */
  readonly key: string;
  readonly iswc: string | null;
  readonly title: string | null;
  readonly contributors: readonly string[];
  /** The line's usages (each work of a medley is used as often as the recording). */
  readonly usages: Amount;
  /** The line's money, shared equally between its works at the currency's minor unit (no minor unit lost). */
  readonly amount: Amount;
}

/**
 * How a line is booked: one share per work (by: 'work', when the line names works), else
 * one for its recording, release or nothing. The shares' amounts add up to the line's
 * revenue exactly. The builder sums these; a database stores them and groups by the same key.
 */
export function incomeShares(line: DsrIncomeLine, by: 'work' | 'recording' = 'work'): IncomeShare[] {
  const isrcs = line.recording?.isrc ?? [];
  const targets: { key: string; iswc: string | null; title: string | null; contributors: readonly string[] }[] =
    line.works.length > 0 && by !== 'recording'
      ? line.works.map((w) => ({
          key: w.iswc ? `iswc:${w.iswc}` : `work:${normal(w.title)}|${w.contributors.map(normal).sort().join(';')}`,
          iswc: w.iswc,
          title: w.title,
          contributors: w.contributors,
        }))
      : [
          line.recording
            ? { key: isrcs.length > 0 ? `isrc:${isrcs[0]}` : `resource:${line.recording.dspResourceId}`, iswc: line.works.length === 1 ? line.works[0]!.iswc : null, title: line.recording.title, contributors: line.recording.displayArtist ? [line.recording.displayArtist] : [] }
            : line.release
              ? { key: `release:${line.release.icpn ?? line.release.dspReleaseId}`, iswc: null, title: line.release.title, contributors: [] }
              : { key: 'unidentified', iswc: null, title: null, contributors: [] },
        ];
  const revenue = line.revenue ?? ZERO;
  const shares = targets.length === 1 ? [revenue] : splitEqually(revenue, targets.length, line.currency);
  const usages = new DecimalValue(line.usages);
  return targets.map((t, i) => ({ ...t, usages, amount: shares[i]! }));
}

const SALES: ReadonlySet<DsrIncomeLine['kind']> = new Set(['sale']);

function splitEqually(amount: Amount, n: number, currency: string | null): Amount[] {
  let scale = Math.max(amount.decimalPlaces(), 2);
  try {
    if (currency) scale = Math.max(amount.decimalPlaces(), minorUnitsOf(currency));
  } catch {
    // unknown currency: keep the amount's own scale
  }
  return allocate(amount, Array.from({ length: n }, () => new DecimalValue(1)), { scale });
}
