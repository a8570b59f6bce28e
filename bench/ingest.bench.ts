/**
 * Ingest benchmark.
 *
 *   npm run bench:ingest [-- --rows N]      (default 1,000,000 distribution lines)
 *
 * Generates N distribution lines deterministically into a CSV file, then measures in
 * the same run, on the same PostgreSQL (DATABASE_URL, or an embedded one):
 *   baseline  raw COPY of that file into a bare table of text columns;
 *   full      the real ingest through the API: streamed upload, staging COPY,
 *             set-based validation, one-transaction commit of typed lines with leaf
 *             hashes, Merkle root, journal and signed log head (upload → committed).
 * ratio = baselineSeconds / seconds. rssMb is the peak RSS of this process, which runs
 * the API and the worker (in-process jobs).
 */
import 'reflect-metadata';
import { createReadStream, mkdtempSync, rmSync, statSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { createApp } from '../apps/api/src/bootstrap.js';
import { createLogger } from '../apps/api/src/common/logger.js';
import { loadConfig } from '../libs/config/src/index.js';
import { ensureDatabase, openDatabase, startEmbeddedPostgres, withDatabase } from '../libs/database/src/index.js';
import { DISTRIBUTION_HEADER as HEADER, writeDistributionLines } from './generate.js';
import { intOption, report, rssSampler, timed } from './support.js';

async function main(): Promise<void> {
  const rows = intOption('rows', 1_000_000);
  const work = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  chmodSync(work, 0o755);
  const file = path.join(work, 'lines.csv');
  const memory = rssSampler();
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  try {
    process.stdout.write(`generating ${rows} distribution lines… `);
    await writeDistributionLines(file, rows);
    process.stdout.write(`${(statSync(file).size / 1024 / 1024).toFixed(1)} MB\n`);

    let server = process.env.DATABASE_URL;
    if (!server) {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg') });
      server = embedded.url;
    }
    const dbName = `ledger_bench_${process.pid}`;
    await ensureDatabase(server, dbName);
    const url = withDatabase(server, dbName);

    // Baseline: raw COPY of the same file into a bare table.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE UNLOGGED TABLE bench_raw (${HEADER.split(',').map((c) => `${c} text`).join(', ')})`);
    const baseline = await timed(async () => {
      await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    });
    await client.query('DROP TABLE bench_raw');
    await client.end();
    process.stdout.write(`baseline: raw COPY into a bare table ${baseline.seconds.toFixed(2)} s\n`);

    // Full ingest through the API.
    const config = loadConfig({ DATABASE_URL: url, DATA_DIR: work, ADMIN_TOKEN: 'bench-admin-token-0123456789', LOG_LEVEL: 'warn' });
    const dataSource = await openDatabase(url, { poolSize: 4 });
    const { app } = await createApp({ config, dataSource, logger: createLogger('warn', 'bench'), runWorkers: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const auth = { authorization: 'Bearer bench-admin-token-0123456789' };
    const society = await (
      await fetch(`${base}/v1/societies`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench Society', cisacCode: '555', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31 }),
      })
    ).json() as { id: string };
    const full = await timed(async () => {
      const res = await fetch(`${base}/v1/societies/${society.id}/submissions?type=distribution-lines&period=2025Q1`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/csv' },
        body: Readable.toWeb(createReadStream(file)) as unknown as RequestInit['body'],
        duplex: 'half',
      } as RequestInit);
      const accepted = (await res.json()) as { id: string; status: string };
      if (res.status !== 202) throw new Error(`upload: ${res.status} ${JSON.stringify(accepted)}`);
      for (;;) {
        const s = (await (await fetch(`${base}/v1/submissions/${accepted.id}`, { headers: auth })).json()) as { status: string; rows: number; errors: unknown[]; phase: string };
        if (s.status === 'committed') return s;
        if (s.status === 'rejected') throw new Error(`rejected: ${JSON.stringify(s.errors.slice(0, 3))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    process.stdout.write(`full ingest (upload → committed, ${full.value.rows} rows): ${full.seconds.toFixed(2)} s\n`);
    await app.close();
    await dataSource.destroy();
    const cleanup = new pg.Client({ connectionString: server });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await cleanup.end();
    memory.stop();
    report({ bench: 'ingest', rows, seconds: full.seconds, baseline: 'raw-copy', baselineSeconds: baseline.seconds, rssMb: memory.peakMb() });
  } finally {
    await embedded?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:ingest failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
