import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createStagingSql, mergeProblems, type ProblemRow, validationSlices, validationSql } from '../../libs/submissions/src/ingest/ingest-sql.js';
import { PACKAGES } from '../../libs/package-catalogue/src/index.js';
import { parsePeriod } from '../../libs/submissions/src/period.js';
import { DIST_BASE } from '../support/submissions.js';
import { createTestDatabase } from '../support/test-app.js';

/**
 * The validating statement is generated for speed (checks once per distinct value, regexes
 * without bounded repetition, dates compared as text). It must list exactly the problems
 * the straightforward statement listed: the oracle is that statement as generated before
 * the rewrite (fixtures/), run on the same staged rows full of edge cases.
 */
const REFERENCE = readFileSync(new URL('./fixtures/validation-reference-distribution-lines-2025Q1.sql', import.meta.url), 'utf8');
const COLUMNS = PACKAGES['distribution-lines'].columns.map((c) => c.name);
// Columns added to the type later (mayBeAbsent: work_type, recording_isrc) are staged empty when a package leaves them out.
const ABSENT = Object.fromEntries(PACKAGES['distribution-lines'].columns.filter((c) => c.mayBeAbsent).map((c) => [c.name, '']));
const BASE: Record<string, string> = { ...ABSENT, ...DIST_BASE, work_type: '', line_id: 'L' };

const AMOUNTS = [
  '0', '00', '007', '0.00000000', '1.', '.5', '.', '1.5', '1.12345678', '1.123456789', '123456789012345678', '1234567890123456789',
  '123456789012345678.12345678', '1234567890123456789.5', '123456789012345678.123456789', '000000000000000000', '0000000000000000000',
  '-1', '-1.5', '-', '+1', '1e5', ' 1', '1 ', '1\t', '', '1,5', '1.2.3', 'abc', '\u0661\u0662\u0663', '\uff11\uff12', '\u0663.\u0665', '1.\u0665',
  '\u00b9', '1\n', '12345678901234567\u00e9', '9'.repeat(40), `1.${'0'.repeat(30)}`,
];
const DATES = [
  '2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2100-02-29', '0000-01-01', '0000-02-29', '0001-01-01', '9999-12-31', '2025-13-01',
  '2025-00-10', '2025-01-00', '2025-01-32', '2025-04-31', '2025-04-30', '2025-06-31', '2025-11-31', '2025-12-31', '2025-4-1', '20250101',
  ' 2025-01-01', '2025-01-01 ', '\uff12\uff10\uff12\uff15-01-01', '\u0662\u0660\u0662\u0665-01-01', '2025-03-31', '2025-04-01', '2024-12-31',
  '2025-01-01T00:00', '', 'abcd-ef-gh', '2025/01/01', '+2025-01-01', '12025-01-01', '2025-02-28', '2025-03-01', '2024-10-01',
];
const IPIS = ['00052210040', '00052210041', '0005221004', '000522100400', '', ' 00052210040', '\u0660\u0660052210040', 'abcdefghijk', '00000000000', '99999999999'];
const ISWCS = ['T-034.524.680-1', 'T0345246801', 'T-034.524.680-2', 't0345246801', 'T-034.524.6801', 'T034.524.680-1', '', 'T-0345246801', 'T\u0660345246801'];

/** Rows with one edge value each (and some combinations the rules look at). */
function edgeRows(): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  let n = 0;
  const row = (over: Record<string, string>) => rows.push({ ...BASE, line_id: `E-${n++}`, ...over });
  for (const v of AMOUNTS) for (const c of ['gross', 'management_fee', 'other_deductions', 'net']) row({ [c]: v });
  for (const v of AMOUNTS) row({ gross: v, management_fee: '0', other_deductions: '0', net: v });
  for (const v of DATES) {
    for (const c of ['use_from', 'use_to', 'paid_on']) row({ [c]: v });
    row({ use_from: v, use_to: v });
    row({ status: 'unpaid', paid_on: v });
    row({ status: 'unidentified', paid_on: v, rights_holder_ipi: '' });
  }
  for (const [a, b] of [['2025-03-31', '2025-01-01'], ['2024-02-29', '2024-03-01'], ['2025-02-01', '2025-01-31'], ['0001-01-01', '9999-12-31']]) row({ use_from: a, use_to: b });
  for (const v of IPIS) for (const status of ['paid', 'unpaid', 'unidentified']) row({ rights_holder_ipi: v, status, paid_on: status === 'paid' ? BASE.paid_on : '' });
  for (const v of ISWCS) row({ work_iswc: v });
  for (const [c, max] of [['line_id', 100], ['rights_holder_name', 300], ['work_title', 500]] as const) {
    for (const v of ['x'.repeat(max), 'x'.repeat(max + 1), '\u00e9'.repeat(max), '\u00e9'.repeat(max + 1), '\u{1F600}'.repeat(max), '']) row({ [c]: v });
  }
  for (const [c, v] of [['category', 'Performing'], ['use_type', ''], ['territory', 'WORLD'], ['territory', 'XX'], ['currency', 'rub'], ['status', 'PAID'], ['mandate_basis', '']]) row({ [c]: v });
  // Duplicate ids, one of them also too long, and an empty id twice.
  for (const id of ['DUP', 'DUP', 'DUP', 'y'.repeat(101), 'y'.repeat(101), '', '']) rows.push({ ...BASE, line_id: id });
  return rows;
}

describe('the validating statement lists exactly the problems of the straightforward one', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  let tables = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`SET jit = off`);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  async function stage(rows: Record<string, string>[]): Promise<string> {
    const table = `staging.s_equivalence_${tables++}`;
    await client.query(createStagingSql('distribution-lines', table));
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await client.query(
        `INSERT INTO ${table} (${COLUMNS.join(', ')}) SELECT ${COLUMNS.map((c) => `r->>'${c}'`).join(', ')} FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, i) ORDER BY i`,
        [JSON.stringify(chunk)],
      );
    }
    await client.query(`ANALYZE ${table}`);
    return table;
  }

  type Problem = { line: number; column: string; message: string; total: string };
  async function both(table: string): Promise<{ fast: Problem[]; reference: Problem[] }> {
    const fast = (await client.query<Problem>(validationSql('distribution-lines', parsePeriod('2025Q1'), table))).rows;
    const reference = (await client.query<Problem>(REFERENCE.replaceAll('staging.s_reference_table', table))).rows;
    return { fast, reference };
  }
  const key = (p: Problem) => `${String(p.line).padStart(8, '0')}|${p.column}|${p.message}`;

  it('gives the same problems, order and total when the lines are validated in slices side by side', async () => {
    const table = await stage(edgeRows());
    const q = parsePeriod('2025Q1');
    const whole = (await client.query<ProblemRow>(validationSql('distribution-lines', q, table))).rows;
    const [{ n }] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows;
    for (const parts of [2, 3]) {
      // One after another on this one connection (the ingest runs them side by side on two).
      const slices: ProblemRow[][] = [];
      for (const slice of validationSlices(2, n + 1, parts)) slices.push((await client.query<ProblemRow>(validationSql('distribution-lines', q, table, slice))).rows);
      const merged = mergeProblems(slices);
      expect(merged.total).toBe(Number(whole[0].total));
      expect(merged.problems.map((p) => `${p.line}|${p.column}|${p.message}`)).toEqual(whole.map((p) => `${p.line}|${p.column}|${p.message}`));
    }
  });

  it('on edge cases of amounts, dates, identifiers, lengths and duplicate ids', async () => {
    const table = await stage(edgeRows());
    const { fast, reference } = await both(table);
    expect(reference.length).toBeGreaterThan(300);
    expect(reference.length).toBeLessThan(1000); // all of them, so the sets compare in full
    expect(fast.map(key).sort()).toEqual(reference.map(key).sort());
    expect(fast.map((p) => p.total)).toEqual(reference.map((p) => p.total));
    // Same order by line and column (the order of two problems of one cell is the fast statement's own: the reference left it open).
    expect(fast.map((p) => `${p.line}|${p.column}`)).toEqual(reference.map((p) => `${p.line}|${p.column}`));
  });

  it('caps at the same first 1000 problems with the same total', async () => {
    const rows = edgeRows();
    const many = Array.from({ length: 3 }, (_, k) => rows.map((r) => ({ ...r, line_id: `${r.line_id}#${k}` }))).flat();
    const table = await stage(many);
    const { fast, reference } = await both(table);
    expect(fast).toHaveLength(1000);
    expect(Number(fast[0].total)).toBeGreaterThan(1000);
    expect(fast.map((p) => p.total)).toEqual(reference.map((p) => p.total));
    expect(fast.map((p) => `${p.line}|${p.column}`)).toEqual(reference.map((p) => `${p.line}|${p.column}`));
    const last = fast[fast.length - 1];
    // Below the last (line, column) both lists hold the same problems.
    const before = (p: Problem) => p.line < last.line || (p.line === last.line && p.column < last.column);
    expect(fast.filter(before).map(key).sort()).toEqual(reference.filter(before).map(key).sort());
  });

  it('finds no problem in valid rows', async () => {
    const table = await stage(Array.from({ length: 50 }, (_, i) => ({ ...BASE, line_id: `OK-${i}`, gross: `${i}.5`, management_fee: '0', other_deductions: '0', net: `${i}.5` })));
    const { fast, reference } = await both(table);
    expect(reference).toEqual([]);
    expect(fast).toEqual([]);
  });
});
