import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe('quarterly submissions: ingest', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
  });
  afterAll(async () => t?.close());

  const countLines = async (submissionId: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM distribution_lines WHERE submission_id = $1`, [submissionId]))[0].n as number;

  it('commits a valid distribution-lines package with its root, log index and journal', async () => {
    const csv = [DIST_HEADER, distLine({ line_id: 'L-1' }), distLine({ line_id: 'L-2', rights_holder_ipi: '', status: 'unidentified', paid_on: '' })].join('\n') + '\n';
    const { accepted, final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', csv);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('location')).toBe(`/v1/submissions/${accepted.body.id}`);
    expect(final).toMatchObject({ status: 'committed', rows: 2, errorCount: 0, errors: [], progress: 100, logIndex: 0 });
    expect(final.root).toMatch(/^[0-9a-f]{64}$/);
    expect(await countLines(final.id)).toBe(2);
    const balance = await t.dataSource.query(
      `SELECT currency, sum(amount)::text AS total FROM journal_postings WHERE society_id = $1 GROUP BY currency`,
      [cast.societyA.id],
    );
    expect(balance).toEqual([{ currency: 'RUB', total: '0.00000000' }]);
    // The valid but unregistered IPI registered its holder, named by its first line, and the line points at it.
    const holders = await t.dataSource.query(`SELECT id, name, kind FROM rights_holders WHERE ipi = '00052210040'`);
    expect(holders).toEqual([{ id: expect.any(String), name: 'Ivanova, Maria', kind: 'other' }]);
    const linked = await t.dataSource.query(`SELECT count(*)::int AS n FROM distribution_lines WHERE submission_id = $1 AND rights_holder_id = $2`, [final.id, holders[0].id]);
    expect(linked[0].n).toBe(1);
  });
});
