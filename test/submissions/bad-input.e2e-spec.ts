import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every way a package can be wrong gets a clear error naming the line and column, and
 * leaves nothing behind: no lines, no journal entry, no log leaf, no staging table.
 */
describe('quarterly submissions: bad input', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  let period = 0;
  // Each case uses its own quarter so that earlier cases cannot interfere.
  const nextPeriod = () => `20${String(10 + Math.floor(period / 4)).padStart(2, '0')}Q${(period++ % 4) + 1}`;

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
  });
  afterAll(async () => t?.close());

  async function nothingLeft() {
    const [lines] = await t.dataSource.query(`SELECT count(*)::int AS n FROM distribution_lines WHERE society_id = $1`, [cast.societyA.id]);
    const [entries] = await t.dataSource.query(`SELECT count(*)::int AS n FROM journal_entries WHERE society_id = $1`, [cast.societyA.id]);
    const [leaves] = await t.dataSource.query(`SELECT count(*)::int AS n FROM log_leaves WHERE society_id = $1`, [cast.societyA.id]);
    const [staging] = await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'staging'`);
    expect({ lines: lines.n, entries: entries.n, leaves: leaves.n, staging: staging.n }).toEqual({ lines: 0, entries: 0, leaves: 0, staging: 0 });
  }

  function quarterDates(p: string) {
    const y = p.slice(0, 4);
    const q = Number(p[5]);
    const months = ['01', '04', '07', '10'][q - 1];
    const last = ['03-31', '06-30', '09-30', '12-31'][q - 1];
    return { use_from: `${y}-${months}-01`, use_to: `${y}-${last}`, paid_on: `${y}-${last}` };
  }

  async function rejected(rows: (d: ReturnType<typeof quarterDates>) => string[], header = DIST_HEADER) {
    const p = nextPeriod();
    const csv = [header, ...rows(quarterDates(p))].join('\n') + '\n';
    const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', p, csv);
    expect(final.status).toBe('rejected');
    await nothingLeft();
    return final;
  }

  it('names a wrong header, a missing and an unknown column on line 1', async () => {
    const header = DIST_HEADER.replace('work_title,', '').replace('mandate_basis', 'basis');
    const final = await rejected(() => [], header);
    expect(final.errors).toEqual(
      expect.arrayContaining([
        { line: 1, column: 'basis', message: expect.stringMatching(/^unknown column "basis"/) },
        { line: 1, column: 'work_title', message: 'missing column "work_title"' },
        { line: 1, column: 'mandate_basis', message: 'missing column "mandate_basis"' },
      ]),
    );
  });

  it('refuses an empty file and a header without rows', async () => {
    const p = nextPeriod();
    const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', p, '');
    expect(final).toMatchObject({ status: 'rejected', errors: [{ line: 1, message: 'the file is empty' }] });
    const headerOnly = await rejected(() => []);
    expect(headerOnly.errors).toEqual([{ line: 2, message: 'the package has a header but no data rows' }]);
  });

  it('names the line of non-UTF-8 bytes', async () => {
    const p = nextPeriod();
    const d = quarterDates(p);
    const good = distLine({ line_id: 'A', ...d });
    const bad = Buffer.concat([Buffer.from(`${DIST_HEADER}\n${good}\n`), Buffer.from(distLine({ line_id: 'B', work_title: 'Caf\u00e9', ...d }).replace('Caf\u00e9', 'Caf\xe9'), 'latin1'), Buffer.from('\n')]);
    const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', p, bad);
    expect(final.status).toBe('rejected');
    expect(final.errors).toEqual([{ line: 3, message: expect.stringMatching(/^is not valid UTF-8/) }]);
    await nothingLeft();
  });

  it('accepts CRLF line ends, a BOM and quoted commas', async () => {
    const p = nextPeriod();
    const d = quarterDates(p);
    const csv = '\uFEFF' + [DIST_HEADER, distLine({ line_id: 'Q1', work_title: 'Roads, Rivers and "Rails"', ...d })].join('\r\n') + '\r\n';
    const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', p, csv);
    expect(final).toMatchObject({ status: 'committed', rows: 1 });
    const [line] = await t.dataSource.query(`SELECT work_title FROM distribution_lines WHERE submission_id = $1`, [final.id]);
    expect(line.work_title).toBe('Roads, Rivers and "Rails"');
    // Clean the slate for the nothing-left checks of the other cases.
    await t.dataSource.query(`ALTER TABLE distribution_lines DISABLE TRIGGER USER`);
    await t.dataSource.query(`ALTER TABLE journal_postings DISABLE TRIGGER USER`);
    await t.dataSource.query(`ALTER TABLE journal_entries DISABLE TRIGGER USER`);
    await t.dataSource.query(`ALTER TABLE log_leaves DISABLE TRIGGER USER`);
    await t.dataSource.query(`DELETE FROM distribution_lines WHERE society_id = $1`, [cast.societyA.id]);
    await t.dataSource.query(`DELETE FROM journal_postings WHERE society_id = $1`, [cast.societyA.id]);
    await t.dataSource.query(`DELETE FROM journal_entries WHERE society_id = $1`, [cast.societyA.id]);
    await t.dataSource.query(`DELETE FROM log_leaves WHERE society_id = $1`, [cast.societyA.id]);
    for (const table of ['distribution_lines', 'journal_postings', 'journal_entries', 'log_leaves']) {
      await t.dataSource.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    }
  });

  it('names amounts with 9 fraction digits or letters, an unknown currency, a period outside the quarter', async () => {
    const final = await rejected((d) => [
      distLine({ line_id: 'A1', ...d, gross: '1000.123456789' }),
      distLine({ line_id: 'A2', ...d, management_fee: '15O.00' }),
      distLine({ line_id: 'A3', ...d, currency: 'XYZ' }),
      distLine({ line_id: 'A4', ...d, use_to: '2099-12-31' }),
      distLine({ line_id: 'A5', ...d, paid_on: '2001-01-01' }),
      distLine({ line_id: 'A6', ...d, net: '830.01' }),
    ]);
    expect(final.errors).toEqual(
      expect.arrayContaining([
        { line: 2, column: 'gross', message: 'has 9 fraction digits; at most 8 allowed' },
        { line: 3, column: 'management_fee', message: expect.stringMatching(/is not a decimal amount: "15O.00"/) },
        { line: 4, column: 'currency', message: '"XYZ" is not an ISO 4217 currency code' },
        { line: 5, column: 'use_to', message: expect.stringMatching(/^2099-12-31 is after the end of the period/) },
        { line: 6, column: 'paid_on', message: expect.stringMatching(/^2001-01-01 is outside the period/) },
        { line: 7, column: 'net', message: 'must equal gross - management_fee - other_deductions exactly' },
      ]),
    );
    expect(final.errorCount).toBe(final.errors.length);
  });

  it('names duplicate line ids, bad identifiers and the paid_on rules', async () => {
    const final = await rejected((d) => [
      distLine({ line_id: 'D1', ...d }),
      distLine({ line_id: 'D1', ...d }),
      distLine({ line_id: 'D3', ...d, rights_holder_ipi: '00052210041' }),
      distLine({ line_id: 'D4', ...d, work_iswc: 'T-034.524.680-2' }),
      distLine({ line_id: 'D5', ...d, status: 'paid', paid_on: '' }),
      distLine({ line_id: 'D6', ...d, rights_holder_ipi: '', status: 'unpaid', paid_on: '' }),
      distLine({ line_id: 'D7', ...d, territory: 'XX', category: 'karaoke' }),
    ]);
    expect(final.errors).toEqual(
      expect.arrayContaining([
        { line: 3, column: 'line_id', message: '"D1" repeats the line_id of line 2' },
        { line: 4, column: 'rights_holder_ipi', message: expect.stringMatching(/not a valid IPI/) },
        { line: 5, column: 'work_iswc', message: expect.stringMatching(/not a valid ISWC/) },
        { line: 6, column: 'paid_on', message: 'is required when status is paid' },
        { line: 7, column: 'rights_holder_ipi', message: 'is required unless status is unidentified' },
        { line: 8, column: 'territory', message: expect.stringMatching(/"XX" is not an ISO 3166-1/) },
        { line: 8, column: 'category', message: expect.stringMatching(/"karaoke" is not one of/) },
      ]),
    );
  });

  it('names a row with a missing field and caps the list with the total count', async () => {
    const p = nextPeriod();
    const d = quarterDates(p);
    const short = distLine({ line_id: 'S1', ...d }).split(',').slice(0, -2).join(',');
    const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', p, `${DIST_HEADER}\n${distLine({ line_id: 'S0', ...d })}\n${short}\n`);
    expect(final.errors).toEqual([{ line: 3, message: expect.stringMatching(/fewer fields than the header/) }]);
    const many = await rejected((dd) => Array.from({ length: 1200 }, (_, i) => distLine({ line_id: `M${i}`, ...dd, currency: 'EURO' })));
    expect(many.errorCount).toBe(1200);
    expect(many.errors).toHaveLength(1000);
  });

  it('refuses an unknown type or a bad period before reading, an oversized upload with 413, a wrong content type with 415', async () => {
    const url = `/v1/societies/${cast.societyA.id}/submissions`;
    const badType = await society.post(`${url}?type=royalties&period=2025Q1`, 'x', { 'content-type': 'text/csv' });
    expect(badType.status).toBe(400);
    expect(badType.body.errors[0].field).toBe('type');
    const badPeriod = await society.post(`${url}?type=income&period=2025-Q5`, 'x', { 'content-type': 'text/csv' });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.errors[0].field).toBe('period');
    const json = await society.post(`${url}?type=income&period=2025Q1`, { a: 1 });
    expect(json.status).toBe(415);
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions`))[0].n;
    const small = await bootTestApp({ env: { UPLOAD_LIMIT_BYTES: '1000' } });
    try {
      const admin = new Http(small.baseUrl, small.adminToken);
      const s = await admin.post('/v1/societies', { name: 'S', cisacCode: '321', country: 'FR', currency: 'EUR', fyEndMonth: 12, fyEndDay: 31 });
      const big = await admin.post(`/v1/societies/${s.body.id}/submissions?type=income&period=2025Q1`, 'x'.repeat(5000), { 'content-type': 'text/csv' });
      expect(big.status).toBe(413);
      expect((await small.dataSource.query(`SELECT count(*)::int AS n FROM submissions`))[0].n).toBe(0);
    } finally {
      await small.close();
    }
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions`))[0].n).toBe(before);
  });
});
