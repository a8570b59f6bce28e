import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const TYPES = ['income', 'deductions', 'distribution-lines', 'inter-society', 'undistributed', 'board', 'mandates'];

describe('quarterly submissions: the seven package types, resubmission, tenancy', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let admin: Http;
  let society: Http;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    // The templates' example rows name this holder (mandates need it registered).
    expect((await admin.post('/v1/rights-holders', { name: 'Ivanova, Maria', ipi: '00052210040', kind: 'author', country: 'RU' })).status).toBe(201);
  });
  afterAll(async () => t?.close());

  it.each(TYPES)('serves the %s template, and the template itself commits as a 2025Q1 package', async (type) => {
    const template = await society.get(`/v1/templates/${type}.csv`);
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = template.text.trim().split(/\r\n/);
    expect(lines).toHaveLength(3);
    const { final } = await submitAndWait(society, cast.societyA.id, type, '2025Q1', template.text);
    expect(final).toMatchObject({ status: 'committed', rows: 2, type, period: '2025Q1' });
  });

  it('records a mandates package as mandates of the society', async () => {
    const res = await admin.get(`/v1/societies/${cast.societyA.id}/mandates`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 for an unknown template', async () => {
    expect((await society.get('/v1/templates/royalties.csv')).status).toBe(404);
    expect((await society.get('/v1/templates/income.txt')).status).toBe(404);
  });

  it('returns the existing submission for the same bytes, and supersedes by reversal for new bytes', async () => {
    const csv1 = 'deduction_id,kind,category,currency,amount,description\nD1,management,performing,EUR,100.00,fee\n';
    const csv2 = 'deduction_id,kind,category,currency,amount,description\nD1,management,performing,EUR,120.00,fee corrected\n';
    const first = await submitAndWait(society, cast.societyA.id, 'deductions', '2024Q4', csv1);
    expect(first.final.status).toBe('committed');
    const again = await society.post(`/v1/societies/${cast.societyA.id}/submissions?type=deductions&period=2024Q4`, csv1, { 'content-type': 'text/csv' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.final.id);
    const second = await submitAndWait(society, cast.societyA.id, 'deductions', '2024Q4', csv2);
    expect(second.final).toMatchObject({ status: 'committed', supersedes: first.final.id });
    expect((await society.get(`/v1/submissions/${first.final.id}`)).body.status).toBe('superseded');
    // Both stay readable; the journal holds the original, its reversal and the new entry.
    const entries = await t.dataSource.query(
      `SELECT e.submission_id, e.reverses IS NOT NULL AS reversal, e.reason, sum(p.amount) FILTER (WHERE p.account = 'pool:performing')::text AS pool
       FROM journal_entries e JOIN journal_postings p ON p.society_id = e.society_id AND p.entry_id = e.id
       WHERE e.society_id = $1 AND e.kind = 'deductions' AND e.entry_date = '2024-12-31' GROUP BY e.society_id, e.id ORDER BY e.recorded_at, (e.reverses IS NULL)`,
      [cast.societyA.id],
    );
    expect(entries.map((e: { pool: string; reversal: boolean }) => [e.pool, e.reversal])).toEqual([
      ['100.00000000', false],
      ['-100.00000000', true],
      ['120.00000000', false],
    ]);
    expect(entries[1].reason).toBe(`superseded by submission ${second.final.id}`);
    const lines = await t.dataSource.query(`SELECT count(*)::int AS n FROM deduction_lines WHERE submission_id = ANY($1)`, [[first.final.id, second.final.id]]);
    expect(lines[0].n).toBe(2);
  });

  it("refuses another society's credential to submit or read, and a regulator to submit", async () => {
    const csv = 'deduction_id,kind,category,currency,amount,description\nX,management,performing,EUR,1.00,x\n';
    const other = admin.as(cast.tokens.societyB);
    expect((await other.post(`/v1/societies/${cast.societyA.id}/submissions?type=deductions&period=2025Q2`, csv, { 'content-type': 'text/csv' })).status).toBe(404);
    const mine = await submitAndWait(society, cast.societyA.id, 'deductions', '2025Q2', csv);
    expect((await other.get(`/v1/submissions/${mine.final.id}`)).status).toBe(404);
    expect((await other.get(`/v1/societies/${cast.societyA.id}/submissions`)).status).toBe(404);
    expect((await admin.as(cast.tokens.holderA).get(`/v1/submissions/${mine.final.id}`)).status).toBe(403);
    expect((await admin.as(cast.tokens.regulator).post(`/v1/societies/${cast.societyA.id}/submissions?type=deductions&period=2025Q3`, csv, { 'content-type': 'text/csv' })).status).toBe(403);
    const list = await admin.as(cast.tokens.regulator).get(`/v1/societies/${cast.societyA.id}/submissions?type=deductions`);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(3);
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE society_id = $1 AND period = '2025Q3'`, [cast.societyA.id]);
    expect(count[0].n).toBe(0);
  });

  it('accepts multipart/form-data with a "file" field', async () => {
    const form = new FormData();
    form.append('file', new Blob(['deduction_id,kind,category,currency,amount,description\nMP1,other,performing,EUR,5.00,multipart\n'], { type: 'text/csv' }), 'd.csv');
    const res = await fetch(`${t.baseUrl}/v1/societies/${cast.societyA.id}/submissions?type=deductions&period=2023Q1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cast.tokens.societyA}` },
      body: form,
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string };
    const { waitFinished } = await import('../support/submissions.js');
    expect((await waitFinished(society, body.id)).status).toBe('committed');
  });

  it('requires the counterparty and the year of collection (the columns are NOT NULL): an empty cell is a problem of its line, not a failed commit', async () => {
    const transfers = 'transfer_id,counterparty_cisac,direction,category,territory,fy_of_collection,currency,amount,paid_on\nTR-9,,out,performing,SE,,RUB,10.00,\n';
    const inter = await submitAndWait(society, cast.societyA.id, 'inter-society', '2025Q3', transfers);
    expect(inter.final).toMatchObject({ status: 'rejected', errorCount: 2 });
    expect(inter.final.errors).toEqual([
      { line: 2, column: 'counterparty_cisac', message: 'is required (a CISAC society code, three digits)' },
      { line: 2, column: 'fy_of_collection', message: 'is required (YYYY)' },
    ]);
    const pools = 'category,fy_of_collection,currency,amount,reason,non_distributable,decided_use\nperforming,,RUB,10.00,Unclaimed,false,\n';
    const undistributed = await submitAndWait(society, cast.societyA.id, 'undistributed', '2025Q3', pools);
    expect(undistributed.final.errors).toEqual([{ line: 2, column: 'fy_of_collection', message: 'is required (YYYY)' }]);
  });
});
