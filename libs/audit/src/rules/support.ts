/**
 * Helpers the rules share: exact decimal arithmetic on the amounts the database returns
 * as text, percentages, dates, and the SQL that lists a finding's example lines in
 * ledger order. Amounts never become JS numbers.
 */
import { withMinorUnits } from '../../../i18n/src/index.js';
import { DecimalValue } from '../../../money/src/index.js';
import type { JsonObject, LineFact, RuleContext } from './rule.js';

export type Decimal = InstanceType<typeof DecimalValue>;

export const dec = (text: string | null | undefined): Decimal => new DecimalValue(text ?? '0');

/** A decimal as plain text, without exponent or trailing zeros ("1250.5"). */
export const text = (d: Decimal): string => (d.isZero() ? '0' : d.toFixed());

export function addAll(values: Iterable<string>): string {
  let total = new DecimalValue(0);
  for (const v of values) total = total.plus(v);
  return text(total);
}

/** 100 · part / whole with 2 decimals (half up), or null when whole is 0. */
export function percent(part: string | Decimal, whole: string | Decimal): string | null {
  const w = typeof whole === 'string' ? dec(whole) : whole;
  if (w.isZero()) return null;
  const p = typeof part === 'string' ? dec(part) : part;
  return p.times(100).dividedBy(w).toFixed(2, DecimalValue.ROUND_HALF_UP);
}

/** True when 100 · part / whole is above `limitPercent` (exact, no rounding). */
export function exceedsPercent(part: string, whole: string, limitPercent: string): boolean {
  return dec(part).times(100).greaterThan(dec(whole).times(limitPercent));
}

/** Sums of a field of the facts that match `where`, per currency (currencies sorted). */
export function sumByCurrency(facts: readonly LineFact[], where: (f: LineFact) => boolean, field: 'gross' | 'net' | 'managementFee'): { currency: string; amount: string; lines: number }[] {
  const totals = new Map<string, { amount: Decimal; lines: number }>();
  for (const f of facts) {
    if (!where(f)) continue;
    const t = totals.get(f.currency) ?? { amount: dec('0'), lines: 0 };
    t.amount = t.amount.plus(f[field]);
    t.lines += f.lines;
    totals.set(f.currency, t);
  }
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, t]) => ({ currency, amount: text(t.amount), lines: t.lines }));
}

/** One currency's sum of a field of the facts that match `where`. */
export function sumIn(facts: readonly LineFact[], currency: string, where: (f: LineFact) => boolean, field: 'gross' | 'net' | 'managementFee'): { amount: string; lines: number } {
  let amount = dec('0');
  let lines = 0;
  for (const f of facts) {
    if (f.currency !== currency || !where(f)) continue;
    amount = amount.plus(f[field]);
    lines += f.lines;
  }
  return { amount: text(amount), lines };
}

/** Whole days from `a` to `b` (ISO dates; negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "RUB 1250.50": an amount after its currency, with the currency's minor units (zeros added, never rounded). */
export function money(currency: string, amount: string): string {
  return `${currency} ${withMinorUnits(amount, currency)}`;
}

/** "RUB 1250.50, EUR 3.00" from per-currency sums: each amount with its currency's minor units (zeros added, never rounded). */
export function moneyList(sums: readonly { currency: string; amount: string }[]): string {
  return sums.length === 0 ? 'nothing' : sums.map((s) => money(s.currency, s.amount)).join(', ');
}

/**
 * SQL listing the first lines (in ledger order: log index, then line number) of the
 * audited society's pinned, current packages of `type` that satisfy `where` over the
 * line alias `l`. `columns` are the line columns to return besides the line's place.
 * Parameters: $1 society id, $2 how many; `where` may use $3 onwards.
 *
 * Each pinned package is read in line order through its primary key and only until
 * enough lines are found, so a handful of examples costs little however many lines match.
 */
export function firstLinesSql(table: string, type: string, columns: string, where: string): string {
  return `
    SELECT p.submission_id AS "submissionId", p.period, x.*
    FROM (SELECT * FROM audit_pinned WHERE society_id = $1 AND active AND type = '${type}' ORDER BY leaf_index) p
    CROSS JOIN LATERAL (
      SELECT l.line_no AS "lineNo", ${columns}
      FROM ${table} l
      WHERE l.society_id = p.society_id AND l.submission_id = p.submission_id AND (${where})
      ORDER BY l.line_no
      LIMIT $2
    ) x
    ORDER BY p.leaf_index, x."lineNo"
    LIMIT $2`;
}

/** The columns of a distribution line a finding shows. */
export const LINE_COLUMNS = `l.line_id AS "lineId", l.rights_holder_ipi AS "rightsHolderIpi", l.rights_holder_name AS "rightsHolderName",
  l.category, l.territory, to_char(l.use_from, 'YYYY-MM-DD') AS "useFrom", to_char(l.use_to, 'YYYY-MM-DD') AS "useTo", l.currency,
  trim_scale(l.gross)::text AS gross, trim_scale(l.net)::text AS net, l.status, to_char(l.paid_on, 'YYYY-MM-DD') AS "paidOn", l.mandate_basis AS basis`;

/** A line row as evidence: JSON with nulls instead of absent values. */
export function asEvidence(rows: readonly Record<string, unknown>[]): JsonObject[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === undefined ? null : v])));
}

/** Facts of the audited year (use ended in it). */
export const ofYear = (ctx: RuleContext) => (f: LineFact) => f.useYear === ctx.year.year;
