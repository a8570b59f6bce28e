/**
 * Ingest benchmark.
 *
 *   npm run bench:ingest [-- --rows N] [--format csv|ndjson]
 *                                           (default 1,000,000 distribution lines, CSV)
 *
 * Generates N distribution lines deterministically into a CSV file, then measures in
 * the same run, on the same PostgreSQL (DATABASE_URL, or an embedded one):
 *   baseline  raw COPY of that file into a bare table of text columns;
 *   full      the real ingest through the API: streamed upload, staging COPY,
 *             set-based validation, one-transaction commit of typed lines with leaf
 *             hashes, Merkle root, journal and signed log head (upload → committed).
 * With --format ndjson the full ingest uploads the same lines as JSON Lines (the
 * baseline stays the raw COPY of the CSV: the same lines in the cheapest form).
 * ratio = baselineSeconds / seconds. rssMb is the peak RSS of this process, which runs
 * the API and the worker (in-process jobs). BENCH_LOG_LEVEL=debug shows the phases.
 *
 * The mandate register is not empty: a fifth of the holders (10,000 of 50,000) hold a
 * contractual mandate at the society (performing, WORLD but the US) and an exclusive one
 * at another society (mechanical, WORLD), so the mandate status derived at commit does
 * real work. That derivation is also timed on its own (`mandates`): the same statement
 * over the same lines, staged again as text.
 */
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mandateStatusSql } from '../libs/mandates/src/index.js';
import { seedMandates } from './mandate-register.js';
import { DISTRIBUTION_HEADER, writeDistributionLines, writeJsonLines } from './generate.js';
import { benchDatabase, bootBenchApp, choiceOption, intOption, report, rssSampler, timed } from './support.js';

async function main(): Promise<void> {
  const rows = intOption('rows', 1_000_000);
  const format = choiceOption('format', ['csv', 'ndjson'] as const);
  const memory = rssSampler();
  const db = await benchDatabase('ingest');
  try {
    const file = path.join(db.work, 'lines.csv');
    process.stdout.write(`generating ${rows} distribution lines… `);
    await writeDistributionLines(file, rows);
    process.stdout.write(`${(statSync(file).size / 1024 / 1024).toFixed(1)} MB\n`);
    let upload = file;
    if (format === 'ndjson') {
      upload = path.join(db.work, 'lines.ndjson');
      await writeJsonLines(file, upload);
      process.stdout.write(`the same lines as JSON Lines: ${(statSync(upload).size / 1024 / 1024).toFixed(1)} MB\n`);
    }

    // Baseline: raw COPY of the same file into a bare table.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`CREATE UNLOGGED TABLE bench_raw (${DISTRIBUTION_HEADER.split(',').map((c) => `${c} text`).join(', ')})`);
    const baseline = await timed(async () => {
      await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    });
    await client.query('DROP TABLE bench_raw');
    await client.end();
    process.stdout.write(`baseline: raw COPY into a bare table ${baseline.seconds.toFixed(2)} s\n`);

    // Full ingest through the API.
    const app = await bootBenchApp(db.url, db.work);
    const society = (await app.api('POST', '/v1/societies', { name: 'Bench Society', cisacCode: '555', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31 })).body as { id: string };
    const other = (await app.api('POST', '/v1/societies', { name: 'Bench Other', cisacCode: '556', country: 'SE', currency: 'SEK', fyEndMonth: 12, fyEndDay: 31 })).body as { id: string };
    const register = new pg.Client({ connectionString: db.url });
    await register.connect();
    const mandated = await seedMandates(register, society.id, other.id);
    process.stdout.write(`mandate register: ${mandated} mandates of ${mandated / 2} holders\n`);
    const full = await timed(() => app.submit(society.id, 'distribution-lines', '2025Q1', { file: upload }));
    process.stdout.write(`full ingest (${format} upload → committed, ${full.value.rows} rows): ${full.seconds.toFixed(2)} s\n`);
    const statuses = (await register.query(`SELECT mandate_status AS status, count(*)::int AS n FROM distribution_lines WHERE society_id = $1 GROUP BY 1 ORDER BY 1`, [society.id])).rows;
    process.stdout.write(`  derived statuses: ${statuses.map((r: { status: string; n: number }) => `${r.status} ${r.n}`).join(', ')}\n`);
    // The derivation as its own phase: the same statement over the same lines staged as text.
    await register.query(`CREATE UNLOGGED TABLE bench_stage (${DISTRIBUTION_HEADER.split(',').map((c) => `${c} text NOT NULL`).join(', ')}, work_type text NOT NULL DEFAULT '')`);
    await pipeline(createReadStream(file), register.query(copyFrom(`COPY bench_stage (${DISTRIBUTION_HEADER}) FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (${DISTRIBUTION_HEADER}))`)));
    await register.query('ANALYZE bench_stage');
    await register.query('SET jit = off');
    await register.query(`SET work_mem = '128MB'`);
    const derivation = await timed(() =>
      register.query(`CREATE UNLOGGED TABLE bench_status AS ${mandateStatusSql({ lines: 'bench_stage', society: '$1::uuid', knownAt: 'now()' })}`, [society.id]),
    );
    process.stdout.write(`  mandates (status derivation alone): ${derivation.seconds.toFixed(2)} s, ${((100 * derivation.seconds) / full.seconds).toFixed(1)} % of the full ingest\n`);
    await register.end();
    await app.close();
    memory.stop();
    report({ bench: 'ingest', rows, seconds: full.seconds, baseline: 'raw-copy', baselineSeconds: baseline.seconds, rssMb: memory.peakMb() });
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:ingest failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
