import { csvDocument } from '../../../csv/src/index.js';
import { amount, bool, cisac, type Column, currency, date, ipi, iswc, oneOf, territory, text, year } from './columns.js';

export const CATEGORIES = ['performing', 'mechanical', 'reproduction', 'communication', 'making-available', 'private-copying', 'performers', 'producers', 'reprography', 'other'] as const;
export const USE_TYPES = ['radio', 'tv', 'live', 'online', 'background', 'cinema', 'private-copying', 'physical', 'other'] as const;
export const WORK_TYPES = ['musical', 'audiovisual', 'literary', 'visual', 'sound-recording', 'other'] as const;
export const PACKAGE_TYPES = ['income', 'deductions', 'distribution-lines', 'inter-society', 'undistributed', 'board', 'mandates'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

/** A check across the columns of one row; it runs only where those columns are individually valid. */
export interface RowRule {
  column: string;
  /** SQL boolean that must hold before `breaks` may be evaluated (e.g. the cells parse). */
  guard?: string;
  /** SQL boolean over staged columns `s.<name>`: true when the row breaks the rule. */
  breaks: string;
  message: string;
}

export interface PackageType_ {
  type: PackageType;
  /** Table the committed lines go to. */
  table: string;
  columns: Column[];
  rules: RowRule[];
  /**
   * The lines table is partitioned per society and submission, and a package's lines are
   * written as a partition of their own with indexes built in bulk (line-partitions.ts):
   * the table that takes millions of lines per package.
   */
  partitioned?: boolean;
  /** Column whose value must be unique within the package (the line's id), if any. */
  idColumn?: string;
  /** Two example rows for the template, in column order. */
  examples: string[][];
  /** What one line means, for docs. */
  describe: string;
}

/** Whether a date or amount cell parses: a flag the validating statement computes once per row. */
const dateOk = (c: string) => `s.ok_${c}`;
const amountOk = (c: string) => `s.ok_${c}`;
/**
 * `a` is an earlier date than `b`, for cells the guard has found valid (YYYY-MM-DD, year
 * 0001 to 9999): byte order of such texts is date order, and comparing them is cheaper
 * than two casts to date.
 */
const dateBefore = (a: string, b: string) => `s.${a} COLLATE "C" < s.${b} COLLATE "C"`;

export const PACKAGES: Record<PackageType, PackageType_> = {
  income: {
    type: 'income',
    table: 'income_lines',
    describe: 'Rights revenue collected from a licensee in the quarter.',
    idColumn: 'income_id',
    columns: [
      text('income_id', { max: 100, kind: 'id' }),
      oneOf('category', CATEGORIES),
      oneOf('use_type', USE_TYPES),
      territory('territory'),
      text('licensee', { max: 300 }),
      date('period_from', { rule: 'not-after-quarter' }),
      date('period_to', { rule: 'not-after-quarter' }),
      currency('currency'),
      amount('amount'),
      date('received_on', { rule: 'in-quarter' }),
    ],
    rules: [
      {
        column: 'period_to',
        guard: `${dateOk('period_from')} AND ${dateOk('period_to')}`,
        breaks: dateBefore('period_to', 'period_from'),
        message: 'is before period_from',
      },
    ],
    examples: [
      ['INC-0001', 'performing', 'radio', 'RU', 'Radio Volna LLC', '2025-01-01', '2025-03-31', 'RUB', '1250000.00', '2025-03-28'],
      ['INC-0002', 'communication', 'tv', 'RU', 'Channel Nine JSC', '2024-10-01', '2024-12-31', 'RUB', '830500.50', '2025-02-14'],
    ],
  },
  deductions: {
    type: 'deductions',
    table: 'deduction_lines',
    describe: 'Deductions from rights revenue: management fees, social-cultural funds, other.',
    idColumn: 'deduction_id',
    columns: [
      text('deduction_id', { max: 100, kind: 'id' }),
      oneOf('kind', ['management', 'social-cultural', 'other']),
      oneOf('category', CATEGORIES),
      currency('currency'),
      amount('amount'),
      text('description', { max: 1000 }),
    ],
    rules: [],
    examples: [
      ['DED-0001', 'management', 'performing', 'RUB', '187500.00', 'Management fee 15% on Q1 performing income'],
      ['DED-0002', 'social-cultural', 'performing', 'RUB', '25000.00', 'Young composers fund (GA decision 2024-06-12)'],
    ],
  },
  'distribution-lines': {
    type: 'distribution-lines',
    table: 'distribution_lines',
    partitioned: true,
    describe: 'What was attributed to one rights holder for one use, and whether it was paid.',
    idColumn: 'line_id',
    columns: [
      text('line_id', { max: 100, kind: 'id' }),
      ipi('rights_holder_ipi', { optional: true }),
      text('rights_holder_name', { max: 300, kind: 'name' }),
      iswc('work_iswc'),
      text('work_title', { max: 500 }),
      oneOf('category', CATEGORIES),
      oneOf('use_type', USE_TYPES),
      territory('territory'),
      date('use_from', { rule: 'not-after-quarter' }),
      date('use_to', { rule: 'not-after-quarter' }),
      currency('currency'),
      amount('gross'),
      amount('management_fee'),
      amount('other_deductions'),
      amount('net'),
      oneOf('status', ['paid', 'unpaid', 'unidentified']),
      date('paid_on', { optional: true, rule: 'in-quarter' }),
      oneOf('mandate_basis', ['contractual', 'non-contractual']),
      // Added later (issue 14): mandates' vocabulary; without it a line matches mandates of any work type.
      oneOf('work_type', WORK_TYPES, { optional: true, mayBeAbsent: true }),
    ],
    rules: [
      {
        column: 'use_to',
        guard: `${dateOk('use_from')} AND ${dateOk('use_to')}`,
        breaks: dateBefore('use_to', 'use_from'),
        message: 'is before use_from',
      },
      {
        column: 'net',
        guard: `${amountOk('gross')} AND ${amountOk('management_fee')} AND ${amountOk('other_deductions')} AND ${amountOk('net')}`,
        breaks: `s.net::numeric <> s.gross::numeric - s.management_fee::numeric - s.other_deductions::numeric`,
        message: 'must equal gross - management_fee - other_deductions exactly',
      },
      {
        column: 'paid_on',
        breaks: `s.status = 'paid' AND s.paid_on = ''`,
        message: 'is required when status is paid',
      },
      {
        column: 'paid_on',
        breaks: `s.status IN ('unpaid', 'unidentified') AND s.paid_on <> ''`,
        message: 'must be empty unless status is paid',
      },
      {
        column: 'rights_holder_ipi',
        breaks: `s.rights_holder_ipi = '' AND s.status IN ('paid', 'unpaid')`,
        message: 'is required unless status is unidentified',
      },
    ],
    examples: [
      ['L-000001', '00052210040', 'Ivanova, Maria', 'T-034.524.680-1', 'Winter Road', 'performing', 'radio', 'RU', '2025-01-01', '2025-03-31', 'RUB', '1000.00', '150.00', '20.00', '830.00', 'paid', '2025-03-30', 'contractual', 'musical'],
      ['L-000002', '', 'Unknown composer (cue sheet 77)', '', 'Untitled theme', 'communication', 'tv', 'RU', '2024-10-01', '2024-12-31', 'RUB', '410.50', '61.58', '0', '348.92', 'unidentified', '', 'non-contractual', ''],
    ],
  },
  'inter-society': {
    type: 'inter-society',
    table: 'inter_society_lines',
    describe: 'Money collected for or received from another society under a representation agreement.',
    idColumn: 'transfer_id',
    columns: [
      text('transfer_id', { max: 100, kind: 'id' }),
      cisac('counterparty_cisac'),
      oneOf('direction', ['in', 'out']),
      oneOf('category', CATEGORIES),
      territory('territory'),
      year('fy_of_collection'),
      currency('currency'),
      amount('amount'),
      date('paid_on', { optional: true, rule: 'in-quarter' }),
    ],
    rules: [],
    examples: [
      ['TR-0001', '904', 'out', 'performing', 'SE', '2024', 'RUB', '54000.00', '2025-02-20'],
      ['TR-0002', '904', 'in', 'performing', 'RU', '2024', 'SEK', '12000.00', ''],
    ],
  },
  undistributed: {
    type: 'undistributed',
    table: 'undistributed_lines',
    describe: 'Amounts collected but not (yet) distributed, with the reason and, if non-distributable, their use.',
    columns: [
      oneOf('category', CATEGORIES),
      year('fy_of_collection'),
      currency('currency'),
      amount('amount'),
      text('reason', { max: 1000 }),
      bool('non_distributable'),
      text('decided_use', { optional: true, max: 1000 }),
    ],
    rules: [],
    examples: [
      ['performing', '2024', 'RUB', '310000.00', 'Rights holders not identified (cue sheets missing)', 'false', ''],
      ['performing', '2021', 'RUB', '95000.00', 'Unclaimed after 3 years of documented searches', 'true', 'Social and cultural fund (GA 2025-06-10)'],
    ],
  },
  board: {
    type: 'board',
    table: 'board_lines',
    describe: "The society's board (supervisory body) members and the constituency each represents.",
    idColumn: 'member_id',
    columns: [
      text('member_id', { max: 100, kind: 'id' }),
      text('name', { max: 300, kind: 'name' }),
      oneOf('constituency', ['authors', 'composers', 'publishers', 'performers', 'producers', 'other']),
      date('seat_from'),
      date('seat_to', { optional: true }),
      // Added later (issue 18): the member as a party, a rights holder and the organisation they work for (a header may leave them out).
      ipi('rights_holder_ipi', { optional: true, mayBeAbsent: true }),
      text('organisation', { optional: true, max: 300, kind: 'name', mayBeAbsent: true }),
    ],
    rules: [
      {
        column: 'seat_to',
        guard: `s.seat_to <> '' AND ${dateOk('seat_from')} AND ${dateOk('seat_to')}`,
        breaks: dateBefore('seat_to', 'seat_from'),
        message: 'is before seat_from',
      },
    ],
    examples: [
      ['B-01', 'Orlov, Pavel', 'authors', '2022-06-01', '2026-05-31', '00052210040', 'Volga Songs Ltd'],
      ['B-02', 'Melodiya Music Publishing', 'publishers', '2022-06-01', '', '', ''],
    ],
  },
  mandates: {
    type: 'mandates',
    table: 'mandate_lines',
    describe:
      'Mandates the society holds: who entrusted it with which rights, where and when. One line per territory: lines sharing a mandate_id are one mandate over all their territories (they must agree on everything else).',
    columns: [
      text('mandate_id', { max: 100, kind: 'id' }),
      ipi('rights_holder_ipi'),
      oneOf('category', CATEGORIES),
      oneOf('work_type', WORK_TYPES),
      territory('territory'),
      date('valid_from'),
      date('valid_to', { optional: true }),
      oneOf('basis', ['contractual', 'non-contractual']),
      bool('exclusive'),
    ],
    rules: [
      {
        column: 'valid_to',
        guard: `s.valid_to <> '' AND ${dateOk('valid_from')} AND ${dateOk('valid_to')}`,
        breaks: dateBefore('valid_to', 'valid_from'),
        message: 'is before valid_from',
      },
    ],
    examples: [
      ['M-0001', '00052210040', 'performing', 'musical', 'WORLD', '2020-01-01', '', 'contractual', 'true'],
      ['M-0002', '00052210040', 'mechanical', 'musical', 'RU', '2020-01-01', '2025-12-31', 'non-contractual', 'false'],
    ],
  },
};

export function isPackageType(value: unknown): value is PackageType {
  return typeof value === 'string' && (PACKAGE_TYPES as readonly string[]).includes(value);
}

/** The template: header and the two example rows (RFC 4180). */
export function templateCsv(type: PackageType): string {
  const p = PACKAGES[type];
  return csvDocument([p.columns.map((c) => c.name), ...p.examples]);
}

/** The template as JSON Lines: the two example rows, one object per line, keys in column order. */
export function templateNdjson(type: PackageType): string {
  const p = PACKAGES[type];
  return p.examples.map((row) => JSON.stringify(Object.fromEntries(p.columns.map((c, i) => [c.name, row[i]]))) + '\n').join('');
}
