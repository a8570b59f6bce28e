import { randomBytes } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { writeDistributionLines } from '../../bench/generate.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { cleanEnv, run, type Running } from '../support/process.js';
import { describeWithRedis } from '../support/redis.js';
import { waitFinished } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const ROWS = 30_000;

/**
 * PostgreSQL is the source of truth for jobs: a worker killed with SIGKILL mid-COPY or
 * mid-commit leaves nothing committed, and the retried job commits exactly once; a
 * Redis that lost its keys loses nothing.
 */
describeWithRedis('quarterly submissions: crashes (separate worker process, Redis)', () => {
  const prefix = `ledger-crash-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let society: Http;
  let societyId: string;
  let csv: Buffer;
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-crash-'));
  let worker: Running | null = null;
  const started: Running[] = [];

  beforeAll(async () => {
    t = await bootTestApp({ redis: true, runWorkers: false, env: { QUEUE_PREFIX: prefix } });
    const admin = new Http(t.baseUrl, t.adminToken);
    const cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    societyId = cast.societyA.id;
    await writeDistributionLines(path.join(workDir, 'lines.csv'), ROWS, 2000);
    csv = readFileSync(path.join(workDir, 'lines.csv'));
  });
  // Whatever a test left running is killed, so no worker outlives its test.
  afterEach(async () => {
    for (const w of started.splice(0)) {
      if (w.child.exitCode === null && w.child.signalCode === null) {
        w.child.kill('SIGKILL');
        await w.exited();
      }
    }
  });
  afterAll(async () => {
    await t?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  function startWorker(extra: Record<string, string> = {}): Running {
    worker = run(
      'dist/apps/worker/src/main.js',
      cleanEnv({ DATABASE_URL: t.databaseUrl, REDIS_URL: process.env.REDIS_URL!, DATA_DIR: t.dataDir, QUEUE_PREFIX: prefix, LOG_LEVEL: 'info', ...extra }),
    );
    started.push(worker);
    return worker;
  }

  async function kill9(w: Running): Promise<void> {
    w.child.kill('SIGKILL');
    await w.exited();
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; worker output:\n${worker?.output() ?? ''}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const one = async (sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params))[0];

  async function submit(period: string, bytes: Buffer): Promise<string> {
    const res = await society.post(`/v1/societies/${societyId}/submissions?type=distribution-lines&period=${period}`, bytes, { 'content-type': 'text/csv' });
    expect(res.status).toBe(202);
    return res.body.id;
  }

  /** Lines, log leaves, and journal entries (one per kind of event when committed once). */
  async function counts(submissionId: string) {
    const entries = await one(`SELECT count(*)::int AS n, count(DISTINCT kind)::int AS kinds FROM journal_entries WHERE submission_id = $1`, [submissionId]);
    return {
      lines: (await one(`SELECT count(*)::int AS n FROM distribution_lines WHERE submission_id = $1`, [submissionId])).n,
      entries: entries.n === entries.kinds ? (entries.n > 0 ? 'once' : 'none') : `${entries.n} entries for ${entries.kinds} kinds`,
      leaves: (await one(`SELECT count(*)::int AS n FROM log_leaves WHERE submission_id = $1`, [submissionId])).n,
    };
  }

  it('a worker killed mid-COPY leaves nothing; the retry commits exactly once', async () => {
    const id = await submit('2025Q1', csv);
    const w = startWorker({ INGEST_PAUSE: 'staging:60000' });
    // Mid-COPY: the server is inside the COPY of this submission's staging table.
    await until('the COPY to be under way', async () => {
      const row = await one(`SELECT tuples_processed FROM pg_stat_progress_copy p JOIN pg_class c ON c.oid = p.relid WHERE c.relname = $1`, [`s_${id.replace(/-/g, '')}`]);
      return row && Number(row.tuples_processed) > 0;
    });
    await kill9(w);
    expect(await counts(id)).toEqual({ lines: 0, entries: 'none', leaves: 0 });
    expect((await one(`SELECT status FROM submissions WHERE id = $1`, [id])).status).toBe('validating');

    const again = startWorker();
    const final = await waitFinished(society, id, 90_000);
    expect(final).toMatchObject({ status: 'committed', rows: ROWS });
    expect(await counts(id)).toEqual({ lines: ROWS, entries: 'once', leaves: 1 });
    await kill9(again);
  });

  it('a worker killed inside the commit transaction leaves nothing; the retry commits exactly once', async () => {
    const id = await submit('2025Q2', Buffer.from(csv.toString('utf8').replaceAll('2025-01-01', '2025-04-01').replaceAll('2025-03-31', '2025-06-30').replaceAll('2025-03-28', '2025-06-28')));
    const w = startWorker({ INGEST_PAUSE: 'commit:60000' });
    // The commit transaction has written everything and waits before COMMIT.
    await until('the commit to be under way', async () => {
      const row = await one(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'idle in transaction' AND application_name = 'collective-ledger-worker'`);
      return row.n > 0;
    });
    await kill9(w);
    expect(await counts(id)).toEqual({ lines: 0, entries: 'none', leaves: 0 });
    const again = startWorker();
    const final = await waitFinished(society, id, 90_000);
    expect(final).toMatchObject({ status: 'committed', rows: ROWS });
    expect(await counts(id)).toEqual({ lines: ROWS, entries: 'once', leaves: 1 });
    await kill9(again);
  });

  it('jobs lost from Redis are re-queued from PostgreSQL when a worker boots', async () => {
    const small = Buffer.from(csv.toString('utf8').split('\n').slice(0, 101).join('\n').replaceAll('2025-01-01', '2025-07-01').replaceAll('2025-03-31', '2025-09-30').replaceAll('2025-03-28', '2025-09-28') + '\n');
    const id = await submit('2025Q3', small);
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
      expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    const w = startWorker();
    const final = await waitFinished(society, id, 60_000);
    expect(final).toMatchObject({ status: 'committed', rows: 100 });
    expect(await counts(id)).toEqual({ lines: 100, entries: 'once', leaves: 1 });
    await kill9(w);
  });
});
