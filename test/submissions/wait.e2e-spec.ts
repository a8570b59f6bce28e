import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * `GET /v1/submissions/{id}?wait=S`: the answer comes once the submission has finished
 * (committed, rejected or failed), announced by the statement that records the outcome
 * (PostgreSQL NOTIFY, heard by the API's LISTEN connection), or after S seconds with
 * the status then. A clerk's tool learns the outcome in one request instead of polling.
 */
describe('quarterly submissions: waiting for the outcome (?wait=)', () => {
  let t: TestApp;
  let paused: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  let other: Http;

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    other = admin.as(cast.tokens.societyB);
  });
  afterAll(async () => {
    await t?.close();
    await paused?.close();
  });

  const upload = async (http: Http, societyId: string, period: string, csv: string) => {
    const res = await http.post(`/v1/societies/${societyId}/submissions?type=distribution-lines&period=${period}`, csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(202);
    return res.body.id as string;
  };

  it('answers with the committed submission, in one request sent as soon as the package is accepted', async () => {
    const id = await upload(society, cast.societyA.id, '2025Q1', `${DIST_HEADER}\n${distLine()}\n`);
    const res = await society.get(`/v1/submissions/${id}?wait=60`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'committed', rows: 1, errorCount: 0, root: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Finished already: the same answer at once.
    expect((await society.get(`/v1/submissions/${id}?wait=60`)).body).toEqual(res.body);
  });

  it('answers with the rejection and its problems', async () => {
    const id = await upload(society, cast.societyA.id, '2025Q2', `${DIST_HEADER}\n${distLine({ gross: 'lots', use_from: '2025-04-01', use_to: '2025-06-30', paid_on: '2025-06-30' })}\n`);
    const res = await society.get(`/v1/submissions/${id}?wait=60`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'rejected', errorCount: expect.any(Number) });
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ line: 2, column: 'gross' })]));
  });

  it('answers after the seconds asked with the status then when the package is not finished', async () => {
    // A ledger whose ingest stops for 20 s half-way through staging.
    paused = await bootTestApp({ env: { INGEST_PAUSE: 'staging:20000' } });
    const admin = new Http(paused.baseUrl, paused.adminToken);
    const tenants = await givenTenants(admin);
    const clerk = admin.as(tenants.tokens.societyA);
    const lines = Array.from({ length: 200 }, (_, i) => distLine({ line_id: `L-${i + 1}` }));
    const id = await upload(clerk, tenants.societyA.id, '2025Q1', `${DIST_HEADER}\n${lines.join('\n')}\n`);
    const res = await clerk.get(`/v1/submissions/${id}?wait=1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id });
    expect(['queued', 'validating']).toContain(res.body.status);
  });

  it("refuses a wait that is not 0 to 60 whole seconds, naming it, and another society's submission as unknown", async () => {
    const id = await upload(society, cast.societyA.id, '2025Q3', `${DIST_HEADER}\n${distLine({ use_from: '2025-07-01', use_to: '2025-09-30', paid_on: '2025-09-30' })}\n`);
    for (const wait of ['abc', '-1', '61', '1.5']) {
      const res = await society.get(`/v1/submissions/${id}?wait=${wait}`);
      expect(res.status).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(res.body.errors.map(() => 'wait'));
    }
    const res = await other.get(`/v1/submissions/${id}?wait=5`);
    expect(res.status).toBe(404);
    // Nothing of the refused requests changed the submission: it goes on to commit.
    expect((await society.get(`/v1/submissions/${id}?wait=60`)).body.status).toBe('committed');
  });
});
