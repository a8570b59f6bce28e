import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IngestService, MAX_INGEST_ATTEMPTS } from '../../libs/submissions/src/index.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 13, item 3: poison packages got 202 and then stayed `validating` for ever (a NUL
 * byte in the header, any UTF-16 file, a body gzipped twice), and each boot retried them.
 * Each now ends rejected naming its line, or, when the fault is not in the package,
 * `failed` with the reason after a bounded number of attempts.
 */
describe('poison packages always finish', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  let ingest: IngestService;

  // No workers: each attempt is run by hand, so the test decides what happens between them.
  beforeAll(async () => {
    t = await bootTestApp({ runWorkers: false });
    cast = await givenTenants(new Http(t.baseUrl, t.adminToken));
    society = new Http(t.baseUrl, cast.tokens.societyA);
    ingest = t.app.get(IngestService);
  });
  afterAll(async () => t?.close());

  const csv = [DIST_HEADER, distLine()].join('\n') + '\n';
  let period = 0;
  const nextPeriod = () => `20${10 + Math.floor(period / 4)}Q${(period++ % 4) + 1}`;
  const queue = async (body: Buffer | string, headers: Record<string, string> = {}) => {
    const res = await society.post(`/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines&period=${nextPeriod()}`, body, { 'content-type': 'text/csv', ...headers });
    expect(res.status).toBe(202);
    return res.body.id as string;
  };
  const submit = async (body: Buffer | string, headers: Record<string, string> = {}) => {
    const id = await queue(body, headers);
    await ingest.run(id);
    return (await society.get(`/v1/submissions/${id}`)).body;
  };
  const leftovers = async (id: string) =>
    ((await t.dataSource.query(
      `SELECT (SELECT count(*) FROM distribution_lines WHERE submission_id = $1)::int + (SELECT count(*) FROM log_leaves WHERE submission_id = $1)::int
         + (SELECT count(*) FROM pg_class WHERE relname LIKE '%' || replace($1::text, '-', '') || '%')::int AS n`,
      [id],
    )) as { n: number }[])[0].n;

  const cases: [string, () => Buffer, RegExp][] = [
    ['a NUL byte in the header', () => Buffer.from(csv.replace('line_id', 'line\u0000id')), /NUL byte \(U\+0000\) at character 5/],
    ['a NUL byte in the header, after a BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv.replace('currency', 'curr\u0000ency'))]), /NUL byte/],
    ['UTF-16 little-endian with a BOM', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]), /UTF-16 \(little-endian\)/],
    ['UTF-16 big-endian with a BOM', () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, 'utf16le').swap16()]), /UTF-16 \(big-endian\)/],
    ['UTF-16 little-endian without a BOM', () => Buffer.from(csv, 'utf16le'), /UTF-16 \(little-endian\) text without a byte-order mark/],
    ['gzip data inside the package', () => gzipSync(csv), /gzip-compressed data even after decompressing/],
  ];

  it.each(cases)('%s: rejected naming line 1, nothing left behind', async (_name, body, message) => {
    const final = await submit(body());
    expect(final.status).toBe('rejected');
    expect(final.errors[0]).toMatchObject({ line: 1, message: expect.stringMatching(message) });
    expect(await leftovers(final.id)).toBe(0);
  });

  it('a body gzipped twice (Content-Encoding: gzip) is rejected as compressed twice', async () => {
    const final = await submit(gzipSync(gzipSync(csv)), { 'content-encoding': 'gzip' });
    expect(final.status).toBe('rejected');
    expect(final.errors[0].message).toMatch(/compressed twice/);
  });

  it('a header naming a column with a control character is rejected, the character shown by name', async () => {
    const final = await submit(Buffer.from(csv.replace('work_title', 'work\u0007title')));
    expect(final.status).toBe('rejected');
    expect(JSON.stringify(final.errors)).toContain('U+0007');
  });

  it('a NUL byte in a data line is rejected naming that line', async () => {
    const final = await submit(Buffer.from([DIST_HEADER, distLine(), distLine({ line_id: 'L-2', work_title: 'Night\u0000Song' })].join('\n') + '\n'));
    expect(final.status).toBe('rejected');
    expect(final.errors[0]).toMatchObject({ line: 3 });
    expect(await leftovers(final.id)).toBe(0);
  });

  it('an attempt that fails for a reason not in the package is retried, then ends failed with the reason, and never runs again', async () => {
    const id = await queue(csv);
    await t.dataSource.query(`UPDATE submissions SET storage_path = '/nonexistent/package.csv' WHERE id = $1`, [id]);
    for (let i = 1; i < MAX_INGEST_ATTEMPTS; i++) {
      await expect(ingest.run(id)).rejects.toThrow(/ENOENT/);
      expect((await society.get(`/v1/submissions/${id}`)).body).toMatchObject({ status: 'validating', phase: expect.stringMatching(/^failed: .*ENOENT/) });
    }
    await ingest.run(id); // the last attempt: ends it
    await ingest.run(id); // and a later one does nothing
    const final = (await society.get(`/v1/submissions/${id}`)).body;
    expect(final.status).toBe('failed');
    expect(final.failure).toMatch(new RegExp(`gave up after ${MAX_INGEST_ATTEMPTS} attempts; the last: .*ENOENT`));
    expect(final.finishedAt).not.toBeNull();
    const [{ attempts }] = await t.dataSource.query(`SELECT attempts FROM submissions WHERE id = $1`, [id]);
    expect(attempts).toBe(MAX_INGEST_ATTEMPTS);
    expect(await leftovers(id)).toBe(0);
    // Boot does not pick it up again.
    const unfinished = await t.dataSource.query(`SELECT id FROM submissions WHERE id = $1 AND status IN ('queued', 'validating')`, [id]);
    expect(unfinished).toHaveLength(0);
  });

  it('a package whose attempts all ended with the process (kill -9 during each) ends failed at the next pick-up', async () => {
    const id = await queue(csv + distLine({ line_id: 'L-8' }) + '\n');
    // What crashed attempts leave: validating, attempts counted, the phase each reached.
    await t.dataSource.query(`UPDATE submissions SET status = 'validating', phase = 'staging', attempts = $2 WHERE id = $1`, [id, MAX_INGEST_ATTEMPTS]);
    await ingest.run(id);
    const final = (await society.get(`/v1/submissions/${id}`)).body;
    expect(final.status).toBe('failed');
    expect(final.failure).toMatch(/the process ended during the attempt \(in staging\)/);
  });
});
