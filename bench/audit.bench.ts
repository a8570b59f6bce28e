/**
 * Audit benchmark.
 *
 *   npm run bench:audit [-- --rows N] [-- --trials T]   (default 1,000,000 lines, 5 trials)
 *
 * Loads N distribution lines (bench/generate.ts, one 2025Q1 package) plus small income,
 * deductions, inter-society and undistributed packages through the real ingest (the API,
 * the staging COPY, the commit with its journal and signed head: ~45 s for a million
 * lines, not timed), then measures in the same run, on the same PostgreSQL
 * (DATABASE_URL, or an embedded one), after one untimed run of each to warm the cache,
 * T alternating trials of each, reporting the medians:
 *   baseline  one `SELECT … GROUP BY` pass over the society's distribution lines
 *             (status, basis, currency: count, gross, net), JIT off like the audit;
 *   full      the whole audit through the API: POST /v1/audits → the job pins every
 *             society's head, runs the 22 rules in one REPEATABLE READ transaction
 *             (the grouped pass over the lines, evidence lines of the failing rules,
 *             journal, mandates, board) and stores the report with its SHA-256 → done.
 * BENCH_KEEP_DB=1 keeps the database afterwards (with DATABASE_URL) to inspect plans.
 * ratio = baselineSeconds / seconds. rssMb is the peak RSS of this process, which runs
 * the API and the worker (in-process jobs).
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
  const db = await benchDatabase('audit');
  const url = db.url;
  try {
    const file = path.join(db.work, 'lines.csv');
    process.stdout.write(`generating ${rows} distribution lines… `);
    await writeDistributionLines(file, rows);
    process.stdout.write(`${(statSync(file).size / 1024 / 1024).toFixed(1)} MB\n`);

    const app = await bootBenchApp(url, db.work);
    const api = app.api;
    const society = (await api('POST', '/v1/societies', { name: 'Bench Society', cisacCode: '556', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31 })).body as { id: string };
    const load = await timed(async () => {
      await app.submit(society.id, 'distribution-lines', '2025Q1', { file });
      for (const [type, csv] of COMPANION_PACKAGES) await app.submit(society.id, type, '2025Q1', { csv });
    });
    process.stdout.write(`loaded through the ingest (not timed in the ratio): ${load.seconds.toFixed(1)} s\n`);

    // Baseline: one grouped pass over the same lines, on its own connection.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('SET jit = off');
    await client.query(`VACUUM ANALYZE distribution_lines`);
    const groupBy = `SELECT status, mandate_basis, currency, count(*), sum(gross), sum(net) FROM distribution_lines WHERE society_id = $1 GROUP BY 1, 2, 3`;
    const audit = async () => {
      const accepted = await api('POST', '/v1/audits', { societyId: society.id, financialYear: 2025 });
      if (accepted.status !== 202) throw new Error(`audit: ${accepted.status} ${JSON.stringify(accepted.body)}`);
      for (;;) {
        const a = (await api('GET', `/v1/audits/${accepted.body.id}`)).body;
        if (a.status === 'done') return a;
        if (a.status === 'failed') throw new Error(`audit failed: ${a.error}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    // One untimed run of each warms the cache; then alternating trials, medians reported
    // (a shared machine's other work hits single trials hard).
    await client.query(groupBy, [society.id]);
    const last = await audit();
    const baselineTimes: number[] = [];
    const fullTimes: number[] = [];
    for (let i = 0; i < trials; i++) {
      baselineTimes.push((await timed(() => client.query(groupBy, [society.id]))).seconds);
      fullTimes.push((await timed(audit)).seconds);
    }
    await client.end();
    const baseline = median(baselineTimes);
    const full = median(fullTimes);
    const failed = last.findings.filter((f: { passed: boolean }) => !f.passed).map((f: { rule: string }) => f.rule);
    process.stdout.write(`baseline: one SELECT … GROUP BY pass over ${rows} lines, median of ${trials}: ${baseline.toFixed(3)} s (${baselineTimes.map((t) => t.toFixed(3)).join(', ')})\n`);
    process.stdout.write(`full audit (POST → done, ${last.findings.length} rules, ${failed.length} failed: ${failed.join(', ')}), median of ${trials}: ${full.toFixed(3)} s (${fullTimes.map((t) => t.toFixed(3)).join(', ')})\n`);

    await app.close();
    memory.stop();
    report({ bench: 'audit', rows, seconds: full, baseline: 'group-by', baselineSeconds: baseline, rssMb: memory.peakMb() });
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:audit failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
