import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { openUpload, partFiles, until, within } from '../support/uploads.js';

/**
 * Issue 13, item 7: a body arriving at 1 byte/s used to hold its socket for ever. An
 * upload that sends nothing for UPLOAD_IDLE_TIMEOUT_MS, or is not whole within
 * REQUEST_TIMEOUT_MS, ends with 408 (connection closed) and leaves nothing behind.
 */
describe('upload timeouts', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  const url = (period: string) => `/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines&period=${period}`;
  const submissionCount = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions`))[0].n as number;

  beforeAll(async () => {
    t = await bootTestApp({ env: { UPLOAD_IDLE_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '3000' } });
    cast = await givenTenants(new Http(t.baseUrl, t.adminToken));
    society = new Http(t.baseUrl, cast.tokens.societyA);
  });
  afterAll(async () => t?.close());

  it('ends a stalled upload with 408 after UPLOAD_IDLE_TIMEOUT_MS, and a crawling one after REQUEST_TIMEOUT_MS, keeping nothing', async () => {
    const stalled = openUpload(t.baseUrl, url('2025Q2'), cast.tokens.societyA);
    stalled.write(`${DIST_HEADER}\n`);
    const idle = await within(5_000, stalled.response, 'stalled upload');
    expect(idle.status).toBe(408);
    expect(idle.body.detail).toMatch(/sent nothing for 500 ms \(UPLOAD_IDLE_TIMEOUT_MS\)/);
    expect(idle.headers.connection).toBe('close');

    const crawling = openUpload(t.baseUrl, url('2025Q3'), cast.tokens.societyA);
    const started = Date.now();
    const drip = setInterval(() => crawling.write('x'), 100);
    try {
      const slow = await within(10_000, crawling.response, 'crawling upload');
      expect(slow.status).toBe(408);
      expect(slow.body.detail).toMatch(/did not arrive whole within 3000 ms \(REQUEST_TIMEOUT_MS\)/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    } finally {
      clearInterval(drip);
    }
    await until('the connection is closed', () => crawling.closed, 5_000);
    expect(partFiles(t)).toEqual([]);
    expect(await submissionCount()).toBe(0);
    // The service goes on.
    expect((await society.post(url('2025Q2'), `${DIST_HEADER}\n${distLine()}\n`, { 'content-type': 'text/csv' })).status).toBe(202);
  });
});
