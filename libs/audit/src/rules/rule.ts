/**
 * What an audit rule is: an id, a title, the legal source it applies, a severity, its
 * parameters with defaults (RULES.md), and a set-based evaluation over the data pinned
 * to signed tree heads that returns pass or fail with the evidence it judged.
 *
 * Rules are plain objects; the runner (libs/audit/src/runner) gives each one a query
 * function bound to one REPEATABLE READ transaction in which `audit_pinned` (a temporary
 * table) lists the submissions of every society's log up to its pinned head, and a
 * context holding the facts of the audited society's distribution lines, read in one
 * grouped pass before the rules run.
 */
import type { ParamSpec, ParamValues } from './params.js';

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_GROUPS = ['payouts', 'governance'] as const;
export type RuleGroup = (typeof RULE_GROUPS)[number];

/** Runs one parameterised SQL statement in the audit's transaction. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** A JSON object (checked when the report is canonicalised: no undefined, no numbers that are not finite). */
export type JsonObject = { [key: string]: unknown };

/** A signed tree head an audit is pinned to (treeSize 0 and no signature: the society's log was empty). */
export interface PinnedHead {
  societyId: string;
  cisacCode: string;
  treeSize: number;
  rootHash: string | null;
  timestamp: string | null;
  origin: string | null;
  signature: string | null;
  keyId: string | null;
}

export interface AuditedSociety {
  id: string;
  name: string;
  cisacCode: string;
  country: string;
  currency: string;
  fyEndMonth: number;
  fyEndDay: number;
}

/** A society's financial year: the one ending in calendar year `year`, both days included. */
export interface YearWindow {
  year: number;
  from: string;
  to: string;
}

/** Board-apportionment settings the board rule applies (libs/governance). */
export interface BoardSettings {
  boardSize: number | null;
  method: string;
  lookbackYears: number;
  constituencyMap: Record<string, string>;
}

/** The audited society's distribution lines of one financial year of use, grouped. */
export interface LineFact {
  /** The financial year the line's use ended in (`use_to`). */
  useYear: number;
  status: 'paid' | 'unpaid' | 'unidentified';
  basis: 'contractual' | 'non-contractual';
  /** The mandate status derived from the register when the line's package committed; null for lines committed before it was derived. */
  mandateStatus?: 'mandated' | 'entrusted-elsewhere' | 'no-mandate' | 'unidentified' | null;
  currency: string;
  /** Kind of the identified rights holder (author, …); null for unidentified lines. */
  kind: string | null;
  /** domestic / foreign (the holder's country against the society's), unknown (no country), unidentified. */
  origin: 'domestic' | 'foreign' | 'unknown' | 'unidentified';
  lines: number;
  gross: string;
  managementFee: string;
  net: string;
}

/** What was paid (net) on one day for uses ending in one financial year (delay histogram and median). */
export interface PaymentDay {
  useYear: number;
  currency: string;
  paidOn: string;
  lines: number;
  net: string;
}

/** Net paid on one day for uses in one category and territory ending in one financial year: money paid on. */
export interface PaidByPlace {
  useYear: number;
  currency: string;
  category: string;
  territory: string;
  paidOn: string;
  lines: number;
  net: string;
}

/** Everything a rule may read besides the database. */
export interface RuleContext {
  society: AuditedSociety;
  /** The audited financial year. */
  year: YearWindow;
  /** The financial years the board rule's look-back window is made of, oldest first (the audited one last). */
  lookback: YearWindow[];
  /** The day deadlines are judged on: the date of the latest pinned head (null: no log has a head). */
  asOf: string | null;
  /** The latest pinned head's timestamp: registry rows recorded after it are ignored. */
  pinnedAt: string | null;
  heads: PinnedHead[];
  /** Every society with a non-empty pinned log (the audited one included), with its own financial year of the same number. */
  peers: { societyId: string; currency: string; year: YearWindow }[];
  board: BoardSettings;
  /** Facts of the distribution lines whose use ended in the look-back window. */
  facts: LineFact[];
  payments: PaymentDay[];
  paidByPlace: PaidByPlace[];
  /** Rights revenue collected in the audited year (income lines and DSR licence income of its quarters), per currency. */
  income: { currency: string; amount: string }[];
  /** Distinct identified rights holders on the audited year's lines: under non-contractual management and all. */
  holders: { nonContractual: number; total: number };
  /** The same, non-contractual as the mandate register says (verified; lines without a derived status by their declared basis). */
  verifiedHolders?: { nonContractual: number; total: number };
  /** How many lines a finding lists as evidence (the totals always cover all of them). */
  evidenceLimit: number;
}

/** What a rule says about the pinned data. */
export interface RuleOutcome {
  passed: boolean;
  /** One or two sentences a regulator can read out. */
  details: string;
  /** Amounts, line ids, dates: what the judgement rests on. */
  evidence: JsonObject;
  /** Figures other parts of the report use (overview, charts). */
  metrics?: JsonObject;
}

export interface AuditRule {
  /** `payout.<name>` or `governance.<name>`. */
  id: string;
  title: string;
  /** The legal source, e.g. "Directive 2014/26/EU Art. 13(1)". */
  source: string;
  severity: Severity;
  group: RuleGroup;
  /** What the rule checks and how, in a paragraph (docs/audit.md is generated from it). */
  description: string;
  params: readonly ParamSpec[];
  run(sql: Sql, ctx: RuleContext, params: ParamValues): Promise<RuleOutcome>;
}
