import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IngestService } from '../../libs/submissions/src/index.js';
import { dropUnattachedSubmissionPartition, submissionPartition } from '../../libs/submissions/src/storage/line-partitions.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, waitFinished } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Attempts at one submission: the ingest is driven by hand here (no workers), so the
 * test can start two attempts at once and leave behind what a crashed attempt leaves.
 */
describe('quarterly submissions: attempts', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  let ingest: IngestService;

  beforeAll(async () => {
    t = await bootTestApp({ runWorkers: false });
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    ingest = t.app.get(IngestService);
  });
  afterAll(async () => t?.close());

  const csv = (prefix: string, n: number) => [DIST_HEADER, ...Array.from({ length: n }, (_, i) => distLine({ line_id: `${prefix}-${i}` }))].join('\n') + '\n';
  const count = async (sql: string, params: unknown[]) => ((await t.dataSource.query(sql, params)) as { n: number }[])[0].n;

  async function queued(body: string, period: string): Promise<string> {
    const res = await society.post(`/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines&period=${period}`, body, { 'content-type': 'text/csv' });
    expect(res.status).toBe(202);
    return res.body.id as string;
  }

  it('runs two attempts at once one after the other: the package commits exactly once', async () => {
    const id = await queued(csv('A', 300), '2025Q1');
    await Promise.all([ingest.run(id), ingest.run(id), ingest.run(id)]);
    expect((await waitFinished(society, id)).status).toBe('committed');
    expect(await count(`SELECT count(*)::int AS n FROM distribution_lines WHERE submission_id = $1`, [id])).toBe(300);
    expect(await count(`SELECT count(*)::int AS n FROM log_leaves WHERE submission_id = $1`, [id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM journal_entries WHERE submission_id = $1`, [id])).toBe(2);
  });

  it('drops what a crashed attempt left before attaching its lines, and commits', async () => {
    const id = await queued(csv('B', 40), '2025Q1'); // a resubmission of the period
    // What a worker killed between writing the lines and attaching them leaves behind.
    const partition = submissionPartition('distribution_lines', id);
    await t.dataSource.query(`CREATE TABLE ${partition} (line_no integer, leftover text)`);
    await ingest.run(id);
    expect((await waitFinished(society, id)).status).toBe('committed');
    expect(await count(`SELECT count(*)::int AS n FROM distribution_lines WHERE submission_id = $1`, [id])).toBe(40);
    expect(await count(`SELECT count(*)::int AS n FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'leftover'`, [partition])).toBe(0);
  });

  it('never drops a committed submission’s lines', async () => {
    const [{ id }] = await t.dataSource.query(`SELECT id FROM submissions WHERE society_id = $1 AND status = 'committed' LIMIT 1`, [cast.societyA.id]);
    await expect(dropUnattachedSubmissionPartition(t.dataSource, 'distribution_lines', id)).rejects.toThrow(/already attached/);
    expect(await count(`SELECT count(*)::int AS n FROM distribution_lines WHERE submission_id = $1`, [id])).toBeGreaterThan(0);
  });
});
