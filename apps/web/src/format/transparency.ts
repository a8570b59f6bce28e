import type { ReportBoardSource, ReportCoverage, ReportPackageState, ReportSourceType, TransparencyFormat, TransparencyReport } from '../api/types';
import { REPORT_SOURCE_TYPES } from '../api/types';
import { financialYearEndDate } from './dates';
import { msg, t } from '../i18n';

/**
 * Reading the annual transparency report (docs/transparency.md): which quarters each
 * section covers and which it leaves out, the packages present per type and quarter, the
 * financial years to offer. Amounts are left to `formatMoney`: nothing here touches money.
 */

/** The API's bounds for `financialYear` (REPORT_YEAR_RANGE of libs/transparency). */
export const REPORT_YEARS = { min: 1900, max: 9999 } as const;

/** A package type as a person reads it. */
export const SOURCE_LABELS: Record<ReportSourceType, string> = {
  income: msg('income'),
  deductions: msg('deductions'),
  'distribution-lines': msg('distribution lines'),
  'inter-society': msg('inter-society'),
  undistributed: msg('undistributed'),
  board: msg('board'),
};

const labelOf = (type: string): string => t(SOURCE_LABELS[type as ReportSourceType] ?? type);

/** `["a"]` → "a", `["a", "b"]` → "a and b", `["a", "b", "c"]` → "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return t('{items} and {last}', { items: items.slice(0, -1).join(', '), last: items[items.length - 1] });
}

/**
 * A section's coverage in words: the quarters its figures come from and, separately, the
 * quarters they leave out (stated plainly: a missing quarter is not a quarter of zeros).
 */
export function describeCoverage(c: ReportCoverage): { from: string; missing: string | null } {
  const label = labelOf(c.type);
  const from = c.periods.length === 0 ? t('No {type} package is in the log for any quarter of the year.', { type: label }) : t('From the {type} packages of {quarters}.', { type: label, quarters: listText(c.periods) });
  if (c.missing.length === 0) return { from, missing: null };
  return {
    from,
    missing: t.plural(
      c.missing.length,
      'Missing: {quarters}. No {type} package is in the log for that quarter, so it is left out of these figures (not counted as zero).',
      'Missing: {quarters}. No {type} package is in the log for those quarters, so they are left out of these figures (not counted as zero).',
      { quarters: listText(c.missing), type: label },
    ),
  };
}

/** The absent packages grouped by type, in the report's type order: `[{ type: 'undistributed', periods: ['2025Q3'] }]`. */
export function absentByType(packages: readonly ReportPackageState[], required: boolean): { type: string; periods: string[] }[] {
  const byType = new Map<string, string[]>();
  for (const p of packages) {
    if (p.present || p.required !== required) continue;
    byType.set(p.type, [...(byType.get(p.type) ?? []), p.period]);
  }
  return orderTypes([...byType.keys()]).map((type) => ({ type, periods: byType.get(type)! }));
}

/** Types in the report's order (REPORT_SOURCE_TYPES), any other type after them in code-point order. */
function orderTypes(types: readonly string[]): string[] {
  const rank = (t: string) => {
    const i = (REPORT_SOURCE_TYPES as readonly string[]).indexOf(t);
    return i < 0 ? REPORT_SOURCE_TYPES.length : i;
  };
  return [...types].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

const groupsText = (groups: { type: string; periods: string[] }[]): string => groups.map((g) => t('{type} for {quarters}', { type: labelOf(g.type), quarters: listText(g.periods) })).join('; ');

/**
 * The completeness block in words: whether every required package of every quarter is in
 * the log (and which are missing when not), and the optional packages that are absent.
 */
export function describeCompleteness(completeness: TransparencyReport['completeness']): { complete: boolean; summary: string; optional: string | null } {
  const required = listText(completeness.requiredTypes.map(labelOf));
  const missing = absentByType(completeness.packages, true);
  // `missing[]` is the API's list; the packages' own flags give the same, grouped for reading.
  const summary =
    completeness.complete && completeness.missing.length === 0
      ? t('Complete: every required package ({types}) of every quarter is in the log.', { types: required })
      : t('Incomplete: required packages missing from the log: {packages}. The figures leave those quarters out.', { packages: groupsText(missing.length > 0 ? missing : absentGroups(completeness.missing)) });
  const optional = absentByType(completeness.packages, false);
  return {
    complete: completeness.complete,
    summary,
    optional: optional.length === 0 ? null : t('Not in the log (optional: reported when present): {packages}.', { packages: groupsText(optional) }),
  };
}

function absentGroups(missing: readonly { type: string; period: string }[]): { type: string; periods: string[] }[] {
  return absentByType(
    missing.map((m) => ({ type: m.type as ReportSourceType, period: m.period, required: true, present: false, submissionId: null, leafIndex: null, committedAt: null, submissions: 0 })),
    true,
  );
}

export interface PackageGridRow {
  type: string;
  required: boolean;
  /** One per quarter of the year, in order; null when the report lists no state for it. */
  cells: (ReportPackageState | null)[];
}

/** The packages as a grid: one row per type (the report's order), one column per quarter. */
export function packageGrid(packages: readonly ReportPackageState[], quarters: readonly string[]): PackageGridRow[] {
  const types = orderTypes([...new Set(packages.map((p) => p.type))]);
  return types.map((type) => {
    const ofType = packages.filter((p) => p.type === type);
    return { type, required: ofType.some((p) => p.required), cells: quarters.map((q) => ofType.find((p) => p.period === q) ?? null) };
  });
}

/** One package state as a cell reads: "✓ leaf 12", "✓ leaf 12, 2 versions", "✗ missing", "— absent". */
export function packageCell(p: ReportPackageState | null): string {
  if (p === null) return '—';
  if (p.present) return p.submissions > 1 ? t('✓ leaf {leaf}, {n} versions', { leaf: p.leafIndex ?? '', n: p.submissions }) : t('✓ leaf {leaf}', { leaf: p.leafIndex ?? '' });
  return p.required ? t('✗ missing') : t('— absent');
}

/** The first and last day of financial year `year` for a year end of `month`/`day`. */
export function financialYearPeriod(year: number, month: number, day: number): { from: string; to: string } {
  const previousEnd = financialYearEndDate(year - 1, month, day);
  return { from: new Date(Date.parse(`${previousEnd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10), to: financialYearEndDate(year, month, day) };
}

/**
 * The financial years the selector offers, newest first: the year in progress, the last
 * complete one and those before it (`count` complete years in all; a report stays public
 * for five years), plus `selected` when it is outside that range.
 */
export function reportYearOptions(lastComplete: number, selected: number, count = 8): number[] {
  const years = new Set<number>();
  for (let y = lastComplete + 1; y > lastComplete - count && y >= REPORT_YEARS.min; y--) years.add(y);
  if (selected >= REPORT_YEARS.min && selected <= REPORT_YEARS.max) years.add(selected);
  return [...years].sort((a, b) => b - a);
}

/** A financial year from a page address (`/…/transparency/2025`), or null when it is not one the API takes. */
export function parseReportYear(value: string): number | null {
  if (!/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= REPORT_YEARS.min && year <= REPORT_YEARS.max ? year : null;
}

/** The name the server gives the report's files (`transparency-report-<CISAC>-FY<year>-tree<size>.<ext>`), for the JSON it does not name. */
export function reportFilename(report: Pick<TransparencyReport, 'society' | 'financialYear' | 'head'>, format: TransparencyFormat): string {
  return `transparency-report-${report.society.cisacCode}-FY${report.financialYear}-tree${report.head.treeSize}.${format}`;
}

/** Where the board the report shows comes from, in words. */
export function boardSourceText(source: ReportBoardSource): string {
  switch (source.kind) {
    case 'board-package':
      return t('the board package of {period}', { period: source.period ?? '' });
    case 'registry':
      return t('the registry (no board package in the log)');
    default:
      return t('nowhere: no board package and no board in the registry');
  }
}
