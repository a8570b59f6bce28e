import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { distRecord, submitAndWait, waitFinished } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const TYPES = ['income', 'deductions', 'distribution-lines', 'inter-society', 'undistributed', 'board', 'mandates'];
const NDJSON = 'application/x-ndjson';

/**
 * A package can be sent as JSON Lines (one object per line) as well as CSV: the same
 * lines give the same root, problems name the line of the file and the key, and a
 * refused package leaves nothing behind.
 */
describe('quarterly submissions as JSON Lines', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let admin: Http;
  let society: Http;
  let period = 0;
  // Each case uses its own quarter (of a year before the templates' 2025) so cases cannot interfere.
  const nextPeriod = () => `20${String(10 + Math.floor(period / 4)).padStart(2, '0')}Q${(period++ % 4) + 1}`;
  const datesOf = (p: string) => {
    const y = p.slice(0, 4);
    const q = Number(p[5]);
    const last = ['03-31', '06-30', '09-30', '12-31'][q - 1];
    return { use_from: `${y}-${['01', '04', '07', '10'][q - 1]}-01`, use_to: `${y}-${last}`, paid_on: `${y}-${last}` };
  };

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    // The templates' example rows name this holder (mandates need it registered).
    expect((await admin.post('/v1/rights-holders', { name: 'Ivanova, Maria', ipi: '00052210040', kind: 'author', country: 'RU' })).status).toBe(201);
  });
  afterAll(async () => t?.close());

  /** What a society has in the ledger, and every staging table: a refused package must not change it. */
  async function ledgerOf(societyId: string) {
    const [lines] = await t.dataSource.query(`SELECT count(*)::int AS n FROM distribution_lines WHERE society_id = $1`, [societyId]);
    const [entries] = await t.dataSource.query(`SELECT count(*)::int AS n FROM journal_entries WHERE society_id = $1`, [societyId]);
    const [leaves] = await t.dataSource.query(`SELECT count(*)::int AS n FROM log_leaves WHERE society_id = $1`, [societyId]);
    const [staging] = await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'staging'`);
    return { lines: lines.n, entries: entries.n, leaves: leaves.n, staging: staging.n };
  }

  it.each(TYPES)('serves the %s template as JSON Lines, and it commits with the root of the CSV template', async (type) => {
    const csv = await society.get(`/v1/templates/${type}.csv`);
    const ndjson = await society.get(`/v1/templates/${type}.ndjson`);
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const records = ndjson.text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(records).toHaveLength(2);
    expect(Object.keys(records[0])).toEqual(csv.text.split('\r\n')[0].split(','));

    const fromCsv = await submitAndWait(society, cast.societyA.id, type, '2025Q1', csv.text);
    expect(fromCsv.final).toMatchObject({ status: 'committed', format: 'csv', rows: 2 });
    // The same lines again, as JSON Lines: a resubmission that supersedes the CSV one.
    const fromNdjson = await submitAndWait(society, cast.societyA.id, type, '2025Q1', ndjson.text, 60_000, NDJSON);
    expect(fromNdjson.accepted.status).toBe(202);
    expect(fromNdjson.final).toMatchObject({ status: 'committed', format: 'ndjson', rows: 2, supersedes: fromCsv.final.id });
    expect(fromNdjson.final.root).toBe(fromCsv.final.root);
  });

  it('numbers the lines by their line in the file: proofs and line ids point at the record sent', async () => {
    const p = nextPeriod();
    const d = datesOf(p);
    const body = ['', distRecord({ line_id: 'J-1', ...d }), '   ', distRecord({ line_id: 'J-2', ...d, status: 'unpaid', paid_on: null })].join('\n');
    const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', p, body, 60_000, NDJSON);
    expect(final).toMatchObject({ status: 'committed', format: 'ndjson', rows: 2 });
    const lines = await t.dataSource.query(`SELECT line_no, line_id, paid_on FROM distribution_lines WHERE submission_id = $1 ORDER BY line_no`, [final.id]);
    expect(lines).toEqual([
      { line_no: 2, line_id: 'J-1', paid_on: expect.anything() },
      { line_no: 4, line_id: 'J-2', paid_on: null },
    ]);
    const proof = await society.get(`/v1/submissions/${final.id}/lines/${encodeURIComponent('#4')}/proof`);
    expect(proof.status).toBe(200);
    expect(JSON.parse(proof.body.leaf)).toMatchObject({ line_id: 'J-2', paid_on: null, status: 'unpaid' });
  });

  it('names the file line and key of every problem, structural or not, in one list, and keeps nothing', async () => {
    const p = nextPeriod();
    const d = datesOf(p);
    const body = [
      distRecord({ line_id: 'B-1', ...d }), // 1: fine
      '', // 2: blank, skipped
      distRecord({ line_id: 'B-3', ...d, gross: 1000, net: '830.00' }), // 3: a JSON number
      distRecord({ line_id: 'B-4', ...d, currency: 'EURO' }), // 4: found by validation
      '{"line_id": "B-5", ', // 5: not JSON
      distRecord({ line_id: 'B-1', ...d }), // 6: repeats line 1's id
      distRecord({ line_id: 'B-7', ...d, royalty: '1' }), // 7: unknown key
    ].join('\n');
    const before = await ledgerOf(cast.societyA.id);
    const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', p, body, 60_000, NDJSON);
    expect(final.status).toBe('rejected');
    expect(final.rows).toBe(6);
    expect(final.errors.map((e: { line: number; column?: string }) => [e.line, e.column ?? null])).toEqual([
      [3, 'gross'],
      [4, 'currency'],
      [5, null],
      [6, 'line_id'],
      [7, 'royalty'],
    ]);
    expect(final.errorCount).toBe(5);
    expect(final.errors[0].message).toMatch(/^is the JSON number 1000: send every value as a JSON string/);
    expect(final.errors[2].message).toMatch(/^is not valid JSON/);
    expect(final.errors[3].message).toMatch(/repeats the line_id of line 1/);
    expect(final.errors[4].message).toMatch(/^unknown column "royalty" for a distribution-lines package/);
    expect(await ledgerOf(cast.societyA.id)).toEqual({ ...before, staging: 0 });
  });

  it('refuses an empty file, only blank lines, bytes that are not UTF-8 and lines that are not objects, each by line', async () => {
    const society = admin.as(cast.tokens.societyB);
    const before = await ledgerOf(cast.societyB.id);
    const empty = await submitAndWait(society, cast.societyB.id, 'board', nextPeriod(), '', 60_000, NDJSON);
    expect(empty.final).toMatchObject({ status: 'rejected', errors: [{ line: 1, message: 'the file is empty' }] });
    const blank = await submitAndWait(society, cast.societyB.id, 'board', nextPeriod(), '\n  \n\n', 60_000, NDJSON);
    expect(blank.final).toMatchObject({ status: 'rejected', errors: [{ line: 1, message: 'the package has no records (every line is blank)' }] });
    const bytes = Buffer.concat([Buffer.from('{"member_id": "M1", "name": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n[]\n"x"\n')]);
    const bad = await submitAndWait(society, cast.societyB.id, 'board', nextPeriod(), bytes, 60_000, NDJSON);
    expect(bad.final.status).toBe('rejected');
    expect(bad.final.errors).toEqual([
      { line: 1, message: 'is not valid UTF-8' },
      { line: 2, message: 'must be one JSON object whose keys are the columns of a board package' },
      { line: 3, message: 'must be one JSON object whose keys are the columns of a board package' },
    ]);
    expect(await ledgerOf(cast.societyB.id)).toEqual({ ...before, staging: 0 });
  });

  it('reads a multipart file named .ndjson or .jsonl as JSON Lines, and one named .csv as CSV', async () => {
    const url = `/v1/societies/${cast.societyB.id}/submissions?type=board`;
    const record = (id: string) => JSON.stringify({ member_id: id, name: `Member ${id}`, constituency: 'authors', seat_from: '2024-01-01', seat_to: null });
    for (const [name, text, format] of [
      ['board.ndjson', record('N1') + '\n', 'ndjson'],
      ['board.jsonl', record('N2') + '\n', 'ndjson'],
      ['board.csv', 'member_id,name,constituency,seat_from,seat_to\nC1,"Member, C1",authors,2024-01-01,\n', 'csv'],
    ]) {
      const form = new FormData();
      form.set('file', new Blob([text]), name);
      const res = await fetch(`${t.baseUrl}${url}&period=${nextPeriod()}`, { method: 'POST', headers: { authorization: `Bearer ${cast.tokens.societyB}` }, body: form });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      const final = await waitFinished(admin.as(cast.tokens.societyB), id);
      expect(final).toMatchObject({ status: 'committed', format, rows: 1 });
    }
  });

  it('answers 415 naming JSON Lines for a plain JSON body, and refuses another society’s credential', async () => {
    const url = `/v1/societies/${cast.societyA.id}/submissions?type=income&period=2025Q2`;
    const json = await society.post(url, [{ income_id: 'I-1' }]);
    expect(json.status).toBe(415);
    expect(json.body.detail).toMatch(/application\/x-ndjson, one object per line/);
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE society_id = $1`, [cast.societyA.id]))[0].n;
    const other = admin.as(cast.tokens.societyB);
    const res = await other.post(`/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines&period=2025Q2`, distRecord() + '\n', { 'content-type': NDJSON });
    expect(res.status).toBe(404);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE society_id = $1`, [cast.societyA.id]))[0].n).toBe(before);
  });
});
