/**
 * The annual transparency report (Directive 2014/26/EU Art. 22 and its Annex): the
 * figures a society publishes for a financial year, computed from the quarterly packages
 * in its signed log up to one tree head.
 *
 * This file is the pure part: it takes the grouped sums the repository reads (decimal
 * strings straight from PostgreSQL's numeric) and builds the report — totals, the
 * management-cost ratio, shares, the completeness of the data, the money flows per
 * category — with exact decimal arithmetic (libs/money), in a stated order (code-point
 * order of the keys), so the same inputs always give the same report and the same bytes.
 * No NestJS, no database, no clock.
 */
import { DecimalValue } from '../../money/src/index.js';
import { costRatioJudgement } from '../../audit/src/rules/payout-deductions.js';
import { percent } from '../../audit/src/rules/support.js';
import type { CategoryFlow } from '../../audit/src/rules/payout-conservation.js';
import type { PinnedHead } from '../../audit/src/rules/rule.js';
import { type PackageType, REQUIRED_TRANSPARENCY_TYPES, TRANSPARENCY_PACKAGE_TYPES } from '../../package-catalogue/src/index.js';

export const TRANSPARENCY_REPORT_FORMAT = 'collective-ledger/transparency-report/1';
export const LEGAL_BASIS = 'Directive 2014/26/EU Art. 22 and Annex';

/** The package types the report reads, in the order it shows them: those the package catalogue marks `transparency`. */
export const SOURCE_TYPES: readonly PackageType[] = TRANSPARENCY_PACKAGE_TYPES;
export type SourceType = PackageType;

/**
 * Types every quarter must have for the report to be complete: revenue, deductions and
 * the amounts attributed and paid, which no year can lack (the default `requiredTypes`
 * of the audit rule governance.transparency-report). The others are reported when present.
 */
export const REQUIRED_TYPES: readonly SourceType[] = REQUIRED_TRANSPARENCY_TYPES;

/** Annex items the quarterly packages do not carry: the report says so instead of leaving them out silently. */
export const NOT_COVERED = [
  'Annex 1(a): financial statements (balance sheet, income and expenditure account, cash flow statement) beyond the money flows per category below',
  "Annex 1(b): a report on the year's activities",
  'Annex 1(c): refusals to grant a licence (Art. 16(3))',
  'Annex 1(d): the legal and governance structure beyond the board composition below',
  'Annex 1(e): entities owned or controlled by the society',
  "Annex 1(f): the total remuneration of the society's managers (Art. 10(1)); the board members' own remuneration is given as they declared it (Art. 10(2)) in the board section",
  'Annex 2(a): income from the investment of rights revenue and its use',
  'Annex 2(b)(i)-(iv): operating and financial costs and the resources covering them (the packages give deductions, not costs), and deductions per type of use (deduction lines have none)',
  'Annex 2(d)(ii)-(iv): management fees and deductions on amounts due to or paid by other societies, and amounts from other societies distributed directly to rights holders',
  "Annex 3(b): the costs of managing social, cultural and educational amounts (each deduction's use is given only as its description)",
] as const;

export type Head = PinnedHead;

export interface ReportSociety {
  id: string;
  name: string;
  cisacCode: string;
  country: string;
  currency: string;
  fyEndMonth: number;
  fyEndDay: number;
}

// ---------------------------------------------------------------- input (from SQL)

/** A package in the log at the pinned head. */
export interface LoggedPackage {
  submissionId: string;
  leafIndex: number;
  /** When it entered the log (ISO 8601 UTC). */
  committedAt: string;
  type: string;
  period: string;
  /** No package inside the pin supersedes it. */
  current: boolean;
}

export interface IncomeRow {
  category: string;
  useType: string;
  currency: string;
  amount: string;
  lines: number;
}

export interface DeductionRow {
  kind: string;
  category: string;
  currency: string;
  amount: string;
  lines: number;
}

export interface SocialCulturalLine {
  submissionId: string;
  period: string;
  lineNo: number;
  deductionId: string;
  category: string;
  currency: string;
  amount: string;
  description: string;
}

export interface DistributionRow {
  category: string;
  useType: string;
  currency: string;
  status: 'paid' | 'unpaid' | 'unidentified';
  basis: 'contractual' | 'non-contractual';
  /** The mandate status derived from the register when the line's package committed (null: before it was derived). */
  mandateStatus?: 'mandated' | 'entrusted-elsewhere' | 'no-mandate' | 'unidentified' | null;
  paidOn: string | null;
  lines: number;
  gross: string;
  managementFee: string;
  otherDeductions: string;
  net: string;
}

export interface InterSocietyRow {
  counterpartyCisac: string;
  direction: 'in' | 'out';
  category: string;
  currency: string;
  paid: boolean;
  amount: string;
  lines: number;
}

export interface UndistributedRow {
  category: string;
  fyOfCollection: number;
  currency: string;
  nonDistributable: boolean;
  reason: string;
  decidedUse: string | null;
  amount: string;
  lines: number;
}

export interface BoardMemberRow {
  memberId: string;
  name: string;
  constituency: string;
  seatFrom: string;
  seatTo: string | null;
}

export type BoardSource = { kind: 'board-package'; submissionId: string; period: string } | { kind: 'registry' } | { kind: 'none' };

/** A board member's current declaration for the year (Art. 10(2)), as recorded by the head's time. */
export interface BoardDeclarationRow {
  memberId: string;
  version: number;
  interests: string;
  remuneration: string;
  currency: string;
  amountsAsRightholder: string;
  conflicts: string;
  recordedAt: string;
}

export interface ReportInput {
  society: ReportSociety;
  financialYear: number;
  period: { from: string; to: string };
  /** The quarters (YYYYQn) whose last day is in the financial year. */
  quarters: readonly string[];
  /** The year's end plus 8 months (Art. 22(1)). */
  publicationDeadline: string;
  head: Head;
  /** Every package in the log below the head (mandates left out), in log order. */
  logged: readonly LoggedPackage[];
  income: readonly IncomeRow[];
  deductions: readonly DeductionRow[];
  socialCulturalLines: readonly SocialCulturalLine[];
  distribution: readonly DistributionRow[];
  /** Distinct identified rights holders on the year's distribution lines: under non-contractual management, and all. */
  holders: { nonContractual: number; total: number; verifiedNonContractual?: number };
  interSociety: readonly InterSocietyRow[];
  undistributed: readonly UndistributedRow[];
  board: { source: BoardSource; members: readonly BoardMemberRow[] };
  /** The board members' declarations for the year (issue 18); absent: the report leaves the section out. */
  declarations?: readonly BoardDeclarationRow[];
}

// ---------------------------------------------------------------- output

/** Which quarters of the year a section's package type covers at the pinned head. */
export interface Coverage {
  type: SourceType;
  /** Quarters with a current package of the type. */
  periods: string[];
  /** Quarters of the year without one: the section's figures leave them out. */
  missing: string[];
}

export interface PackageState {
  type: SourceType;
  period: string;
  required: boolean;
  present: boolean;
  /** The current package of that type and quarter at the head (null: none). */
  submissionId: string | null;
  leafIndex: number | null;
  committedAt: string | null;
  /** Packages of that type and quarter in the log up to the head (the current one and those it corrected). */
  submissions: number;
}

export interface CurrencyAmount {
  currency: string;
  amount: string;
  lines: number;
}

export interface UseAmounts {
  category: string;
  useType: string;
  currency: string;
  gross: string;
  managementFees: string;
  otherDeductions: string;
  net: string;
  paid: string;
  unpaid: string;
  unidentified: string;
  lines: number;
}

export interface HolderTotals {
  currency: string;
  gross: string;
  managementFees: string;
  otherDeductions: string;
  net: string;
  paid: string;
  paidLines: number;
  unpaid: string;
  unpaidLines: number;
  unidentified: string;
  unidentifiedLines: number;
  lines: number;
}

export interface TransferFlow {
  counterpartyCisac: string;
  direction: 'in' | 'out';
  category: string;
  currency: string;
  amount: string;
  paid: string;
  due: string;
  lines: number;
}

export type { CategoryFlow };

export interface TransparencyReport {
  format: typeof TRANSPARENCY_REPORT_FORMAT;
  legalBasis: typeof LEGAL_BASIS;
  society: ReportSociety;
  financialYear: number;
  period: { from: string; to: string };
  quarters: string[];
  publicationDeadline: string;
  /** The signed head of the society's log the report was computed from (treeSize 0 and nulls: empty log). */
  head: Head;
  completeness: {
    complete: boolean;
    requiredTypes: SourceType[];
    /** Required packages with no current package at the head. */
    missing: { type: SourceType; period: string }[];
    packages: PackageState[];
  };
  revenue: {
    coverage: Coverage;
    byCategoryAndUse: IncomeRow[];
    totals: CurrencyAmount[];
  };
  deductions: {
    coverage: Coverage;
    byKindAndCategory: DeductionRow[];
    totals: { kind: string; currency: string; amount: string; lines: number }[];
    managementCosts: { currency: string; managementCosts: string; revenue: string; ratioPercent: string | null; ratioPercentPrecise: string | null }[];
  };
  socialCultural: {
    coverage: Coverage;
    totals: { currency: string; amount: string; lines: number; sharePercentOfRevenue: string | null }[];
    /** Every social-cultural deduction line, in log order (its package, then its line number). */
    lines: SocialCulturalLine[];
  };
  rightsHolders: {
    coverage: Coverage;
    byCategoryAndUse: UseAmounts[];
    totals: HolderTotals[];
    /** Frequency of payments: the distinct days of payment, and what was paid each day per category and type of use. */
    payments: { days: number; dates: { paidOn: string; category: string; useType: string; currency: string; net: string; lines: number }[] };
  };
  undistributed: {
    coverage: Coverage;
    items: UndistributedRow[];
    totals: { currency: string; undistributed: string; nonDistributable: string; lines: number }[];
  };
  otherSocieties: {
    coverage: Coverage;
    flows: TransferFlow[];
    totals: { direction: 'in' | 'out'; currency: string; amount: string; paid: string; due: string; lines: number }[];
  };
  nonContractual: {
    coverage: Coverage;
    byCurrency: { currency: string; gross: string; net: string; lines: number; sharePercentOfGross: string | null }[];
    rightsHolders: number;
    identifiedRightsHolders: number;
    unidentifiedLines: number;
    /**
     * The same as the mandate register says, beside the society's label: lines whose
     * status, derived when their package committed, is no-mandate or entrusted-elsewhere
     * (a line committed before statuses were derived counts by its declared basis).
     */
    verifiedByCurrency: { currency: string; gross: string; net: string; lines: number; sharePercentOfGross: string | null }[];
    verifiedRightsHolders: number;
    /** Lines committed before statuses were derived (judged by their declared basis). */
    linesWithoutDerivedStatus: number;
  };
  governance: {
    board: {
      date: string;
      coverage: Coverage;
      source: BoardSource;
      seats: number;
      byConstituency: { constituency: string; seats: number }[];
      members: BoardMemberRow[];
    };
    /**
     * The board members' annual declarations for the year (Art. 10(2); their remuneration
     * is the board's share of Annex 1(f)): the current version of each, as recorded by the
     * head's time; the members on the board at the year's end without one; the
     * remuneration and the amounts received as rights holders declared, per currency.
     */
    declarations?: {
      legalBasis: string;
      items: BoardDeclarationRow[];
      undeclared: string[];
      totals: { currency: string; remuneration: string; amountsAsRightholder: string; declarations: number }[];
    };
  };
  conservation: {
    categories: CategoryFlow[];
    balanced: boolean;
  };
  notCovered: string[];
}

// ---------------------------------------------------------------- helpers

type Decimal = InstanceType<typeof DecimalValue>;
const dec = (s: string): Decimal => new DecimalValue(s);
const ZERO = new DecimalValue(0);
/** A decimal as plain text without exponent or trailing zeros ("1250.5", "0"): as trim_scale prints it. */
export const decimalText = (d: Decimal): string => (d.isZero() ? '0' : d.toFixed());

/** Code-point order (locale-independent), the order of every list of the report. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBy<T>(...keys: ((x: T) => string | number | boolean | null)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return compareText(String(x), String(y));
    }
    return 0;
  };
}

/** Sums decimal fields of rows grouped by a key; the group's first row gives the key fields. */
class Sums<K> {
  private readonly groups = new Map<string, { key: K; sums: Map<string, Decimal>; counts: Map<string, number> }>();

  add(id: string, key: K, amounts: Record<string, string | Decimal>, counts: Record<string, number> = {}): void {
    let g = this.groups.get(id);
    if (!g) this.groups.set(id, (g = { key, sums: new Map(), counts: new Map() }));
    for (const [name, value] of Object.entries(amounts)) g.sums.set(name, (g.sums.get(name) ?? ZERO).plus(value));
    for (const [name, value] of Object.entries(counts)) g.counts.set(name, (g.counts.get(name) ?? 0) + value);
  }

  rows<R>(make: (key: K, sum: (name: string) => string, count: (name: string) => number) => R): R[] {
    return [...this.groups.values()].map((g) =>
      make(
        g.key,
        (name) => decimalText(g.sums.get(name) ?? ZERO),
        (name) => g.counts.get(name) ?? 0,
      ),
    );
  }
}

const id = (...parts: (string | number | boolean | null)[]) => parts.map((p) => String(p)).join('\u0000');

// ---------------------------------------------------------------- the report

/** The current packages of each type and quarter of the year, and their states. */
export function packageStates(logged: readonly LoggedPackage[], quarters: readonly string[]): PackageState[] {
  const states: PackageState[] = [];
  for (const type of SOURCE_TYPES) {
    for (const period of quarters) {
      const all = logged.filter((p) => p.type === type && p.period === period);
      const current = all.filter((p) => p.current).sort((a, b) => b.leafIndex - a.leafIndex)[0];
      states.push({
        type,
        period,
        required: REQUIRED_TYPES.includes(type),
        present: current !== undefined,
        submissionId: current?.submissionId ?? null,
        leafIndex: current?.leafIndex ?? null,
        committedAt: current?.committedAt ?? null,
        submissions: all.length,
      });
    }
  }
  return states;
}

/**
 * The submissions the figures read: the current package of each type for each quarter
 * of the year (a corrected package's lines are replaced by its correction's).
 */
export function currentSubmissions(logged: readonly LoggedPackage[], quarters: readonly string[], type: SourceType): LoggedPackage[] {
  return logged.filter((p) => p.type === type && p.current && quarters.includes(p.period)).sort((a, b) => a.leafIndex - b.leafIndex);
}

/**
 * The board packages that may tell who sat on the board on `date`: current packages of
 * any quarter that began by then, latest quarter first (then latest in the log), as the
 * audit rule governance.board-representation picks them.
 */
export function boardCandidates(logged: readonly LoggedPackage[], date: string): LoggedPackage[] {
  const quarterStart = (period: string) => `${period.slice(0, 4)}-${['01', '04', '07', '10'][Number(period[5]) - 1]}-01`;
  return logged
    .filter((p) => p.type === 'board' && p.current && quarterStart(p.period) <= date)
    .sort((a, b) => compareText(b.period, a.period) || b.leafIndex - a.leafIndex);
}

function coverage(states: readonly PackageState[], type: SourceType): Coverage {
  const of = states.filter((s) => s.type === type);
  return { type, periods: of.filter((s) => s.present).map((s) => s.period), missing: of.filter((s) => !s.present).map((s) => s.period) };
}

/** The 2-decimal ratio of management costs to revenue as payout.management-cost-ratio computes it, and its 6-decimal value. */
export function managementCostRatio(management: string, revenue: string): { ratioPercent: string | null; ratioPercentPrecise: string | null } {
  const own = { societyId: '', income: revenue, management, socialCultural: '0' };
  const { ratio } = costRatioJudgement(own, [own], { maxPercent: null, peerFactor: null, minPeers: 1 });
  return { ratioPercent: ratio === null ? null : dec(ratio).toFixed(2, DecimalValue.ROUND_HALF_UP), ratioPercentPrecise: ratio };
}

export function buildReport(input: ReportInput): TransparencyReport {
  const states = packageStates(input.logged, input.quarters);
  const missing = states.filter((s) => s.required && !s.present).map((s) => ({ type: s.type, period: s.period }));

  // Revenue per category of rights and type of use.
  const byUse = [...input.income].map((r) => ({ ...r })).sort(compareBy((r) => r.category, (r) => r.useType, (r) => r.currency));
  const revenueTotals = new Sums<{ currency: string }>();
  for (const r of input.income) revenueTotals.add(r.currency, { currency: r.currency }, { amount: r.amount }, { lines: r.lines });
  const revenue = revenueTotals.rows((k, sum, count) => ({ currency: k.currency, amount: sum('amount'), lines: count('lines') })).sort(compareBy((r) => r.currency));
  const revenueIn = (currency: string) => revenue.find((r) => r.currency === currency)?.amount ?? '0';

  // Deductions per kind and category; management costs against revenue.
  const deductionRows = [...input.deductions].map((r) => ({ ...r })).sort(compareBy((r) => r.kind, (r) => r.category, (r) => r.currency));
  const deductionTotals = new Sums<{ kind: string; currency: string }>();
  for (const r of input.deductions) deductionTotals.add(id(r.kind, r.currency), { kind: r.kind, currency: r.currency }, { amount: r.amount }, { lines: r.lines });
  const kindTotals = deductionTotals.rows((k, sum, count) => ({ kind: k.kind, currency: k.currency, amount: sum('amount'), lines: count('lines') })).sort(compareBy((r) => r.kind, (r) => r.currency));
  const deductedIn = (kind: string, currency: string) => kindTotals.find((t) => t.kind === kind && t.currency === currency)?.amount ?? '0';
  const costCurrencies = [...new Set([...revenue.map((r) => r.currency), ...kindTotals.filter((t) => t.kind === 'management').map((t) => t.currency)])].sort(compareText);
  const managementCosts = costCurrencies.map((currency) => {
    const managementCosts = deductedIn('management', currency);
    return { currency, managementCosts, revenue: revenueIn(currency), ...managementCostRatio(managementCosts, revenueIn(currency)) };
  });

  // The special report on social, cultural and educational deductions.
  const socialTotals = kindTotals
    .filter((t) => t.kind === 'social-cultural')
    .map((t) => ({ currency: t.currency, amount: t.amount, lines: t.lines, sharePercentOfRevenue: percent(t.amount, revenueIn(t.currency)) }));
  const logIndex = new Map(input.logged.map((p) => [p.submissionId, p.leafIndex]));
  const socialLines = [...input.socialCulturalLines]
    .sort((a, b) => (logIndex.get(a.submissionId) ?? 0) - (logIndex.get(b.submissionId) ?? 0) || a.lineNo - b.lineNo)
    .map((l) => ({ ...l }));

  // Amounts due to rights holders.
  const uses = new Sums<{ category: string; useType: string; currency: string }>();
  const holderTotals = new Sums<{ currency: string }>();
  const paymentDays = new Sums<{ paidOn: string; category: string; useType: string; currency: string }>();
  const nonContractual = new Sums<{ currency: string }>();
  const verifiedNonContractual = new Sums<{ currency: string }>();
  let linesWithoutDerivedStatus = 0;
  const allGross = new Sums<{ currency: string }>();
  let unidentifiedNonContractualLines = 0;
  for (const r of input.distribution) {
    const status = { paid: r.status === 'paid' ? r.net : '0', unpaid: r.status === 'unpaid' ? r.net : '0', unidentified: r.status === 'unidentified' ? r.net : '0' };
    const amounts = { gross: r.gross, managementFees: r.managementFee, otherDeductions: r.otherDeductions, net: r.net, ...status };
    uses.add(id(r.category, r.useType, r.currency), { category: r.category, useType: r.useType, currency: r.currency }, amounts, { lines: r.lines });
    holderTotals.add(r.currency, { currency: r.currency }, amounts, { lines: r.lines, [`${r.status}Lines`]: r.lines });
    if (r.status === 'paid' && r.paidOn !== null) paymentDays.add(id(r.paidOn, r.category, r.useType, r.currency), { paidOn: r.paidOn, category: r.category, useType: r.useType, currency: r.currency }, { net: r.net }, { lines: r.lines });
    allGross.add(r.currency, { currency: r.currency }, { gross: r.gross });
    if (r.mandateStatus == null) linesWithoutDerivedStatus += r.lines;
    if (r.mandateStatus == null ? r.basis === 'non-contractual' : r.mandateStatus === 'no-mandate' || r.mandateStatus === 'entrusted-elsewhere') {
      verifiedNonContractual.add(r.currency, { currency: r.currency }, { gross: r.gross, net: r.net }, { lines: r.lines });
    }
    if (r.basis === 'non-contractual') {
      nonContractual.add(r.currency, { currency: r.currency }, { gross: r.gross, net: r.net }, { lines: r.lines });
      if (r.status === 'unidentified') unidentifiedNonContractualLines += r.lines;
    }
  }
  const grossIn = new Map(allGross.rows((k, sum) => [k.currency, sum('gross')] as const));
  const dates = paymentDays
    .rows((k, sum, count) => ({ ...k, net: sum('net'), lines: count('lines') }))
    .sort(compareBy((r) => r.paidOn, (r) => r.category, (r) => r.useType, (r) => r.currency));

  // Other societies.
  const flows = new Sums<{ counterpartyCisac: string; direction: 'in' | 'out'; category: string; currency: string }>();
  const flowTotals = new Sums<{ direction: 'in' | 'out'; currency: string }>();
  for (const r of input.interSociety) {
    const amounts = { amount: r.amount, paid: r.paid ? r.amount : '0', due: r.paid ? '0' : r.amount };
    flows.add(id(r.counterpartyCisac, r.direction, r.category, r.currency), { counterpartyCisac: r.counterpartyCisac, direction: r.direction, category: r.category, currency: r.currency }, amounts, { lines: r.lines });
    flowTotals.add(id(r.direction, r.currency), { direction: r.direction, currency: r.currency }, amounts, { lines: r.lines });
  }

  // Undistributed and non-distributable amounts.
  const undistributedItems = [...input.undistributed]
    .map((r) => ({ ...r }))
    .sort(compareBy((r) => r.category, (r) => r.fyOfCollection, (r) => r.currency, (r) => r.nonDistributable, (r) => r.reason, (r) => r.decidedUse));
  const undistributedTotals = new Sums<{ currency: string }>();
  for (const r of input.undistributed) {
    undistributedTotals.add(r.currency, { currency: r.currency }, { undistributed: r.nonDistributable ? '0' : r.amount, nonDistributable: r.nonDistributable ? r.amount : '0' }, { lines: r.lines });
  }

  // Money flows per category, as the journal posts them (collected = deductions + distributed + to other societies + undistributed + difference).
  const conservation = new Sums<{ category: string; currency: string }>();
  const flow = (category: string, currency: string, amounts: Partial<Record<'collected' | 'deductions' | 'distributed' | 'toOtherSocieties' | 'undistributed', string>>) =>
    conservation.add(id(category, currency), { category, currency }, { collected: '0', deductions: '0', distributed: '0', toOtherSocieties: '0', undistributed: '0', ...amounts });
  for (const r of input.income) flow(r.category, r.currency, { collected: r.amount });
  for (const r of input.interSociety) flow(r.category, r.currency, r.direction === 'in' ? { collected: r.amount } : { toOtherSocieties: r.amount });
  for (const r of input.deductions) flow(r.category, r.currency, { deductions: r.amount });
  for (const r of input.distribution) flow(r.category, r.currency, { distributed: r.net });
  for (const r of input.undistributed) flow(r.category, r.currency, { undistributed: r.amount });
  const categories = conservation
    .rows((k, sum) => {
      const difference = dec(sum('collected')).minus(dec(sum('deductions')).plus(sum('distributed')).plus(sum('toOtherSocieties')).plus(sum('undistributed')));
      return {
        category: k.category,
        currency: k.currency,
        collected: sum('collected'),
        deductions: sum('deductions'),
        distributed: sum('distributed'),
        toOtherSocieties: sum('toOtherSocieties'),
        undistributed: sum('undistributed'),
        difference: decimalText(difference),
      };
    })
    .sort(compareBy((r) => r.category, (r) => r.currency));

  // The board on the year's last day.
  const members = [...input.board.members].map((m) => ({ ...m })).sort(compareBy((m) => m.constituency, (m) => m.memberId, (m) => m.name));
  const seats = new Map<string, number>();
  for (const m of members) seats.set(m.constituency, (seats.get(m.constituency) ?? 0) + 1);

  return {
    format: TRANSPARENCY_REPORT_FORMAT,
    legalBasis: LEGAL_BASIS,
    society: { ...input.society },
    financialYear: input.financialYear,
    period: { ...input.period },
    quarters: [...input.quarters],
    publicationDeadline: input.publicationDeadline,
    head: { ...input.head },
    completeness: { complete: missing.length === 0, requiredTypes: [...REQUIRED_TYPES], missing, packages: states },
    revenue: { coverage: coverage(states, 'income'), byCategoryAndUse: byUse, totals: revenue },
    deductions: { coverage: coverage(states, 'deductions'), byKindAndCategory: deductionRows, totals: kindTotals, managementCosts },
    socialCultural: { coverage: coverage(states, 'deductions'), totals: socialTotals, lines: socialLines },
    rightsHolders: {
      coverage: coverage(states, 'distribution-lines'),
      byCategoryAndUse: uses
        .rows((k, sum, count) => ({
          category: k.category,
          useType: k.useType,
          currency: k.currency,
          gross: sum('gross'),
          managementFees: sum('managementFees'),
          otherDeductions: sum('otherDeductions'),
          net: sum('net'),
          paid: sum('paid'),
          unpaid: sum('unpaid'),
          unidentified: sum('unidentified'),
          lines: count('lines'),
        }))
        .sort(compareBy((r) => r.category, (r) => r.useType, (r) => r.currency)),
      totals: holderTotals
        .rows((k, sum, count) => ({
          currency: k.currency,
          gross: sum('gross'),
          managementFees: sum('managementFees'),
          otherDeductions: sum('otherDeductions'),
          net: sum('net'),
          paid: sum('paid'),
          paidLines: count('paidLines'),
          unpaid: sum('unpaid'),
          unpaidLines: count('unpaidLines'),
          unidentified: sum('unidentified'),
          unidentifiedLines: count('unidentifiedLines'),
          lines: count('lines'),
        }))
        .sort(compareBy((r) => r.currency)),
      payments: { days: new Set(dates.map((d) => d.paidOn)).size, dates },
    },
    undistributed: {
      coverage: coverage(states, 'undistributed'),
      items: undistributedItems,
      totals: undistributedTotals
        .rows((k, sum, count) => ({ currency: k.currency, undistributed: sum('undistributed'), nonDistributable: sum('nonDistributable'), lines: count('lines') }))
        .sort(compareBy((r) => r.currency)),
    },
    otherSocieties: {
      coverage: coverage(states, 'inter-society'),
      flows: flows
        .rows((k, sum, count) => ({ ...k, amount: sum('amount'), paid: sum('paid'), due: sum('due'), lines: count('lines') }))
        .sort(compareBy((r) => r.counterpartyCisac, (r) => r.direction, (r) => r.category, (r) => r.currency)),
      totals: flowTotals.rows((k, sum, count) => ({ ...k, amount: sum('amount'), paid: sum('paid'), due: sum('due'), lines: count('lines') })).sort(compareBy((r) => r.direction, (r) => r.currency)),
    },
    nonContractual: {
      coverage: coverage(states, 'distribution-lines'),
      byCurrency: nonContractual
        .rows((k, sum, count) => ({ currency: k.currency, gross: sum('gross'), net: sum('net'), lines: count('lines'), sharePercentOfGross: percent(sum('gross'), grossIn.get(k.currency) ?? '0') }))
        .sort(compareBy((r) => r.currency)),
      rightsHolders: input.holders.nonContractual,
      identifiedRightsHolders: input.holders.total,
      unidentifiedLines: unidentifiedNonContractualLines,
      verifiedByCurrency: verifiedNonContractual
        .rows((k, sum, count) => ({ currency: k.currency, gross: sum('gross'), net: sum('net'), lines: count('lines'), sharePercentOfGross: percent(sum('gross'), grossIn.get(k.currency) ?? '0') }))
        .sort(compareBy((r) => r.currency)),
      verifiedRightsHolders: input.holders.verifiedNonContractual ?? input.holders.nonContractual,
      linesWithoutDerivedStatus,
    },
    governance: {
      board: {
        date: input.period.to,
        coverage: coverage(states, 'board'),
        source: { ...input.board.source },
        seats: members.length,
        byConstituency: [...seats.entries()].sort(([a], [b]) => compareText(a, b)).map(([constituency, n]) => ({ constituency, seats: n })),
        members,
      },
      ...(input.declarations ? { declarations: declarationsSection(input.declarations, members) } : {}),
    },
    conservation: { categories, balanced: categories.every((c) => c.difference === '0') },
    notCovered: [...NOT_COVERED],
  };
}

/** The declarations section: items by member, the board members without one, sums per currency. */
function declarationsSection(rows: readonly BoardDeclarationRow[], members: readonly BoardMemberRow[]): NonNullable<TransparencyReport['governance']['declarations']> {
  const items = [...rows].map((d) => ({ ...d })).sort(compareBy((d) => d.memberId));
  const declared = new Set(items.map((d) => d.memberId));
  const undeclared = [...new Set(members.map((m) => m.memberId))].filter((id) => !declared.has(id)).sort(compareText);
  const totals = new Map<string, { remuneration: Decimal; amountsAsRightholder: Decimal; declarations: number }>();
  for (const d of items) {
    const t = totals.get(d.currency) ?? { remuneration: ZERO, amountsAsRightholder: ZERO, declarations: 0 };
    totals.set(d.currency, { remuneration: t.remuneration.plus(d.remuneration), amountsAsRightholder: t.amountsAsRightholder.plus(d.amountsAsRightholder), declarations: t.declarations + 1 });
  }
  return {
    legalBasis: 'Directive 2014/26/EU Art. 10(2) (Art. 9(3)); Annex 1(f)',
    items,
    undeclared,
    totals: [...totals.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([currency, t]) => ({ currency, remuneration: decimalText(t.remuneration), amountsAsRightholder: decimalText(t.amountsAsRightholder), declarations: t.declarations })),
  };
}
