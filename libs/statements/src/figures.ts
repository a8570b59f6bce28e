/**
 * The money of a rights holder's statement (Directive Art. 18), from its distribution
 * lines: per society the revenue attributed, the management fees and other
 * deductions, what was paid per category of rights and type of use, what is
 * attributed but outstanding, the period of use, and the part managed without a
 * mandate; and the totals over all societies.
 *
 * The rule that keeps it exact ("no rounding loss"): every line is converted on its
 * own (gross, management fee and other deductions, each rounded once to the target
 * currency's minor units, see conversion.ts), its net is then gross − fee − other in
 * the target currency, and every figure above is a plain sum of those converted line
 * amounts, in BigInt minor units. So each total equals the sum of the converted lines
 * exactly, and revenue − fees − other deductions = paid + outstanding holds to the
 * minor unit, per society and overall. Pure TypeScript.
 */
import { type CrossRate, convertToMinorUnits } from './conversion.js';

/** One distribution line of the holder, as stored (amounts as decimal strings). */
export interface HolderLine {
  societyId: string;
  submissionId: string;
  lineNo: number;
  lineId: string;
  category: string;
  useType: string;
  currency: string;
  gross: string;
  managementFee: string;
  otherDeductions: string;
  net: string;
  /** paid, or unpaid (attributed but outstanding). */
  status: string;
  paidOn: string | null;
  useFrom: string;
  useTo: string;
  mandateBasis: string;
  /** The mandate status derived from the register when the line's package committed (null or absent: not derived). */
  mandateStatus?: string | null;
}

/** A rate a statement used: the one recorded for `currency` on `rateDate`, the last on or before the line's day. */
export interface RateUsed {
  currency: string;
  rateDate: string;
  rateToEur: string;
}

/** Finds the rate of `currency` in effect on day `on` (the last recorded on or before it). */
export type RateBook = (currency: string, on: string) => RateUsed | undefined;

/** A (currency, day) whose rate a conversion needs. */
export interface RateNeed {
  currency: string;
  on: string;
}

/** No rate recorded for the currency on or before the day: the statement cannot be converted. */
export class MissingRateError extends Error {
  constructor(
    readonly currency: string,
    readonly on: string,
  ) {
    super(`No exchange rate for ${currency} on or before ${on}`);
    this.name = 'MissingRateError';
  }
}

export const REFERENCE_CURRENCY = 'EUR';

/**
 * The day whose rate converts a line: the payment day for a paid line (the money
 * changed hands then), the last day of use otherwise.
 */
export function rateDayOf(line: Pick<HolderLine, 'status' | 'paidOn' | 'useTo'>): string {
  return line.status === 'paid' && line.paidOn ? line.paidOn : line.useTo;
}

/** The (currency, day) pairs whose rates converting `lines` to `target` needs, without repeats. */
export function rateNeeds(lines: Iterable<Pick<HolderLine, 'currency' | 'status' | 'paidOn' | 'useTo'>>, target: string): RateNeed[] {
  const needs = new Map<string, RateNeed>();
  const want = (currency: string, on: string) => {
    if (currency !== REFERENCE_CURRENCY) needs.set(`${currency}@${on}`, { currency, on });
  };
  for (const line of lines) {
    if (line.currency === target) continue;
    const on = rateDayOf(line);
    want(line.currency, on);
    want(target, on);
  }
  return [...needs.values()];
}

/** A line in the target currency: whole minor units, and the rates that converted it (none when already in it). */
export interface ConvertedLine {
  gross: bigint;
  managementFee: bigint;
  otherDeductions: bigint;
  /** gross − managementFee − otherDeductions, in the target currency. */
  net: bigint;
  rates: RateUsed[];
}

/** Converts one line to `target` by the rule in the module comment. Throws {@link MissingRateError}. */
export function convertLine(line: HolderLine, target: string, book: RateBook): ConvertedLine {
  let cross: CrossRate | null = null;
  const rates: RateUsed[] = [];
  if (line.currency !== target) {
    const on = rateDayOf(line);
    const rateOf = (currency: string): string => {
      if (currency === REFERENCE_CURRENCY) return '1';
      const rate = book(currency, on);
      if (!rate) throw new MissingRateError(currency, on);
      rates.push(rate);
      return rate.rateToEur;
    };
    cross = { fromRateToEur: rateOf(line.currency), toRateToEur: rateOf(target) };
  }
  const gross = convertToMinorUnits(line.gross, target, cross);
  const managementFee = convertToMinorUnits(line.managementFee, target, cross);
  const otherDeductions = convertToMinorUnits(line.otherDeductions, target, cross);
  return { gross, managementFee, otherDeductions, net: gross - managementFee - otherDeductions, rates };
}

/** The Art. 18 amounts of a set of lines, in minor units of the statement currency. */
export interface Amounts {
  revenueAttributed: bigint;
  managementFees: bigint;
  otherDeductions: bigint;
  /** Net of the paid lines. */
  paid: bigint;
  /** Net of the lines attributed but not paid yet. */
  outstanding: bigint;
  lines: number;
}

/** Amounts of one category of rights and type of use. */
export interface UseAmounts extends Amounts {
  category: string;
  useType: string;
}

export interface SocietyFigures extends Amounts {
  societyId: string;
  byUse: UseAmounts[];
  /** First and last day of use among the lines (null without lines). */
  periodOfUse: { from: string; to: string } | null;
  /** Gross attributed on lines the society manages without a mandate (mandate_basis non-contractual), and how many lines. */
  nonContractual: { amount: bigint; lines: number };
  /**
   * The same as the mandate register says: lines whose derived status is no-mandate or
   * entrusted-elsewhere (a line without a derived status counts by its declared basis).
   */
  verifiedNonContractual: { amount: bigint; lines: number };
  /** Every rate the society's lines were converted with, by currency and day. */
  rates: RateUsed[];
}

export interface StatementFigures {
  currency: string;
  societies: SocietyFigures[];
  totals: Amounts;
  /** Every rate the statement used. */
  rates: RateUsed[];
}

const zero = (): Amounts => ({ revenueAttributed: 0n, managementFees: 0n, otherDeductions: 0n, paid: 0n, outstanding: 0n, lines: 0 });

function addLine(into: Amounts, c: ConvertedLine, paid: boolean): void {
  into.revenueAttributed += c.gross;
  into.managementFees += c.managementFee;
  into.otherDeductions += c.otherDeductions;
  if (paid) into.paid += c.net;
  else into.outstanding += c.net;
  into.lines += 1;
}

function addAmounts(into: Amounts, a: Amounts): void {
  into.revenueAttributed += a.revenueAttributed;
  into.managementFees += a.managementFees;
  into.otherDeductions += a.otherDeductions;
  into.paid += a.paid;
  into.outstanding += a.outstanding;
  into.lines += a.lines;
}

const rateKey = (r: RateUsed) => `${r.currency}@${r.rateDate}`;
const byRate = (a: RateUsed, b: RateUsed) => (a.currency === b.currency ? (a.rateDate < b.rateDate ? -1 : 1) : a.currency < b.currency ? -1 : 1);

/**
 * The figures of a statement in `target` from the holder's lines. `societyIds` lists
 * societies to show even without lines (those with a mandate in the year), in the
 * order wanted; societies with lines not in it follow in order of id.
 */
export function buildFigures(lines: Iterable<HolderLine>, target: string, book: RateBook, societyIds: string[] = []): StatementFigures {
  interface Acc {
    figures: SocietyFigures;
    uses: Map<string, UseAmounts>;
    rates: Map<string, RateUsed>;
  }
  const accounts = new Map<string, Acc>();
  const accountOf = (societyId: string): Acc => {
    let acc = accounts.get(societyId);
    if (!acc) {
      acc = { figures: { societyId, ...zero(), byUse: [], periodOfUse: null, nonContractual: { amount: 0n, lines: 0 }, verifiedNonContractual: { amount: 0n, lines: 0 }, rates: [] }, uses: new Map(), rates: new Map() };
      accounts.set(societyId, acc);
    }
    return acc;
  };
  for (const id of societyIds) accountOf(id);

  for (const line of lines) {
    const acc = accountOf(line.societyId);
    const converted = convertLine(line, target, book);
    const paid = line.status === 'paid';
    addLine(acc.figures, converted, paid);
    const useKey = `${line.category}\u0000${line.useType}`;
    let use = acc.uses.get(useKey);
    if (!use) acc.uses.set(useKey, (use = { category: line.category, useType: line.useType, ...zero() }));
    addLine(use, converted, paid);
    if (line.mandateBasis === 'non-contractual') {
      acc.figures.nonContractual.amount += converted.gross;
      acc.figures.nonContractual.lines += 1;
    }
    if (line.mandateStatus == null ? line.mandateBasis === 'non-contractual' : line.mandateStatus === 'no-mandate' || line.mandateStatus === 'entrusted-elsewhere') {
      acc.figures.verifiedNonContractual.amount += converted.gross;
      acc.figures.verifiedNonContractual.lines += 1;
    }
    const period = acc.figures.periodOfUse;
    if (!period) acc.figures.periodOfUse = { from: line.useFrom, to: line.useTo };
    else {
      if (line.useFrom < period.from) period.from = line.useFrom;
      if (line.useTo > period.to) period.to = line.useTo;
    }
    for (const rate of converted.rates) acc.rates.set(rateKey(rate), rate);
  }

  const listed = new Set(societyIds);
  const order = [...societyIds, ...[...accounts.keys()].filter((id) => !listed.has(id)).sort()];
  const totals = zero();
  const allRates = new Map<string, RateUsed>();
  const societies = order.map((id) => {
    const acc = accounts.get(id)!;
    acc.figures.byUse = [...acc.uses.values()].sort((a, b) => (a.category === b.category ? (a.useType < b.useType ? -1 : 1) : a.category < b.category ? -1 : 1));
    acc.figures.rates = [...acc.rates.values()].sort(byRate);
    for (const rate of acc.figures.rates) allRates.set(rateKey(rate), rate);
    addAmounts(totals, acc.figures);
    return acc.figures;
  });
  return { currency: target, societies, totals, rates: [...allRates.values()].sort(byRate) };
}
