import { statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { gzipMembers, MiB, partFiles } from '../support/uploads.js';

/**
 * Issue 13, item 7 and the giant cell of item 3: an upload cannot fill the disk or reach
 * PostgreSQL with a giant cell. A gzip body that inflates beyond UPLOAD_MAX_INFLATION,
 * a line or a cell beyond UPLOAD_MAX_LINE_BYTES / UPLOAD_MAX_CELL_BYTES is a 413 while
 * it streams, naming the parameter (and the line and column), nothing kept.
 */

type Cast = Awaited<ReturnType<typeof givenTenants>>;

describe('upload limits (defaults: inflation 200, 1 MiB lines, 64 KiB cells)', () => {
  let t: TestApp;
  let cast: Cast;
  let society: Http;
  const url = (societyId: string, period: string) => `/v1/societies/${societyId}/submissions?type=distribution-lines&period=${period}`;
  const submissionCount = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions`))[0].n as number;

  beforeAll(async () => {
    t = await bootTestApp();
    cast = await givenTenants(new Http(t.baseUrl, t.adminToken));
    society = new Http(t.baseUrl, cast.tokens.societyA);
  });
  afterAll(async () => t?.close());

  it('stops a gzip bomb at UPLOAD_MAX_INFLATION while it streams: 413, a bounded .part on the way, nothing kept', async () => {
    // 256 MiB of short CSV lines from about 270 kB of gzip (about 1000:1).
    const bomb = gzipMembers(`${DIST_HEADER}\n`, Buffer.from('x,y\n'.repeat(MiB / 4)), 256, '');
    expect(bomb.length).toBeLessThan(400_000);
    const before = await submissionCount();
    let largest = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        for (const name of partFiles(t)) {
          try {
            largest = Math.max(largest, statSync(path.join(t.dataDir, 'submissions', 'tmp', name)).size);
          } catch {
            // removed meanwhile
          }
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const started = Date.now();
    const res = await society.post(url(cast.societyA.id, '2025Q1'), bomb, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    const elapsed = Date.now() - started;
    polling = false;
    await poll;
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/inflates more than 200 times \(UPLOAD_MAX_INFLATION\)/);
    expect(res.body.limit).toBe('UPLOAD_MAX_INFLATION');
    // At most 200 × the compressed bytes read so far (and the free first MiB) is ever written.
    expect(largest).toBeLessThan(4 * MiB);
    expect(elapsed).toBeLessThan(10_000);
    expect(partFiles(t)).toEqual([]);
    expect(await submissionCount()).toBe(before);
    // An ordinary gzip package still goes through.
    const ok = await society.post(url(cast.societyA.id, '2025Q1'), gzipSync(`${DIST_HEADER}\n${distLine({ line_id: 'I-1' })}\n`), {
      'content-type': 'text/csv',
      'content-encoding': 'gzip',
    });
    expect(ok.status).toBe(202);
    process.stdout.write(`[upload-limits] gzip bomb of ${bomb.length} bytes (256 MiB inflated): 413 after ${elapsed} ms, largest .part ${largest} bytes\n`);
  });


  it('refuses a JSON Lines line longer than UPLOAD_MAX_LINE_BYTES at upload, naming the line', async () => {
    const before = await submissionCount();
    const ndjson = `{"line_id":"N-1"}\n{"line_id":"N-2",${' '.repeat(2 * MiB)}"work_title":"x"}\n`;
    const res = await society.post(url(cast.societyA.id, '2024Q4'), ndjson, { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(413);
    expect(res.body.errors).toEqual([{ line: 2, message: `is longer than ${MiB} bytes (UPLOAD_MAX_LINE_BYTES): one line holds one record` }]);
    expect(await submissionCount()).toBe(before);
    expect(partFiles(t)).toEqual([]);
  });
});

describe('upload limits (inflation allowed up to 5000: the cell limit answers)', () => {
  let t: TestApp;
  let cast: Cast;
  let society: Http;
  const url = (period: string) => `/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines&period=${period}`;
  const submissionCount = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions`))[0].n as number;

  beforeAll(async () => {
    t = await bootTestApp({ env: { UPLOAD_MAX_INFLATION: '5000' } });
    cast = await givenTenants(new Http(t.baseUrl, t.adminToken));
    society = new Http(t.baseUrl, cast.tokens.societyA);
  });
  afterAll(async () => t?.close());

  it('rejects the 1.1 MB gzip of a 1.15 GB package with one giant cell at once, naming line and column (it used to stay validating for ever)', async () => {
    const columns = DIST_HEADER.split(',');
    const giant = gzipMembers(`${DIST_HEADER}\n${distLine({ line_id: 'G-1' })}\nG-2,"`, Buffer.alloc(MiB, 'A'), 1100, `"\n`);
    expect(giant.length).toBeLessThan(1_300_000);
    const started = Date.now();
    const res = await society.post(url('2025Q1'), giant, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(413);
    expect(res.body.errors).toEqual([{ line: 3, column: columns[1], message: `holds a value longer than ${64 * 1024} bytes (UPLOAD_MAX_CELL_BYTES)` }]);
    expect(res.body.detail).toMatch(new RegExp(`line 3, column "${columns[1]}"`));
    expect(elapsed).toBeLessThan(5_000);
    expect(await submissionCount()).toBe(0);
    expect(partFiles(t)).toEqual([]);
    process.stdout.write(`[upload-limits] giant cell, ${giant.length} bytes of gzip for ${1100 * MiB} inflated: 413 after ${elapsed} ms\n`);
  });
});
