import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { commit, csv, distribution, undistributed } from './support.js';

/**
 * Issue 13: a line's proof told a rights holder whether another society's submission
 * existed and its type (400 for a type without line ids, 404 otherwise). A holder sees a
 * submission only through a line of their own: every other answer is the same 404.
 */
describe("line proofs: a rights holder learns nothing of a submission without a line of theirs", () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let holderA: Http;
  let societyA: Http;
  let societyB: Http;
  let regulator: Http;
  /** Society B's packages, none with a line of holder A. */
  let bUndistributed: string;
  let bDistribution: string;
  let bRejected: string;
  let own: string;
  const missing = '00000000-0000-4000-8000-000000000000';

  const proof = (who: Http, submissionId: string, lineId: string, query = '') =>
    who.get(`/v1/submissions/${submissionId}/lines/${encodeURIComponent(lineId)}/proof${query}`);
  /** The answer with the ids it was asked about blanked, to compare answers about different submissions. */
  const shape = (res: { status: number; body: Record<string, unknown> }, submissionId: string, lineId: string) => ({
    status: res.status,
    body: JSON.parse(JSON.stringify(res.body).replaceAll(submissionId, '<submission>').replaceAll(lineId, '<line>')) as unknown,
  });

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    holderA = admin.as(cast.tokens.holderA);
    societyA = admin.as(cast.tokens.societyA);
    societyB = admin.as(cast.tokens.societyB);
    regulator = admin.as(cast.tokens.regulator);
    bUndistributed = (await commit(societyB, cast.societyB.id, 'undistributed', '2025Q1', [undistributed()])).id;
    bDistribution = (await commit(societyB, cast.societyB.id, 'distribution-lines', '2025Q1', [
      distribution({ line_id: 'L-1', rights_holder_ipi: cast.holderB.ipi, rights_holder_name: cast.holderB.name }),
    ])).id;
    const rejected = await submitAndWait(societyB, cast.societyB.id, 'undistributed', '2025Q2', csv([undistributed({ currency: 'XXX1' })]));
    expect(rejected.final.status).toBe('rejected');
    bRejected = rejected.final.id;
    own = (await commit(societyA, cast.societyA.id, 'distribution-lines', '2025Q1', [
      distribution({ line_id: 'L-1', rights_holder_ipi: cast.holderA.ipi, rights_holder_name: cast.holderA.name }),
    ])).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the same 404 for a missing submission and for another society’s, whatever its type or status', async () => {
    const expected = shape(await proof(holderA, missing, 'X-1'), missing, 'X-1');
    expect(expected.status).toBe(404);
    for (const id of [bUndistributed, bDistribution, bRejected]) {
      for (const lineId of ['X-1', 'L-1', '#2']) {
        const res = await proof(holderA, id, lineId);
        expect({ id, lineId, ...shape(res, id, lineId) }).toEqual({ id, lineId, ...shape(await proof(holderA, missing, lineId), missing, lineId) });
      }
    }
    // The query string is judged only once the line is the holder's.
    expect((await proof(holderA, bUndistributed, 'X-1', '?treeSize=1')).status).toBe(404);
  });

  it('still gives the holder the proof of their own line, and the society and the regulator their 400 for a wrong line id', async () => {
    expect((await proof(holderA, own, 'L-1')).status).toBe(200);
    expect((await proof(holderA, own, 'L-9')).status).toBe(404);
    expect((await proof(societyB, bUndistributed, 'X-1')).status).toBe(400);
    expect((await proof(regulator, bUndistributed, 'X-1')).status).toBe(400);
    expect((await proof(societyA, bUndistributed, 'X-1')).status).toBe(404);
  });
});
