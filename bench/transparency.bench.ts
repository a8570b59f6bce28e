/**
 * Transparency report benchmark.
 *
 *   npm run bench:transparency [-- --rows N] [-- --trials T]   (default 1,000,000 lines, 5 trials)
 *
 * Loads N distribution lines (bench/generate.ts, one 2025Q1 package) and the small
 * companion packages through the real ingest (not timed), then measures in the same
 * run, on the same PostgreSQL (DATABASE_URL, or an embedded one), after one untimed run
 * of each to warm the cache, T alternating trials of each, reporting the medians:
 *   baseline  one `SELECT … GROUP BY` pass over the society's distribution lines
 *             (status, basis, currency: count, gross, net), JIT off;
 *   full      GET /v1/societies/{id}/transparency-report?financialYear=2025 (JSON): the
 *             report pinned to the latest signed head, every Annex figure computed (the
 *             reports the service keeps are dropped before each trial; the kept report's
 *             answer is printed too, not in the ratio).
 * ratio = baselineSeconds / seconds. rssMb is the peak RSS of this process (API and worker).
 */
import path from 'node:path';
import { statSync } from 'node:fs';
import pg from 'pg';
import { COMPANION_PACKAGES, writeDistributionLines } from './generate.js';
import { benchDatabase, bootBenchApp, intOption, median, report, rssSampler, timed } from './support.js';

async function main(): Promise<void> {
  const rows = intOption('rows', 1_000_000);
  const trials = intOption('trials', 5);
  const memory = rssSampler();
  const db = await benchDatabase('transparency');
  try {
    const file = path.join(db.work, 'lines.csv');
    process.stdout.write(`generating ${rows} distribution lines… `);
    await writeDistributionLines(file, rows);
    process.stdout.write(`${(statSync(file).size / 1024 / 1024).toFixed(1)} MB\n`);

    const app = await bootBenchApp(db.url, db.work);
    const society = (await app.api('POST', '/v1/societies', { name: 'Bench Society', cisacCode: '558', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31 })).body as { id: string };
    const load = await timed(async () => {
      await app.submit(society.id, 'distribution-lines', '2025Q1', { file });
      for (const [type, csv] of COMPANION_PACKAGES) await app.submit(society.id, type, '2025Q1', { csv });
    });
    process.stdout.write(`loaded through the ingest (not timed): ${load.seconds.toFixed(1)} s\n`);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('SET jit = off');
    await client.query(`VACUUM ANALYZE distribution_lines`);
    const groupBy = `SELECT status, mandate_basis, currency, count(*), sum(gross), sum(net) FROM distribution_lines WHERE society_id = $1 GROUP BY 1, 2, 3`;
    const { TransparencyService } = await import('../libs/transparency/src/index.js');
    const forget = () => app.nest.get(TransparencyService).forgetReports();
    const reportOnce = async () => {
      const res = await app.api('GET', `/v1/societies/${society.id}/transparency-report?financialYear=2025`);
      if (res.status !== 200) throw new Error(`transparency report: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      return res.body;
    };
    await client.query(groupBy, [society.id]);
    const last = await reportOnce();
    const baselineTimes: number[] = [];
    const fullTimes: number[] = [];
    const keptTimes: number[] = [];
    for (let i = 0; i < trials; i++) {
      baselineTimes.push((await timed(() => client.query(groupBy, [society.id]))).seconds);
      forget();
      fullTimes.push((await timed(reportOnce)).seconds);
      keptTimes.push((await timed(reportOnce)).seconds);
    }
    await client.end();
    const baseline = median(baselineTimes);
    const full = median(fullTimes);
    process.stdout.write(`baseline: one SELECT … GROUP BY pass over ${rows} lines, median of ${trials}: ${baseline.toFixed(3)} s (${baselineTimes.map((t) => t.toFixed(3)).join(', ')})\n`);
    process.stdout.write(`full report (pinned at tree size ${last.head?.treeSize ?? '?'}), median of ${trials}: ${full.toFixed(3)} s (${fullTimes.map((t) => t.toFixed(3)).join(', ')})\n`);
    process.stdout.write(`the same report again, as kept: median ${median(keptTimes).toFixed(3)} s\n`);
    await app.close();
    memory.stop();
    report({ bench: 'transparency', rows, seconds: full, baseline: 'group-by', baselineSeconds: baseline, rssMb: memory.peakMb() });
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:transparency failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
