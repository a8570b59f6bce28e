import { describe, expect, it } from '@jest/globals';
import type { ReportPackageState, TransparencyReport } from '../api/types';
import {
  absentByType,
  boardSourceText,
  describeCompleteness,
  describeCoverage,
  financialYearPeriod,
  listText,
  packageCell,
  packageGrid,
  parseReportYear,
  reportFilename,
  reportYearOptions,
} from './transparency';

const QUARTERS = ['2025Q1', '2025Q2', '2025Q3', '2025Q4'];
const state = (type: ReportPackageState['type'], period: string, present: boolean, extra: Partial<ReportPackageState> = {}): ReportPackageState => ({
  type,
  period,
  required: ['income', 'deductions', 'distribution-lines'].includes(type),
  present,
  submissionId: present ? `00000000-0000-4000-8000-00000000000${period.at(-1)}` : null,
  leafIndex: present ? Number(period.at(-1)) : null,
  committedAt: present ? '2026-01-10T00:00:00Z' : null,
  submissions: present ? 1 : 0,
  ...extra,
});

describe('transparency report formatting', () => {
  it('lists in words', () => {
    expect(listText([])).toBe('');
    expect(listText(['2025Q3'])).toBe('2025Q3');
    expect(listText(['2025Q3', '2025Q4'])).toBe('2025Q3 and 2025Q4');
    expect(listText(['2025Q1', '2025Q2', '2025Q4'])).toBe('2025Q1, 2025Q2 and 2025Q4');
  });

  it('states the quarters a section covers and, plainly, those it leaves out', () => {
    expect(describeCoverage({ type: 'income', periods: QUARTERS, missing: [] })).toEqual({ from: 'From the income packages of 2025Q1, 2025Q2, 2025Q3 and 2025Q4.', missing: null });
    expect(describeCoverage({ type: 'undistributed', periods: ['2025Q1', '2025Q2', '2025Q4'], missing: ['2025Q3'] })).toEqual({
      from: 'From the undistributed packages of 2025Q1, 2025Q2 and 2025Q4.',
      missing: 'Missing: 2025Q3. No undistributed package is in the log for that quarter, so it is left out of these figures (not counted as zero).',
    });
    expect(describeCoverage({ type: 'distribution-lines', periods: [], missing: QUARTERS })).toEqual({
      from: 'No distribution lines package is in the log for any quarter of the year.',
      missing: 'Missing: 2025Q1, 2025Q2, 2025Q3 and 2025Q4. No distribution lines package is in the log for those quarters, so they are left out of these figures (not counted as zero).',
    });
  });

  it('groups the absent packages by type, required and optional apart, in the report order', () => {
    const packages = [
      state('undistributed', '2025Q3', false),
      state('income', '2025Q4', false),
      state('board', '2025Q1', false),
      state('income', '2025Q3', false),
      state('deductions', '2025Q1', true),
    ];
    expect(absentByType(packages, true)).toEqual([{ type: 'income', periods: ['2025Q4', '2025Q3'] }]);
    expect(absentByType(packages, false)).toEqual([
      { type: 'undistributed', periods: ['2025Q3'] },
      { type: 'board', periods: ['2025Q1'] },
    ]);
  });

  it('describes the completeness block: complete with an optional package absent, or the required ones missing', () => {
    const complete: TransparencyReport['completeness'] = {
      complete: true,
      requiredTypes: ['income', 'deductions', 'distribution-lines'],
      missing: [],
      packages: [...QUARTERS.map((q) => state('income', q, true)), ...QUARTERS.map((q) => state('undistributed', q, q !== '2025Q3'))],
    };
    expect(describeCompleteness(complete)).toEqual({
      complete: true,
      summary: 'Complete: every required package (income, deductions and distribution lines) of every quarter is in the log.',
      optional: 'Not in the log (optional: reported when present): undistributed for 2025Q3.',
    });
    const incomplete: TransparencyReport['completeness'] = {
      ...complete,
      complete: false,
      missing: [
        { type: 'income', period: '2025Q3' },
        { type: 'income', period: '2025Q4' },
        { type: 'deductions', period: '2025Q4' },
      ],
      packages: [state('income', '2025Q3', false), state('income', '2025Q4', false), state('deductions', '2025Q4', false), state('board', '2025Q4', true)],
    };
    expect(describeCompleteness(incomplete)).toEqual({
      complete: false,
      summary: 'Incomplete: required packages missing from the log: income for 2025Q3 and 2025Q4; deductions for 2025Q4. The figures leave those quarters out.',
      optional: null,
    });
    // Without package states, the API's missing[] still names them.
    expect(describeCompleteness({ ...incomplete, packages: [] }).summary).toBe(
      'Incomplete: required packages missing from the log: income for 2025Q3 and 2025Q4; deductions for 2025Q4. The figures leave those quarters out.',
    );
  });

  it('lays the packages out as a grid of type by quarter and reads each cell', () => {
    const corrected = state('income', '2025Q2', true, { leafIndex: 7, submissions: 2 });
    const grid = packageGrid([state('board', '2025Q1', false), state('income', '2025Q1', true), corrected, state('income', '2025Q3', false)], QUARTERS);
    expect(grid.map((r) => [r.type, r.required, r.cells.map(packageCell)])).toEqual([
      ['income', true, ['✓ leaf 1', '✓ leaf 7, 2 versions', '✗ missing', '—']],
      ['board', false, ['— absent', '—', '—', '—']],
    ]);
  });

  it('gives a financial year its first and last day, whatever its end', () => {
    expect(financialYearPeriod(2025, 12, 31)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(financialYearPeriod(2025, 6, 30)).toEqual({ from: '2024-07-01', to: '2025-06-30' });
    expect(financialYearPeriod(2025, 2, 29)).toEqual({ from: '2024-03-01', to: '2025-02-28' });
    expect(financialYearPeriod(2024, 2, 29)).toEqual({ from: '2023-03-01', to: '2024-02-29' });
  });

  it('offers the year in progress and the recent complete years, and the chosen year when outside them', () => {
    expect(reportYearOptions(2025, 2025, 3)).toEqual([2026, 2025, 2024, 2023]);
    expect(reportYearOptions(2025, 2010, 3)).toEqual([2026, 2025, 2024, 2023, 2010]);
    expect(reportYearOptions(1900, 1900, 3)).toEqual([1901, 1900]);
  });

  it('reads a year from the address only when the API takes it', () => {
    expect(parseReportYear('2025')).toBe(2025);
    for (const bad of ['25', '20251', '1899', 'abcd', '', '2025.0']) expect(parseReportYear(bad)).toBeNull();
  });

  it('names the JSON file as the server names the others, and says where the board comes from', () => {
    const report = { society: { cisacCode: '901' }, financialYear: 2025, head: { treeSize: 12 } } as TransparencyReport;
    expect(reportFilename(report, 'json')).toBe('transparency-report-901-FY2025-tree12.json');
    expect(boardSourceText({ kind: 'board-package', submissionId: 'x', period: '2025Q2' })).toBe('the board package of 2025Q2');
    expect(boardSourceText({ kind: 'registry' })).toBe('the registry (no board package in the log)');
    expect(boardSourceText({ kind: 'none' })).toBe('nowhere: no board package and no board in the registry');
  });
});
