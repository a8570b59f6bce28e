/**
 * Verify benchmark.
 *
 *   npm run bench:verify [-- --rows N]      (default 1,000,000 distribution lines)
 *
 * Loads N distribution lines (bench/generate.ts, one 2025Q1 package) through the real
 * ingest (not timed), then measures in the same run, on the same PostgreSQL
 * (DATABASE_URL, or an embedded one), after one untimed run of each to warm the cache:
 *   baseline  reading the society's lines once: `COPY (SELECT * …) TO STDOUT`, drained;
 *   full      POST /v1/societies/{id}/verify: every line's leaf hash recomputed from its
 *             columns, the submission's tree rebuilt, the log and every signed head
 *             checked against them (ok: true expected).
 * ratio = baselineSeconds / seconds. rssMb is the peak RSS of this process, which runs
 * the API and the worker.
 */
import path from 'node:path';
import { statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { writeDistributionLines } from './generate.js';
import { benchDatabase, bootBenchApp, intOption, report, rssSampler, timed } from './support.js';

async function main(): Promise<void> {
  const rows = intOption('rows', 1_000_000);
  const memory = rssSampler();
  const db = await benchDatabase('verify');
  try {
    const file = path.join(db.work, 'lines.csv');
    process.stdout.write(`generating ${rows} distribution lines… `);
    await writeDistributionLines(file, rows);
    process.stdout.write(`${(statSync(file).size / 1024 / 1024).toFixed(1)} MB\n`);

    const app = await bootBenchApp(db.url, db.work);
    const society = (await app.api('POST', '/v1/societies', { name: 'Bench Society', cisacCode: '557', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31 })).body as { id: string };
    const load = await timed(() => app.submit(society.id, 'distribution-lines', '2025Q1', { file }));
    process.stdout.write(`loaded through the ingest (not timed): ${load.seconds.toFixed(1)} s\n`);

    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined); // the database is dropped at the end, also after a failure
    await client.connect();
    let bytes = 0;
    const readAll = () =>
      pipeline(
        client.query(copyTo(`COPY (SELECT * FROM distribution_lines WHERE society_id = '${society.id}') TO STDOUT`)),
        new Writable({
          write(chunk: Buffer, _enc, done) {
            bytes += chunk.length;
            done();
          },
        }),
      );
    const verify = async () => {
      const res = await app.api('POST', `/v1/societies/${society.id}/verify`);
      if (res.status !== 200 || res.body.ok !== true) throw new Error(`verify: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      return res.body as { checkedLines: number };
    };
    await readAll();
    await verify();
    bytes = 0;
    const baseline = await timed(readAll);
    process.stdout.write(`baseline: read every line once (COPY TO, ${(bytes / 1024 / 1024).toFixed(1)} MB) ${baseline.seconds.toFixed(2)} s\n`);
    const full = await timed(verify);
    process.stdout.write(`full verify (${full.value.checkedLines} lines recomputed, ok): ${full.seconds.toFixed(2)} s\n`);
    await client.end();
    await app.close();
    memory.stop();
    report({ bench: 'verify', rows, seconds: full.seconds, baseline: 'copy-out', baselineSeconds: baseline.seconds, rssMb: memory.peakMb() });
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:verify failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
