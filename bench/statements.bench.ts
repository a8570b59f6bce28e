/**
 * Statements benchmark.
 *
 *   npm run bench:statements [-- --rows N] [--holders H] [--duration S] [--connections C] [--kept K] [--redis] [--keep]
 *
 * Loads N distribution lines (default 5,000,000) over H rights holders (default 50,000)
 * at three societies (lines in RUB, SEK and EUR over 2024-2025), each holder with a
 * mandate and a rights-holder token, and a daily rate table; then, against the API
 * running as its own process (`node dist/apps/api/src/main.js`, the same build as
 * `npm start`), C concurrent clients (default 200, autocannon):
 *   baseline  GET /health (public; a database round trip and the queue ping);
 *   measured  GET /v1/rights-holders/{id}/statement?year=2025&currency=EUR as the
 *             holder itself, a holder after another (so ~50 lines each, three
 *             societies, two currency conversions, mandates and signed heads):
 *     cold    every holder's statement once, each the first time it is asked (computed
 *             and kept in the answer cache: docs/answer-cache.md);
 *     warm    then for S seconds (default 20) the same statements again, answered from
 *             the cache (a token the cold pass looked up longer ago than
 *             TOKEN_CACHE_TTL_MS is looked up again: with 5M lines the cold pass takes
 *             minutes);
 *     warm, tokens kept  the holders asking now: the first K (--kept, default 1,000)
 *             in turn, each asking again within the token cache's life, after one pass
 *             that looks their tokens up: answers and tokens both cached.
 * Each phase alternates with its baseline in 4 slices (health for S/4 seconds, then a
 * quarter of the phase, four times), so that each is compared with /health measured
 * around it while the load of a shared machine drifts; percentiles are over every
 * response of the slices. After a warm-up (health, and the statements as CSV: the same
 * computation, other answers). `seconds` is the statement's p99 latency in the last phase
 * (answers and tokens cached), `baselineSeconds` the p99 of /health in its slices, ratio
 * = baselineSeconds / seconds; the other phases are printed above it. rssMb is the API
 * process's peak resident set (VmHWM). Answers are kept in PostgreSQL, or with --redis
 * in Redis (REDIS_URL; the jobs then run through BullMQ).
 *
 * How the lines are loaded: three small distribution packages are committed through
 * the API (so each society has real submissions and signed log heads), then the N
 * lines are generated in PostgreSQL (INSERT … SELECT generate_series) into those
 * committed submissions, with triggers off for the load (session_replication_role =
 * replica: no foreign-key or append-only trigger per row) and a constant leaf hash:
 * the statement reads amounts, not hashes, so proofs of these lines would not verify.
 * The database is VACUUM ANALYZEd before measuring. PostgreSQL: DATABASE_URL or an
 * embedded one (fsync off: it only speeds the load up). `--keep` leaves the bench
 * database in place (with DATABASE_URL) and prints its URL and a holder's token, for
 * EXPLAIN and profiling.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import pg from 'pg';
import { hashToken } from '../libs/auth/src/index.js';
import { ensureDatabase, freePort, startEmbeddedPostgres, withDatabase } from '../libs/database/src/index.js';
import { makeIpi } from '../libs/identifiers/src/index.js';
import { intOption, report, timed } from './support.js';

const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
const SOCIETIES = [
  { name: 'Bench Authors Society', cisacCode: '561', currency: 'RUB', country: 'RU' },
  { name: 'Bench Performers Society', cisacCode: '562', currency: 'SEK', country: 'SE' },
  { name: 'Bench Online Rights', cisacCode: '563', currency: 'EUR', country: 'DE' },
];
const HEADER =
  'line_id,rights_holder_ipi,rights_holder_name,work_iswc,work_title,category,use_type,territory,use_from,use_to,currency,gross,management_fee,other_deductions,net,status,paid_on,mandate_basis';

async function main(): Promise<void> {
  const rows = intOption('rows', 5_000_000);
  const holders = intOption('holders', 50_000);
  const duration = intOption('duration', 20);
  const connections = intOption('connections', 200);
  const keptHolders = intOption('kept', 1_000);
  const keep = process.argv.includes('--keep') && process.env.DATABASE_URL !== undefined;
  const redisUrl = process.argv.includes('--redis') ? process.env.REDIS_URL : undefined;
  if (process.argv.includes('--redis') && !redisUrl) throw new Error('--redis needs REDIS_URL');
  const work = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-statements-'));
  chmodSync(work, 0o755);
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  let server: ChildProcess | null = null;
  let serverUrl = process.env.DATABASE_URL;
  let db: pg.Client | null = null;
  const dbName = `ledger_bench_statements_${process.pid}`;
  try {
    process.stdout.write(
      `statements bench: ${rows.toLocaleString('en')} lines over ${holders.toLocaleString('en')} holders, ${connections} clients × ${duration} s, answers kept in ${redisUrl ? 'Redis' : 'PostgreSQL'}\n`,
    );
    if (!serverUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg'), fast: true });
      serverUrl = embedded.url;
    }
    await ensureDatabase(serverUrl, dbName);
    const url = withDatabase(serverUrl, dbName);

    const port = await freePort();
    const api = startApi(url, port, work, redisUrl);
    server = api.child;
    await api.ready;
    const base = `http://127.0.0.1:${port}`;
    const client = new pg.Client({ connectionString: url });
    db = client;
    client.on('error', () => undefined); // the database is dropped at the end, with this client possibly still open
    await client.connect();

    const setup = await timed(async () => {
      const societyIds: string[] = [];
      for (const s of SOCIETIES) societyIds.push((await call(base, 'POST', '/v1/societies', { ...s, fyEndMonth: 12, fyEndDay: 31 })).id);
      const ipis = await insertHolders(client, holders);
      // A real committed distribution package per society: submissions and signed heads.
      for (const [i, s] of SOCIETIES.entries()) {
        const lines = [0, 1, 2].map((h) =>
          [`REAL-${h}`, ipis[h], `Holder ${h}`, 'T-034.524.680-1', 'Real work', 'performing', 'radio', 'RU', '2025-01-01', '2025-03-31', s.currency, '100.00', '15.00', '2.00', '83.00', 'paid', '2025-03-28', 'contractual'].join(','),
        );
        await submitAndWait(base, societyIds[i], `${HEADER}\n${lines.join('\n')}\n`);
      }
      await loadLines(client, rows, holders);
      await insertMandates(client, societyIds[0]);
      await uploadRates(base);
      const tokens = await insertTokens(client);
      process.stdout.write('VACUUM ANALYZE… ');
      await client.query('VACUUM ANALYZE');
      process.stdout.write('done\n');
      return tokens;
    });
    const tokens = setup.value;
    process.stdout.write(`setup: ${setup.seconds.toFixed(1)} s\n`);

    // One statement, checked, before the load.
    const sample = tokens[0];
    const statementPath = (holderId: string) => `/v1/rights-holders/${holderId}/statement?year=2025&currency=EUR`;
    const one = await fetch(`${base}${statementPath(sample.holderId)}`, { headers: { authorization: `Bearer ${sample.token}` } });
    const body = (await one.json()) as { societies: { lines: number }[]; totals: { lines: number; revenueAttributed: string } };
    if (one.status !== 200) throw new Error(`statement: ${one.status} ${JSON.stringify(body)}`);
    process.stdout.write(`sample statement: ${body.societies.length} societies, ${body.totals.lines} lines, ${body.totals.revenueAttributed} EUR attributed\n`);

    let next = 0;
    const seen = { hit: 0, miss: 0, other: 0 };
    const statementRequest = (format: 'json' | 'csv', among: typeof tokens = tokens): autocannon.Request => ({
      method: 'GET',
      setupRequest: (request) => {
        const t = among[next++ % among.length];
        return { ...request, path: `${statementPath(t.holderId)}${format === 'csv' ? '&format=csv' : ''}`, headers: { authorization: `Bearer ${t.token}` } };
      },
      onResponse: (_status, _body, _context, headers) => {
        const how = (headers as Record<string, string> | undefined)?.['x-answer-cache'];
        if (how === 'hit') seen.hit++;
        else if (how === 'miss') seen.miss++;
        else seen.other++;
      },
    });
    const counted = () => {
      const c = { ...seen };
      Object.assign(seen, { hit: 0, miss: 0, other: 0 });
      return `${c.hit.toLocaleString('en')} hits, ${c.miss.toLocaleString('en')} misses${c.other ? `, ${c.other} other` : ''}`;
    };
    const load = (title: string, requests: autocannon.Request[], seconds: number, amount?: number) =>
      // autocannon refuses more connections than requests: a small --holders or --kept with the default 200.
      autocannon({ url: base, connections: amount === undefined ? connections : Math.min(connections, amount), duration: seconds, amount, title, requests });
    const health: autocannon.Request = { method: 'GET', path: '/health' };
    /**
     * The statements and the baseline in alternating slices (SLICES of each, the statements'
     * `amount` or `seconds` shared among them): on a machine shared with other work the load
     * drifts over minutes, and a baseline measured just before or after each slice drifts with it.
     */
    const alternating = async (title: string, format: 'json' | 'csv', statements: { seconds: number } | { amount: number }, among: typeof tokens = tokens) => {
      const baseline: Slice[] = [];
      const measured: Slice[] = [];
      for (let i = 0; i < SLICES; i++) {
        baseline.push(await sliced({ url: base, connections, duration: duration / SLICES, title: `${title} baseline`, requests: [health] }));
        const amount = 'amount' in statements ? Math.floor(statements.amount / SLICES) + (i < statements.amount % SLICES ? 1 : 0) : undefined;
        const part = amount !== undefined ? { amount } : { duration: (statements as { seconds: number }).seconds / SLICES };
        // autocannon refuses more connections than requests (a small --holders with the default 200 clients).
        const clients = amount !== undefined ? Math.min(connections, Math.max(1, amount)) : connections;
        measured.push(await sliced({ url: base, connections: clients, ...part, title, requests: [statementRequest(format, among)] }));
      }
      return { health: summary(baseline), statement: summary(measured) };
    };

    process.stdout.write('warm-up… ');
    await load('warm-up health', [health], 3);
    // The statements' computation warmed up on the same holders, as CSV: other answers than the JSON ones measured.
    next = 0;
    await load('warm-up statement (CSV)', [statementRequest('csv')], 5);
    counted();
    process.stdout.write('done\n');
    // Cold: every holder's statement, each asked for the first time (computed, then kept).
    next = 0;
    const cold = await alternating('cold', 'json', { amount: tokens.length });
    printSummary('GET /health', cold.health);
    printSummary('statement JSON, cold', cold.statement);
    process.stdout.write(`  (${counted()})\n`);
    // Warm: the same statements again, for the same time as the baseline (tokens the cold pass
    // looked up longer ago than TOKEN_CACHE_TTL_MS are looked up again).
    next = 0;
    const warm = await alternating('warm', 'json', { seconds: duration });
    printSummary('GET /health', warm.health);
    printSummary('statement JSON, warm', warm.statement);
    process.stdout.write(`  (${counted()})\n`);
    // Then the holders who are asking now: the first K (--kept, default 1,000), each of whom asks
    // again within the token cache's life (TOKEN_CACHE_TTL_MS), so answers and tokens are both
    // cached. (With 50,000 holders asked in turn, as above, no token comes back within 30 s.)
    const keptTokens = tokens.slice(0, Math.min(tokens.length, keptHolders));
    next = 0;
    await load('tokens of the holders asking now', [statementRequest('json', keptTokens)], 60, keptTokens.length);
    counted();
    next = 0;
    const kept = await alternating('warm, tokens kept', 'json', { seconds: duration }, keptTokens);
    printSummary('GET /health', kept.health);
    printSummary('statement JSON, warm+tok', kept.statement);
    process.stdout.write(`  (${counted()})\n`);
    for (const [name, r] of [['cold', cold], ['warm', warm], ['warm, tokens kept', kept]] as const) {
      const failed = r.statement.non2xx + r.statement.errors + r.health.non2xx + r.health.errors;
      if (failed > 0) throw new Error(`the ${name} load had ${r.statement.non2xx + r.health.non2xx} non-2xx answers and ${r.statement.errors + r.health.errors} errors`);
    }
    const times = (r: { health: Summary; statement: Summary }) => `${(r.statement.p99 / r.health.p99).toFixed(2)}×`;
    process.stdout.write(`statement p99 against the /health p99 of the same slices: cold ${times(cold)}, warm ${times(warm)}, warm with tokens kept ${times(kept)}\n`);
    // The p99 of /health moves from run to run (42-104 ms at 200 clients on the development machine); the medians less.
    const medians = (r: { health: Summary; statement: Summary }) => `${(r.statement.p50 / r.health.p50).toFixed(2)}×`;
    process.stdout.write(`statement p50 against the /health p50 of the same slices: cold ${medians(cold)}, warm ${medians(warm)}, warm with tokens kept ${medians(kept)}\n`);
    const statement = kept.statement;

    if (keep) process.stdout.write(`holder ${sample.holderId} token ${sample.token}\n`);
    const rssMb = peakRssMb(server.pid!);
    process.stdout.write(`API process peak RSS: ${rssMb} MB\n`);
    report({ bench: 'statements', rows, seconds: statement.p99 / 1000, baseline: 'health', baselineSeconds: kept.health.p99 / 1000, rssMb });
  } finally {
    await db?.end().catch(() => undefined);
    if (server) await stop(server);
    if (keep) process.stdout.write(`kept the database ${dbName}\n`);
    else if (serverUrl) {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await cleanup.end();
    }
    await embedded?.stop();
    if (redisUrl) await dropRedisKeys(redisUrl, `bench-statements-${process.pid}:`);
    rmSync(work, { recursive: true, force: true });
  }
}

/** The API as `npm start` runs it, on the bench database, with the rate limit out of the way. */
function startApi(databaseUrl: string, port: number, dataDir: string, redisUrl: string | undefined): { child: ChildProcess; ready: Promise<void> } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN, DEMO: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000000' };
  delete env.REDIS_URL;
  delete env.ANSWER_CACHE;
  if (redisUrl) Object.assign(env, { REDIS_URL: redisUrl, QUEUE_PREFIX: `bench-statements-${process.pid}` });
  delete env.NODE_OPTIONS;
  // Profiling aid: BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the API process.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.resolve(import.meta.dirname, '../apps/api/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Collective Ledger is up')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the API exited (${code}) before it was up:\n${output}`)));
  });
  return { child, ready };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function call(base: string, method: string, route: string, body?: unknown, contentType = 'application/json'): Promise<any> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function submitAndWait(base: string, societyId: string, csv: string): Promise<void> {
  const accepted = await call(base, 'POST', `/v1/societies/${societyId}/submissions?type=distribution-lines&period=2025Q1`, csv, 'text/csv');
  for (;;) {
    const s = await call(base, 'GET', `/v1/submissions/${accepted.id}`);
    if (s.status === 'committed') return;
    if (s.status === 'rejected') throw new Error(`the real package was rejected: ${JSON.stringify(s.errors)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** H rights holders with valid IPIs, numbered in a helper table for the line generator. */
async function insertHolders(db: pg.Client, holders: number): Promise<string[]> {
  const ipis = Array.from({ length: holders }, (_, h) => makeIpi(String(300_000_000 + h * 13).padStart(9, '0')));
  await db.query(`CREATE UNLOGGED TABLE bench_holders (n int PRIMARY KEY, id uuid NOT NULL, ipi char(11) NOT NULL, name text NOT NULL)`);
  for (let from = 0; from < holders; from += 10_000) {
    const chunk = ipis.slice(from, from + 10_000);
    await db.query(
      `WITH h AS (
         INSERT INTO rights_holders (name, ipi, kind, country)
         SELECT 'Holder ' || n, ipi, 'composer', 'RU' FROM unnest($1::int[], $2::text[]) AS x(n, ipi)
         RETURNING id, ipi, name)
       INSERT INTO bench_holders (n, id, ipi, name) SELECT substr(name, 8)::int, id, ipi, name FROM h`,
      [chunk.map((_, i) => from + i), chunk],
    );
  }
  process.stdout.write(`${holders.toLocaleString('en')} rights holders registered\n`);
  return ipis;
}

/** N lines generated in the database into the committed submissions, in chunks. */
async function loadLines(db: pg.Client, rows: number, holders: number): Promise<void> {
  await db.query(`
    CREATE UNLOGGED TABLE bench_submissions AS
    SELECT (row_number() OVER (ORDER BY s.cisac_code) - 1)::int AS n, s.id AS society_id, sub.id AS submission_id,
           (SELECT l.currency FROM distribution_lines l WHERE l.society_id = s.id AND l.submission_id = sub.id LIMIT 1) AS currency
    FROM societies s JOIN submissions sub ON sub.society_id = s.id AND sub.status = 'committed'`);
  await db.query(`SET session_replication_role = replica`);
  const chunk = 500_000;
  const started = Date.now();
  for (let from = 1; from <= rows; from += chunk) {
    const to = Math.min(rows, from + chunk - 1);
    await db.query(
      `INSERT INTO distribution_lines (society_id, submission_id, line_no, line_id, rights_holder_id, rights_holder_ipi, rights_holder_name, work_iswc, work_title,
         category, use_type, territory, use_from, use_to, currency, gross, management_fee, other_deductions, net, status, paid_on, mandate_basis, leaf_hash)
       SELECT s.society_id, s.submission_id, 100 + g, 'B-' || g,
              CASE WHEN x.unidentified THEN NULL ELSE h.id END, CASE WHEN x.unidentified THEN NULL ELSE h.ipi END,
              CASE WHEN x.unidentified THEN 'Unknown (cue sheet ' || g || ')' ELSE h.name END,
              'T0345246801', 'Work ' || (g % 100000),
              (ARRAY['performing', 'mechanical', 'communication', 'making-available'])[1 + (g / 7) % 4],
              (ARRAY['radio', 'tv', 'online', 'live', 'background'])[1 + (g / 11) % 5],
              'RU', x.first, x.last, s.currency, x.gross, x.fee, x.other, x.gross - x.fee - x.other,
              CASE WHEN x.unidentified THEN 'unidentified' WHEN x.paid THEN 'paid' ELSE 'unpaid' END,
              CASE WHEN x.paid AND NOT x.unidentified THEN x.last - 3 END,
              CASE WHEN g % 11 = 0 THEN 'non-contractual' ELSE 'contractual' END,
              '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea
       FROM generate_series($1::bigint, $2::bigint) AS g
       JOIN bench_submissions s ON s.n = g % 3
       JOIN bench_holders h ON h.n = (g * 7919) % $3
       CROSS JOIN LATERAL (
         SELECT g % 97 = 0 AS unidentified, (g / 3) % 3 <> 0 AS paid,
                (date '2024-01-01' + make_interval(months => 3 * ((g / 3) % 8)::int))::date AS first,
                (date '2024-01-01' + make_interval(months => 3 * ((g / 3) % 8)::int + 3))::date - 1 AS last,
                round((100 + (g * 104729) % 500000)::numeric / 100, 2) AS gross,
                round(round((100 + (g * 104729) % 500000)::numeric / 100, 2) * 0.15, 2) AS fee,
                round(round((100 + (g * 104729) % 500000)::numeric / 100, 2) * 0.02, 2) AS other
       ) x`,
      [from, to, holders],
    );
    const done = to;
    const rate = done / ((Date.now() - started) / 1000);
    process.stdout.write(`\rlines: ${done.toLocaleString('en')} / ${rows.toLocaleString('en')} (${Math.round(rate).toLocaleString('en')} lines/s)`);
  }
  await db.query(`SET session_replication_role = DEFAULT`);
  await db.query(`DROP TABLE bench_submissions`);
  process.stdout.write('\n');
}

/** Every holder entrusts the first society with performing rights (contractual). */
async function insertMandates(db: pg.Client, societyId: string): Promise<void> {
  await db.query(`INSERT INTO mandates (society_id, rights_holder_id, created_at) SELECT $1, id, now() FROM bench_holders`, [societyId]);
  await db.query(
    `INSERT INTO mandate_versions (society_id, mandate_id, version, rights_holder_id, category, work_type, territories, valid_from, basis, exclusive,
       consent_recorded_at, consent_recorded_by, change, recorded_at, recorded_by)
     SELECT society_id, id, 1, rights_holder_id, 'performing', 'musical', '{RU}', '2019-01-01', 'contractual', true, now(), 'bench', 'created', now(), 'bench'
     FROM mandates WHERE society_id = $1`,
    [societyId],
  );
}

/** Daily RUB and SEK rates to the euro for 2024-2025, through the API. */
async function uploadRates(base: string): Promise<void> {
  const lines = ['date,currency,rate_to_eur'];
  for (let d = Date.UTC(2024, 0, 1), i = 0; d <= Date.UTC(2025, 11, 31); d += 86_400_000, i++) {
    const day = new Date(d).toISOString().slice(0, 10);
    lines.push(`${day},RUB,0.0${100 + (i % 13)}`, `${day},SEK,0.0${870 + (i % 29)}`);
  }
  const result = await call(base, 'POST', '/v1/exchange-rates', `${lines.join('\n')}\n`, 'text/csv');
  process.stdout.write(`rates: ${result.stored} recorded\n`);
}

/** A rights-holder token for every holder (stored as SHA-256, like TokenService does). */
async function insertTokens(db: pg.Client): Promise<{ holderId: string; token: string }[]> {
  const holders: { id: string }[] = (await db.query(`SELECT id FROM bench_holders ORDER BY n`)).rows;
  const tokens = holders.map((h) => ({ holderId: h.id, token: `clt_${randomBytes(32).toString('base64url')}` }));
  for (let from = 0; from < tokens.length; from += 10_000) {
    const chunk = tokens.slice(from, from + 10_000);
    await db.query(
      `INSERT INTO api_tokens (token_hash, role, label, rights_holder_id) SELECT h, 'rights-holder', 'bench', id FROM unnest($1::bytea[], $2::uuid[]) AS x(h, id)`,
      [chunk.map((t) => hashToken(t.token)), chunk.map((t) => t.holderId)],
    );
  }
  await db.query(`DROP TABLE bench_holders`);
  return tokens;
}

/** Baseline and measured slices of each phase. */
const SLICES = 4;

interface Slice {
  result: autocannon.Result;
  /** Every response's latency, ms. */
  times: number[];
}

interface Summary {
  p50: number;
  p99: number;
  max: number;
  requests: number;
  perSecond: number;
  non2xx: number;
  errors: number;
}

/** One autocannon run, keeping every response's latency (slices are summed up together). */
function sliced(options: autocannon.Options): Promise<Slice> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon(options, (error, result) => (error ? reject(error as Error) : resolve({ result, times })));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

function summary(slices: Slice[]): Summary {
  const times = slices.flatMap((s) => s.times).sort((a, b) => a - b);
  const at = (q: number) => (times.length === 0 ? 0 : times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]);
  const seconds = slices.reduce((n, s) => n + s.result.duration, 0);
  return {
    p50: at(0.5),
    p99: at(0.99),
    max: times.at(-1) ?? 0,
    requests: times.length,
    perSecond: seconds > 0 ? times.length / seconds : 0,
    non2xx: slices.reduce((n, s) => n + s.result.non2xx, 0),
    errors: slices.reduce((n, s) => n + s.result.errors, 0),
  };
}

function printSummary(label: string, r: Summary): void {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  process.stdout.write(
    `${label.padEnd(24)} p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  ${Math.round(r.perSecond).toLocaleString('en')} req/s` +
      `  (${r.requests.toLocaleString('en')} requests, ${r.non2xx} non-2xx, ${r.errors} errors)\n`,
  );
}

/** Removes the bench's keys (its queues and kept answers) from Redis. */
async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = nextCursor;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
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
  process.stderr.write(`bench:statements failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
