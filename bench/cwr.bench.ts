/**
 * CWR reading benchmark.
 *
 *   npm run bench:cwr [-- --rows N]
 *
 * Writes a CWR 2.2 file of N records (default 1,000,000: HDR, GRH, NWR transactions of 12
 * records each — NWR, SPU, SPT, two SWR/SWT/PWR, ALT, PER, REC — GRT, TRL) to a temporary
 * folder, then, in the same run:
 *
 * - baseline: reads the file as a stream and splits it into lines, each decoded to a
 *   string (what any line-based reader has to do);
 * - measured: `readCwr` on the same file as a stream: every record parsed into typed
 *   fields and checked (field, record and transaction edits, shares per right and
 *   territory, sequences, GRT/TRL counts), one transaction in memory at a time.
 *
 * Peak RSS is sampled over both and must stay under 512 MB. The last line printed is the
 * JSON summary (CONTRACT.md "Benchmarks"); ratio = baselineSeconds / seconds.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { byteLines } from '../libs/cwr/src/lines.js';
import { readCwr, sampleCwrLines } from '../libs/cwr/src/index.js';
import { intOption, report, rssSampler, timed } from './support.js';

const RECORDS_PER_WORK = 12;
const rows = intOption('rows', 1_000_000);
const works = Math.max(1, Math.round((rows - 4) / RECORDS_PER_WORK));
const work = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-cwr-'));
const file = path.join(work, 'CW260001SMP_000.V22');

async function writeFile(): Promise<number> {
  const out = createWriteStream(file);
  let lines = 0;
  let buffer: string[] = [];
  for (const line of sampleCwrLines(works, { version: '2.2' })) {
    buffer.push(line);
    lines++;
    if (buffer.length === 4096) {
      if (!out.write(buffer.join('\r\n') + '\r\n', 'latin1')) await once(out, 'drain');
      buffer = [];
    }
  }
  out.end(buffer.join('\r\n') + (buffer.length ? '\r\n' : ''), 'latin1');
  await once(out, 'finish');
  return lines;
}

try {
  const written = await writeFile();
  const megabytes = statSync(file).size / 1024 / 1024;
  process.stdout.write(`wrote ${written.toLocaleString('en')} records (${works.toLocaleString('en')} works, ${megabytes.toFixed(1)} MB) to ${file}\n`);
  const rss = rssSampler(20);

  const baseline = await timed(async () => {
    let lines = 0;
    let chars = 0;
    for await (const line of byteLines(createReadStream(file, { highWaterMark: 1 << 16 }))) {
      chars += Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('latin1').length;
      lines++;
    }
    return { lines, chars };
  });
  process.stdout.write(`baseline: read and split ${baseline.value.lines.toLocaleString('en')} lines in ${baseline.seconds.toFixed(2)} s\n`);

  const measured = await timed(async () => {
    let transactions = 0;
    let records = 0;
    let problems = 0;
    let summary = null;
    for await (const event of readCwr(createReadStream(file, { highWaterMark: 1 << 16 }))) {
      if (event.kind === 'transaction') {
        transactions++;
        records += event.transaction.records.length;
        problems += event.transaction.problems.length;
      } else if (event.kind === 'end') {
        summary = event.summary;
      }
    }
    return { transactions, records, problems, summary };
  });
  rss.stop();
  const { summary } = measured.value;
  if (!summary || summary.lines !== written || summary.rejected || measured.value.problems > 0 || measured.value.transactions !== works) {
    throw new Error(`the sample file did not read clean: ${JSON.stringify({ lines: summary?.lines, written, rejected: summary?.rejected, problems: measured.value.problems, counts: summary?.problemCounts })}`);
  }
  process.stdout.write(
    `readCwr: ${summary.lines.toLocaleString('en')} records, ${measured.value.transactions.toLocaleString('en')} transactions parsed and checked in ${measured.seconds.toFixed(2)} s ` +
      `(${Math.round(summary.lines / measured.seconds).toLocaleString('en')} records/s), no problem; peak RSS ${rss.peakMb()} MB\n`,
  );
  if (rss.peakMb() > 512) process.stdout.write(`peak RSS ${rss.peakMb()} MB is over the 512 MB limit\n`);
  report({ bench: 'cwr', rows: summary.lines, seconds: measured.seconds, baseline: 'read and split the same file into lines', baselineSeconds: baseline.seconds, rssMb: rss.peakMb() });
  if (rss.peakMb() > 512) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
