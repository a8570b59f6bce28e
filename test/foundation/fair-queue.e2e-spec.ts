import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { BullMqJobQueue, type JobContext } from '../../libs/jobs/src/index.js';
import { TenantGate } from '../../libs/jobs/src/tenant-gate.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { describeWithRedis } from '../support/redis.js';
import { DIST_HEADER, distLine, waitFinished } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Drill: one society floods the queue; another society's one-line package (or audit)
 * must not wait behind the flood. The bound is stated by order, not by time, so a slow
 * machine does not make it flaky: the other society's job finishes while most of the
 * flood is still to run (before FIFO's tail: on a FIFO queue it finishes last), and its
 * one-line package commits before a large package of the flooder that started first.
 * Measured latencies are printed (docs/jobs.md has the numbers).
 *
 * Defaults: JOBS_CONCURRENCY=2, JOBS_PER_SOCIETY=1.
 */
const FLOOD_PACKAGES = 12;
const FLOOD_AUDITS = 20;
const BIG_LINES = 30_000;

function pkg(tag: string, lines: number): string {
  const out = [DIST_HEADER];
  for (let i = 0; i < lines; i++) out.push(distLine({ line_id: `${tag}-${i + 1}` }));
  return out.join('\n') + '\n';
}

function drill(mode: 'in-process' | 'bullmq') {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let a: Http;
  let b: Http;

  beforeAll(async () => {
    t = await bootTestApp({ redis: mode === 'bullmq' });
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    a = admin.as(cast.tokens.societyA);
    b = admin.as(cast.tokens.societyB);
  });
  afterAll(async () => t?.close());

  async function submit(http: Http, societyId: string, csv: string): Promise<string> {
    const res = await http.post(`/v1/societies/${societyId}/submissions?type=distribution-lines&period=2025Q1`, csv, { 'content-type': 'text/csv' });
    if (res.status !== 202) throw new Error(`submit: ${res.status} ${res.text}`);
    return res.body.id as string;
  }

  async function finishedAt(table: 'submissions' | 'audits', societyId: string, timeoutMs = 180_000): Promise<Map<string, number>> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const rows: { id: string; finished: string | null }[] = await t.dataSource.query(
        `SELECT id, to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS finished FROM ${table} WHERE society_id = $1`,
        [societyId],
      );
      if (rows.every((r) => r.finished !== null)) return new Map(rows.map((r) => [r.id, Date.parse(r.finished!)]));
      if (Date.now() > end) throw new Error(`${table} of ${societyId} unfinished after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it(`another society's one-line package commits before the tail of a flood of ${FLOOD_PACKAGES} packages`, async () => {
    const flood: string[] = [];
    for (let i = 0; i < FLOOD_PACKAGES; i++) flood.push(await submit(a, cast.societyA.id, pkg(`F${i}`, 20)));
    const sent = Date.now();
    const mine = await submit(b, cast.societyB.id, pkg('B', 1));
    const final = await waitFinished(b, mine, 120_000);
    const latency = Date.now() - sent;
    expect(final.status).toBe('committed');
    const floodDone = await finishedAt('submissions', cast.societyA.id);
    const bDone = (await finishedAt('submissions', cast.societyB.id)).get(mine)!;
    const after = flood.filter((id) => floodDone.get(id)! > bDone).length;
    process.stdout.write(`[fair-queue ${mode}] 1-line package behind ${FLOOD_PACKAGES} packages: ${latency} ms; ${after} of the flood finished after it; flood tail ${Math.max(...floodDone.values()) - sent} ms after it was sent\n`);
    // FIFO: 0 of the flood after it. Fair: it runs beside A's current package, so all
    // but the few A finished before it was sent (and the one running beside it) come after.
    expect(after).toBeGreaterThanOrEqual(FLOOD_PACKAGES / 2);
  });

  it(`another society's one-line package commits before a ${BIG_LINES.toLocaleString('en')}-line package that started first`, async () => {
    const big = await submit(a, cast.societyA.id, pkg('BIG', BIG_LINES));
    // The large package is running (or at least out of the queue) before the small one arrives.
    for (let end = Date.now() + 60_000; ; ) {
      const s = await a.get(`/v1/submissions/${big}`);
      if (s.body.status !== 'queued') break;
      if (Date.now() > end) throw new Error('the large package never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    const sent = Date.now();
    const mine = await submit(b, cast.societyB.id, pkg('B2', 1));
    const final = await waitFinished(b, mine, 180_000);
    const latency = Date.now() - sent;
    expect(final.status).toBe('committed');
    const bigFinal = await waitFinished(a, big, 180_000);
    expect(bigFinal.status).toBe('committed');
    process.stdout.write(`[fair-queue ${mode}] 1-line package beside a ${BIG_LINES}-line package: ${latency} ms; the large one finished ${Date.parse(bigFinal.finishedAt) - sent} ms after it was sent\n`);
    expect(Date.parse(final.finishedAt)).toBeLessThan(Date.parse(bigFinal.finishedAt));
  });

  it(`another society's audit finishes before the tail of a flood of ${FLOOD_AUDITS} audits`, async () => {
    const flood: string[] = [];
    for (let i = 0; i < FLOOD_AUDITS; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => a.post('/v1/audits', { societyId: cast.societyA.id, financialYear: 2025 })));
      for (const res of batch) {
        if (res.status !== 202) throw new Error(`audit: ${res.status} ${res.text}`);
        flood.push(res.body.id);
      }
    }
    const sent = Date.now();
    const res = await b.post('/v1/audits', { societyId: cast.societyB.id, financialYear: 2025 });
    expect(res.status).toBe(202);
    const bDone = (await finishedAt('audits', cast.societyB.id)).get(res.body.id)!;
    const latency = bDone - sent;
    const floodDone = await finishedAt('audits', cast.societyA.id);
    const after = flood.filter((id) => floodDone.get(id)! > bDone).length;
    process.stdout.write(`[fair-queue ${mode}] audit behind ${FLOOD_AUDITS} audits: ${latency} ms; ${after} of the flood finished after it; flood tail ${Math.max(...floodDone.values()) - sent} ms after it was sent\n`);
    expect(after).toBeGreaterThanOrEqual(FLOOD_AUDITS / 4);
  });
}

describe('fair queues: a society flooding the queue does not hold up another (in-process)', () => drill('in-process'));

describeWithRedis('fair queues: a society flooding the queue does not hold up another (BullMQ)', () => drill('bullmq'));

describeWithRedis('fair queues: the BullMQ tenant gate', () => {
  async function until(predicate: () => boolean, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const recorder = (seen: string[]) => new Map([['work', { run: async (_p: unknown, c: JobContext) => void seen.push(c.id) }]]);

  it('lets one job per society into the queue, serves the societies in turn, and keeps one job per id', async () => {
    const queue = new BullMqJobQueue(process.env.REDIS_URL!, `ledger-test-${randomBytes(4).toString('hex')}`, { concurrency: 1, perTenant: 1 });
    const seen: string[] = [];
    try {
      for (const [id, tenant] of [['A1', 'A'], ['A2', 'A'], ['A3', 'A'], ['B1', 'B'], ['A2', 'A'], ['C1', 'C']]) await queue.enqueue('work', { id }, { jobId: id, tenant });
      await queue.startWorkers(recorder(seen));
      await until(() => seen.length >= 5);
      await queue.enqueue('work', {}, { jobId: 'A1', tenant: 'A' }); // ran already: BullMQ keeps it, nothing runs again
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual(['A1', 'B1', 'C1', 'A2', 'A3']);
    } finally {
      await queue.close();
    }
  });

  it('the sweep adds again a job a crash left between the gate and BullMQ, and then releases the society\'s next', async () => {
    const prefix = `ledger-test-${randomBytes(4).toString('hex')}`;
    const redis = new Redis(process.env.REDIS_URL!);
    const queue = new BullMqJobQueue(process.env.REDIS_URL!, prefix, { concurrency: 2, perTenant: 1 }, { sweepMs: 200, lostAfterMs: 500 });
    const seen: string[] = [];
    try {
      // A producer died after the gate let 'lost' out and before it reached BullMQ; 'next' is held behind it.
      const gate = new TenantGate(redis, prefix, 1);
      expect(await gate.admit('work', 'L', { id: 'lost', payload: {} })).toBe('out');
      expect(await gate.admit('work', 'L', { id: 'next', payload: {} })).toBe('held');
      await queue.enqueue('work', {}, { jobId: 'other', tenant: 'M' });
      await queue.startWorkers(recorder(seen));
      await until(() => seen.length >= 3);
      expect(seen).toEqual(['other', 'lost', 'next']);
      // Nothing stays counted out once the jobs ended (the worker or the sweep finishes them).
      let left = ['?'];
      for (let end = Date.now() + 5_000; left.length > 0 && Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        left = await redis.keys(`${prefix}:fair:{work}:out:*`);
      }
      expect(left).toEqual([]);
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });
});
