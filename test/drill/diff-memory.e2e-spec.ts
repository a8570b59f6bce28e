import { mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIpi } from '../../libs/identifiers/src/index.js';
import { givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { cleanEnv, run, type Running } from '../support/process.js';
import { DIST_HEADER, waitFinished } from '../support/submissions.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

/** Lines of each package. */
const ROWS = 200_000;
/**
 * The budget: how much the API process's resident memory may grow above what it held
 * before, at any moment while it streams the diff of two 200,000-line packages (99,500
 * changed lines, 1,000 added, 1,000 removed: 14.9 MB of JSON). Measured: +5 MB (each row
 * comes from the cursor as the JSON text of its item, passed on as it is). The same
 * stream with each line's two leaves parsed and compared in the API grew +94 MB (garbage
 * the collector let pile up), and a diff built in memory holds both packages' rows and
 * the whole answer before its first byte goes out: both far above the budget.
 */
const RSS_BUDGET_MB = 32;

const HOLDERS = Array.from({ length: 100 }, (_, h) => makeIpi(String(400_000_000 + h * 7).padStart(9, '0')));

/** Line i of either version: v2 leaves out lines 1–1,000, adds 200,001–201,000 and raises gross (and net) of every even line by 1. */
function line(i: number, version: 1 | 2): string {
  const cents = 100_000 + (i % 1000) * 100 + (version === 2 && i % 2 === 0 ? 100 : 0);
  const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const h = i % HOLDERS.length;
  return `L-${String(i).padStart(7, '0')},${HOLDERS[h]},Holder ${h},,Work ${i % 5000},performing,radio,RU,2025-01-01,2025-03-31,RUB,${amount},0,0,${amount},paid,2025-03-30,contractual`;
}

function pkg(version: 1 | 2): Buffer {
  const [from, to] = version === 1 ? [1, ROWS] : [1001, ROWS + 1000];
  const lines = [DIST_HEADER];
  for (let i = from; i <= to; i++) lines.push(line(i, version));
  return Buffer.from(lines.join('\n') + '\n');
}

/** Resident set size of a process, in bytes (Linux /proc). */
function rss(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/**
 * A line-level diff of two 200,000-line packages, streamed by a real API process (the
 * built `dist/apps/api/src/main.js`, as `npm start` runs it) whose resident memory is
 * sampled every few milliseconds from /proc while the diff streams (issue 17 item 4).
 */
describe('the diff of two 200,000-line packages within the memory budget', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: Running;
  let url: string;
  let society: Http;
  let v2Id: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-diff-memory-'));
    chmodSync(dataDir, 0o755);
    const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
    server = run('dist/apps/api/src/main.js', cleanEnv({ DATABASE_URL: database.url, DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, PORT: '0', DEMO: '0', LOG_LEVEL: 'warn' }));
    const [, found] = await server.waitFor(/API\s+(http:\/\/\S+)\/v1/);
    url = found.replace('localhost', '127.0.0.1');
    const admin = new Http(url, adminToken);
    const s = await givenSociety(admin, { currency: 'RUB' });
    society = admin.as(await tokenFor(admin, 'society', { societyId: s.id }));
    for (const version of [1, 2] as const) {
      const res = await society.post(`/v1/societies/${s.id}/submissions?type=distribution-lines&period=2025Q1`, pkg(version), { 'content-type': 'text/csv' });
      expect(res.status).toBe(202);
      const done = await waitFinished(society, res.body.id, 600_000);
      expect(done).toMatchObject({ status: 'committed', rows: version === 1 ? ROWS : ROWS });
      v2Id = done.id;
    }
  }, 900_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited();
    }
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`streams it with the API's resident memory growing less than ${RSS_BUDGET_MB} MB`, async () => {
    const pid = server.child.pid!;
    // What the process holds at rest, after serving a request (the lowest of a second's samples).
    await society.get(`/v1/submissions/${v2Id}`);
    let before = Infinity;
    for (let i = 0; i < 20; i++) {
      before = Math.min(before, rss(pid));
      await new Promise((r) => setTimeout(r, 50));
    }
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 5);
    const started = Date.now();
    const { status, body, chunks } = await new Promise<{ status: number; body: string; chunks: number }>((resolve, reject) => {
      http
        .get(`${url}/v1/submissions/${v2Id}/diff`, { headers: { authorization: `Bearer ${society.token}` } }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(parts).toString('utf8'), chunks: parts.length }));
          res.on('error', reject);
        })
        .on('error', reject);
    });
    clearInterval(sampler);
    peak = Math.max(peak, rss(pid));
    const growthMb = (peak - before) / (1024 * 1024);
    process.stdout.write(
      `[diff-memory] ${ROWS} + ${ROWS} lines: ${(body.length / 1e6).toFixed(1)} MB of JSON in ${chunks} chunks, ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `API RSS ${(before / 2 ** 20).toFixed(0)} MB before, peak ${(peak / 2 ** 20).toFixed(0)} MB: +${growthMb.toFixed(1)} MB (budget ${RSS_BUDGET_MB} MB)\n`,
    );
    expect(status).toBe(200);
    const diff = JSON.parse(body) as { counts: Record<string, number>; added: { lineId: string }[]; removed: { lineId: string }[]; changed: { lineId: string; fields: Record<string, unknown> }[] };
    expect(diff.counts).toEqual({ added: 1000, removed: 1000, changed: 99_500 });
    expect(diff.added[0].lineId).toBe('L-0200001');
    expect(diff.removed[999].lineId).toBe('L-0001000');
    expect(diff.changed[0]).toEqual({ lineId: 'L-0001002', fromLineNo: 1003, toLineNo: 3, fields: { gross: { from: '1002', to: '1003' }, net: { from: '1002', to: '1003' } } });
    // Streamed: the answer left in many pieces, not as one buffer at the end.
    expect(chunks).toBeGreaterThan(50);
    expect(growthMb).toBeLessThan(RSS_BUDGET_MB);
  }, 600_000);

  it('lets go of its connection and transaction when the client goes away mid-stream', async () => {
    const inTransaction = async () => {
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      try {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND query LIKE 'FETCH%'`);
        return rows[0].n as number;
      } finally {
        await c.end();
      }
    };
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`${url}/v1/submissions/${v2Id}/diff`, { headers: { authorization: `Bearer ${society.token}` } }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      });
    }
    let left = await inTransaction();
    for (let i = 0; i < 100 && left > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = await inTransaction();
    }
    expect(left).toBe(0);
    // And the API still answers with the pool it has.
    expect((await society.get(`/v1/submissions/${v2Id}`)).status).toBe(200);
  }, 120_000);
});
