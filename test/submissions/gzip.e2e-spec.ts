import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, distRecord, waitFinished } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * A package may travel gzip-compressed (Content-Encoding: gzip, or a multipart file
 * named ….gz): the ledger decompresses it on the way, and the package is the
 * decompressed bytes (their SHA-256, their size against the limit).
 */
describe('quarterly submissions sent gzip-compressed', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  const csv = [DIST_HEADER, distLine({ line_id: 'G-1' }), distLine({ line_id: 'G-2' })].join('\n') + '\n';
  const submit = (period: string, body: Buffer, headers: Record<string, string>, societyId = cast.societyA.id, as = society) =>
    as.post(`/v1/societies/${societyId}/submissions?type=distribution-lines&period=${period}`, body, headers);
  const submissionsOf = async (societyId: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE society_id = $1`, [societyId]))[0].n as number;
  const leftovers = () => {
    const dir = path.join(t.dataDir, 'submissions', 'tmp');
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    t = await bootTestApp();
    cast = await givenTenants(new Http(t.baseUrl, t.adminToken));
    society = new Http(t.baseUrl, cast.tokens.societyA);
  });
  afterAll(async () => t?.close());

  it('commits a gzip CSV body as the decompressed package: same SHA-256, and the plain bytes are the same submission', async () => {
    const res = await submit('2025Q1', gzipSync(csv), { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    expect(res.status).toBe(202);
    const final = await waitFinished(society, res.body.id);
    expect(final).toMatchObject({ status: 'committed', rows: 2, format: 'csv', byteSize: Buffer.byteLength(csv), sha256: createHash('sha256').update(csv).digest('hex') });
    const plain = await submit('2025Q1', Buffer.from(csv), { 'content-type': 'text/csv' });
    expect(plain.status).toBe(200);
    expect(plain.body.id).toBe(final.id);
  });

  it('decompresses JSON Lines too, and a multipart file named .ndjson.gz or .csv.gz', async () => {
    const ndjson = `${distRecord({ line_id: 'N-1' })}\n`;
    const res = await submit('2025Q2', gzipSync(ndjson), { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' });
    expect(res.status).toBe(202);
    // Lines dated 2025Q1 lie before 2025Q2 (allowed), but paid_on must lie inside the quarter: a rejection by line, read from the decompressed JSON.
    const final = await waitFinished(society, res.body.id);
    expect(final).toMatchObject({ format: 'ndjson', rows: 1 });
    for (const [name, content, format] of [
      ['q.ndjson.gz', ndjson, 'ndjson'],
      ['q.csv.gz', csv, 'csv'],
    ] as const) {
      const form = new FormData();
      form.set('file', new Blob([gzipSync(content)]), name);
      const up = await fetch(`${t.baseUrl}/v1/societies/${cast.societyB.id}/submissions?type=distribution-lines&period=2025Q1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cast.tokens.societyB}` },
        body: form,
      });
      expect(up.status).toBe(202);
      const { id } = (await up.json()) as { id: string };
      expect(await waitFinished(new Http(t.baseUrl, cast.tokens.societyB), id)).toMatchObject({ status: 'committed', format, byteSize: Buffer.byteLength(content) });
    }
  });

  it('refuses data that is not gzip (400 naming it), an unknown encoding (415), and another society’s credential, keeping nothing', async () => {
    const before = await submissionsOf(cast.societyA.id);
    const notGzip = await submit('2025Q3', Buffer.from(csv), { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    expect(notGzip.status).toBe(400);
    expect(notGzip.body.detail).toMatch(/^The upload is not valid gzip data: /);
    const truncated = gzipSync(csv).subarray(0, 20);
    const cut = await submit('2025Q3', truncated, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    expect(cut.status).toBe(400);
    expect(cut.body.detail).toMatch(/^The upload is not valid gzip data: /);
    const brotli = await submit('2025Q3', Buffer.from(csv), { 'content-type': 'text/csv', 'content-encoding': 'br' });
    expect(brotli.status).toBe(415);
    expect(brotli.body.detail).toMatch(/Content-Encoding "br" is not accepted/);
    const other = await submit('2025Q3', gzipSync(csv), { 'content-type': 'text/csv', 'content-encoding': 'gzip' }, cast.societyA.id, new Http(t.baseUrl, cast.tokens.societyB));
    expect(other.status).toBe(404);
    expect(await submissionsOf(cast.societyA.id)).toBe(before);
    expect(leftovers()).toEqual([]);
  });

  it('counts the decompressed bytes against the upload limit: a small gzip of a large package is 413, nothing kept', async () => {
    const small = await bootTestApp({ env: { UPLOAD_LIMIT_BYTES: '100000' } });
    try {
      const admin = new Http(small.baseUrl, small.adminToken);
      const s = await admin.post('/v1/societies', { name: 'S', cisacCode: '322', country: 'FR', currency: 'EUR', fyEndMonth: 12, fyEndDay: 31 });
      const big = Buffer.from(DIST_HEADER + '\n' + `${distLine()}\n`.repeat(5000));
      const compressed = gzipSync(big);
      expect(compressed.length).toBeLessThan(100_000);
      const res = await admin.post(`/v1/societies/${s.body.id}/submissions?type=distribution-lines&period=2025Q1`, compressed, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
      expect(res.status).toBe(413);
      expect((await small.dataSource.query(`SELECT count(*)::int AS n FROM submissions`))[0].n).toBe(0);
    } finally {
      await small.close();
    }
  });
});
