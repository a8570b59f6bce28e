/**
 * A rights holder's statement as the API serves it (JSON, and the source of the CSV
 * and PDF): the figures of figures.ts written as decimal strings in the statement
 * currency, with what each society manages for the holder and the signed head of its
 * log the statement was built from. Pure TypeScript.
 */
import type { SignedTreeHead } from '../../merkle/src/index.js';
import { formatMinorUnits } from './conversion.js';
import type { StatementCorrections } from './corrections.js';
import type { Amounts, RateUsed, StatementFigures } from './figures.js';
import type { StaleRate } from './stale-rates.js';

/** A mandate as a statement lists it (what the society manages for the holder). */
export interface StatementMandate {
  id: string;
  category: string;
  workType: string;
  territories: string[];
  excludedTerritories: string[];
  validFrom: string;
  validTo: string | null;
  basis: string;
  exclusive: boolean;
}

/** The Art. 18 amounts as decimal strings. */
export interface AmountsView {
  revenueAttributed: string;
  managementFees: string;
  otherDeductions: string;
  paid: string;
  outstanding: string;
  lines: number;
}

export interface UseAmountsView extends AmountsView {
  category: string;
  useType: string;
}

/** How to reach a society, from the registry (each part null when not on record). */
export interface SocietyContactView {
  address: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
}

export interface SocietyStatement {
  societyId: string;
  societyName: string;
  /**
   * The society's contact details from the registry (null: none on record), so the holder
   * knows where to ask about these figures and to check or correct the contact details the
   * society holds for them (Directive 2014/26/EU Art. 18(1)(a)).
   */
  contact: SocietyContactView | null;
  /** Gross attributed to the holder (all its lines of the year). */
  revenueAttributed: string;
  /** Net paid, per category of rights and type of use. */
  paid: { category: string; useType: string; amount: string }[];
  /** Net paid, all categories. */
  paidTotal: string;
  managementFees: string;
  otherDeductions: string;
  /** Net attributed but not paid yet. */
  outstanding: string;
  /** Every amount per category of rights and type of use (the CSV rows). */
  byUse: UseAmountsView[];
  periodOfUse: { from: string; to: string } | null;
  /** Number of lines. */
  lines: number;
  /** Every rate the society's lines were converted with. */
  rates: RateUsed[];
  /** Mandates the society held for the holder at some time in the year. */
  mandates: StatementMandate[];
  /** What the society manages without the holder's mandate (lines with mandate_basis non-contractual): gross and lines. */
  nonContractual: { amount: string; lines: number };
  /** The same as the mandate register says when each package committed (lines without a derived status count as declared). */
  verifiedNonContractual: { amount: string; lines: number };
  /** The society's signed log head the statement was built from (null: nothing committed yet). */
  head: SignedTreeHead | null;
  /** Net still unpaid past its Art. 13 deadline (nine months after the end of the financial year of collection), on `asOf`. */
  overdue: OverdueView;
}

/** Money overdue (Art. 13(1)): net of the unpaid lines past their deadline, in the statement currency. */
export interface OverdueView {
  amount: string;
  lines: number;
  /** The earliest deadline missed (null: none). */
  oldestDeadline: string | null;
  /** Days the oldest is overdue (null: none). */
  maxOverdueDays: number | null;
}

/** Overdue figures per society, in minor units of the statement currency. */
export interface OverdueFigures {
  units: bigint;
  lines: number;
  oldestDeadline: string | null;
  maxOverdueDays: number | null;
}

export interface Statement {
  rightsHolderId: string;
  rightsHolderName: string;
  rightsHolderIpi: string | null;
  year: number;
  currency: string;
  /** The holder's lines of the year that corrections (packages superseding others) added, removed or changed, field by field (always set by toStatement). */
  corrections?: StatementCorrections;
  societies: SocietyStatement[];
  totals: AmountsView;
  rates: RateUsed[];
  /** The day overdue money is judged on (today, UTC). */
  asOf: string;
  /** Overdue money, all societies. */
  overdue: OverdueView;
  /**
   * Rates used more than `maxAgeDays` after the day they were recorded for (none: every
   * rate was fresh). `maxAgeDays` is RATE_MAX_AGE_DAYS, a policy of this ledger: no law
   * sets an exchange-rate age.
   */
  staleRates: { maxAgeDays: number; rates: StaleRate[] };
}

/** What the service knows besides the money: the holder, and per society its name, mandates and head. */
export interface StatementContext {
  /** Changes to the holder's lines by corrections (absent: none looked for). */
  corrections?: StatementCorrections;
  rightsHolderId: string;
  rightsHolderName: string;
  rightsHolderIpi: string | null;
  year: number;
  societies: Map<string, { name: string; head: SignedTreeHead | null; mandates: StatementMandate[]; contact?: SocietyContactView | null }>;
  /** The day overdue money is judged on. */
  asOf: string;
  /** Overdue figures per society (absent: none overdue). */
  overdue: Map<string, OverdueFigures>;
  /** Stale rates and the limit they were judged by (absent: none, limit unknown). */
  staleRates?: { maxAgeDays: number; rates: StaleRate[] };
}

const NONE_OVERDUE: OverdueFigures = { units: 0n, lines: 0, oldestDeadline: null, maxOverdueDays: null };

export function amountsView(a: Amounts, currency: string): AmountsView {
  const f = (units: bigint) => formatMinorUnits(units, currency);
  return {
    revenueAttributed: f(a.revenueAttributed),
    managementFees: f(a.managementFees),
    otherDeductions: f(a.otherDeductions),
    paid: f(a.paid),
    outstanding: f(a.outstanding),
    lines: a.lines,
  };
}

/** The statement from its figures and context. */
export function toStatement(figures: StatementFigures, context: StatementContext): Statement {
  const currency = figures.currency;
  const f = (units: bigint) => formatMinorUnits(units, currency);
  return {
    rightsHolderId: context.rightsHolderId,
    rightsHolderName: context.rightsHolderName,
    rightsHolderIpi: context.rightsHolderIpi,
    year: context.year,
    currency,
    corrections: context.corrections ?? { lines: 0, items: [] },
    societies: figures.societies.map((s) => {
      const about = context.societies.get(s.societyId);
      return {
        societyId: s.societyId,
        societyName: about?.name ?? s.societyId,
        contact: about?.contact ?? null,
        revenueAttributed: f(s.revenueAttributed),
        paid: s.byUse.map((u) => ({ category: u.category, useType: u.useType, amount: f(u.paid) })),
        paidTotal: f(s.paid),
        managementFees: f(s.managementFees),
        otherDeductions: f(s.otherDeductions),
        outstanding: f(s.outstanding),
        byUse: s.byUse.map((u) => ({ category: u.category, useType: u.useType, ...amountsView(u, currency) })),
        periodOfUse: s.periodOfUse,
        lines: s.lines,
        rates: s.rates,
        mandates: about?.mandates ?? [],
        nonContractual: { amount: f(s.nonContractual.amount), lines: s.nonContractual.lines },
        verifiedNonContractual: { amount: f(s.verifiedNonContractual.amount), lines: s.verifiedNonContractual.lines },
        head: about?.head ?? null,
        overdue: overdueView(context.overdue.get(s.societyId) ?? NONE_OVERDUE, currency),
      };
    }),
    totals: amountsView(figures.totals, currency),
    rates: figures.rates,
    asOf: context.asOf,
    overdue: overdueView(
      [...context.overdue.values()].reduce(
        (a, o) => ({
          units: a.units + o.units,
          lines: a.lines + o.lines,
          oldestDeadline: a.oldestDeadline === null || (o.oldestDeadline !== null && o.oldestDeadline < a.oldestDeadline) ? o.oldestDeadline : a.oldestDeadline,
          maxOverdueDays: Math.max(a.maxOverdueDays ?? -1, o.maxOverdueDays ?? -1) < 0 ? null : Math.max(a.maxOverdueDays ?? 0, o.maxOverdueDays ?? 0),
        }),
        NONE_OVERDUE,
      ),
      currency,
    ),
    staleRates: context.staleRates ?? { maxAgeDays: 0, rates: [] },
  };
}

export function overdueView(o: OverdueFigures, currency: string): OverdueView {
  return { amount: formatMinorUnits(o.units, currency), lines: o.lines, oldestDeadline: o.oldestDeadline, maxOverdueDays: o.maxOverdueDays };
}
