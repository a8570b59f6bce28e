import { readFileSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { writeDistributionLines } from '../../bench/generate.js';
import { givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { cleanEnv, run, type Running } from '../support/process.js';
import { waitFinished } from '../support/submissions.js';
import { bootTestApp, createTestDatabase, type TestDatabase } from '../support/test-app.js';

/**
 * Drill: `kill -9` of the ledger process (API and in-process worker, `npm start`'s
 * entrypoint) at a random point of an upload, of staging, of validation or of the
 * commit, KILL9_ROUNDS times (20 by default); each time the process is restarted on the
 * same database and data folder, the client sends its package again, and every package
 * must commit exactly once: one committed submission per package, its lines, one log
 * leaf, one journal entry per kind, its chunks, and nothing left over (staging tables,
 * unattached partitions).
 *
 * The points are drawn from a seeded generator (KILL9_SEED, printed on failure); the
 * phase each kill actually hit is read back from the database and printed.
 */
const ROUNDS = Number(process.env.KILL9_ROUNDS ?? 20);
const SEED = Number(process.env.KILL9_SEED ?? 9_2026);
const ROWS = 10_000;
const PHASES = ['upload', 'staging', 'validating', 'committing'] as const;
type Phase = (typeof PHASES)[number];

/** A small seeded generator (mulberry32), so a round's kill point can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The quarter of round i: the ROUNDS quarters that ended before the current one (a
 * package may not report facts from the future), oldest first; the base package's uses
 * and payments are moved into it.
 */
function quarterOf(i: number): { period: string; first: string; last: string; paidOn: string } {
  const now = new Date();
  const current = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3);
  const n = current - ROUNDS + i;
  const year = Math.floor(n / 4);
  const q = (n % 4) + 1;
  const month = (m: number) => String(m).padStart(2, '0');
  const lastDay = ['03-31', '06-30', '09-30', '12-31'][q - 1];
  return { period: `${year}Q${q}`, first: `${year}-${month(q * 3 - 2)}-01`, last: `${year}-${lastDay}`, paidOn: `${year}-${month(q * 3)}-28` };
}

describe('drill: kill -9 at random points of upload, staging, validation and commit; every package commits exactly once', () => {
  let database: TestDatabase;
  let dataDir: string;
  let adminToken: string;
  let societyId: string;
  let token: string;
  let base: Buffer;
  let server: Running | null = null;
  let url = '';
  const started: Running[] = [];
  const random = prng(SEED);
  const hits: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-kill9-'));
    chmodSync(dataDir, 0o755);
    const t = await bootTestApp({ database, dataDir, runWorkers: false });
    try {
      adminToken = t.adminToken;
      const admin = new Http(t.baseUrl, t.adminToken);
      const society = await givenSociety(admin);
      societyId = society.id;
      token = await tokenFor(admin, 'society', { societyId });
    } finally {
      await t.close();
    }
    const file = path.join(dataDir, 'base.csv');
    await writeDistributionLines(file, ROWS, 2000);
    base = readFileSync(file);
    rmSync(file);
  });

  afterAll(async () => {
    for (const s of started) {
      if (s.child.exitCode === null && s.child.signalCode === null) {
        s.child.kill('SIGKILL');
        await s.exited();
      }
    }
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<void> {
    server = run('dist/apps/api/src/main.js', cleanEnv({ DATABASE_URL: database.url, DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, PORT: '0', DEMO: '0', LOG_LEVEL: 'warn' }));
    started.push(server);
    const [, found] = await server.waitFor(/API\s+(http:\/\/\S+)\/v1/);
    url = found.replace('localhost', '127.0.0.1');
  }

  async function kill9(): Promise<void> {
    server!.child.kill('SIGKILL');
    await server!.exited();
  }

  async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  /** Streams the package in small pieces (so a kill can land in the middle); resolves with the answer or the error. */
  function upload(period: string, body: Buffer, pace: { chunk: number; delayMs: number }): { sent: () => number; done: Promise<{ status: number; body: string } | { error: string }> } {
    let sent = 0;
    const done = new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
      const req = http.request(
        `${url}/v1/societies/${societyId}/submissions?type=distribution-lines&period=${period}`,
        { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': String(body.length) } },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', (e) => resolve({ error: e.message }));
        },
      );
      req.on('error', (e) => resolve({ error: e.message }));
      void (async () => {
        while (sent < body.length && !req.destroyed) {
          const piece = body.subarray(sent, sent + pace.chunk);
          sent += piece.length;
          if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
          if (pace.delayMs > 0) await new Promise((r) => setTimeout(r, pace.delayMs));
        }
        req.end();
      })();
    });
    return { sent: () => sent, done };
  }

  /** The phase the package of `period` is in, as the database says ('upload' before its submission exists). */
  async function phaseOf(period: string): Promise<{ phase: Phase | 'committed' | string; id?: string }> {
    const rows = await query<{ id: string; status: string; phase: string | null }>(`SELECT id, status, phase FROM submissions WHERE society_id = $1 AND period = $2 ORDER BY received_at`, [societyId, period]);
    if (rows.length === 0) return { phase: 'upload' };
    const r = rows[rows.length - 1];
    if (r.status === 'validating' && r.phase) return { phase: r.phase, id: r.id };
    return { phase: r.status, id: r.id };
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 120_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > end) {
        const rows = await query(`SELECT period, status, phase, attempts, to_jsonb(s) -> 'failure' AS failure, left(errors::text, 300) AS errors FROM submissions s WHERE society_id = $1 ORDER BY received_at`, [societyId]);
        throw new Error(`timed out waiting for ${what} (seed ${SEED}); submissions: ${JSON.stringify(rows)}; server output:\n${server?.output().slice(-2000) ?? ''}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it(`${ROUNDS} rounds (seed ${SEED})`, async () => {
    await start();
    const packages: { period: string; body: Buffer; target: Phase }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { period, first, last, paidOn } = quarterOf(round);
      const body = Buffer.from(base.toString('utf8').replaceAll(',2025-01-01,2025-03-31,', `,${first},${last},`).replaceAll(',2025-03-28,', `,${paidOn},`));
      // Every phase in turn, at a random point inside it.
      const target = PHASES[round % PHASES.length];
      packages.push({ period, body, target });
      const context = `round ${round + 1} (${period}, kill in ${target}, seed ${SEED})`;
      if (target === 'upload') {
        const pace = { chunk: 16 * 1024, delayMs: 5 };
        const up = upload(period, body, pace);
        const cut = Math.floor(body.length * (0.05 + 0.9 * random()));
        await until(`${context}: ${cut} bytes sent`, async () => up.sent() >= cut);
        await kill9();
        const answer = await up.done;
        hits.push(`${context}: after ${up.sent()} of ${body.length} bytes (${'status' in answer ? `answered ${answer.status}` : answer.error}); the database says ${(await phaseOf(period)).phase}`);
      } else {
        const up = upload(period, body, { chunk: 256 * 1024, delayMs: 0 });
        const answer = await up.done;
        if (!('status' in answer) || answer.status !== 202) throw new Error(`${context}: upload answered ${JSON.stringify(answer)}`);
        await until(`${context}: the phase ${target}`, async () => {
          const { phase } = await phaseOf(period);
          if (phase === 'rejected' || phase === 'failed') throw new Error(`${context}: the package ended ${phase} before it was killed`);
          return phase === target || PHASES.indexOf(phase as Phase) > PHASES.indexOf(target) || phase === 'committed';
        });
        // A random point of the phase, within about its length at this size (staging and validating are short).
        await new Promise((r) => setTimeout(r, Math.floor(random() * { staging: 150, validating: 100, committing: 400 }[target])));
        await kill9();
        hits.push(`${context}: the database says ${(await phaseOf(period)).phase}`);
      }
      // Restart on the same data; the client sends its package again (as `ledger submit` would after an error).
      await start();
      const again = upload(period, body, { chunk: 256 * 1024, delayMs: 0 });
      const answer = await again.done;
      if (!('status' in answer) || (answer.status !== 202 && answer.status !== 200)) throw new Error(`${context}: the upload after the restart answered ${JSON.stringify(answer)}`);
      const id = (JSON.parse(answer.body) as { id: string }).id;
      const final = await waitFinished(new Http(url, token), id, 120_000);
      expect({ context, status: final.status, rows: final.rows }).toEqual({ context, status: 'committed', rows: ROWS });
    }
    process.stdout.write(`[kill9] seed ${SEED}, where each kill landed:\n  ${hits.join('\n  ')}\n`);

    // Exactly once, package by package.
    const submissions = await query<{ period: string; status: string; n: number }>(
      `SELECT period, status, count(*)::int AS n FROM submissions WHERE society_id = $1 GROUP BY period, status ORDER BY period, status`,
      [societyId],
    );
    expect(submissions).toEqual(packages.map((p) => ({ period: p.period, status: 'committed', n: 1 })).sort((a, b) => a.period.localeCompare(b.period)));
    const ledger = await query<{ period: string; lines: number; leaves: number; entries: number; kinds: number; chunks: number }>(
      `SELECT s.period,
              (SELECT count(*)::int FROM distribution_lines l WHERE l.society_id = s.society_id AND l.submission_id = s.id) AS lines,
              (SELECT count(*)::int FROM log_leaves g WHERE g.submission_id = s.id) AS leaves,
              (SELECT count(*)::int FROM journal_entries j WHERE j.submission_id = s.id) AS entries,
              (SELECT count(DISTINCT kind)::int FROM journal_entries j WHERE j.submission_id = s.id) AS kinds,
              (SELECT count(*)::int FROM submission_chunks c WHERE c.submission_id = s.id) AS chunks
       FROM submissions s WHERE s.society_id = $1 ORDER BY s.period`,
      [societyId],
    );
    for (const row of ledger) {
      expect({ period: row.period, lines: row.lines, leaves: row.leaves, entriesOncePerKind: row.entries === row.kinds && row.entries > 0, chunks: row.chunks }).toEqual({
        period: row.period,
        lines: ROWS,
        leaves: 1,
        entriesOncePerKind: true,
        chunks: Math.ceil(ROWS / 1024),
      });
    }
    // Nothing of the killed attempts is left: staging tables, partitions never attached.
    const leftovers = await query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND ((n.nspname = 'staging') OR (n.nspname = 'lines' AND c.relname ~ '_p[0-9a-f]{32}$' AND NOT c.relispartition))`,
    );
    expect(leftovers).toEqual([]);
    const parts = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.part'));
    if (parts.length > 0) process.stdout.write(`[kill9] ${parts.length} partial upload file(s) left in DATA_DIR: ${parts.join(', ')}\n`);
  }, 900_000);
});
