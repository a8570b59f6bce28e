import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, distRecord, submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * A package large enough to be validated in two slices side by side (50,000 rows and
 * more): problems from both halves, and a duplicate id whose first use is in the other
 * half, come back as one list in line order; a valid package of that size commits.
 */
describe('quarterly submissions: a package validated in slices', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  const ROWS = 60_000;

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
  });
  afterAll(async () => t?.close());

  /** Line numbers are file lines: the data row i (0-based) is line i + 2. */
  function csv(broken: Record<number, Record<string, string>> = {}): string {
    const lines = [DIST_HEADER];
    for (let i = 0; i < ROWS; i++) lines.push(distLine({ line_id: `L-${i + 2}`, ...broken[i + 2] }));
    return lines.join('\n') + '\n';
  }

  it('lists the problems of both halves and a duplicate across them in line order, and commits nothing', async () => {
    const { final } = await submitAndWait(
      society,
      cast.societyA.id,
      'distribution-lines',
      '2025Q1',
      csv({ 10: { net: '830.01' }, 50_000: { currency: 'XXX' }, 59_000: { line_id: 'L-3' } }),
      120_000,
    );
    expect(final.status).toBe('rejected');
    expect(final.errorCount).toBe(3);
    expect(final.errors).toEqual([
      { line: 10, column: 'net', message: 'must equal gross - management_fee - other_deductions exactly' },
      { line: 50_000, column: 'currency', message: '"XXX" is not an ISO 4217 currency code' },
      { line: 59_000, column: 'line_id', message: '"L-3" repeats the line_id of line 3' },
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM distribution_lines WHERE society_id = $1`, [cast.societyA.id]);
    expect(n).toBe(0);
  });

  /** The same lines as JSON Lines, with a blank line after every 1,000th record: record i is on line i + 1 + floor(i / 1000). */
  function ndjson(broken: Record<number, Record<string, unknown>> = {}): string {
    const lines: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      lines.push(broken[i] === undefined ? distRecord({ line_id: `L-${i + 2}` }) : (broken[i].raw as string) ?? distRecord({ line_id: `L-${i + 2}`, ...broken[i] }));
      if (i % 1000 === 999) lines.push('');
    }
    return lines.join('\n') + '\n';
  }
  const lineOf = (i: number) => i + 1 + Math.floor(i / 1000);

  it('commits a valid package of that size, and the same lines as JSON Lines with the same root', async () => {
    const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', csv(), 120_000);
    expect(final).toMatchObject({ status: 'committed', rows: ROWS, errorCount: 0 });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM distribution_lines WHERE submission_id = $1`, [final.id]);
    expect(n).toBe(ROWS);

    const again = await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', ndjson(), 120_000, 'application/x-ndjson');
    expect(again.final).toMatchObject({ status: 'committed', format: 'ndjson', rows: ROWS, root: final.root, supersedes: final.id });
    const [last] = await t.dataSource.query(`SELECT max(line_no)::int AS n FROM distribution_lines WHERE submission_id = $1`, [again.final.id]);
    expect(last.n).toBe(lineOf(ROWS - 1));
  });

  it('lists the problems of a JSON Lines package of that size by file line, structural ones among the rest', async () => {
    const { final } = await submitAndWait(
      society,
      cast.societyA.id,
      'distribution-lines',
      '2025Q1',
      ndjson({ 8: { net: '830.01' }, 30_000: { raw: '{"line_id": ' }, 50_000: { currency: 'XXX' }, 59_000: { line_id: 'L-3' } }),
      120_000,
      'application/x-ndjson',
    );
    expect(final).toMatchObject({ status: 'rejected', rows: ROWS, errorCount: 4 });
    expect(final.errors.map((e: { line: number; column?: string }) => [e.line, e.column ?? null])).toEqual([
      [lineOf(8), 'net'],
      [lineOf(30_000), null],
      [lineOf(50_000), 'currency'],
      [lineOf(59_000), 'line_id'],
    ]);
    expect(final.errors[3].message).toBe(`"L-3" repeats the line_id of line ${lineOf(1)}`);
  });
});
