import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * A commit locks its society's log (LogRepository.lockSociety) so that commits of one
 * society take turns, and, attaching its lines, the submissions table against writes
 * until it ends. Neither may hold up uploads while the commit writes its journal and log:
 * a package uploaded meanwhile is accepted at once (its row's foreign key to the society
 * takes FOR KEY SHARE, which a FOR UPDATE society lock would make wait; its INSERT, which
 * an ATTACH done before the journal would make wait).
 */
describe("quarterly submissions: a commit does not hold up the society's uploads", () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;

  beforeAll(async () => {
    // Every commit stays open 15 s once its head is signed, its society locked (INGEST_PAUSE).
    t = await bootTestApp({ env: { INGEST_PAUSE: 'commit:15000' } });
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
  });
  afterAll(async () => t?.close());

  const upload = (period: string, csv: string) =>
    society.post(`/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines&period=${period}`, csv, { 'content-type': 'text/csv' });

  it('accepts the next package while the first is committing', async () => {
    const first = await upload('2025Q1', `${DIST_HEADER}\n${distLine()}\n`);
    expect(first.status).toBe(202);
    // Until the first commit is paused: its head written (the last statement of the
    // log's append, its society locked), the transaction open.
    const paused = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE 'INSERT INTO tree_heads%'`,
        )
      )[0].n > 0;
    for (let i = 0; !(await paused()); i++) {
      if (i > 600) throw new Error('the first commit never reached its pause');
      await new Promise((r) => setTimeout(r, 50));
    }
    const second = await upload('2025Q2', `${DIST_HEADER}\n${distLine({ use_from: '2025-04-01', use_to: '2025-06-30', paid_on: '2025-06-30' })}\n`);
    expect(second.status).toBe(202);
    // Accepted while the first commit was still open, paused where it was.
    expect(await paused()).toBe(true);
    // Both then commit, the first in its one attempt (nothing made it wait for the upload, nor deadlock with it).
    expect((await society.get(`/v1/submissions/${first.body.id}?wait=60`)).body.status).toBe('committed');
    expect((await society.get(`/v1/submissions/${second.body.id}?wait=60`)).body.status).toBe('committed');
    const attempts = await t.dataSource.query(`SELECT id, attempts FROM submissions WHERE id = ANY($1::uuid[])`, [[first.body.id, second.body.id]]);
    expect(attempts.map((r: { attempts: number }) => r.attempts)).toEqual([1, 1]);
  });
});
