/**
 * The clerk's package: small packages, one at a time, from upload to committed.
 *
 *   npm run bench:small-ingest [-- --rows N] [--packages P] [--societies S] [--poll MS] [--queue bullmq]
 *
 * P packages (default 1,000) of N distribution lines (default 1,000) from S societies
 * (default 20), sent one after another, the societies in turn (package k is society
 * k mod S's, for its own quarter: 50 quarters from 2013Q1 each at the defaults), so every
 * society's log and lines grow through the run. Each package is uploaded over HTTP with
 * the society's own token, as a clerk does, and timed until the ledger answers that it
 * is committed: by default with `GET /v1/submissions/{id}?wait=30` (the answer comes when
 * the submission is finished); `--poll MS` looks every MS milliseconds instead, as a
 * script polling the ledger does (`ledger submit` polls every 250 ms).
 *
 * The ledger runs as its own process, as `npm start` runs it on DATABASE_URL (API and
 * in-process jobs); `--queue bullmq` (with REDIS_URL) runs the API (`--role api`) and
 * one worker process instead, so the job hop goes through Redis.
 *
 * Beside every package, in the same run and interleaved with the packages:
 *   - a `GET /health` round trip (a database round trip and the queue's ping);
 *   - COPY of the same N lines (the same bytes) into a bare table of text columns, on a
 *     connection of the bench's own: the floor of storing them at all.
 * p50 and p99 of each are printed, for all packages and for the first and the last
 * hundred separately (the ledger holding the fewest and the most packages).
 *
 * The register is not empty: 20,000 rights holders are known (each society pays 4,000
 * of them, overlapping its neighbours'), a fifth of each society's holders hold a
 * mandate there, and about 5 lines a package name a holder not registered yet (the
 * ingest registers them).
 *
 * Profiling aids: BENCH_LOG_LEVEL=debug shows the ledger's log (the ingest's phases and
 * steps per package); BENCH_LOG_STATEMENTS=1 has PostgreSQL log every statement of the
 * bench database with its duration (log_min_duration_statement = 0, in the server's log);
 * BENCH_NODE_ARGS passes options to the ledger's node processes (`--cpu-prof`).
 *
 * Last line (CONTRACT.md "Benchmarks"): seconds = the packages' p50 (upload → committed
 * as the clerk sees it), baseline = the p50 of COPY of the same lines, ratio =
 * baselineSeconds / seconds (the share of the clerk's wait that storing the lines
 * needs at the least); rows = lines per package; rssMb = the peak resident set of the
 * ledger's process (the worker's with --queue bullmq).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { freePort } from '../libs/database/src/index.js';
import { makeIpi, makeIswc } from '../libs/identifiers/src/index.js';
import { DISTRIBUTION_HEADER } from './generate.js';
import { benchDatabase, choiceOption, intOption, report } from './support.js';

const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
const HOLDERS = 20_000;
const HOLDERS_PER_SOCIETY = 4_000;
const CATEGORIES = ['performing', 'mechanical', 'communication', 'making-available'];
const USES = ['radio', 'tv', 'online', 'live', 'background'];
const TERRITORIES = ['RU', 'FR', 'DE', 'SE', 'US'];

interface Society {
  id: string;
  token: string;
  index: number;
}

async function main(): Promise<void> {
  const lines = intOption('rows', 1_000);
  const packages = intOption('packages', 1_000);
  const societyCount = intOption('societies', 20);
  const pollMs = process.argv.includes('--poll') ? intOption('poll', 250) : null;
  const queue = choiceOption('queue', ['in-process', 'bullmq'] as const);
  if (queue === 'bullmq' && !process.env.REDIS_URL) {
    process.stderr.write('--queue bullmq needs REDIS_URL\n');
    process.exit(2);
  }
  const quarters = Math.ceil(packages / societyCount);
  if (quarters > 4 * 13) {
    process.stderr.write(`${packages} packages from ${societyCount} societies is ${quarters} quarters each, more than the 52 from 2013Q1 to 2025Q4\n`);
    process.exit(2);
  }
  process.stdout.write(
    `small-ingest: ${packages.toLocaleString('en')} packages of ${lines.toLocaleString('en')} lines from ${societyCount} societies, one at a time ` +
      `(${queue} queue; ${pollMs === null ? 'the answer awaited with ?wait=' : `polled every ${pollMs} ms`})\n`,
  );
  const db = await benchDatabase('small_ingest');
  const processes: ChildProcess[] = [];
  let bench = new pg.Client({ connectionString: db.url });
  try {
    if (process.env.BENCH_LOG_STATEMENTS === '1') {
      // Profiling aid: the server logs every statement of the bench database with its duration.
      await bench.connect();
      await bench.query(`ALTER DATABASE ${new URL(db.url).pathname.slice(1)} SET log_min_duration_statement = 0`);
      await bench.end();
    }
    const port = await freePort();
    const env = ledgerEnv(db.url, port, db.work, queue);
    const api = startLedger(queue === 'bullmq' ? ['apps/api/src/main.js', '--role', 'api'] : ['apps/api/src/main.js'], env, 'Collective Ledger is up');
    processes.push(api.child);
    await api.ready;
    let worker: ChildProcess = api.child;
    if (queue === 'bullmq') {
      // (It says it is consuming at level info.)
      const started = startLedger(['apps/worker/src/main.js'], { ...env, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' }, 'worker is consuming jobs');
      processes.push(started.child);
      await started.ready;
      worker = started.child;
    }
    const base = `http://127.0.0.1:${port}`;
    bench = new pg.Client({ connectionString: db.url });
    bench.on('error', () => undefined);
    await bench.connect();

    const societies = await setUp(base, bench, societyCount);
    await bench.query(`CREATE UNLOGGED TABLE bench_copy (${DISTRIBUTION_HEADER.split(',').map((c) => `${c} text`).join(', ')})`);

    // One package first, not measured: the first request of each kind warms the process.
    await submitAndWait(base, societies[0], periodOf(WARM_QUARTER), packageCsv(societies[0], -1, WARM_QUARTER, lines), pollMs);

    const timings = { package: [] as number[], health: [] as number[], copy: [] as number[] };
    const started = performance.now();
    for (let k = 0; k < packages; k++) {
      const society = societies[k % societyCount];
      const quarter = Math.floor(k / societyCount);
      const csv = packageCsv(society, k, quarter, lines);
      // The three measurements in turn, their order rotating, so that none always follows another.
      const steps = [
        async () => timings.health.push(await timedMs(() => health(base))),
        async () => timings.copy.push(await timedMs(() => copyLines(bench, csv))),
        async () => timings.package.push(await timedMs(() => submitAndWait(base, society, periodOf(quarter), csv, pollMs))),
      ];
      for (let i = 0; i < steps.length; i++) await steps[(k + i) % steps.length]();
      if ((k + 1) % 100 === 0) {
        const last = timings.package.slice(-100);
        process.stdout.write(`  ${String(k + 1).padStart(5)} packages: last hundred p50 ${ms(percentile(last, 50))}, p99 ${ms(percentile(last, 99))}\n`);
      }
    }
    const totalSeconds = (performance.now() - started) / 1000;

    const logs = (await bench.query(`SELECT count(*)::int AS n, max(tree_size)::int AS largest FROM (SELECT society_id, max(tree_size) AS tree_size FROM tree_heads GROUP BY 1) x`)).rows[0];
    const committed = (await bench.query(`SELECT count(*)::int AS n, sum(rows)::bigint AS lines FROM submissions WHERE status = 'committed'`)).rows[0];
    process.stdout.write(
      `run: ${totalSeconds.toFixed(1)} s; ${committed.n} packages committed (${Number(committed.lines).toLocaleString('en')} lines), ${logs.n} logs of up to ${logs.largest} leaves\n`,
    );
    const table = (label: string, values: number[]) => {
      const first = values.slice(0, 100);
      const last = values.slice(-100);
      process.stdout.write(
        `${label.padEnd(36)} p50 ${ms(percentile(values, 50))}  p99 ${ms(percentile(values, 99))}` +
          `   first 100: p50 ${ms(percentile(first, 50))} p99 ${ms(percentile(first, 99))}` +
          `   last 100: p50 ${ms(percentile(last, 50))} p99 ${ms(percentile(last, 99))}\n`,
      );
    };
    table('package, upload → committed', timings.package);
    table('baseline GET /health', timings.health);
    table(`baseline COPY of the same ${lines} lines`, timings.copy);
    const p50 = percentile(timings.package, 50);
    const p99 = percentile(timings.package, 99);
    process.stdout.write(
      `package p50 = ${(p50 / percentile(timings.health, 50)).toFixed(1)} × /health p50, ${(p50 / percentile(timings.copy, 50)).toFixed(1)} × COPY p50; ` +
        `p99 = ${(p99 / percentile(timings.health, 99)).toFixed(1)} × /health p99, ${(p99 / percentile(timings.copy, 99)).toFixed(1)} × COPY p99 ` +
        `(goal: p50 ≤ 100 ms, p99 ≤ 300 ms)\n`,
    );
    const rssMb = peakRssMb(worker.pid!);
    await bench.end();
    for (const child of processes.reverse()) await stop(child);
    processes.length = 0;
    report({ bench: 'small-ingest', rows: lines, seconds: p50 / 1000, baseline: 'copy-same-lines-p50', baselineSeconds: percentile(timings.copy, 50) / 1000, rssMb });
  } finally {
    await bench.end().catch(() => undefined);
    for (const child of processes.reverse()) await stop(child);
    await db.close();
  }
}

/**
 * The societies, a token of each (role society: the clerk's credential), the known
 * rights holders and their mandates (a fifth of each society's holders).
 */
async function setUp(base: string, client: pg.Client, count: number): Promise<Society[]> {
  const societies: Society[] = [];
  for (let i = 0; i < count; i++) {
    const society = await call(base, ADMIN_TOKEN, 'POST', '/v1/societies', {
      name: `Bench Society ${i + 1}`,
      cisacCode: String(600 + i),
      country: TERRITORIES[i % TERRITORIES.length],
      currency: 'EUR',
      fyEndMonth: 12,
      fyEndDay: 31,
    });
    const token = await call(base, ADMIN_TOKEN, 'POST', '/v1/tokens', { role: 'society', societyId: society.id, label: `clerk of society ${i + 1}` });
    societies.push({ id: society.id, token: token.token, index: i });
  }
  await client.query(`INSERT INTO rights_holders (name, ipi, kind) SELECT 'Holder ' || n, ipi, 'composer' FROM unnest($1::text[]) WITH ORDINALITY AS u(ipi, n)`, [
    Array.from({ length: HOLDERS }, (_, h) => holderIpi(h)),
  ]);
  for (const s of societies) {
    const mandated = Array.from({ length: HOLDERS_PER_SOCIETY / 5 }, (_, j) => holderIpi(holderOf(s, j * 5)));
    await client.query(
      `WITH m AS (
         INSERT INTO mandates (society_id, rights_holder_id, created_at)
         SELECT $1::uuid, rh.id, now() FROM rights_holders rh WHERE rh.ipi = ANY($2::text[])
         RETURNING society_id, id, rights_holder_id
       )
       INSERT INTO mandate_versions (society_id, mandate_id, version, rights_holder_id, category, work_type, territories, excluded_territories, valid_from, valid_to,
         basis, exclusive, consent_recorded_at, consent_recorded_by, change, recorded_at, recorded_by)
       SELECT m.society_id, m.id, 1, m.rights_holder_id, 'performing', 'musical', '{WORLD}', '{}', DATE '2010-01-01', NULL,
              'contractual', true, now(), 'bench', 'created', now() - interval '1 minute', 'bench'
       FROM m`,
      [s.id, mandated],
    );
  }
  // A ledger that has held these for years has its statistics.
  await client.query('ANALYZE');
  process.stdout.write(`set up ${count} societies with a clerk's token each, ${HOLDERS.toLocaleString('en')} rights holders, ${(count * HOLDERS_PER_SOCIETY) / 5} mandates\n`);
  return societies;
}

function holderIpi(h: number): string {
  return makeIpi(String(400_000_000 + h * 17).padStart(9, '0'));
}

/** The society's j-th holder (societies share holders with their neighbours). */
function holderOf(s: Society, j: number): number {
  return (s.index * (HOLDERS / 20) + j) % HOLDERS;
}

/** 2013Q1 plus q quarters. */
function periodOf(q: number): string {
  return `${2013 + Math.floor(q / 4)}Q${(q % 4) + 1}`;
}

/** The quarter of the unmeasured first package (2026Q1, after every measured one). */
const WARM_QUARTER = 52;

/**
 * Package k of society s for quarter q (periodOf): `lines` lines of that quarter (use dates, payments
 * in it), deterministic. Its bytes are its own (line ids carry k), so no two packages
 * are the same submission.
 */
function packageCsv(s: Society, k: number, q: number, lines: number): string {
  const year = 2013 + Math.floor(q / 4);
  const month = (q % 4) * 3 + 1;
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const lastDay = new Date(Date.UTC(year, month + 2, 0)).getUTCDate();
  const last = `${year}-${String(month + 2).padStart(2, '0')}-${lastDay}`;
  const paidOn = `${year}-${String(month + 2).padStart(2, '0')}-${lastDay - 3}`;
  let x = 7919 * (k + 2) + s.index;
  // The high bits of a power-of-two LCG (its low bits repeat with short periods).
  const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) >>> 8;
  const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
  const out: string[] = [DISTRIBUTION_HEADER];
  for (let i = 0; i < lines; i++) {
    const gross = 100 + (rand() % 500_000);
    const fee = Math.floor(gross * 0.15);
    const other = Math.floor(gross * 0.02);
    const unidentified = i % 97 === 0;
    // About 5 lines a package name a holder the register does not know yet.
    const newcomer = !unidentified && i % 200 === 7;
    const ipi = unidentified ? '' : newcomer ? makeIpi(String(800_000_000 + (k + 1) * 1000 + i).padStart(9, '0')) : holderIpi(holderOf(s, rand() % HOLDERS_PER_SOCIETY));
    const paid = !unidentified && i % 3 !== 0;
    out.push(
      [
        `P${k + 1}-L${String(i + 1).padStart(6, '0')}`,
        ipi,
        unidentified ? `Unknown (cue sheet ${i})` : `Holder ${ipi}`,
        makeIswc(String(100_000_000 + (rand() % 5000) * 7).padStart(9, '0')),
        `Work ${rand() % 100000}`,
        CATEGORIES[i % CATEGORIES.length],
        USES[i % USES.length],
        TERRITORIES[i % TERRITORIES.length],
        first,
        last,
        'EUR',
        money(gross),
        money(fee),
        money(other),
        money(gross - fee - other),
        unidentified ? 'unidentified' : paid ? 'paid' : 'unpaid',
        paid ? paidOn : '',
        i % 11 === 0 ? 'non-contractual' : 'contractual',
      ].join(','),
    );
  }
  return `${out.join('\n')}\n`;
}

/** Uploads the package with the society's token and waits until the ledger says it is committed. */
async function submitAndWait(base: string, s: Society, period: string, csv: string, pollMs: number | null): Promise<void> {
  const { status, body } = await send(`${base}/v1/societies/${s.id}/submissions?type=distribution-lines&period=${period}`, s.token, 'POST', csv);
  if (status !== 202) throw new Error(`upload for ${period}: ${status} ${body}`);
  const id = (JSON.parse(body) as { id: string }).id;
  for (;;) {
    const answer = await send(`${base}/v1/submissions/${id}${pollMs === null ? '?wait=30' : ''}`, s.token, 'GET');
    if (answer.status !== 200) throw new Error(`GET /v1/submissions/${id}: ${answer.status} ${answer.body}`);
    const submission = JSON.parse(answer.body) as { status: string; errors: unknown[]; failure?: string };
    if (submission.status === 'committed') return;
    if (submission.status === 'rejected' || submission.status === 'failed') {
      throw new Error(`package for ${period} ${submission.status}: ${JSON.stringify(submission.errors.slice(0, 3))} ${submission.failure ?? ''}`);
    }
    if (pollMs !== null) await new Promise((r) => setTimeout(r, pollMs));
  }
}

async function health(base: string): Promise<void> {
  const { status, body } = await send(`${base}/health`, null, 'GET');
  if (status !== 200) throw new Error(`/health: ${status} ${body}`);
}

/** COPY of the package's bytes into the bare table (which keeps growing, like the ledger). */
async function copyLines(client: pg.Client, csv: string): Promise<void> {
  await pipeline(Readable.from([Buffer.from(csv, 'utf8')]), client.query(copyFrom(`COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)`)));
}

/** One HTTP request on a fresh connection (a clerk's tool opens one), its whole answer as text. */
function send(url: string, token: string | null, method: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['content-type'] = 'text/csv';
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function call(base: string, token: string, method: string, route: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

function ledgerEnv(databaseUrl: string, port: number, dataDir: string, queue: 'in-process' | 'bullmq'): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    DEMO: '0',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    QUEUE_PREFIX: `bench-small-${process.pid}`,
  };
  if (queue === 'in-process') delete env.REDIS_URL;
  delete env.NODE_OPTIONS;
  return env;
}

/** A process of the ledger (the built dist/), resolved once it prints `readyText`. */
function startLedger(args: string[], env: NodeJS.ProcessEnv, readyText: string): { child: ChildProcess; ready: Promise<void> } {
  const [script, ...rest] = args;
  // Profiling aid: BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the ledger's processes.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.resolve(import.meta.dirname, '..', script), ...rest], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      if (env.BENCH_LOG_LEVEL) process.stderr.write(d);
      output += d.toString();
      if (output.includes(readyText)) resolve();
      if (output.length > 1 << 20) output = output.slice(-(1 << 16));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was up:\n${output}`)));
  });
  return { child, ready };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function timedMs(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The p-th percentile (nearest rank) of some timings. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function ms(v: number): string {
  return `${v.toFixed(1)} ms`;
}

/** Peak resident set of a process (Linux /proc; 0 elsewhere). */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : 0;
  } catch {
    return 0;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:small-ingest failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
