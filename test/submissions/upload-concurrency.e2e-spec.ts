import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { openUpload, partFiles, until, within } from '../support/uploads.js';

/**
 * Issue 13, item 7: one society cannot hold every socket and fill the disk with parallel
 * uploads. Beyond UPLOAD_CONCURRENCY_PER_SOCIETY (default 2) uploads at once, the next is
 * a 429 with Retry-After before any byte is read.
 */
describe('uploads at once per society', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  const url = (societyId: string, period: string) => `/v1/societies/${societyId}/submissions?type=distribution-lines&period=${period}`;

  beforeAll(async () => {
    t = await bootTestApp();
    cast = await givenTenants(new Http(t.baseUrl, t.adminToken));
    society = new Http(t.baseUrl, cast.tokens.societyA);
  });
  afterAll(async () => t?.close());

  it("refuses a society's third upload at once with 429 and Retry-After, while another society's goes through", async () => {
    const a = [openUpload(t.baseUrl, url(cast.societyA.id, '2025Q2'), cast.tokens.societyA), openUpload(t.baseUrl, url(cast.societyA.id, '2025Q3'), cast.tokens.societyA)];
    for (const u of a) u.write(`${DIST_HEADER}\n`);
    await until('both uploads are being received', () => partFiles(t).length === 2);
    const third = await society.post(url(cast.societyA.id, '2025Q4'), `${DIST_HEADER}\n${distLine({ line_id: 'C-3' })}\n`, { 'content-type': 'text/csv' });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    expect(third.body.detail).toMatch(/UPLOAD_CONCURRENCY_PER_SOCIETY/);
    const other = await new Http(t.baseUrl, cast.tokens.societyB).post(url(cast.societyB.id, '2025Q2'), `${DIST_HEADER}\n${distLine({ line_id: 'B-1' })}\n`, {
      'content-type': 'text/csv',
    });
    expect(other.status).toBe(202);
    a.forEach((u, i) => u.end(`${distLine({ line_id: `C-${i}` })}\n`));
    expect((await Promise.all(a.map((u) => within(10_000, u.response, 'held upload')))).map((r) => r.status)).toEqual([202, 202]);
    // The slots are given back: the third goes through now.
    const again = await society.post(url(cast.societyA.id, '2025Q4'), `${DIST_HEADER}\n${distLine({ line_id: 'C-3' })}\n`, { 'content-type': 'text/csv' });
    expect(again.status).toBe(202);
    expect(partFiles(t)).toEqual([]);
  });
});
